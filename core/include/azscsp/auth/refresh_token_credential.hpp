// Sign-in with a refresh token the caller already has. Every answer's refresh token replaces the
// previous one (rotation), so the second call uses the newest; a refused refresh token is final.
#pragma once

#include "azscsp/auth/public_client_credential.hpp"

namespace azscsp::auth {

class RefreshTokenCredential final : public PublicClientCredential {
 public:
  RefreshTokenCredential(Authority authority, std::string refresh_token,
                         PublicClientOptions options,
                         std::shared_ptr<const http::Pipeline> pipeline, util::Clock& clock);
  std::string Description() const override;

 protected:
  TokenGrant SignIn(const TokenRequest& request, const util::Context& context) override;
  bool CanSignIn() const override { return false; }
  bool UsesStoredSignIn() const override { return false; }
};

}  // namespace azscsp::auth
