// grant_type=password (resource owner password credentials, auth.md §7) for fixture users, with a
// public client only.
#include "identity/token_endpoint.hpp"
#include "util/strings.hpp"

namespace azscsp::emulator {

GrantOutcome PasswordGrant(ServiceContext& /*context*/, const TokenRequest& request,
                           const World& world) {
  std::string client_id = request.ClientId();
  if (auto failure = RequirePublicClient(client_id, *request.tenant, world)) return *failure;
  std::string username = request.Field("username");
  if (username.empty()) return MissingParameter("username");
  if (request.Field("password").empty()) return MissingParameter("password");
  auto resource = UserResource(request);
  if (const AadFailure* failure = std::get_if<AadFailure>(&resource)) return *failure;

  const User* user = world.FindUser(username);
  // A guest (invited through Graph, mail = the user's UPN) signs in to the inviting directory with
  // the credentials of their home account; the token is for the guest object there.
  const User* guest = nullptr;
  if (user && !IEquals(user->tenant_id, request.tenant->id)) {
    for (const User& u : world.users) {
      if (IEquals(u.tenant_id, request.tenant->id) && u.user_type == "Guest" &&
          IEquals(u.mail, user->user_principal_name)) {
        guest = &u;
      }
    }
    if (!guest) user = nullptr;
  }
  if (!user) {
    return AadFailure{400, "invalid_grant", 50034,
                      "The user account {EUII Hidden} does not exist in the " + request.tenant->id +
                          " directory. To sign into this application, the account must be added "
                          "to the directory."};
  }
  if (user->password.empty() || user->password != request.Field("password")) {
    return AadFailure{400, "invalid_grant", 50126,
                      "Error validating credentials due to invalid username or password."};
  }
  if (user->mfa_required) {
    return AadFailure{400, "invalid_grant", 50076,
                      "Due to a configuration change made by your administrator, or because you "
                      "moved to a new location, you must use multi-factor authentication to "
                      "access '" +
                          std::get<std::string>(resource) + "'."};
  }
  const User& signed_in = guest ? *guest : *user;
  TokenGrant grant;
  grant.user = true;
  grant.object_id = signed_in.object_id;
  grant.app_id = client_id;
  grant.resource = std::get<std::string>(resource);
  grant.user_principal_name = signed_in.user_principal_name;
  grant.display_name = signed_in.display_name;
  grant.amr = "pwd";
  std::string scope = request.Field("scope");
  grant.scope = grant.resource + (IEndsWith(grant.resource, "/") ? "" : "/") +
                "user_impersonation" + (ScopeHas(scope, "offline_access") ? " offline_access" : "");
  if (IssuesRefreshToken(request, scope)) {
    grant.refresh = UserGrantInfo{client_id,
                                  request.tenant->id,
                                  signed_in.object_id,
                                  signed_in.user_principal_name,
                                  signed_in.display_name,
                                  grant.resource,
                                  scope,
                                  request.adfs};
  }
  return grant;
}

}  // namespace azscsp::emulator
