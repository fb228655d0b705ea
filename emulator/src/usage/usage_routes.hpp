// Usage routes: provider usage (admin ARM, Microsoft.Commerce.Admin/subscriberUsageAggregates),
// tenant usage (tenant ARM, Microsoft.Commerce/usageAggregates) and the generator's control
// endpoints (POST /_emulator/usage/generate, GET /_emulator/usage). README "Usage".
#pragma once

#include <string>

#include "http/message.hpp"
#include "request_info.hpp"
#include "state/model.hpp"

namespace azscsp::emulator {

struct ServiceContext;

// A usage route on a stamp listener (it answers a missing api-version with NoApiVersion).
bool IsUsagePath(const RequestTarget& target);
HttpResponse NoApiVersion();

// GET {dps}/providers/Microsoft.Commerce.Admin/subscriberUsageAggregates. state_mutex held.
HttpResponse ProviderUsage(ServiceContext& context, World& world, const RequestInfo& info,
                           const std::string& api_version);
// GET /subscriptions/{sub}/providers/Microsoft.Commerce/usageAggregates. state_mutex held.
HttpResponse TenantUsage(ServiceContext& context, World& world,
                         const UserSubscription& subscription, const RequestInfo& info,
                         const std::string& api_version);

// /_emulator/usage[/generate] (main listener, no auth). Takes state_mutex itself.
HttpResponse UsageControl(ServiceContext& context, const HttpRequest& request,
                          const RequestInfo& info);

}  // namespace azscsp::emulator
