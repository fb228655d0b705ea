// Per-customer chargeback (usage.md §9): provider usage rows joined to the stamp's user
// subscriptions (subscriptionId -> tenantId, incl. Deleted), the directories (tenantId -> name)
// and the CSP mapping (tenantId -> customer subscription), summed per (tenant, meter) and priced.
// The aggregator keeps one entry per (tenant, meter): memory grows with customers × meters, never
// with rows.
#pragma once

#include <boost/json.hpp>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "azscsp/arm/arm_client.hpp"
#include "azscsp/usage/meter_catalog.hpp"
#include "azscsp/usage/usage_record.hpp"

namespace azscsp::usage {

constexpr const char* kSubscriptionsAdminApiVersion = "2015-11-01";

// Microsoft.Subscriptions.Admin/subscriptions (api.md §4.3), flat shape.
struct UserSubscription {
  std::string subscription_id, tenant_id, owner, display_name, state, offer_id;
  static UserSubscription FromJson(const boost::json::value& json);
};

// All user subscriptions of the stamp, Deleted ones included (all pages).
std::vector<UserSubscription> ListUserSubscriptions(const arm::ArmClient& arm,
                                                    const std::string& provider_subscription_id,
                                                    const util::Context& context);

struct MeterPrice {
  double unit_price = 0;
  std::string currency;
};

struct ChargebackInputs {
  std::vector<UserSubscription> subscriptions;
  std::map<std::string, std::string> directory_names;         // tenantId (lower case) -> domain
  std::map<std::string, std::string> customer_subscriptions;  // tenantId (lower) -> customer sub
  std::map<std::string, MeterPrice> prices;                   // NormalizeMeterId -> price
  MeterCatalog catalog;
};

struct ChargebackLine {
  std::string tenant_id;  // empty: unattributed (subscription unknown to the stamp)
  std::optional<std::string> directory_name;
  std::optional<std::string> customer_subscription_id;
  bool mapped = false;
  std::vector<std::string> subscription_ids;  // sorted
  bool includes_deleted_subscription = false;
  std::string meter_id, meter_name, unit;
  double quantity = 0;
  std::optional<double> unit_price, amount;
  std::optional<std::string> currency;

  boost::json::object ToJson() const;
};

class ChargebackAggregator {
 public:
  explicit ChargebackAggregator(ChargebackInputs inputs);

  void Add(const UsageRecord& record) {
    Add(record.subscription_id, record.meter_id, record.quantity);
  }
  void Add(const std::string& subscription_id, const std::string& meter_id, double quantity);

  // One line per (tenant, meter), ordered by tenant then meter ID.
  std::vector<ChargebackLine> Lines() const;
  // Quantity of rows whose tenant has no mapping (or is unattributed), per meter ID.
  std::map<std::string, double> UnmappedQuantityByMeter() const;
  long long Rows() const { return rows_; }
  // The number of (tenant, meter) entries held: independent of the number of rows.
  size_t StateSize() const { return totals_.size(); }

 private:
  struct Total {
    std::string meter_id;  // first spelling seen
    double quantity = 0;
    std::set<std::string> subscription_ids;
    bool includes_deleted = false;
  };
  struct SubscriptionInfo {
    std::string tenant_id;  // lower case
    bool deleted = false;
  };
  ChargebackInputs inputs_;
  std::map<std::string, SubscriptionInfo> subscriptions_;        // lower-case subscription ID
  std::map<std::pair<std::string, std::string>, Total> totals_;  // (tenant, normalized meter)
  long long rows_ = 0;
};

}  // namespace azscsp::usage
