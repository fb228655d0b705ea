// Token endpoints /{tenant}/oauth2/token (v1), /{tenant}/oauth2/v2.0/token (v2) and AD FS
// /adfs/oauth2/token. Grants are looked up in a table: each grant is one function in its own file;
// parsing, error formatting (Entra or AD FS) and token issuing are shared here.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>

#include "http/message.hpp"
#include "identity/aad_errors.hpp"
#include "identity/identity_state.hpp"
#include "request_info.hpp"
#include "state/model.hpp"

namespace azscsp::emulator {

struct ServiceContext;

struct TokenRequest {
  bool v2 = false;
  bool adfs = false;  // /adfs/oauth2/token: resource= style, AD FS responses and errors
  const Tenant* tenant = nullptr;
  std::string tenant_segment;  // the tenant as written in the path ("adfs" for AD FS)
  // URLs of the endpoint that was called (for a client assertion's aud): the announced base and,
  // when different, the Host the client used.
  std::vector<std::string> endpoint_urls;
  std::map<std::string, std::string> form;  // decoded form fields
  std::optional<std::string> basic_client_id;
  std::optional<std::string> basic_client_secret;

  // Form field, or "" when absent.
  std::string Field(const std::string& name) const;
  std::string ClientId() const;  // form client_id, else HTTP Basic user
};

// Who the token is for and which resource it targets.
struct TokenGrant {
  std::string object_id;
  std::string app_id;
  std::string resource;  // becomes aud
  // User flows (device code, password, refresh token).
  bool user = false;
  std::string user_principal_name;
  std::string display_name;
  std::string amr = "pwd";
  bool certificate = false;  // appidacr 2 (certificate) instead of 1 (secret)
  // When set, a refresh token is issued for this grant.
  std::optional<UserGrantInfo> refresh;
  std::string scope;  // v2: granted scopes echoed in the response
};

using GrantOutcome = std::variant<TokenGrant, AadFailure>;
using GrantHandler = GrantOutcome (*)(ServiceContext& context, const TokenRequest& request,
                                      const World& world);

// Grant implementations (one file each).
GrantOutcome ClientCredentialsGrant(ServiceContext& context, const TokenRequest& request,
                                    const World& world);
GrantOutcome PasswordGrant(ServiceContext& context, const TokenRequest& request,
                           const World& world);
GrantOutcome RefreshTokenGrant(ServiceContext& context, const TokenRequest& request,
                               const World& world);
GrantOutcome DeviceCodeGrant(ServiceContext& context, const TokenRequest& request,
                             const World& world);
// client_credentials with client_assertion (client_assertion.cpp).
GrantOutcome ClientAssertionGrant(ServiceContext& context, const TokenRequest& request,
                                  const World& world, const std::string& resource);

// Shared helpers for grants: resource from v1 resource= or v2 scope={resource}/.default.
std::variant<std::string, AadFailure> RequestedResource(const TokenRequest& request);
// User flows: v2 scope may be {resource}/.default or {resource}/{permission} (e.g.
// https://management.core.windows.net//user_impersonation).
std::variant<std::string, AadFailure> UserResource(const TokenRequest& request);
bool ScopeHas(const std::string& scope, const std::string& item);
AadFailure MissingParameter(const std::string& name);
AadFailure AppNotFound(const std::string& client_id, const Tenant& tenant);
// Device code, password and refresh grants need a public client (fixtures publicClients).
std::optional<AadFailure> RequirePublicClient(const std::string& client_id, const Tenant& tenant,
                                              const World& world);
// A refresh token is to be issued with this grant (v1 and AD FS always; v2 with offline_access).
bool IssuesRefreshToken(const TokenRequest& request, const std::string& scope);
// Entra or AD FS body, as the request asks.
HttpResponse IdentityError(const AadFailure& failure, const RequestInfo& info, bool adfs);

// Copy of the identities (tenants, principals, users, public clients) to work on unlocked.
World IdentitySnapshot(ServiceContext& context);
// The directory behind AD FS (tenant "adfs"): the first tenant of the fixtures.
const Tenant* AdfsHomeTenant(const World& world);

HttpResponse HandleTokenRequest(ServiceContext& context, const HttpRequest& request,
                                const RequestInfo& info, const std::string& tenant, bool v2);
// POST /{tenant}/oauth2[/v2.0]/devicecode and /adfs/oauth2/devicecode (device_code.cpp).
HttpResponse HandleDeviceCodeRequest(ServiceContext& context, const HttpRequest& request,
                                     const RequestInfo& info, const std::string& tenant, bool v2);

}  // namespace azscsp::emulator
