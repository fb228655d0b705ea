// The stamp's admin ARM and tenant (user) ARM listeners: /metadata/*, applicationRegistrations,
// subscriptions, Microsoft.Subscriptions.Admin (admin) and role assignments (tenant).
#pragma once

#include "http/message.hpp"
#include "request_info.hpp"

namespace azscsp::emulator {

struct ServiceContext;

HttpResponse HandleStampArm(ServiceContext& context, const HttpRequest& request,
                            const RequestInfo& info);

}  // namespace azscsp::emulator
