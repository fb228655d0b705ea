#include "azscsp/partnercenter/azure_plan_purchase.hpp"

#include "azscsp/errors.hpp"
#include "azscsp/partnercenter/catalog_client.hpp"
#include "azscsp/partnercenter/entitlements_client.hpp"
#include "azscsp/partnercenter/orders_client.hpp"
#include "azscsp/partnercenter/subscriptions_client.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/log.hpp"

namespace json = boost::json;

namespace azscsp::partnercenter {
namespace {

using Deadline = util::Clock::SystemTime;

void ThrowIfPast(util::Clock& clock, Deadline deadline, const std::string& order_id,
                 const std::string& what) {
  if (clock.Now() < deadline) return;
  throw ServiceError(ErrorKind::Timeout,
                     {0, "OrderNotCompleted",
                      "The Partner Center order " + order_id + " did not complete in time (" +
                          what + "); run the purchase again later to pick it up where it is."});
}

}  // namespace

json::object PurchaseResult::ToJson() const {
  json::array ids;
  for (const auto& id : azure_subscription_ids) ids.push_back(json::string(id));
  return {{"customerId", customer_id},
          {"orderId", order_id},
          {"subscription", subscription.ToJson(customer_id)},
          {"azureSubscriptionIds", std::move(ids)},
          {"status", status}};
}

std::optional<Subscription> ExistingAzurePlan(const std::vector<Subscription>& subscriptions) {
  std::optional<Subscription> found;
  for (const auto& subscription : subscriptions)
    if (subscription.IsAzurePlan() && subscription.status != "deleted")
      if (!found || (!subscription.creation_date.empty() &&
                     subscription.creation_date < found->creation_date))
        found = subscription;
  return found;
}

PurchaseResult CompleteAzurePlan(const std::string& customer_id, Subscription plan,
                                 const std::string& order_id, const PurchaseOptions& options,
                                 const std::shared_ptr<const PartnerCenterClient>& client,
                                 util::Clock& clock, const util::Context& context) {
  const Deadline deadline = clock.Now() + options.timeout;
  PurchaseResult result;
  result.customer_id = customer_id;
  result.order_id = order_id.empty() ? plan.order_id : order_id;
  OrdersClient orders(client);
  SubscriptionsClient subscriptions(client);
  if (!result.order_id.empty() && plan.status != "active") {
    for (;;) {
      const OrderRead read = orders.GetOrder(customer_id, result.order_id, context);
      if (read.order.status == "completed") break;
      if (read.order.status == "cancelled")
        throw ServiceError(ErrorKind::Service,
                           {0, "OrderCancelled",
                            "The Partner Center order " + result.order_id + " was cancelled."});
      ThrowIfPast(clock, deadline, result.order_id, "order status '" + read.order.status + "'");
      util::Progress(context, "Order " + result.order_id + " is " + read.order.status +
                                  "; waiting for it to complete.");
      clock.SleepFor(read.retry_after
                         ? std::chrono::duration_cast<std::chrono::milliseconds>(*read.retry_after)
                         : options.poll_interval,
                     context);
    }
    util::Progress(context, "Order " + result.order_id + " completed.");
  }
  EntitlementsClient entitlements(client);
  for (;;) {
    plan = subscriptions.Get(customer_id, plan.id, context);
    if (plan.status == "active")
      for (const auto& entitlement : entitlements.List(customer_id, plan.id, context))
        if (entitlement.status == "active")
          result.azure_subscription_ids.push_back(Lower(entitlement.id));
    if (!result.azure_subscription_ids.empty()) break;
    ThrowIfPast(clock, deadline, result.order_id,
                "the Azure plan " + plan.id + " has no active Azure subscription yet");
    clock.SleepFor(options.poll_interval, context);
  }
  util::Progress(context, "Azure plan " + plan.id + " has Azure subscription(s) " +
                              result.azure_subscription_ids.front() + ".");
  result.subscription = std::move(plan);
  result.status = "Done";
  return result;
}

PurchaseResult PurchaseAzurePlan(const std::string& customer_id, const PurchaseOptions& options,
                                 const std::shared_ptr<const PartnerCenterClient>& client,
                                 util::Clock& clock, const util::Context& context) {
  SubscriptionsClient subscriptions(client);
  if (auto existing = ExistingAzurePlan(subscriptions.List(customer_id, "", context))) {
    util::Progress(context, "Customer " + customer_id + " already has the Azure plan " +
                                existing->id + " (" + existing->status + ").");
    PurchaseResult result;
    if (existing->status == "active" || existing->status == "suspended") {
      result.customer_id = customer_id;
      result.order_id = existing->order_id;
      for (const auto& entitlement :
           EntitlementsClient(client).List(customer_id, existing->id, context))
        if (entitlement.status == "active")
          result.azure_subscription_ids.push_back(Lower(entitlement.id));
      result.subscription = std::move(*existing);
    } else {
      result = CompleteAzurePlan(customer_id, *existing, existing->order_id, options, client, clock,
                                 context);
    }
    result.status = "AlreadyDone";
    return result;
  }
  const Availability availability =
      CatalogClient(client).AzurePlanAvailability(customer_id, options.country, context);
  util::Progress(context, "Azure plan catalog item " + availability.catalog_item_id + ".");
  OrdersClient orders(client);
  const Cart cart = orders.CreateCart(
      customer_id, {{availability.catalog_item_id, options.friendly_name, "one_time", 1}}, context);
  util::Progress(context, "Cart " + cart.id + " created.");
  const CheckoutResult checkout = orders.Checkout(customer_id, cart.id, context);
  if (checkout.orders.empty()) {
    const json::value first =
        checkout.order_errors.empty() ? json::value() : checkout.order_errors.front();
    throw ServiceError(
        ErrorKind::Service,
        {0, first.is_null() ? "CheckoutFailed" : util::GetString(first, "code"),
         "The checkout of cart " + cart.id + " made no order" +
             (first.is_null() ? "." : ": " + util::GetString(first, "description"))});
  }
  const Order& order = checkout.orders.front();
  util::Progress(context, "Order " + order.id + " placed (" + order.status + ").");
  std::string plan_id;
  for (const auto& line : order.line_items)
    if (!line.subscription_id.empty()) plan_id = line.subscription_id;
  Subscription plan;
  if (plan_id.empty()) {
    for (const auto& subscription : subscriptions.List(customer_id, order.id, context))
      if (subscription.IsAzurePlan()) plan = subscription;
  } else {
    plan = subscriptions.Get(customer_id, plan_id, context);
  }
  if (plan.id.empty())
    throw ServiceError(
        ErrorKind::Service,
        {0, "OrderNotCompleted",
         "The Partner Center order " + order.id +
             " names no Azure plan subscription yet; run the purchase again later."});
  return CompleteAzurePlan(customer_id, plan, order.id, options, client, clock, context);
}

}  // namespace azscsp::partnercenter
