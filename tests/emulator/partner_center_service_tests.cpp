// Partner Center service behaviour: request limit (429 + Retry-After), MS-RequestId idempotency,
// order delay, ARM subscription aliases under an Azure plan, command-line options.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "cli.hpp"
#include "partner_center_test_helpers.hpp"
#include "util/files.hpp"

namespace json = boost::json;
using namespace azscsp::emulator::test;
using azscsp::emulator::EmulatorOptions;

namespace {

std::string Customer(const std::string& id) {
  return "/v1/customers/" + id;
}

const std::string kPlanCart = R"({"lineItems":[{"id":0,"catalogItemId":")" + pcfx::kCatalogItem +
                              R"(","quantity":1,"billingCycle":"one_time"}]})";

std::string AliasPath(const std::string& alias, const std::string& version = "2021-10-01") {
  return "/providers/Microsoft.Subscription/aliases/" + alias + "?api-version=" + version;
}

std::string AliasBody(const std::string& customer) {
  return R"({"properties":{"displayName":"Extra","billingScope":"/providers/Microsoft.Billing/billingAccounts/contoso-ba/customers/)" +
         customer + R"(","workload":"Production"}})";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(partner_center_service)

BOOST_AUTO_TEST_CASE(request_limit_answers_429_with_retry_after) {
  PcFixture f([](EmulatorOptions& o) { o.partner_center_rate_limit = {3, 0.5}; });
  for (int i = 0; i < 3; ++i) {
    BOOST_TEST(f.Call("GET", Customer(pcfx::kFabrikam)).status == 200);
  }
  HttpResult r = f.Call("GET", Customer(pcfx::kFabrikam));
  BOOST_TEST_REQUIRE(r.status == 429, r.body);
  BOOST_TEST(r.Header("Retry-After") == "2");
  json::value body = r.Json();
  BOOST_TEST(body.at("statusCode").to_number<int>() == 429);
  BOOST_TEST(JStr(body, "message") == "Rate limit is exceeded. Try again in 2 seconds.");
  BOOST_TEST(!r.Header("MS-RequestId").empty());
  // The partner bucket covers every route.
  BOOST_TEST(f.Call("GET", "/v1/customers").status == 429);
  // Reset refills the buckets.
  f.emu.client().Request("POST", "/_emulator/reset");
  BOOST_TEST(f.Call("GET", "/v1/customers").status == 200);
}

BOOST_AUTO_TEST_CASE(request_limit_counts_every_route_and_can_be_off) {
  // Both buckets (partner, partner x customer) have the same size: customer routes and the
  // others draw from the partner's.
  PcFixture f([](EmulatorOptions& o) { o.partner_center_rate_limit = {4, 0.01}; });
  BOOST_TEST(f.Call("GET", Customer(pcfx::kFabrikam)).status == 200);
  BOOST_TEST(f.Call("GET", Customer(pcfx::kAdatum)).status == 200);
  BOOST_TEST(f.Call("HEAD", "/v1/domains/fabrikam").status == 200);
  BOOST_TEST(f.Call("GET", "/v1/customers").status == 200);
  HttpResult r = f.Call("GET", Customer(pcfx::kNorthwind));
  BOOST_TEST(r.status == 429);
  BOOST_TEST(std::stoi(r.Header("Retry-After")) >= 90);  // 1 token at 0.01/s
  PcFixture off([](EmulatorOptions& o) { o.partner_center_rate_limit = {0, 0}; });
  for (int i = 0; i < 20; ++i) BOOST_TEST(off.Call("GET", "/v1/customers").status == 200);
}

BOOST_FIXTURE_TEST_CASE(same_request_id_gets_the_first_answer, PcFixture) {
  const std::string body =
      R"({"CompanyProfile":{"Domain":"idemco"},"BillingProfile":{"Culture":"en-US","Email":"a@b.c","Language":"en","CompanyName":"Idem Co",)"
      R"("DefaultAddress":{"FirstName":"a","LastName":"b","AddressLine1":"One Microsoft Way","City":"Redmond","State":"WA","PostalCode":"98052","Country":"US"}}})";
  const HeaderList id{{"MS-RequestId", "0f0f0f0f-0000-4000-8000-000000000001"}};
  HttpResult first = Call("POST", "/v1/customers", body, nullptr, id);
  BOOST_TEST_REQUIRE(first.status == 201, first.body);
  HttpResult again = Call("POST", "/v1/customers", body, nullptr, id);
  BOOST_TEST(again.status == 201, again.body);
  BOOST_TEST(again.body == first.body);
  BOOST_TEST(again.Header("MS-RequestId") == "0f0f0f0f-0000-4000-8000-000000000001");
  BOOST_TEST(Call("GET", "/v1/customers").Json().at("items").as_array().size() == 13u);
  // Another request id is another request: the domain is now taken.
  CheckPcError(Call("POST", "/v1/customers", body), 400, 3000);

  // Cart, checkout (a repeated checkout is not 800065), agreements.
  BOOST_TEST_REQUIRE(ConfirmMca(pcfx::kFabrikam).status == 201);
  const HeaderList mca_id{{"MS-RequestId", "0f0f0f0f-0000-4000-8000-000000000002"}};
  const std::string mca =
      R"({"primaryContact":{"firstName":"Bo","lastName":"Bee","email":"bo@example.com"},"templateId":")" +
      pcfx::kMcaTemplate + R"(","type":"MicrosoftCustomerAgreement"})";
  BOOST_TEST(Call("POST", Customer(pcfx::kFabrikam) + "/agreements", mca, nullptr, mca_id).status ==
             201);
  BOOST_TEST(Call("POST", Customer(pcfx::kFabrikam) + "/agreements", mca, nullptr, mca_id).status ==
             201);
  const HeaderList cart_id{{"MS-RequestId", "0f0f0f0f-0000-4000-8000-000000000003"}};
  HttpResult cart = Call("POST", Customer(pcfx::kFabrikam) + "/carts", kPlanCart, nullptr, cart_id);
  HttpResult cart_again =
      Call("POST", Customer(pcfx::kFabrikam) + "/carts", kPlanCart, nullptr, cart_id);
  BOOST_TEST(JStr(cart.Json(), "id") == JStr(cart_again.Json(), "id"));
  std::string checkout =
      Customer(pcfx::kFabrikam) + "/carts/" + JStr(cart.Json(), "id") + "/checkout";
  const HeaderList checkout_id{{"MS-RequestId", "0f0f0f0f-0000-4000-8000-000000000004"}};
  HttpResult order = Call("POST", checkout, {}, nullptr, checkout_id);
  BOOST_TEST_REQUIRE(order.status == 201, order.body);
  HttpResult order_again = Call("POST", checkout, {}, nullptr, checkout_id);
  BOOST_TEST(order_again.status == 201, order_again.body);
  BOOST_TEST(order_again.body == order.body);
  CheckPcError(Call("POST", checkout), 400, 800065);
  BOOST_TEST(Call("GET", Customer(pcfx::kFabrikam) + "/subscriptions")
                 .Json()
                 .at("items")
                 .as_array()
                 .size() == 1u);
  // The answer belongs to the request id, whatever the path: another route is not replayed.
  BOOST_TEST(
      Call("POST", Customer(pcfx::kFabrikam) + "/carts", kPlanCart, nullptr, checkout_id).status ==
      201);
}

BOOST_FIXTURE_TEST_CASE(faults_answer_in_partner_center_shapes, PcFixture) {
  auto fault = [&](const std::string& rule) {
    HttpResult r = emu.client().Request("POST", "/_emulator/faults", rule,
                                        {{"Content-Type", "application/json"}});
    BOOST_TEST_REQUIRE(r.status == 201, r.body);
  };
  fault(R"({"method":"GET","pathContains":"/v1/customers","status":503})");
  HttpResult r = Call("GET", "/v1/customers", {}, nullptr, {{"MS-RequestId", "ab"}});
  CheckPcError(r, 503, 503);
  BOOST_TEST(r.Header("MS-RequestId") == "ab");
  BOOST_TEST(Call("GET", "/v1/customers").status == 200);
  fault(R"({"pathContains":"/v1/customers","status":429,"retryAfter":"3"})");
  r = Call("GET", "/v1/customers");
  BOOST_TEST(r.status == 429);
  BOOST_TEST(r.Header("Retry-After") == "3");
  BOOST_TEST(JStr(r.Json(), "message") == "Rate limit is exceeded. Try again in 3 seconds.");
  // A request cut by a fault is not remembered: the retry with the same MS-RequestId runs.
  BOOST_TEST_REQUIRE(ConfirmMca(pcfx::kFabrikam).status == 201);
  fault(R"({"method":"POST","pathContains":"/carts","status":500})");
  const HeaderList id{{"MS-RequestId", "0f0f0f0f-0000-4000-8000-0000000000aa"}};
  CheckPcError(Call("POST", Customer(pcfx::kFabrikam) + "/carts", kPlanCart, nullptr, id), 500,
               500);
  BOOST_TEST(Call("POST", Customer(pcfx::kFabrikam) + "/carts", kPlanCart, nullptr, id).status ==
             201);
}

BOOST_AUTO_TEST_CASE(order_delay_keeps_the_plan_pending) {
  PcFixture f([](EmulatorOptions& o) { o.partner_center_order_delay_ms = 400; });
  BOOST_TEST_REQUIRE(f.ConfirmMca(pcfx::kFabrikam).status == 201);
  HttpResult cart = f.Call("POST", Customer(pcfx::kFabrikam) + "/carts", kPlanCart);
  HttpResult checkout =
      f.Call("POST", Customer(pcfx::kFabrikam) + "/carts/" + JStr(cart.Json(), "id") + "/checkout");
  BOOST_TEST_REQUIRE(checkout.status == 201, checkout.body);
  json::value order = checkout.Json().at("orders").at(0);
  std::string order_id = JStr(order, "id");
  std::string plan = JStr(order.at("lineItems").at(0), "subscriptionId");
  BOOST_TEST(JStr(order, "status") == "pending");
  BOOST_TEST(JStr(f.Call("GET", Customer(pcfx::kFabrikam) + "/orders/" + order_id).Json(),
                  "status") == "pending");
  HttpResult subs = f.Call("GET", Customer(pcfx::kFabrikam) + "/subscriptions");
  BOOST_TEST(JStr(subs.Json().at("items").at(0), "status") == "pending");
  HttpResult provisioning =
      f.Call("GET", Customer(pcfx::kFabrikam) + "/orders/" + order_id + "/provisioningstatus");
  BOOST_TEST(JStr(provisioning.Json().at("items").at(0), "status") == "PrefulfillmentPending");
  BOOST_TEST(
      f.Call("GET", Customer(pcfx::kFabrikam) + "/subscriptions/" + plan + "/azureEntitlements")
          .Json()
          .at("items")
          .as_array()
          .empty());
  // A pending plan cannot be changed.
  HttpResult got = f.Call("GET", Customer(pcfx::kFabrikam) + "/subscriptions/" + plan);
  CheckPcError(f.Call("PATCH", Customer(pcfx::kFabrikam) + "/subscriptions/" + plan, got.body), 400,
               800096);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  BOOST_TEST(JStr(f.Call("GET", Customer(pcfx::kFabrikam) + "/orders/" + order_id).Json(),
                  "status") == "completed");
  BOOST_TEST(JStr(f.Call("GET", Customer(pcfx::kFabrikam) + "/subscriptions/" + plan).Json(),
                  "status") == "active");
  BOOST_TEST(
      f.Call("GET", Customer(pcfx::kFabrikam) + "/subscriptions/" + plan + "/azureEntitlements")
          .Json()
          .at("items")
          .as_array()
          .size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(arm_alias_adds_an_azure_subscription_under_the_plan, PcFixture) {
  HttpResult r = emu.Arm("PUT", AliasPath("northwind-extra"), AliasBody(pcfx::kNorthwind));
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  json::value alias = r.Json();
  BOOST_TEST(JStr(alias, "id") == "/providers/Microsoft.Subscription/aliases/northwind-extra");
  BOOST_TEST(JStr(alias, "name") == "northwind-extra");
  BOOST_TEST(JStr(alias, "type") == "Microsoft.Subscription/aliases");
  BOOST_TEST(JStr(alias.at("properties"), "provisioningState") == "Succeeded");
  std::string id = JStr(alias.at("properties"), "subscriptionId");
  // Idempotent: the same alias answers 200 with the same subscription; GET too.
  HttpResult again = emu.Arm("PUT", AliasPath("northwind-extra"), AliasBody(pcfx::kNorthwind));
  BOOST_TEST(again.status == 200);
  BOOST_TEST(JStr(again.Json().at("properties"), "subscriptionId") == id);
  BOOST_TEST(JStr(emu.Arm("GET", AliasPath("northwind-extra")).Json().at("properties"),
                  "subscriptionId") == id);
  BOOST_TEST(emu.Arm("GET", AliasPath("nothing")).status == 404);
  // An active entitlement under the plan, and the registration maps it.
  HttpResult e = Call("GET", Customer(pcfx::kNorthwind) + "/subscriptions/" + pcfx::kNorthwindPlan +
                                 "/azureEntitlements/" + id);
  BOOST_TEST(e.status == 200, e.body);
  BOOST_TEST(JStr(e.Json(), "status") == "active");
  BOOST_TEST(emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", id), "{}").status == 200);
  // No plan, not a customer of this partner, malformed scope, other api-version.
  BOOST_TEST(emu.Arm("PUT", AliasPath("fab"), AliasBody(pcfx::kFabrikam)).ErrorCode() ==
             "InvalidBillingScope");
  BOOST_TEST(emu.Arm("PUT", AliasPath("wood"), AliasBody(pcfx::kWoodgrove)).ErrorCode() ==
             "InvalidBillingScope");
  BOOST_TEST(
      emu.Arm("PUT", AliasPath("bad"), R"({"properties":{"billingScope":"/nope"}})").ErrorCode() ==
      "InvalidBillingScope");
  HttpResult version = emu.Arm("PUT", AliasPath("v", "2020-09-01"), AliasBody(pcfx::kNorthwind));
  BOOST_TEST(version.status == 400);
  BOOST_TEST(version.ErrorCode() == "NoRegisteredProviderFound");
}

BOOST_AUTO_TEST_CASE(state_is_persisted) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() /
                 ("azscsp-pc-persist-" + std::to_string(azscsp::emulator::CurrentProcessId()));
  fs::remove_all(dir);
  auto persist = [&](EmulatorOptions& o) {
    o.data_dir = dir.string();
    o.persist = true;
  };
  std::string azure;
  {
    PcFixture f(persist);
    azure = f.BuyAzurePlan(pcfx::kFabrikam).second;
  }
  {
    PcFixture f(persist);
    HttpResult subs = f.Call("GET", Customer(pcfx::kFabrikam) + "/subscriptions");
    BOOST_TEST_REQUIRE(subs.Json().at("items").as_array().size() == 1u, subs.body);
    std::string plan = JStr(subs.Json().at("items").at(0), "id");
    HttpResult e = f.Call("GET", Customer(pcfx::kFabrikam) + "/subscriptions/" + plan +
                                     "/azureEntitlements/" + azure);
    BOOST_TEST(e.status == 200, e.body);
    BOOST_TEST(f.Call("GET", Customer(pcfx::kFabrikam) + "/agreements")
                   .Json()
                   .at("items")
                   .as_array()
                   .size() == 1u);
  }
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(command_line_options) {
  std::vector<const char*> args{"azscsp-emulator",
                                "--data-dir",
                                "d",
                                "--partner-center-port",
                                "9010",
                                "--partner-center-page-size",
                                "5",
                                "--partner-center-order-delay-ms",
                                "1500",
                                "--partner-center-rate-limit",
                                "10/0.5",
                                "--partner-center-app-only-status",
                                "401"};
  auto ok = azscsp::emulator::ParseCommandLine(static_cast<int>(args.size()), args.data());
  BOOST_TEST_REQUIRE((ok.action == azscsp::emulator::CommandLine::Action::kRun), ok.message);
  BOOST_TEST(ok.options.partner_center_port == 9010);
  BOOST_TEST(ok.options.partner_center_page_size == 5);
  BOOST_TEST(ok.options.partner_center_order_delay_ms == 1500);
  BOOST_TEST(ok.options.partner_center_rate_limit.capacity == 10);
  BOOST_TEST(ok.options.partner_center_rate_limit.refill_per_second == 0.5);
  BOOST_TEST(ok.options.partner_center_app_only_status == 401);
  std::vector<const char*> defaults{"azscsp-emulator", "--data-dir", "d"};
  auto d = azscsp::emulator::ParseCommandLine(static_cast<int>(defaults.size()), defaults.data());
  BOOST_TEST(d.options.partner_center_page_size == 40);
  BOOST_TEST(d.options.partner_center_rate_limit.capacity == 500);
  BOOST_TEST(d.options.partner_center_app_only_status == 403);
  std::vector<const char*> off{"azscsp-emulator", "--data-dir", "d", "--partner-center-rate-limit",
                               "off"};
  BOOST_TEST(azscsp::emulator::ParseCommandLine(static_cast<int>(off.size()), off.data())
                 .options.partner_center_rate_limit.capacity == 0);
  for (std::vector<const char*> bad :
       {std::vector<const char*>{"e", "--data-dir", "d", "--partner-center-page-size", "0"},
        std::vector<const char*>{"e", "--data-dir", "d", "--partner-center-rate-limit", "x"},
        std::vector<const char*>{"e", "--data-dir", "d", "--partner-center-app-only-status", "200"},
        std::vector<const char*>{"e", "--data-dir", "d", "--partner-center-port", "70000"}}) {
    BOOST_TEST(
        (azscsp::emulator::ParseCommandLine(static_cast<int>(bad.size()), bad.data()).action ==
         azscsp::emulator::CommandLine::Action::kError));
  }
}

BOOST_AUTO_TEST_SUITE_END()
