// A customer's Partner Center subscriptions (partner-center.md §7.11): list, get, and status
// changes by GET + PATCH of the full object with its etag (suspend, reactivate, cancel).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "azscsp/partnercenter/partner_center_client.hpp"
#include "azscsp/partnercenter/partner_center_models.hpp"

namespace azscsp::partnercenter {

struct StatusChange {
  Subscription subscription;  // as it is afterwards
  std::string previous_status;
  bool changed = false;
};

// "active", "suspended" or "deleted" from any case; InvalidArgumentError naming `argument`
// otherwise.
std::string ParseSubscriptionStatus(const std::string& status, const char* argument);

class SubscriptionsClient {
 public:
  explicit SubscriptionsClient(std::shared_ptr<const PartnerCenterClient> client);

  // GET customers/{c}/subscriptions[?order_id=...].
  std::vector<Subscription> List(const std::string& customer_id, const std::string& order_id,
                                 const util::Context& context) const;
  Subscription Get(const std::string& customer_id, const std::string& subscription_id,
                   const util::Context& context) const;
  // PATCH the full object (its attributes.etag travels in the body).
  Subscription Update(const std::string& customer_id, const Subscription& subscription,
                      const util::Context& context) const;
  // GET, then PATCH with the new status unless it is already in it. `status` as
  // ParseSubscriptionStatus returns.
  StatusChange SetStatus(const std::string& customer_id, const std::string& subscription_id,
                         const std::string& status, const util::Context& context) const;

 private:
  std::shared_ptr<const PartnerCenterClient> client_;
};

}  // namespace azscsp::partnercenter
