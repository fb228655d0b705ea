#include "auth/token_response.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>

#include "azscsp/errors.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/url_encode.hpp"

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
      return "The client assertion was outside its valid time range: check this machine's clock "
             "(it must be within a few minutes of the real time).";
    case 700027:
      return "The certificate is not registered for the application, or the assertion's "
             "signature did not validate: register this certificate's public part with the "
             "application, or use the certificate that is registered.";
    case 50012:
      return "Authentication failed: with a certificate, check that this certificate is the one "
             "registered for the application and that this machine's clock is right.";
    case 700030:
    case 50048:
      return "The certificate's subject is not authorized for this application.";
    case 50126:
      return "The user name or password is wrong.";
    case 50034:
      return "The user was not found in this directory. Check the user name and the tenant.";
    case 50076:
    case 50079:
      return "The account requires multi-factor authentication (MFA), so a user name and password "
             "cannot sign in: use device code sign-in or a service principal instead.";
    case 53003:
      return "Conditional Access blocked the sign-in, so a user name and password cannot sign in: "
             "use device code sign-in or a service principal, or ask an administrator about the "
             "policy.";
    case 70008:
    case 700082:
      return "The refresh token has expired (it was not used for too long): sign in again.";
    case 50173:
      return "The refresh token was revoked (for example after a password change): sign in again.";
    case 70043:
      return "A sign-in frequency policy requires a fresh sign-in: sign in again.";
    case 70019:
      return "The device code expired before anyone signed in; run the command again.";
    case 70018:
      return "The device code was not accepted; run the command again.";
    case 50196:
    case 90055:
      return "The directory is throttling sign-ins. Wait a little and try again.";
    default:
      return {};
  }
}

}  // namespace

TokenGrant ParseTokenGrant(const http::Response& response, util::Clock::SystemTime now) {
  json::value body;
  try {
    body = util::ParseJson(response.body, "The token endpoint's answer");
  } catch (const InvalidArgumentError& error) {
    throw ServiceError(ErrorKind::Authentication,
                       {response.status, "InvalidTokenResponse", error.what()});
  }
  TokenGrant grant;
  AccessToken& token = grant.access;
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
  grant.refresh_token = util::GetString(body, "refresh_token");
  grant.id_token = util::GetString(body, "id_token");
  return grant;
}

AccessToken ParseTokenResponse(const http::Response& response, util::Clock::SystemTime now) {
  return ParseTokenGrant(response, now).access;
}

std::string OAuthErrorCode(const http::Response& response) {
  boost::system::error_code ec;
  const json::value body = json::parse(response.body, ec);
  if (ec || !body.is_object()) return {};
  return util::GetString(body, "error");
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
  // AD FS sends no error_codes: read "AADSTSnnnn" / "MSIS…" from the description when present.
  if (info.aadsts_codes.empty()) {
    const size_t at = description.find("AADSTS");
    if (at != std::string::npos) {
      size_t end = at + 6;
      while (end < description.size() && std::isdigit(static_cast<unsigned char>(description[end])))
        ++end;
      if (end > at + 6)
        info.aadsts_codes.push_back(std::stoll(description.substr(at + 6, end - at - 6)));
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

std::string FormParam(std::string_view name, std::string_view value) {
  return "&" + std::string(name) + "=" + util::PercentEncode(value);
}

std::string V2Scope(const std::string& resource) {
  static constexpr std::string_view kDefault = "/.default";
  if (resource.size() >= kDefault.size() &&
      resource.compare(resource.size() - kDefault.size(), kDefault.size(), kDefault) == 0)
    return resource;
  return resource + std::string(kDefault);
}

std::string AudienceParam(TokenVersion version, const std::string& resource) {
  return version == TokenVersion::V2 ? FormParam("scope", V2Scope(resource))
                                     : FormParam("resource", resource);
}

http::Response PostForm(const http::Pipeline& pipeline, const std::string& endpoint,
                        std::string form, const util::Context& context) {
  http::Request request;
  request.method = http::Method::Post;
  request.url = http::Url::Parse(endpoint);
  request.headers["Content-Type"] = "application/x-www-form-urlencoded";
  request.headers["Accept"] = "application/json";
  request.sensitive_body = true;
  // Asking for a token again changes nothing at the authority (Entra also accepts a refresh token
  // twice), so a token request may be repeated after a lost connection.
  request.idempotent = true;
  request.body = !form.empty() && form.front() == '&' ? form.substr(1) : form;
  Wipe(form);
  try {
    http::Response response = pipeline.Send(request, context);
    Wipe(request.body);
    return response;
  } catch (...) {
    Wipe(request.body);
    throw;
  }
}

TokenGrant RedeemGrant(const http::Pipeline& pipeline, const std::string& endpoint,
                       std::string form, const std::string& who, util::Clock& clock,
                       const util::Context& context) {
  const http::Response response = PostForm(pipeline, endpoint, std::move(form), context);
  if (response.status != 200) ThrowTokenError(response, who);
  return ParseTokenGrant(response, clock.Now());
}

std::string Base64UrlEncode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i + 1 == bytes.size()) {
    const unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
  } else if (i + 2 == bytes.size()) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
  }
  return out;
}

void Wipe(std::string& secret) {
  std::fill(secret.begin(), secret.end(), '\0');
  secret.clear();
}

}  // namespace azscsp::auth::_detail
