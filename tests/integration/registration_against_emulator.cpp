// Issue 4 operations through the C ABI against the emulator: the registration lifecycle, CSP
// preflight, tenant resolution, locks and role assignments.
#define BOOST_TEST_DYN_LINK
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

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

constexpr const char* kMyRegCloudId = "c902d338-1d28-4c50-8283-1fdf0b326df6";
constexpr const char* kOwnerObjectId = "e70ed564-e799-4142-94d7-8216d112c335";
constexpr const char* kRegistrationOwnerRole = "6f12a6df-dd06-4f3e-bcb1-ce8be600526a";

std::string Base64(const std::string& text) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : text) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += alphabet[(buffer >> bits) & 0x3F];
    }
  }
  if (bits > 0) out += alphabet[(buffer << (6 - bits)) & 0x3F];
  while (out.size() % 4) out += '=';
  return out;
}

// What New-RegistrationToken prints on the stamp (contract: registration token).
std::string StampToken(const std::string& cloud_id, const std::string& billing_model) {
  return Base64(json::serialize(json::object{{"CloudId", cloud_id},
                                             {"BillingModel", billing_model},
                                             {"UsageReportingEnabled", true},
                                             {"MarketplaceSyndicationEnabled", "False"},
                                             {"AgreementNumber", ""},
                                             {"MsAssetTag", ""},
                                             {"IssueDate", "2026-11-27T10:00:00Z"},
                                             {"TokenVersion", "4.0"},
                                             {"StampVersion", "1.2311.0.25"}}));
}

json::object Registration(const std::string& name) {
  return {{"subscriptionId", Fixtures::kRegistrationSubscription},
          {"resourceGroupName", "azurestack"},
          {"registrationName", name}};
}

std::string RegistrationId(const std::string& name) {
  return "/subscriptions/" + std::string(Fixtures::kRegistrationSubscription) +
         "/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/" + name;
}

struct ClientFixture {
  EmulatorHarness emulator;
  azscsp_client* client = nullptr;

  explicit ClientFixture(int principal_replication_delay_ms = 0)
      : emulator([&] {
          azscsp::emulator::EmulatorOptions options;
          options.throttling = "off";
          options.provider_registering_gets = 2;
          options.principal_replication_delay_ms = principal_replication_delay_ms;
          return options;
        }()) {
    json::object options{
        {"environment", {{"name", "Emulator"}, {"resourceManagerUrl", emulator.BaseUrl() + "/"}}},
        {"credential",
         {{"type", "clientSecret"},
          {"tenantId", Fixtures::kHomeTenant},
          {"clientId", Fixtures::kOwnerAppId},
          {"clientSecret", Fixtures::kOwnerSecret}}},
        {"tls", {{"caBundlePath", emulator.CaPath()}}},
        {"proxy", {{"url", ""}}},
        {"retry", {{"baseDelayMs", 10}}}};
    BOOST_REQUIRE_EQUAL(azscsp_client_open(json::serialize(options).c_str(), &client), AZSCSP_OK);
  }
  ~ClientFixture() { azscsp_client_close(client); }

  std::map<std::string, std::string> Preflight(const std::string& registration,
                                               json::object extra = {}) {
    json::object arguments = Registration(registration);
    for (auto& entry : extra) arguments[entry.key()] = entry.value();
    const Events events = Run(client, "csp.preflight", arguments);
    BOOST_REQUIRE(events.status == AZSCSP_DONE);
    BOOST_REQUIRE_EQUAL(events.items.size(), 1u);
    last_preflight = events.items[0];
    std::map<std::string, std::string> statuses;
    for (const auto& check : last_preflight.at("checks").as_array())
      statuses[Str(check.at("name"))] = Str(check.at("status"));
    return statuses;
  }
  json::object last_preflight;
};

// A new service principal stays unknown to role assignments for a while (directory replication).
struct ReplicatingFixture : ClientFixture {
  ReplicatingFixture() : ClientFixture(1500) {}
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(registration_lifecycle_against_emulator, ClientFixture)

BOOST_AUTO_TEST_CASE(register_then_activation_key_then_unregister_by_cloud_id) {
  const std::string cloud_id = "0a6d5c3e-1b2f-4e8d-9c7a-5f4e3d2c1b0a";
  json::object arguments = Registration("issue4reg");
  arguments["registrationToken"] = StampToken(cloud_id, "PayAsYouUse");
  const Events registered = Run(client, "registrations.register", arguments);
  BOOST_REQUIRE_MESSAGE(registered.status == AZSCSP_DONE, json::serialize(registered.error));
  BOOST_REQUIRE_EQUAL(registered.items.size(), 1u);
  const json::object& item = registered.items[0];
  std::vector<std::string> steps;
  for (const auto& step : item.at("steps").as_array()) steps.push_back(Str(step.at("name")));
  const std::vector<std::string> expected = {
      "ValidateToken", "ProviderRegistration", "ResourceGroupLocation",
      "ResourceGroup", "RemoveLock",           "Registration",
      "Lock"};
  BOOST_TEST(steps == expected, boost::test_tools::per_element());
  BOOST_TEST(Str(item.at("steps").as_array()[5].at("status")) == "Done");
  BOOST_TEST(Str(item.at("registration").at("cloudId")) == cloud_id);
  BOOST_TEST(Str(item.at("registration").at("billingModel")) == "PayAsYouUse");
  // Progress reaches the caller whatever its log level.
  int step_lines = 0;
  for (const auto& log : registered.logs)
    if (Str(log.at("level")) == "info" && Str(log.at("message")).rfind("Step: ", 0) == 0)
      ++step_lines;
  BOOST_TEST(step_lines == 7);

  // The lock is there, so a plain delete without removing it is refused.
  json::object locks_arguments{{"scope", RegistrationId("issue4reg")}};
  const Events locks = Run(client, "locks.list", locks_arguments);
  BOOST_REQUIRE_EQUAL(locks.items.size(), 1u);
  BOOST_TEST(Str(locks.items[0].at("name")) == "RegistrationResourceLock");
  BOOST_TEST(Str(locks.items[0].at("level")) == "CanNotDelete");
  json::object keep_lock = Registration("issue4reg");
  keep_lock["removeLock"] = false;
  const Events refused = Run(client, "registrations.delete", keep_lock);
  BOOST_TEST(refused.status == AZSCSP_E_CONFLICT);
  BOOST_TEST(Str(refused.error.if_contains("code")) == "ScopeLocked");

  // Registering again updates it (200) and replaces the lock.
  const Events again = Run(client, "registrations.register", arguments);
  BOOST_REQUIRE(again.status == AZSCSP_DONE);
  BOOST_TEST(Str(again.items[0].at("steps").as_array()[4].at("status")) == "Done");
  BOOST_TEST(Str(again.items[0].at("steps").as_array()[5].at("status")) == "AlreadyDone");

  const Events key = Run(client, "registrations.activationKey", Registration("issue4reg"));
  BOOST_REQUIRE(key.status == AZSCSP_DONE);
  BOOST_TEST(Str(key.items[0].at("activationKey")).size() > 20u);
  BOOST_TEST(Str(key.items[0].at("registrationName")) == "issue4reg");

  json::object by_cloud_id{{"subscriptionId", Fixtures::kRegistrationSubscription},
                           {"resourceGroupName", "azurestack"},
                           {"cloudId", "0A6D5C3E-1B2F-4E8D-9C7A-5F4E3D2C1B0A"}};
  const Events removed = Run(client, "registrations.unregister", by_cloud_id);
  BOOST_REQUIRE_MESSAGE(removed.status == AZSCSP_DONE, json::serialize(removed.error));
  BOOST_TEST(Str(removed.items[0].at("registrationName")) == "issue4reg");
  BOOST_TEST(removed.items[0].at("lockRemoved").as_bool());
  BOOST_TEST(removed.items[0].at("existed").as_bool());

  const Events gone = Run(client, "registrations.get", Registration("issue4reg"));
  BOOST_TEST(gone.status == AZSCSP_E_NOT_FOUND);
  const Events not_there = Run(client, "registrations.unregister", by_cloud_id);
  BOOST_TEST(not_there.status == AZSCSP_E_NOT_FOUND);
  BOOST_TEST(Str(not_there.error.if_contains("code")) == "RegistrationNotFound");
}

BOOST_AUTO_TEST_CASE(register_and_decode_report_the_token_flags) {
  json::object arguments = Registration("flagsreg");
  arguments["registrationToken"] = StampToken("7e1f0d2c-3b4a-4c5d-8e6f-9a0b1c2d3e4f", "Capacity");
  arguments["lock"] = false;
  const Events registered = Run(client, "registrations.register", arguments);
  BOOST_REQUIRE_MESSAGE(registered.status == AZSCSP_DONE, json::serialize(registered.error));
  const json::object& registration = registered.items[0].at("registration").as_object();
  BOOST_TEST(Str(registration.at("billingModel")) == "Capacity");
  // The registration resource does not carry the flags (the spec has none, nor does the emulator);
  // the item reports them from the token it registered.
  BOOST_TEST(registration.at("usageReportingEnabled").is_null());
  const json::object& token = registered.items[0].at("token").as_object();
  BOOST_TEST(Str(token.at("cloudId")) == "7e1f0d2c-3b4a-4c5d-8e6f-9a0b1c2d3e4f");
  BOOST_TEST(token.at("usageReportingEnabled").as_bool() == true);
  BOOST_TEST(token.at("marketplaceSyndicationEnabled").as_bool() == false);

  const Events decoded =
      Run(client, "registrationToken.decode",
          json::object{{"registrationToken", arguments.at("registrationToken")}});
  BOOST_REQUIRE_MESSAGE(decoded.status == AZSCSP_DONE, json::serialize(decoded.error));
  BOOST_TEST(Str(decoded.items[0].at("billingModel")) == "Capacity");
  const Events bad =
      Run(client, "registrationToken.decode", json::object{{"registrationToken", "not a token"}});
  BOOST_TEST(bad.status == AZSCSP_E_INVALID_ARGUMENT);
  BOOST_TEST(Str(registered.items[0].at("steps").as_array()[6].at("status")) == "Skipped");
}

BOOST_AUTO_TEST_CASE(bad_token_and_unknown_location_fail_with_named_errors) {
  json::object arguments = Registration("badreg");
  arguments["registrationToken"] = Base64(R"({"BillingModel":"Capacity"})");
  Events failed = Run(client, "registrations.register", arguments);
  BOOST_TEST(failed.status == AZSCSP_E_INVALID_ARGUMENT);
  BOOST_TEST(Str(failed.error.if_contains("message")).find("CloudId") != std::string::npos);
  arguments["registrationToken"] =
      StampToken("1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "PayAsYouUse");
  arguments["resourceGroupLocation"] = "ChinaEast";
  failed = Run(client, "registrations.register", arguments);
  BOOST_TEST(Str(failed.error.if_contains("code")) == "UnknownResourceGroupLocation");
}

BOOST_AUTO_TEST_CASE(preflight_passes_on_myreg) {
  auto statuses = Preflight("myreg", {{"customerSubscriptionId", Fixtures::kFabrikamSubscription},
                                      {"customerDomain", "fabrikam.onmicrosoft.com"}});
  BOOST_TEST(last_preflight.at("passed").as_bool());
  BOOST_TEST(statuses["RegistrationExists"] == "Passed");
  BOOST_TEST(statuses["BillingModel"] == "Passed");
  // Warning only while the emulator lacks the permissions API.
  BOOST_TEST((statuses["CanWrite"] == "Passed" || statuses["CanWrite"] == "Warning"));
  BOOST_TEST(statuses["MultiTenancyApproved"] == "Passed");
  BOOST_TEST(statuses["CustomerTenant"] == "Passed");
  BOOST_TEST(statuses["CustomerSubscriptionId"] == "Passed");
  BOOST_TEST(Str(last_preflight.at("tenantId")) == Fixtures::kFabrikamTenant);
  BOOST_TEST(Str(last_preflight.at("registration").at("cloudId")) == kMyRegCloudId);
}

BOOST_AUTO_TEST_CASE(preflight_can_write_passes_for_the_owner) {
  // Needs the emulator's permissions API (GET
  // {scope}/providers/Microsoft.Authorization/permissions).
  auto statuses = Preflight("myreg", {{"checks", json::array{"CanWrite"}}});
  BOOST_TEST(statuses.size() == 1u);
  BOOST_TEST(statuses["CanWrite"] == "Passed");
}

BOOST_AUTO_TEST_CASE(preflight_fails_billing_model_on_capacityreg) {
  auto statuses = Preflight("capacityreg");
  BOOST_TEST(!last_preflight.at("passed").as_bool());
  BOOST_TEST(statuses["BillingModel"] == "Failed");
  BOOST_TEST(statuses["MultiTenancyApproved"] == "Skipped");
  BOOST_TEST(Str(last_preflight.at("checks").as_array()[1].at("errorCode")) ==
             "CustomerSubscriptionsNotAllowed");
}

BOOST_AUTO_TEST_CASE(preflight_fails_multi_tenancy_on_unapprovedreg) {
  auto statuses = Preflight("unapprovedreg");
  BOOST_TEST(!last_preflight.at("passed").as_bool());
  BOOST_TEST(statuses["BillingModel"] == "Passed");
  BOOST_TEST(statuses["MultiTenancyApproved"] == "Failed");
  BOOST_TEST(Str(last_preflight.at("checks").as_array()[3].at("errorCode")) ==
             "UnauthorizedCspRegistration");
}

BOOST_AUTO_TEST_CASE(preflight_on_a_missing_registration_skips_the_rest) {
  auto statuses = Preflight("nosuchreg");
  BOOST_TEST(statuses["RegistrationExists"] == "Failed");
  BOOST_TEST(statuses["BillingModel"] == "Skipped");
  BOOST_TEST(last_preflight.at("registration").is_null());
}

BOOST_AUTO_TEST_CASE(resolves_tenants_by_domain) {
  Events resolved = Run(client, "tenants.resolve", {{"domain", "contosocsp.onmicrosoft.com"}});
  BOOST_REQUIRE(resolved.status == AZSCSP_DONE);
  BOOST_TEST(Str(resolved.items[0].at("tenantId")) == Fixtures::kHomeTenant);
  BOOST_TEST(Str(resolved.items[0].at("tokenEndpoint")).find(Fixtures::kHomeTenant) !=
             std::string::npos);
  resolved = Run(client, "tenants.resolve", {{"domain", "nowhere.onmicrosoft.com"}});
  BOOST_TEST(resolved.status == AZSCSP_E_NOT_FOUND);
  BOOST_TEST(Str(resolved.error.if_contains("code")) == "TenantNotFound");
  BOOST_TEST(Str(resolved.error.if_contains("message")).find("nowhere.onmicrosoft.com") !=
             std::string::npos);
  resolved = Run(client, "tenants.resolve", {{"domain", "contoso csp"}});
  BOOST_TEST(resolved.status == AZSCSP_E_INVALID_ARGUMENT);

  // An explicit authority (Get-AzsDirectoryTenantIdentifier -Authority) instead of the context's.
  resolved = Run(client, "tenants.resolve",
                 {{"domain", "fabrikam.onmicrosoft.com"}, {"authority", emulator.BaseUrl()}});
  BOOST_REQUIRE(resolved.status == AZSCSP_DONE);
  BOOST_TEST(Str(resolved.items[0].at("tenantId")) == "e40189a3-e640-46a3-b8ff-16b642010b0d");
  resolved = Run(client, "tenants.resolve",
                 {{"domain", "fabrikam.onmicrosoft.com"}, {"authority", "http://login.example"}});
  BOOST_TEST(resolved.status == AZSCSP_E_INVALID_ARGUMENT);
  BOOST_TEST(Str(resolved.error.if_contains("message")).find("http://login.example") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(refresh_token_needs_a_user_sign_in) {
  const Events refused = Run(client, "account.refreshToken", {});
  BOOST_TEST(Str(refused.error.if_contains("code")) == "UserSignInRequired");
  BOOST_TEST(Str(refused.error.if_contains("message")).find("Set-AzsRegistration") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(refresh_token_of_a_user_sign_in_is_returned_and_never_logged) {
  json::object options{
      {"environment", {{"name", "Emulator"}, {"resourceManagerUrl", emulator.BaseUrl() + "/"}}},
      {"credential",
       {{"type", "usernamePassword"},
        {"tenantId", "contosocsp.onmicrosoft.com"},
        {"username", "operator@contosocsp.onmicrosoft.com"},
        {"password", "emulator-operator-password"}}},
      {"tls", {{"caBundlePath", emulator.CaPath()}}},
      {"proxy", {{"url", ""}}},
      {"logLevel", "debug"}};
  azscsp_client* user = nullptr;
  BOOST_REQUIRE_EQUAL(azscsp_client_open(json::serialize(options).c_str(), &user), AZSCSP_OK);
  const Events events = Run(user, "account.refreshToken", {});
  azscsp_client_close(user);
  BOOST_REQUIRE_MESSAGE(events.status == AZSCSP_DONE, json::serialize(events.error));
  BOOST_REQUIRE_EQUAL(events.items.size(), 1u);
  const std::string refresh_token = Str(events.items[0].at("refreshToken"));
  BOOST_TEST(refresh_token.size() > 10u);
  BOOST_TEST(Str(events.items[0].at("account")) == "operator@contosocsp.onmicrosoft.com");
  BOOST_TEST(Str(events.items[0].at("tenantId")) == Fixtures::kHomeTenant);
  BOOST_TEST(!events.logs.empty());  // debug logging was on
  for (const auto& log : events.logs)
    BOOST_TEST(Str(log.at("message")).find(refresh_token) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(locks_put_and_delete_at_a_registration) {
  json::object lock{{"scope", RegistrationId("myreg")},
                    {"lockName", "issue4lock"},
                    {"level", "CanNotDelete"},
                    {"notes", "test"}};
  Events put = Run(client, "locks.put", lock);
  BOOST_REQUIRE_MESSAGE(put.status == AZSCSP_DONE, json::serialize(put.error));
  BOOST_TEST(Str(put.items[0].at("level")) == "CanNotDelete");
  Events deleted = Run(client, "locks.delete", lock);
  BOOST_REQUIRE(deleted.status == AZSCSP_DONE);
  BOOST_TEST(deleted.items[0].at("existed").as_bool());
}

BOOST_AUTO_TEST_CASE(role_assignment_ensure_is_idempotent) {
  // Needs the emulator's role assignments at a registration scope.
  json::object arguments{{"scope", RegistrationId("myreg")},
                         {"principalId", kOwnerObjectId},
                         {"roleDefinitionId", kRegistrationOwnerRole}};
  Events first = Run(client, "roleAssignments.ensure", arguments);
  BOOST_REQUIRE_MESSAGE(first.status == AZSCSP_DONE, json::serialize(first.error));
  BOOST_TEST(Str(first.items[0].at("status")) == "Done");
  BOOST_TEST(Str(first.items[0].at("roleDefinitionId")).find(kRegistrationOwnerRole) !=
             std::string::npos);
  Events second = Run(client, "roleAssignments.ensure", arguments);
  BOOST_REQUIRE(second.status == AZSCSP_DONE);
  BOOST_TEST(Str(second.items[0].at("status")) == "AlreadyDone");
  Events listed = Run(client, "roleAssignments.list",
                      {{"scope", RegistrationId("myreg")}, {"principalId", kOwnerObjectId}});
  int owner_role = 0;
  for (const auto& item : listed.items)
    owner_role +=
        Str(item.at("roleDefinitionId")).find(kRegistrationOwnerRole) != std::string::npos;
  BOOST_TEST(owner_role == 1);
}

BOOST_FIXTURE_TEST_CASE(role_assignment_waits_for_a_new_principal_to_replicate,
                        ReplicatingFixture) {
  // Needs POST /_emulator/servicePrincipals and the replication delay (PrincipalNotFound).
  const json::value created = json::parse(emulator.Control(
      "POST", "/_emulator/servicePrincipals", R"json({"displayName":"Azure Bridge (test)"})json"));
  const std::string object_id = Str(created.at("objectId"));
  BOOST_REQUIRE(!object_id.empty());
  const Events ensured = Run(client, "roleAssignments.ensure",
                             {{"scope", RegistrationId("myreg")},
                              {"principalId", object_id},
                              {"roleDefinitionId", kRegistrationOwnerRole}});
  BOOST_REQUIRE_MESSAGE(ensured.status == AZSCSP_DONE, json::serialize(ensured.error));
  BOOST_TEST(Str(ensured.items[0].at("principalId")) == object_id);
  BOOST_TEST(emulator.CountRequests("PUT", "roleAssignments") >= 2);  // retried PrincipalNotFound
}

BOOST_AUTO_TEST_SUITE_END()
