// Service principal with a client secret: the OAuth 2.0 client-credentials grant against the v1
// (resource=) or v2 (scope=) token endpoint of Entra ID, or AD FS.
#pragma once

#include <memory>
#include <string>

#include "azscsp/auth/authority.hpp"
#include "azscsp/auth/token_credential.hpp"
#include "azscsp/http/pipeline.hpp"
#include "azscsp/util/clock.hpp"

namespace azscsp::auth {

class ClientSecretCredential final : public TokenCredential {
 public:
  // `pipeline` is used without a bearer policy (retry and logging only).
  ClientSecretCredential(Authority authority, std::string client_id, std::string client_secret,
                         TokenVersion version, std::shared_ptr<const http::Pipeline> pipeline,
                         util::Clock& clock);
  ~ClientSecretCredential() override;

  AccessToken GetToken(const TokenRequest& request, const util::Context& context) override;
  std::string Description() const override;

 private:
  Authority authority_;
  std::string client_id_;
  std::string client_secret_;
  TokenVersion version_;
  std::shared_ptr<const http::Pipeline> pipeline_;
  util::Clock& clock_;
};

}  // namespace azscsp::auth
