#include "arm/authorization.hpp"

#include "arm/roles.hpp"
#include "http/responses.hpp"
#include "util/strings.hpp"

namespace azscsp::emulator {

std::optional<HttpResponse> Authorize(const Subscription& subscription,
                                      const Registration* registration, const Principal& principal,
                                      const std::string& action, const std::string& scope) {
  for (const RoleDefinition* role : RolesAt(subscription, registration, principal.object_id)) {
    if (Permits(*role, action)) return std::nullopt;
  }
  return ArmError(403, "AuthorizationFailed",
                  "The client '" + principal.Name() + "' with object id '" + principal.object_id +
                      "' does not have authorization to perform action '" + action +
                      "' over scope '" + scope +
                      "' or the scope is invalid. If access was recently granted, please refresh "
                      "your credentials.");
}

bool IsProviderRegistered(const Subscription& subscription, const std::string& provider) {
  for (const std::string& registered : subscription.registered_providers) {
    if (IEquals(registered, provider)) return true;
  }
  return false;
}

}  // namespace azscsp::emulator
