#include "identity/token_endpoint.hpp"

#include <boost/json.hpp>

#include "http/responses.hpp"
#include "service_context.hpp"
#include "stamp/bearer.hpp"
#include "util/base64.hpp"
#include "util/ids.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

constexpr char kDeviceCodeGrant[] = "urn:ietf:params:oauth:grant-type:device_code";

// Grant types the token endpoint knows.
const std::map<std::string, GrantHandler>& Grants() {
  static const std::map<std::string, GrantHandler> grants = {
      {"client_credentials", &ClientCredentialsGrant},
      {"password", &PasswordGrant},
      {"refresh_token", &RefreshTokenGrant},
      {kDeviceCodeGrant, &DeviceCodeGrant},
      {"device_code", &DeviceCodeGrant},  // AD FS also lists the short name
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

std::string Issuer(const ServiceContext& context, const TokenRequest& request) {
  if (request.adfs) return context.base_url + "/adfs";
  return "https://sts.windows.net/" + request.tenant->id + "/";
}

std::string IdToken(ServiceContext& context, const TokenRequest& request, const TokenGrant& grant,
                    int64_t now, int64_t lifetime) {
  json::object claims{{"aud", grant.app_id},
                      {"iss", request.adfs ? Issuer(context, request)
                                           : context.base_url + "/" + request.tenant->id +
                                                 (request.v2 ? "/v2.0" : "/")},
                      {"iat", now},
                      {"nbf", now},
                      {"exp", now + lifetime},
                      {"oid", grant.object_id},
                      {"sub", grant.object_id},
                      {"tid", request.tenant->id},
                      {"upn", grant.user_principal_name},
                      {"preferred_username", grant.user_principal_name},
                      {"name", grant.display_name},
                      {"ver", request.v2 ? "2.0" : "1.0"}};
  return context.signer.Sign(claims);
}

HttpResponse IssueToken(ServiceContext& context, const TokenRequest& request,
                        const TokenGrant& grant) {
  int64_t now = IdentityNow(context.options);
  int64_t lifetime = context.options.token_lifetime_seconds;
  const std::string& tid = request.tenant->id;
  std::string issuer = Issuer(context, request);
  json::object claims{{"aud", grant.resource},
                      {"iss", issuer},
                      {"iat", now},
                      {"nbf", now},
                      {"exp", now + lifetime},
                      {"appid", grant.app_id},
                      {"azp", grant.app_id},
                      {"appidacr", grant.user ? "0" : (grant.certificate ? "2" : "1")},
                      {"idp", issuer},
                      {"idtyp", grant.user ? "user" : "app"},
                      {"oid", grant.object_id},
                      {"sub", grant.object_id},
                      {"tid", tid},
                      {"uti", Base64UrlEncode(Sha256(NewGuid()).substr(0, 16))},
                      {"ver", request.v2 ? "2.0" : "1.0"}};
  if (grant.user) {
    claims["upn"] = grant.user_principal_name;
    claims["unique_name"] = grant.user_principal_name;
    claims["name"] = grant.display_name;
    claims["scp"] = "user_impersonation";
    claims["amr"] = json::array{grant.amr};
  }
  std::string token = context.signer.Sign(claims);

  std::string refresh_token;
  int64_t refresh_lifetime =
      request.adfs ? kAdfsRefreshTokenLifetimeSeconds : kRefreshTokenLifetimeSeconds;
  if (grant.refresh) {
    refresh_token = NewOpaqueToken(request.adfs ? "adfs." : "0.AR");
    RefreshTokenRecord record;
    record.grant = *grant.refresh;
    record.grant.adfs = request.adfs;
    record.expires_at = now + refresh_lifetime;
    std::lock_guard<std::mutex> lock(context.identity.mutex);
    auto& tokens = context.identity.refresh_tokens;
    if (tokens.size() > 10000) {  // forget expired ones now and then
      for (auto it = tokens.begin(); it != tokens.end();) {
        it = it->second.expires_at < now ? tokens.erase(it) : std::next(it);
      }
    }
    tokens.emplace(refresh_token, std::move(record));
  }

  json::object body;
  if (request.adfs) {  // AD FS: numbers, resource, refresh_token_expires_in
    body["access_token"] = token;
    body["token_type"] = "bearer";
    body["expires_in"] = lifetime;
    body["resource"] = grant.resource;
    if (grant.refresh) {
      body["refresh_token"] = refresh_token;
      body["refresh_token_expires_in"] = refresh_lifetime;
    }
    if (grant.user) {
      body["scope"] = "openid";
      body["id_token"] = IdToken(context, request, grant, now, lifetime);
    }
  } else {
    body["token_type"] = "Bearer";
    if (grant.user) {
      body["scope"] = request.v2 ? json::value(grant.scope) : json::value("user_impersonation");
    }
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
    if (grant.refresh) body["refresh_token"] = refresh_token;
    if (grant.user && (!request.v2 || ScopeHas(request.Field("scope"), "openid"))) {
      body["id_token"] = IdToken(context, request, grant, now, lifetime);
    }
  }
  HttpResponse response = JsonResponse(200, body);
  response.headers.Set("Cache-Control", "no-store, no-cache");
  return response;
}

// The stamp's tenant ARM audience needs the stamp ARM application's service principal in the
// directory (what onboarding a guest directory installs); without it Entra answers AADSTS500011.
std::optional<AadFailure> CheckResourcePrincipal(ServiceContext& context, const Tenant& tenant,
                                                 const TokenGrant& grant) {
  std::lock_guard<std::mutex> lock(context.state_mutex);
  const Stamp& stamp = context.world.stamp;
  if (stamp.tenant_audience.empty() ||
      NormalizeResource(grant.resource) != NormalizeResource(stamp.tenant_audience)) {
    return std::nullopt;
  }
  const ServicePrincipal* sp =
      context.world.FindServicePrincipal(tenant.id, stamp.arm_application_id);
  if (sp && sp->graph_visible_from_ms <= SteadyMillis()) return std::nullopt;
  std::string name = tenant.domain.empty() ? tenant.id : tenant.domain;
  return AadFailure{400, "invalid_resource", 500011,
                    "The resource principal named " + grant.resource +
                        " was not found in the tenant named " + name +
                        ". This can happen if the application has not been installed by the "
                        "administrator of the tenant or consented to by any user in the tenant. "
                        "You might have sent your authentication request to the wrong tenant."};
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

AadFailure AppNotFound(const std::string& client_id, const Tenant& tenant) {
  std::string directory = tenant.domain.empty() ? tenant.id : tenant.domain;
  return AadFailure{400, "unauthorized_client", 700016,
                    "Application with identifier '" + client_id +
                        "' was not found in the directory '" + directory +
                        "'. This can happen if the application has not been installed by the "
                        "administrator of the tenant or consented to by any user in the tenant. "
                        "You may have sent your authentication request to the wrong tenant."};
}

std::optional<AadFailure> RequirePublicClient(const std::string& client_id, const Tenant& tenant,
                                              const World& world) {
  if (client_id.empty()) return MissingParameter("client_id");
  if (world.FindPublicClient(client_id)) return std::nullopt;
  if (world.FindServicePrincipal(tenant.id, client_id)) {
    // A confidential client without its credential, as Entra answers.
    return AadFailure{401, "invalid_client", 7000218,
                      "The request body must contain the following parameter: "
                      "'client_assertion' or 'client_secret'."};
  }
  return AppNotFound(client_id, tenant);
}

bool ScopeHas(const std::string& scope, const std::string& item) {
  for (const std::string& s : Split(scope, ' ')) {
    if (IEquals(s, item)) return true;
  }
  return false;
}

bool IssuesRefreshToken(const TokenRequest& request, const std::string& scope) {
  return !request.v2 || request.adfs || ScopeHas(scope, "offline_access");
}

HttpResponse IdentityError(const AadFailure& failure, const RequestInfo& info, bool adfs) {
  return adfs ? AdfsError(failure) : AadError(failure, info);
}

World IdentitySnapshot(ServiceContext& context) {
  World world;  // identities never change at run time: grants work on a copy of them
  std::lock_guard<std::mutex> lock(context.state_mutex);
  world.tenants = context.world.tenants;
  world.service_principals = context.world.service_principals;
  world.users = context.world.users;
  world.public_clients = context.world.public_clients;
  return world;
}

const Tenant* AdfsHomeTenant(const World& world) {
  return world.tenants.empty() ? nullptr : &world.tenants.front();
}

namespace {

// The resource scope of a v2 request: the one item that is not an OpenID scope.
std::string ResourceScope(const std::string& scope) {
  std::string resource_scope;
  for (const std::string& item : Split(scope, ' ')) {
    if (item.empty() || item == "offline_access" || item == "openid" || item == "profile" ||
        item == "email") {
      continue;
    }
    resource_scope = item;
  }
  return resource_scope;
}

}  // namespace

std::variant<std::string, AadFailure> RequestedResource(const TokenRequest& request) {
  if (!request.v2) {
    std::string resource = request.Field("resource");
    if (resource.empty()) return MissingParameter("resource");
    return resource;
  }
  std::string scope = request.Field("scope");
  if (scope.empty()) return MissingParameter("scope");
  std::string resource_scope = ResourceScope(scope);
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

std::variant<std::string, AadFailure> UserResource(const TokenRequest& request) {
  if (!request.v2) {
    std::string resource = request.Field("resource");
    if (resource.empty() && request.adfs) {
      // MSAL sends the AD FS resource inside scope.
      resource = ResourceScope(request.Field("scope"));
      if (IEndsWith(resource, "/.default")) resource.resize(resource.size() - 9);
    }
    if (resource.empty()) return MissingParameter("resource");
    return resource;
  }
  std::string scope = request.Field("scope");
  if (scope.empty()) return MissingParameter("scope");
  std::string resource_scope = ResourceScope(scope);
  size_t scheme = resource_scope.find("://");
  size_t slash = resource_scope.rfind('/');
  if (resource_scope.empty() || scheme == std::string::npos || slash <= scheme + 2 ||
      slash + 1 >= resource_scope.size()) {
    return AadFailure{400, "invalid_scope", 70011,
                      "The provided value for the input parameter 'scope' is not valid. The "
                      "scope " +
                          scope + " is not valid."};
  }
  // ".../.default" and ".../user_impersonation" both name the resource before the last '/'.
  return resource_scope.substr(0, slash);
}

HttpResponse HandleTokenRequest(ServiceContext& context, const HttpRequest& http,
                                const RequestInfo& info, const std::string& tenant, bool v2) {
  TokenRequest request;
  request.v2 = v2;
  request.adfs = IEquals(tenant, "adfs");
  request.tenant_segment = tenant;
  World world = IdentitySnapshot(context);
  request.tenant = request.adfs ? AdfsHomeTenant(world) : world.FindTenant(tenant);
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
    return IdentityError(
        {400, "invalid_request", 900561,
         "The endpoint only accepts POST requests. Received a " + http.method + " request."},
        info, request.adfs);
  }
  std::string path = request.adfs ? "/adfs/oauth2/token"
                                  : std::string(v2 ? "/oauth2/v2.0/token" : "/oauth2/token");
  std::vector<std::string> bases{context.base_url};
  if (std::string host = Trim(http.headers.Get("Host")); !host.empty()) {
    if (!IEquals("https://" + host, context.base_url)) bases.push_back("https://" + host);
  }
  for (const std::string& base : bases) {
    if (request.adfs) {
      request.endpoint_urls.push_back(base + path);
      continue;
    }
    request.endpoint_urls.push_back(base + "/" + tenant + path);
    if (!IEquals(tenant, request.tenant->id)) {
      request.endpoint_urls.push_back(base + "/" + request.tenant->id + path);
    }
    if (!request.tenant->domain.empty() && !IEquals(tenant, request.tenant->domain)) {
      request.endpoint_urls.push_back(base + "/" + request.tenant->domain + path);
    }
  }
  request.form = ParseForm(http.body);
  ParseBasicCredentials(http.headers, request);

  std::string grant_type = request.Field("grant_type");
  if (grant_type.empty()) {
    return IdentityError(MissingParameter("grant_type"), info, request.adfs);
  }
  auto grant = Grants().find(grant_type);
  if (grant == Grants().end()) {
    return IdentityError({400, "unsupported_grant_type", 70003,
                          "The app requested an unsupported grant type '" + grant_type + "'."},
                         info, request.adfs);
  }
  GrantOutcome outcome = grant->second(context, request, world);
  if (const AadFailure* failure = std::get_if<AadFailure>(&outcome)) {
    return IdentityError(*failure, info, request.adfs);
  }
  if (!request.adfs) {
    if (auto failure =
            CheckResourcePrincipal(context, *request.tenant, std::get<TokenGrant>(outcome))) {
      return IdentityError(*failure, info, false);
    }
  }
  return IssueToken(context, request, std::get<TokenGrant>(outcome));
}

}  // namespace azscsp::emulator
