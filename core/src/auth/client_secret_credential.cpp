#include "azscsp/auth/client_secret_credential.hpp"

#include "auth/token_response.hpp"
#include "azscsp/errors.hpp"

namespace azscsp::auth {

ClientSecretCredential::ClientSecretCredential(Authority authority, std::string client_id,
                                               std::string client_secret, TokenVersion version,
                                               std::shared_ptr<const http::Pipeline> pipeline,
                                               util::Clock& clock)
    : authority_(std::move(authority)),
      client_id_(std::move(client_id)),
      client_secret_(std::move(client_secret)),
      version_(authority_.IsAdfs() ? TokenVersion::V1 : version),
      pipeline_(std::move(pipeline)),
      clock_(clock) {
  if (client_id_.empty())
    throw InvalidArgumentError("No application (client) ID was given for the service principal.");
  if (client_secret_.empty())
    throw InvalidArgumentError("No client secret was given for application '" + client_id_ + "'.");
}

ClientSecretCredential::~ClientSecretCredential() {
  // Do not leave the secret in freed memory longer than needed.
  _detail::Wipe(client_secret_);
}

std::string ClientSecretCredential::Description() const {
  return "application '" + client_id_ + "' in tenant '" + authority_.Tenant() + "'";
}

AccessToken ClientSecretCredential::GetToken(const TokenRequest& request,
                                             const util::Context& context) {
  std::string form = _detail::FormParam("grant_type", "client_credentials") +
                     _detail::FormParam("client_id", client_id_) +
                     _detail::FormParam("client_secret", client_secret_);
  form += _detail::AudienceParam(version_, request.resource);
  return _detail::RedeemGrant(*pipeline_, authority_.TokenEndpoint(version_), std::move(form),
                              Description(), clock_, context)
      .access;
}

}  // namespace azscsp::auth
