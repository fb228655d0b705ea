// Buying an Azure plan (partner-center.md §10 step 5-6): an existing plan that is not deleted is
// kept; else the catalog's availability goes into a cart, the cart is checked out, the order is
// polled until completed and the plan's entitlements until one is active.
#pragma once

#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "azscsp/partnercenter/partner_center_client.hpp"
#include "azscsp/partnercenter/partner_center_models.hpp"
#include "azscsp/util/clock.hpp"

namespace azscsp::partnercenter {

struct PurchaseOptions {
  std::string friendly_name;
  std::string country = "US";
  std::chrono::seconds timeout{900};
  std::chrono::milliseconds poll_interval{2000};  // when the service names no Retry-After
};

struct PurchaseResult {
  std::string customer_id, order_id;
  Subscription subscription;
  std::vector<std::string> azure_subscription_ids;  // active entitlements, lower case
  std::string status;                               // "Done" or "AlreadyDone"

  boost::json::object ToJson() const;
};

// The customer's Azure plan that is not deleted, if any (the oldest when several).
std::optional<Subscription> ExistingAzurePlan(const std::vector<Subscription>& subscriptions);

// `log` info events per step (util::Progress). Past the timeout: error code OrderNotCompleted
// (Timeout) naming the order.
PurchaseResult PurchaseAzurePlan(const std::string& customer_id, const PurchaseOptions& options,
                                 const std::shared_ptr<const PartnerCenterClient>& client,
                                 util::Clock& clock, const util::Context& context);

// Waits for the plan subscription's order (when it is pending) and for an active entitlement;
// used by PurchaseAzurePlan and to finish a purchase a cut run left.
PurchaseResult CompleteAzurePlan(const std::string& customer_id, Subscription plan,
                                 const std::string& order_id, const PurchaseOptions& options,
                                 const std::shared_ptr<const PartnerCenterClient>& client,
                                 util::Clock& clock, const util::Context& context);

}  // namespace azscsp::partnercenter
