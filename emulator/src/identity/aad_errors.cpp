#include "identity/aad_errors.hpp"

#include <boost/json.hpp>

#include "http/responses.hpp"
#include "util/time.hpp"

namespace azscsp::emulator {

HttpResponse AadError(const AadFailure& failure, const RequestInfo& info) {
  std::string timestamp = AadTimestamp(Clock::now());
  std::string description = "AADSTS" + std::to_string(failure.code) + ": " + failure.description +
                            "\r\nTrace ID: " + info.request_id +
                            "\r\nCorrelation ID: " + info.correlation_id +
                            "\r\nTimestamp: " + timestamp;
  boost::json::object body{{"error", failure.error},
                           {"error_description", description},
                           {"error_codes", boost::json::array{failure.code}},
                           {"timestamp", timestamp},
                           {"trace_id", info.request_id},
                           {"correlation_id", info.correlation_id},
                           {"error_uri", "https://login.microsoftonline.com/error?code=" +
                                             std::to_string(failure.code)}};
  HttpResponse response = JsonResponse(failure.status, body);
  if (failure.status == 401) response.headers.Set("WWW-Authenticate", "Basic realm=\"\"");
  return response;
}

}  // namespace azscsp::emulator
