#include <algorithm>
#include <array>
#include <chrono>
#include <string_view>

#include "azscsp/errors.hpp"
#include "azscsp/http/policies.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/log.hpp"

namespace azscsp::http {
namespace {

constexpr const char* kRedacted = "REDACTED";
constexpr size_t kMaxLoggedBody = 4096;

// Only these headers are logged with their values: none of them can carry a credential.
constexpr std::array<const char*, 26> kAllowedHeaders = {"accept",
                                                         "content-type",
                                                         "content-length",
                                                         "user-agent",
                                                         "date",
                                                         "etag",
                                                         "location",
                                                         "retry-after",
                                                         "retry-after-ms",
                                                         "x-ms-retry-after-ms",
                                                         "x-ms-client-request-id",
                                                         "x-ms-return-client-request-id",
                                                         "x-ms-request-id",
                                                         "x-ms-correlation-request-id",
                                                         "x-ms-routing-request-id",
                                                         "x-ms-failure-cause",
                                                         "www-authenticate",
                                                         "connection",
                                                         "transfer-encoding",
                                                         "cache-control",
                                                         "ms-requestid",
                                                         "ms-correlationid",
                                                         "ms-cv",
                                                         "ms-serverid",
                                                         "x-locale",
                                                         "ms-contract-version"};

constexpr std::array<const char*, 12> kAllowedQueryNames = {
    "api-version",       "$skipToken",      "$top",
    "$filter",           "$expand",         "$select",
    "reportedStartTime", "reportedEndTime", "aggregationGranularity",
    "subscriberId",      "showDetails",     "mkt"};

bool HeaderAllowed(const std::string& name) {
  if (util::StartsWithIgnoreCase(name, "x-ms-ratelimit-")) return true;
  for (const char* allowed : kAllowedHeaders)
    if (util::EqualsIgnoreCase(name, allowed)) return true;
  return false;
}

bool QueryNameAllowed(std::string_view name) {
  for (const char* allowed : kAllowedQueryNames)
    if (util::EqualsIgnoreCase(name, allowed)) return true;
  return false;
}

}  // namespace

std::string LoggingPolicy::RedactUrl(const Url& url) {
  const std::string& target = url.target;
  const size_t question = target.find('?');
  std::string out = url.scheme + "://" + url.Authority() + target.substr(0, question);
  if (question == std::string::npos) return out;
  std::string_view query(target);
  query.remove_prefix(question + 1);
  char separator = '?';
  while (!query.empty()) {
    const size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    const size_t equals = pair.find('=');
    std::string_view name = pair.substr(0, equals);
    out += separator;
    out.append(name);
    if (equals != std::string_view::npos) {
      out += '=';
      if (QueryNameAllowed(name))
        out.append(pair.substr(equals + 1));
      else
        out += kRedacted;
    }
    separator = '&';
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return out;
}

std::string LoggingPolicy::RedactHeaders(const Headers& headers) {
  std::string out;
  for (const auto& [name, value] : headers) {
    out += "\n  " + name + ": " + (HeaderAllowed(name) ? value : kRedacted);
  }
  return out;
}

std::string LoggingPolicy::RedactBody(const std::string& body) {
  // Belt and braces: even bodies we consider safe lose any string value of a secret-looking key.
  // The whole body is redacted first (a secret crossing the cut must not leave its head behind),
  // then cut. A hand-written scan rather than a regex: JSON strings with escaped quotes, and no
  // regex recursion on megabyte bodies.
  static constexpr std::array<std::string_view, 9> kSecretKeys = {
      "access_token", "refresh_token", "id_token",          "client_secret", "client_assertion",
      "password",     "secret",        "registrationToken", "activationKey"};
  // The end (one past the closing quote) of the JSON string starting at `start` (a quote), or npos.
  auto string_end = [&body](size_t start) {
    for (size_t i = start + 1; i < body.size(); ++i) {
      if (body[i] == '\\')
        ++i;
      else if (body[i] == '"')
        return i + 1;
    }
    return std::string::npos;
  };
  auto skip_space = [&body](size_t i) {
    while (i < body.size() &&
           (body[i] == ' ' || body[i] == '\t' || body[i] == '\n' || body[i] == '\r'))
      ++i;
    return i;
  };
  std::string redacted;
  redacted.reserve(std::min(body.size(), kMaxLoggedBody + 64));
  size_t i = 0;
  while (i < body.size()) {
    const size_t quote = body.find('"', i);
    if (quote == std::string::npos) {
      redacted.append(body, i, std::string::npos);
      break;
    }
    redacted.append(body, i, quote - i);
    const size_t key_end = string_end(quote);
    if (key_end == std::string::npos) {  // unterminated: copy the rest as it is
      redacted.append(body, quote, std::string::npos);
      break;
    }
    redacted.append(body, quote, key_end - quote);
    i = key_end;
    const std::string_view key(body.data() + quote + 1, key_end - quote - 2);
    const bool secret =
        std::any_of(kSecretKeys.begin(), kSecretKeys.end(),
                    [&](std::string_view name) { return util::EqualsIgnoreCase(key, name); });
    if (!secret) continue;
    const size_t colon = skip_space(key_end);
    if (colon >= body.size() || body[colon] != ':') continue;
    const size_t value = skip_space(colon + 1);
    if (value >= body.size() || body[value] != '"') continue;
    const size_t value_end = string_end(value);
    redacted += ":\"";
    redacted += kRedacted;
    redacted += '"';
    if (value_end == std::string::npos) break;  // unterminated secret: nothing more is logged
    i = value_end;
  }
  if (redacted.size() > kMaxLoggedBody) {
    redacted.resize(kMaxLoggedBody);
    redacted += "... (" + std::to_string(body.size()) + " bytes)";
  }
  return redacted;
}

Response LoggingPolicy::Send(Request& request, const NextPolicy& next,
                             const util::Context& context) {
  util::LogSink* sink = context.Log();
  if (sink == nullptr || !sink->Enabled(util::LogLevel::Verbose))
    return next.Send(request, context);

  const bool debug = sink->Enabled(util::LogLevel::Debug);
  std::string line =
      std::string("HTTP request: ") + MethodName(request.method) + " " + RedactUrl(request.url);
  if (debug) {
    line += RedactHeaders(request.headers);
    if (!request.body.empty())
      line += "\n  body: " + (request.sensitive_body
                                  ? std::string("(") + kRedacted + ": sign-in request)"
                                  : RedactBody(request.body));
  }
  sink->Write(util::LogLevel::Verbose, line);

  const auto started = std::chrono::steady_clock::now();
  try {
    Response response = next.Send(request, context);
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    std::string result = "HTTP response: " + std::to_string(response.status) + " " +
                         response.reason + " (" + std::to_string(elapsed.count()) + " ms)";
    if (auto id = response.Header("x-ms-request-id")) result += " x-ms-request-id: " + *id;
    if (debug) {
      result += RedactHeaders(response.headers);
      if (!response.body.empty())
        result += "\n  body: " + (request.sensitive_body
                                      ? std::string("(") + kRedacted + ": sign-in response)"
                                      : RedactBody(response.body));
    }
    sink->Write(util::LogLevel::Verbose, result);
    return response;
  } catch (const Error& error) {
    sink->Write(util::LogLevel::Verbose, std::string("HTTP request failed: ") + error.what());
    throw;
  }
}

}  // namespace azscsp::http
