#include "auth/token_response.hpp"

#include <boost/json.hpp>

#include "azscsp/errors.hpp"
#include "azscsp/util/json.hpp"

namespace json = boost::json;

namespace azscsp::auth::_detail {
namespace {

// What a person can do about the commonest AADSTS codes (auth.md §9).
std::string AdviceFor(long long aadsts) {
  switch (aadsts) {
    case 7000215:
    case 70002:
      return "The client secret is wrong. Use the secret's value (not its ID) and check it has not "
             "been replaced.";
    case 7000222:
      return "The client secret has expired. Create a new secret for the application.";
    case 700016:
    case 700011:
      return "The application was not found in this directory. Check the application (client) "
             "ID and that -Tenant names the directory where the application is registered.";
    case 90002:
      return "The tenant was not found. Check the tenant ID or domain, and that it belongs to "
             "the cloud (environment) you chose.";
    case 500011:
    case 50001:
      return "The resource (audience) is not known in this directory. Check the environment's "
             "endpoints.";
    case 65001:
      return "Consent is missing: an administrator must consent to the application in this "
             "directory.";
    case 500133:
      return "The assertion was outside its valid time range: check this machine's clock.";
    case 50196:
    case 90055:
      return "The directory is throttling sign-ins. Wait a little and try again.";
    default:
      return {};
  }
}

}  // namespace

AccessToken ParseTokenResponse(const http::Response& response, util::Clock::SystemTime now) {
  json::value body;
  try {
    body = util::ParseJson(response.body, "The token endpoint's answer");
  } catch (const InvalidArgumentError& error) {
    throw ServiceError(ErrorKind::Authentication,
                       {response.status, "InvalidTokenResponse", error.what()});
  }
  AccessToken token;
  token.token = util::GetString(body, "access_token");
  if (token.token.empty()) {
    throw ServiceError(ErrorKind::Authentication,
                       {response.status, "InvalidTokenResponse",
                        "The token endpoint answered without an access_token."});
  }
  if (auto expires_on = util::GetInteger(body, "expires_on")) {
    token.expires_on = util::Clock::SystemTime(std::chrono::seconds(*expires_on));
  } else {
    const auto expires_in = util::GetInteger(body, "expires_in").value_or(3600);
    token.expires_on = now + std::chrono::seconds(expires_in);
  }
  if (auto refresh_in = util::GetInteger(body, "refresh_in"))
    token.refresh_on = now + std::chrono::seconds(*refresh_in);
  return token;
}

void ThrowTokenError(const http::Response& response, const std::string& who) {
  ServiceError::Info info;
  info.http_status = response.status;
  std::string description;
  boost::system::error_code ec;
  json::value body = json::parse(response.body, ec);
  if (!ec && body.is_object()) {
    info.code = util::GetString(body, "error");
    description = util::GetString(body, "error_description");
    info.correlation_id = util::GetString(body, "correlation_id");
    info.request_id = util::GetString(body, "trace_id");
    if (const json::value* codes = body.as_object().if_contains("error_codes");
        codes && codes->is_array()) {
      for (const auto& code : codes->as_array())
        if (code.is_int64()) info.aadsts_codes.push_back(code.as_int64());
    }
  }
  if (info.code.empty()) info.code = "TokenRequestFailed";
  // The first line of error_description carries "AADSTSnnnn: text"; the rest is trace noise.
  const std::string first_line = description.substr(0, description.find_first_of("\r\n"));
  std::string message = "Sign-in failed for " + who + ": " + info.code;
  if (!first_line.empty()) message += " - " + first_line;
  if (!info.aadsts_codes.empty()) {
    const std::string advice = AdviceFor(info.aadsts_codes.front());
    if (!advice.empty()) message += " " + advice;
  } else if (response.status >= 500 || response.status == 429) {
    message += " (HTTP " + std::to_string(response.status) + ")";
  }
  if (!info.correlation_id.empty()) message += " Correlation ID: " + info.correlation_id + ".";
  info.message = message;
  throw ServiceError(ErrorKind::Authentication, std::move(info));
}

}  // namespace azscsp::auth::_detail
