// Partner Center resources (partner-center.md §7), read leniently: property names in any case,
// enum values in any spelling ("Active", "active", "OneTime", "one_time"), unknown fields kept.
// Each keeps the service's JSON (`raw`) and writes it back out with the enum values normalised
// (lower snake case) and a few convenience fields for callers (customerId, ...).
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

namespace azscsp::partnercenter {

// The Azure plan (partner-center.md §7.8) and the legacy Microsoft Azure offer.
constexpr const char* kAzurePlanProductId = "DZH318Z0BPS6";
constexpr const char* kAzurePlanSkuId = "0001";
constexpr const char* kLegacyAzureOfferId = "MS-AZR-0145P";
constexpr const char* kMicrosoftCustomerAgreement = "MicrosoftCustomerAgreement";
constexpr const char* kMcaTemplateId = "117a77b0-9360-443b-8795-c6dedc750cf9";

// "VerifiedShippable" -> "verified_shippable", "one_time" stays, "Active" -> "active".
std::string NormalizeEnum(const std::string& value);
// The string at `key` (any case), or empty.
std::string StringField(const boost::json::value& object, const char* key);
std::string Lower(std::string text);

struct Customer {
  std::string id;  // = tenant id
  std::string commerce_id, tenant_id, domain, company_name, relationship_to_partner;
  boost::json::object raw;

  static Customer FromJson(const boost::json::value& value);
  // raw + customerId, tenantId, domain, companyName at the top level.
  boost::json::object ToJson() const;
};

struct Subscription {
  std::string id, offer_id, offer_name, friendly_name, status, billing_type, billing_cycle,
      entitlement_id, order_id, creation_date, etag;
  boost::json::object raw;

  bool IsAzurePlan() const;    // offerId starts with DZH318Z0BPS6
  bool IsLegacyAzure() const;  // offerId MS-AZR-0145P
  static Subscription FromJson(const boost::json::value& value);
  // raw (status, billingType, billingCycle normalised) + customerId, subscriptionId.
  boost::json::object ToJson(const std::string& customer_id) const;
};

struct AzureEntitlement {
  std::string id;               // the Azure subscription id
  std::string subscription_id;  // the Azure plan's Partner Center subscription
  std::string friendly_name, status;
  boost::json::object raw;

  static AzureEntitlement FromJson(const boost::json::value& value);
  // raw + customerId, entitlementId, azureSubscriptionId (lower case).
  boost::json::object ToJson(const std::string& customer_id) const;
};

struct Agreement {
  std::string template_id, agreement_type, user_id, date_agreed;
  std::string contact_email;
  boost::json::object raw;

  static Agreement FromJson(const boost::json::value& value);
  boost::json::object ToJson() const { return raw; }
};

struct Availability {
  std::string id, product_id, sku_id, catalog_item_id, country, default_currency, segment;
  bool is_purchasable = true;
  boost::json::object raw;

  static Availability FromJson(const boost::json::value& value);
  boost::json::object ToJson() const { return raw; }
};

struct CartLineItem {
  std::string catalog_item_id, friendly_name, billing_cycle;
  int quantity = 1;
};

struct Cart {
  std::string id, status;
  boost::json::object raw;
  static Cart FromJson(const boost::json::value& value);
};

struct OrderLineItem {
  std::string offer_id, subscription_id, friendly_name;
};

struct Order {
  std::string id, status, creation_date;
  std::vector<OrderLineItem> line_items;
  boost::json::object raw;
  static Order FromJson(const boost::json::value& value);
  boost::json::object ToJson() const;
};

struct AddressValidation {
  std::string status;  // as the service wrote it ("VerifiedShippable")
  boost::json::value original_address;
  boost::json::array suggested_addresses;

  // VerifiedShippable or Verified, any spelling.
  bool Valid() const;
  static AddressValidation FromJson(const boost::json::value& value);
  boost::json::object ToJson() const;
};

}  // namespace azscsp::partnercenter
