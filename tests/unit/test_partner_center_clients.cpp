// Partner Center area clients (issue 7): customers (filters, find by domain, create with domain and
// address checks), agreements (ensure: existing, new, 600061), Azure plan purchase (existing plan,
// cart -> checkout -> order polled -> entitlement), subscription status changes with the etag, the
// customer's Azure subscriptions (plan entitlements and legacy, ordered).
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "azscsp/partnercenter/agreements_client.hpp"
#include "azscsp/partnercenter/azure_plan_purchase.hpp"
#include "azscsp/partnercenter/azure_subscriptions.hpp"
#include "azscsp/partnercenter/customer_creation.hpp"
#include "azscsp/partnercenter/customers_client.hpp"
#include "azscsp/partnercenter/subscriptions_client.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/url_encode.hpp"
#include "fake_partner_center.hpp"

using namespace azscsp;
using namespace azscsp::testing;
namespace pc = azscsp::partnercenter;
namespace json = boost::json;

namespace {

const std::string kCustomer = "e40189a3-e640-46a3-b8ff-16b642010b0d";
const std::string kCustomerPath = "/v1/customers/" + kCustomer;

std::string CodeOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const ServiceError& error) {
    return error.Details().code;
  } catch (const Error& error) {
    return std::string("kind:") + ErrorKindName(error.Kind());
  }
  return "";
}

pc::NewCustomer SampleCustomer() {
  pc::NewCustomer c;
  c.company_name = "Contoso Retail";
  c.domain = "contosoretail";
  c.email = "it@contosoretail.example";
  c.address = {{"addressLine1", "One Microsoft Way"},
               {"city", "Redmond"},
               {"state", "WA"},
               {"postalCode", "98052"},
               {"country", "US"},
               {"firstName", "Tania"},
               {"lastName", "Carr"}};
  return c;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(partner_center_clients)

BOOST_AUTO_TEST_CASE(customer_list_sends_one_filter_and_applies_the_other_locally) {
  PartnerCenterFake pc;
  std::string query;
  pc.routes["GET /v1/customers"] = [&](const http::Request& request) {
    query = util::PercentDecode(request.url.target.substr(request.url.target.find('?') + 1));
    return MakeResponse(200, R"({"items":[
      {"id":"1","companyProfile":{"domain":"fabrikam.onmicrosoft.com","companyName":"Fabrikam"}},
      {"id":"2","companyProfile":{"domain":"fabrikamretail.onmicrosoft.com","companyName":"Other"}}]})");
  };
  pc::CustomerListOptions options;
  options.domain_prefix = "FABRIKAM";
  options.company_name_prefix = "fab";
  options.page_size = 5;
  std::vector<std::string> ids;
  pc::CustomersClient(pc.client).List(options,
                                      [&](const pc::Customer& c) {
                                        ids.push_back(c.id);
                                        return true;
                                      },
                                      {});
  BOOST_TEST(ids == std::vector<std::string>{"1"}, boost::test_tools::per_element());
  BOOST_TEST(query.find("size=5") != std::string::npos);
  BOOST_TEST(query.find("filter=") != std::string::npos);
  BOOST_TEST(query.find(R"("Field":"Domain")") != std::string::npos);
  BOOST_TEST(query.find(R"("Operator":"starts_with")") != std::string::npos);

  const auto found = pc::CustomersClient(pc.client).FindByDomain("FABRIKAM", {});
  BOOST_REQUIRE(found.has_value());
  BOOST_TEST(found->id == "1");
  BOOST_TEST(!pc::CustomersClient(pc.client).FindByDomain("fabrikam.net", {}).has_value());
}

BOOST_AUTO_TEST_CASE(create_customer_checks_domain_and_address_first) {
  PartnerCenterFake pc;
  pc.Route("HEAD /v1/domains/contosoretail.onmicrosoft.com", 200);
  BOOST_TEST(CodeOf([&] { pc::CreateCustomer(SampleCustomer(), pc.client, {}); }) ==
             "DomainNotAvailable");
  BOOST_TEST(pc.Writes() == 0);

  pc.Route("HEAD /v1/domains/contosoretail.onmicrosoft.com", 404);
  pc.Route(
      "POST /v1/validations/address", 200,
      R"({"status":"InteractionRequired","suggestedAddresses":[{"postalCode":"98052-6399"}]})");
  BOOST_TEST(CodeOf([&] { pc::CreateCustomer(SampleCustomer(), pc.client, {}); }) ==
             "AddressNotValid");
  BOOST_TEST(pc.Count("POST /v1/customers") == 0);

  pc.Route("POST /v1/validations/address", 200, R"({"status":"VerifiedShippable"})");
  json::value sent;
  pc.routes["POST /v1/customers"] = [&](const http::Request& request) {
    sent = json::parse(request.body);
    return MakeResponse(201, R"({"id":"c-new","companyProfile":{"tenantId":"c-new","domain":
        "contosoretail.onmicrosoft.com"},"userCredentials":{"userName":"admin","password":"p@ss"}})");
  };
  const pc::Customer created = pc::CreateCustomer(SampleCustomer(), pc.client, {});
  BOOST_TEST(created.id == "c-new");
  BOOST_TEST(created.raw.contains("userCredentials"));
  BOOST_TEST(util::GetString(sent.at("companyProfile"), "domain") ==
             "contosoretail.onmicrosoft.com");
  BOOST_TEST(util::GetString(sent.at("billingProfile"), "culture") == "en-US");
  BOOST_TEST(util::GetString(sent.at("billingProfile").at("defaultAddress"), "firstName") ==
             "Tania");

  pc::NewCustomer missing = SampleCustomer();
  missing.address.erase("city");
  BOOST_CHECK_THROW(missing.Validate("create."), InvalidArgumentError);
}

BOOST_AUTO_TEST_CASE(agreement_ensure_keeps_an_existing_one_creates_or_takes_600061_as_done) {
  PartnerCenterFake pc;
  const pc::AgreementContact contact{"Tania", "Carr", "tania@example.com", ""};
  pc.Route(
      "GET " + kCustomerPath + "/agreements", 200,
      R"({"items":[{"templateId":"117a77b0-9360-443b-8795-c6dedc750cf9","type":"MicrosoftCustomerAgreement"}]})");
  auto ensured =
      pc::EnsureCustomerAgreement(pc::AgreementsClient(pc.client), kCustomer, contact, "", "", {});
  BOOST_TEST(ensured.already_done);
  BOOST_TEST(pc.Writes() == 0);

  pc.Route("GET " + kCustomerPath + "/agreements", 200, R"({"items":[]})");
  pc.Route("GET /v1/agreements", 200, R"({"items":[{"templateId":"tpl-1"}]})");
  json::value sent;
  pc.routes["POST " + kCustomerPath + "/agreements"] = [&](const http::Request& request) {
    sent = json::parse(request.body);
    return MakeResponse(201, request.body);
  };
  ensured = pc::EnsureCustomerAgreement(pc::AgreementsClient(pc.client), kCustomer, contact, "",
                                        "2024-01-01T00:00:00Z", {});
  BOOST_TEST(!ensured.already_done);
  BOOST_TEST(util::GetString(sent, "templateId") == "tpl-1");
  BOOST_TEST(util::GetString(sent, "type") == "MicrosoftCustomerAgreement");
  BOOST_TEST(util::GetString(sent.at("primaryContact"), "email") == "tania@example.com");

  pc.Route(
      "POST " + kCustomerPath + "/agreements", 409,
      R"({"code":600061,"message":"exists","errorName":"PartnerConfirmedAgreementAlreadyExists"})");
  ensured = pc::EnsureCustomerAgreement(pc::AgreementsClient(pc.client), kCustomer, contact,
                                        "tpl-1", "", {});
  BOOST_TEST(ensured.already_done);
}

BOOST_AUTO_TEST_CASE(azure_plan_purchase_goes_through_cart_checkout_and_waits) {
  PartnerCenterFake pc;
  int subscription_lists = 0;
  pc.routes["GET " + kCustomerPath + "/subscriptions"] = [&](const http::Request&) {
    ++subscription_lists;
    return MakeResponse(
        200,
        R"({"items":[{"id":"lic","offerId":"CFQ7TTC0LH18:0001:CFQ7TTC0LDPB","status":"active"}]})");
  };
  pc.Route("GET " + kCustomerPath + "/products/DZH318Z0BPS6/skus/0001/availabilities", 200,
           R"({"items":[{"id":"DZH318Z0BML6","productId":"DZH318Z0BPS6","skuId":"0001",
               "catalogItemId":"DZH318Z0BPS6:0001:DZH318Z0BML6","isPurchasable":true}]})");
  json::value cart_body;
  pc.routes["POST " + kCustomerPath + "/carts"] = [&](const http::Request& request) {
    cart_body = json::parse(request.body);
    return MakeResponse(201, R"({"id":"cart-1","status":"Active"})");
  };
  pc.Route("POST " + kCustomerPath + "/carts/cart-1/checkout", 201,
           R"({"orders":[{"id":"order-1","status":"pending","lineItems":[{"offerId":
               "DZH318Z0BPS6:0001:DZH318Z0BML6","subscriptionId":"plan-1"}]}],"orderErrors":[]})");
  int order_reads = 0;
  pc.routes["GET " + kCustomerPath + "/orders/order-1"] = [&](const http::Request&) {
    ++order_reads;
    if (order_reads < 3)
      return MakeResponse(200, R"({"id":"order-1","status":"pending"})", {{"Retry-After", "3"}});
    return MakeResponse(200, R"({"id":"order-1","status":"completed"})");
  };
  int plan_reads = 0;
  pc.routes["GET " + kCustomerPath + "/subscriptions/plan-1"] = [&](const http::Request&) {
    ++plan_reads;
    return MakeResponse(
        200,
        plan_reads < 2
            ? R"({"id":"plan-1","offerId":"DZH318Z0BPS6:0001:DZH318Z0BML6","status":"pending"})"
            : R"({"id":"plan-1","offerId":"DZH318Z0BPS6:0001:DZH318Z0BML6","status":"active","orderId":"order-1"})");
  };
  pc.Route(
      "GET " + kCustomerPath + "/subscriptions/plan-1/azureEntitlements", 200,
      R"({"items":[{"id":"AAAAAAAA-1111-4111-8111-000000000001","status":"active","subscriptionId":"plan-1"}]})");

  pc::PurchaseOptions options;
  options.friendly_name = "Fabrikam plan";
  const pc::PurchaseResult result =
      pc::PurchaseAzurePlan(kCustomer, options, pc.client, pc.clock, {});
  BOOST_TEST(result.status == "Done");
  BOOST_TEST(result.order_id == "order-1");
  BOOST_TEST(result.subscription.id == "plan-1");
  BOOST_TEST(result.azure_subscription_ids ==
                 std::vector<std::string>{"aaaaaaaa-1111-4111-8111-000000000001"},
             boost::test_tools::per_element());
  const json::value& line = cart_body.at("lineItems").at(0);
  BOOST_TEST(util::GetString(line, "catalogItemId") == "DZH318Z0BPS6:0001:DZH318Z0BML6");
  BOOST_TEST(util::GetString(line, "billingCycle") == "one_time");
  BOOST_TEST(line.at("quantity").as_int64() == 1);
  BOOST_TEST(util::GetString(line, "friendlyName") == "Fabrikam plan");
  BOOST_TEST(order_reads == 3);
  BOOST_REQUIRE(pc.clock.Sleeps().size() >= 2u);
  BOOST_TEST(pc.clock.Sleeps()[0].count() == 3000);  // Retry-After of the order

  // A second purchase finds the plan and buys nothing.
  pc.routes["GET " + kCustomerPath + "/subscriptions"] = [&](const http::Request&) {
    return MakeResponse(
        200,
        R"({"items":[{"id":"plan-1","offerId":"DZH318Z0BPS6:0001:DZH318Z0BML6","status":"active","orderId":"order-1"}]})");
  };
  const int writes = pc.Writes();
  const pc::PurchaseResult again =
      pc::PurchaseAzurePlan(kCustomer, options, pc.client, pc.clock, {});
  BOOST_TEST(again.status == "AlreadyDone");
  BOOST_TEST(again.azure_subscription_ids.size() == 1u);
  BOOST_TEST(pc.Writes() == writes);
}

BOOST_AUTO_TEST_CASE(azure_plan_purchase_times_out_naming_the_order) {
  PartnerCenterFake pc;
  pc.Route("GET " + kCustomerPath + "/subscriptions", 200, R"({"items":[]})");
  pc.Route("GET " + kCustomerPath + "/products/DZH318Z0BPS6/skus/0001/availabilities", 200,
           R"({"items":[{"id":"A","productId":"DZH318Z0BPS6","skuId":"0001"}]})");
  pc.Route("POST " + kCustomerPath + "/carts", 201, R"({"id":"cart-1"})");
  pc.Route(
      "POST " + kCustomerPath + "/carts/cart-1/checkout", 201,
      R"({"orders":[{"id":"order-9","status":"pending","lineItems":[{"subscriptionId":"plan-9"}]}]})");
  pc.Route("GET " + kCustomerPath + "/subscriptions/plan-9", 200,
           R"({"id":"plan-9","offerId":"DZH318Z0BPS6:0001:A","status":"pending"})");
  pc.Route("GET " + kCustomerPath + "/orders/order-9", 200,
           R"({"id":"order-9","status":"pending"})");
  pc::PurchaseOptions options;
  options.timeout = std::chrono::seconds(10);
  try {
    pc::PurchaseAzurePlan(kCustomer, options, pc.client, pc.clock, {});
    BOOST_FAIL("no timeout");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Details().code == "OrderNotCompleted");
    BOOST_TEST(std::string(error.what()).find("order-9") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(set_status_patches_the_full_object_with_its_etag_only_when_it_changes) {
  PartnerCenterFake pc;
  pc.Route(
      "GET " + kCustomerPath + "/subscriptions/s1", 200,
      R"({"id":"s1","Status":"Active","quantity":5,"attributes":{"etag":"e-1","objectType":"Subscription"}})");
  json::value patched;
  pc.routes["PATCH " + kCustomerPath + "/subscriptions/s1"] = [&](const http::Request& request) {
    patched = json::parse(request.body);
    return MakeResponse(200, R"({"id":"s1","status":"suspended","attributes":{"etag":"e-2"}})");
  };
  const pc::SubscriptionsClient subscriptions(pc.client);
  const pc::StatusChange change = subscriptions.SetStatus(
      kCustomer, "s1", pc::ParseSubscriptionStatus("SUSPENDED", "status"), {});
  BOOST_TEST(change.changed);
  BOOST_TEST(change.previous_status == "active");
  BOOST_TEST(change.subscription.status == "suspended");
  BOOST_TEST(util::GetString(patched, "status") == "suspended");
  BOOST_TEST(!patched.as_object().contains("Status"));
  BOOST_TEST(patched.at("quantity").as_int64() == 5);
  BOOST_TEST(util::GetString(patched.at("attributes"), "etag") == "e-1");

  const pc::StatusChange same = subscriptions.SetStatus(kCustomer, "s1", "active", {});
  BOOST_TEST(!same.changed);
  BOOST_TEST(pc.Count("PATCH " + kCustomerPath + "/subscriptions/s1") == 1);
  BOOST_CHECK_THROW(pc::ParseSubscriptionStatus("paused", "status"), InvalidArgumentError);

  pc.Route("PATCH " + kCustomerPath + "/subscriptions/s1", 403,
           PartnerFdError(900115,
                          "Azure plan cannot be moved to suspended state since you have "
                          "one or more Azure Subscriptions in the active state"));
  try {
    subscriptions.SetStatus(kCustomer, "s1", "suspended", {});
    BOOST_FAIL("no error");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Details().code == "900115");
    BOOST_TEST(error.Kind() == ErrorKind::PermissionDenied);
  }
}

BOOST_AUTO_TEST_CASE(set_status_on_a_stale_etag_rereads_once_and_reports_the_wanted_status) {
  PartnerCenterFake pc;
  int gets = 0;
  std::string status_after_patch = "suspended";
  pc.routes["GET " + kCustomerPath + "/subscriptions/s1"] = [&](const http::Request&) {
    // First the status before; then, after the PATCH, what another writer (or our own lost PATCH
    // sent again by the pipeline) left.
    const std::string status = gets++ == 0 ? "active" : status_after_patch;
    return MakeResponse(200, R"({"id":"s1","status":")" + status + R"(","attributes":{"etag":"e-)" +
                                 std::to_string(gets) + R"("}})");
  };
  ;
  pc.Route("PATCH " + kCustomerPath + "/subscriptions/s1", 400,
           PartnerFdError(2055, "The etag of the subscription is not current."));
  const pc::SubscriptionsClient subscriptions(pc.client);
  const pc::StatusChange change = subscriptions.SetStatus(kCustomer, "s1", "suspended", {});
  BOOST_TEST(change.changed);
  BOOST_TEST(change.previous_status == "active");
  BOOST_TEST(change.subscription.status == "suspended");
  BOOST_TEST(gets == 2);
  BOOST_TEST(pc.Count("PATCH " + kCustomerPath + "/subscriptions/s1") == 1);

  // Still not in the wanted status: the 2055 stands (re-read and retry is the caller's call).
  gets = 0;
  status_after_patch = "active";
  BOOST_TEST(CodeOf([&] { subscriptions.SetStatus(kCustomer, "s1", "suspended", {}); }) == "2055");
  BOOST_TEST(gets == 2);
  BOOST_TEST(pc.Count("PATCH " + kCustomerPath + "/subscriptions/s1") == 2);
}

BOOST_AUTO_TEST_CASE(azure_subscriptions_are_plan_entitlements_and_legacy_ids_oldest_first) {
  PartnerCenterFake pc;
  pc.Route("GET " + kCustomerPath + "/subscriptions", 200, R"({"items":[
    {"id":"plan-1","offerId":"DZH318Z0BPS6:0001:DZH318Z0BML6","status":"active","creationDate":"2024-05-01T00:00:00Z"},
    {"id":"7D7B7C70-8909-4C01-A082-0E2106B4A48B","offerId":"MS-AZR-0145P","status":"active","creationDate":"2020-01-01T00:00:00Z"},
    {"id":"lic","offerId":"CFQ7TTC0LH18:0001:CFQ7TTC0LDPB","status":"active"},
    {"id":"plan-old","offerId":"DZH318Z0BPS6:0001:X","status":"deleted"}]})");
  pc.Route("GET " + kCustomerPath + "/subscriptions/plan-1/azureEntitlements", 200,
           R"({"items":[{"id":"8E06E68B-F5B3-4420-A4F1-2E6A4F5A2CE8","status":"active"},
                        {"id":"11111111-1111-4111-8111-111111111111","status":"cancelled"}]})");
  const auto refs = pc::ListAzureSubscriptions(kCustomer, pc.client, {});
  BOOST_REQUIRE(refs.size() == 3u);
  BOOST_TEST(refs[0].source == "Legacy");
  BOOST_TEST(refs[0].azure_subscription_id == "7d7b7c70-8909-4c01-a082-0e2106b4a48b");
  BOOST_TEST(refs[1].source == "AzurePlan");
  BOOST_TEST(refs[1].azure_subscription_id == "8e06e68b-f5b3-4420-a4f1-2e6a4f5a2ce8");
  BOOST_TEST(refs[1].partner_center_subscription_id == "plan-1");
  BOOST_TEST(refs[2].status == "cancelled");
  BOOST_TEST(pc.Count("GET " + kCustomerPath + "/subscriptions/plan-old/azureEntitlements") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
