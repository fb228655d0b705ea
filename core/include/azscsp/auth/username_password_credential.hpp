// Resource-owner password credentials (ROPC, grant_type=password), for compatibility with the
// documented -AutomationCredential scripts (auth.md §7). Fails under MFA and Conditional Access
// (AADSTS50076, 50079, 53003): the error says so. After the first sign-in the refresh token serves
// later requests.
#pragma once

#include "azscsp/auth/public_client_credential.hpp"

namespace azscsp::auth {

class UsernamePasswordCredential final : public PublicClientCredential {
 public:
  UsernamePasswordCredential(Authority authority, std::string username, std::string password,
                             PublicClientOptions options,
                             std::shared_ptr<const http::Pipeline> pipeline, util::Clock& clock);
  ~UsernamePasswordCredential() override;
  std::string Description() const override;

 protected:
  TokenGrant SignIn(const TokenRequest& request, const util::Context& context) override;
  std::string KnownAccount() const override { return username_; }

 private:
  std::string username_;
  std::string password_;
};

}  // namespace azscsp::auth
