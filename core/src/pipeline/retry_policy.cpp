#include <algorithm>
#include <cstdlib>
#include <random>

#include "azscsp/errors.hpp"
#include "azscsp/http/policies.hpp"
#include "azscsp/util/log.hpp"
#include "azscsp/util/time_format.hpp"

namespace azscsp::http {
namespace {

using std::chrono::milliseconds;

std::optional<long long> ParseNonNegativeInteger(const std::string& text) {
  if (text.empty() || text.size() > 12) return std::nullopt;
  for (char c : text)
    if (c < '0' || c > '9') return std::nullopt;
  return std::atoll(text.c_str());
}

double Jitter() {
  // 0.8 to 1.3, as azure-core does, so that many clients retrying together spread out.
  thread_local std::mt19937 generator{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.8, 1.3)(generator);
}

std::string DescribeAttempt(const Request& request) {
  const std::string& target = request.url.target;
  return std::string(MethodName(request.method)) + " " + request.url.scheme + "://" +
         request.url.Authority() + target.substr(0, target.find('?'));
}

// Statuses that say the server did not act on the request, so even a POST may be sent again.
bool ServerDidNotProcess(int status) {
  return status == 408 || status == 429 || status == 503;
}

}  // namespace

RetryPolicy::RetryPolicy(RetryOptions options, util::Clock& clock)
    : options_(std::move(options)), clock_(clock) {}

std::chrono::milliseconds RetryPolicy::BackoffDelay(int attempt) const {
  const double exponential =
      static_cast<double>(options_.base_delay.count()) * (1LL << std::min(attempt - 1, 30));
  const double capped = std::min(exponential * Jitter(), double(options_.max_delay.count()));
  return milliseconds(static_cast<long long>(capped));
}

std::optional<milliseconds> RetryPolicy::DelayFromHeaders(const Response& response,
                                                          util::Clock::SystemTime now) {
  for (const char* name : {"retry-after-ms", "x-ms-retry-after-ms"}) {
    if (auto value = response.Header(name))
      if (auto ms = ParseNonNegativeInteger(*value)) return milliseconds(*ms);
  }
  if (auto value = response.Header("Retry-After")) {
    if (auto seconds = ParseNonNegativeInteger(*value)) return milliseconds(*seconds * 1000);
    if (auto date = util::ParseHttpDate(*value)) {
      auto delay = std::chrono::duration_cast<milliseconds>(*date - now);
      return std::max(delay, milliseconds(0));
    }
  }
  return std::nullopt;
}

Response RetryPolicy::Send(Request& request, const NextPolicy& next, const util::Context& context) {
  for (int attempt = 1;; ++attempt) {
    const bool last_attempt = attempt > options_.max_retries;
    Request attempt_request = request;  // each try starts from the same request
    milliseconds delay{0};
    std::string reason;
    try {
      Response response = next.Send(attempt_request, context);
      if (last_attempt || options_.status_codes.count(response.status) == 0) return response;
      if (!request.IsIdempotent() && !ServerDidNotProcess(response.status)) return response;
      auto server_delay = DelayFromHeaders(response, clock_.Now());
      // Retrying before the server's Retry-After only earns another refusal: give the answer back.
      if (server_delay && *server_delay > options_.max_delay) return response;
      delay = server_delay ? *server_delay : BackoffDelay(attempt);
      reason = "HTTP " + std::to_string(response.status);
    } catch (const TransportError& error) {
      // The request may have reached the server: only repeat what is safe to repeat.
      if (last_attempt || !request.IsIdempotent()) throw;
      delay = BackoffDelay(attempt);
      reason = error.what();
    } catch (const TimeoutError& error) {
      // A single attempt timing out is worth another try; the caller's own deadline is not.
      if (last_attempt ||
          (context.Deadline() && util::Context::Clock::now() >= *context.Deadline()))
        throw;
      delay = BackoffDelay(attempt);
      reason = error.what();
    }
    if (auto deadline = context.Deadline();
        deadline && util::Context::Clock::now() + delay >= *deadline) {
      throw TimeoutError("Gave up retrying " + DescribeAttempt(request) + " after " + reason +
                         ": the next attempt would start after the operation's deadline.");
    }
    // Verbose, not warning: a bulk import under throttling would flood the warning stream, and
    // giving up surfaces as the error itself.
    util::Log(context, util::LogLevel::Verbose,
              "Retrying " + DescribeAttempt(request) + " after " + reason + " (retry " +
                  std::to_string(attempt) + " of " + std::to_string(options_.max_retries) +
                  ", waiting " + std::to_string(delay.count()) + " ms).");
    clock_.SleepFor(delay, context);
  }
}

}  // namespace azscsp::http
