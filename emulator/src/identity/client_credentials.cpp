// grant_type=client_credentials with a client secret (auth.md §4) or a certificate assertion (§5,
// client_assertion.cpp).
#include "identity/token_endpoint.hpp"

namespace azscsp::emulator {

GrantOutcome ClientCredentialsGrant(ServiceContext& context, const TokenRequest& request,
                                    const World& world) {
  auto resource = RequestedResource(request);
  bool has_assertion =
      !request.Field("client_assertion").empty() || !request.Field("client_assertion_type").empty();
  std::string client_id = request.ClientId();
  // AD FS: client_id is optional with an assertion (it is inside the assertion).
  if (client_id.empty() && !(request.adfs && has_assertion)) return MissingParameter("client_id");
  if (const AadFailure* failure = std::get_if<AadFailure>(&resource)) return *failure;
  if (has_assertion) {
    return ClientAssertionGrant(context, request, world, std::get<std::string>(resource));
  }

  const ServicePrincipal* principal = world.FindServicePrincipal(request.tenant->id, client_id);
  if (!principal) return AppNotFound(client_id, *request.tenant);

  std::string secret = request.Field("client_secret");
  if (secret.empty() && request.basic_client_secret) secret = *request.basic_client_secret;
  if (secret.empty()) {
    return AadFailure{401, "invalid_client", 7000218,
                      "The request body must contain the following parameter: "
                      "'client_assertion' or 'client_secret'."};
  }
  bool secret_matches = false;
  for (const std::string& known : principal->secrets) secret_matches |= known == secret;
  if (!secret_matches) {
    return AadFailure{401, "invalid_client", 7000215,
                      "Invalid client secret provided. Ensure the secret being sent in the "
                      "request is the client secret value, not the client secret ID, for a "
                      "secret added to app '" +
                          principal->app_id + "'."};
  }
  TokenGrant grant;
  grant.object_id = principal->object_id;
  grant.app_id = principal->app_id;
  grant.resource = std::get<std::string>(resource);
  return grant;
}

}  // namespace azscsp::emulator
