// The standard policies. Order used by the clients (outermost first):
//   Telemetry -> RequestId -> Retry -> BearerToken -> Logging -> transport
// so that every retry gets a fresh token when needed and is logged, and the client request id is
// the same across the retries of one call.
#pragma once

#include <chrono>
#include <memory>
#include <set>
#include <string>

#include "azscsp/http/pipeline.hpp"
#include "azscsp/util/clock.hpp"

namespace azscsp::auth {
class TokenCredential;
}

namespace azscsp::http {

// Sets User-Agent: AzsCsp/<version> (<os>) [suffix].
class TelemetryPolicy final : public Policy {
 public:
  explicit TelemetryPolicy(std::string suffix = {});
  Response Send(Request& request, const NextPolicy& next, const util::Context& context) override;
  const std::string& UserAgent() const { return user_agent_; }

 private:
  std::string user_agent_;
};

// Sets x-ms-client-request-id (unless the caller set one) and asks for it to be echoed.
class RequestIdPolicy final : public Policy {
 public:
  Response Send(Request& request, const NextPolicy& next, const util::Context& context) override;
};

struct RetryOptions {
  int max_retries = 3;
  std::chrono::milliseconds base_delay{800};
  std::chrono::milliseconds max_delay{60'000};
  std::set<int> status_codes{408, 429, 500, 502, 503, 504};
};

// Retries throttling, server errors and transport failures with exponential backoff and jitter,
// honouring Retry-After (seconds or HTTP-date), retry-after-ms and x-ms-retry-after-ms.
class RetryPolicy final : public Policy {
 public:
  RetryPolicy(RetryOptions options, util::Clock& clock);
  Response Send(Request& request, const NextPolicy& next, const util::Context& context) override;

  // The delay before retry number `attempt` (1-based) when the server named none; with jitter.
  std::chrono::milliseconds BackoffDelay(int attempt) const;
  // The server's requested delay, if any header names one.
  static std::optional<std::chrono::milliseconds> DelayFromHeaders(const Response& response,
                                                                   util::Clock::SystemTime now);

 private:
  RetryOptions options_;
  util::Clock& clock_;
};

// Adds "Authorization: Bearer" for `resource`; refuses plain http; on a 401 that says the token is
// invalid or expired, gets a fresh token once and retries once.
class BearerTokenPolicy final : public Policy {
 public:
  BearerTokenPolicy(std::shared_ptr<auth::TokenCredential> credential, std::string resource);
  Response Send(Request& request, const NextPolicy& next, const util::Context& context) override;

 private:
  std::shared_ptr<auth::TokenCredential> credential_;
  std::string resource_;
};

// Logs each attempt: the request line at verbose, allow-listed headers (and non-sensitive bodies)
// at debug. Authorization, cookies, unknown headers and query values outside the allow-list are
// written as REDACTED; bodies of token-endpoint requests and responses never.
class LoggingPolicy final : public Policy {
 public:
  Response Send(Request& request, const NextPolicy& next, const util::Context& context) override;

  static std::string RedactUrl(const Url& url);
  static std::string RedactHeaders(const Headers& headers);
  // Removes values of JSON keys that may carry secrets (access_token, client_secret, ...).
  static std::string RedactBody(const std::string& body);
};

}  // namespace azscsp::http
