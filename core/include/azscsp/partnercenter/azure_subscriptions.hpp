// The Azure subscriptions a customer has through Partner Center (partner-center.md §9): each
// Azure plan's entitlements (entitlement id = Azure subscription id) and each legacy Microsoft
// Azure (MS-AZR-0145P) subscription (its own id). Ids are lower-cased, as Azure wants them.
#pragma once

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "azscsp/partnercenter/partner_center_client.hpp"
#include "azscsp/partnercenter/partner_center_models.hpp"

namespace azscsp::partnercenter {

struct AzureSubscriptionRef {
  std::string customer_id;
  std::string azure_subscription_id;  // lower case
  std::string source;                 // "AzurePlan" or "Legacy"
  std::string partner_center_subscription_id;
  std::string offer_id, status, friendly_name;
  std::string creation_date;  // of the Partner Center subscription (ordering)

  bool Active() const { return status == "active"; }
  boost::json::object ToJson() const;
};

// The plans' entitlements (one GET per non-deleted plan) and legacy subscriptions of
// `subscriptions`, in this order: by creation date of the Partner Center subscription, then as
// listed.
std::vector<AzureSubscriptionRef> AzureSubscriptionsOf(
    const std::string& customer_id, const std::vector<Subscription>& subscriptions,
    const std::shared_ptr<const PartnerCenterClient>& client, const util::Context& context);

// Lists the customer's subscriptions first.
std::vector<AzureSubscriptionRef> ListAzureSubscriptions(
    const std::string& customer_id, const std::shared_ptr<const PartnerCenterClient>& client,
    const util::Context& context);

}  // namespace azscsp::partnercenter
