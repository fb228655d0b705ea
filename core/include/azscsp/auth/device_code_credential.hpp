// Device code sign-in (auth.md §6): asks the authority for a code, shows its message as a prompt
// through the context's log sink (LogSink::Prompt), and polls the token endpoint at `interval`
// (plus 5 s per slow_down) until someone signs in, declines, or the code expires. Waits in steps of
// at most one second through util::Clock, so cancellation is prompt. Endpoints: v2
// /oauth2/v2.0/devicecode (scope with offline_access), v1 /oauth2/devicecode (resource),
// AD FS /adfs/oauth2/devicecode.
#pragma once

#include "azscsp/auth/public_client_credential.hpp"

namespace azscsp::auth {

class DeviceCodeCredential final : public PublicClientCredential {
 public:
  DeviceCodeCredential(Authority authority, PublicClientOptions options,
                       std::shared_ptr<const http::Pipeline> pipeline, util::Clock& clock);
  std::string Description() const override;

 protected:
  TokenGrant SignIn(const TokenRequest& request, const util::Context& context) override;
};

}  // namespace azscsp::auth
