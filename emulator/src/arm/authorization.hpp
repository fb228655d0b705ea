// Azure RBAC, reduced to what the emulator needs: any role on the subscription may read;
// every role except Reader may also write, delete and run actions.
#pragma once

#include <optional>
#include <string>

#include "arm/arm_call.hpp"

namespace azscsp::emulator {

// nullopt when allowed; otherwise 403 AuthorizationFailed with ARM's message shape.
std::optional<HttpResponse> Authorize(const Subscription& subscription, const Principal& principal,
                                      const std::string& action, const std::string& scope);

bool IsProviderRegistered(const Subscription& subscription, const std::string& provider);

}  // namespace azscsp::emulator
