// CSP tenant mapping: registrations/{name}/customerSubscriptions (api.md §1.3, §1.4, §11).
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include "azscsp/arm/arm_client.hpp"
#include "azscsp/services/azurestack_models.hpp"

namespace azscsp::services {

struct DeleteResult {
  std::string id;
  std::string customer_subscription_id;
  // true: removed; false: it was not there (404); nullopt: 204, which the service also sends for
  // an absent mapping, so nothing more can be said.
  std::optional<bool> existed;
};

class CustomerSubscriptionsClient {
 public:
  explicit CustomerSubscriptionsClient(std::shared_ptr<const arm::ArmClient> arm)
      : arm_(std::move(arm)) {}

  // Validates every part of a reference (GUIDs, names), naming the bad argument.
  static void Validate(const CustomerSubscriptionRef& ref, bool need_customer_subscription);

  CustomerSubscription Get(const CustomerSubscriptionRef& ref, const std::string& api_version,
                           const util::Context& context) const;
  void List(const RegistrationRef& registration, const std::string& api_version,
            const std::function<bool(const CustomerSubscription&)>& on_item,
            const util::Context& context) const;
  // Creates or overwrites the mapping; accepts 200/201/204 with or without a body and reads the
  // mapping back when the answer has none.
  CustomerSubscription Put(const CustomerSubscriptionRef& ref,
                           const std::optional<std::string>& tenant_id,
                           const std::optional<std::string>& etag, const std::string& api_version,
                           const util::Context& context) const;
  DeleteResult Delete(const CustomerSubscriptionRef& ref, const std::string& api_version,
                      const util::Context& context) const;

 private:
  std::shared_ptr<const arm::ArmClient> arm_;
};

}  // namespace azscsp::services
