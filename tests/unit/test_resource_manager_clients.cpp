#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "azscsp/services/locks_client.hpp"
#include "azscsp/services/permissions_client.hpp"
#include "azscsp/services/providers_client.hpp"
#include "azscsp/services/registrations_client.hpp"
#include "azscsp/services/resource_groups_client.hpp"
#include "azscsp/services/role_assignments_client.hpp"
#include "azscsp/util/ids.hpp"
#include "service_fixture.hpp"

using namespace azscsp;
using namespace azscsp::testing;

namespace {

const std::string kProvider =
    "/subscriptions/" + kTestSubscription + "/providers/Microsoft.AzureStack";
const std::string kAssignments =
    kTestRegistrationPath + "/providers/Microsoft.Authorization/roleAssignments";
const std::string kPrincipal = "9291468e-4be4-4779-a407-7346b4963ebc";

std::string Provider(const std::string& state) {
  return R"({"namespace":"Microsoft.AzureStack","registrationState":")" + state + R"("})";
}

std::string Assignment(const std::string& name, const std::string& role_guid,
                       const std::string& scope = kTestRegistrationPath) {
  return R"({"id":")" + kAssignments + "/" + name + R"(","name":")" + name +
         R"(","type":"Microsoft.Authorization/roleAssignments","properties":{"roleDefinitionId":"/subscriptions/)" +
         kTestSubscription + "/providers/Microsoft.Authorization/roleDefinitions/" + role_guid +
         R"(","principalId":")" + kPrincipal + R"(","principalType":"ServicePrincipal","scope":")" +
         scope + R"("}})";
}

services::Permission Perm(std::vector<std::string> actions,
                          std::vector<std::string> not_actions = {}) {
  return {std::move(actions), std::move(not_actions), {}, {}};
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(resource_manager_clients, RoutedService)

BOOST_AUTO_TEST_CASE(provider_already_registered_needs_no_post) {
  Route("GET " + kProvider, 200, Provider("Registered"));
  ManualClock clock;
  const auto result = services::ProvidersClient(arm, clock)
                          .Register(kTestSubscription, "Microsoft.AzureStack", {}, {});
  BOOST_TEST(result.already_registered);
  BOOST_TEST(Count("POST " + kProvider + "/register") == 0);
}

BOOST_AUTO_TEST_CASE(provider_registration_polls_every_interval_until_registered) {
  int gets = 0;
  routes["GET " + kProvider] = [&](const http::Request&) {
    ++gets;
    return MakeResponse(
        200, Provider(gets < 4 ? (gets == 1 ? "NotRegistered" : "Registering") : "Registered"));
  };
  Route("POST " + kProvider + "/register", 200, Provider("Registering"));
  ManualClock clock;
  const auto result = services::ProvidersClient(arm, clock)
                          .Register(kTestSubscription, "Microsoft.AzureStack", {}, {});
  BOOST_TEST(!result.already_registered);
  BOOST_TEST(result.state == "Registered");
  BOOST_TEST(result.polls == 3);
  BOOST_TEST(clock.Sleeps().size() == 3u);
  BOOST_TEST(clock.Sleeps()[0].count() == 1000);
}

BOOST_AUTO_TEST_CASE(provider_registration_times_out_naming_the_state) {
  routes["GET " + kProvider] = [&](const http::Request&) {
    return MakeResponse(200, Provider(calls.size() == 1 ? "NotRegistered" : "Registering"));
  };
  Route("POST " + kProvider + "/register", 200, Provider("Registering"));
  ManualClock clock;
  try {
    services::ProvidersClient(arm, clock)
        .Register(kTestSubscription, "Microsoft.AzureStack", {}, {});
    BOOST_FAIL("expected a timeout");
  } catch (const TimeoutError& error) {
    BOOST_TEST(std::string(error.what()).find("'Registering'") != std::string::npos);
  }
  BOOST_TEST(clock.Sleeps().size() == 60u);
}

BOOST_AUTO_TEST_CASE(provider_polling_stops_when_cancelled) {
  util::Context context;
  int gets = 0;
  routes["GET " + kProvider] = [&](const http::Request&) {
    if (++gets == 3) context.Cancel();  // cancelled while waiting
    return MakeResponse(200, Provider(gets == 1 ? "NotRegistered" : "Registering"));
  };
  Route("POST " + kProvider + "/register", 200, Provider("Registering"));
  ManualClock clock;
  BOOST_CHECK_THROW(services::ProvidersClient(arm, clock)
                        .Register(kTestSubscription, "Microsoft.AzureStack", {}, context),
                    CancelledError);
  BOOST_TEST(gets == 3);
}

BOOST_AUTO_TEST_CASE(resource_group_get_is_nullopt_when_absent_and_put_reports_created) {
  const std::string group = "/subscriptions/" + kTestSubscription + "/resourcegroups/azurestack";
  Route("GET " + group, 404, ArmErrorBody("ResourceGroupNotFound"));
  Route("PUT " + group, 201, R"({"id":"x","name":"azurestack","location":"westcentralus"})");
  services::ResourceGroupsClient groups(arm);
  BOOST_TEST(!groups.Get(kTestSubscription, "azurestack", {}).has_value());
  const auto created = groups.CreateOrUpdate(kTestSubscription, "azurestack", "westcentralus", {});
  BOOST_TEST(created.created);
  BOOST_TEST(transport->Requests().back().body == R"({"location":"westcentralus"})");
}

BOOST_AUTO_TEST_CASE(locations_match_by_name_or_display_name) {
  Route(
      "GET /subscriptions/" + kTestSubscription + "/locations", 200,
      R"({"value":[{"name":"westcentralus","displayName":"West Central US"},{"name":"eastus","displayName":"East US"}]})");
  const auto locations = services::LocationsClient(arm).List(kTestSubscription, {});
  BOOST_TEST(locations.size() == 2u);
  BOOST_TEST(services::FindLocation(locations, "West Central US")->name == "westcentralus");
  BOOST_TEST(services::FindLocation(locations, "EASTUS")->name == "eastus");
  BOOST_TEST(!services::FindLocation(locations, "ChinaEast").has_value());
}

BOOST_AUTO_TEST_CASE(locks_list_get_put_delete_at_a_scope) {
  const std::string locks = kTestRegistrationPath + "/providers/Microsoft.Authorization/locks";
  const std::string lock_json =
      R"({"id":")" + locks +
      R"(/RegistrationResourceLock","name":"RegistrationResourceLock","properties":{"level":"CanNotDelete","notes":"n"}})";
  Route("GET " + locks, 200, R"({"value":[)" + lock_json + "]}");
  Route("GET " + locks + "/missing", 404, ArmErrorBody("LockNotFound"));
  Route("PUT " + locks + "/RegistrationResourceLock", 201, lock_json);
  Route("DELETE " + locks + "/RegistrationResourceLock", 200);
  services::LocksClient client(arm);
  const std::string scope = kTestRegistrationPath.substr(1);  // leading '/' optional
  BOOST_TEST(client.List(scope, {}).at(0).level == "CanNotDelete");
  BOOST_TEST(!client.Get(scope, "missing", {}).has_value());
  const auto put = client.Put(scope, "RegistrationResourceLock", "cannotdelete",
                              services::RegistrationLockNotes("myreg"), {});
  BOOST_TEST(put.name == "RegistrationResourceLock");
  BOOST_TEST(transport->Requests().back().url.target.find("api-version=2020-05-01") !=
             std::string::npos);
  BOOST_TEST(transport->Requests().back().body.find(R"("level":"CanNotDelete")") !=
             std::string::npos);
  BOOST_TEST(client.Delete(scope, "RegistrationResourceLock", {}).existed.value());
  BOOST_CHECK_THROW(client.Put(scope, "l", "Sometimes", "", {}), InvalidArgumentError);
  BOOST_CHECK_THROW(client.List("/resourceGroups/x", {}), InvalidArgumentError);
}

BOOST_AUTO_TEST_CASE(role_assignment_list_sends_the_principal_filter) {
  Route("GET " + kAssignments, 200, R"({"value":[]})");
  services::RoleAssignmentsClient(arm).List(kTestRegistrationPath, kPrincipal, {});
  const std::string& target = transport->Requests().at(0).url.target;
  BOOST_TEST(target.find("$filter=principalId%20eq%20%27" + kPrincipal + "%27") !=
             std::string::npos);
  BOOST_TEST(target.find("api-version=2022-04-01") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(role_assignment_ensure_finds_an_existing_one_first) {
  Route("GET " + kAssignments, 200,
        R"({"value":[)" +
            Assignment("11111111-1111-1111-1111-111111111111", services::kRegistrationOwnerRoleId) +
            "]}");
  const auto result = services::RoleAssignmentsClient(arm).Ensure(
      kTestRegistrationPath, kPrincipal, services::kRegistrationOwnerRoleId, {}, {});
  BOOST_TEST(result.already_done);
  BOOST_TEST(calls.size() == 1u);  // no PUT
}

BOOST_AUTO_TEST_CASE(role_assignment_ensure_puts_a_new_guid_and_retries_principal_not_found) {
  Route("GET " + kAssignments, 200, R"({"value":[]})");
  int puts = 0;
  std::string body;
  transport->SetHandler(nullptr);
  auto handler = [&](const http::Request& request) {
    const std::string method = http::MethodName(request.method);
    if (method == "GET") return MakeResponse(200, R"({"value":[]})");
    body = request.body;
    if (++puts < 3) return MakeResponse(400, ArmErrorBody("PrincipalNotFound"));
    const std::string path = request.url.target.substr(0, request.url.target.find('?'));
    return MakeResponse(201, Assignment(path.substr(path.find_last_of('/') + 1),
                                        services::kRegistrationOwnerRoleId));
  };
  transport->SetHandler(handler);
  ManualClock clock;
  const auto result =
      services::RoleAssignmentsClient(arm, clock)
          .Ensure(kTestRegistrationPath, kPrincipal, services::kRegistrationOwnerRoleId, {}, {});
  BOOST_TEST(!result.already_done);
  BOOST_TEST(result.principal_not_found_retries == 2);
  BOOST_TEST(clock.Sleeps().size() == 2u);
  BOOST_TEST(clock.Sleeps()[1].count() > clock.Sleeps()[0].count());  // backs off
  BOOST_TEST(util::IsGuid(result.assignment.name));
  BOOST_TEST(body.find("/subscriptions/" + kTestSubscription +
                       "/providers/Microsoft.Authorization/roleDefinitions/" +
                       services::kRegistrationOwnerRoleId) != std::string::npos);
  BOOST_TEST(body.find(R"("principalType":"ServicePrincipal")") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(role_assignment_ensure_gives_up_on_principal_not_found_after_the_limit) {
  transport->SetHandler([](const http::Request& request) {
    if (request.method == http::Method::Get) return MakeResponse(200, R"({"value":[]})");
    return MakeResponse(400, ArmErrorBody("PrincipalNotFound"));
  });
  ManualClock clock;
  services::EnsureRoleOptions options;
  options.principal_wait = std::chrono::seconds(10);
  try {
    services::RoleAssignmentsClient(arm, clock)
        .Ensure(kTestRegistrationPath, kPrincipal, services::kRegistrationOwnerRoleId, options, {});
    BOOST_FAIL("expected PrincipalNotFound");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Details().code == "PrincipalNotFound");
  }
  BOOST_TEST(clock.Sleeps().size() == 2u);  // 2 s + 4 s; 8 s more would pass 10 s
}

BOOST_AUTO_TEST_CASE(role_assignment_exists_conflict_is_already_done) {
  transport->SetHandler([](const http::Request& request) {
    if (request.method == http::Method::Get) return MakeResponse(200, R"({"value":[]})");
    return MakeResponse(409, ArmErrorBody("RoleAssignmentExists"));
  });
  const auto result = services::RoleAssignmentsClient(arm).Ensure(
      kTestRegistrationPath, kPrincipal, services::kRegistrationOwnerRoleId, {}, {});
  BOOST_TEST(result.already_done);
  BOOST_TEST(result.assignment.principal_id == kPrincipal);
}

BOOST_AUTO_TEST_CASE(role_definition_ids_from_guids_or_full_ids) {
  BOOST_TEST(
      services::RoleDefinitionIdFor(services::kRegistrationOwnerRoleId, kTestRegistrationPath) ==
      "/subscriptions/" + kTestSubscription +
          "/providers/Microsoft.Authorization/roleDefinitions/" +
          services::kRegistrationOwnerRoleId);
  const std::string full = "/providers/Microsoft.Authorization/roleDefinitions/" +
                           std::string(services::kRegistrationOwnerRoleId);
  BOOST_TEST(services::RoleDefinitionIdFor(full, kTestRegistrationPath) == full);
  BOOST_CHECK_THROW(services::RoleDefinitionIdFor("Owner", kTestRegistrationPath),
                    InvalidArgumentError);
}

BOOST_AUTO_TEST_CASE(permissions_are_read_at_the_scope) {
  Route(
      "GET " + kTestRegistrationPath + "/providers/Microsoft.Authorization/permissions", 200,
      R"({"value":[{"actions":["*"],"notActions":["Microsoft.Authorization/*/Write"],"dataActions":[],"notDataActions":[]}]})");
  const auto permissions = services::PermissionsClient(arm).List(kTestRegistrationPath, {});
  BOOST_TEST(permissions.size() == 1u);
  BOOST_TEST(permissions[0].not_actions.at(0) == "Microsoft.Authorization/*/Write");
}

BOOST_AUTO_TEST_CASE(is_action_allowed_follows_arm_wildcards) {
  const std::string write = "Microsoft.AzureStack/registrations/customerSubscriptions/write";
  using services::IsActionAllowed;
  BOOST_TEST(IsActionAllowed({Perm({"*"})}, write));  // Owner
  BOOST_TEST(IsActionAllowed(
      {Perm({"*"}, {"Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write",
                    "Microsoft.Authorization/elevateAccess/Action"})},
      write));  // Contributor
  BOOST_TEST(!IsActionAllowed({Perm({"*"}, {"Microsoft.Authorization/*/Write"})},
                              "Microsoft.Authorization/roleAssignments/write"));
  BOOST_TEST(!IsActionAllowed({Perm({"*/read"})}, write));  // Reader
  BOOST_TEST(IsActionAllowed({Perm({"*/read"})}, "Microsoft.AzureStack/registrations/read"));
  BOOST_TEST(IsActionAllowed({Perm({"Microsoft.AzureStack/registrations/*"})}, write));
  BOOST_TEST(IsActionAllowed(
      {Perm({"microsoft.azurestack/REGISTRATIONS/customersubscriptions/WRITE"})}, write));
  BOOST_TEST(!IsActionAllowed({Perm({"Microsoft.AzureStack/registrations/*"},
                                    {"Microsoft.AzureStack/*/customerSubscriptions/*"})},
                              write));
  // A notAction only removes from its own permission entry.
  BOOST_TEST(IsActionAllowed(
      {Perm({"*"}, {"Microsoft.AzureStack/*"}), Perm({"Microsoft.AzureStack/registrations/*"})},
      write));
  BOOST_TEST(!IsActionAllowed({}, write));
  BOOST_TEST(!IsActionAllowed({Perm({"Microsoft.AzureStack/registrations/read"})}, write));
  BOOST_TEST(services::ActionMatches("Microsoft.*/registrations/*/write", write));
  BOOST_TEST(!services::ActionMatches("Microsoft.AzureStack/registrations", write));
}

BOOST_AUTO_TEST_CASE(registration_put_sends_the_token_and_reports_created) {
  const std::string token =
      "eyJDbG91ZElkIjoiYzkwMmQzMzgtMWQyOC00YzUwLTgyODMtMWZkZjBiMzI2ZGY2In0=";  // {"CloudId":…}
  Route(
      "PUT " + kTestRegistrationPath, 201,
      R"({"id":")" + kTestRegistrationPath +
          R"(","name":"myreg","properties":{"cloudId":"c902d338-1d28-4c50-8283-1fdf0b326df6","billingModel":"Development"}})");
  const auto result = services::RegistrationsClient(arm).Put(
      {kTestSubscription, "azurestack", "myreg"}, token.substr(0, 10) + "\n" + token.substr(10),
      "2017-06-01", {});
  BOOST_TEST(result.created);
  BOOST_TEST(result.registration.cloud_id == "c902d338-1d28-4c50-8283-1fdf0b326df6");
  BOOST_TEST(transport->Requests().back().body ==
             R"({"location":"global","properties":{"registrationToken":")" + token + R"("}})");
  BOOST_CHECK_THROW(services::RegistrationsClient(arm).Put(
                        {kTestSubscription, "azurestack", "myreg"}, "garbage!", "2017-06-01", {}),
                    InvalidArgumentError);
}

BOOST_AUTO_TEST_CASE(registration_delete_and_activation_key) {
  Route("DELETE " + kTestRegistrationPath, 204);
  Route("POST " + kTestRegistrationPath + "/getactivationkey", 200, R"({"activationKey":"a.b.c"})");
  services::RegistrationsClient client(arm);
  BOOST_TEST(!client.Delete({kTestSubscription, "azurestack", "myreg"}, "2017-06-01", {})
                  .existed.has_value());
  BOOST_TEST(client.GetActivationKey({kTestSubscription, "azurestack", "myreg"}, "2017-06-01", {})
                 .activation_key == "a.b.c");
  const auto& post = transport->Requests().back();
  BOOST_TEST(post.body.empty());
  BOOST_TEST(post.headers.at("Content-Length") == "0");
}

BOOST_AUTO_TEST_SUITE_END()
