#include "azscsp/partnercenter/subscriptions_client.hpp"

#include "azscsp/errors.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/url_encode.hpp"
#include "request_paths.hpp"

namespace json = boost::json;

namespace azscsp::partnercenter {
namespace {

using _detail::CustomerPath;
using _detail::Named;

std::string SubscriptionsPath(const std::string& customer_id) {
  return CustomerPath(customer_id) + "/subscriptions";
}

}  // namespace

std::string ParseSubscriptionStatus(const std::string& status, const char* argument) {
  for (const char* known : {"active", "suspended", "deleted"})
    if (util::EqualsIgnoreCase(status, known)) return known;
  throw InvalidArgumentError(std::string("Argument '") + argument + "' is '" + status +
                             "'; expected Active, Suspended or Deleted.");
}

SubscriptionsClient::SubscriptionsClient(std::shared_ptr<const PartnerCenterClient> client)
    : client_(std::move(client)) {}

std::vector<Subscription> SubscriptionsClient::List(const std::string& customer_id,
                                                    const std::string& order_id,
                                                    const util::Context& context) const {
  std::string path = SubscriptionsPath(customer_id);
  if (!order_id.empty()) path += "?order_id=" + util::PercentEncode(order_id);
  std::vector<Subscription> result;
  client_->ForEach(
      path,
      [&](const json::value& item) {
        result.push_back(Subscription::FromJson(item));
        return true;
      },
      context, Named("GET customers/" + customer_id + "/subscriptions"));
  return result;
}

Subscription SubscriptionsClient::Get(const std::string& customer_id,
                                      const std::string& subscription_id,
                                      const util::Context& context) const {
  return Subscription::FromJson(client_->SendJson(
      http::Method::Get,
      SubscriptionsPath(customer_id) + "/" + util::PercentEncode(subscription_id), std::nullopt,
      context, Named("GET customers/" + customer_id + "/subscriptions/" + subscription_id)));
}

Subscription SubscriptionsClient::Update(const std::string& customer_id,
                                         const Subscription& subscription,
                                         const util::Context& context) const {
  return Subscription::FromJson(client_->SendJson(
      http::Method::Patch,
      SubscriptionsPath(customer_id) + "/" + util::PercentEncode(subscription.id),
      json::value(subscription.raw), context,
      Named("PATCH customers/" + customer_id + "/subscriptions/" + subscription.id)));
}

StatusChange SubscriptionsClient::SetStatus(const std::string& customer_id,
                                            const std::string& subscription_id,
                                            const std::string& status,
                                            const util::Context& context) const {
  StatusChange change;
  Subscription current = Get(customer_id, subscription_id, context);
  change.previous_status = current.status;
  if (current.status == status) {
    change.subscription = std::move(current);
    return change;
  }
  // The full object with the new status; any spelling of the key is replaced.
  for (auto it = current.raw.begin(); it != current.raw.end();) {
    if (util::EqualsIgnoreCase(it->key(), "status"))
      it = current.raw.erase(it);
    else
      ++it;
  }
  current.raw["status"] = status;
  current.status = status;
  try {
    change.subscription = Update(customer_id, current, context);
  } catch (const ServiceError& error) {
    // 2055 (stale etag): someone, or our own PATCH whose answer was lost and which the pipeline
    // then sent again, changed it since the GET. Read once more: already in the wanted status
    // is success.
    if (error.Details().code != "2055") throw;
    Subscription again = Get(customer_id, subscription_id, context);
    if (again.status != status) throw;
    change.subscription = std::move(again);
  }
  change.changed = true;
  return change;
}

}  // namespace azscsp::partnercenter
