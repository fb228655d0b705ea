// Issue 5 through the C ABI against the emulator's stamp listeners: the operator registers guest
// directories on the admin ARM, each guest admin installs the stamp's applications in its
// directory via the tenant ARM and Microsoft Graph, the health report sees them, a stamp update
// adds one application, then everything is taken down in the documented order.
#define BOOST_TEST_DYN_LINK
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <map>

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

constexpr const char* kDps = "8ab2551d-41e5-489b-9273-1cdf1cbc7dc6";
constexpr const char* kAdatumTenant = "f5a12742-f96c-4f7a-9a01-f2ad9beb4efc";
constexpr const char* kArmApp = "a4f3e9d2-6c1b-4e8a-9f70-3b2d1c0e5f61";
constexpr const char* kFabrikamStampSub = "6c1f0b9e-0a4f-4d8e-9a51-0f4f2b7d3c11";
constexpr const char* kNewApp = "0f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f";

// One signed-in context per (endpoint, user), as the module keeps them.
struct StampFixture {
  explicit StampFixture(int graph_replication_delay_ms = 0, bool health_report_array = false)
      : emulator([&] {
          azscsp::emulator::EmulatorOptions options;
          options.throttling = "off";
          options.graph_replication_delay_ms = graph_replication_delay_ms;
          options.health_report_array = health_report_array;
          return options;
        }()) {}

  EmulatorHarness emulator;
  std::vector<azscsp_client*> clients;

  ~StampFixture() {
    for (auto* client : clients) azscsp_client_close(client);
  }
  azscsp_client* SignIn(const std::string& arm_url, const std::string& tenant,
                        const std::string& user, const std::string& password) {
    json::object options{
        {"environment", {{"name", "AzureStackEmulator"}, {"resourceManagerUrl", arm_url + "/"}}},
        {"credential",
         {{"type", "usernamePassword"},
          {"tenantId", tenant},
          {"username", user},
          {"password", password}}},
        {"tls", {{"caBundlePath", emulator.CaPath()}}},
        {"proxy", {{"url", ""}}},
        {"retry", {{"baseDelayMs", 10}}}};
    azscsp_client* client = nullptr;
    BOOST_REQUIRE_EQUAL(azscsp_client_open(json::serialize(options).c_str(), &client), AZSCSP_OK);
    clients.push_back(client);
    return client;
  }
  azscsp_client* Operator() {
    return SignIn(emulator.AdminBaseUrl(), "contosocsp.onmicrosoft.com",
                  "operator@contosocsp.onmicrosoft.com", "emulator-operator-password");
  }
  azscsp_client* GuestAdmin(const std::string& domain) {
    return SignIn(emulator.TenantBaseUrl(), domain + ".onmicrosoft.com",
                  "admin@" + domain + ".onmicrosoft.com", "emulator-" + domain + "-admin-password");
  }

  Events Register(azscsp_client* client, const std::string& domain) {
    return Run(client, "directoryTenants.register",
               {{"resourceGroupName", "system.local"},
                {"location", "local"},
                {"guestDirectoryTenantName", domain}});
  }
  json::object Install(azscsp_client* client, const std::string& domain) {
    const Events installed = Run(client, "directory.install", {{"directoryTenantName", domain}});
    BOOST_REQUIRE_MESSAGE(installed.status == AZSCSP_DONE, json::serialize(installed.error));
    BOOST_REQUIRE_EQUAL(installed.items.size(), 1u);
    // One progress line per change, whatever the log level.
    int progress = 0;
    for (const auto& log : installed.logs)
      progress += Str(log.at("level")) == "info" &&
                  Str(log.at("message")).rfind("Directory " + domain + ": ", 0) == 0;
    BOOST_TEST(progress == installed.items[0].at("changeCount").as_int64());
    return installed.items[0];
  }
  static std::map<std::string, std::string> Statuses(const json::object& install) {
    std::map<std::string, std::string> statuses;
    for (const auto& app : install.at("applications").as_array())
      statuses[Str(app.at("appId"))] = Str(app.at("status"));
    return statuses;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(multitenancy_against_emulator, StampFixture)

BOOST_AUTO_TEST_CASE(operator_onboards_two_guests_who_install_then_everything_is_taken_down) {
  azscsp_client* op = Operator();
  const Events dps = Run(op, "adminSubscriptions.defaultProvider", {});
  BOOST_REQUIRE_MESSAGE(dps.status == AZSCSP_DONE, json::serialize(dps.error));
  BOOST_TEST(Str(dps.items.at(0).at("subscriptionId")) == kDps);

  for (const char* domain : {"fabrikam.onmicrosoft.com", "adatum.onmicrosoft.com"}) {
    const Events registered = Register(op, domain);
    BOOST_REQUIRE_MESSAGE(registered.status == AZSCSP_DONE, json::serialize(registered.error));
    BOOST_TEST(Str(registered.items.at(0).at("status")) == "Done");
  }
  // Already onboarded: nothing to change.
  const Events again = Register(op, "fabrikam.onmicrosoft.com");
  BOOST_REQUIRE(again.status == AZSCSP_DONE);
  BOOST_TEST(Str(again.items.at(0).at("status")) == "AlreadyDone");
  BOOST_TEST(Str(again.items.at(0).at("tenantId")) == Fixtures::kFabrikamTenant);
  const Events listed = Run(op, "directoryTenants.list", {{"resourceGroupName", "system.local"}});
  BOOST_REQUIRE(listed.status == AZSCSP_DONE);
  BOOST_TEST(listed.items.size() == 2u);
  const Events got =
      Run(op, "directoryTenants.get",
          {{"resourceGroupName", "system.local"}, {"name", "adatum.onmicrosoft.com"}});
  BOOST_REQUIRE_MESSAGE(got.status == AZSCSP_DONE, json::serialize(got.error));
  BOOST_TEST(Str(got.items.at(0).at("tenantId")) == kAdatumTenant);
  BOOST_TEST(Str(got.items.at(0).at("subscriptionId")) == kDps);
  // The home directory's applications, as the stamp lists them.
  const Events apps = Run(op, "stamp.applications", {});
  BOOST_REQUIRE_MESSAGE(apps.status == AZSCSP_DONE, json::serialize(apps.error));
  BOOST_TEST(apps.items.size() == 3u);

  // Each guest admin installs in its own directory through the tenant ARM.
  azscsp_client* fabrikam = GuestAdmin("fabrikam");
  azscsp_client* adatum = GuestAdmin("adatum");
  const json::object first = Install(fabrikam, "fabrikam.onmicrosoft.com");
  BOOST_TEST(first.at("changeCount").as_int64() > 0);
  BOOST_TEST(Str(first.at("tenantId")) == Fixtures::kFabrikamTenant);
  for (const auto& [app, status] : Statuses(first)) BOOST_TEST(status == "Configured", app);
  BOOST_TEST(Statuses(first).count(kArmApp) == 1u);
  const json::object adatum_install = Install(adatum, "adatum.onmicrosoft.com");
  BOOST_TEST(adatum_install.at("changeCount").as_int64() > 0);

  // The stamp sees home and both guests healthy.
  const Events health = Run(op, "identity.healthReport", {});
  BOOST_REQUIRE_MESSAGE(health.status == AZSCSP_DONE, json::serialize(health.error));
  const json::object& report = health.items.at(0);
  BOOST_TEST(Str(report.at("status")) == "Healthy", json::serialize(report));
  std::map<std::string, std::string> directories;
  for (const auto& directory : report.at("directoryTenants").as_array())
    directories[Str(directory.at("tenantId"))] = Str(directory.at("status"));
  BOOST_TEST(directories.size() == 3u);
  BOOST_TEST(directories[Fixtures::kFabrikamTenant] == "Healthy");
  BOOST_TEST(directories[kAdatumTenant] == "Healthy");

  // A second run changes nothing; after a stamp update it adds exactly the new application.
  BOOST_TEST(Install(fabrikam, "fabrikam.onmicrosoft.com").at("changeCount").as_int64() == 0);
  emulator.Control("POST", "/_emulator/stamp/applications",
                   json::serialize(json::object{
                       {"appId", kNewApp},
                       {"displayName", "Azure Stack - New Resource Provider"},
                       {"tags", {"AzureStack"}},
                       {"appRoles", json::array{}},
                       {"oauth2PermissionScopes", json::array{}},
                       {"appRoleAssignments", json::array{}},
                       {"oauth2PermissionGrants",
                        json::array{{{"resource", kArmApp}, {"scope", "user_impersonation"}}}}}));
  const json::object update = Install(fabrikam, "fabrikam.onmicrosoft.com");
  for (const auto& [app, status] : Statuses(update))
    BOOST_TEST(status == (app == kNewApp ? "Configured" : "AlreadyConfigured"), app);
  BOOST_TEST(update.at("changeCount").as_int64() == 2);  // its principal and its grant
  const Events after_update = Run(op, "identity.healthReport", {});
  BOOST_REQUIRE(after_update.status == AZSCSP_DONE);
  for (const auto& directory : after_update.items.at(0).at("directoryTenants").as_array())
    if (Str(directory.at("tenantId")) == kAdatumTenant)
      BOOST_TEST(Str(directory.at("status")) == "Unhealthy");  // not re-installed yet

  // Down: each guest uninstalls, then the operator removes the directory tenants.
  for (auto* guest : {fabrikam, adatum}) {
    const Events removed = Run(guest, "directory.uninstall", {});
    BOOST_REQUIRE_MESSAGE(removed.status == AZSCSP_DONE, json::serialize(removed.error));
    const auto& apps = removed.items.at(0).at("applications").as_array();
    BOOST_TEST(Str(apps.back().at("appId")) == kArmApp);
    BOOST_TEST(apps.back().at("removed").as_bool());
  }
  for (const char* domain : {"fabrikam.onmicrosoft.com", "adatum.onmicrosoft.com"}) {
    const Events deleted = Run(op, "directoryTenants.delete",
                               {{"resourceGroupName", "system.local"}, {"name", domain}});
    BOOST_REQUIRE_MESSAGE(deleted.status == AZSCSP_DONE, json::serialize(deleted.error));
    const json::value& existed = deleted.items.at(0).at("existed");
    BOOST_TEST((existed.is_null() || existed.as_bool()));
  }
  const Events none = Run(op, "directoryTenants.list", {{"resourceGroupName", "system.local"}});
  BOOST_TEST(none.items.empty());
}

BOOST_AUTO_TEST_CASE(guest_owner_is_invited_and_made_owner_once) {
  azscsp_client* op = Operator();
  BOOST_REQUIRE(Register(op, "fabrikam.onmicrosoft.com").status == AZSCSP_DONE);
  azscsp_client* fabrikam = GuestAdmin("fabrikam");
  Install(fabrikam, "fabrikam.onmicrosoft.com");
  const json::object arguments{{"subscriptionId", kFabrikamStampSub},
                               {"invitedUserEmailAddress", "operator@contosocsp.onmicrosoft.com"}};
  const Events granted = Run(fabrikam, "guestOwner.grant", arguments);
  BOOST_REQUIRE_MESSAGE(granted.status == AZSCSP_DONE, json::serialize(granted.error));
  BOOST_TEST(Str(granted.items.at(0).at("invitationStatus")) == "PendingAcceptance");
  BOOST_TEST(Str(granted.items.at(0).at("status")) == "Done");
  const Events again = Run(fabrikam, "guestOwner.grant", arguments);
  BOOST_REQUIRE(again.status == AZSCSP_DONE);
  BOOST_TEST(Str(again.items.at(0).at("invitationStatus")) == "Existing");
  BOOST_TEST(Str(again.items.at(0).at("status")) == "AlreadyDone");
  const Events owners = Run(fabrikam, "guestOwner.list", {});
  BOOST_REQUIRE_MESSAGE(owners.status == AZSCSP_DONE, json::serialize(owners.error));
  BOOST_REQUIRE_EQUAL(owners.items.size(), 1u);
  BOOST_TEST(Str(owners.items[0].at("subscriptionId")) == kFabrikamStampSub);
  BOOST_TEST(Str(owners.items[0].at("mail")) == "operator@contosocsp.onmicrosoft.com");
}

BOOST_AUTO_TEST_CASE(failures_name_their_cause) {
  azscsp_client* op = Operator();
  const Events unknown = Register(op, "nowhere.example");
  BOOST_TEST(unknown.status == AZSCSP_E_NOT_FOUND);
  BOOST_TEST(Str(unknown.error.if_contains("code")) == "TenantNotFound");

  azscsp_client* reader =
      SignIn(emulator.TenantBaseUrl(), "fabrikam.onmicrosoft.com",
             "reader@fabrikam.onmicrosoft.com", "emulator-fabrikam-reader-password");
  const Events denied = Run(reader, "directory.install", {});
  BOOST_TEST(denied.status == AZSCSP_E_PERMISSION_DENIED);
  BOOST_TEST(Str(denied.error.if_contains("code")) == "Authorization_RequestDenied");
  BOOST_TEST(denied.error.at("httpStatus").as_int64() == 403);
  BOOST_TEST(!Str(denied.error.if_contains("requestId")).empty());

  // A guest the operator has not onboarded: the stamp refuses its token, at once.
  const Events refused = Run(GuestAdmin("adatum"), "directory.install", {});
  BOOST_TEST(refused.status == AZSCSP_E_AUTHENTICATION);
  BOOST_TEST(Str(refused.error.if_contains("code")) == "InvalidAuthenticationTokenTenant");
}

BOOST_AUTO_TEST_CASE(the_operator_updates_the_home_directory) {
  // Update-AzsHomeDirectoryTenant: the admin ARM in the home directory, set up by the fixtures.
  const json::object home = Install(Operator(), "contosocsp.onmicrosoft.com");
  BOOST_TEST(Str(home.at("tenantId")) == Fixtures::kHomeTenant);
  for (const auto& app : home.at("applications").as_array())
    if (Str(app.at("appId")) != "1950a258-227b-4e31-a9cf-717495945fc2")
      BOOST_TEST(Str(app.at("status")) == "AlreadyConfigured", Str(app.at("appId")));
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

// New service principals stay invisible for a while: the stamp's token in the guest directory is
// refused (AADSTS500011) until the stamp ARM principal replicates; install waits for it.
struct ReplicatingStampFixture : StampFixture {
  ReplicatingStampFixture() : StampFixture(1500) {}
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(multitenancy_replication_against_emulator, ReplicatingStampFixture)

BOOST_AUTO_TEST_CASE(install_waits_for_the_stamp_principal_to_replicate) {
  BOOST_REQUIRE(Register(Operator(), "fabrikam.onmicrosoft.com").status == AZSCSP_DONE);
  const json::object installed = Install(GuestAdmin("fabrikam"), "fabrikam.onmicrosoft.com");
  for (const auto& [app, status] : Statuses(installed)) BOOST_TEST(status == "Configured", app);
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

// The emulator answers checkIdentityHealth with directoryTenants as a plain array (docs shape).
struct ArrayHealthFixture : StampFixture {
  ArrayHealthFixture() : StampFixture(0, true) {}
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(multitenancy_docs_shape_against_emulator, ArrayHealthFixture)

BOOST_AUTO_TEST_CASE(health_report_as_a_plain_array_reads_the_same) {
  const Events health = Run(Operator(), "identity.healthReport", {});
  BOOST_REQUIRE_MESSAGE(health.status == AZSCSP_DONE, json::serialize(health.error));
  const json::object& report = health.items.at(0);
  BOOST_TEST(Str(report.at("status")) == "Healthy");
  const auto& directories = report.at("directoryTenants").as_array();
  BOOST_REQUIRE_EQUAL(directories.size(), 1u);
  BOOST_TEST(Str(directories[0].at("tenantId")) == Fixtures::kHomeTenant);
  BOOST_TEST(directories[0].at("applications").as_array().size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
