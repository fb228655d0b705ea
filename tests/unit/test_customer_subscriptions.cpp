#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "azscsp/services/customer_subscriptions_client.hpp"
#include "azscsp/services/registrations_client.hpp"
#include "fakes.hpp"

using namespace azscsp;
using testing::FakeTransport;
using testing::MakeResponse;

namespace {

const std::string kSub = "dd8597b4-8739-4467-8b10-f8679f62bfbf";
const std::string kCustomer = "E09A4E93-29A7-4EBA-A6D4-76202383F07F";
const std::string kTenant = "dbab3982-796f-4d03-9908-044c08aef8a2";
const std::string kBase = "https://management.azure.com";
const std::string kCollection = "/subscriptions/" + kSub +
                                "/resourceGroups/azurestack/providers/Microsoft.AzureStack/"
                                "registrations/testregistration/customerSubscriptions";

std::string Item(const std::string& customer) {
  return R"({"id":")" + kCollection + "/" + customer + R"(","name":"testregistration/)" + customer +
         R"(","type":"Microsoft.AzureStack/registrations/customerSubscriptions","properties":{"tenantId":")" +
         kTenant + R"("}})";
}

struct ServiceFixture {
  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
  std::shared_ptr<arm::ArmClient> arm = std::make_shared<arm::ArmClient>(
      std::make_shared<http::Pipeline>(std::vector<std::shared_ptr<http::Policy>>{}, transport),
      kBase + "/");
  services::CustomerSubscriptionsClient client{arm};
  services::CustomerSubscriptionRef ref{{kSub, "azurestack", "testregistration"}, kCustomer};
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(customer_subscriptions, ServiceFixture)

BOOST_AUTO_TEST_CASE(put_sends_the_documented_request_and_reads_the_spec_answer) {
  transport->Enqueue(MakeResponse(200, Item(kCustomer)));
  const auto mapping = client.Put(ref, kTenant, std::nullopt, "2017-06-01", {});
  const auto& request = transport->Requests().at(0);
  BOOST_TEST(http::MethodName(request.method) == std::string("PUT"));
  BOOST_TEST(request.url.target == kCollection + "/" + kCustomer + "?api-version=2017-06-01");
  BOOST_TEST(request.body == R"({"properties":{"tenantId":")" + kTenant + R"("}})");
  BOOST_TEST(mapping.customer_subscription_id == kCustomer);
  BOOST_TEST(mapping.tenant_id == kTenant);
  BOOST_TEST(mapping.registration.registration_name == "testregistration");
}

BOOST_AUTO_TEST_CASE(put_without_tenant_sends_empty_properties) {
  transport->Enqueue(MakeResponse(200, Item(kCustomer)));
  client.Put(ref, std::nullopt, std::nullopt, "2017-06-01", {});
  BOOST_TEST(transport->Requests().at(0).body == R"({"properties":{}})");
}

BOOST_AUTO_TEST_CASE(put_answered_201_without_body_reads_the_mapping_back) {
  transport->Enqueue(MakeResponse(201));
  transport->Enqueue(MakeResponse(200, Item(kCustomer)));
  const auto mapping = client.Put(ref, kTenant, std::nullopt, "2017-06-01", {});
  BOOST_TEST(transport->Requests().size() == 2u);
  BOOST_TEST(http::MethodName(transport->Requests()[1].method) == std::string("GET"));
  BOOST_TEST(mapping.tenant_id == kTenant);
}

BOOST_AUTO_TEST_CASE(put_answered_like_the_spec_example_with_empty_id_reads_back) {
  transport->Enqueue(
      MakeResponse(200, R"({"id":"","name":"","type":"","properties":{"tenantId":"x"}})"));
  transport->Enqueue(MakeResponse(200, Item(kCustomer)));
  const auto mapping = client.Put(ref, kTenant, std::nullopt, "2022-06-01", {});
  BOOST_TEST(transport->Requests().size() == 2u);
  BOOST_TEST(mapping.id == kCollection + "/" + kCustomer);
}

BOOST_AUTO_TEST_CASE(bad_input_fails_before_any_request) {
  auto bad = ref;
  bad.customer_subscription_id = "not-a-guid";
  try {
    client.Put(bad, kTenant, std::nullopt, "2017-06-01", {});
    BOOST_FAIL("expected InvalidArgumentError");
  } catch (const InvalidArgumentError& error) {
    BOOST_TEST(std::string(error.what()).find("customer subscription ID 'not-a-guid'") !=
               std::string::npos);
  }
  BOOST_CHECK_THROW(client.Put(ref, std::string("contoso"), std::nullopt, "2017-06-01", {}),
                    InvalidArgumentError);
  BOOST_CHECK_THROW(client.Put(ref, kTenant, std::nullopt, "2016-01-01", {}), InvalidArgumentError);
  BOOST_CHECK_THROW(client.Get(ref, "2099-01-01", {}), InvalidArgumentError);
  BOOST_TEST(transport->Requests().empty());
}

BOOST_AUTO_TEST_CASE(list_follows_every_next_link_including_empty_pages) {
  transport->Enqueue(MakeResponse(
      200, R"({"value":[)" + Item("11111111-1111-1111-1111-111111111111") + R"(],"nextLink":")" +
               kBase + kCollection + R"(?api-version=2017-06-01&$skipToken=a"})"));
  transport->Enqueue(MakeResponse(200, R"({"value":[],"nextLink":")" + kBase + kCollection +
                                           R"(?api-version=2017-06-01&$skipToken=b"})"));
  transport->Enqueue(MakeResponse(
      200, R"({"value":[)" + Item("22222222-2222-2222-2222-222222222222") + "," +
               Item("33333333-3333-3333-3333-333333333333") + R"(],"nextLink":null})"));
  std::vector<std::string> ids;
  client.List(ref.registration, "2017-06-01",
              [&](const services::CustomerSubscription& c) {
                ids.push_back(c.customer_subscription_id);
                return true;
              },
              {});
  BOOST_TEST(ids.size() == 3u);
  BOOST_TEST(ids[2] == "33333333-3333-3333-3333-333333333333");
  BOOST_TEST(transport->Requests().at(2).url.target.find("$skipToken=b") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(list_stops_when_a_next_link_repeats) {
  const std::string looping =
      R"({"value":[],"nextLink":")" + kBase + kCollection + R"(?$skipToken=same"})";
  transport->Enqueue(MakeResponse(200, looping));
  transport->Enqueue(MakeResponse(200, looping));
  BOOST_CHECK_THROW(
      client.List(ref.registration, "2017-06-01", [](const auto&) { return true; }, {}),
      ServiceError);
  BOOST_TEST(transport->Requests().size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_success_without_json_is_a_service_error_not_a_crash) {
  transport->Enqueue(MakeResponse(200, "<html>proxy login page</html>"));
  try {
    client.Get(ref, "2017-06-01", {});
    BOOST_FAIL("expected ServiceError");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Details().code == "InvalidResponse");
  }
}

BOOST_AUTO_TEST_CASE(list_treats_no_content_as_empty) {
  transport->Enqueue(MakeResponse(204));
  int count = 0;
  client.List(ref.registration, "2017-06-01", [&](const auto&) { return ++count, true; }, {});
  BOOST_TEST(count == 0);
}

BOOST_AUTO_TEST_CASE(list_refuses_a_next_link_to_another_host) {
  transport->Enqueue(
      MakeResponse(200, R"({"value":[],"nextLink":"https://evil.example.com/steal"})"));
  BOOST_CHECK_THROW(
      client.List(ref.registration, "2017-06-01", [](const auto&) { return true; }, {}),
      ServiceError);
  BOOST_TEST(transport->Requests().size() == 1u);
}

BOOST_AUTO_TEST_CASE(list_items_take_the_id_from_the_last_segment_not_the_name) {
  // The docs' sample has leading spaces in id and name and an invalid type (api.md §11 row 5).
  transport->Enqueue(MakeResponse(
      200, R"({"value":[{"id":" )" + kCollection + R"(/abc","name":" junk","type":"x"}]})"));
  std::string id;
  client.List(ref.registration, "2017-06-01",
              [&](const auto& c) { return id = c.customer_subscription_id, true; }, {});
  BOOST_TEST(id == "abc");
}

BOOST_AUTO_TEST_CASE(delete_reports_whether_the_mapping_existed) {
  transport->Enqueue(MakeResponse(200));
  BOOST_TEST(client.Delete(ref, "2017-06-01", {}).existed.value() == true);
  transport->Enqueue(MakeResponse(204));
  BOOST_TEST(!client.Delete(ref, "2017-06-01", {}).existed.has_value());
  transport->Enqueue(
      MakeResponse(404, R"({"error":{"code":"CustomerSubscriptionNotFound","message":"m"}})"));
  BOOST_TEST(client.Delete(ref, "2017-06-01", {}).existed.value() == false);
}

BOOST_AUTO_TEST_CASE(service_errors_keep_their_code) {
  transport->Enqueue(MakeResponse(
      403, R"({"error":{"code":"UnauthorizedCspRegistration","message":"not approved"}})",
      {{"x-ms-request-id", "r-9"}}));
  try {
    client.Put(ref, kTenant, std::nullopt, "2017-06-01", {});
    BOOST_FAIL("expected ServiceError");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Details().code == "UnauthorizedCspRegistration");
    BOOST_TEST(error.Details().request_id == "r-9");
    BOOST_TEST(error.Kind() == ErrorKind::PermissionDenied);
  }
}

BOOST_AUTO_TEST_CASE(registration_get_reads_the_spec_example_shape) {
  services::RegistrationsClient registrations(arm);
  transport->Enqueue(MakeResponse(
      200,
      R"({"id":"/subscriptions/)" + kSub +
          R"(/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/testregistration","name":"azurestack","type":"Microsoft.AzureStack/registrations","location":"global","etag":"\"0e00\"","properties":{"cloudId":"5bf881b2-6be7-42a1-9f47-d6fcb6737747","objectId":"2dbdd5f4-daf3-442a-be35-b71c3debee5a","billingModel":"PayAsYouUse"}})"));
  const auto registration = registrations.Get(ref.registration, "2017-06-01", {});
  BOOST_TEST(registration.name == "testregistration");  // the id wins over the example's name
  BOOST_TEST(registration.billing_model == "PayAsYouUse");
  BOOST_TEST(registration.cloud_id == "5bf881b2-6be7-42a1-9f47-d6fcb6737747");
  BOOST_TEST(registration.resource_group == "azurestack");
}

BOOST_AUTO_TEST_SUITE_END()
