// grant_type=client_credentials with a client secret (auth.md §4).
#include "identity/token_endpoint.hpp"

namespace azscsp::emulator {

GrantOutcome ClientCredentialsGrant(const TokenRequest& request, const World& world) {
  std::string client_id = request.ClientId();
  if (client_id.empty()) return MissingParameter("client_id");
  auto resource = RequestedResource(request);
  if (const AadFailure* failure = std::get_if<AadFailure>(&resource)) return *failure;

  const ServicePrincipal* principal = world.FindServicePrincipal(request.tenant->id, client_id);
  if (!principal) {
    std::string directory =
        request.tenant->domain.empty() ? request.tenant->id : request.tenant->domain;
    return AadFailure{400, "unauthorized_client", 700016,
                      "Application with identifier '" + client_id +
                          "' was not found in the directory '" + directory +
                          "'. This can happen if the application has not been installed by the "
                          "administrator of the tenant or consented to by any user in the tenant. "
                          "You may have sent your authentication request to the wrong tenant."};
  }

  std::string secret = request.Field("client_secret");
  if (secret.empty() && request.basic_client_secret) secret = *request.basic_client_secret;
  if (secret.empty()) {
    if (!request.Field("client_assertion").empty()) {
      return AadFailure{401, "invalid_client", 700027,
                        "Client assertion (certificate) credentials are not implemented by "
                        "azscsp-emulator yet; use a client secret."};
    }
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
  return TokenGrant{principal->object_id, principal->app_id, std::get<std::string>(resource)};
}

}  // namespace azscsp::emulator
