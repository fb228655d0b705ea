#include "azscsp/auth/access_token_credential.hpp"

#include "auth/token_response.hpp"
#include "azscsp/auth/token_claims.hpp"
#include "azscsp/errors.hpp"

namespace azscsp::auth {
namespace {
// An opaque token's expiry is unknown: it is offered for this long at a time, and the service
// decides (a 401 then ends the call).
constexpr auto kOpaqueTokenValidity = std::chrono::hours(1);
}  // namespace

AccessTokenCredential::AccessTokenCredential(std::string access_token, util::Clock& clock)
    : token_(std::move(access_token)), clock_(clock) {
  if (token_.empty()) throw InvalidArgumentError("No access token was given.");
  if (auto claims = ReadTokenClaims(token_)) {
    if (claims->expires_on) expires_on_ = SystemTime(std::chrono::seconds(*claims->expires_on));
    who_ = !claims->user_principal_name.empty() ? "user '" + claims->user_principal_name + "'"
           : !claims->app_id.empty()            ? "application '" + claims->app_id + "'"
                                                : std::string();
  }
}

AccessTokenCredential::~AccessTokenCredential() {
  _detail::Wipe(token_);
}

std::string AccessTokenCredential::Description() const {
  return "the given access token" + (who_.empty() ? std::string() : " of " + who_);
}

AccessToken AccessTokenCredential::GetToken(const TokenRequest&, const util::Context&) {
  const auto now = clock_.Now();
  if (expires_on_ && now >= *expires_on_)
    throw ServiceError(
        ErrorKind::Authentication,
        {0, "AccessTokenExpired",
         "Sign-in failed for " + Description() + ": the access token expired; get a new one."});
  return {token_, expires_on_ ? *expires_on_ : now + kOpaqueTokenValidity, std::nullopt};
}

}  // namespace azscsp::auth
