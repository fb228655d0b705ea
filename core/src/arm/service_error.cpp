#include <boost/json.hpp>

#include "azscsp/arm/arm_client.hpp"
#include "azscsp/util/json.hpp"

namespace json = boost::json;

namespace azscsp::arm {
namespace {

std::string Snippet(const std::string& body) {
  std::string text = body.substr(0, 200);
  for (char& c : text)
    if (c == '\r' || c == '\n') c = ' ';
  return text;
}

}  // namespace

ServiceError ParseServiceError(const http::Response& response) {
  ServiceError::Info info;
  info.http_status = response.status;
  info.request_id = response.Header("x-ms-request-id").value_or("");
  info.correlation_id = response.Header("x-ms-correlation-request-id").value_or("");

  boost::system::error_code ec;
  const json::value body = json::parse(response.body, ec);
  const json::value* error =
      (!ec && body.is_object()) ? util::FindKeyIgnoreCase(body.as_object(), "error") : nullptr;
  if (error && error->is_object()) {
    info.code = util::GetString(*error, "code");
    info.message = util::GetString(*error, "message");
    info.target = util::GetString(*error, "target");
    if (const json::value* details = error->as_object().if_contains("details");
        details && details->is_array()) {
      for (const auto& detail : details->as_array())
        info.details.push_back({util::GetString(detail, "code"), util::GetString(detail, "message"),
                                util::GetString(detail, "target")});
    }
    // Graph puts its request id inside innerError.
    if (info.request_id.empty()) {
      if (const json::value* inner = util::FindKeyIgnoreCase(error->as_object(), "innerError"))
        info.request_id = util::GetString(*inner, "request-id");
    }
  } else if (!ec && body.is_object() && body.as_object().contains("code")) {
    // Some Azure Stack services answer with a bare {code, message}.
    info.code = util::GetString(body, "code");
    info.message = util::GetString(body, "message");
  }
  if (info.code.empty()) info.code = "HttpStatus" + std::to_string(response.status);
  if (info.message.empty()) {
    info.message =
        "The service answered HTTP " + std::to_string(response.status) + " " + response.reason;
    if (!response.body.empty()) info.message += ": " + Snippet(response.body);
  }
  const ErrorKind kind = KindForServiceError(response.status, info.code);
  return ServiceError(kind, std::move(info));
}

}  // namespace azscsp::arm
