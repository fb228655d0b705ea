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

enum class Route { kNone, kTokenV1, kTokenV2, kOpenIdV1, kOpenIdV2 };

Route Classify(const std::vector<std::string>& s) {
  auto is = [&](size_t i, const char* literal) { return IEquals(s[i], literal); };
  if (s.size() == 3 && is(1, "oauth2") && is(2, "token")) return Route::kTokenV1;
  if (s.size() == 4 && is(1, "oauth2") && is(2, "v2.0") && is(3, "token")) return Route::kTokenV2;
  if (s.size() == 3 && is(1, ".well-known") && is(2, "openid-configuration")) {
    return Route::kOpenIdV1;
  }
  if (s.size() == 4 && is(1, "v2.0") && is(2, ".well-known") && is(3, "openid-configuration")) {
    return Route::kOpenIdV2;
  }
  return Route::kNone;
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
  if (route == Route::kTokenV1 || route == Route::kTokenV2) {
    return HandleTokenRequest(context, request, info, tenant, route == Route::kTokenV2);
  }

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
