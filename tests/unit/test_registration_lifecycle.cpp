#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "azscsp/services/registration_lifecycle.hpp"
#include "service_fixture.hpp"

using namespace azscsp;
using namespace azscsp::testing;

namespace {

// {"CloudId":"c902d338-1d28-4c50-8283-1fdf0b326df6","BillingModel":"PayAsYouUse"}
const std::string kToken =
    "eyJDbG91ZElkIjoiYzkwMmQzMzgtMWQyOC00YzUwLTgyODMtMWZkZjBiMzI2ZGY2IiwiQmlsbGluZ01vZGVsIjoiUGF5"
    "QXNZb3VVc2UifQ==";
const std::string kSubscriptionPath = "/subscriptions/" + kTestSubscription;
const std::string kGroupPath = kSubscriptionPath + "/resourcegroups/azurestack";
const std::string kRegistrations =
    kSubscriptionPath + "/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations";
const std::string kLocks = kTestRegistrationPath + "/providers/Microsoft.Authorization/locks";

std::string RegistrationJson(const std::string& name, const std::string& cloud_id) {
  return R"({"id":")" + kRegistrations + "/" + name + R"(","name":")" + name +
         R"(","type":"Microsoft.AzureStack/registrations","location":"global","properties":{"cloudId":")" +
         cloud_id + R"(","billingModel":"PayAsYouUse"}})";
}

struct LifecycleFixture : RoutedService {
  ManualClock clock;
  services::RegistrationLifecycle lifecycle{arm, clock};

  void RouteHappyPath() {
    Route("GET " + kSubscriptionPath + "/providers/Microsoft.AzureStack", 200,
          R"({"registrationState":"NotRegistered"})");
    Route("POST " + kSubscriptionPath + "/providers/Microsoft.AzureStack/register", 200,
          R"({"registrationState":"Registered"})");
    Route("GET " + kSubscriptionPath + "/locations", 200,
          R"({"value":[{"name":"westcentralus","displayName":"West Central US"}]})");
    Route("PUT " + kGroupPath, 201, R"({"name":"azurestack","location":"westcentralus"})");
    Route("PUT " + kTestRegistrationPath, 201,
          RegistrationJson("myreg", "c902d338-1d28-4c50-8283-1fdf0b326df6"));
    Route("PUT " + kLocks + "/RegistrationResourceLock", 201,
          R"({"name":"RegistrationResourceLock","properties":{"level":"CanNotDelete"}})");
  }
  services::RegisterOptions Options() {
    services::RegisterOptions options;
    options.registration = {kTestSubscription, "azurestack", "myreg"};
    options.registration_token = kToken;
    options.resource_group_location = "westcentralus";
    return options;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(registration_lifecycle, LifecycleFixture)

BOOST_AUTO_TEST_CASE(register_runs_every_step_in_order_and_reports_each) {
  RouteHappyPath();
  std::vector<std::string> reported;
  const auto result = lifecycle.Register(
      Options(), [&](const services::StepResult& step) { reported.push_back(step.name); }, {});
  const std::vector<std::string> expected = {
      "ValidateToken", "ProviderRegistration", "ResourceGroupLocation",
      "ResourceGroup", "RemoveLock",           "Registration",
      "Lock"};
  BOOST_TEST(reported == expected, boost::test_tools::per_element());
  BOOST_TEST(result.steps.size() == expected.size());
  BOOST_TEST(result.steps[1].status == "Done");
  BOOST_TEST(result.steps[3].status == "Done");         // group created
  BOOST_TEST(result.steps[4].status == "AlreadyDone");  // no lock to remove
  BOOST_TEST(result.steps[5].status == "Done");         // 201
  BOOST_TEST(result.registration.cloud_id == "c902d338-1d28-4c50-8283-1fdf0b326df6");
  const std::string lock_body = transport->Requests().back().body;
  BOOST_TEST(lock_body.find("Registration resource myreg is needed for syndication") !=
             std::string::npos);
  // The lock comes after the registration PUT.
  BOOST_TEST(calls.back() == "PUT " + kLocks + "/RegistrationResourceLock");
}

BOOST_AUTO_TEST_CASE(re_register_removes_the_lock_before_the_put) {
  RouteHappyPath();
  Route("GET " + kGroupPath, 200, R"({"name":"azurestack","location":"westcentralus"})");
  Route("GET " + kLocks + "/RegistrationResourceLock", 200,
        R"({"name":"RegistrationResourceLock","properties":{"level":"CanNotDelete"}})");
  Route("DELETE " + kLocks + "/RegistrationResourceLock", 200);
  Route("PUT " + kTestRegistrationPath, 200,
        RegistrationJson("myreg", "c902d338-1d28-4c50-8283-1fdf0b326df6"));
  auto options = Options();
  options.lock = false;
  const auto result = lifecycle.Register(options, nullptr, {});
  BOOST_TEST(result.steps[3].status == "AlreadyDone");
  BOOST_TEST(result.steps[4].status == "Done");
  BOOST_TEST(result.steps[5].status == "AlreadyDone");
  BOOST_TEST(result.steps[6].status == "Skipped");
  BOOST_TEST(Count("PUT " + kGroupPath) == 0);
  BOOST_TEST(Count("PUT " + kLocks + "/RegistrationResourceLock") == 0);
}

BOOST_AUTO_TEST_CASE(bad_token_fails_before_any_request) {
  auto options = Options();
  options.registration_token = "bm90IGpzb24=";  // "not json"
  BOOST_CHECK_THROW(lifecycle.Register(options, nullptr, {}), InvalidArgumentError);
  BOOST_TEST(calls.empty());
}

BOOST_AUTO_TEST_CASE(unknown_location_names_the_valid_ones) {
  RouteHappyPath();
  auto options = Options();
  options.resource_group_location = "ChinaEast";
  try {
    lifecycle.Register(options, nullptr, {});
    BOOST_FAIL("expected UnknownResourceGroupLocation");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Details().code == "UnknownResourceGroupLocation");
    BOOST_TEST(error.Details().message.find("westcentralus") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(default_locations_by_cloud) {
  BOOST_TEST(services::DefaultResourceGroupLocation("AzureCloud") == "westcentralus");
  BOOST_TEST(services::DefaultResourceGroupLocation("azurechinacloud") == "ChinaEast");
  BOOST_TEST(services::DefaultResourceGroupLocation("AzureUSGovernment") == "usgovvirginia");
  BOOST_TEST(services::DefaultResourceGroupLocation("Emulator") == "westcentralus");
}

BOOST_AUTO_TEST_CASE(unregister_by_cloud_id_matches_any_case_and_removes_the_lock) {
  Route("GET " + kRegistrations, 200,
        R"({"value":[)" + RegistrationJson("other", "2f1c8a55-6f0d-4c7e-b2a9-7e3d5c1b9a40") + "," +
            RegistrationJson("myreg", "c902d338-1d28-4c50-8283-1fdf0b326df6") + "]}");
  Route(
      "GET " + kLocks, 200,
      R"({"value":[{"name":"RegistrationResourceLock","properties":{"level":"CanNotDelete"}},{"name":"audit","properties":{"level":"CanNotDelete"}}]})");
  Route("DELETE " + kLocks + "/RegistrationResourceLock", 200);
  Route("DELETE " + kLocks + "/audit", 200);
  Route("DELETE " + kTestRegistrationPath, 200);
  services::UnregisterOptions options;
  options.subscription_id = kTestSubscription;
  options.resource_group = "azurestack";
  options.cloud_id = "C902D338-1D28-4C50-8283-1FDF0B326DF6";
  const auto result = lifecycle.Unregister(options, {});
  BOOST_TEST(result.registration_name == "myreg");
  BOOST_TEST(result.lock_removed);
  BOOST_TEST(result.existed.value());
  BOOST_TEST(Count("DELETE " + kLocks + "/audit") == 1);
  BOOST_TEST(calls.back() == "DELETE " + kTestRegistrationPath);
}

BOOST_AUTO_TEST_CASE(unregister_by_token_with_no_or_several_matches) {
  services::UnregisterOptions options;
  options.subscription_id = kTestSubscription;
  options.resource_group = "azurestack";
  options.registration_token = kToken;
  Route("GET " + kRegistrations, 200,
        R"({"value":[)" + RegistrationJson("other", "2f1c8a55-6f0d-4c7e-b2a9-7e3d5c1b9a40") + "]}");
  try {
    lifecycle.Unregister(options, {});
    BOOST_FAIL("expected RegistrationNotFound");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Details().code == "RegistrationNotFound");
    BOOST_TEST(error.Details().message.find("c902d338-1d28-4c50-8283-1fdf0b326df6") !=
               std::string::npos);
    BOOST_TEST(error.Details().message.find("'azurestack'") != std::string::npos);
  }
  Route("GET " + kRegistrations, 200,
        R"({"value":[)" + RegistrationJson("a", "c902d338-1d28-4c50-8283-1fdf0b326df6") + "," +
            RegistrationJson("b", "C902D338-1D28-4C50-8283-1FDF0B326DF6") + "]}");
  try {
    lifecycle.Unregister(options, {});
    BOOST_FAIL("expected AmbiguousCloudId");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Details().code == "AmbiguousCloudId");
  }
  BOOST_TEST(Count("DELETE " + kRegistrations + "/a") == 0);
}

BOOST_AUTO_TEST_CASE(unregister_needs_exactly_one_way_to_name_it) {
  services::UnregisterOptions options;
  options.subscription_id = kTestSubscription;
  options.resource_group = "azurestack";
  BOOST_CHECK_THROW(lifecycle.Unregister(options, {}), InvalidArgumentError);
  options.cloud_id = "x";
  options.registration_name = "myreg";
  BOOST_CHECK_THROW(lifecycle.Unregister(options, {}), InvalidArgumentError);
}

BOOST_AUTO_TEST_CASE(unregister_by_name_of_a_missing_registration_is_not_an_error) {
  services::UnregisterOptions options;
  options.subscription_id = kTestSubscription;
  options.resource_group = "azurestack";
  options.registration_name = "myreg";
  const auto result = lifecycle.Unregister(options, {});
  BOOST_TEST(result.existed.value() == false);
  BOOST_TEST(Count("DELETE " + kTestRegistrationPath) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
