// Azure RBAC, reduced to what the emulator needs: the caller's built-in roles on the subscription
// (fixtures) and at the registration in the URL (role assignments made through ARM) must permit
// the route's action (see roles.hpp).
#pragma once

#include <optional>
#include <string>

#include "arm/arm_call.hpp"

namespace azscsp::emulator {

// nullopt when allowed; otherwise 403 AuthorizationFailed with ARM's message shape.
// `registration` is the registration the URL addresses (or lies under), if it exists.
std::optional<HttpResponse> Authorize(const Subscription& subscription,
                                      const Registration* registration, const Principal& principal,
                                      const std::string& action, const std::string& scope);

bool IsProviderRegistered(const Subscription& subscription, const std::string& provider);

}  // namespace azscsp::emulator
