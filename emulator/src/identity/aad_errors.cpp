#include "identity/aad_errors.hpp"

#include <boost/json.hpp>

#include "http/responses.hpp"
#include "util/time.hpp"

namespace azscsp::emulator {

HttpResponse AadError(const AadFailure& failure, const RequestInfo& info) {
  std::string timestamp = AadTimestamp(Clock::now());
  std::string prefix =
      failure.code == 0 ? std::string() : "AADSTS" + std::to_string(failure.code) + ": ";
  std::string description = prefix + failure.description + "\r\nTrace ID: " + info.request_id +
                            "\r\nCorrelation ID: " + info.correlation_id +
                            "\r\nTimestamp: " + timestamp;
  boost::json::object body{
      {"error", failure.error},
      {"error_description", description},
      {"error_codes", failure.code == 0 ? boost::json::array{} : boost::json::array{failure.code}},
      {"timestamp", timestamp},
      {"trace_id", info.request_id},
      {"correlation_id", info.correlation_id},
      {"error_uri",
       "https://login.microsoftonline.com/error?code=" + std::to_string(failure.code)}};
  HttpResponse response = JsonResponse(failure.status, body);
  if (failure.status == 401) response.headers.Set("WWW-Authenticate", "Basic realm=\"\"");
  return response;
}

HttpResponse AdfsError(const AadFailure& failure) {
  // AD FS answers only error and error_description (auth.md §2, §9).
  HttpResponse response = JsonResponse(
      failure.status,
      boost::json::object{{"error", failure.error}, {"error_description", failure.description}});
  return response;
}

}  // namespace azscsp::emulator
