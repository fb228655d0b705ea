// ARM front door (auth, api-version, RBAC, headers, routing tolerance), resource groups,
// providers and registrations.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "emulator_fixture.hpp"
#include "util/base64.hpp"

namespace json = boost::json;
using namespace azscsp::emulator::test;

namespace azscsp::emulator {
std::string EmbeddedDefaultFixtures();
}

namespace {

const std::string kRegs = EmulatorUnderTest::RegistrationPath("");  // ends with "registrations/"

std::string RegistrationBody(const std::string& cloud_id,
                             const std::string& billing = "PayAsYouUse") {
  std::string token = azscsp::emulator::Base64Encode(
      json::serialize(json::object{{"CloudId", cloud_id}, {"BillingModel", billing}}));
  return json::serialize(
      json::object{{"location", "global"}, {"properties", {{"registrationToken", token}}}});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(arm)

BOOST_AUTO_TEST_CASE(missing_and_bad_tokens_are_401_with_challenge) {
  EmulatorUnderTest emu;
  std::string none;
  HttpResult r = emu.Arm("GET", kRegs + "myreg?api-version=2017-06-01", {}, &none);
  BOOST_TEST(r.status == 401);
  BOOST_TEST(r.ErrorCode() == "InvalidAuthenticationToken");
  BOOST_TEST(r.Header("WWW-Authenticate").find("Bearer authorization_uri=\"") == 0);
  BOOST_TEST(r.Header("WWW-Authenticate").find("error=\"invalid_token\"") != std::string::npos);

  std::string garbage = "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl";
  r = emu.Arm("GET", kRegs + "myreg?api-version=2017-06-01", {}, &garbage);
  BOOST_TEST(r.status == 401);
  BOOST_TEST(r.ErrorCode() == "InvalidAuthenticationToken");

  // A valid emulator token for another audience.
  HttpResult graph = emu.TokenRequest(fx::kHomeTenant,
                                      "grant_type=client_credentials&client_id=" + fx::kOwnerApp +
                                          "&client_secret=" + fx::kOwnerSecret +
                                          "&resource=" + UrlEncode("https://graph.microsoft.com/"));
  std::string graph_token(graph.Json().at("access_token").as_string());
  r = emu.Arm("GET", kRegs + "myreg?api-version=2017-06-01", {}, &graph_token);
  BOOST_TEST(r.status == 401);
  BOOST_TEST(r.Json().at("error").at("message").as_string().find("wrong audience") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(expired_token_is_expired_authentication_token) {
  EmulatorUnderTest emu([](auto& o) { o.token_lifetime_seconds = 1; });
  std::string token = emu.OwnerToken();
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  HttpResult r = emu.Arm("GET", kRegs + "myreg?api-version=2017-06-01", {}, &token);
  BOOST_TEST(r.status == 401);
  BOOST_TEST(r.ErrorCode() == "ExpiredAuthenticationToken");
}

BOOST_AUTO_TEST_CASE(api_version_missing_unsupported_and_malformed) {
  EmulatorUnderTest emu;
  HttpResult r = emu.Arm("GET", kRegs + "myreg");
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.ErrorCode() == "MissingApiVersionParameter");
  BOOST_TEST(r.Json().at("error").at("message").as_string() ==
             "The api-version query parameter (?api-version=) is required for all requests.");

  r = emu.Arm("GET", kRegs + "myreg/customerSubscriptions?api-version=2016-01-01");
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.ErrorCode() == "NoRegisteredProviderFound");
  BOOST_TEST(r.Json().at("error").at("message").as_string() ==
             "No registered resource provider found for location 'global' and API version "
             "'2016-01-01' for type 'registrations/customerSubscriptions'. The supported "
             "api-versions are '2017-06-01, 2020-06-01-preview, 2022-06-01'. The supported "
             "locations are 'global'.");

  r = emu.Arm("GET", kRegs + "myreg?api-version=2019-01-01");
  BOOST_TEST(r.ErrorCode() == "NoRegisteredProviderFound");
  r = emu.Arm("GET", kRegs + "myreg?api-version=banana");
  BOOST_TEST(r.ErrorCode() == "InvalidApiVersionParameter");
  BOOST_TEST(emu.Arm("GET", kRegs + "myreg?api-version=2016-01-01").status == 200);
}

BOOST_AUTO_TEST_CASE(unknown_subscription_and_resource_group) {
  EmulatorUnderTest emu;
  HttpResult r =
      emu.Arm("GET",
              "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/x/providers/"
              "Microsoft.AzureStack/registrations?api-version=2017-06-01");
  BOOST_TEST(r.status == 404);
  BOOST_TEST(r.ErrorCode() == "SubscriptionNotFound");

  r = emu.Arm("GET", "/subscriptions/" + fx::kRegistrationSub +
                         "/resourceGroups/nosuchrg/providers/Microsoft.AzureStack/registrations/"
                         "myreg?api-version=2017-06-01");
  BOOST_TEST(r.status == 404);
  BOOST_TEST(r.ErrorCode() == "ResourceGroupNotFound");
  BOOST_TEST(r.Json().at("error").at("message").as_string() ==
             "Resource group 'nosuchrg' could not be found.");
}

BOOST_AUTO_TEST_CASE(common_headers_and_keep_alive) {
  EmulatorUnderTest emu;
  HttpResult r =
      emu.Arm("GET", kRegs + "myreg?api-version=2017-06-01", {}, nullptr,
              {{"x-ms-client-request-id", "client-1"}, {"x-ms-correlation-request-id", "corr-1"}});
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.Header("x-ms-client-request-id") == "client-1");
  BOOST_TEST(r.Header("x-ms-correlation-request-id") == "corr-1");
  BOOST_TEST(r.Header("x-ms-request-id").size() == 36u);
  BOOST_TEST(r.Header("x-ms-routing-request-id").find(r.Header("x-ms-request-id")) !=
             std::string::npos);
  BOOST_TEST(r.Header("Cache-Control") == "no-cache");
  BOOST_TEST(r.Header("Pragma") == "no-cache");
  BOOST_TEST(r.Header("Expires") == "-1");
  BOOST_TEST(r.Header("Content-Type") == "application/json; charset=utf-8");
  BOOST_TEST(std::stol(r.Header("x-ms-ratelimit-remaining-subscription-reads")) > 0);

  r = emu.Arm("GET", kRegs + "myreg?api-version=2017-06-01");
  BOOST_TEST(r.Header("x-ms-correlation-request-id") == r.Header("x-ms-request-id"));
  BOOST_TEST(emu.client().Connections() == 1);  // token + 2 ARM calls on one connection
}

BOOST_AUTO_TEST_CASE(routing_tolerates_case_double_slashes_trailing_slash_and_query_order) {
  EmulatorUnderTest emu;
  std::string path = "/SUBSCRIPTIONS/" + fx::kRegistrationSub +
                     "//resourcegroups/AzureStack/providers/microsoft.azurestack/Registrations/"
                     "MYREG/?foo=bar&API-VERSION=2017-06-01";
  HttpResult r = emu.Arm("GET", path);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(r.Json().at("name").as_string() == "myreg");  // stored case echoed
  BOOST_TEST(r.Json().at("id").as_string() == EmulatorUnderTest::RegistrationPath("myreg"));
}

BOOST_AUTO_TEST_CASE(registrations_get_and_list) {
  EmulatorUnderTest emu;
  HttpResult r = emu.Arm("GET", kRegs + "myreg?api-version=2017-06-01");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::object reg = r.Json().as_object();
  BOOST_TEST(reg.at("type").as_string() == "Microsoft.AzureStack/registrations");
  BOOST_TEST(reg.at("location").as_string() == "global");
  BOOST_TEST(reg.at("properties").at("cloudId").as_string() ==
             "c902d338-1d28-4c50-8283-1fdf0b326df6");
  BOOST_TEST(reg.at("properties").at("billingModel").as_string() == "PayAsYouUse");
  BOOST_TEST(!reg.at("etag").as_string().empty());

  r = emu.Arm("GET", kRegs + "nosuch?api-version=2017-06-01");
  BOOST_TEST(r.status == 404);
  BOOST_TEST(r.ErrorCode() == "ResourceNotFound");

  r = emu.Arm("GET", kRegs.substr(0, kRegs.size() - 1) + "?api-version=2022-06-01");
  BOOST_TEST_REQUIRE(r.status == 200);
  BOOST_TEST(r.Json().at("value").as_array().size() == 3u);

  r = emu.Arm("GET", "/subscriptions/" + fx::kRegistrationSub +
                         "/providers/Microsoft.AzureStack/registrations?api-version=2017-06-01");
  BOOST_TEST_REQUIRE(r.status == 200);
  BOOST_TEST(r.Json().at("value").as_array().size() == 3u);
}

BOOST_AUTO_TEST_CASE(registration_put_patch_delete_and_activation_key) {
  EmulatorUnderTest emu;
  const std::string cloud = "11111111-2222-4333-8444-555555555555";
  std::string url = kRegs + "newreg?api-version=2017-06-01";
  HttpResult r = emu.Arm("PUT", url, RegistrationBody(cloud));
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  std::string etag1(r.Json().at("etag").as_string());
  BOOST_TEST(r.Json().at("properties").at("cloudId").as_string() == cloud);
  BOOST_TEST(r.Json().at("properties").at("billingModel").as_string() == "PayAsYouUse");
  BOOST_TEST(!r.Json().at("properties").at("objectId").as_string().empty());

  r = emu.Arm("PUT", url, RegistrationBody(cloud, "Capacity"));
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.Json().at("etag").as_string() != etag1);
  BOOST_TEST(r.Json().at("properties").at("billingModel").as_string() == "Capacity");

  r = emu.Arm("PUT", url, RegistrationBody("99999999-2222-4333-8444-555555555555"));
  BOOST_TEST(r.status == 409);
  BOOST_TEST(r.ErrorCode() == "CloudIdUpdateNotAllowed");

  r = emu.Arm("PATCH", url, R"({"location":"global"})");
  BOOST_TEST(r.status == 400);  // registrationToken is required on PATCH too
  json::object patch = json::parse(RegistrationBody(cloud)).as_object();
  patch["tags"] = json::object{{"env", "test"}};
  r = emu.Arm("PATCH", url, json::serialize(patch));
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(r.Json().at("tags").at("env").as_string() == "test");

  HttpResult key1 = emu.Arm("POST", kRegs + "newreg/getActivationKey?api-version=2017-06-01");
  HttpResult key2 = emu.Arm("POST", kRegs + "NEWREG/getactivationkey?api-version=2017-06-01", "{}");
  BOOST_TEST_REQUIRE(key1.status == 200, key1.body);
  std::string key(key1.Json().at("activationKey").as_string());
  BOOST_TEST(std::count(key.begin(), key.end(), '.') == 2);
  BOOST_TEST(key2.Json().at("activationKey").as_string() == key);  // deterministic

  BOOST_TEST(emu.Arm("DELETE", url).status == 200);
  BOOST_TEST(emu.Arm("DELETE", url).status == 204);
  BOOST_TEST(emu.Arm("GET", url).status == 404);
}

BOOST_AUTO_TEST_CASE(reader_may_read_but_not_write) {
  EmulatorUnderTest emu;
  std::string reader = emu.ReaderToken();
  BOOST_TEST(emu.Arm("GET", kRegs + "myreg?api-version=2017-06-01", {}, &reader).status == 200);
  HttpResult r =
      emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub), "{}", &reader);
  BOOST_TEST(r.status == 403);
  BOOST_TEST(r.ErrorCode() == "AuthorizationFailed");
  std::string message(r.Json().at("error").at("message").as_string());
  BOOST_TEST(message.find("The client '" + fx::kReaderApp + "' with object id '") == 0, message);
  BOOST_TEST(message.find("'Microsoft.AzureStack/registrations/customerSubscriptions/write'") !=
             std::string::npos);
  BOOST_TEST(message.find("over scope '/subscriptions/" + fx::kRegistrationSub) !=
             std::string::npos);

  r = emu.Arm("DELETE", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub), {}, &reader);
  BOOST_TEST(r.status == 403);
}

BOOST_AUTO_TEST_CASE(resource_groups_and_provider_registration) {
  // A fixture subscription where Microsoft.AzureStack is not registered yet.
  json::object fixtures = json::parse(azscsp::emulator::EmbeddedDefaultFixtures()).as_object();
  json::object fresh{{"id", "2b0f4b37-2e53-4c32-9d8e-8d40e2d5a1c1"},
                     {"tenantId", fx::kHomeTenant},
                     {"offer", "CSP"},
                     {"partnerId", "contoso-csp"},
                     {"roleAssignments", json::array{json::object{{"principalId", fx::kOwnerObject},
                                                                  {"role", "Owner"}}}}};
  fixtures["subscriptions"].as_array().push_back(fresh);
  std::string file =
      (std::filesystem::temp_directory_path() / "azscsp-emulator-tests-fresh.json").string();
  std::ofstream(file) << json::serialize(fixtures);
  EmulatorUnderTest emu([&](auto& o) { o.fixtures_path = file; });

  std::string sub = "/subscriptions/2b0f4b37-2e53-4c32-9d8e-8d40e2d5a1c1";
  HttpResult r = emu.Arm("PUT", sub + "/resourcegroups/azurestack?api-version=2021-04-01",
                         R"({"location":"westcentralus"})");
  BOOST_TEST(r.status == 201, r.body);
  BOOST_TEST(emu.Arm("PUT", sub + "/resourcegroups/azurestack?api-version=2021-04-01",
                     R"({"location":"westcentralus"})")
                 .status == 200);
  BOOST_TEST(emu.Arm("GET", sub + "/resourceGroups/AZURESTACK?api-version=2021-04-01").status ==
             200);
  BOOST_TEST(emu.Arm("GET", sub + "/resourceGroups/other?api-version=2021-04-01").ErrorCode() ==
             "ResourceGroupNotFound");

  std::string reg_url = sub +
                        "/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/"
                        "r1?api-version=2017-06-01";
  r = emu.Arm("PUT", reg_url, RegistrationBody("22222222-2222-4333-8444-555555555555"));
  BOOST_TEST(r.status == 409);
  BOOST_TEST(r.ErrorCode() == "MissingSubscriptionRegistration");

  r = emu.Arm("GET", sub + "/providers/Microsoft.AzureStack?api-version=2021-04-01");
  BOOST_TEST(r.Json().at("registrationState").as_string() == "NotRegistered");
  r = emu.Arm("POST", sub + "/providers/Microsoft.AzureStack/register?api-version=2021-04-01");
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.Json().at("registrationState").as_string() == "Registering");
  r = emu.Arm("GET", sub + "/providers/Microsoft.AzureStack?api-version=2021-04-01");
  BOOST_TEST(r.Json().at("registrationState").as_string() == "Registered");
  BOOST_TEST(
      emu.Arm("PUT", reg_url, RegistrationBody("22222222-2222-4333-8444-555555555555")).status ==
      201);
  std::filesystem::remove(file);
}

BOOST_AUTO_TEST_CASE(locks_protect_the_registration) {
  EmulatorUnderTest emu;
  const std::string cloud = "33333333-2222-4333-8444-555555555555";
  std::string reg = kRegs + "lockedreg";
  BOOST_TEST_REQUIRE(
      emu.Arm("PUT", reg + "?api-version=2017-06-01", RegistrationBody(cloud)).status == 201);
  std::string lock = reg + "/providers/Microsoft.Authorization/locks/RegistrationResourceLock";
  HttpResult r = emu.Arm("PUT", lock + "?api-version=2020-05-01",
                         R"({"properties":{"level":"CanNotDelete","notes":"keep"}})");
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  BOOST_TEST(r.Json().at("type").as_string() == "Microsoft.Authorization/locks");
  r = emu.Arm("GET", reg + "/providers/Microsoft.Authorization/locks?api-version=2020-05-01");
  BOOST_TEST(r.Json().at("value").as_array().size() == 1u);

  r = emu.Arm("DELETE", reg + "?api-version=2017-06-01");
  BOOST_TEST(r.status == 409);
  BOOST_TEST(r.ErrorCode() == "ScopeLocked");
  BOOST_TEST(emu.Arm("PUT", reg + "?api-version=2017-06-01", RegistrationBody(cloud)).status ==
             200);

  BOOST_TEST(
      emu.Arm("PUT", lock + "?api-version=2020-05-01", R"({"properties":{"level":"ReadOnly"}})")
          .status == 200);
  BOOST_TEST(emu.Arm("PUT", reg + "?api-version=2017-06-01", RegistrationBody(cloud)).ErrorCode() ==
             "ScopeLocked");
  std::string reader = emu.ReaderToken();
  BOOST_TEST(emu.Arm("DELETE", lock + "?api-version=2020-05-01", {}, &reader).status == 403);
  BOOST_TEST(emu.Arm("DELETE", lock + "?api-version=2020-05-01").status == 200);
  BOOST_TEST(emu.Arm("DELETE", lock + "?api-version=2020-05-01").status == 204);
  BOOST_TEST(emu.Arm("DELETE", reg + "?api-version=2017-06-01").status == 200);
}

BOOST_AUTO_TEST_CASE(locations_and_operations) {
  EmulatorUnderTest emu;
  HttpResult r = emu.Arm(
      "GET", "/subscriptions/" + fx::kRegistrationSub + "/locations?api-version=2021-04-01");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(r.Json().at("value").as_array().at(0).at("name").as_string() == "westcentralus");
  r = emu.Arm("GET", "/providers/Microsoft.AzureStack/operations?api-version=2017-06-01");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(r.Json().at("value").as_array().size() >= 5u);
}

BOOST_AUTO_TEST_SUITE_END()
