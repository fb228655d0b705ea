#include "partnercenter/pc_errors.hpp"

#include <boost/json.hpp>

#include "http/responses.hpp"
#include "util/ids.hpp"

namespace json = boost::json;

namespace azscsp::emulator {

HttpResponse PcError(int status, long code, const std::string& description) {
  return JsonResponse(status, json::object{{"code", code},
                                           {"description", description},
                                           {"data", json::array()},
                                           {"source", "PartnerFD"}});
}

HttpResponse PcMcaError(int status, long code, const std::string& error_name,
                        const std::string& message) {
  return JsonResponse(
      status, json::object{{"code", code},
                           {"message", message},
                           {"description", message},
                           {"errorName", error_name},
                           {"isRetryable", false},
                           {"parameters", json::object()},
                           {"errorMessageExtended", "InternalErrorCode=" + std::to_string(code)}});
}

HttpResponse PcThrottled(long retry_after_seconds) {
  HttpResponse response = JsonResponse(
      429, json::object{{"statusCode", 429},
                        {"message", "Rate limit is exceeded. Try again in " +
                                        std::to_string(retry_after_seconds) + " seconds."}});
  response.headers.Set("Retry-After", std::to_string(retry_after_seconds));
  return response;
}

HttpResponse PcUnauthorized(long code, const std::string& description) {
  HttpResponse response = PcError(401, code, description);
  response.headers.Set("WWW-Authenticate",
                       "OAuth realm=urn:cpsvc:cpid:" + DeterministicGuid("partner-center-realm"));
  return response;
}

HttpResponse PcCustomerNotFound() {
  return PcError(404, 60003, "Tenant not found");
}

HttpResponse PcNoRelationship(const std::string& partner, const std::string& customer) {
  return PcError(403, 20002,
                 "The partner ID " + partner +
                     " has no commerce relationship with the customer ID " + customer + ".");
}

}  // namespace azscsp::emulator
