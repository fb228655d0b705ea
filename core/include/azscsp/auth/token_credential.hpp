// Credentials produce access tokens for a resource (audience). Every sign-in method implements
// TokenCredential; TokenCache in front of any of them adds caching and proactive refresh.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "azscsp/util/context.hpp"

namespace azscsp::auth {

using SystemTime = std::chrono::system_clock::time_point;

struct AccessToken {
  std::string token;  // never logged, never part of an error
  SystemTime expires_on;
  std::optional<SystemTime> refresh_on;  // from refresh_in: renew proactively after this
};

struct TokenRequest {
  // The audience as a v1 resource, e.g. "https://management.core.windows.net/". v2 credentials
  // turn it into the scope "{resource}/.default".
  std::string resource;
};

class TokenCredential {
 public:
  virtual ~TokenCredential() = default;
  // Throws ServiceError(Authentication) with the AAD error code when the sign-in is refused.
  virtual AccessToken GetToken(const TokenRequest& request, const util::Context& context) = 0;
  // Drops any cached token for the request, so the next GetToken asks the authority again.
  virtual void Invalidate(const TokenRequest& request) {}
  // A short description for messages and logs, e.g. "service principal 5a0b… in tenant contoso".
  virtual std::string Description() const = 0;
};

}  // namespace azscsp::auth
