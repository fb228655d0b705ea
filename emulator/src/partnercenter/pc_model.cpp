#include "partnercenter/pc_model.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <stdexcept>

#include "util/ids.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

std::string Str(const json::object& o, std::string_view key, std::string fallback = {}) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return fallback;
  if (!v->is_string()) {
    throw std::runtime_error("partnerCenter fixture field '" + std::string(key) +
                             "' must be a string");
  }
  return std::string(v->get_string());
}

int Int(const json::object& o, std::string_view key, int fallback) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return fallback;
  if (v->is_int64()) return static_cast<int>(v->get_int64());
  if (v->is_uint64()) return static_cast<int>(v->get_uint64());
  throw std::runtime_error("partnerCenter fixture field '" + std::string(key) +
                           "' must be an integer");
}

const json::array& Arr(const json::object& o, std::string_view key) {
  static const json::array kEmpty;
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return kEmpty;
  if (!v->is_array()) {
    throw std::runtime_error("partnerCenter fixture field '" + std::string(key) +
                             "' must be an array");
  }
  return v->get_array();
}

const json::object& Obj(const json::value& v, std::string_view what) {
  if (!v.is_object()) {
    throw std::runtime_error("partnerCenter fixture " + std::string(what) + " must be an object");
  }
  return v.get_object();
}

std::string Required(const json::object& o, std::string_view key, std::string_view what) {
  std::string value = Str(o, key);
  if (value.empty()) {
    throw std::runtime_error("partnerCenter fixture " + std::string(what) + " is missing '" +
                             std::string(key) + "'");
  }
  return value;
}

PcSubscriptionKind KindFromName(const std::string& name, const std::string& offer_id) {
  if (IEquals(name, "azurePlan") || IStartsWith(offer_id, kAzurePlanProductId)) {
    return PcSubscriptionKind::kAzurePlan;
  }
  if (IEquals(name, "legacyAzure") || IEquals(offer_id, kLegacyAzureOfferId)) {
    return PcSubscriptionKind::kLegacyAzure;
  }
  return PcSubscriptionKind::kLicense;
}

PcSubscription ParseSubscription(const json::object& o) {
  PcSubscription s;
  s.id = Required(o, "id", "subscription");
  s.offer_id = Required(o, "offerId", "subscription");
  s.kind = KindFromName(Str(o, "kind"), s.offer_id);
  bool usage = s.kind != PcSubscriptionKind::kLicense;
  s.offer_name = Str(o, "offerName",
                     s.kind == PcSubscriptionKind::kAzurePlan     ? "Azure plan"
                     : s.kind == PcSubscriptionKind::kLegacyAzure ? "Microsoft Azure"
                                                                  : "");
  s.friendly_name = Str(o, "friendlyName", s.offer_name);
  s.quantity = Int(o, "quantity", 1);
  s.unit_type = Str(o, "unitType", usage ? "Usage-based" : "Licenses");
  s.status = ToLower(Str(o, "status", "active"));
  s.billing_type = Str(o, "billingType", usage ? "usage" : "license");
  s.billing_cycle =
      Str(o, "billingCycle", s.kind == PcSubscriptionKind::kAzurePlan ? "one_time" : "monthly");
  s.order_id = Str(o, "orderId");
  s.entitlement_id = Str(o, "entitlementId", s.kind == PcSubscriptionKind::kLicense ? "" : s.id);
  s.creation_date = Str(o, "creationDate");
  s.etag = Str(o, "etag");
  if (const json::value* d = o.if_contains("createdDaysAgo"); d && !d->is_null()) {
    s.created_days_ago = Int(o, "createdDaysAgo", 0);
  }
  for (const json::value& e : Arr(o, "azureEntitlements")) {
    const json::object& eo = Obj(e, "azureEntitlement");
    s.entitlements.push_back({Required(eo, "id", "azureEntitlement"),
                              Str(eo, "friendlyName", "Microsoft Azure"),
                              ToLower(Str(eo, "status", "active"))});
  }
  return s;
}

json::object SubscriptionToJson(const PcSubscription& s) {
  json::array entitlements;
  for (const PcEntitlement& e : s.entitlements) {
    entitlements.push_back(
        json::object{{"id", e.id}, {"friendlyName", e.friendly_name}, {"status", e.status}});
  }
  return {{"id", s.id},
          {"kind", KindName(s.kind)},
          {"offerId", s.offer_id},
          {"offerName", s.offer_name},
          {"friendlyName", s.friendly_name},
          {"quantity", s.quantity},
          {"unitType", s.unit_type},
          {"status", s.status},
          {"billingType", s.billing_type},
          {"billingCycle", s.billing_cycle},
          {"orderId", s.order_id},
          {"entitlementId", s.entitlement_id},
          {"creationDate", s.creation_date},
          {"etag", s.etag},
          {"azureEntitlements", std::move(entitlements)}};
}

PcOrder ParseOrder(const json::object& o) {
  PcOrder order;
  order.id = Required(o, "id", "order");
  order.billing_cycle = Str(o, "billingCycle", "one_time");
  order.currency_code = Str(o, "currencyCode", "USD");
  order.creation_date = Str(o, "creationDate", Iso8601(Clock::now()));
  // A pending order read back (state.json) completes on the next request for its customer.
  order.status = ToLower(Str(o, "status", "completed"));
  for (const json::value& l : Arr(o, "lineItems")) {
    const json::object& lo = Obj(l, "lineItem");
    order.lines.push_back({Int(lo, "lineItemNumber", 0), Str(lo, "offerId"),
                           Str(lo, "subscriptionId"), Str(lo, "friendlyName"),
                           Int(lo, "quantity", 1)});
  }
  return order;
}

json::object OrderToJson(const PcOrder& order) {
  json::array lines;
  for (const PcOrderLine& l : order.lines) {
    lines.push_back(json::object{{"lineItemNumber", l.number},
                                 {"offerId", l.offer_id},
                                 {"subscriptionId", l.subscription_id},
                                 {"friendlyName", l.friendly_name},
                                 {"quantity", l.quantity}});
  }
  return {{"id", order.id},
          {"billingCycle", order.billing_cycle},
          {"currencyCode", order.currency_code},
          {"creationDate", order.creation_date},
          {"status", order.status},
          {"lineItems", std::move(lines)}};
}

PcCart ParseCart(const json::object& o) {
  PcCart cart;
  cart.id = Required(o, "id", "cart");
  cart.creation = Str(o, "creationTimestamp");
  cart.last_modified = Str(o, "lastModifiedTimestamp", cart.creation);
  cart.expiration = Str(o, "expirationTimestamp");
  cart.status = Str(o, "status", "Active");
  for (const json::value& l : Arr(o, "lineItems")) {
    const json::object& lo = Obj(l, "lineItem");
    cart.lines.push_back({Int(lo, "id", 0), Str(lo, "catalogItemId"), Str(lo, "billingCycle"),
                          Str(lo, "friendlyName"), Int(lo, "quantity", 1)});
  }
  return cart;
}

json::object CartToJson(const PcCart& cart) {
  json::array lines;
  for (const PcCartLine& l : cart.lines) {
    lines.push_back(json::object{{"id", l.id},
                                 {"catalogItemId", l.catalog_item_id},
                                 {"billingCycle", l.billing_cycle},
                                 {"friendlyName", l.friendly_name},
                                 {"quantity", l.quantity}});
  }
  return {{"id", cart.id},
          {"creationTimestamp", cart.creation},
          {"lastModifiedTimestamp", cart.last_modified},
          {"expirationTimestamp", cart.expiration},
          {"status", cart.status},
          {"lineItems", std::move(lines)}};
}

PcAgreement ParseAgreement(const json::object& o) {
  PcAgreement a;
  a.template_id = Str(o, "templateId", kMcaTemplateId);
  a.type = Str(o, "type", "MicrosoftCustomerAgreement");
  a.date_agreed = Str(o, "dateAgreed", "2024-01-15T00:00:00Z");
  if (const json::value* c = o.if_contains("primaryContact"); c && c->is_object()) {
    const json::object& co = c->get_object();
    a.first_name = Str(co, "firstName");
    a.last_name = Str(co, "lastName");
    a.email = Str(co, "email");
    a.phone_number = Str(co, "phoneNumber");
  }
  a.user_id = Str(o, "userId");
  return a;
}

json::object AgreementToJson(const PcAgreement& a) {
  return {{"templateId", a.template_id},
          {"type", a.type},
          {"dateAgreed", a.date_agreed},
          {"primaryContact",
           {{"firstName", a.first_name},
            {"lastName", a.last_name},
            {"email", a.email},
            {"phoneNumber", a.phone_number}}},
          {"userId", a.user_id}};
}

}  // namespace

const char* KindName(PcSubscriptionKind kind) {
  switch (kind) {
    case PcSubscriptionKind::kAzurePlan:
      return "azurePlan";
    case PcSubscriptionKind::kLegacyAzure:
      return "legacyAzure";
    default:
      return "license";
  }
}

PcSubscription* PcCustomer::FindSubscription(std::string_view id) {
  for (PcSubscription& s : subscriptions) {
    if (IEquals(s.id, id)) return &s;
  }
  return nullptr;
}

PcOrder* PcCustomer::FindOrder(std::string_view id) {
  for (PcOrder& o : orders) {
    if (IEquals(o.id, id)) return &o;
  }
  return nullptr;
}

PcCart* PcCustomer::FindCart(std::string_view id) {
  for (PcCart& c : carts) {
    if (IEquals(c.id, id)) return &c;
  }
  return nullptr;
}

PcSubscription* PcCustomer::ActiveAzurePlan() {
  for (PcSubscription& s : subscriptions) {
    if (s.kind == PcSubscriptionKind::kAzurePlan && s.status != "deleted") return &s;
  }
  return nullptr;
}

bool PcCustomer::HasMca() const {
  for (const PcAgreement& a : agreements) {
    if (IEquals(a.type, "MicrosoftCustomerAgreement")) return true;
  }
  return false;
}

PcCustomer* PartnerCenterState::FindCustomer(std::string_view id) {
  for (PcCustomer& c : customers) {
    if (IEquals(c.id, id)) return &c;
  }
  return nullptr;
}

std::string PartnerCenterState::AzurePlanCatalogItemId() const {
  return std::string(kAzurePlanProductId) + ":" + kAzurePlanSkuId + ":" +
         azure_plan_availability_id;
}

PartnerCenterState ParsePartnerCenter(const json::value* section,
                                      const std::string& default_partner_id) {
  PartnerCenterState state;
  if (!section || section->is_null()) return state;
  const json::object& root = Obj(*section, "section");
  state.azure_plan_availability_id = Str(root, "azurePlanAvailabilityId", "DZH318Z0BML6");
  for (const json::value& c : Arr(root, "customers")) {
    const json::object& o = Obj(c, "customer");
    PcCustomer customer;
    customer.id = Required(o, "id", "customer");
    customer.commerce_id = Str(o, "commerceId", DeterministicGuid("commerce:" + customer.id));
    customer.domain = Required(o, "domain", "customer");
    customer.company_name = Required(o, "companyName", "customer");
    customer.partner_id = Str(o, "partnerId", default_partner_id);
    customer.relationship = Str(o, "relationshipToPartner", "reseller");
    if (const json::value* a = o.if_contains("allowDelegatedAccess"); a && a->is_bool()) {
      customer.allow_delegated_access = a->get_bool();
    }
    if (const json::value* b = o.if_contains("billingProfile"); b && b->is_object()) {
      customer.billing_profile = b->get_object();
    }
    customer.organization_registration_number = Str(o, "organizationRegistrationNumber");
    for (const json::value& a : Arr(o, "agreements")) {
      customer.agreements.push_back(ParseAgreement(Obj(a, "agreement")));
    }
    for (const json::value& s : Arr(o, "subscriptions")) {
      customer.subscriptions.push_back(ParseSubscription(Obj(s, "subscription")));
    }
    for (const json::value& s : Arr(o, "orders")) {
      customer.orders.push_back(ParseOrder(Obj(s, "order")));
    }
    for (const json::value& s : Arr(o, "carts")) {
      customer.carts.push_back(ParseCart(Obj(s, "cart")));
    }
    state.customers.push_back(std::move(customer));
  }
  for (const json::value& a : Arr(root, "aliases")) {
    const json::object& o = Obj(a, "alias");
    state.aliases.push_back({Required(o, "name", "alias"), Required(o, "subscriptionId", "alias"),
                             Str(o, "customerId")});
  }
  StampPartnerCenterDates(state);
  return state;
}

void StampPartnerCenterDates(PartnerCenterState& state) {
  auto now = Clock::now();
  for (PcCustomer& c : state.customers) {
    for (PcSubscription& s : c.subscriptions) {
      if (s.created_days_ago) {
        s.creation_date = Iso8601(now - std::chrono::hours(24) * *s.created_days_ago);
      } else if (s.creation_date.empty()) {
        s.creation_date = Iso8601(now);
      }
      if (s.etag.empty()) s.etag = DeterministicGuid("pc-etag:" + ToLower(s.id));
    }
  }
}

json::object PartnerCenterToJson(const PartnerCenterState& state) {
  json::array customers;
  for (const PcCustomer& c : state.customers) {
    json::array agreements, subscriptions, orders, carts;
    for (const PcAgreement& a : c.agreements) agreements.push_back(AgreementToJson(a));
    for (const PcSubscription& s : c.subscriptions) subscriptions.push_back(SubscriptionToJson(s));
    for (const PcOrder& o : c.orders) orders.push_back(OrderToJson(o));
    for (const PcCart& k : c.carts) carts.push_back(CartToJson(k));
    json::object o{{"id", c.id},
                   {"commerceId", c.commerce_id},
                   {"domain", c.domain},
                   {"companyName", c.company_name},
                   {"partnerId", c.partner_id},
                   {"relationshipToPartner", c.relationship},
                   {"allowDelegatedAccess", c.allow_delegated_access},
                   {"billingProfile", c.billing_profile},
                   {"agreements", std::move(agreements)},
                   {"subscriptions", std::move(subscriptions)},
                   {"orders", std::move(orders)},
                   {"carts", std::move(carts)}};
    if (!c.organization_registration_number.empty()) {
      o["organizationRegistrationNumber"] = c.organization_registration_number;
    }
    customers.push_back(std::move(o));
  }
  json::array aliases;
  for (const PcSubscriptionAlias& a : state.aliases) {
    aliases.push_back(json::object{
        {"name", a.name}, {"subscriptionId", a.subscription_id}, {"customerId", a.customer_id}});
  }
  return {{"azurePlanAvailabilityId", state.azure_plan_availability_id},
          {"customers", std::move(customers)},
          {"aliases", std::move(aliases)}};
}

}  // namespace azscsp::emulator
