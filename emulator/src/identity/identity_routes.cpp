#include "identity/identity_routes.hpp"

#include <boost/json.hpp>

#include "http/responses.hpp"
#include "identity/aad_errors.hpp"
#include "identity/token_endpoint.hpp"
#include "service_context.hpp"
#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

enum class Route {
  kNone,
  kTokenV1,
  kTokenV2,
  kDeviceCodeV1,
  kDeviceCodeV2,
  kOpenIdV1,
  kOpenIdV2,
  kDeviceLogin  // the verification_uri page
};

Route Classify(const std::vector<std::string>& s) {
  if (s.empty()) return Route::kNone;
  auto is = [&](size_t i, const char* literal) { return IEquals(s[i], literal); };
  if ((s.size() == 1 && is(0, "devicelogin")) ||
      (s.size() == 3 && is(0, "adfs") && is(1, "oauth2") && is(2, "deviceauth"))) {
    return Route::kDeviceLogin;
  }
  bool adfs = is(0, "adfs");  // AD FS has no v2.0 endpoints
  if (s.size() == 3 && is(1, "oauth2") && is(2, "token")) return Route::kTokenV1;
  if (s.size() == 3 && is(1, "oauth2") && is(2, "devicecode")) return Route::kDeviceCodeV1;
  if (s.size() == 3 && is(1, ".well-known") && is(2, "openid-configuration")) {
    return Route::kOpenIdV1;
  }
  if (adfs) return Route::kNone;
  if (s.size() == 4 && is(1, "oauth2") && is(2, "v2.0") && is(3, "token")) return Route::kTokenV2;
  if (s.size() == 4 && is(1, "oauth2") && is(2, "v2.0") && is(3, "devicecode")) {
    return Route::kDeviceCodeV2;
  }
  if (s.size() == 4 && is(1, "v2.0") && is(2, ".well-known") && is(3, "openid-configuration")) {
    return Route::kOpenIdV2;
  }
  return Route::kNone;
}

// AD FS 2019 discovery document (issuer ends in /adfs; device_authorization_endpoint present).
json::object AdfsConfiguration(const std::string& base) {
  std::string adfs = base + "/adfs";
  return json::object{
      {"issuer", adfs},
      {"authorization_endpoint", adfs + "/oauth2/authorize/"},
      {"token_endpoint", adfs + "/oauth2/token/"},
      {"jwks_uri", adfs + "/discovery/keys"},
      {"token_endpoint_auth_methods_supported",
       json::array{"client_secret_post", "client_secret_basic", "private_key_jwt",
                   "windows_client_authentication"}},
      {"response_types_supported",
       json::array{"code", "id_token", "code id_token", "id_token token", "code token",
                   "code id_token token"}},
      {"response_modes_supported", json::array{"query", "fragment", "form_post"}},
      {"grant_types_supported",
       json::array{"authorization_code", "refresh_token", "client_credentials",
                   "urn:ietf:params:oauth:grant-type:jwt-bearer", "implicit", "password",
                   "srv_challenge", "urn:ietf:params:oauth:grant-type:device_code", "device_code"}},
      {"subject_types_supported", json::array{"pairwise"}},
      {"scopes_supported",
       json::array{"openid", "profile", "email", "allatclaims", "user_impersonation", "vpn_cert",
                   "logon_cert", "aza", "winhello_cert"}},
      {"id_token_signing_alg_values_supported", json::array{"RS256"}},
      {"token_endpoint_auth_signing_alg_values_supported", json::array{"RS256"}},
      {"access_token_issuer", adfs},
      {"claims_supported",
       json::array{"aud", "iss", "iat", "exp", "auth_time", "nonce", "at_hash", "c_hash", "sub",
                   "upn", "unique_name", "pwd_url", "pwd_exp", "mfa_auth_time", "sid", "nbf"}},
      {"microsoft_multi_refresh_token", true},
      {"userinfo_endpoint", adfs + "/userinfo"},
      {"capabilities", json::array{}},
      {"end_session_endpoint", adfs + "/oauth2/logout"},
      {"device_authorization_endpoint", adfs + "/oauth2/devicecode"}};
}

json::object OpenIdConfiguration(const std::string& base, const std::string& tid, bool v2) {
  std::string authority = base + "/" + tid;
  std::string oauth = authority + (v2 ? "/oauth2/v2.0" : "/oauth2");
  json::object config{
      {"token_endpoint", oauth + "/token"},
      {"token_endpoint_auth_methods_supported",
       json::array{"client_secret_post", "private_key_jwt", "client_secret_basic"}},
      {"jwks_uri", base + (v2 ? "/" + tid + "/discovery/v2.0/keys" : "/common/discovery/keys")},
      {"response_modes_supported", json::array{"query", "fragment", "form_post"}},
      {"subject_types_supported", json::array{"pairwise"}},
      {"id_token_signing_alg_values_supported", json::array{"RS256"}},
      {"response_types_supported",
       json::array{"code", "id_token", "code id_token", "token id_token", "token"}},
      {"scopes_supported",
       v2 ? json::array{"openid", "profile", "email", "offline_access"} : json::array{"openid"}},
      {"issuer", v2 ? authority + "/v2.0" : "https://sts.windows.net/" + tid + "/"},
      {"authorization_endpoint", oauth + "/authorize"},
      {"device_authorization_endpoint", oauth + "/devicecode"},
      {"end_session_endpoint", oauth + "/logout"},
      {"request_uri_parameter_supported", false},
      {"tenant_region_scope", "NA"},
      {"cloud_instance_name", "microsoftonline.com"},
      {"cloud_graph_host_name", "graph.windows.net"},
      {"msgraph_host", "graph.microsoft.com"}};
  if (!v2) config["microsoft_multi_refresh_token"] = true;
  return config;
}

}  // namespace

bool IsIdentityPath(const RequestTarget& target) {
  return Classify(target.segments) != Route::kNone;
}

std::optional<HttpResponse> HandleIdentity(ServiceContext& context, const HttpRequest& request,
                                           const RequestInfo& info) {
  const auto& segments = info.target.segments;
  Route route = Classify(segments);
  if (route == Route::kNone) return std::nullopt;
  const std::string& tenant = segments[0];
  if (route == Route::kDeviceLogin) {
    HttpResponse page;
    page.status = 200;
    page.headers.Set("Content-Type", "text/plain; charset=utf-8");
    page.body =
        "azscsp-emulator device login.\n\nThere is no browser sign-in here: approve a code with\n"
        "  POST /_emulator/devicecodes/approve "
        "{\"userCode\":\"...\",\"userPrincipalName\":\"...\"}\n"
        "or decline it with POST /_emulator/devicecodes/decline. Pending codes: GET "
        "/_emulator/devicecodes.\n";
    return page;
  }
  if (route == Route::kTokenV1 || route == Route::kTokenV2) {
    return HandleTokenRequest(context, request, info, tenant, route == Route::kTokenV2);
  }
  if (route == Route::kDeviceCodeV1 || route == Route::kDeviceCodeV2) {
    return HandleDeviceCodeRequest(context, request, info, tenant, route == Route::kDeviceCodeV2);
  }
  if (IEquals(tenant, "adfs")) return JsonResponse(200, AdfsConfiguration(context.base_url));

  std::string tid;
  {
    std::lock_guard<std::mutex> lock(context.state_mutex);
    if (const Tenant* found = context.world.FindTenant(tenant)) tid = found->id;
  }
  if (tid.empty()) {
    return AadError({400, "invalid_tenant", 90002,
                     "Tenant '" + tenant +
                         "' not found. Check to make sure you have the correct tenant ID and are "
                         "signing into the correct cloud."},
                    info);
  }
  return JsonResponse(200, OpenIdConfiguration(context.base_url, tid, route == Route::kOpenIdV2));
}

}  // namespace azscsp::emulator
