// Partner Center client (issue 7): endpoints per cloud, the three error shapes, MS-RequestId
// stable across retries, Retry-After, no retry of 4xx, seek paging with links.next headers and
// /v1-less links plus its loop guard, the app+user pre-check, lenient models.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "azscsp/cloud/environment.hpp"
#include "azscsp/partnercenter/customer_creation.hpp"
#include "azscsp/partnercenter/customers_client.hpp"
#include "azscsp/partnercenter/partner_center_error.hpp"
#include "azscsp/partnercenter/partner_center_models.hpp"
#include "azscsp/util/json.hpp"
#include "fake_partner_center.hpp"

using namespace azscsp;
using namespace azscsp::testing;
using azscsp::partnercenter::CallOptions;
namespace json = boost::json;

namespace {

template <typename F>
ServiceError CaughtServiceError(F&& f) {
  try {
    f();
  } catch (const ServiceError& error) {
    return error;
  }
  BOOST_FAIL("no ServiceError thrown");
  throw std::logic_error("unreachable");
}

std::string FieldOf(const Error& error, const std::string& name) {
  for (const auto& [key, value] : error.Fields())
    if (key == name) return value;
  return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(partner_center_client)

BOOST_AUTO_TEST_CASE(built_in_clouds_have_the_partner_center_endpoint_and_custom_ones_need_it) {
  const auto global = cloud::Environment::BuiltIn("azurecloud");
  BOOST_TEST(cloud::PartnerCenterUrl(*global) == "https://api.partnercenter.microsoft.com/");
  BOOST_TEST(cloud::PartnerCenterResource(*global) == "https://api.partnercenter.microsoft.com");
  const auto gov = cloud::Environment::BuiltIn("AzureUSGovernment");
  BOOST_TEST(cloud::PartnerCenterUrl(*gov) == "https://api.partnercenter.microsoft.com/");
  const auto china = cloud::Environment::BuiltIn("AzureChinaCloud");
  BOOST_TEST(cloud::PartnerCenterUrl(*china) ==
             "https://partner.partnercenterapi.microsoftonline.cn/");
  BOOST_TEST(cloud::PartnerCenterResource(*china) ==
             "https://partner.partnercenterapi.microsoftonline.cn");

  cloud::Environment custom;
  custom.name = "emulator";
  const ServiceError error = CaughtServiceError([&] { cloud::PartnerCenterUrl(custom); });
  BOOST_TEST(error.Details().code == "PartnerCenterUnknown");
  BOOST_TEST(error.Kind() == ErrorKind::InvalidArgument);
  BOOST_TEST(std::string(error.what()).find("partnerCenterUrl") != std::string::npos);
  custom.partner_center_url = "https://localhost:8447";
  BOOST_TEST(cloud::PartnerCenterUrl(custom) == "https://localhost:8447/");
  BOOST_TEST(cloud::PartnerCenterResource(custom) == "https://api.partnercenter.microsoft.com");
}

BOOST_AUTO_TEST_CASE(new_customer_domains_take_the_clouds_suffix) {
  BOOST_TEST(cloud::PartnerCenterDomainSuffix(*cloud::Environment::BuiltIn("AzureCloud")) ==
             ".onmicrosoft.com");
  BOOST_TEST(cloud::PartnerCenterDomainSuffix(*cloud::Environment::BuiltIn("AzureUSGovernment")) ==
             ".onmicrosoft.com");
  BOOST_TEST(cloud::PartnerCenterDomainSuffix(*cloud::Environment::BuiltIn("azurechinacloud")) ==
             ".partner.onmschina.cn");
  cloud::Environment custom;
  custom.name = "emulator";
  custom.partner_center_url = "https://localhost:8447/";
  BOOST_TEST(cloud::PartnerCenterDomainSuffix(custom) == ".onmicrosoft.com");
  custom.partner_center_url = "https://partner.partnercenterapi.microsoftonline.cn/";
  BOOST_TEST(cloud::PartnerCenterDomainSuffix(custom) == ".partner.onmschina.cn");

  BOOST_TEST(partnercenter::FullDomain("Contoso") == "contoso.onmicrosoft.com");
  BOOST_TEST(partnercenter::FullDomain("contoso", ".partner.onmschina.cn") ==
             "contoso.partner.onmschina.cn");
  BOOST_TEST(partnercenter::FullDomain("Contoso.partner.onmschina.cn", ".onmicrosoft.com") ==
             "contoso.partner.onmschina.cn");

  // A China client checks "{prefix}.partner.onmschina.cn" for a new customer.
  PartnerCenterFake pc;
  pc.Route("POST /v1/validations/address", 200, R"({"status":"VerifiedShippable"})");
  const auto china = std::make_shared<partnercenter::PartnerCenterClient>(
      std::make_shared<http::Pipeline>(std::vector<std::shared_ptr<http::Policy>>{}, pc.transport),
      "https://partner.partnercenterapi.microsoftonline.cn/", pc.credential,
      "https://partner.partnercenterapi.microsoftonline.cn", "", ".partner.onmschina.cn");
  BOOST_TEST(china->DomainSuffix() == ".partner.onmschina.cn");
  BOOST_TEST(pc.client->DomainSuffix() == ".onmicrosoft.com");
  partnercenter::NewCustomer customer;
  customer.domain = "contoso";
  customer.address = {{"addressLine1", "1 Road"}, {"city", "Beijing"}, {"country", "CN"}};
  partnercenter::CheckNewCustomer(customer, china, {});
  BOOST_TEST(pc.Count("HEAD /v1/domains/contoso.partner.onmschina.cn") == 1);
}

BOOST_AUTO_TEST_CASE(partner_fd_error_with_a_numeric_code_becomes_a_string_code) {
  PartnerCenterFake pc;
  pc.routes["GET /v1/customers/x"] = [](const http::Request&) {
    return MakeResponse(404, PartnerFdError(60003, "Tenant not found"),
                        {{"MS-RequestId", "req-1"}, {"MS-CorrelationId", "corr-1"}});
  };
  const ServiceError error = CaughtServiceError(
      [&] { pc.client->SendJson(http::Method::Get, "customers/x", std::nullopt, {}); });
  BOOST_TEST(error.Details().code == "60003");
  BOOST_TEST(error.Details().message == "Tenant not found");
  BOOST_TEST(error.Details().http_status == 404);
  BOOST_TEST(error.Details().request_id == "req-1");
  BOOST_TEST(error.Details().correlation_id == "corr-1");
  BOOST_TEST(error.Kind() == ErrorKind::NotFound);
  BOOST_TEST(FieldOf(error, "source") == "PartnerFD");
  BOOST_TEST(pc.Count("GET /v1/customers/x") == 1);  // 404 is never retried
}

BOOST_AUTO_TEST_CASE(mca_error_shape_keeps_error_name_and_is_retryable) {
  PartnerCenterFake pc;
  pc.Route(
      "POST /v1/customers/c/agreements", 409,
      R"({"code":600061,"message":"A partner confirmed agreement already exists for the customer.",
               "description":"A partner confirmed agreement already exists.","errorName":
               "PartnerConfirmedAgreementAlreadyExists","isRetryable":false,"parameters":{},
               "errorMessageExtended":"InternalErrorCode=600061"})");
  const ServiceError error = CaughtServiceError([&] {
    pc.client->SendJson(http::Method::Post, "customers/c/agreements", json::object{}, {});
  });
  BOOST_TEST(error.Details().code == "600061");
  BOOST_TEST(error.Details().message == "A partner confirmed agreement already exists.");
  BOOST_TEST(FieldOf(error, "errorName") == "PartnerConfirmedAgreementAlreadyExists");
  BOOST_TEST(FieldOf(error, "isRetryable") == "false");
  BOOST_TEST(error.Kind() == ErrorKind::Conflict);
  BOOST_TEST(pc.Count("POST /v1/customers/c/agreements") == 1);  // 409 is never retried
}

BOOST_AUTO_TEST_CASE(message_is_used_when_there_is_no_description_and_code_may_be_a_string) {
  PartnerCenterFake pc;
  pc.Route("GET /v1/customers", 400, R"({"code":"800002","message":"Invalid request input"})");
  const ServiceError error = CaughtServiceError(
      [&] { pc.client->SendJson(http::Method::Get, "/customers", std::nullopt, {}); });
  BOOST_TEST(error.Details().code == "800002");
  BOOST_TEST(error.Details().message == "Invalid request input");
  BOOST_TEST(error.Kind() == ErrorKind::Service);
  BOOST_TEST(pc.Count("GET /v1/customers") == 1);  // 400 is never retried
}

BOOST_AUTO_TEST_CASE(a_body_that_is_not_json_becomes_the_message) {
  PartnerCenterFake pc;
  pc.routes["GET /v1/customers"] = [](const http::Request&) {
    http::Response response;
    response.status = 403;
    response.body = "Forbidden by gateway";
    return response;
  };
  const ServiceError error = CaughtServiceError(
      [&] { pc.client->SendJson(http::Method::Get, "customers", std::nullopt, {}); });
  BOOST_TEST(error.Details().code == "403");
  BOOST_TEST(error.Details().message == "Forbidden by gateway");
  BOOST_TEST(error.Kind() == ErrorKind::PermissionDenied);
}

BOOST_AUTO_TEST_CASE(throttling_is_retried_after_retry_after_then_reported_with_its_shape) {
  PartnerCenterFake pc(false, false);
  const std::string throttled =
      R"({"statusCode":429,"message":"Rate limit is exceeded. Try again in 2 seconds."})";
  pc.transport->Enqueue(MakeResponse(429, throttled, {{"Retry-After", "2"}}));
  pc.transport->Enqueue(MakeResponse(200, R"({"id":"c1"})"));
  const json::value customer =
      pc.client->SendJson(http::Method::Get, "customers/c1", std::nullopt, {});
  BOOST_TEST(util::GetString(customer, "id") == "c1");
  BOOST_REQUIRE(pc.clock.Sleeps().size() == 1u);
  BOOST_TEST(pc.clock.Sleeps()[0].count() == 2000);

  for (int i = 0; i < 4; ++i)
    pc.transport->Enqueue(MakeResponse(429, throttled, {{"Retry-After", "1"}}));
  const ServiceError error = CaughtServiceError(
      [&] { pc.client->SendJson(http::Method::Get, "customers/c1", std::nullopt, {}); });
  BOOST_TEST(error.Details().code == "429");
  BOOST_TEST(error.Kind() == ErrorKind::Throttled);
  BOOST_TEST(error.Details().message == "Rate limit is exceeded. Try again in 2 seconds.");
  BOOST_TEST(FieldOf(error, "retryAfter") == "1");
}

BOOST_AUTO_TEST_CASE(ms_request_id_is_the_same_across_retries_and_new_per_call) {
  PartnerCenterFake pc(false, false);
  pc.transport->Enqueue(MakeResponse(503, "{}"));
  pc.transport->Enqueue(MakeResponse(500, "{}"));
  pc.transport->Enqueue(MakeResponse(201, R"({"id":"cart-1"})"));
  pc.transport->Enqueue(MakeResponse(201, R"({"id":"cart-2"})"));
  pc.client->SendJson(http::Method::Post, "customers/c/carts",
                      json::object{{"lineItems", json::array()}}, {});
  pc.client->SendJson(http::Method::Post, "customers/c/carts",
                      json::object{{"lineItems", json::array()}}, {});
  const auto& requests = pc.transport->Requests();
  BOOST_REQUIRE(requests.size() == 4u);  // a POST is retried: MS-RequestId makes it idempotent
  const std::string first = requests[0].headers.at("MS-RequestId");
  BOOST_TEST(requests[1].headers.at("MS-RequestId") == first);
  BOOST_TEST(requests[2].headers.at("MS-RequestId") == first);
  BOOST_TEST(requests[3].headers.at("MS-RequestId") != first);
  for (const auto& request : requests) {
    BOOST_TEST(request.headers.at("MS-CorrelationId") == pc.client->CorrelationId());
    BOOST_TEST(request.headers.at("X-Locale") == "en-US");
    BOOST_TEST(request.headers.at("MS-Contract-Version") == "v1");
    BOOST_TEST(request.headers.at("Accept") == "application/json");
    BOOST_TEST(request.headers.at("Authorization").rfind("Bearer ", 0) == 0);
    BOOST_TEST(request.url.target == "/v1/customers/c/carts");
  }
  BOOST_TEST(pc.credential->resources.front() == "https://api.partnercenter.microsoft.com");
}

BOOST_AUTO_TEST_CASE(only_the_posts_partner_center_deduplicates_are_sent_again_after_a_5xx) {
  PartnerCenterFake pc(false, false);
  // De-duplicated by MS-RequestId: customers, carts, checkout, orders, agreements (any casing,
  // with or without /v1, with a query).
  for (const char* path :
       {"customers", "/v1/customers", "customers/c/carts", "customers/c/Carts/cart-1/checkout",
        "customers/c/orders", "/v1/customers/c/agreements?x=1"}) {
    BOOST_TEST_CONTEXT(path) {
      const size_t before = pc.transport->Requests().size();
      pc.transport->Enqueue(MakeResponse(500, "{}"));
      pc.transport->Enqueue(MakeResponse(201, R"({"id":"x"})"));
      pc.client->SendJson(http::Method::Post, path, json::object{}, {});
      BOOST_TEST(pc.transport->Requests().size() - before == 2u);
    }
  }
  // Not de-duplicated: a PATCH of a subscription and an entitlement cancel get one try on 5xx.
  const std::vector<std::pair<http::Method, std::string>> once = {
      {http::Method::Patch, "customers/c/subscriptions/s1"},
      {http::Method::Post, "customers/c/subscriptions/s1/azureEntitlements/e1/cancel"}};
  for (const auto& [method, path] : once) {
    BOOST_TEST_CONTEXT(path) {
      const size_t before = pc.transport->Requests().size();
      pc.transport->Enqueue(MakeResponse(500, "{}"));
      const ServiceError error =
          CaughtServiceError([&] { pc.client->SendJson(method, path, json::object{}, {}); });
      BOOST_TEST(error.Details().http_status == 500);
      BOOST_TEST(pc.transport->Requests().size() - before == 1u);
    }
  }
  // ...but are sent again when the service says it did not act (429 with Retry-After).
  const size_t before = pc.transport->Requests().size();
  pc.transport->Enqueue(MakeResponse(429, "{}", {{"Retry-After", "1"}}));
  pc.transport->Enqueue(MakeResponse(200, R"({"id":"s1"})"));
  pc.client->SendJson(http::Method::Patch, "customers/c/subscriptions/s1", json::object{}, {});
  BOOST_TEST(pc.transport->Requests().size() - before == 2u);
}

BOOST_AUTO_TEST_CASE(seek_paging_follows_links_with_their_headers_with_or_without_v1) {
  PartnerCenterFake pc(false, false);
  pc.transport->Enqueue(MakeResponse(200, R"({"totalCount":2,"items":[{"id":"a"},{"id":"b"}],
      "links":{"next":{"uri":"/v1/customers?size=2&seekOperation=Next","method":"GET",
      "headers":[{"key":"MS-ContinuationToken","value":"tok-1"}]}},"continuationToken":"tok-1"})"));
  pc.transport->Enqueue(MakeResponse(200, R"({"items":[{"id":"c"},{"id":"d"}],
      "links":{"next":{"uri":"/customers?size=2&seekOperation=Next","method":"GET",
      "headers":[{"key":"MS-ContinuationToken","value":"tok-2"}]}}})"));
  pc.transport->Enqueue(MakeResponse(200, R"({"items":[{"id":"e"}],"links":{}})"));
  std::vector<std::string> ids;
  pc.client->ForEach("customers?size=2",
                     [&](const json::value& item) {
                       ids.push_back(util::GetString(item, "id"));
                       return true;
                     },
                     {});
  BOOST_TEST(ids == (std::vector<std::string>{"a", "b", "c", "d", "e"}),
             boost::test_tools::per_element());
  const auto& requests = pc.transport->Requests();
  BOOST_REQUIRE(requests.size() == 3u);
  BOOST_TEST(requests[0].url.target == "/v1/customers?size=2");
  BOOST_TEST(requests[0].headers.count("MS-ContinuationToken") == 0u);
  BOOST_TEST(requests[1].url.target == "/v1/customers?size=2&seekOperation=Next");
  BOOST_TEST(requests[1].headers.at("MS-ContinuationToken") == "tok-1");
  BOOST_TEST(requests[2].url.target == "/v1/customers?size=2&seekOperation=Next");
  BOOST_TEST(requests[2].headers.at("MS-ContinuationToken") == "tok-2");
}

BOOST_AUTO_TEST_CASE(the_same_next_link_and_token_twice_stops_the_list) {
  PartnerCenterFake pc(false, false);
  const std::string page =
      R"({"items":[{"id":"a"}],"links":{"next":{"uri":"/v1/customers?seekOperation=Next",
      "headers":[{"key":"MS-ContinuationToken","value":"same"}]}}})";
  for (int i = 0; i < 3; ++i) pc.transport->Enqueue(MakeResponse(200, page));
  int items = 0;
  const ServiceError error = CaughtServiceError([&] {
    pc.client->ForEach("customers", [&](const json::value&) { return ++items, true; }, {});
  });
  BOOST_TEST(error.Details().code == "RepeatedNextLink");
  BOOST_TEST(items == 2);
  BOOST_TEST(pc.transport->Requests().size() == 2u);
}

BOOST_AUTO_TEST_CASE(an_empty_page_that_still_has_a_next_link_stops_the_list) {
  PartnerCenterFake pc(false, false);
  pc.transport->Enqueue(MakeResponse(200, R"({"items":[{"id":"a"}],"links":{"next":{
      "uri":"/v1/customers?seekOperation=Next","headers":[{"key":"MS-ContinuationToken",
      "value":"t1"}]}}})"));
  pc.transport->Enqueue(MakeResponse(200, R"({"items":[],"links":{"next":{
      "uri":"/v1/customers?seekOperation=Next","headers":[{"key":"MS-ContinuationToken",
      "value":"t2"}]}}})"));
  int items = 0;
  const ServiceError error = CaughtServiceError([&] {
    pc.client->ForEach("customers", [&](const json::value&) { return ++items, true; }, {});
  });
  BOOST_TEST(error.Details().code == "PagingLoop");
  BOOST_TEST(std::string(error.what()).find("empty page") != std::string::npos);
  BOOST_TEST(items == 1);
  BOOST_TEST(pc.transport->Requests().size() == 2u);
  // An empty last page (no next link) is just the end.
  pc.transport->Enqueue(MakeResponse(200, R"({"items":[],"links":{}})"));
  pc.client->ForEach("customers", [&](const json::value&) { return ++items, true; }, {});
  BOOST_TEST(items == 1);
}

BOOST_AUTO_TEST_CASE(pages_are_capped_even_with_a_new_token_each_time) {
  PartnerCenterFake pc(false, false);
  int served = 0;
  pc.transport->SetHandler([&](const http::Request&) {
    ++served;
    return MakeResponse(
        200, R"({"items":[{"id":"x"}],"links":{"next":{"uri":"/v1/customers?seekOperation=Next",)"
             R"("headers":[{"key":"MS-ContinuationToken","value":"t-)" +
                 std::to_string(served) + R"("}]}}})");
  });
  int items = 0;
  const ServiceError error = CaughtServiceError([&] {
    pc.client->ForEach("customers", [&](const json::value&) { return ++items, true; }, {});
  });
  BOOST_TEST(error.Details().code == "PagingLoop");
  BOOST_TEST(served == partnercenter::PartnerCenterClient::kMaxPages);
  BOOST_TEST(items == partnercenter::PartnerCenterClient::kMaxPages);
}

BOOST_AUTO_TEST_CASE(a_next_link_to_another_host_is_refused) {
  PartnerCenterFake pc(false, false);
  pc.transport->Enqueue(MakeResponse(
      200, R"({"items":[],"links":{"next":{"uri":"https://evil.example/v1/customers"}}})"));
  const ServiceError error = CaughtServiceError(
      [&] { pc.client->ForEach("customers", [](const json::value&) { return true; }, {}); });
  BOOST_TEST(error.Details().code == "UntrustedNextLink");
}

BOOST_AUTO_TEST_CASE(app_user_operations_refuse_an_app_only_token_before_sending) {
  PartnerCenterFake pc(true);
  CallOptions options;
  options.app_user_required = true;
  options.operation = "GET agreements";
  const ServiceError error = CaughtServiceError(
      [&] { pc.client->SendJson(http::Method::Get, "agreements", std::nullopt, {}, options); });
  BOOST_TEST(error.Details().code == "PartnerCenterAppUserRequired");
  BOOST_TEST(error.Kind() == ErrorKind::Authentication);
  BOOST_TEST(std::string(error.what()).find("GET agreements") != std::string::npos);
  BOOST_TEST(std::string(error.what()).find("device code") != std::string::npos);
  BOOST_TEST(pc.calls.empty());
  BOOST_TEST(pc.client->IsAppOnly({}));

  // Without the flag the same token is sent.
  pc.Route("GET /v1/customers", 200, R"({"items":[]})");
  pc.client->SendJson(http::Method::Get, "customers", std::nullopt, {});
  BOOST_TEST(pc.calls.size() == 1u);
}

BOOST_AUTO_TEST_CASE(the_services_app_user_refusal_maps_to_the_same_code) {
  PartnerCenterFake pc(false);
  pc.Route("GET /v1/agreements", 403, PartnerFdError(2032, "Access denied."));
  CallOptions options;
  options.app_user_required = true;
  options.operation = "GET agreements";
  BOOST_TEST(!pc.client->IsAppOnly({}));
  const ServiceError error = CaughtServiceError(
      [&] { pc.client->SendJson(http::Method::Get, "agreements", std::nullopt, {}, options); });
  BOOST_TEST(error.Details().code == "PartnerCenterAppUserRequired");
}

BOOST_AUTO_TEST_CASE(models_accept_any_casing_of_names_and_enum_values) {
  using namespace azscsp::partnercenter;
  BOOST_TEST(NormalizeEnum("VerifiedShippable") == "verified_shippable");
  BOOST_TEST(NormalizeEnum("one_time") == "one_time");
  BOOST_TEST(NormalizeEnum("OneTime") == "one_time");
  BOOST_TEST(NormalizeEnum("Active") == "active");
  BOOST_TEST(NormalizeEnum("SUSPENDED") == "suspended");

  const Subscription s = Subscription::FromJson(json::parse(
      R"({"Id":"S1","OfferId":"dzh318z0bps6:0001:DZH318Z0BML6","Status":"Suspended",
          "BillingCycle":"OneTime","Attributes":{"Etag":"e1"}})"));
  BOOST_TEST(s.status == "suspended");
  BOOST_TEST(s.billing_cycle == "one_time");
  BOOST_TEST(s.etag == "e1");
  BOOST_TEST(s.IsAzurePlan());
  BOOST_TEST(!s.IsLegacyAzure());
  const json::object out = s.ToJson("c1");
  BOOST_TEST(util::GetString(out, "Status") == "suspended");
  BOOST_TEST(util::GetString(out, "customerId") == "c1");
  BOOST_TEST(util::GetString(out, "subscriptionId") == "S1");
  BOOST_TEST(Subscription::FromJson(json::parse(R"({"offerId":"ms-azr-0145p"})")).IsLegacyAzure());

  const Customer c = Customer::FromJson(json::parse(
      R"({"id":"t1","companyProfile":{"tenantId":"t1","domain":"a.onmicrosoft.com","companyName":"A"},
          "relationshipToPartner":"Reseller"})"));
  BOOST_TEST(c.domain == "a.onmicrosoft.com");
  BOOST_TEST(c.company_name == "A");
  BOOST_TEST(c.relationship_to_partner == "reseller");
  BOOST_TEST(util::GetString(c.ToJson(), "customerId") == "t1");

  const AzureEntitlement e = AzureEntitlement::FromJson(json::parse(
      R"({"id":"899AE6F1-8A74-4D5E-B6C6-E6B5019BBFF8","status":"Active","subscriptionId":"p"})"));
  BOOST_TEST(e.status == "active");
  BOOST_TEST(util::GetString(e.ToJson("c"), "azureSubscriptionId") ==
             "899ae6f1-8a74-4d5e-b6c6-e6b5019bbff8");

  BOOST_TEST(AddressValidation::FromJson(json::parse(R"({"status":"VerifiedShippable"})")).Valid());
  BOOST_TEST(AddressValidation::FromJson(json::parse(R"({"status":"Verified"})")).Valid());
  BOOST_TEST(
      !AddressValidation::FromJson(json::parse(R"({"status":"InteractionRequired"})")).Valid());
  BOOST_TEST(!AddressValidation::FromJson(json::parse(R"({"status":"None"})")).Valid());

  const Availability a = Availability::FromJson(
      json::parse(R"({"id":"DZH318Z0BML6","productId":"DZH318Z0BPS6","skuId":"0001"})"));
  BOOST_TEST(a.catalog_item_id == "DZH318Z0BPS6:0001:DZH318Z0BML6");
  const Order o = Order::FromJson(json::parse(
      R"({"id":"o1","status":"Completed","lineItems":[{"offerId":"x","subscriptionId":"s"}]})"));
  BOOST_TEST(o.status == "completed");
  BOOST_TEST(o.line_items.at(0).subscription_id == "s");
}

BOOST_AUTO_TEST_SUITE_END()
