#include "control/request_log.hpp"

#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {

json::object RequestLog::SafeHeaders(const Headers& headers) {
  json::object out;
  for (const auto& [name, value] : headers.All()) {
    if (IEquals(name, "Authorization") || IEquals(name, "Proxy-Authorization") ||
        IEquals(name, "Cookie")) {
      continue;
    }
    out[ToLower(name)] = value;
  }
  return out;
}

std::string RequestLog::SafeQuery(const std::string& raw_query) {
  static const char* const kSecrets[] = {"client_secret", "client_assertion", "password",
                                         "refresh_token", "access_token",     "code",
                                         "device_code",   "assertion"};
  std::string out;
  for (const std::string& pair : Split(raw_query, '&')) {
    size_t eq = pair.find('=');
    std::string name = PercentDecode(pair.substr(0, eq), true);
    bool secret = false;
    for (const char* s : kSecrets) secret |= IEquals(name, s);
    if (!out.empty()) out += '&';
    out += secret && eq != std::string::npos ? pair.substr(0, eq) + "=REDACTED" : pair;
  }
  return out;
}

void RequestLog::Add(RequestLogEntry entry) {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.push_back(std::move(entry));
  sequence_.push_back(next_sequence_++);
  while (entries_.size() > capacity_) {
    entries_.pop_front();
    sequence_.pop_front();
  }
}

void RequestLog::Clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.clear();
  sequence_.clear();
}

json::array RequestLog::List(const std::string& path_contains) {
  std::lock_guard<std::mutex> lock(mutex_);
  json::array out;
  for (size_t i = 0; i < entries_.size(); ++i) {
    const RequestLogEntry& e = entries_[i];
    if (!path_contains.empty() && !IContains(e.path + "?" + e.query, path_contains)) continue;
    out.push_back(json::object{{"sequence", sequence_[i]},
                               {"time", e.time},
                               {"host", e.host},
                               {"method", e.method},
                               {"path", e.path},
                               {"query", e.query},
                               {"status", e.status},
                               {"fault", e.fault},
                               {"durationMs", e.duration_ms},
                               {"requestId", e.request_id},
                               {"headers", e.headers}});
  }
  return out;
}

}  // namespace azscsp::emulator
