#include "identity/token_endpoint.hpp"

#include <boost/json.hpp>

#include "http/responses.hpp"
#include "service_context.hpp"
#include "util/base64.hpp"
#include "util/ids.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

// Grant types the token endpoint knows. Add password, refresh_token,
// urn:ietf:params:oauth:grant-type:device_code here as they are implemented.
const std::map<std::string, GrantHandler>& Grants() {
  static const std::map<std::string, GrantHandler> grants = {
      {"client_credentials", &ClientCredentialsGrant},
  };
  return grants;
}

std::map<std::string, std::string> ParseForm(const std::string& body) {
  std::map<std::string, std::string> form;
  for (const std::string& pair : Split(body, '&')) {
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string name = PercentDecode(pair.substr(0, eq), true);
    std::string value = eq == std::string::npos ? "" : PercentDecode(pair.substr(eq + 1), true);
    form.emplace(std::move(name), std::move(value));
  }
  return form;
}

// Authorization: Basic base64(urlencode(client_id) ":" urlencode(secret)).
void ParseBasicCredentials(const Headers& headers, TokenRequest& request) {
  std::string authorization = Trim(headers.Get("Authorization"));
  if (!IStartsWith(authorization, "Basic ")) return;
  std::optional<std::string> decoded = Base64Decode(Trim(authorization.substr(6)));
  if (!decoded) return;
  size_t colon = decoded->find(':');
  if (colon == std::string::npos) return;
  request.basic_client_id = PercentDecode(decoded->substr(0, colon), true);
  request.basic_client_secret = PercentDecode(decoded->substr(colon + 1), true);
}

HttpResponse IssueToken(ServiceContext& context, const TokenRequest& request,
                        const TokenGrant& grant) {
  int64_t now = UnixSeconds();
  int64_t lifetime = context.options.token_lifetime_seconds;
  const std::string& tid = request.tenant->id;
  json::object claims{{"aud", grant.resource},
                      {"iss", "https://sts.windows.net/" + tid + "/"},
                      {"iat", now},
                      {"nbf", now},
                      {"exp", now + lifetime},
                      {"appid", grant.app_id},
                      {"azp", grant.app_id},
                      {"appidacr", "1"},
                      {"idp", "https://sts.windows.net/" + tid + "/"},
                      {"idtyp", "app"},
                      {"oid", grant.object_id},
                      {"sub", grant.object_id},
                      {"tid", tid},
                      {"uti", Base64UrlEncode(Sha256(NewGuid()).substr(0, 16))},
                      {"ver", request.v2 ? "2.0" : "1.0"}};
  std::string token = context.signer.Sign(claims);

  json::object body;
  body["token_type"] = "Bearer";
  if (request.v2) {  // v2: numbers are numbers
    body["expires_in"] = lifetime;
    body["ext_expires_in"] = lifetime;
  } else {  // v1: numbers are strings, plus expires_on / not_before / resource
    body["expires_in"] = std::to_string(lifetime);
    body["ext_expires_in"] = std::to_string(lifetime);
    body["expires_on"] = std::to_string(now + lifetime);
    body["not_before"] = std::to_string(now);
    body["resource"] = grant.resource;
  }
  body["access_token"] = token;
  HttpResponse response = JsonResponse(200, body);
  response.headers.Set("Cache-Control", "no-store, no-cache");
  return response;
}

}  // namespace

std::string TokenRequest::Field(const std::string& name) const {
  auto it = form.find(name);
  return it == form.end() ? std::string() : it->second;
}

std::string TokenRequest::ClientId() const {
  std::string id = Field("client_id");
  if (id.empty() && basic_client_id) id = *basic_client_id;
  return id;
}

AadFailure MissingParameter(const std::string& name) {
  return {400, "invalid_request", 900144,
          "The request body must contain the following parameter: '" + name + "'."};
}

std::variant<std::string, AadFailure> RequestedResource(const TokenRequest& request) {
  if (!request.v2) {
    std::string resource = request.Field("resource");
    if (resource.empty()) return MissingParameter("resource");
    return resource;
  }
  std::string scope = request.Field("scope");
  if (scope.empty()) return MissingParameter("scope");
  // offline_access/openid/profile may accompany the resource scope; the resource is the one
  // scope that names an application ID URI.
  std::string resource_scope;
  for (const std::string& item : Split(scope, ' ')) {
    if (item.empty() || item == "offline_access" || item == "openid" || item == "profile") {
      continue;
    }
    resource_scope = item;
  }
  const std::string suffix = "/.default";
  if (resource_scope.size() <= suffix.size() || !IEndsWith(resource_scope, suffix)) {
    return AadFailure{400, "invalid_scope", 1002012,
                      "The provided value for scope " + scope +
                          " is not valid. Client credential flows must have a scope value with "
                          "/.default suffixed to the resource identifier (application ID URI)."};
  }
  // "https://management.core.windows.net//.default" -> "https://management.core.windows.net/"
  return resource_scope.substr(0, resource_scope.size() - suffix.size());
}

HttpResponse HandleTokenRequest(ServiceContext& context, const HttpRequest& http,
                                const RequestInfo& info, const std::string& tenant, bool v2) {
  TokenRequest request;
  request.v2 = v2;
  World world;  // identities never change at run time: grants work on a copy of them
  {
    std::lock_guard<std::mutex> lock(context.state_mutex);
    world.tenants = context.world.tenants;
    world.service_principals = context.world.service_principals;
  }
  request.tenant = world.FindTenant(tenant);
  if (!request.tenant) {
    return AadError({400, "invalid_request", 90002,
                     "Tenant '" + tenant +
                         "' not found. Check to make sure you have the correct tenant ID and are "
                         "signing into the correct cloud. Check with your subscription "
                         "administrator, this may happen if there are no active subscriptions for "
                         "the tenant."},
                    info);
  }
  if (http.method != "POST") {
    return AadError(
        {400, "invalid_request", 900561,
         "The endpoint only accepts POST requests. Received a " + http.method + " request."},
        info);
  }
  request.form = ParseForm(http.body);
  ParseBasicCredentials(http.headers, request);

  std::string grant_type = request.Field("grant_type");
  if (grant_type.empty()) return AadError(MissingParameter("grant_type"), info);
  auto grant = Grants().find(grant_type);
  if (grant == Grants().end()) {
    return AadError({400, "unsupported_grant_type", 70003,
                     "The app requested an unsupported grant type '" + grant_type + "'."},
                    info);
  }
  GrantOutcome outcome = grant->second(request, world);
  if (const AadFailure* failure = std::get_if<AadFailure>(&outcome)) {
    return AadError(*failure, info);
  }
  return IssueToken(context, request, std::get<TokenGrant>(outcome));
}

}  // namespace azscsp::emulator
