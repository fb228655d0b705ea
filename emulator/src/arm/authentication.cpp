#include "arm/authentication.hpp"

#include <boost/json.hpp>

#include "http/responses.hpp"
#include "identity/identity_state.hpp"
#include "service_context.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

constexpr int64_t kClockSkewSeconds = 300;
const char* const kAudiences[] = {"https://management.core.windows.net/",
                                  "https://management.core.windows.net",
                                  "https://management.azure.com/", "https://management.azure.com"};

HttpResponse Unauthorized(const ServiceContext& context, const std::string& tenant,
                          const std::string& code, const std::string& message) {
  HttpResponse response = ArmError(401, code, message);
  std::string authority =
      context.base_url + "/" +
      (IsAdfsProfile(context.options) ? "adfs" : (tenant.empty() ? "common" : tenant));
  response.headers.Set("WWW-Authenticate", "Bearer authorization_uri=\"" + authority +
                                               "\", error=\"invalid_token\", error_description=\"" +
                                               message + "\"");
  return response;
}

std::string StringClaim(const json::object& claims, const char* name) {
  const json::value* v = claims.if_contains(name);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

int64_t NumberClaim(const json::object& claims, const char* name) {
  const json::value* v = claims.if_contains(name);
  if (!v) return 0;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64()) return static_cast<int64_t>(v->get_uint64());
  if (v->is_double()) return static_cast<int64_t>(v->get_double());
  return 0;
}

std::string FormatEpoch(int64_t seconds) {
  return Iso8601(Clock::time_point(std::chrono::seconds(seconds)));
}

}  // namespace

bool IsArmAudience(std::string audience) {
  if (IEndsWith(audience, "/.default")) audience.resize(audience.size() - 9);
  for (const char* allowed : kAudiences) {
    if (IEquals(audience, allowed)) return true;
  }
  return false;
}

std::variant<Principal, HttpResponse> AuthenticateArm(const ServiceContext& context,
                                                      const HttpRequest& request,
                                                      const std::string& subscription_tenant) {
  const std::string* header = request.headers.Find("Authorization");
  if (!header) {
    return Unauthorized(context, subscription_tenant, "InvalidAuthenticationToken",
                        "Authentication failed. The 'Authorization' header is missing.");
  }
  std::string value = Trim(*header);
  if (!IStartsWith(value, "Bearer ") || Trim(value.substr(7)).empty()) {
    return Unauthorized(context, subscription_tenant, "InvalidAuthenticationToken",
                        "Authentication failed. The 'Authorization' header is provided in an "
                        "invalid format.");
  }
  std::optional<json::object> claims = context.signer.Verify(Trim(value.substr(7)));
  if (!claims) {
    return Unauthorized(context, subscription_tenant, "InvalidAuthenticationToken",
                        "The access token is invalid.");
  }
  int64_t now = IdentityNow(context.options);
  int64_t exp = NumberClaim(*claims, "exp");
  if (exp <= now) {
    return Unauthorized(context, subscription_tenant, "ExpiredAuthenticationToken",
                        "The access token expiry UTC time '" + FormatEpoch(exp) +
                            "' is earlier than current UTC time '" + FormatEpoch(now) + "'.");
  }
  if (NumberClaim(*claims, "nbf") > now + kClockSkewSeconds) {
    return Unauthorized(context, subscription_tenant, "InvalidAuthenticationToken",
                        "The access token is not yet valid.");
  }
  std::string audience = StringClaim(*claims, "aud");
  bool adfs_audience =
      IsAdfsProfile(context.options) &&
      (IEquals(audience, kAdfsAudience) || IEquals(audience, std::string(kAdfsAudience) + "/"));
  if (!IsArmAudience(audience) && !adfs_audience) {
    return Unauthorized(
        context, subscription_tenant, "InvalidAuthenticationToken",
        "The access token has been obtained for wrong audience or resource '" + audience +
            "'. It should exactly match with one of the allowed audiences "
            "'https://management.core.windows.net/','https://management.core.windows.net',"
            "'https://management.azure.com/','https://management.azure.com'" +
            (IsAdfsProfile(context.options) ? ",'" + std::string(kAdfsAudience) + "'" : "") + ".");
  }
  Principal principal{StringClaim(*claims, "oid"), StringClaim(*claims, "appid"),
                      StringClaim(*claims, "tid"), StringClaim(*claims, "upn")};
  if (!subscription_tenant.empty() && !IEquals(principal.tenant_id, subscription_tenant)) {
    return Unauthorized(
        context, subscription_tenant, "InvalidAuthenticationTokenTenant",
        "The access token is from the wrong issuer 'https://sts.windows.net/" +
            principal.tenant_id + "/'. It must match the tenant 'https://sts.windows.net/" +
            subscription_tenant +
            "/' associated with this subscription. Please use the authority (URL) '" +
            context.base_url + "/" + subscription_tenant + "' to get the token.");
  }
  return principal;
}

}  // namespace azscsp::emulator
