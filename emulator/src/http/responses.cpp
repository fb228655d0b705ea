#include "http/responses.hpp"

#include <boost/json.hpp>

namespace azscsp::emulator {

HttpResponse JsonResponse(int status, const boost::json::value& body) {
  HttpResponse response;
  response.status = status;
  response.headers.Set("Content-Type", kJsonContentType);
  response.body = boost::json::serialize(body);
  return response;
}

HttpResponse EmptyResponse(int status) {
  HttpResponse response;
  response.status = status;
  return response;
}

HttpResponse ArmError(int status, const std::string& code, const std::string& message) {
  return JsonResponse(
      status,
      boost::json::object{{"error", boost::json::object{{"code", code}, {"message", message}}}});
}

}  // namespace azscsp::emulator
