#include "control/fault_response.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "http/responses.hpp"
#include "identity/aad_errors.hpp"
#include "partnercenter/pc_errors.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace azscsp::emulator {
namespace {

std::string SubscriptionOf(const RequestInfo& info) {
  const auto& s = info.target.segments;
  return s.size() >= 2 && IEquals(s[0], "subscriptions") ? s[1] : std::string();
}

HttpResponse ArmFault(int status, const RequestInfo& info, const std::string& retry_after) {
  std::string subscription = SubscriptionOf(info);
  bool customer_subscriptions = IContains(info.target.Path(), "customerSubscriptions");
  switch (status) {
    case 429:
      return ArmError(429, "SubscriptionRequestsThrottled",
                      "Number of requests for subscription '" + subscription +
                          "' exceeded the limit. Please try again after '" +
                          (retry_after.empty() ? "1" : retry_after) + "' seconds.");
    case 500:
      return ArmError(500, "InternalServerError",
                      "Encountered internal server error. Diagnostic information: timestamp '" +
                          RoutingTimestamp(Clock::now()) + "', subscription id '" + subscription +
                          "', tracking id '" + info.request_id + "', request correlation id '" +
                          info.correlation_id + "'.");
    case 502:
      if (customer_subscriptions) {
        return ArmError(502, "MetadataResolverBadGatewayError",
                        "One of the upstream servers returned an unexpected error. Try again "
                        "later. If the problem persists, contact support.");
      }
      return ArmError(502, "BadGateway",
                      "The gateway received an invalid response from an upstream server.");
    case 503:
      return ArmError(503, "ServiceUnavailable",
                      "The server (or an upstream server) is currently unavailable. Please retry "
                      "the request later.");
    case 504:
      return ArmError(504, "GatewayTimeout",
                      "The gateway did not receive a response from 'Microsoft.AzureStack' within "
                      "the specified time period.");
    default:
      return ArmError(status, "InjectedFault",
                      "Fault injected by azscsp-emulator (status " + std::to_string(status) + ").");
  }
}

HttpResponse AadFault(int status, const RequestInfo& info) {
  bool adfs = !info.target.segments.empty() && IEquals(info.target.segments[0], "adfs");
  if (adfs) {  // AD FS: error and error_description only
    return AdfsError(
        {status, status == 429 || status >= 500 ? "temporarily_unavailable" : "invalid_request", 0,
         "MSIS9000: Fault injected by azscsp-emulator (status " + std::to_string(status) + ")."});
  }
  if (status == 429) {
    return AadError({429, "temporarily_unavailable", 90055,
                     "Too many requests for this tenant. Please try again later."},
                    info);
  }
  return AadError({status, status >= 500 ? "temporarily_unavailable" : "invalid_request", 90033,
                   "A transient error has occurred. Please try again."},
                  info);
}

// Partner Center shapes: the throttling body for 429, PartnerFD (code = the status) otherwise.
HttpResponse PcFault(int status, const std::string& retry_after) {
  if (status != 429) {
    return PcError(status, status,
                   "Fault injected by azscsp-emulator (status " + std::to_string(status) + ").");
  }
  long seconds = 1;
  try {
    if (!retry_after.empty()) seconds = std::max(1L, std::stol(retry_after));
  } catch (const std::exception&) {
  }
  return PcThrottled(seconds);
}

}  // namespace

HttpResponse FaultResponse(const FaultRule& rule, const RequestInfo& info, bool identity_route) {
  std::string retry_after = rule.retry_after.value_or("");
  HttpResponse response = rule.body        ? JsonResponse(rule.status, *rule.body)
                          : identity_route ? AadFault(rule.status, info)
                          : info.host == Host::kPartnerCenter
                              ? PcFault(rule.status, retry_after)
                              : ArmFault(rule.status, info, retry_after);
  if (rule.retry_after) response.headers.Set("Retry-After", *rule.retry_after);
  if (rule.retry_after_ms) response.headers.Set("retry-after-ms", *rule.retry_after_ms);
  if (rule.status == 504) response.headers.Set("x-ms-failure-cause", "service");
  return response;
}

}  // namespace azscsp::emulator
