// The operator's subscriptions on the stamp admin ARM (api.md §4): finds the Default Provider
// Subscription, under which the Subscriptions.Admin resources live.
#pragma once

#include <memory>
#include <string>

#include "azscsp/arm/arm_client.hpp"

namespace azscsp::services {

constexpr const char* kDefaultProviderSubscriptionName = "Default Provider Subscription";
constexpr const char* kAdminSubscriptionsApiVersion = "2016-05-01";

struct AdminSubscription {
  std::string subscription_id, display_name, state;
};

class AdminSubscriptionsClient {
 public:
  explicit AdminSubscriptionsClient(std::shared_ptr<const arm::ArmClient> arm)
      : arm_(std::move(arm)) {}

  // GET /subscriptions?api-version=2016-05-01 and the one whose displayName is `name` (any case).
  // None: ServiceError(NotFound) code "DefaultProviderSubscriptionNotFound".
  AdminSubscription FindDefaultProvider(const std::string& name,
                                        const util::Context& context) const;

 private:
  std::shared_ptr<const arm::ArmClient> arm_;
};

}  // namespace azscsp::services
