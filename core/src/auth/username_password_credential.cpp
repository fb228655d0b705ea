#include "azscsp/auth/username_password_credential.hpp"

#include "auth/token_response.hpp"
#include "azscsp/errors.hpp"

namespace azscsp::auth {

UsernamePasswordCredential::UsernamePasswordCredential(
    Authority authority, std::string username, std::string password, PublicClientOptions options,
    std::shared_ptr<const http::Pipeline> pipeline, util::Clock& clock)
    : PublicClientCredential(std::move(authority), std::move(options), std::move(pipeline), clock),
      username_(std::move(username)),
      password_(std::move(password)) {
  if (username_.empty()) throw InvalidArgumentError("No user name was given.");
  if (password_.empty())
    throw InvalidArgumentError("No password was given for user '" + username_ + "'.");
}

UsernamePasswordCredential::~UsernamePasswordCredential() {
  _detail::Wipe(password_);
}

std::string UsernamePasswordCredential::Description() const {
  return "user '" + username_ + "' in tenant '" + authority_.Tenant() + "'";
}

TokenGrant UsernamePasswordCredential::SignIn(const TokenRequest& request,
                                              const util::Context& context) {
  return Redeem(
      _detail::FormParam("grant_type", "password") + _detail::FormParam("client_id", client_id_) +
          _detail::FormParam("username", username_) + _detail::FormParam("password", password_) +
          ResourceParams(request.resource, "openid profile") +
          (version_ == TokenVersion::V1 ? _detail::FormParam("scope", "openid") : std::string()),
      context);
}

}  // namespace azscsp::auth
