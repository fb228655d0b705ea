// Registration lifecycle (issue 4): what the registration token carries, cloud id reuse, the
// provider's Registering -> Registered poll, MissingSubscriptionRegistration, locations and
// resource group locations.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "lifecycle_test_helpers.hpp"
#include "util/base64.hpp"

namespace json = boost::json;
using namespace azscsp::emulator::test;

namespace {

const std::string kV = "?api-version=2017-06-01";
const std::string kFreshSub = "2b0f4b37-2e53-4c32-9d8e-8d40e2d5a1c1";

std::string Reg(const std::string& name) {
  return EmulatorUnderTest::RegistrationPath(name) + kV;
}

json::object Properties(const HttpResult& r) {
  return r.Json().at("properties").as_object();
}

// The flags decoded from the token are kept in the emulator's state, not returned as registration
// properties (the spec's Registration has none): read them through GET /_emulator/state.
json::object Stored(HttpsClient& client, const std::string& name) {
  const json::value state = client.Request("GET", "/_emulator/state").Json();
  for (const json::value& r : state.at("registrations").as_array()) {
    if (r.at("name").as_string() == name) return r.as_object();
  }
  throw std::runtime_error("registration '" + name + "' not in /_emulator/state");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(registration_lifecycle)

BOOST_AUTO_TEST_CASE(token_flags_are_stored_not_returned) {
  EmulatorUnderTest emu;
  const std::string cloud = "41000000-2222-4333-8444-555555555555";
  // Keys in any case; booleans as strings are accepted.
  HttpResult r = emu.Arm("PUT", Reg("flags"),
                         RegistrationBodyWith({{"cloudid", cloud},
                                               {"BILLINGMODEL", "capacity"},
                                               {"UsageReportingEnabled", "True"},
                                               {"marketplaceSyndicationEnabled", false},
                                               {"AgreementNumber", ""},
                                               {"TokenVersion", "4.0"}}));
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  json::object p = Properties(r);
  BOOST_TEST(p.at("cloudId").as_string() == cloud);
  BOOST_TEST(p.at("billingModel").as_string() == "Capacity");  // canonical case
  BOOST_TEST(!p.at("objectId").as_string().empty());
  BOOST_TEST(!p.contains("usageReportingEnabled"));  // spec-shaped answer
  BOOST_TEST(Stored(emu.client(), "flags").at("usageReportingEnabled").as_bool() == true);
  BOOST_TEST(Stored(emu.client(), "flags").at("marketplaceSyndicationEnabled").as_bool() == false);

  // PATCH applies a new token's values too.
  r = emu.Arm("PATCH", Reg("flags"),
              RegistrationBodyWith({{"CloudId", cloud},
                                    {"BillingModel", "Capacity"},
                                    {"UsageReportingEnabled", "false"},
                                    {"MarketplaceSyndicationEnabled", "TRUE"}}));
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(Stored(emu.client(), "flags").at("usageReportingEnabled").as_bool() == false);
  BOOST_TEST(Stored(emu.client(), "flags").at("marketplaceSyndicationEnabled").as_bool() == true);
}

BOOST_AUTO_TEST_CASE(absent_flags_default_by_billing_model) {
  EmulatorUnderTest emu;
  const std::pair<const char*, bool> expected[] = {{"Capacity", false},
                                                   {"PayAsYouUse", true},
                                                   {"Development", true},
                                                   {"Custom", false},
                                                   {"Ruggedized", true}};
  int n = 0;
  for (const auto& [billing, usage] : expected) {
    std::string cloud = "4200000" + std::to_string(n) + "-2222-4333-8444-555555555555";
    HttpResult r =
        emu.Arm("PUT", Reg("defaults" + std::to_string(n++)), RegistrationBodyFor(cloud, billing));
    BOOST_TEST_REQUIRE(r.status == 201, r.body);
    json::object stored = Stored(emu.client(), "defaults" + std::to_string(n - 1));
    BOOST_TEST(stored.at("usageReportingEnabled").as_bool() == usage, billing);
    BOOST_TEST(stored.at("marketplaceSyndicationEnabled").as_bool() == true, billing);
  }
  // Fixture registrations without the fields get the same defaults.
  BOOST_TEST(Stored(emu.client(), "capacityreg").at("usageReportingEnabled").as_bool() == false);
  BOOST_TEST(Stored(emu.client(), "myreg").at("usageReportingEnabled").as_bool() == true);
}

BOOST_AUTO_TEST_CASE(malformed_tokens_are_invalid_registration_token) {
  EmulatorUnderTest emu;
  auto put = [&](const std::string& token) {
    return emu.Arm("PUT", Reg("malformed"),
                   json::serialize(json::object{{"location", "global"},
                                                {"properties", {{"registrationToken", token}}}}));
  };
  const std::string cloud = "43000000-2222-4333-8444-555555555555";
  const std::pair<std::string, std::string> cases[] = {
      {"not base64 !!!", "not base64"},
      {azscsp::emulator::Base64Encode("not json"), "JSON object"},
      {azscsp::emulator::Base64Encode("[1,2]"), "JSON object"},
      {EncodeToken({{"BillingModel", "Capacity"}}), "'CloudId' is missing"},
      {EncodeToken({{"CloudId", "not-a-guid"}}), "is not a GUID"},
      {EncodeToken({{"CloudId", cloud}, {"BillingModel", "Monthly"}}), "Monthly"},
      {EncodeToken({{"CloudId", cloud}, {"UsageReportingEnabled", "yes"}}),
       "'UsageReportingEnabled' must be true or false"},
      {EncodeToken({{"CloudId", cloud}, {"MarketplaceSyndicationEnabled", 1}}),
       "'MarketplaceSyndicationEnabled' must be true or false"},
  };
  for (const auto& [token, detail] : cases) {
    HttpResult r = put(token);
    BOOST_TEST(r.status == 400, detail);
    BOOST_TEST(r.ErrorCode() == "InvalidRegistrationToken", detail);
    std::string message(r.Json().at("error").at("message").as_string());
    BOOST_TEST(message.find("The registration token is malformed: ") == 0u, message);
    BOOST_TEST(message.find(detail) != std::string::npos, message);
  }
  BOOST_TEST(emu.Arm("GET", Reg("malformed")).status == 404);  // nothing was created
  BOOST_TEST(put("").ErrorCode() == "InvalidRegistrationToken");
}

BOOST_AUTO_TEST_CASE(a_cloud_id_registers_once) {
  EmulatorUnderTest emu;
  const std::string myreg_cloud = "c902d338-1d28-4c50-8283-1fdf0b326df6";  // fixture "myreg"
  HttpResult r = emu.Arm("PUT", Reg("second"), RegistrationBodyFor(myreg_cloud));
  BOOST_TEST(r.status == 409);
  BOOST_TEST(r.ErrorCode() == "CloudIdAlreadyRegistered");
  BOOST_TEST(r.Json().at("error").at("message").as_string() ==
             "Cloud identifier [" + myreg_cloud +
                 "] is already registered. Reusing cloud identifiers is not allowed.");
  // Any case of the same id, in another resource group of the world, is the same cloud.
  std::string upper = myreg_cloud;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  BOOST_TEST(emu.Arm("PUT", Reg("third"), RegistrationBodyFor(upper)).ErrorCode() ==
             "CloudIdAlreadyRegistered");

  // Re-putting the same registration with its own cloud id is an update (200).
  BOOST_TEST(emu.Arm("PUT", Reg("myreg"), RegistrationBodyFor(myreg_cloud)).status == 200);
  // Another cloud id on an existing registration is still CloudIdUpdateNotAllowed.
  r = emu.Arm("PUT", Reg("myreg"), RegistrationBodyFor("44000000-2222-4333-8444-555555555555"));
  BOOST_TEST(r.status == 409);
  BOOST_TEST(r.ErrorCode() == "CloudIdUpdateNotAllowed");

  // Once the first registration is gone, the cloud id may be registered again.
  BOOST_TEST(emu.Arm("DELETE", Reg("myreg")).status == 200);
  BOOST_TEST(emu.Arm("PUT", Reg("second"), RegistrationBodyFor(myreg_cloud)).status == 201);
}

BOOST_AUTO_TEST_CASE(provider_registration_must_be_polled) {
  FreshSubscriptionFixtures fixtures(kFreshSub);
  EmulatorUnderTest emu([&](auto& o) {
    o.fixtures_path = fixtures.path();
    o.provider_registering_gets = 2;
  });
  const std::string sub = "/subscriptions/" + kFreshSub;
  const std::string provider = sub + "/providers/Microsoft.AzureStack?api-version=2021-04-01";
  const std::string reg = sub +
                          "/resourceGroups/azurestack/providers/Microsoft.AzureStack/"
                          "registrations/fresh";
  const std::string cloud = "45000000-2222-4333-8444-555555555555";
  auto state = [&](const HttpResult& r) {
    return std::string(r.Json().at("registrationState").as_string());
  };

  BOOST_TEST(state(emu.Arm("GET", provider)) == "NotRegistered");
  HttpResult r = emu.Arm("PUT", reg + kV, RegistrationBodyFor(cloud));
  BOOST_TEST(r.status == 409);
  BOOST_TEST(r.ErrorCode() == "MissingSubscriptionRegistration");
  BOOST_TEST(r.Json().at("error").at("message").as_string() ==
             "The subscription is not registered to use namespace 'Microsoft.AzureStack'. See "
             "https://aka.ms/rps-not-found for how to register subscriptions.");
  // POST actions are blocked too.
  BOOST_TEST(emu.Arm("POST", reg + "/getactivationkey" + kV).ErrorCode() ==
             "MissingSubscriptionRegistration");

  r = emu.Arm("POST", sub + "/providers/Microsoft.AzureStack/register?api-version=2021-04-01");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(state(r) == "Registering");
  BOOST_TEST(r.Json().at("namespace").as_string() == "Microsoft.AzureStack");
  // Still Registering: writes keep failing until a poll has seen "Registered".
  BOOST_TEST(emu.Arm("PUT", reg + kV, RegistrationBodyFor(cloud)).ErrorCode() ==
             "MissingSubscriptionRegistration");
  BOOST_TEST(state(emu.Arm("GET", provider)) == "Registering");
  BOOST_TEST(state(emu.Arm("POST", sub + "/providers/Microsoft.AzureStack/register?api-version="
                                         "2021-04-01")) == "Registering");
  BOOST_TEST(state(emu.Arm("GET", provider)) == "Registering");
  BOOST_TEST(state(emu.Arm("GET", provider)) == "Registered");
  BOOST_TEST(state(emu.Arm("GET", provider)) == "Registered");
  BOOST_TEST(state(emu.Arm("POST", sub + "/providers/Microsoft.AzureStack/register?api-version="
                                         "2021-04-01")) == "Registered");
  BOOST_TEST(emu.Arm("PUT", reg + kV, RegistrationBodyFor(cloud)).status == 201);

  // The reader may not register providers.
  std::string reader = emu.ReaderToken();
  BOOST_TEST(emu.Arm("POST",
                     "/subscriptions/" + fx::kRegistrationSub +
                         "/providers/Microsoft.Compute/register?api-version=2021-04-01",
                     {}, &reader)
                 .ErrorCode() == "AuthorizationFailed");
}

BOOST_AUTO_TEST_CASE(locks_and_role_assignments_are_not_blocked_by_provider_registration) {
  // A registration in a subscription where Microsoft.AzureStack is not registered: its own
  // writes fail, Microsoft.Authorization writes under it (locks, role assignments) do not.
  FreshSubscriptionFixtures fixtures(kFreshSub, "fresh");
  EmulatorUnderTest emu([&](auto& o) { o.fixtures_path = fixtures.path(); });
  const std::string reg = "/subscriptions/" + kFreshSub +
                          "/resourceGroups/azurestack/providers/Microsoft.AzureStack/"
                          "registrations/fresh";
  BOOST_TEST(emu.Arm("GET", reg + kV).status == 200);
  BOOST_TEST(emu.Arm("PUT", reg + kV, RegistrationBodyFor(fixtures.cloud_id())).ErrorCode() ==
             "MissingSubscriptionRegistration");
  BOOST_TEST(emu.Arm("POST", reg + "/enableRemoteManagement" + kV).ErrorCode() ==
             "MissingSubscriptionRegistration");

  std::string lock = reg + "/providers/Microsoft.Authorization/locks/l1?api-version=2020-05-01";
  BOOST_TEST(emu.Arm("PUT", lock, R"({"properties":{"level":"CanNotDelete"}})").status == 201);
  std::string assignment = reg +
                           "/providers/Microsoft.Authorization/roleAssignments/"
                           "0f6a1a7e-8c1b-4c55-9f2e-3b1d2c4a5e60?api-version=2022-04-01";
  json::object body{{"properties",
                     {{"roleDefinitionId", RoleDefinitionId(roles::kReader, kFreshSub)},
                      {"principalId", fx::kReaderObject}}}};
  HttpResult r = emu.Arm("PUT", assignment, json::serialize(body));
  BOOST_TEST(r.status == 201, r.body);
  BOOST_TEST(emu.Arm("DELETE", lock).status == 200);
}

BOOST_AUTO_TEST_CASE(locations_and_resource_group_locations) {
  EmulatorUnderTest emu;
  const std::string sub = "/subscriptions/" + fx::kRegistrationSub;
  HttpResult r = emu.Arm("GET", sub + "/locations?api-version=2021-04-01");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  std::vector<std::string> names;
  json::value locations = r.Json();
  for (const json::value& l : locations.at("value").as_array()) {
    names.emplace_back(l.at("name").as_string());
    BOOST_TEST(!l.at("displayName").as_string().empty());
  }
  BOOST_TEST(names.at(0) == "westcentralus");
  for (const char* wanted : {"westus", "eastus", "westeurope", "northeurope"}) {
    BOOST_TEST((std::find(names.begin(), names.end(), wanted) != names.end()), wanted);
  }

  r = emu.Arm("PUT", sub + "/resourcegroups/elsewhere?api-version=2021-04-01",
              R"({"location":"chinaeast"})");
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.ErrorCode() == "LocationNotAvailableForResourceGroup");
  std::string message(r.Json().at("error").at("message").as_string());
  BOOST_TEST(message.find("'chinaeast'") != std::string::npos, message);
  BOOST_TEST(message.find("westcentralus") != std::string::npos, message);

  // A display name is accepted and stored as the region name.
  r = emu.Arm("PUT", sub + "/resourcegroups/elsewhere?api-version=2021-04-01",
              R"({"location":"North Europe"})");
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  BOOST_TEST(r.Json().at("location").as_string() == "northeurope");
  BOOST_TEST(emu.Arm("PUT", sub + "/resourcegroups/elsewhere?api-version=2021-04-01",
                     R"({"location":"northeurope"})")
                 .status == 200);
  BOOST_TEST(emu.Arm("PUT", sub + "/resourcegroups/elsewhere?api-version=2021-04-01",
                     R"({"location":"westus"})")
                 .ErrorCode() == "InvalidResourceGroupLocation");
}

BOOST_AUTO_TEST_CASE(flags_and_role_assignments_survive_a_restart) {
  std::string dir;
  const std::string cloud = "47000000-2222-4333-8444-555555555555";
  const std::string assignment = EmulatorUnderTest::RegistrationPath("kept") +
                                 "/providers/Microsoft.Authorization/roleAssignments/"
                                 "2d3c4b5a-6978-4a1b-9c2d-3e4f5a6b7c8d?api-version=2022-04-01";
  {
    EmulatorUnderTest emu([](auto& o) { o.persist = true; });
    dir = emu.data_dir();
    BOOST_TEST_REQUIRE(emu.Arm("PUT", Reg("kept"),
                               RegistrationBodyWith({{"CloudId", cloud},
                                                     {"BillingModel", "Development"},
                                                     {"UsageReportingEnabled", false},
                                                     {"MarketplaceSyndicationEnabled", false}}))
                           .status == 201);
    BOOST_TEST_REQUIRE(
        emu.Arm("PUT", assignment, AssignmentBody(roles::kRegistrationOwner, fx::kOwnerObject))
            .status == 201);
    emu.emulator().Stop();

    azscsp::emulator::EmulatorOptions options;
    options.data_dir = dir;
    options.persist = true;
    azscsp::emulator::Emulator again(options);
    again.Start();
    HttpsClient client("localhost", again.Port(), again.CaCertificatePath());
    HttpResult token = client.Request("POST", "/" + fx::kHomeTenant + "/oauth2/token",
                                      "grant_type=client_credentials&client_id=" + fx::kOwnerApp +
                                          "&client_secret=" + fx::kOwnerSecret +
                                          "&resource=" + UrlEncode(fx::kArmResource));
    HeaderList auth{
        {"Authorization", "Bearer " + std::string(token.Json().at("access_token").as_string())}};
    HttpResult r = client.Request("GET", Reg("kept"), {}, auth);
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    json::object stored = Stored(client, "kept");
    BOOST_TEST(stored.at("usageReportingEnabled").as_bool() == false);
    BOOST_TEST(stored.at("marketplaceSyndicationEnabled").as_bool() == false);
    r = client.Request("GET", assignment, {}, auth);
    BOOST_TEST(r.status == 200, r.body);
    again.Stop();
  }
}

BOOST_AUTO_TEST_SUITE_END()
