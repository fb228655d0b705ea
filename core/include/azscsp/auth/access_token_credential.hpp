// A bearer token the caller brings (-AccessToken): used as is. Its expiry comes from the JWT `exp`
// claim when readable (opaque tokens are assumed valid; the service decides); once expired,
// GetToken throws ServiceError(Authentication): nothing can refresh it.
#pragma once

#include "azscsp/auth/token_credential.hpp"
#include "azscsp/util/clock.hpp"

namespace azscsp::auth {

class AccessTokenCredential final : public TokenCredential {
 public:
  AccessTokenCredential(std::string access_token, util::Clock& clock);
  ~AccessTokenCredential() override;
  AccessToken GetToken(const TokenRequest& request, const util::Context& context) override;
  std::string Description() const override;

 private:
  std::string token_;
  std::optional<SystemTime> expires_on_;
  std::string who_;
  util::Clock& clock_;
};

}  // namespace azscsp::auth
