// Issue 7 through the C ABI against the emulator's Partner Center listener: every partnerCenter.*
// operation, the onboarding of Fabrikam and its re-run that writes nothing, a run cut after each
// step (an injected non-retryable fault on the next step's request) and resumed to the same final
// state, the service's 13605, 900115 and 900117, paging over three pages, and app-only tokens
// refused on agreements before anything is sent.
#define BOOST_TEST_DYN_LINK
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "azscsp.h"
#include "emulator_harness.hpp"
#include "shim_events.hpp"

namespace json = boost::json;
using azscsp::integration::EmulatorHarness;
using azscsp::integration::Events;
using azscsp::integration::Fixtures;
using azscsp::integration::Run;
using azscsp::integration::Str;

namespace {

// emulator/fixtures/default.json "partnerCenter".
constexpr const char* kFabrikam = "e40189a3-e640-46a3-b8ff-16b642010b0d";
constexpr const char* kAdatum = "f5a12742-f96c-4f7a-9a01-f2ad9beb4efc";
constexpr const char* kNorthwind = "dccc98f3-4196-4752-8115-902216d99374";
constexpr const char* kWoodgrove = "fbaa2360-49b2-464f-b59f-013a219f8966";
constexpr const char* kAdatumLegacyLower = "7d7b7c70-8909-4c01-a082-0e2106b4a48b";
constexpr const char* kAdatumLicense = "a1c3e5f7-0b2d-4f6a-8c9e-1d3f5a7b9c01";
constexpr const char* kNorthwindPlan = "b2d4f6a8-1c3e-4a5b-9d7f-2e4a6c8e0b01";
constexpr const char* kNorthwindAzureSub = "8e06e68b-f5b3-4420-a4f1-2e6a4f5a2ce8";
constexpr const char* kNorthwindOldLicense = "c3e5a7b9-2d4f-4b6c-8e0a-3f5b7d9f1c01";

std::string Code(const Events& events) {
  return Str(events.error.if_contains("code"));
}

json::object Contact() {
  return {{"firstName", "Ada"}, {"lastName", "Lovelace"}, {"email", "ada@fabrikam.example"}};
}

struct PartnerCenterFixture {
  explicit PartnerCenterFixture(
      int page_size = 40,
      const std::function<void(azscsp::emulator::EmulatorOptions&)>& customize = {})
      : emulator([&] {
          azscsp::emulator::EmulatorOptions options;
          options.throttling = "off";
          options.partner_center_page_size = page_size;
          if (customize) customize(options);
          return options;
        }()) {
    client = Open(UserCredential());
  }
  ~PartnerCenterFixture() {
    for (azscsp_client* opened : clients) azscsp_client_close(opened);
  }

  static json::object UserCredential() {
    return {{"type", "usernamePassword"},
            {"tenantId", "contosocsp.onmicrosoft.com"},
            {"username", "operator@contosocsp.onmicrosoft.com"},
            {"password", "emulator-operator-password"}};
  }
  static json::object AppCredential() {
    return {{"type", "clientSecret"},
            {"tenantId", Fixtures::kHomeTenant},
            {"clientId", Fixtures::kOwnerAppId},
            {"clientSecret", Fixtures::kOwnerSecret}};
  }

  azscsp_client* Open(const json::object& credential) {
    json::object options{{"environment",
                          {{"name", "Emulator"},
                           {"resourceManagerUrl", emulator.BaseUrl() + "/"},
                           {"partnerCenterUrl", emulator.PartnerCenterUrl()}}},
                         {"credential", credential},
                         {"tls", {{"caBundlePath", emulator.CaPath()}}},
                         {"proxy", {{"url", ""}}},
                         {"retry", {{"maxRetries", 2}, {"baseDelayMs", 10}}}};
    azscsp_client* opened = nullptr;
    BOOST_REQUIRE_EQUAL(azscsp_client_open(json::serialize(options).c_str(), &opened), AZSCSP_OK);
    clients.push_back(opened);
    return opened;
  }

  Events Op(const char* name, const json::object& arguments = {}) {
    return Run(client, name, arguments);
  }
  Events Ok(const char* name, const json::object& arguments = {}) {
    Events events = Op(name, arguments);
    BOOST_TEST_REQUIRE(events.status == AZSCSP_DONE, name << ": " << json::serialize(events.error));
    return events;
  }
  // Writes (POST, PUT, PATCH, DELETE) the emulator saw on Partner Center paths.
  int PartnerCenterWrites() {
    int n = 0;
    for (const char* method : {"POST", "PUT", "PATCH", "DELETE"})
      n += emulator.CountRequests(method, "/v1/");
    return n;
  }
  void Fault(const json::object& fault) {
    emulator.Control("POST", "/_emulator/faults", json::serialize(fault));
  }

  // Answers with this status the emulator's request log holds for Partner Center paths.
  int Answered(int status) {
    const json::value log =
        json::parse(emulator.Control("GET", "/_emulator/requests?pathContains=/v1/"));
    const json::value* entries = log.is_object() ? log.as_object().if_contains("value") : &log;
    int n = 0;
    if (entries && entries->is_array())
      for (const auto& entry : entries->as_array())
        if (const json::value* answered = entry.as_object().if_contains("status");
            answered && answered->is_int64() && answered->as_int64() == status)
          ++n;
    return n;
  }

  EmulatorHarness emulator;
  azscsp_client* client = nullptr;
  std::vector<azscsp_client*> clients;
};

// The final Partner Center state of a customer: {plans, active Azure subscription ids}.
std::pair<int, std::set<std::string>> AzureState(PartnerCenterFixture& f,
                                                 const std::string& customer) {
  int plans = 0;
  for (const auto& s : f.Ok("partnerCenter.subscriptions.list", {{"customerId", customer}}).items)
    if (Str(s.if_contains("offerId")).rfind("DZH318Z0BPS6", 0) == 0) ++plans;
  std::set<std::string> active;
  for (const auto& a :
       f.Ok("partnerCenter.azureSubscriptions.list", {{"customerId", customer}}).items)
    if (Str(a.if_contains("status")) == "active")
      active.insert(Str(a.if_contains("azureSubscriptionId")));
  return {plans, active};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(partner_center_against_emulator)

BOOST_FIXTURE_TEST_CASE(connect_customers_domains_addresses_and_catalog, PartnerCenterFixture) {
  Events connected = Ok("partnerCenter.connect");
  BOOST_REQUIRE(connected.items.size() == 1u);
  BOOST_TEST(connected.items[0].at("appOnly").as_bool() == false);
  BOOST_TEST(Str(connected.items[0].if_contains("partnerCenterUrl")) ==
             emulator.PartnerCenterUrl());
  BOOST_TEST(Str(connected.items[0].if_contains("tenantId")) == Fixtures::kHomeTenant);

  Events customers = Ok("partnerCenter.customers.list");
  BOOST_TEST(customers.items.size() == 12u);
  Events by_domain = Ok("partnerCenter.customers.get", {{"domain", "FABRIKAM.onmicrosoft.com"}});
  BOOST_TEST(Str(by_domain.items.at(0).if_contains("customerId")) == kFabrikam);
  Events by_id = Ok("partnerCenter.customers.get", {{"customerId", kAdatum}});
  BOOST_TEST(Str(by_id.items.at(0).if_contains("companyName")).find("datum") != std::string::npos);
  Events missing = Op("partnerCenter.customers.get", {{"domain", "nobody.onmicrosoft.com"}});
  BOOST_TEST(Code(missing) == "CustomerNotFound");
  BOOST_TEST(missing.status == AZSCSP_E_NOT_FOUND);
  Events foreign = Op("partnerCenter.customers.get", {{"customerId", kWoodgrove}});
  BOOST_TEST(Code(foreign) == "20002");
  Events bad_guid = Op("partnerCenter.customers.get", {{"customerId", "not-a-guid"}});
  BOOST_TEST(bad_guid.status == AZSCSP_E_INVALID_ARGUMENT);
  BOOST_TEST(Str(bad_guid.error.if_contains("message")).find("customerId") != std::string::npos);

  Events taken = Ok("partnerCenter.domains.check", {{"domain", "fabrikam"}});
  BOOST_TEST(Str(taken.items.at(0).if_contains("domain")) == "fabrikam.onmicrosoft.com");
  BOOST_TEST(taken.items.at(0).at("available").as_bool() == false);
  Events free = Ok("partnerCenter.domains.check", {{"domain", "brandnewco.onmicrosoft.com"}});
  BOOST_TEST(free.items.at(0).at("available").as_bool() == true);

  Events address = Ok("partnerCenter.addresses.validate", {{"address",
                                                            {{"addressLine1", "One Microsoft Way"},
                                                             {"city", "Redmond"},
                                                             {"state", "WA"},
                                                             {"postalCode", "98052"},
                                                             {"country", "US"}}}});
  BOOST_TEST(address.items.at(0).at("valid").as_bool() == true);

  Events offer = Ok("partnerCenter.catalog.azurePlan");
  BOOST_TEST(Str(offer.items.at(0).if_contains("catalogItemId")) ==
             "DZH318Z0BPS6:0001:DZH318Z0BML6");
  Events for_customer = Ok("partnerCenter.catalog.azurePlan", {{"customerId", kFabrikam}});
  BOOST_TEST(Str(for_customer.items.at(0).if_contains("productId")) == "DZH318Z0BPS6");
}

BOOST_AUTO_TEST_CASE(customer_list_pages_across_three_pages) {
  PartnerCenterFixture f(5);
  Events customers = f.Ok("partnerCenter.customers.list");
  BOOST_TEST(customers.items.size() == 12u);
  std::set<std::string> ids;
  for (const auto& c : customers.items) ids.insert(Str(c.if_contains("customerId")));
  BOOST_TEST(ids.size() == 12u);
  BOOST_TEST(f.emulator.CountRequests("GET", "/v1/customers") == 3);
  Events prefixed = f.Ok("partnerCenter.customers.list", {{"companyName", "wing"}});
  BOOST_TEST(prefixed.items.size() == 1u);
  Events paged = f.Ok("partnerCenter.customers.list", {{"pageSize", 4}});
  BOOST_TEST(paged.items.size() == 12u);
}

BOOST_FIXTURE_TEST_CASE(app_only_is_refused_on_agreements_before_sending, PartnerCenterFixture) {
  azscsp_client* app = Open(AppCredential());
  Events connected = Run(app, "partnerCenter.connect", {});
  BOOST_TEST_REQUIRE(connected.status == AZSCSP_DONE, json::serialize(connected.error));
  BOOST_TEST(connected.items.at(0).at("appOnly").as_bool() == true);
  // App-only works where the API allows it.
  BOOST_TEST(Run(app, "partnerCenter.customers.list", {}).items.size() == 12u);
  const int agreement_calls = emulator.CountRequests("GET", "agreements");
  Events refused = Run(app, "partnerCenter.agreements.list", {{"customerId", kAdatum}});
  BOOST_TEST(Code(refused) == "PartnerCenterAppUserRequired");
  BOOST_TEST(refused.status == AZSCSP_E_AUTHENTICATION);
  const std::string message = Str(refused.error.if_contains("message"));
  BOOST_TEST(message.find("app+user") != std::string::npos);
  BOOST_TEST(message.find("device code") != std::string::npos);
  Events ensure = Run(app, "partnerCenter.agreements.ensure",
                      {{"customerId", kFabrikam}, {"contact", Contact()}});
  BOOST_TEST(Code(ensure) == "PartnerCenterAppUserRequired");
  // Onboarding a customer that needs the agreement stops before writing anything.
  Events onboard = Run(app, "partnerCenter.onboardCustomer",
                       {{"customerId", kFabrikam}, {"contact", Contact()}});
  BOOST_TEST(Code(onboard) == "PartnerCenterAppUserRequired");
  BOOST_TEST(emulator.CountRequests("GET", "agreements") == agreement_calls);
  BOOST_TEST(emulator.CountRequests("POST", "agreements") == 0);
  BOOST_TEST(PartnerCenterWrites() == 0);
  // A new customer is not created when its agreement could not be confirmed afterwards.
  const json::object create{{"companyName", "Appless Co"},
                            {"email", "it@applessco.example"},
                            {"address",
                             {{"addressLine1", "One Microsoft Way"},
                              {"city", "Redmond"},
                              {"state", "WA"},
                              {"postalCode", "98052"},
                              {"country", "US"},
                              {"firstName", "Ada"},
                              {"lastName", "Lovelace"}}}};
  Events new_customer = Run(app, "partnerCenter.onboardCustomer",
                            {{"domain", "applessco"}, {"create", create}, {"contact", Contact()}});
  BOOST_TEST(Code(new_customer) == "PartnerCenterAppUserRequired");
  BOOST_TEST(new_customer.items.empty());
  BOOST_TEST(emulator.CountRequests("POST", "/v1/customers") == 0);
  Events absent = Op("partnerCenter.customers.get", {{"domain", "applessco.onmicrosoft.com"}});
  BOOST_TEST(Code(absent) == "CustomerNotFound");
}

BOOST_FIXTURE_TEST_CASE(a_custom_cloud_without_partner_center_url_is_refused,
                        PartnerCenterFixture) {
  json::object options{
      {"environment", {{"name", "Emulator"}, {"resourceManagerUrl", emulator.BaseUrl() + "/"}}},
      {"credential", UserCredential()},
      {"tls", {{"caBundlePath", emulator.CaPath()}}},
      {"proxy", {{"url", ""}}}};
  azscsp_client* bare = nullptr;
  BOOST_REQUIRE_EQUAL(azscsp_client_open(json::serialize(options).c_str(), &bare), AZSCSP_OK);
  clients.push_back(bare);
  Events refused = Run(bare, "partnerCenter.connect", {});
  BOOST_TEST(Code(refused) == "PartnerCenterUnknown");
  BOOST_TEST(refused.status == AZSCSP_E_INVALID_ARGUMENT);
  BOOST_TEST(Str(refused.error.if_contains("message")).find("partnerCenterUrl") !=
             std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(agreements_purchase_13605_and_subscriptions, PartnerCenterFixture) {
  Events adatum = Ok("partnerCenter.agreements.list", {{"customerId", kAdatum}});
  BOOST_TEST(adatum.items.size() == 1u);

  // No agreement: the service refuses the Azure plan with 13605.
  Events refused = Op("partnerCenter.azurePlan.purchase", {{"customerId", kFabrikam}});
  BOOST_TEST(Code(refused) == "13605");
  BOOST_TEST(refused.status == AZSCSP_E_PERMISSION_DENIED);
  BOOST_TEST(Str(refused.error.if_contains("message")).find("Microsoft Customer Agreement") !=
             std::string::npos);

  Events ensured =
      Ok("partnerCenter.agreements.ensure", {{"customerId", kFabrikam}, {"contact", Contact()}});
  BOOST_TEST(Str(ensured.items.at(0).if_contains("status")) == "Done");
  ensured =
      Ok("partnerCenter.agreements.ensure", {{"customerId", kFabrikam}, {"contact", Contact()}});
  BOOST_TEST(Str(ensured.items.at(0).if_contains("status")) == "AlreadyDone");

  Events bought = Ok("partnerCenter.azurePlan.purchase",
                     {{"customerId", kFabrikam}, {"friendlyName", "Fabrikam Azure plan"}});
  const json::object& purchase = bought.items.at(0);
  BOOST_TEST(Str(purchase.if_contains("status")) == "Done");
  BOOST_REQUIRE(purchase.at("azureSubscriptionIds").as_array().size() == 1u);
  const std::string azure_sub = Str(purchase.at("azureSubscriptionIds").at(0));
  const std::string plan = Str(purchase.at("subscription").at("id"));
  BOOST_TEST(!bought.logs.empty());
  Events again = Ok("partnerCenter.azurePlan.purchase", {{"customerId", kFabrikam}});
  BOOST_TEST(Str(again.items.at(0).if_contains("status")) == "AlreadyDone");
  BOOST_TEST(Str(again.items.at(0).at("azureSubscriptionIds").at(0)) == azure_sub);

  Events subs = Ok("partnerCenter.subscriptions.list", {{"customerId", kFabrikam}});
  BOOST_TEST(subs.items.size() == 1u);
  BOOST_TEST(Str(subs.items[0].if_contains("status")) == "active");
  Events one =
      Ok("partnerCenter.subscriptions.get", {{"customerId", kFabrikam}, {"subscriptionId", plan}});
  BOOST_TEST(Str(one.items.at(0).if_contains("billingCycle")) == "one_time");
  Events entitlements = Ok("partnerCenter.azureEntitlements.list",
                           {{"customerId", kFabrikam}, {"subscriptionId", plan}});
  BOOST_TEST(Str(entitlements.items.at(0).if_contains("azureSubscriptionId")) == azure_sub);

  // The bought Azure subscription maps onto the registration (same partner, customer tenant).
  Events mapped =
      Ok("customerSubscriptions.put", {{"subscriptionId", Fixtures::kRegistrationSubscription},
                                       {"resourceGroupName", "azurestack"},
                                       {"registrationName", "myreg"},
                                       {"customerSubscriptionId", azure_sub},
                                       {"tenantId", kFabrikam}});
  BOOST_TEST(mapped.items.size() == 1u);

  // 900115: the plan cannot be suspended while its Azure subscription is active.
  Events blocked =
      Op("partnerCenter.subscriptions.setStatus",
         {{"customerId", kFabrikam}, {"subscriptionId", plan}, {"status", "Suspended"}});
  BOOST_TEST(Code(blocked) == "900115");
  Events cancelled =
      Ok("partnerCenter.azureEntitlements.cancel", {{"customerId", kFabrikam},
                                                    {"subscriptionId", plan},
                                                    {"entitlementId", azure_sub},
                                                    {"cancellationReason", "compromise"}});
  BOOST_TEST(Str(cancelled.items.at(0).if_contains("status")) == "cancelled");
  Events suspended =
      Ok("partnerCenter.subscriptions.setStatus",
         {{"customerId", kFabrikam}, {"subscriptionId", plan}, {"status", "SUSPENDED"}});
  BOOST_TEST(Str(suspended.items.at(0).if_contains("status")) == "suspended");
  BOOST_TEST(Str(suspended.items.at(0).if_contains("previousStatus")) == "active");
  BOOST_TEST(suspended.items.at(0).at("changed").as_bool() == true);
  Events unchanged =
      Ok("partnerCenter.subscriptions.setStatus",
         {{"customerId", kFabrikam}, {"subscriptionId", plan}, {"status", "suspended"}});
  BOOST_TEST(unchanged.items.at(0).at("changed").as_bool() == false);
  Events resumed = Ok("partnerCenter.subscriptions.setStatus",
                      {{"customerId", kFabrikam}, {"subscriptionId", plan}, {"status", "active"}});
  BOOST_TEST(Str(resumed.items.at(0).if_contains("status")) == "active");
}

BOOST_FIXTURE_TEST_CASE(status_rules_900115_900117_and_the_cancellation_window,
                        PartnerCenterFixture) {
  Events blocked =
      Op("partnerCenter.subscriptions.setStatus",
         {{"customerId", kNorthwind}, {"subscriptionId", kNorthwindPlan}, {"status", "suspended"}});
  BOOST_TEST(Code(blocked) == "900115");
  BOOST_TEST(blocked.status == AZSCSP_E_PERMISSION_DENIED);
  Events late =
      Op("partnerCenter.subscriptions.setStatus", {{"customerId", kNorthwind},
                                                   {"subscriptionId", kNorthwindOldLicense},
                                                   {"status", "deleted"}});
  BOOST_TEST(Code(late) == "900117");
  BOOST_TEST(Str(late.error.if_contains("message")).find("cancellation window") !=
             std::string::npos);
  // Inside the 7-day window the new-commerce license is cancelled.
  Events cancelled =
      Ok("partnerCenter.subscriptions.setStatus",
         {{"customerId", kAdatum}, {"subscriptionId", kAdatumLicense}, {"status", "Deleted"}});
  BOOST_TEST(Str(cancelled.items.at(0).if_contains("status")) == "deleted");
  Events bad =
      Op("partnerCenter.subscriptions.setStatus",
         {{"customerId", kAdatum}, {"subscriptionId", kAdatumLicense}, {"status", "paused"}});
  BOOST_TEST(bad.status == AZSCSP_E_INVALID_ARGUMENT);

  // The customers' Azure subscriptions: Northwind's plan entitlement, Adatum's legacy one.
  Events northwind = Ok("partnerCenter.azureSubscriptions.list", {{"customerId", kNorthwind}});
  BOOST_REQUIRE(northwind.items.size() == 1u);
  BOOST_TEST(Str(northwind.items[0].if_contains("azureSubscriptionId")) == kNorthwindAzureSub);
  BOOST_TEST(Str(northwind.items[0].if_contains("source")) == "AzurePlan");
  Events adatum = Ok("partnerCenter.azureSubscriptions.list", {{"customerId", kAdatum}});
  BOOST_REQUIRE(adatum.items.size() == 1u);
  BOOST_TEST(Str(adatum.items[0].if_contains("azureSubscriptionId")) == kAdatumLegacyLower);
  BOOST_TEST(Str(adatum.items[0].if_contains("source")) == "Legacy");

  // A legacy customer onboards without agreement or plan.
  Events legacy = Ok("partnerCenter.onboardCustomer", {{"customerId", kAdatum}});
  const json::array& steps = legacy.items.at(0).at("steps").as_array();
  BOOST_TEST(Str(steps.at(1).at("status")) == "Skipped");
  BOOST_TEST(Str(steps.at(2).at("status")) == "Skipped");
  BOOST_TEST(Str(legacy.items.at(0).if_contains("azureSubscriptionId")) == kAdatumLegacyLower);
}

BOOST_FIXTURE_TEST_CASE(onboarding_fabrikam_then_a_rerun_that_writes_nothing,
                        PartnerCenterFixture) {
  const json::object arguments{{"domain", "fabrikam.onmicrosoft.com"}, {"contact", Contact()}};
  // whatIf reads only.
  json::object what_if = arguments;
  what_if["whatIf"] = true;
  Events plan = Ok("partnerCenter.onboardCustomer", what_if);
  BOOST_TEST(PartnerCenterWrites() == 0);
  const json::array& planned = plan.items.at(0).at("steps").as_array();
  BOOST_TEST(Str(planned.at(0).at("status")) == "Found");
  BOOST_TEST(Str(planned.at(1).at("status")) == "WouldRun");
  BOOST_TEST(Str(planned.at(2).at("status")) == "WouldRun");
  BOOST_TEST(Str(planned.at(3).at("status")) == "WouldRun");

  Events missing_contact = Op("partnerCenter.onboardCustomer", {{"domain", "fabrikam"}});
  BOOST_TEST(Code(missing_contact) == "AgreementContactRequired");
  BOOST_TEST(PartnerCenterWrites() == 0);
  // A requested Azure subscription the customer does not have is refused before the plan is
  // bought (or the agreement confirmed).
  json::object unknown = arguments;
  unknown["azureSubscriptionId"] = kNorthwindAzureSub;
  Events not_yet = Op("partnerCenter.onboardCustomer", unknown);
  BOOST_TEST(Code(not_yet) == "AzureSubscriptionNotFound");
  BOOST_TEST(Str(not_yet.error.if_contains("message")).find(kNorthwindAzureSub) !=
             std::string::npos);
  BOOST_TEST(PartnerCenterWrites() == 0);

  Events done = Ok("partnerCenter.onboardCustomer", arguments);
  const json::object& item = done.items.at(0);
  const json::array& steps = item.at("steps").as_array();
  BOOST_TEST(Str(steps.at(0).at("name")) == "Customer");
  BOOST_TEST(Str(steps.at(1).at("status")) == "Done");
  BOOST_TEST(Str(steps.at(2).at("status")) == "Done");
  BOOST_TEST(Str(steps.at(3).at("status")) == "AlreadyDone");
  const std::string azure_sub = Str(item.if_contains("azureSubscriptionId"));
  BOOST_TEST(azure_sub.size() == 36u);
  BOOST_TEST(Str(item.if_contains("source")) == "AzurePlan");
  BOOST_TEST(Str(item.if_contains("tenantId")) == kFabrikam);
  BOOST_TEST(!item.contains("userCredentials"));
  int step_logs = 0;
  for (const auto& log : done.logs)
    step_logs += Str(log.if_contains("message")).rfind("Step: ", 0) == 0;
  BOOST_TEST(step_logs == 4);

  const int writes = PartnerCenterWrites();
  Events rerun = Ok("partnerCenter.onboardCustomer", arguments);
  BOOST_TEST(PartnerCenterWrites() == writes);
  const json::array& again = rerun.items.at(0).at("steps").as_array();
  BOOST_TEST(Str(again.at(0).at("status")) == "Found");
  for (size_t i = 1; i < again.size(); ++i)
    BOOST_TEST(Str(again.at(i).at("status")) == "AlreadyDone");
  BOOST_TEST(Str(rerun.items.at(0).if_contains("azureSubscriptionId")) == azure_sub);

  // Picking: an id that is not the customer's is refused, naming the customer's ones.
  json::object wrong = arguments;
  wrong["azureSubscriptionId"] = kNorthwindAzureSub;
  Events refused = Op("partnerCenter.onboardCustomer", wrong);
  BOOST_TEST(Code(refused) == "AzureSubscriptionNotFound");
  BOOST_TEST(Str(refused.error.if_contains("message")).find(azure_sub) != std::string::npos);

  // A suspended plan is refused before anything is written, saying how to resume it.
  std::string plan_id;
  for (const auto& sub : Ok("partnerCenter.subscriptions.list", {{"customerId", kFabrikam}}).items)
    if (Str(sub.if_contains("offerId")).rfind("DZH318Z0BPS6", 0) == 0)
      plan_id = Str(sub.if_contains("id"));
  BOOST_REQUIRE(!plan_id.empty());
  Ok("partnerCenter.azureEntitlements.cancel",
     {{"customerId", kFabrikam}, {"subscriptionId", plan_id}, {"entitlementId", azure_sub}});
  Ok("partnerCenter.subscriptions.setStatus",
     {{"customerId", kFabrikam}, {"subscriptionId", plan_id}, {"status", "suspended"}});
  const int before_suspended = PartnerCenterWrites();
  for (const bool preview : {true, false}) {
    json::object suspended_arguments = arguments;
    suspended_arguments["billingAccountName"] = "contoso-ba";
    suspended_arguments["whatIf"] = preview;
    Events suspended = Op("partnerCenter.onboardCustomer", suspended_arguments);
    BOOST_TEST(Code(suspended) == "AzurePlanSuspended");
    BOOST_TEST(suspended.status == AZSCSP_E_CONFLICT);
    BOOST_TEST(Str(suspended.error.if_contains("message"))
                   .find("Resume-AzsCspPartnerCustomerSubscription -CustomerId " +
                         std::string(kFabrikam) + " -SubscriptionId " + plan_id) !=
               std::string::npos);
  }
  BOOST_TEST(PartnerCenterWrites() == before_suspended);
  BOOST_TEST(emulator.CountRequests("PUT", "Microsoft.Subscription/aliases") == 0);
}

BOOST_FIXTURE_TEST_CASE(onboarding_a_new_customer_creates_it, PartnerCenterFixture) {
  json::object create{{"companyName", "Contoso Retail"},
                      {"email", "it@contosoretail.example"},
                      {"address",
                       {{"addressLine1", "One Microsoft Way"},
                        {"city", "Redmond"},
                        {"state", "WA"},
                        {"postalCode", "98052"},
                        {"country", "US"},
                        {"firstName", "Ada"},
                        {"lastName", "Lovelace"}}}};
  Events not_found =
      Op("partnerCenter.onboardCustomer", {{"domain", "contosoretail"}, {"contact", Contact()}});
  BOOST_TEST(Code(not_found) == "CustomerNotFound");
  BOOST_TEST(Str(not_found.error.if_contains("message")).find("create") != std::string::npos);

  // A taken domain (Woodgrove's tenant, not a customer of this partner) fails before any write,
  // under whatIf too; an address Partner Center does not verify likewise.
  for (const bool preview : {true, false}) {
    Events taken = Op(
        "partnerCenter.onboardCustomer",
        {{"domain", "woodgrove"}, {"create", create}, {"contact", Contact()}, {"whatIf", preview}});
    BOOST_TEST(Code(taken) == "DomainNotAvailable");
    json::object wrong_address = create;
    wrong_address["address"].as_object()["postalCode"] = "98000";
    Events unverified = Op("partnerCenter.onboardCustomer", {{"domain", "contosoretail"},
                                                             {"create", wrong_address},
                                                             {"contact", Contact()},
                                                             {"whatIf", preview}});
    BOOST_TEST(Code(unverified) == "AddressNotValid");
  }
  BOOST_TEST(emulator.CountRequests("POST", "/v1/customers") == 0);
  BOOST_TEST(emulator.CountRequests("POST", "/agreements") == 0);
  json::object preview{
      {"domain", "contosoretail"}, {"create", create}, {"contact", Contact()}, {"whatIf", true}};
  BOOST_TEST(Str(Ok("partnerCenter.onboardCustomer", preview)
                     .items.at(0)
                     .at("steps")
                     .at(0)
                     .at("status")) == "WouldCreate");

  Events done = Ok("partnerCenter.onboardCustomer",
                   {{"domain", "contosoretail"}, {"create", create}, {"contact", Contact()}});
  // First the new customer's credentials (emitted right after the creation), then the result.
  BOOST_REQUIRE(done.items.size() == 2u);
  const json::object& credentials = done.items.at(0);
  BOOST_TEST(Str(credentials.if_contains("type")) == "customerCredentials");
  const json::object& item = done.items.at(1);
  BOOST_TEST(Str(item.if_contains("type")) == "onboarding");
  BOOST_TEST(Str(credentials.if_contains("customerId")) == Str(item.if_contains("customerId")));
  const json::array& steps = item.at("steps").as_array();
  BOOST_TEST(Str(steps.at(0).at("status")) == "Created");
  BOOST_TEST(Str(steps.at(1).at("status")) == "Done");
  BOOST_TEST(Str(steps.at(2).at("status")) == "Done");
  BOOST_TEST(Str(steps.at(3).at("status")) == "AlreadyDone");
  BOOST_TEST(Str(item.if_contains("domain")) == "contosoretail.onmicrosoft.com");
  BOOST_TEST(!item.contains("userCredentials"));
  const json::object& user = credentials.at("userCredentials").as_object();
  BOOST_TEST(Str(user.if_contains("userName")) == "admin@contosoretail.onmicrosoft.com");
  const std::string password = Str(user.if_contains("password"));
  BOOST_TEST(!password.empty());
  for (const auto& log : done.logs)
    BOOST_TEST(json::serialize(log).find(password) == std::string::npos);

  Events rerun = Ok("partnerCenter.onboardCustomer",
                    {{"domain", "contosoretail"}, {"create", create}, {"contact", Contact()}});
  BOOST_REQUIRE(rerun.items.size() == 1u);  // found: no credentials item
  BOOST_TEST(Str(rerun.items.at(0).at("steps").at(0).at("status")) == "Found");
  BOOST_TEST(!rerun.items.at(0).contains("userCredentials"));
  BOOST_TEST(Str(rerun.items.at(0).if_contains("azureSubscriptionId")) ==
             Str(item.if_contains("azureSubscriptionId")));

  // customers.create checks the domain first.
  Events taken =
      Op("partnerCenter.customers.create", json::object{{"companyName", "Again"},
                                                        {"domain", "contosoretail"},
                                                        {"email", "x@example.com"},
                                                        {"address", create.at("address")}});
  BOOST_TEST(Code(taken) == "DomainNotAvailable");
}

BOOST_AUTO_TEST_CASE(a_run_cut_after_each_step_resumes_to_the_same_final_state) {
  // The request that starts each step after Customer: the agreement POST, the cart POST, the
  // checkout POST, and the entitlement read that picks the Azure subscription.
  struct Cut {
    const char* method;
    const char* path;
  };
  const Cut cuts[] = {{"POST", "/agreements"},
                      {"POST", "/carts"},
                      {"POST", "/checkout"},
                      {"GET", "/azureEntitlements"}};
  for (const Cut& cut : cuts) {
    BOOST_TEST_CONTEXT("cut at " << cut.method << " " << cut.path) {
      PartnerCenterFixture f;
      const json::object arguments{{"domain", "fabrikam"}, {"contact", Contact()}};
      f.Fault({{"method", cut.method}, {"pathContains", cut.path}, {"status", 409}, {"count", 1}});
      Events cut_run = f.Op("partnerCenter.onboardCustomer", arguments);
      // The injected fault itself (PartnerFD body, code = the status), not some other failure.
      BOOST_TEST(cut_run.status == AZSCSP_E_CONFLICT);
      BOOST_TEST(Code(cut_run) == "409");
      Events resumed = f.Ok("partnerCenter.onboardCustomer", arguments);
      const json::array& steps = resumed.items.at(0).at("steps").as_array();
      BOOST_TEST(steps.size() == 4u);
      const auto [plans, active] = AzureState(f, kFabrikam);
      BOOST_TEST(plans == 1);
      BOOST_TEST(active.size() == 1u);
      BOOST_TEST(active.count(Str(resumed.items.at(0).if_contains("azureSubscriptionId"))) == 1u);
      BOOST_TEST(f.Ok("partnerCenter.agreements.list", {{"customerId", kFabrikam}}).items.size() ==
                 1u);
      // A third run changes nothing.
      const int writes = f.PartnerCenterWrites();
      Events third = f.Ok("partnerCenter.onboardCustomer", arguments);
      BOOST_TEST(f.PartnerCenterWrites() == writes);
    }
  }
}

BOOST_FIXTURE_TEST_CASE(an_azure_subscription_is_created_with_an_arm_alias_when_none_is_active,
                        PartnerCenterFixture) {
  Ok("partnerCenter.azureEntitlements.cancel", {{"customerId", kNorthwind},
                                                {"subscriptionId", kNorthwindPlan},
                                                {"entitlementId", kNorthwindAzureSub}});
  Events none = Op("partnerCenter.onboardCustomer", {{"customerId", kNorthwind}});
  BOOST_TEST(Code(none) == "AzureSubscriptionNotFound");
  BOOST_TEST(Str(none.error.if_contains("message")).find("billingAccountName") !=
             std::string::npos);
  BOOST_TEST(emulator.CountRequests("PUT", "Microsoft.Subscription/aliases") == 0);

  const json::object arguments{{"customerId", kNorthwind}, {"billingAccountName", "contoso-ba"}};
  json::object what_if = arguments;
  what_if["whatIf"] = true;
  Events plan = Ok("partnerCenter.onboardCustomer", what_if);
  BOOST_TEST(Str(plan.items.at(0).at("steps").at(3).at("status")) == "WouldRun");
  BOOST_TEST(emulator.CountRequests("PUT", "Microsoft.Subscription/aliases") == 0);

  Events created = Ok("partnerCenter.onboardCustomer", arguments);
  const json::object& item = created.items.at(0);
  BOOST_TEST(Str(item.at("steps").at(3).at("status")) == "Done");
  const std::string azure_sub = Str(item.if_contains("azureSubscriptionId"));
  BOOST_TEST(azure_sub.size() == 36u);
  BOOST_TEST(azure_sub != kNorthwindAzureSub);
  BOOST_TEST(emulator.CountRequests("PUT", "/providers/Microsoft.Subscription/aliases/azscsp-" +
                                               std::string(kNorthwind)) == 1);
  // The new subscription is an active entitlement of the plan and maps onto the registration.
  const auto [plans, active] = AzureState(*this, kNorthwind);
  BOOST_TEST(active.count(azure_sub) == 1u);
  Ok("customerSubscriptions.put", {{"subscriptionId", Fixtures::kRegistrationSubscription},
                                   {"resourceGroupName", "azurestack"},
                                   {"registrationName", "myreg"},
                                   {"customerSubscriptionId", azure_sub},
                                   {"tenantId", kNorthwind}});
  Events rerun = Ok("partnerCenter.onboardCustomer", arguments);
  BOOST_TEST(Str(rerun.items.at(0).at("steps").at(3).at("status")) == "AlreadyDone");
  BOOST_TEST(Str(rerun.items.at(0).if_contains("azureSubscriptionId")) == azure_sub);
  BOOST_TEST(emulator.CountRequests("PUT", "Microsoft.Subscription/aliases") == 1);

  // That subscription cancelled too: the first alias still names it, so the next alias name
  // creates a new, active one.
  Ok("partnerCenter.azureEntitlements.cancel", {{"customerId", kNorthwind},
                                                {"subscriptionId", kNorthwindPlan},
                                                {"entitlementId", azure_sub}});
  Events second = Ok("partnerCenter.onboardCustomer", arguments);
  const json::object& second_item = second.items.at(0);
  BOOST_TEST(Str(second_item.at("steps").at(3).at("status")) == "Done");
  const std::string second_sub = Str(second_item.if_contains("azureSubscriptionId"));
  BOOST_TEST(second_sub.size() == 36u);
  BOOST_TEST(second_sub != azure_sub);
  BOOST_TEST(Str(second_item.at("steps").at(3).at("detail"))
                 .find("azscsp-" + std::string(kNorthwind) + "-2") != std::string::npos);
  BOOST_TEST(emulator.CountRequests("PUT", "/providers/Microsoft.Subscription/aliases/azscsp-" +
                                               std::string(kNorthwind) + "-2") == 1);
  const auto [plans_after, active_after] = AzureState(*this, kNorthwind);
  BOOST_TEST(plans_after == 1);
  BOOST_TEST(active_after.size() == 1u);
  BOOST_TEST(active_after.count(second_sub) == 1u);
  Events third = Ok("partnerCenter.onboardCustomer", arguments);
  BOOST_TEST(Str(third.items.at(0).at("steps").at(3).at("status")) == "AlreadyDone");
  BOOST_TEST(Str(third.items.at(0).if_contains("azureSubscriptionId")) == second_sub);
}

BOOST_AUTO_TEST_CASE(throttling_is_retried_after_retry_after_and_reported_when_it_persists) {
  PartnerCenterFixture f(40, [](azscsp::emulator::EmulatorOptions& options) {
    options.partner_center_rate_limit = {3, 1};
  });
  for (int i = 0; i < 6; ++i) f.Ok("partnerCenter.customers.get", {{"customerId", kAdatum}});
  BOOST_TEST(f.Answered(429) >= 1);

  json::object options{{"environment",
                        {{"name", "Emulator"},
                         {"resourceManagerUrl", f.emulator.BaseUrl() + "/"},
                         {"partnerCenterUrl", f.emulator.PartnerCenterUrl()}}},
                       {"credential", PartnerCenterFixture::UserCredential()},
                       {"tls", {{"caBundlePath", f.emulator.CaPath()}}},
                       {"proxy", {{"url", ""}}},
                       {"retry", {{"maxRetries", 0}}}};
  azscsp_client* impatient = nullptr;
  BOOST_REQUIRE_EQUAL(azscsp_client_open(json::serialize(options).c_str(), &impatient), AZSCSP_OK);
  f.clients.push_back(impatient);
  Events throttled;
  for (int i = 0; i < 10 && throttled.status != AZSCSP_E_THROTTLED; ++i)
    throttled = Run(impatient, "partnerCenter.customers.get", {{"customerId", kAdatum}});
  BOOST_TEST(throttled.status == AZSCSP_E_THROTTLED);
  BOOST_TEST(Code(throttled) == "429");
  BOOST_TEST(Str(throttled.error.if_contains("message")).find("Rate limit is exceeded") !=
             std::string::npos);
  BOOST_TEST(!Str(throttled.error.if_contains("retryAfter")).empty());
}

BOOST_AUTO_TEST_CASE(a_pending_order_is_waited_for) {
  PartnerCenterFixture f(40, [](azscsp::emulator::EmulatorOptions& options) {
    options.partner_center_order_delay_ms = 2500;
  });
  f.Ok("partnerCenter.agreements.ensure", {{"customerId", kFabrikam}, {"contact", Contact()}});
  Events bought = f.Ok("partnerCenter.azurePlan.purchase", {{"customerId", kFabrikam}});
  BOOST_TEST(Str(bought.items.at(0).if_contains("status")) == "Done");
  BOOST_TEST(bought.items.at(0).at("azureSubscriptionIds").as_array().size() == 1u);
  bool waited = false;
  for (const auto& log : bought.logs)
    waited |= Str(log.if_contains("message")).find("waiting") != std::string::npos;
  BOOST_TEST(waited);
  BOOST_TEST(f.emulator.CountRequests("GET", "/orders/") >= 2);
  // A short timeout names the order.
  PartnerCenterFixture g(40, [](azscsp::emulator::EmulatorOptions& options) {
    options.partner_center_order_delay_ms = 60000;
  });
  g.Ok("partnerCenter.agreements.ensure", {{"customerId", kFabrikam}, {"contact", Contact()}});
  Events late =
      g.Op("partnerCenter.azurePlan.purchase", {{"customerId", kFabrikam}, {"timeoutSeconds", 3}});
  BOOST_TEST(Code(late) == "OrderNotCompleted");
  BOOST_TEST(late.status == AZSCSP_E_TIMEOUT);
  // Running it again picks the pending plan up: no second cart.
  Events again =
      g.Op("partnerCenter.azurePlan.purchase", {{"customerId", kFabrikam}, {"timeoutSeconds", 3}});
  BOOST_TEST(Code(again) == "OrderNotCompleted");
  BOOST_TEST(g.emulator.CountRequests("POST", "/carts") == 2);  // one cart + one checkout
}

BOOST_AUTO_TEST_CASE(a_new_customer_run_cut_after_creation_is_found_on_resume) {
  PartnerCenterFixture f;
  const json::object arguments{{"domain", "litwarenew"},
                               {"contact", Contact()},
                               {"create",
                                {{"companyName", "Litware New"},
                                 {"email", "it@litwarenew.example"},
                                 {"address",
                                  {{"addressLine1", "One Microsoft Way"},
                                   {"city", "Redmond"},
                                   {"state", "WA"},
                                   {"postalCode", "98052"},
                                   {"country", "US"},
                                   {"firstName", "Ada"},
                                   {"lastName", "Lovelace"}}}}}};
  f.Fault({{"method", "POST"}, {"pathContains", "/agreements"}, {"status", 409}, {"count", 1}});
  Events cut = f.Op("partnerCenter.onboardCustomer", arguments);
  BOOST_TEST(cut.status == AZSCSP_E_CONFLICT);
  BOOST_TEST(Code(cut) == "409");
  // The failed run still handed over the new administrator's credentials, and only once.
  BOOST_REQUIRE(cut.items.size() == 1u);
  BOOST_TEST(Str(cut.items[0].if_contains("type")) == "customerCredentials");
  const json::object& user = cut.items[0].at("userCredentials").as_object();
  BOOST_TEST(Str(user.if_contains("userName")) == "admin@litwarenew.onmicrosoft.com");
  const std::string password = Str(user.if_contains("password"));
  BOOST_TEST(!password.empty());
  BOOST_TEST(json::serialize(cut.error).find(password) == std::string::npos);
  for (const auto& log : cut.logs)
    BOOST_TEST(json::serialize(log).find(password) == std::string::npos);
  Events resumed = f.Ok("partnerCenter.onboardCustomer", arguments);
  const json::array& steps = resumed.items.at(0).at("steps").as_array();
  BOOST_TEST(Str(steps.at(0).at("status")) == "Found");
  BOOST_TEST(Str(steps.at(1).at("status")) == "Done");
  BOOST_TEST(Str(steps.at(2).at("status")) == "Done");
  BOOST_TEST(f.Ok("partnerCenter.customers.list").items.size() == 13u);
  BOOST_TEST(f.emulator.CountRequests("POST", "/v1/customers") -
                 f.emulator.CountRequests("POST", "/v1/customers/") ==
             1);
}

BOOST_FIXTURE_TEST_CASE(create_validate_and_delete_a_customer, PartnerCenterFixture) {
  json::object address{{"addressLine1", "One Microsoft Way"},
                       {"city", "Redmond"},
                       {"state", "WA"},
                       {"postalCode", "98000"},
                       {"country", "US"},
                       {"firstName", "Ada"},
                       {"lastName", "Lovelace"}};
  json::object arguments{{"companyName", "Proseware Two"},
                         {"domain", "prosewaretwo"},
                         {"email", "it@prosewaretwo.example"},
                         {"address", address}};
  Events suggested = Op("partnerCenter.customers.create", arguments);
  BOOST_TEST(Code(suggested) == "AddressNotValid");
  BOOST_TEST(Str(suggested.error.if_contains("message")).find("98052-6399") != std::string::npos);
  BOOST_TEST(PartnerCenterWrites() == 1);  // the address validation POST only

  json::object missing = arguments;
  missing["email"] = "";
  Events refused = Op("partnerCenter.customers.create", missing);
  BOOST_TEST(refused.status == AZSCSP_E_INVALID_ARGUMENT);
  BOOST_TEST(Str(refused.error.if_contains("message")).find("email") != std::string::npos);

  address["postalCode"] = "98052";
  arguments["address"] = address;
  Events created = Ok("partnerCenter.customers.create", arguments);
  const json::object& customer = created.items.at(0);
  const std::string id = Str(customer.if_contains("customerId"));
  BOOST_TEST(id.size() == 36u);
  BOOST_TEST(Str(customer.if_contains("domain")) == "prosewaretwo.onmicrosoft.com");
  BOOST_TEST(Str(customer.at("userCredentials").as_object().if_contains("userName")) ==
             "admin@prosewaretwo.onmicrosoft.com");
  BOOST_TEST(Ok("partnerCenter.domains.check", {{"domain", "prosewaretwo"}})
                 .items.at(0)
                 .at("available")
                 .as_bool() == false);
  Ok("partnerCenter.customers.get", {{"customerId", id}});

  Events deleted = Ok("partnerCenter.customers.delete", {{"customerId", id}});
  BOOST_TEST(deleted.items.at(0).at("deleted").as_bool() == true);
  Events gone = Op("partnerCenter.customers.get", {{"customerId", id}});
  BOOST_TEST(Code(gone) == "60003");
  BOOST_TEST(gone.status == AZSCSP_E_NOT_FOUND);
}

BOOST_AUTO_TEST_SUITE_END()
