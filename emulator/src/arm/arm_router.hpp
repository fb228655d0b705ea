// Azure Resource Manager front door: authentication, throttling, api-version, subscription,
// route, RBAC, provider registration and resource group checks, then the handler.
#pragma once

#include "http/message.hpp"
#include "request_info.hpp"

namespace azscsp::emulator {

struct ServiceContext;

bool IsArmPath(const RequestTarget& target);
HttpResponse HandleArm(ServiceContext& context, const HttpRequest& request,
                       const RequestInfo& info);

}  // namespace azscsp::emulator
