#include "azscsp/auth/refresh_token_credential.hpp"

#include "azscsp/errors.hpp"

namespace azscsp::auth {

RefreshTokenCredential::RefreshTokenCredential(Authority authority, std::string refresh_token,
                                               PublicClientOptions options,
                                               std::shared_ptr<const http::Pipeline> pipeline,
                                               util::Clock& clock)
    : PublicClientCredential(std::move(authority), std::move(options), std::move(pipeline), clock) {
  if (refresh_token.empty()) throw InvalidArgumentError("No refresh token was given.");
  SetRefreshToken(std::move(refresh_token));
}

std::string RefreshTokenCredential::Description() const {
  const std::string account = Account();
  return (account.empty() ? std::string("refresh token sign-in")
                          : "user '" + account + "' (refresh token)") +
         " in tenant '" + authority_.Tenant() + "'";
}

TokenGrant RefreshTokenCredential::SignIn(const TokenRequest&, const util::Context&) {
  // Only reached when no refresh token is left, which GetToken never allows.
  throw ServiceError(ErrorKind::Authentication,
                     {0, "RefreshTokenMissing",
                      "Sign-in failed for " + Description() +
                          ": there is no refresh token to use; sign in again."});
}

}  // namespace azscsp::auth
