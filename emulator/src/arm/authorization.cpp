#include "arm/authorization.hpp"

#include "http/responses.hpp"
#include "util/strings.hpp"

namespace azscsp::emulator {

std::optional<HttpResponse> Authorize(const Subscription& subscription, const Principal& principal,
                                      const std::string& action, const std::string& scope) {
  bool is_read = IEndsWith(action, "/read");
  for (const RoleAssignment& assignment : subscription.role_assignments) {
    if (!IEquals(assignment.principal_id, principal.object_id)) continue;
    if (is_read || !IEquals(assignment.role, "Reader")) return std::nullopt;
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
