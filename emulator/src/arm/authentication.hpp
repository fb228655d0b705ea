// Bearer token validation for ARM routes (api.md §2, §10 item 26).
#pragma once

#include <string>
#include <variant>

#include "arm/arm_call.hpp"

namespace azscsp::emulator {

// The caller, or the 401 response (InvalidAuthenticationToken, ExpiredAuthenticationToken,
// InvalidAuthenticationTokenTenant) with its WWW-Authenticate challenge.
// `subscription_tenant` is the directory of the subscription in the URL ("" when none/unknown).
std::variant<Principal, HttpResponse> AuthenticateArm(const ServiceContext& context,
                                                      const HttpRequest& request,
                                                      const std::string& subscription_tenant);

bool IsArmAudience(std::string audience);

}  // namespace azscsp::emulator
