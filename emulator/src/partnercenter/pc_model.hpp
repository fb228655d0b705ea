// Partner Center state (reference partner-center.md §7): the partner's customers with their
// agreements, subscriptions (Azure plan entitlements), orders and carts. Part of World, so reset,
// state.json and GET /_emulator/state carry it; loaded from the fixtures' "partnerCenter" section.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azscsp::emulator {

inline constexpr char kAzurePlanProductId[] = "DZH318Z0BPS6";
inline constexpr char kAzurePlanSkuId[] = "0001";
inline constexpr char kLegacyAzureOfferId[] = "MS-AZR-0145P";
inline constexpr char kLegacyAzureProductId[] = "9DEA7946-EC2C-441E-9FFD-E3B275F7E838";
inline constexpr char kMcaTemplateId[] = "117a77b0-9360-443b-8795-c6dedc750cf9";

// Microsoft Customer Agreement confirmation (7.7b).
struct PcAgreement {
  std::string template_id;
  std::string type = "MicrosoftCustomerAgreement";
  std::string date_agreed;
  std::string first_name, last_name, email, phone_number;
  std::string user_id;
};

// An Azure subscription under an Azure plan (7.12): id = the Azure subscription id.
struct PcEntitlement {
  std::string id;
  std::string friendly_name = "Microsoft Azure";
  std::string status = "active";  // active | cancelled
};

enum class PcSubscriptionKind { kAzurePlan, kLegacyAzure, kLicense };

struct PcSubscription {
  std::string id;
  PcSubscriptionKind kind = PcSubscriptionKind::kLicense;
  std::string offer_id, offer_name, friendly_name;
  int quantity = 1;
  std::string unit_type = "Licenses";
  std::string status = "active";  // active | suspended | deleted | pending
  std::string billing_type = "license";
  std::string billing_cycle = "monthly";
  std::string order_id;
  std::string entitlement_id;
  std::string creation_date;  // ISO 8601
  std::string etag;
  std::vector<PcEntitlement> entitlements;  // Azure plan only
  // Fixtures: created this many days before start/reset ("creationDate" wins when both).
  std::optional<int> created_days_ago;
};

struct PcOrderLine {
  int number = 0;
  std::string offer_id, subscription_id, friendly_name;
  int quantity = 1;
};

struct PcOrder {
  std::string id;
  std::string billing_cycle = "one_time";
  std::string currency_code = "USD";
  std::string creation_date;
  std::string status = "completed";  // pending | completed
  std::vector<PcOrderLine> lines;
  int64_t completes_at_ms = 0;  // steady ms when a pending order completes (not persisted)
};

struct PcCartLine {
  int id = 0;
  std::string catalog_item_id, billing_cycle, friendly_name;
  int quantity = 1;
};

struct PcCart {
  std::string id;
  std::string creation, last_modified, expiration;
  std::string status = "Active";  // Active | Ordered
  std::vector<PcCartLine> lines;
};

struct PcCustomer {
  std::string id;  // = the customer's tenant id
  std::string commerce_id;
  std::string domain;
  std::string company_name;
  std::string partner_id;  // the partner (fixture tenants' partnerId) this is a customer of
  std::string relationship = "reseller";
  bool allow_delegated_access = true;
  boost::json::object billing_profile;  // camelCase, as returned
  std::string organization_registration_number;
  std::vector<PcAgreement> agreements;
  std::vector<PcSubscription> subscriptions;
  std::vector<PcOrder> orders;
  std::vector<PcCart> carts;

  PcSubscription* FindSubscription(std::string_view id);
  PcOrder* FindOrder(std::string_view id);
  PcCart* FindCart(std::string_view id);
  // The customer's Azure plan that is not deleted, if any.
  PcSubscription* ActiveAzurePlan();
  bool HasMca() const;
};

// ARM Microsoft.Subscription/aliases made under an Azure plan (reference §7.14).
struct PcSubscriptionAlias {
  std::string name;  // as first created
  std::string subscription_id;
  std::string customer_id;
};

struct PartnerCenterState {
  std::string azure_plan_availability_id = "DZH318Z0BML6";
  std::vector<PcCustomer> customers;
  std::vector<PcSubscriptionAlias> aliases;

  PcCustomer* FindCustomer(std::string_view id);
  std::string AzurePlanCatalogItemId() const;
};

// Throws std::runtime_error naming the offending field.
PartnerCenterState ParsePartnerCenter(const boost::json::value* section,
                                      const std::string& default_partner_id);
boost::json::object PartnerCenterToJson(const PartnerCenterState& state);
// Resolves createdDaysAgo against now (start and reset) and gives etags to subscriptions.
void StampPartnerCenterDates(PartnerCenterState& state);

const char* KindName(PcSubscriptionKind kind);  // "azurePlan", "legacyAzure", "license"

}  // namespace azscsp::emulator
