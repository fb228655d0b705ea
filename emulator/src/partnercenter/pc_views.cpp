#include "partnercenter/pc_views.hpp"

#include <boost/json.hpp>
#include <chrono>

#include "util/ids.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

std::string CustomerUri(const PcCustomer& c) {
  return "/customers/" + c.id;
}

// ISO 8601 "2024-05-01T10:00:00..." -> + days, as an ISO date-time (best effort).
std::string PlusDays(const std::string& iso, int days) {
  std::tm tm{};
  if (iso.size() < 19 || sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
                                &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
    return iso;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
#ifdef _WIN32
  time_t t = _mkgmtime(&tm);
#else
  time_t t = timegm(&tm);
#endif
  return Iso8601(Clock::from_time_t(t) + std::chrono::hours(24) * days);
}

}  // namespace

json::object Attributes(const char* object_type) {
  return {{"objectType", object_type}};
}

json::object Link(const std::string& uri, const char* method) {
  return {{"uri", uri}, {"method", method}, {"headers", json::array()}};
}

json::object Collection(json::array items, const std::string& self_uri) {
  size_t count = items.size();
  return {{"totalCount", count},
          {"items", std::move(items)},
          {"links", {{"self", Link(self_uri)}}},
          {"attributes", Attributes("Collection")}};
}

json::object CustomerListItem(const PcCustomer& c) {
  return {{"id", c.id},
          {"commerceId", c.commerce_id},
          {"companyProfile",
           {{"tenantId", c.id},
            {"domain", c.domain},
            {"companyName", c.company_name},
            {"attributes", Attributes("CustomerCompanyProfile")}}},
          {"relationshipToPartner", c.relationship},
          {"links", {{"self", Link(CustomerUri(c))}}},
          {"attributes", Attributes("Customer")}};
}

json::object CustomerJson(const PcCustomer& c) {
  json::object billing = c.billing_profile;
  billing["companyName"] = c.company_name;
  json::object billing_attributes = Attributes("CustomerBillingProfile");
  billing_attributes["etag"] = DeterministicGuid("billing-etag:" + ToLower(c.id));
  billing["links"] = json::object{{"self", Link(CustomerUri(c) + "/profiles/billing")}};
  billing["attributes"] = std::move(billing_attributes);
  json::object company{{"tenantId", c.id},
                       {"domain", c.domain},
                       {"companyName", c.company_name},
                       {"links", {{"self", Link(CustomerUri(c) + "/profiles/company")}}},
                       {"attributes", Attributes("CustomerCompanyProfile")}};
  if (!c.organization_registration_number.empty()) {
    company["organizationRegistrationNumber"] = c.organization_registration_number;
  }
  return {{"id", c.id},
          {"commerceId", c.commerce_id},
          {"companyProfile", std::move(company)},
          {"billingProfile", std::move(billing)},
          {"relationshipToPartner", c.relationship},
          {"allowDelegatedAccess", c.allow_delegated_access},
          {"customDomains", json::array()},
          {"links", {{"self", Link(CustomerUri(c))}}},
          {"attributes", Attributes("Customer")}};
}

json::object SubscriptionJson(const PcCustomer& c, const PcSubscription& s) {
  std::string self = CustomerUri(c) + "/subscriptions/" + s.id;
  json::object links{{"self", Link(self)}};
  if (s.kind == PcSubscriptionKind::kAzurePlan) {
    links["azureEntitlements"] = Link(self + "/azureEntitlements");
  }
  if (!s.order_id.empty()) links["order"] = Link(CustomerUri(c) + "/orders/" + s.order_id);
  json::object attributes = Attributes("Subscription");
  attributes["etag"] = s.etag;
  json::object o{{"id", s.id},
                 {"offerId", s.offer_id},
                 {"offerName", s.offer_name},
                 {"friendlyName", s.friendly_name},
                 {"quantity", s.quantity},
                 {"unitType", s.unit_type},
                 {"hasPurchasableAddons", false},
                 {"creationDate", s.creation_date},
                 {"effectiveStartDate", s.creation_date},
                 {"commitmentEndDate", s.kind == PcSubscriptionKind::kLicense
                                           ? PlusDays(s.creation_date, 365)
                                           : std::string("9999-12-31T00:00:00Z")},
                 {"status", s.status},
                 {"autoRenewEnabled", s.kind == PcSubscriptionKind::kLicense},
                 {"isTrial", false},
                 {"billingType", s.billing_type},
                 {"billingCycle", s.billing_cycle},
                 {"contractType", "subscription"},
                 {"isMicrosoftProduct", true},
                 {"publisherName", "Microsoft Corporation"},
                 {"partnerId", ""},
                 {"suspensionReasons", json::array()},
                 {"orderId", s.order_id},
                 {"links", std::move(links)},
                 {"attributes", std::move(attributes)}};
  if (!s.entitlement_id.empty()) o["entitlementId"] = s.entitlement_id;
  if (s.kind == PcSubscriptionKind::kLicense) {
    o["termDuration"] = "P1Y";
    o["cancellationAllowedUntilDate"] = PlusDays(s.creation_date, 7);
  }
  if (s.status == "suspended") o["suspensionReasons"] = json::array{"CustomerCancellation"};
  return o;
}

json::object EntitlementJson(const PcCustomer& c, const PcSubscription& plan,
                             const PcEntitlement& e) {
  return {{"id", e.id},
          {"friendlyName", e.friendly_name},
          {"status", e.status},
          {"subscriptionId", plan.id},
          {"links",
           {{"self",
             Link(CustomerUri(c) + "/subscriptions/" + plan.id + "/azureEntitlements/" + e.id)}}},
          {"attributes", Attributes("AzureEntitlement")}};
}

json::object OrderJson(const PcCustomer& c, const PcOrder& order) {
  std::string self = CustomerUri(c) + "/orders/" + order.id;
  json::array lines;
  for (const PcOrderLine& l : order.lines) {
    json::object line{{"lineItemNumber", l.number},
                      {"offerId", l.offer_id},
                      {"friendlyName", l.friendly_name},
                      {"quantity", l.quantity},
                      {"links", json::object()}};
    if (!l.subscription_id.empty()) {
      line["subscriptionId"] = l.subscription_id;
      line["links"] = json::object{
          {"subscription", Link(CustomerUri(c) + "/subscriptions/" + l.subscription_id)}};
    }
    lines.push_back(std::move(line));
  }
  return {
      {"id", order.id},
      {"referenceCustomerId", c.id},
      {"billingCycle", order.billing_cycle},
      {"currencyCode", order.currency_code},
      {"lineItems", std::move(lines)},
      {"creationDate", order.creation_date},
      {"status", order.status},
      {"links", {{"provisioningStatus", Link(self + "/provisioningstatus")}, {"self", Link(self)}}},
      {"attributes", Attributes("Order")}};
}

json::object CartJson(const PcCustomer& c, const PcCart& cart) {
  json::array lines;
  for (const PcCartLine& l : cart.lines) {
    json::object line{{"id", l.id},
                      {"catalogItemId", l.catalog_item_id},
                      {"quantity", l.quantity},
                      {"currencyCode", "USD"},
                      {"billingCycle", l.billing_cycle},
                      {"participants", json::array()},
                      {"provisioningContext", json::object()},
                      {"orderGroup", "0"}};
    if (!l.friendly_name.empty()) line["friendlyName"] = l.friendly_name;
    lines.push_back(std::move(line));
  }
  return {{"id", cart.id},
          {"creationTimestamp", cart.creation},
          {"lastModifiedTimestamp", cart.last_modified},
          {"expirationTimestamp", cart.expiration},
          {"lastModifiedUser", ""},
          {"status", cart.status},
          {"lineItems", std::move(lines)},
          {"links", {{"self", Link(CustomerUri(c) + "/carts/" + cart.id)}}},
          {"attributes", Attributes("Cart")}};
}

json::object AgreementJson(const PcCustomer& c, const PcAgreement& a) {
  (void)c;
  json::object contact{{"firstName", a.first_name}, {"lastName", a.last_name}, {"email", a.email}};
  if (!a.phone_number.empty()) contact["phoneNumber"] = a.phone_number;
  json::object o{{"primaryContact", std::move(contact)},
                 {"templateId", a.template_id},
                 {"dateAgreed", a.date_agreed},
                 {"type", a.type},
                 {"agreementLink", "https://aka.ms/customeragreement"},
                 {"attributes", Attributes("Agreement")}};
  if (!a.user_id.empty()) o["userId"] = a.user_id;
  return o;
}

}  // namespace azscsp::emulator
