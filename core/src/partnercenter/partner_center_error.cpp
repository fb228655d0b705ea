#include "azscsp/partnercenter/partner_center_error.hpp"

#include <boost/json.hpp>

#include "azscsp/util/json.hpp"

namespace json = boost::json;

namespace azscsp::partnercenter {
namespace {

std::string StringOrNumber(const json::object& body, const char* key) {
  const json::value* value = util::FindKeyIgnoreCase(body, key);
  if (value == nullptr) return {};
  if (value->is_string()) return std::string(value->as_string());
  if (value->is_int64()) return std::to_string(value->as_int64());
  if (value->is_uint64()) return std::to_string(value->as_uint64());
  if (value->is_double()) return std::to_string(static_cast<long long>(value->as_double()));
  return {};
}

}  // namespace

ServiceError ParsePartnerCenterError(const http::Response& response) {
  ServiceError::Info info;
  info.http_status = response.status;
  info.request_id = response.Header("MS-RequestId").value_or("");
  info.correlation_id = response.Header("MS-CorrelationId").value_or("");
  std::vector<std::pair<std::string, std::string>> fields;

  boost::system::error_code ec;
  const json::value body = response.body.empty() ? json::value() : json::parse(response.body, ec);
  if (!ec && body.is_object()) {
    const json::object& object = body.as_object();
    info.code = StringOrNumber(object, "code");
    info.message = util::GetString(body, "description");
    if (info.message.empty()) info.message = util::GetString(body, "message");
    if (info.code.empty()) info.code = StringOrNumber(object, "statusCode");  // throttling
    if (const json::value* name = util::FindKeyIgnoreCase(object, "errorName");
        name && name->is_string() && !name->as_string().empty())
      fields.emplace_back("errorName", std::string(name->as_string()));
    if (const json::value* retryable = util::FindKeyIgnoreCase(object, "isRetryable");
        retryable && retryable->is_bool())
      fields.emplace_back("isRetryable", retryable->as_bool() ? "true" : "false");
    if (const json::value* source = util::FindKeyIgnoreCase(object, "source");
        source && source->is_string() && !source->as_string().empty())
      fields.emplace_back("source", std::string(source->as_string()));
    if (const json::value* data = util::FindKeyIgnoreCase(object, "data");
        data && data->is_array() && !data->as_array().empty()) {
      fields.emplace_back("data", json::serialize(*data));
      for (const auto& entry : data->as_array())
        if (entry.is_string())
          info.details.push_back({info.code, std::string(entry.as_string()), ""});
    }
  } else if (!response.body.empty()) {
    info.message = response.body.substr(0, 1024);
  }
  if (info.code.empty()) info.code = std::to_string(response.status);
  if (info.message.empty())
    info.message = "Partner Center answered HTTP " + std::to_string(response.status) +
                   (response.reason.empty() ? "" : " " + response.reason) + ".";
  if (auto retry_after = response.Header("Retry-After"); retry_after && response.status == 429)
    fields.emplace_back("retryAfter", *retry_after);

  const ErrorKind kind = KindForServiceError(response.status, info.code);
  ServiceError error(kind, std::move(info));
  for (const auto& [name, value] : fields) error.SetField(name, value);
  return error;
}

ServiceError AppUserRequiredError(const std::string& operation) {
  return ServiceError(
      ErrorKind::Authentication,
      {0, kAppUserRequiredCode,
       "The Partner Center operation '" + operation +
           "' needs app+user authentication, but the signed-in context has an app-only token. "
           "Sign in with a user: device code sign-in or a refresh token "
           "(Connect-AzsCspPartnerCenter "
           "-UseDeviceAuthentication, or -ApplicationId -RefreshToken)."});
}

}  // namespace azscsp::partnercenter
