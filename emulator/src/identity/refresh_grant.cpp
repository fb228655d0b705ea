// grant_type=refresh_token (auth.md §7): a new refresh token on every redemption (rotation);
// refresh tokens are multi-resource (any resource may be asked for). With
// reject_reused_refresh_tokens, a refresh token works once.
#include "identity/token_endpoint.hpp"
#include "service_context.hpp"
#include "util/strings.hpp"

namespace azscsp::emulator {

GrantOutcome RefreshTokenGrant(ServiceContext& context, const TokenRequest& request,
                               const World& world) {
  std::string client_id = request.ClientId();
  if (auto failure = RequirePublicClient(client_id, *request.tenant, world)) return *failure;
  std::string presented = request.Field("refresh_token");
  if (presented.empty()) return MissingParameter("refresh_token");
  auto resource = UserResource(request);
  if (const AadFailure* failure = std::get_if<AadFailure>(&resource)) return *failure;

  UserGrantInfo info;
  {
    std::lock_guard<std::mutex> lock(context.identity.mutex);
    auto it = context.identity.refresh_tokens.find(presented);
    if (it == context.identity.refresh_tokens.end()) {
      return AadFailure{400, "invalid_grant", 9002313,
                        "Invalid request. Request is malformed or invalid. (The refresh token is "
                        "not one the emulator issued, or the emulator was reset.)"};
    }
    RefreshTokenRecord& record = it->second;
    if (record.expires_at <= IdentityNow(context.options)) {
      return AadFailure{400, "invalid_grant", 700082,
                        "The refresh token has expired due to inactivity."};
    }
    if (!IEquals(record.grant.client_id, client_id) ||
        !IEquals(record.grant.tenant_id, request.tenant->id) || record.grant.adfs != request.adfs) {
      return AadFailure{400, "invalid_grant", 70000,
                        "Provided grant is invalid or malformed. The refresh token was issued to "
                        "another client or tenant."};
    }
    if (record.redeemed && context.options.reject_reused_refresh_tokens) {
      return AadFailure{400, "invalid_grant", 70008,
                        "The provided authorization code or refresh token has expired due to "
                        "inactivity or was already redeemed (azscsp-emulator "
                        "--reject-reused-refresh-tokens: use the newest refresh token). Send a new "
                        "interactive authorization request for this user and resource."};
    }
    record.redeemed = true;
    info = record.grant;
  }
  // The user may have been removed from the fixtures since.
  const User* user = world.FindUser(info.user_principal_name);
  if (!user) {
    return AadFailure{400, "invalid_grant", 50173,
                      "The provided grant has expired due to it being revoked, a fresh auth token "
                      "is needed."};
  }
  std::string scope = request.Field("scope");
  TokenGrant grant;
  grant.user = true;
  grant.object_id = info.user_object_id;
  grant.app_id = client_id;
  grant.resource = std::get<std::string>(resource);
  grant.user_principal_name = info.user_principal_name;
  grant.display_name = info.display_name;
  grant.scope = grant.resource + (IEndsWith(grant.resource, "/") ? "" : "/") +
                "user_impersonation offline_access";
  info.resource = grant.resource;
  info.scope = scope;
  grant.refresh = info;  // rotation: always a new refresh token
  return grant;
}

}  // namespace azscsp::emulator
