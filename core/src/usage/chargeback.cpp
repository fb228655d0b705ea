#include "azscsp/usage/chargeback.hpp"

#include <algorithm>
#include <cctype>

#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/url_encode.hpp"

namespace json = boost::json;

namespace azscsp::usage {
namespace {

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

UserSubscription UserSubscription::FromJson(const json::value& json) {
  UserSubscription subscription;
  // Flat shape (api.md §4.3); tolerate a "properties" wrapper as well.
  const json::value* source = &json;
  if (json.is_object())
    if (const json::value* properties = json.as_object().if_contains("properties");
        properties && properties->is_object() && util::GetString(json, "subscriptionId").empty())
      source = properties;
  subscription.subscription_id = util::GetString(*source, "subscriptionId");
  subscription.tenant_id = util::GetString(*source, "tenantId");
  subscription.owner = util::GetString(*source, "owner");
  subscription.display_name = util::GetString(*source, "displayName");
  subscription.state = util::GetString(*source, "state");
  subscription.offer_id = util::GetString(*source, "offerId");
  if (subscription.subscription_id.empty()) {
    const std::string id = util::GetString(json, "id");
    subscription.subscription_id = id.substr(id.rfind('/') + 1);
  }
  return subscription;
}

std::vector<UserSubscription> ListUserSubscriptions(const arm::ArmClient& arm,
                                                    const std::string& provider_subscription_id,
                                                    const util::Context& context) {
  std::vector<UserSubscription> subscriptions;
  arm.ForEachInList(
      "/subscriptions/" + util::PercentEncode(provider_subscription_id) +
          "/providers/Microsoft.Subscriptions.Admin/subscriptions",
      kSubscriptionsAdminApiVersion,
      [&](const json::value& item) {
        subscriptions.push_back(UserSubscription::FromJson(item));
        return true;
      },
      context);
  return subscriptions;
}

json::object ChargebackLine::ToJson() const {
  json::array subscriptions;
  for (const auto& id : subscription_ids) subscriptions.emplace_back(id);
  const auto optional_string = [](const std::optional<std::string>& value) {
    return value ? json::value(*value) : json::value(nullptr);
  };
  const auto optional_number = [](const std::optional<double>& value) {
    return value ? json::value(*value) : json::value(nullptr);
  };
  return {{"tenantId", tenant_id.empty() ? json::value(nullptr) : json::value(tenant_id)},
          {"directoryName", optional_string(directory_name)},
          {"customerSubscriptionId", optional_string(customer_subscription_id)},
          {"mapped", mapped},
          {"subscriptionIds", std::move(subscriptions)},
          {"includesDeletedSubscription", includes_deleted_subscription},
          {"meterId", meter_id},
          {"meterName", meter_name},
          {"unit", unit},
          {"quantity", quantity},
          {"unitPrice", optional_number(unit_price)},
          {"amount", optional_number(amount)},
          {"currency", optional_string(currency)}};
}

ChargebackAggregator::ChargebackAggregator(ChargebackInputs inputs) : inputs_(std::move(inputs)) {
  for (const auto& subscription : inputs_.subscriptions) {
    subscriptions_[Lower(subscription.subscription_id)] = SubscriptionInfo{
        Lower(subscription.tenant_id), util::EqualsIgnoreCase(subscription.state, "Deleted")};
  }
  std::map<std::string, std::string> names, mappings;
  for (const auto& [tenant, name] : inputs_.directory_names) names[Lower(tenant)] = name;
  for (const auto& [tenant, sub] : inputs_.customer_subscriptions) mappings[Lower(tenant)] = sub;
  inputs_.directory_names = std::move(names);
  inputs_.customer_subscriptions = std::move(mappings);
  std::map<std::string, MeterPrice> prices;
  for (const auto& [meter, price] : inputs_.prices) prices[NormalizeMeterId(meter)] = price;
  inputs_.prices = std::move(prices);
}

void ChargebackAggregator::Add(const std::string& subscription_id, const std::string& meter_id,
                               double quantity) {
  ++rows_;
  const std::string subscription = Lower(subscription_id);
  std::string tenant;
  bool deleted = false;
  if (auto found = subscriptions_.find(subscription); found != subscriptions_.end()) {
    tenant = found->second.tenant_id;
    deleted = found->second.deleted;
  }
  Total& total = totals_[{tenant, NormalizeMeterId(meter_id)}];
  if (total.meter_id.empty()) total.meter_id = meter_id;
  total.quantity += quantity;
  total.subscription_ids.insert(subscription);
  total.includes_deleted = total.includes_deleted || deleted;
}

std::vector<ChargebackLine> ChargebackAggregator::Lines() const {
  std::vector<ChargebackLine> lines;
  lines.reserve(totals_.size());
  for (const auto& [key, total] : totals_) {
    ChargebackLine line;
    line.tenant_id = key.first;
    if (auto name = inputs_.directory_names.find(key.first);
        !key.first.empty() && name != inputs_.directory_names.end())
      line.directory_name = name->second;
    if (auto mapping = inputs_.customer_subscriptions.find(key.first);
        !key.first.empty() && mapping != inputs_.customer_subscriptions.end()) {
      line.customer_subscription_id = mapping->second;
      line.mapped = true;
    }
    line.subscription_ids.assign(total.subscription_ids.begin(), total.subscription_ids.end());
    line.includes_deleted_subscription = total.includes_deleted;
    const MeterInfo meter = inputs_.catalog.Find(total.meter_id);
    line.meter_id = total.meter_id;
    line.meter_name = meter.name;
    line.unit = meter.unit;
    line.quantity = total.quantity;
    if (auto price = inputs_.prices.find(key.second); price != inputs_.prices.end()) {
      line.unit_price = price->second.unit_price;
      line.amount = price->second.unit_price * total.quantity;
      if (!price->second.currency.empty()) line.currency = price->second.currency;
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

std::map<std::string, double> ChargebackAggregator::UnmappedQuantityByMeter() const {
  std::map<std::string, std::pair<std::string, double>> by_meter;  // normalized -> (id, total)
  for (const auto& [key, total] : totals_) {
    const bool mapped = !key.first.empty() && inputs_.customer_subscriptions.count(key.first);
    if (mapped) continue;
    auto& entry = by_meter[key.second];
    if (entry.first.empty()) entry.first = total.meter_id;
    entry.second += total.quantity;
  }
  std::map<std::string, double> unmapped;
  for (const auto& [normalized, entry] : by_meter) unmapped[entry.first] = entry.second;
  return unmapped;
}

}  // namespace azscsp::usage
