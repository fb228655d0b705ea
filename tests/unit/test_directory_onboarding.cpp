// Installing the stamp's applications in a directory: the plan as a pure function, then applied
// to an in-memory Graph directory (idempotence, a stamp update, replication, uninstall order).
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "azscsp/services/directory_onboarding.hpp"
#include "fake_graph.hpp"

namespace azscsp::services {
// Lets Boost.Test print change kinds in failed comparisons.
inline std::ostream& operator<<(std::ostream& out, OnboardingChange::Kind kind) {
  return out << static_cast<int>(kind);
}
}  // namespace azscsp::services

using namespace azscsp;
using namespace azscsp::testing;
using Kind = services::OnboardingChange::Kind;

namespace {

const std::string kGraphApp = "00000003-0000-0000-c000-000000000000";
const std::string kArmApp = "c79e8d2a-1b3c-4d5e-9f60-7a8b9c0d1e2f";
const std::string kClientApp = services::kAzurePowerShellClientId;
const std::string kDeployment = "a1b2c3d4-0000-4000-8000-000000000001";
const std::string kPolicy = "a1b2c3d4-0000-4000-8000-000000000002";
const std::string kNewApp = "a1b2c3d4-0000-4000-8000-000000000003";
const std::string kDirectoryReadAll = "7ab1d382-f21e-4acd-a863-ba3e13f7da61";

services::ApplicationRegistration App(const std::string& app_id,
                                      std::vector<std::string> role_ids = {kDirectoryReadAll},
                                      std::string graph_scope = "User.Read") {
  services::ApplicationRegistration app;
  app.app_id = app_id;
  app.tags = {"AzureStack"};
  for (const auto& role : role_ids) app.app_role_assignments.push_back({app_id, kGraphApp, role});
  app.oauth2_permission_grants.push_back({app_id, kGraphApp, graph_scope});
  app.oauth2_permission_grants.push_back({app_id, kArmApp, "user_impersonation"});
  return app;
}

graph::ServicePrincipal Sp(const std::string& id, const std::string& app_id,
                           std::vector<std::string> tags = {}) {
  graph::ServicePrincipal sp;
  sp.id = id;
  sp.app_id = app_id;
  sp.tags = std::move(tags);
  return sp;
}

// A directory where App(kDeployment) is fully installed.
services::DirectoryState Installed() {
  services::DirectoryState state;
  state.service_principals[kGraphApp] = Sp("g", kGraphApp);
  state.service_principals[kArmApp] = Sp("arm", kArmApp);
  state.service_principals[kDeployment] = Sp("d", kDeployment, {"AzureStack"});
  state.grants.push_back({"grant-1", "d", "AllPrincipals", "", "g", "User.Read"});
  state.grants.push_back({"grant-2", "d", "AllPrincipals", "", "arm", "user_impersonation"});
  state.app_role_assignments.push_back({"as-1", kDirectoryReadAll, "d", "ServicePrincipal", "g"});
  return state;
}

std::vector<Kind> Kinds(const std::vector<services::OnboardingChange>& changes) {
  std::vector<Kind> kinds;
  for (const auto& change : changes) kinds.push_back(change.kind);
  return kinds;
}

boost::json::object StampApp(const std::string& app_id) {
  return {{"appId", app_id},
          {"tags", {"AzureStack"}},
          {"appRoleAssignments",
           boost::json::array{
               {{"client", app_id}, {"resource", kGraphApp}, {"roleId", kDirectoryReadAll}}}},
          {"oAuth2PermissionGrants",
           boost::json::array{
               {{"client", app_id}, {"resource", kGraphApp}, {"scope", "User.Read"}},
               {{"client", app_id}, {"resource", kArmApp}, {"scope", "user_impersonation"}}}}};
}

// A guest directory with only Microsoft Graph, and a stamp serving metadata/identity and
// applicationRegistrations on the ARM routes.
struct OnboardingFixture : GraphService {
  ManualClock clock;
  boost::json::array stamp_apps{StampApp(kDeployment), StampApp(kPolicy)};
  std::shared_ptr<CapturingLogSink> sink = std::make_shared<CapturingLogSink>();
  util::Context context = util::Context().WithLogSink(sink);
  services::OnboardingOptions options;

  OnboardingFixture() {
    directory.catalog[kGraphApp] = {
        {"displayName", "Microsoft Graph"},
        {"appRoles",
         boost::json::array{{{"id", kDirectoryReadAll}, {"value", "Directory.Read.All"}}}}};
    directory.AddServicePrincipal(kGraphApp);
    Route("GET /metadata/identity", 200, R"({"applicationId":")" + kArmApp + R"("})");
    routes["GET /applicationRegistrations"] = [this](const http::Request&) {
      return MakeResponse(200, boost::json::serialize(boost::json::object{{"value", stamp_apps}}));
    };
    options.directory_tenant_name = "fabrikam.onmicrosoft.com";
  }
  services::DirectoryOnboarding Onboarding() {
    auto pipeline =
        std::make_shared<http::Pipeline>(std::vector<std::shared_ptr<http::Policy>>{}, transport);
    return services::DirectoryOnboarding(
        std::make_shared<graph::DirectoryClient>(graph_client),
        std::make_shared<services::StampIdentityClient>(pipeline, arm), clock);
  }
  std::string ScopeOf(const std::string& client_app, const std::string& resource_app) {
    for (const auto& grant : directory.grants)
      if (grant.at("clientId").as_string() == directory.IdOf(client_app) &&
          grant.at("resourceId").as_string() == directory.IdOf(resource_app))
        return std::string(grant.at("scope").as_string());
    return "(none)";
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(directory_onboarding_plan)

BOOST_AUTO_TEST_CASE(nothing_to_do_when_the_directory_has_everything) {
  BOOST_TEST(services::PlanInstall({App(kDeployment)}, Installed()).empty());
}

BOOST_AUTO_TEST_CASE(a_new_app_after_a_stamp_update_adds_exactly_its_principal_and_grants) {
  const auto changes = services::PlanInstall({App(kDeployment), App(kNewApp)}, Installed());
  BOOST_TEST(Kinds(changes) == (std::vector<Kind>{Kind::CreateServicePrincipal, Kind::CreateGrant,
                                                  Kind::CreateGrant, Kind::AssignAppRole}),
             boost::test_tools::per_element());
  for (const auto& change : changes) {
    BOOST_TEST(change.app_id == kNewApp);
    BOOST_TEST(change.target_app_id == kNewApp);
  }
  BOOST_TEST(changes[0].tags == std::vector<std::string>{"AzureStack"},
             boost::test_tools::per_element());
  BOOST_TEST(changes[1].resource_app_id == kGraphApp);
  BOOST_TEST(changes[1].scope == "User.Read");
  BOOST_TEST(changes[2].scope == "user_impersonation");
  BOOST_TEST(changes[3].app_role_id == kDirectoryReadAll);
}

BOOST_AUTO_TEST_CASE(missing_scopes_are_merged_into_the_existing_grant) {
  const auto changes = services::PlanInstall(
      {App(kDeployment, {kDirectoryReadAll}, "User.Read Directory.Read.All")}, Installed());
  BOOST_REQUIRE_EQUAL(changes.size(), 1u);
  BOOST_TEST((changes[0].kind == Kind::AddGrantScopes));
  BOOST_TEST(changes[0].grant_id == "grant-1");
  BOOST_TEST(changes[0].scope == "User.Read Directory.Read.All");
}

BOOST_AUTO_TEST_CASE(grants_of_one_pair_across_entries_are_one_grant) {
  auto app = App(kNewApp, {});
  app.oauth2_permission_grants.push_back({kNewApp, kGraphApp, "Directory.Read.All User.Read"});
  const auto changes = services::PlanInstall({app}, Installed());
  BOOST_TEST(Kinds(changes) == (std::vector<Kind>{Kind::CreateServicePrincipal, Kind::CreateGrant,
                                                  Kind::CreateGrant}),
             boost::test_tools::per_element());
  BOOST_TEST(changes[1].scope == "User.Read Directory.Read.All");
}

BOOST_AUTO_TEST_CASE(missing_tags_are_added_keeping_the_existing_ones) {
  auto state = Installed();
  state.service_principals[kDeployment].tags = {"WindowsAzureActiveDirectoryIntegratedApp"};
  const auto changes = services::PlanInstall({App(kDeployment)}, state);
  BOOST_REQUIRE_EQUAL(changes.size(), 1u);
  BOOST_TEST((changes[0].kind == Kind::SetTags));
  BOOST_TEST(changes[0].tags == (std::vector<std::string>{
                                    "WindowsAzureActiveDirectoryIntegratedApp", "AzureStack"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_missing_resource_principal_is_created_first_without_tags) {
  auto state = Installed();
  state.service_principals.erase(kArmApp);
  state.grants.pop_back();
  const auto changes = services::PlanInstall({App(kDeployment)}, state);
  BOOST_TEST(Kinds(changes) == (std::vector<Kind>{Kind::CreateServicePrincipal, Kind::CreateGrant}),
             boost::test_tools::per_element());
  BOOST_TEST(changes[0].target_app_id == kArmApp);
  BOOST_TEST(changes[0].tags.empty());
  BOOST_TEST(changes[1].resource_app_id == kArmApp);
}

BOOST_AUTO_TEST_CASE(app_roles_named_by_value_are_matched_by_id) {
  auto state = Installed();
  state.service_principals[kGraphApp].app_roles = {{kDirectoryReadAll, "Directory.Read.All"}};
  BOOST_TEST(services::PlanInstall({App(kDeployment, {"Directory.Read.All"})}, state).empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(directory_onboarding, OnboardingFixture)

BOOST_AUTO_TEST_CASE(install_configures_everything_then_nothing_on_a_second_run) {
  const auto first = Onboarding().Install(options, context);
  BOOST_REQUIRE_EQUAL(first.applications.size(), 4u);  // stamp ARM app, client, two stamp apps
  BOOST_TEST(first.applications[0].app_id == kArmApp);
  BOOST_TEST(first.applications[1].app_id == kClientApp);
  for (const auto& app : first.applications) {
    BOOST_TEST(app.changed);
    BOOST_TEST(!app.service_principal_id.empty());
  }
  BOOST_TEST(ScopeOf(kClientApp, kArmApp) == "user_impersonation");
  BOOST_TEST(ScopeOf(kDeployment, kGraphApp) == "User.Read");
  BOOST_TEST(ScopeOf(kPolicy, kArmApp) == "user_impersonation");
  BOOST_TEST(directory.assignments.size() == 2u);
  BOOST_TEST(directory.Principal(kDeployment)->at("tags").as_array().at(0).as_string() ==
             "AzureStack");
  // 2 principals + 1 grant, then per app: principal, 2 grants, 1 app role.
  BOOST_TEST(first.change_count == 3 + 2 * 4);
  BOOST_TEST(sink->Text().find("Directory fabrikam.onmicrosoft.com: Created the service "
                               "principal of " +
                               kDeployment) != std::string::npos);

  const size_t writes = directory.writes.size();
  const auto second = Onboarding().Install(options, context);
  BOOST_TEST(second.change_count == 0);
  for (const auto& app : second.applications) BOOST_TEST(!app.changed);
  BOOST_TEST(directory.writes.size() == writes);
}

BOOST_AUTO_TEST_CASE(reinstall_after_a_stamp_update_adds_exactly_the_new_app) {
  Onboarding().Install(options, context);
  stamp_apps.push_back(StampApp(kNewApp));
  directory.writes.clear();
  const auto result = Onboarding().Install(options, context);
  BOOST_TEST(result.change_count == 4);
  for (const auto& app : result.applications) BOOST_TEST(app.changed == (app.app_id == kNewApp));
  BOOST_TEST(directory.writes.size() == 4u);
  BOOST_TEST(directory.writes.at(0) == "POST /servicePrincipals");
}

BOOST_AUTO_TEST_CASE(replication_404s_after_a_create_are_retried) {
  directory.not_found_after_create = 2;
  const auto result = Onboarding().Install(options, context);
  BOOST_TEST(result.change_count == 11);
  BOOST_TEST(clock.Sleeps().size() == 2u);
  BOOST_TEST(clock.Sleeps().at(0).count() == 5000);
}

BOOST_AUTO_TEST_CASE(replication_retries_are_bounded) {
  directory.not_found_after_create = 100;
  options.replication_attempts = 3;
  try {
    Onboarding().Install(options, context);
    BOOST_FAIL("expected Request_ResourceNotFound");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Details().code == "Request_ResourceNotFound");
  }
  BOOST_TEST(clock.Sleeps().size() == 2u);
}

BOOST_AUTO_TEST_CASE(the_stamp_token_is_retried_while_the_new_principal_propagates) {
  int refused = 2;
  routes["GET /applicationRegistrations"] = [&](const http::Request&) {
    if (refused-- > 0) return MakeResponse(401, ArmErrorBody("InvalidAuthenticationToken"));
    return MakeResponse(200, boost::json::serialize(boost::json::object{{"value", stamp_apps}}));
  };
  const auto result = Onboarding().Install(options, context);
  BOOST_TEST(result.applications.size() == 4u);
  BOOST_TEST(clock.Sleeps().size() == 2u);
  BOOST_TEST(Count("GET /applicationRegistrations") == 3);
}

BOOST_AUTO_TEST_CASE(cancellation_stops_the_token_wait) {
  routes["GET /applicationRegistrations"] = [&](const http::Request&) {
    context.Cancel();
    return MakeResponse(401, ArmErrorBody("InvalidAuthenticationToken"));
  };
  BOOST_CHECK_THROW(Onboarding().Install(options, context), CancelledError);
}

BOOST_AUTO_TEST_CASE(a_directory_the_operator_has_not_onboarded_fails_at_once) {
  Route("GET /applicationRegistrations", 401, ArmErrorBody("InvalidAuthenticationTokenTenant"));
  try {
    Onboarding().Install(options, context);
    BOOST_FAIL("expected InvalidAuthenticationTokenTenant");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Details().code == "InvalidAuthenticationTokenTenant");
  }
  BOOST_TEST(clock.Sleeps().empty());
}

BOOST_AUTO_TEST_CASE(a_reader_without_a_directory_role_gets_graph_403) {
  directory.deny_writes = true;
  try {
    Onboarding().Install(options, context);
    BOOST_FAIL("expected Authorization_RequestDenied");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Kind() == ErrorKind::PermissionDenied);
    BOOST_TEST(error.Details().code == "Authorization_RequestDenied");
  }
  BOOST_TEST(directory.service_principals.size() == 1u);
}

BOOST_AUTO_TEST_CASE(uninstall_removes_each_principal_and_the_stamp_arm_one_last) {
  Onboarding().Install(options, context);
  const std::string arm_sp = directory.IdOf(kArmApp);
  const auto result = Onboarding().Uninstall(options, context);
  BOOST_REQUIRE_EQUAL(result.applications.size(), 3u);
  BOOST_TEST(result.applications[0].app_id == kDeployment);
  BOOST_TEST(result.applications[1].app_id == kPolicy);
  BOOST_TEST(result.applications[2].app_id == kArmApp);
  for (const auto& app : result.applications) BOOST_TEST(app.removed);
  BOOST_TEST(directory.writes.back() == "DELETE /servicePrincipals/" + arm_sp);
  BOOST_TEST(!directory.Principal(kDeployment));
  BOOST_TEST(directory.Principal(kGraphApp));  // never the resources' own
  BOOST_TEST(directory.Principal(kClientApp));
  // Nothing left: nothing removed.
  directory.service_principals.erase(
      std::remove_if(directory.service_principals.begin(), directory.service_principals.end(),
                     [&](const auto& sp) { return sp.at("appId").as_string() == kArmApp; }),
      directory.service_principals.end());
  for (const auto& app : Onboarding().Uninstall(options, context).applications)
    BOOST_TEST(!app.removed);
}

BOOST_AUTO_TEST_SUITE_END()
