#include "control/traffic_recorder.hpp"

#include <boost/json.hpp>
#include <cctype>
#include <cstdio>

#include "util/files.hpp"
#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

json::value BodyJson(const std::string& body) {
  if (Trim(body).empty()) return nullptr;
  boost::system::error_code ec;
  json::value parsed = json::parse(body, ec);
  return ec ? json::value(nullptr) : parsed;
}

json::object HeadersJson(const Headers& headers) {
  json::object out;
  for (const auto& [name, value] : headers.All()) {
    bool credential = IEquals(name, "Authorization") || IEquals(name, "Proxy-Authorization");
    if (IEquals(name, "Cookie")) continue;
    out[ToLower(name)] = credential ? "Bearer [redacted]" : value;
  }
  return out;
}

// The last two path segments, reduced to file-name-safe characters: "registrations_myreg".
std::string ShortRoute(const std::string& target) {
  std::string path = target.substr(0, target.find('?'));
  std::vector<std::string> segments;
  for (const std::string& s : Split(path, '/')) {
    if (!s.empty()) segments.push_back(s);
  }
  std::string out;
  for (size_t i = segments.size() > 2 ? segments.size() - 2 : 0; i < segments.size(); ++i) {
    if (!out.empty()) out += '_';
    for (char c : segments[i]) {
      bool safe = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
      out += safe ? c : '-';
    }
  }
  return out.substr(0, 60);
}

int NextInstance() {
  static std::atomic<int> instances{0};
  return ++instances;
}

}  // namespace

TrafficRecorder::TrafficRecorder(std::filesystem::path directory)
    : directory_(std::move(directory)), instance_(NextInstance()) {
  std::error_code ec;
  std::filesystem::create_directories(directory_, ec);
  if (ec || !std::filesystem::is_directory(directory_)) {
    throw std::runtime_error("cannot create the record directory '" + directory_.string() +
                             "': " + ec.message());
  }
}

void TrafficRecorder::Record(const std::string& base_url, const HttpRequest& request,
                             const HttpResponse& response) {
  json::object exchange{{"liveRequest",
                         {{"method", request.method},
                          {"url", base_url + request.target},
                          {"headers", HeadersJson(request.headers)},
                          {"body", BodyJson(request.body)}}},
                        {"liveResponse",
                         {{"statusCode", std::to_string(response.status)},
                          {"headers", HeadersJson(response.headers)},
                          {"body", BodyJson(response.body)}}}};
  char sequence[16];
  std::snprintf(sequence, sizeof sequence, "%06ld", ++sequence_);
  std::string name = std::to_string(CurrentProcessId()) + "-" + std::to_string(instance_) + "-" +
                     sequence + "-" + request.method + "-" + ShortRoute(request.target) + ".json";
  try {
    WriteFileAtomic(directory_ / name, json::serialize(exchange));
  } catch (const std::exception&) {
    // Recording is best effort: the exchange itself already happened.
  }
}

}  // namespace azscsp::emulator
