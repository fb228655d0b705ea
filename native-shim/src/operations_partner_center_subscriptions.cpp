// The Partner Center subscription operations (README.md, Partner Center (issue 7)): Azure plan
// purchase, subscriptions and their status, Azure entitlements, the customer's Azure subscriptions.
#include <chrono>

#include "arguments.hpp"
#include "azscsp/errors.hpp"
#include "azscsp/partnercenter/azure_plan_purchase.hpp"
#include "azscsp/partnercenter/azure_subscriptions.hpp"
#include "azscsp/partnercenter/entitlements_client.hpp"
#include "azscsp/partnercenter/subscriptions_client.hpp"
#include "azscsp/util/clock.hpp"
#include "client_state.hpp"
#include "operation_handlers.hpp"
#include "partner_center_arguments.hpp"

namespace json = boost::json;
namespace pc = azscsp::partnercenter;

namespace azscsp::shim::_detail {

void PurchaseAzurePlan(ClientState& client, const json::object& arguments, const Emit& emit,
                       const util::Context& context) {
  const std::string customer_id = RequiredGuid(arguments, "customerId");
  pc::PurchaseOptions options;
  options.friendly_name = OptionalString(arguments, "friendlyName").value_or("");
  options.timeout =
      std::chrono::seconds(OptionalInteger(arguments, "timeoutSeconds", 1, 86400).value_or(900));
  emit(pc::PurchaseAzurePlan(customer_id, options, client.PartnerCenter(context),
                             util::SystemClock::Instance(), context)
           .ToJson());
}

void ListPartnerSubscriptions(ClientState& client, const json::object& arguments, const Emit& emit,
                              const util::Context& context) {
  const std::string customer_id = RequiredGuid(arguments, "customerId");
  for (const auto& subscription :
       pc::SubscriptionsClient(client.PartnerCenter(context))
           .List(customer_id, OptionalString(arguments, "orderId").value_or(""), context))
    emit(subscription.ToJson(customer_id));
}

void GetPartnerSubscription(ClientState& client, const json::object& arguments, const Emit& emit,
                            const util::Context& context) {
  const std::string customer_id = RequiredGuid(arguments, "customerId");
  emit(pc::SubscriptionsClient(client.PartnerCenter(context))
           .Get(customer_id, RequiredString(arguments, "subscriptionId"), context)
           .ToJson(customer_id));
}

void SetPartnerSubscriptionStatus(ClientState& client, const json::object& arguments,
                                  const Emit& emit, const util::Context& context) {
  const std::string customer_id = RequiredGuid(arguments, "customerId");
  const std::string subscription_id = RequiredString(arguments, "subscriptionId");
  const std::string status =
      pc::ParseSubscriptionStatus(RequiredString(arguments, "status"), "status");
  const pc::StatusChange change = pc::SubscriptionsClient(client.PartnerCenter(context))
                                      .SetStatus(customer_id, subscription_id, status, context);
  json::object item = change.subscription.ToJson(customer_id);
  item["previousStatus"] = change.previous_status;
  item["changed"] = change.changed;
  emit(std::move(item));
}

void ListAzureEntitlements(ClientState& client, const json::object& arguments, const Emit& emit,
                           const util::Context& context) {
  const std::string customer_id = RequiredGuid(arguments, "customerId");
  for (const auto& entitlement :
       pc::EntitlementsClient(client.PartnerCenter(context))
           .List(customer_id, RequiredString(arguments, "subscriptionId"), context))
    emit(entitlement.ToJson(customer_id));
}

void CancelAzureEntitlement(ClientState& client, const json::object& arguments, const Emit& emit,
                            const util::Context& context) {
  const std::string customer_id = RequiredGuid(arguments, "customerId");
  const std::string subscription_id = RequiredString(arguments, "subscriptionId");
  const std::string entitlement_id = RequiredString(arguments, "entitlementId");
  const pc::EntitlementsClient entitlements(client.PartnerCenter(context));
  entitlements.Cancel(customer_id, subscription_id, entitlement_id,
                      OptionalString(arguments, "cancellationReason").value_or("other"), context);
  std::string status = "cancelled";
  try {
    status = entitlements.Get(customer_id, subscription_id, entitlement_id, context).status;
  } catch (const ServiceError&) {
    // The cancel was accepted (202); reading it back is only a courtesy.
  }
  emit({{"entitlementId", entitlement_id},
        {"subscriptionId", subscription_id},
        {"customerId", customer_id},
        {"status", status}});
}

void ListPartnerAzureSubscriptions(ClientState& client, const json::object& arguments,
                                   const Emit& emit, const util::Context& context) {
  const std::string customer_id = RequiredGuid(arguments, "customerId");
  for (const auto& subscription :
       pc::ListAzureSubscriptions(customer_id, client.PartnerCenter(context), context))
    emit(subscription.ToJson());
}

}  // namespace azscsp::shim::_detail
