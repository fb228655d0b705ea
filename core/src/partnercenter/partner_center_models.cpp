#include "azscsp/partnercenter/partner_center_models.hpp"

#include <cctype>

#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/json.hpp"

namespace json = boost::json;

namespace azscsp::partnercenter {
namespace {

json::object ObjectOf(const json::value& value) {
  return value.is_object() ? value.as_object() : json::object();
}

const json::value* Child(const json::value& object, const char* key) {
  if (!object.is_object()) return nullptr;
  return util::FindKeyIgnoreCase(object.as_object(), key);
}

// Writes the normalised enum back under the key as the service spelled it (or camelCase).
void NormalizeKey(json::object& object, const char* key) {
  for (auto& entry : object)
    if (util::EqualsIgnoreCase(entry.key(), key) && entry.value().is_string())
      entry.value() = NormalizeEnum(std::string(entry.value().as_string()));
}

}  // namespace

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string NormalizeEnum(const std::string& value) {
  std::string result;
  for (size_t i = 0; i < value.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (c == ' ' || c == '-') {
      if (!result.empty() && result.back() != '_') result += '_';
      continue;
    }
    if (std::isupper(c) && i > 0 && std::islower(static_cast<unsigned char>(value[i - 1])))
      result += '_';
    result += static_cast<char>(std::tolower(c));
  }
  return result;
}

std::string StringField(const json::value& object, const char* key) {
  const json::value* value = Child(object, key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

Customer Customer::FromJson(const json::value& value) {
  Customer c;
  c.raw = ObjectOf(value);
  c.id = StringField(value, "id");
  c.commerce_id = StringField(value, "commerceId");
  c.relationship_to_partner = NormalizeEnum(StringField(value, "relationshipToPartner"));
  if (const json::value* profile = Child(value, "companyProfile")) {
    c.tenant_id = StringField(*profile, "tenantId");
    c.domain = StringField(*profile, "domain");
    c.company_name = StringField(*profile, "companyName");
  }
  if (c.company_name.empty())
    if (const json::value* billing = Child(value, "billingProfile"))
      c.company_name = StringField(*billing, "companyName");
  if (c.tenant_id.empty()) c.tenant_id = c.id;
  if (c.id.empty()) c.id = c.tenant_id;
  return c;
}

json::object Customer::ToJson() const {
  json::object out = raw;
  NormalizeKey(out, "relationshipToPartner");
  out["customerId"] = id;
  out["tenantId"] = tenant_id;
  out["domain"] = domain;
  out["companyName"] = company_name;
  return out;
}

bool Subscription::IsAzurePlan() const {
  return util::StartsWithIgnoreCase(offer_id, kAzurePlanProductId);
}
bool Subscription::IsLegacyAzure() const {
  return util::EqualsIgnoreCase(offer_id, kLegacyAzureOfferId);
}

Subscription Subscription::FromJson(const json::value& value) {
  Subscription s;
  s.raw = ObjectOf(value);
  s.id = StringField(value, "id");
  s.offer_id = StringField(value, "offerId");
  s.offer_name = StringField(value, "offerName");
  s.friendly_name = StringField(value, "friendlyName");
  s.status = NormalizeEnum(StringField(value, "status"));
  s.billing_type = NormalizeEnum(StringField(value, "billingType"));
  s.billing_cycle = NormalizeEnum(StringField(value, "billingCycle"));
  s.entitlement_id = StringField(value, "entitlementId");
  s.order_id = StringField(value, "orderId");
  s.creation_date = StringField(value, "creationDate");
  if (const json::value* attributes = Child(value, "attributes"))
    s.etag = StringField(*attributes, "etag");
  return s;
}

json::object Subscription::ToJson(const std::string& customer_id) const {
  json::object out = raw;
  NormalizeKey(out, "status");
  NormalizeKey(out, "billingType");
  NormalizeKey(out, "billingCycle");
  out["customerId"] = customer_id;
  out["subscriptionId"] = id;
  return out;
}

AzureEntitlement AzureEntitlement::FromJson(const json::value& value) {
  AzureEntitlement e;
  e.raw = ObjectOf(value);
  e.id = StringField(value, "id");
  e.subscription_id = StringField(value, "subscriptionId");
  e.friendly_name = StringField(value, "friendlyName");
  e.status = NormalizeEnum(StringField(value, "status"));
  return e;
}

json::object AzureEntitlement::ToJson(const std::string& customer_id) const {
  json::object out = raw;
  NormalizeKey(out, "status");
  out["customerId"] = customer_id;
  out["entitlementId"] = id;
  out["azureSubscriptionId"] = Lower(id);
  return out;
}

Agreement Agreement::FromJson(const json::value& value) {
  Agreement a;
  a.raw = ObjectOf(value);
  a.template_id = StringField(value, "templateId");
  a.agreement_type = StringField(value, "agreementType");
  if (a.agreement_type.empty()) a.agreement_type = StringField(value, "type");
  a.user_id = StringField(value, "userId");
  a.date_agreed = StringField(value, "dateAgreed");
  if (const json::value* contact = Child(value, "primaryContact"))
    a.contact_email = StringField(*contact, "email");
  return a;
}

Availability Availability::FromJson(const json::value& value) {
  Availability a;
  a.raw = ObjectOf(value);
  a.id = StringField(value, "id");
  a.product_id = StringField(value, "productId");
  a.sku_id = StringField(value, "skuId");
  a.catalog_item_id = StringField(value, "catalogItemId");
  a.country = StringField(value, "country");
  a.default_currency = StringField(value, "defaultCurrency");
  a.segment = StringField(value, "segment");
  if (const json::value* purchasable = Child(value, "isPurchasable");
      purchasable && purchasable->is_bool())
    a.is_purchasable = purchasable->as_bool();
  if (a.catalog_item_id.empty() && !a.product_id.empty())
    a.catalog_item_id = a.product_id + ":" + a.sku_id + ":" + a.id;
  return a;
}

Cart Cart::FromJson(const json::value& value) {
  Cart c;
  c.raw = ObjectOf(value);
  c.id = StringField(value, "id");
  c.status = NormalizeEnum(StringField(value, "status"));
  return c;
}

Order Order::FromJson(const json::value& value) {
  Order o;
  o.raw = ObjectOf(value);
  o.id = StringField(value, "id");
  o.status = NormalizeEnum(StringField(value, "status"));
  o.creation_date = StringField(value, "creationDate");
  if (const json::value* items = Child(value, "lineItems"); items && items->is_array())
    for (const auto& item : items->as_array())
      o.line_items.push_back({StringField(item, "offerId"), StringField(item, "subscriptionId"),
                              StringField(item, "friendlyName")});
  return o;
}

json::object Order::ToJson() const {
  json::object out = raw;
  NormalizeKey(out, "status");
  NormalizeKey(out, "billingCycle");
  return out;
}

bool AddressValidation::Valid() const {
  const std::string normalized = NormalizeEnum(status);
  return normalized == "verified_shippable" || normalized == "verified";
}

AddressValidation AddressValidation::FromJson(const json::value& value) {
  AddressValidation v;
  v.status = StringField(value, "status");
  if (const json::value* original = Child(value, "originalAddress")) v.original_address = *original;
  if (const json::value* suggested = Child(value, "suggestedAddresses");
      suggested && suggested->is_array())
    v.suggested_addresses = suggested->as_array();
  return v;
}

json::object AddressValidation::ToJson() const {
  return {{"status", status},
          {"valid", Valid()},
          {"originalAddress", original_address},
          {"suggestedAddresses", suggested_addresses}};
}

}  // namespace azscsp::partnercenter
