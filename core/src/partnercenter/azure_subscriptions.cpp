#include "azscsp/partnercenter/azure_subscriptions.hpp"

#include <algorithm>

#include "azscsp/partnercenter/entitlements_client.hpp"
#include "azscsp/partnercenter/subscriptions_client.hpp"

namespace json = boost::json;

namespace azscsp::partnercenter {

json::object AzureSubscriptionRef::ToJson() const {
  return {{"customerId", customer_id},
          {"azureSubscriptionId", azure_subscription_id},
          {"source", source},
          {"partnerCenterSubscriptionId", partner_center_subscription_id},
          {"offerId", offer_id},
          {"status", status},
          {"friendlyName", friendly_name}};
}

std::vector<AzureSubscriptionRef> AzureSubscriptionsOf(
    const std::string& customer_id, const std::vector<Subscription>& subscriptions,
    const std::shared_ptr<const PartnerCenterClient>& client, const util::Context& context) {
  std::vector<const Subscription*> ordered;
  for (const auto& subscription : subscriptions) ordered.push_back(&subscription);
  // ISO 8601 dates sort as text; undated last.
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const Subscription* a, const Subscription* b) {
                     if (a->creation_date.empty() != b->creation_date.empty())
                       return b->creation_date.empty();
                     return a->creation_date < b->creation_date;
                   });
  EntitlementsClient entitlements(client);
  std::vector<AzureSubscriptionRef> result;
  for (const Subscription* subscription : ordered) {
    if (subscription->IsAzurePlan()) {
      if (subscription->status == "deleted") continue;
      for (const auto& entitlement : entitlements.List(customer_id, subscription->id, context))
        result.push_back({customer_id, Lower(entitlement.id), "AzurePlan", subscription->id,
                          subscription->offer_id, entitlement.status, entitlement.friendly_name,
                          subscription->creation_date});
    } else if (subscription->IsLegacyAzure()) {
      result.push_back({customer_id, Lower(subscription->id), "Legacy", subscription->id,
                        subscription->offer_id, subscription->status, subscription->friendly_name,
                        subscription->creation_date});
    }
  }
  return result;
}

std::vector<AzureSubscriptionRef> ListAzureSubscriptions(
    const std::string& customer_id, const std::shared_ptr<const PartnerCenterClient>& client,
    const util::Context& context) {
  return AzureSubscriptionsOf(
      customer_id, SubscriptionsClient(client).List(customer_id, "", context), client, context);
}

}  // namespace azscsp::partnercenter
