// Partner Center commerce: agreements (app+user only), catalog, carts and checkout, orders, the
// Azure plan -> entitlement -> world CSP subscription link, subscription PATCH rules and Azure
// entitlement cancellation.
#include <algorithm>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <cctype>

#include "partner_center_test_helpers.hpp"

namespace json = boost::json;
using namespace azscsp::emulator::test;

namespace {

std::string Customer(const std::string& id) {
  return "/v1/customers/" + id;
}

// GET then PATCH the full object with these fields replaced.
HttpResult Patch(PcFixture& f, const std::string& customer, const std::string& subscription,
                 const json::object& changes) {
  HttpResult got = f.Call("GET", Customer(customer) + "/subscriptions/" + subscription);
  BOOST_REQUIRE_MESSAGE(got.status == 200, got.body);
  json::object body = got.Json().as_object();
  for (const auto& change : changes) body[change.key()] = change.value();
  return f.Call("PATCH", Customer(customer) + "/subscriptions/" + subscription,
                json::serialize(body));
}

// The state of a world (ARM) subscription, from /_emulator/state ("" when it does not exist).
std::string WorldState(PcFixture& f, const std::string& id) {
  json::value world = f.emu.client().Request("GET", "/_emulator/state").Json();
  for (const json::value& w : world.at("subscriptions").as_array()) {
    std::string wid = JStr(w, "id");
    bool same = wid.size() == id.size() &&
                std::equal(wid.begin(), wid.end(), id.begin(), [](char a, char b) {
                  return std::tolower(static_cast<unsigned char>(a)) ==
                         std::tolower(static_cast<unsigned char>(b));
                });
    if (same) return w.as_object().contains("state") ? JStr(w, "state") : "Enabled";
  }
  return "";
}

std::string Status(const HttpResult& r) {
  return JStr(r.Json(), "status");
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(partner_center_commerce, PcFixture)

BOOST_AUTO_TEST_CASE(agreements_need_app_user) {
  HttpResult r = Call("GET", "/v1/agreements?agreementType=MicrosoftCustomerAgreement");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::value item = r.Json().at("items").at(0);
  BOOST_TEST(JStr(item, "templateId") == pcfx::kMcaTemplate);
  BOOST_TEST(JStr(item, "agreementType") == "MicrosoftCustomerAgreement");
  BOOST_TEST(!JStr(item, "agreementLink").empty());
  BOOST_TEST(item.as_object().contains("versionRank"));
  // App-only: 403 2032 on every app+user-only route, with the app+user message.
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/v1/agreements?agreementType=MicrosoftCustomerAgreement"},
           {"GET", Customer(pcfx::kAdatum) + "/agreements"},
           {"POST", Customer(pcfx::kFabrikam) + "/agreements"},
           {"GET", Customer(pcfx::kNorthwind) + "/subscriptions/" + pcfx::kNorthwindPlan +
                       "/provisioningstatus"}}) {
    HttpResult refused = Call(method, path, method == "POST" ? "{}" : "", &app_token);
    CheckPcError(refused, 403, 2032);
    BOOST_TEST(JStr(refused.Json(), "description").find("app+user") != std::string::npos);
  }
  BOOST_TEST(Call("GET", Customer(pcfx::kNorthwind) + "/subscriptions/" + pcfx::kNorthwindPlan +
                             "/provisioningstatus")
                 .status == 200);
}

BOOST_AUTO_TEST_CASE(app_only_status_is_configurable) {
  PcFixture f([](azscsp::emulator::EmulatorOptions& o) { o.partner_center_app_only_status = 401; });
  CheckPcError(f.Call("GET", "/v1/agreements", {}, &f.app_token), 401, 2032);
}

BOOST_AUTO_TEST_CASE(customer_agreements) {
  HttpResult r =
      Call("GET", Customer(pcfx::kAdatum) + "/agreements?agreementType=MicrosoftCustomerAgreement");
  BOOST_TEST(r.Json().at("items").as_array().size() == 1u);
  BOOST_TEST(
      Call("GET", Customer(pcfx::kFabrikam) + "/agreements").Json().at("items").as_array().empty());
  r = ConfirmMca(pcfx::kFabrikam);
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  BOOST_TEST(JStr(r.Json(), "templateId") == pcfx::kMcaTemplate);
  BOOST_TEST(!JStr(r.Json(), "userId").empty());
  BOOST_TEST(JStr(r.Json().at("primaryContact"), "email") == "ada@example.com");
  BOOST_TEST(
      Call("GET", Customer(pcfx::kFabrikam) + "/agreements").Json().at("items").as_array().size() ==
      1u);
  // The same contact again: 409 600061 in the MCA shape.
  CheckMcaError(ConfirmMca(pcfx::kFabrikam), 409, 600061);
  // Wrong template and missing contact fields: 400 600012 (assumed) naming them.
  HttpResult bad = Call(
      "POST", Customer(pcfx::kFabrikam) + "/agreements",
      R"({"primaryContact":{"firstName":"a","lastName":"b","email":"a@b.c"},"templateId":"00000000-0000-0000-0000-000000000000","type":"MicrosoftCustomerAgreement"})");
  CheckMcaError(bad, 400, 600012);
  BOOST_TEST(JStr(bad.Json(), "message").find("templateId") != std::string::npos);
  bad = Call("POST", Customer(pcfx::kFabrikam) + "/agreements",
             R"({"PrimaryContact":{"FirstName":"a","Email":"a@b.c"},"TemplateId":")" +
                 pcfx::kMcaTemplate + R"(","Type":"microsoftcustomeragreement"})");
  CheckMcaError(bad, 400, 600012);
  BOOST_TEST(JStr(bad.Json(), "message").find("lastName") != std::string::npos);
  CheckPcError(Call("POST", Customer(pcfx::kWoodgrove) + "/agreements", "{}"), 403, 20002);
}

BOOST_AUTO_TEST_CASE(catalog) {
  HttpResult r = Call("GET", "/v1/products?country=US&targetView=MicrosoftAzure", {}, &app_token);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::value products = r.Json();
  BOOST_TEST(products.at("items").as_array().size() == 2u);
  json::value plan = products.at("items").at(0);
  BOOST_TEST(JStr(plan, "id") == "DZH318Z0BPS6");
  BOOST_TEST(JStr(plan, "title") == "Azure plan");
  BOOST_TEST(plan.at("purchasePrerequisites").at(0).as_string() == "MicrosoftCustomerAgreement");
  r = Call("GET", Customer(pcfx::kFabrikam) + "/products?targetView=MicrosoftAzure");
  BOOST_TEST(r.Json().at("items").as_array().size() == 2u);
  r = Call("GET", "/v1/products/DZH318Z0BPS6/skus?country=US");
  BOOST_TEST(JStr(r.Json().at("items").at(0), "id") == "0001");
  BOOST_TEST(Call("GET", Customer(pcfx::kFabrikam) + "/products/DZH318Z0BPS6/skus").status == 200);
  r = Call("GET", "/v1/products/DZH318Z0BPS6/skus/0001/availabilities?country=US");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::value availability = r.Json().at("items").at(0);
  BOOST_TEST(JStr(availability, "catalogItemId") == pcfx::kCatalogItem);
  BOOST_TEST(JStr(availability, "id") == "DZH318Z0BML6");
  BOOST_TEST(JStr(availability, "productId") == "DZH318Z0BPS6");
  BOOST_TEST(JStr(availability, "skuId") == "0001");
  BOOST_TEST(availability.at("isPurchasable").as_bool());
  for (const char* key : {"defaultCurrency", "segment", "country", "isRenewable"}) {
    BOOST_TEST(availability.as_object().contains(key), key);
  }
  r = Call("GET", Customer(pcfx::kFabrikam) + "/products/DZH318Z0BPS6/skus/0001/availabilities");
  BOOST_TEST(JStr(r.Json().at("items").at(0), "catalogItemId") == pcfx::kCatalogItem);
  CheckPcError(Call("GET", "/v1/products/NOPE/skus/0001/availabilities?country=US"), 404, 400013);
  CheckPcError(Call("GET", "/v1/products/NOPE"), 404, 400013);
  r = Call("GET", "/v1/offers?country=US");
  BOOST_TEST(JStr(r.Json().at("items").at(0), "id") == "MS-AZR-0145P");
  BOOST_TEST(
      Call("GET", "/v1/offers?country=US&offset=1&size=5").Json().at("items").as_array().empty());
  BOOST_TEST(Call("GET", "/v1/offers/MS-AZR-0145P?country=US").status == 200);
}

BOOST_AUTO_TEST_CASE(cart_rules) {
  const std::string carts = Customer(pcfx::kFabrikam) + "/carts";
  CheckPcError(
      Call(
          "POST", carts,
          R"({"lineItems":[{"id":0,"catalogItemId":"NOPE:0001:X","quantity":1,"billingCycle":"one_time"}]})"),
      400, 800004);
  HttpResult r = Call("POST", carts,
                      R"({"lineItems":[{"id":0,"catalogItemId":")" + pcfx::kCatalogItem +
                          R"(","quantity":2,"billingCycle":"one_time"}]})");
  CheckPcError(r, 400, 800009);
  BOOST_TEST(JStr(r.Json(), "description").find("quantity") != std::string::npos);
  r = Call("POST", carts,
           R"({"lineItems":[{"id":0,"catalogItemId":")" + pcfx::kCatalogItem +
               R"(","quantity":1,"billingCycle":"monthly"}]})");
  CheckPcError(r, 400, 800009);
  BOOST_TEST(JStr(r.Json(), "description").find("billingCycle") != std::string::npos);
  // Casing of names and enum values does not matter.
  r = Call("POST", carts,
           R"({"LineItems":[{"Id":0,"CatalogItemId":")" + pcfx::kCatalogItem +
               R"(","Quantity":1,"BillingCycle":"OneTime","FriendlyName":"Main plan"}]})");
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  json::value cart = r.Json();
  std::string cart_id = JStr(cart, "id");
  BOOST_TEST(JStr(cart, "status") == "Active");
  for (const char* key : {"creationTimestamp", "lastModifiedTimestamp", "expirationTimestamp"}) {
    BOOST_TEST(!JStr(cart, key).empty(), key);
  }
  BOOST_TEST(JStr(cart.at("lineItems").at(0), "orderGroup") == "0");
  BOOST_TEST(JStr(cart.at("lineItems").at(0), "billingCycle") == "one_time");
  BOOST_TEST(Call("GET", carts + "/" + cart_id).status == 200);
  CheckPcError(Call("GET", carts + "/00000000-0000-0000-0000-000000000000"), 404, 800008);
  CheckPcError(Call("POST", carts + "/00000000-0000-0000-0000-000000000000/checkout"), 404, 800008);
  r = Call("PUT", carts + "/" + cart_id, json::serialize(cart));
  BOOST_TEST(r.status == 200, r.body);
  // Fabrikam has no MCA: 13605.
  r = Call("POST", carts + "/" + cart_id + "/checkout");
  CheckPcError(r, 403, 13605);
  BOOST_TEST(JStr(r.Json(), "description").find("Microsoft Customer Agreement") !=
             std::string::npos);
  // Adatum has legacy Azure; Northwind already has a plan.
  for (const auto& [customer, text] : std::vector<std::pair<std::string, std::string>>{
           {pcfx::kAdatum, "MS-AZR-0145P"}, {pcfx::kNorthwind, pcfx::kNorthwindPlan}}) {
    HttpResult c = Call("POST", Customer(customer) + "/carts",
                        R"({"lineItems":[{"id":0,"catalogItemId":")" + pcfx::kCatalogItem +
                            R"(","quantity":1,"billingCycle":"one_time"}]})");
    HttpResult checkout =
        Call("POST", Customer(customer) + "/carts/" + JStr(c.Json(), "id") + "/checkout");
    CheckPcError(checkout, 400, 800009);
    BOOST_TEST(JStr(checkout.Json(), "description").find(text) != std::string::npos, checkout.body);
  }
}

BOOST_AUTO_TEST_CASE(azure_plan_purchase_links_to_azure) {
  BOOST_TEST_REQUIRE(ConfirmMca(pcfx::kFabrikam).status == 201);
  HttpResult cart = Call("POST", Customer(pcfx::kFabrikam) + "/carts",
                         R"({"lineItems":[{"id":0,"catalogItemId":")" + pcfx::kCatalogItem +
                             R"(","quantity":1,"billingCycle":"one_time"}]})");
  std::string cart_id = JStr(cart.Json(), "id");
  HttpResult checkout =
      Call("POST", Customer(pcfx::kFabrikam) + "/carts/" + cart_id + "/checkout", {}, &app_token);
  BOOST_TEST_REQUIRE(checkout.status == 201, checkout.body);
  json::value result = checkout.Json();
  BOOST_TEST(result.at("orderErrors").as_array().empty());
  json::value order = result.at("orders").at(0);
  BOOST_TEST(JStr(order, "status") == "pending");
  BOOST_TEST(JStr(order, "referenceCustomerId") == pcfx::kFabrikam);
  BOOST_TEST(JStr(order, "billingCycle") == "one_time");
  json::value line = order.at("lineItems").at(0);
  BOOST_TEST(JStr(line, "offerId") == pcfx::kCatalogItem);
  std::string plan = JStr(line, "subscriptionId");
  std::string order_id = JStr(order, "id");
  // A second checkout of the same cart: 800065.
  CheckPcError(Call("POST", Customer(pcfx::kFabrikam) + "/carts/" + cart_id + "/checkout"), 400,
               800065);
  // The order completes; the plan is active with one active entitlement.
  HttpResult got = Call("GET", Customer(pcfx::kFabrikam) + "/orders/" + order_id);
  BOOST_TEST(Status(got) == "completed");
  BOOST_TEST(
      Call("GET", Customer(pcfx::kFabrikam) + "/orders").Json().at("items").as_array().size() ==
      1u);
  HttpResult provisioning =
      Call("GET", Customer(pcfx::kFabrikam) + "/orders/" + order_id + "/provisioningstatus");
  BOOST_TEST(JStr(provisioning.Json().at("items").at(0), "status") == "Fulfilled");
  HttpResult sub = Call("GET", Customer(pcfx::kFabrikam) + "/subscriptions/" + plan);
  BOOST_TEST_REQUIRE(sub.status == 200, sub.body);
  json::value s = sub.Json();
  BOOST_TEST(Status(sub) == "active");
  BOOST_TEST(JStr(s, "offerId").rfind("DZH318Z0BPS6", 0) == 0u);
  BOOST_TEST(JStr(s, "offerName") == "Azure plan");
  BOOST_TEST(JStr(s, "billingType") == "usage");
  BOOST_TEST(JStr(s, "billingCycle") == "one_time");
  BOOST_TEST(JStr(s, "unitType") == "Usage-based");
  BOOST_TEST(JStr(s, "orderId") == order_id);
  BOOST_TEST(!JStr(s.at("attributes"), "etag").empty());
  BOOST_TEST(JStr(s.at("attributes"), "objectType") == "Subscription");
  HttpResult by_order =
      Call("GET", Customer(pcfx::kFabrikam) + "/subscriptions?order_id=" + order_id);
  BOOST_TEST(by_order.Json().at("items").as_array().size() == 1u);
  HttpResult entitlements =
      Call("GET", Customer(pcfx::kFabrikam) + "/subscriptions/" + plan + "/azureEntitlements");
  BOOST_TEST_REQUIRE(entitlements.Json().at("items").as_array().size() == 1u);
  json::value e = entitlements.Json().at("items").at(0);
  std::string azure = JStr(e, "id");
  BOOST_TEST(JStr(e, "status") == "active");
  BOOST_TEST(JStr(e, "friendlyName") == "Microsoft Azure");
  BOOST_TEST(JStr(e, "subscriptionId") == plan);
  BOOST_TEST(Call("GET", Customer(pcfx::kFabrikam) + "/subscriptions/" + plan +
                             "/azureEntitlements/" + azure)
                 .status == 200);
  // The world has the Azure subscription (CSP, this partner, the customer's tenant) and the
  // registration maps it.
  HttpResult state = emu.client().Request("GET", "/_emulator/state");
  bool found = false;
  json::value world = state.Json();
  for (const json::value& w : world.at("subscriptions").as_array()) {
    if (JStr(w, "id") != azure) continue;
    found = true;
    BOOST_TEST(JStr(w, "offer") == "CSP");
    BOOST_TEST(JStr(w, "tenantId") == pcfx::kFabrikam);
    BOOST_TEST(JStr(w, "partnerId") == "contoso-csp");
    BOOST_TEST(JStr(w, "displayName") == "Fabrikam Azure plan");
  }
  BOOST_TEST(found);
  HttpResult mapped = emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", azure),
                              R"({"properties":{"tenantId":")" + pcfx::kFabrikam + R"("}})");
  BOOST_TEST(mapped.status == 200, mapped.body);
  BOOST_TEST(JStr(mapped.Json().at("properties"), "tenantId") == pcfx::kFabrikam);
}

BOOST_AUTO_TEST_CASE(legacy_orders) {
  const std::string body =
      R"({"ReferenceCustomerId":")" + pcfx::kFabrikam +
      R"(","BillingCycle":"monthly","LineItems":[{"LineItemNumber":0,"OfferId":"MS-AZR-0145P","Quantity":1,"FriendlyName":"Legacy"}]})";
  HttpResult r = Call("POST", Customer(pcfx::kFabrikam) + "/orders", body);
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  std::string id = JStr(r.Json().at("lineItems").at(0), "subscriptionId");
  BOOST_TEST(id == [&] {
    std::string u = id;
    for (char& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return u;
  }());
  HttpResult sub = Call("GET", Customer(pcfx::kFabrikam) + "/subscriptions/" + id);
  BOOST_TEST(JStr(sub.Json(), "entitlementId") == id);
  BOOST_TEST(JStr(sub.Json(), "offerId") == "MS-AZR-0145P");
  std::string lower = id;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  HttpResult mapped = emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", lower), "{}");
  BOOST_TEST(mapped.status == 200, mapped.body);
  // Now an Azure plan is refused; and a legacy order for a customer with a plan is refused.
  BOOST_TEST_REQUIRE(ConfirmMca(pcfx::kFabrikam).status == 201);
  HttpResult cart = Call("POST", Customer(pcfx::kFabrikam) + "/carts",
                         R"({"lineItems":[{"id":0,"catalogItemId":")" + pcfx::kCatalogItem +
                             R"(","quantity":1,"billingCycle":"one_time"}]})");
  CheckPcError(
      Call("POST", Customer(pcfx::kFabrikam) + "/carts/" + JStr(cart.Json(), "id") + "/checkout"),
      400, 800009);
  CheckPcError(Call("POST", Customer(pcfx::kNorthwind) + "/orders",
                    R"({"LineItems":[{"OfferId":"ms-azr-0145p","Quantity":1}]})"),
               400, 800009);
  CheckPcError(Call("POST", Customer(pcfx::kFabrikam) + "/orders",
                    R"({"LineItems":[{"OfferId":"NOPE","Quantity":1}]})"),
               400, 800004);
}

BOOST_AUTO_TEST_CASE(carts_buy_legacy_azure_and_licences) {
  // A licence through a cart: active, quantity as ordered, cancellable inside its window.
  HttpResult cart = Call(
      "POST", Customer(pcfx::kFabrikam) + "/carts",
      R"({"lineItems":[{"id":0,"catalogItemId":"CFQ7TTC0LH18:0001:CFQ7TTC0LDPB","quantity":3,"billingCycle":"monthly"}]})");
  BOOST_TEST_REQUIRE(cart.status == 201, cart.body);
  HttpResult checkout =
      Call("POST", Customer(pcfx::kFabrikam) + "/carts/" + JStr(cart.Json(), "id") + "/checkout");
  BOOST_TEST_REQUIRE(checkout.status == 201, checkout.body);
  std::string licence =
      JStr(checkout.Json().at("orders").at(0).at("lineItems").at(0), "subscriptionId");
  HttpResult sub = Call("GET", Customer(pcfx::kFabrikam) + "/subscriptions/" + licence);
  BOOST_TEST(Status(sub) == "active");
  BOOST_TEST(sub.Json().at("quantity").to_number<int>() == 3);
  BOOST_TEST(JStr(sub.Json(), "billingType") == "license");
  BOOST_TEST(!JStr(sub.Json(), "cancellationAllowedUntilDate").empty());
  BOOST_TEST(Status(Patch(*this, pcfx::kFabrikam, licence, {{"status", "deleted"}})) == "deleted");
  // Legacy Azure through a cart (no MCA needed).
  cart = Call(
      "POST", Customer(pcfx::kFabrikam) + "/carts",
      R"({"lineItems":[{"id":0,"catalogItemId":"MS-AZR-0145P","quantity":1,"billingCycle":"monthly"}]})");
  checkout =
      Call("POST", Customer(pcfx::kFabrikam) + "/carts/" + JStr(cart.Json(), "id") + "/checkout");
  BOOST_TEST_REQUIRE(checkout.status == 201, checkout.body);
  std::string legacy =
      JStr(checkout.Json().at("orders").at(0).at("lineItems").at(0), "subscriptionId");
  BOOST_TEST(WorldState(*this, legacy) == "Enabled");
}

BOOST_AUTO_TEST_CASE(subscription_patch_rules) {
  const std::string nw = pcfx::kNorthwind;
  CheckPcError(Call("GET", Customer(nw) + "/subscriptions/00000000-0000-0000-0000-000000000000"),
               404, 20003);
  // Suspending a plan with an active Azure subscription: 900115.
  HttpResult r = Patch(*this, nw, pcfx::kNorthwindPlan, {{"status", "suspended"}});
  CheckPcError(r, 403, 900115);
  BOOST_TEST(JStr(r.Json(), "description").find("Azure Subscriptions in the active state") !=
             std::string::npos);
  // Cancelling a plan or legacy Azure: 800096.
  CheckPcError(Patch(*this, nw, pcfx::kNorthwindPlan, {{"status", "deleted"}}), 400, 800096);
  CheckPcError(Patch(*this, pcfx::kAdatum, pcfx::kAdatumLegacy, {{"status", "deleted"}}), 400,
               800096);
  // New commerce past the 7-day window: 900117; inside it: cancelled, then 2011.
  r = Patch(*this, nw, pcfx::kNorthwindOldLicense, {{"status", "deleted"}});
  CheckPcError(r, 400, 900117);
  BOOST_TEST(
      JStr(r.Json(), "description") ==
      "You have passed your 7-day cancellation window. We are unable to cancel your purchase");
  r = Patch(*this, pcfx::kAdatum, pcfx::kAdatumLicense, {{"status", "Deleted"}});
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(Status(r) == "deleted");
  CheckPcError(Patch(*this, pcfx::kAdatum, pcfx::kAdatumLicense, {{"status", "active"}}), 400,
               2011);
  // Stale etag: 2055 (body attributes.etag, or If-Match).
  HttpResult got = Call("GET", Customer(nw) + "/subscriptions/" + pcfx::kNorthwindOldLicense);
  json::object stale = got.Json().as_object();
  HttpResult renamed = Patch(*this, nw, pcfx::kNorthwindOldLicense, {{"friendlyName", "Renamed"}});
  BOOST_TEST_REQUIRE(renamed.status == 200, renamed.body);
  BOOST_TEST(JStr(renamed.Json().at("attributes"), "etag") != JStr(stale.at("attributes"), "etag"));
  stale["friendlyName"] = "Again";
  CheckPcError(Call("PATCH", Customer(nw) + "/subscriptions/" + pcfx::kNorthwindOldLicense,
                    json::serialize(stale)),
               400, 2055);
  CheckPcError(Call("PATCH", Customer(nw) + "/subscriptions/" + pcfx::kNorthwindOldLicense,
                    R"({"quantity":12})", nullptr, {{"If-Match", "\"stale\""}}),
               400, 2055);
  // Suspend, change while suspended (800091), reactivate.
  r = Patch(*this, nw, pcfx::kNorthwindOldLicense, {{"status", "SUSPENDED"}});
  BOOST_TEST(Status(r) == "suspended");
  CheckPcError(Patch(*this, nw, pcfx::kNorthwindOldLicense, {{"quantity", 20}}), 400, 800091);
  r = Patch(*this, nw, pcfx::kNorthwindOldLicense, {{"status", "active"}});
  BOOST_TEST(Status(r) == "active");
  r = Patch(*this, nw, pcfx::kNorthwindOldLicense, {{"quantity", 20}});
  BOOST_TEST(r.Json().at("quantity").to_number<int>() == 20);
  // Legacy Azure: suspend disables its Azure subscription, reactivation enables it.
  BOOST_TEST(Status(Patch(*this, pcfx::kAdatum, pcfx::kAdatumLegacy, {{"status", "suspended"}})) ==
             "suspended");
  BOOST_TEST(WorldState(*this, fx::kAdatumSub) == "Disabled");
  BOOST_TEST(Status(Patch(*this, pcfx::kAdatum, pcfx::kAdatumLegacy, {{"status", "active"}})) ==
             "active");
  BOOST_TEST(WorldState(*this, fx::kAdatumSub) == "Enabled");
}

BOOST_AUTO_TEST_CASE(entitlement_cancel_then_plan_suspend) {
  const std::string base = Customer(pcfx::kNorthwind) + "/subscriptions/" + pcfx::kNorthwindPlan;
  HttpResult list = Call("GET", base + "/azureEntitlements", {}, &app_token);
  BOOST_TEST_REQUIRE(list.status == 200, list.body);
  BOOST_TEST(JStr(list.Json().at("items").at(0), "id") == pcfx::kNorthwindAzureSub);
  CheckPcError(Call("GET", base + "/azureEntitlements/00000000-0000-0000-0000-000000000000"), 404,
               1000);
  HttpResult r = Call("POST", base + "/azureEntitlements/" + pcfx::kNorthwindAzureSub + "/cancel",
                      R"({"cancellationReason":"compromise"})");
  BOOST_TEST_REQUIRE(r.status == 202, r.body);
  BOOST_TEST(Status(r) == "cancelled");
  BOOST_TEST(Status(Call("GET", base + "/azureEntitlements/" + pcfx::kNorthwindAzureSub)) ==
             "cancelled");
  BOOST_TEST(WorldState(*this, pcfx::kNorthwindAzureSub) == "Disabled");
  // Now the plan may be suspended; a suspended plan refuses cancellations (800091).
  HttpResult suspended =
      Patch(*this, pcfx::kNorthwind, pcfx::kNorthwindPlan, {{"status", "suspended"}});
  BOOST_TEST(Status(suspended) == "suspended", suspended.body);
  CheckPcError(Call("POST", base + "/azureEntitlements/" + pcfx::kNorthwindAzureSub + "/cancel",
                    R"({"cancellationReason":"other"})"),
               400, 800091);
  BOOST_TEST(Status(Patch(*this, pcfx::kNorthwind, pcfx::kNorthwindPlan, {{"status", "active"}})) ==
             "active");
  // Entitlements of something that is not a plan.
  CheckPcError(Call("GET", Customer(pcfx::kAdatum) + "/subscriptions/" + pcfx::kAdatumLegacy +
                               "/azureEntitlements"),
               400, 3000);
}

BOOST_AUTO_TEST_SUITE_END()
