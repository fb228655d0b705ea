// Role assignments at a registration's scope, the permissions API, and service principals made
// through POST /_emulator/servicePrincipals (with replication delay).
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <thread>

#include "lifecycle_test_helpers.hpp"

namespace json = boost::json;
using namespace azscsp::emulator::test;

namespace {

const std::string kAssignments = EmulatorUnderTest::RegistrationPath("myreg") +
                                 "/providers/Microsoft.Authorization/roleAssignments";
const std::string kV = "?api-version=2022-04-01";
const std::string kName1 = "11111111-aaaa-4bbb-8ccc-000000000001";
const std::string kName2 = "11111111-aaaa-4bbb-8ccc-000000000002";

std::string Assignment(const std::string& name) {
  return kAssignments + "/" + name + kV;
}

std::string Permissions(const std::string& scope) {
  return scope + "/providers/Microsoft.Authorization/permissions" + kV;
}

std::string Message(const HttpResult& r) {
  return std::string(r.Json().at("error").at("message").as_string());
}

// Sign in as a principal made through the control endpoint.
std::string TokenOf(EmulatorUnderTest& emu, const CreatedPrincipal& p, const std::string& secret) {
  return emu.Token(p.app_id, secret);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(role_assignments)

BOOST_AUTO_TEST_CASE(put_get_list_delete) {
  EmulatorUnderTest emu;
  CreatedPrincipal bridge = CreatePrincipal(emu, "Azure Bridge");
  HttpResult r = emu.Arm("PUT", Assignment(kName1),
                         AssignmentBody(roles::kRegistrationOwner, bridge.object_id));
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  json::value created = r.Json();
  BOOST_TEST(created.at("id").as_string() == kAssignments + "/" + kName1);
  BOOST_TEST(created.at("name").as_string() == kName1);
  BOOST_TEST(created.at("type").as_string() == "Microsoft.Authorization/roleAssignments");
  BOOST_TEST(created.at("properties").at("roleDefinitionId").as_string() ==
             RoleDefinitionId(roles::kRegistrationOwner));
  BOOST_TEST(created.at("properties").at("principalId").as_string() == bridge.object_id);
  BOOST_TEST(created.at("properties").at("principalType").as_string() == "ServicePrincipal");
  BOOST_TEST(created.at("properties").at("scope").as_string() ==
             EmulatorUnderTest::RegistrationPath("myreg"));

  // The same name again: 200 with the same assignment.
  r = emu.Arm("PUT", Assignment(kName1),
              AssignmentBody(roles::kRegistrationOwner, bridge.object_id));
  BOOST_TEST(r.status == 200, r.body);
  BOOST_TEST(r.Json().at("id") == created.at("id"));
  // The same grant under another name: RoleAssignmentExists.
  r = emu.Arm("PUT", Assignment(kName2),
              AssignmentBody(roles::kRegistrationOwner, bridge.object_id));
  BOOST_TEST(r.status == 409);
  BOOST_TEST(r.ErrorCode() == "RoleAssignmentExists");
  BOOST_TEST(Message(r) == "The role assignment already exists.");
  // Another role for the same principal is a different grant.
  BOOST_TEST(
      emu.Arm("PUT", Assignment(kName2), AssignmentBody(roles::kReader, bridge.object_id)).status ==
      201);
  // A name cannot be re-pointed at another grant.
  r = emu.Arm("PUT", Assignment(kName2), AssignmentBody(roles::kOwner, bridge.object_id));
  BOOST_TEST(r.status == 409);
  BOOST_TEST(r.ErrorCode() == "RoleAssignmentUpdateNotPermitted");

  r = emu.Arm("GET", Assignment(kName1));
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(r.Json().at("properties").at("principalId").as_string() == bridge.object_id);
  BOOST_TEST(emu.Arm("GET", Assignment("99999999-aaaa-4bbb-8ccc-000000000009")).ErrorCode() ==
             "RoleAssignmentNotFound");

  // List: the two at the registration plus the subscription-wide fixture roles (inherited).
  r = emu.Arm("GET", kAssignments + kV);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::value all = r.Json();
  size_t at_registration = 0, at_subscription = 0;
  for (const json::value& a : all.at("value").as_array()) {
    std::string scope(a.at("properties").at("scope").as_string());
    if (scope == EmulatorUnderTest::RegistrationPath("myreg")) ++at_registration;
    if (scope == "/subscriptions/" + fx::kRegistrationSub) ++at_subscription;
  }
  BOOST_TEST(at_registration == 2u);
  BOOST_TEST(at_subscription == 5u);  // fixtures: 5 principals with a role on the subscription

  // $filter=principalId eq '{id}' (also with atScope()).
  for (const std::string& filter : {"principalId eq '" + bridge.object_id + "'",
                                    "atScope() and principalId eq '" + bridge.object_id + "'",
                                    "assignedTo('" + bridge.object_id + "')"}) {
    r = emu.Arm("GET", kAssignments + kV + "&$filter=" + UrlEncode(filter));
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    BOOST_TEST(r.Json().at("value").as_array().size() == 2u, filter);
  }
  r = emu.Arm("GET", kAssignments + kV +
                         "&$filter=" + UrlEncode("principalId eq '" + fx::kOwnerObject + "'"));
  BOOST_TEST(r.Json().at("value").as_array().size() == 1u);  // inherited Owner
  r = emu.Arm("GET", kAssignments + kV + "&$filter=" + UrlEncode("roleName eq 'Owner'"));
  BOOST_TEST(r.status == 400);

  r = emu.Arm("DELETE", Assignment(kName1));
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.Json().at("name").as_string() == kName1);
  BOOST_TEST(emu.Arm("DELETE", Assignment(kName1)).status == 204);
  BOOST_TEST(emu.Arm("GET", Assignment(kName1)).status == 404);
  // Deleted: the grant may be made again under the other name.
  BOOST_TEST(emu.Arm("PUT", Assignment("11111111-aaaa-4bbb-8ccc-000000000003"),
                     AssignmentBody(roles::kRegistrationOwner, bridge.object_id))
                 .status == 201);
}

BOOST_AUTO_TEST_CASE(invalid_requests) {
  EmulatorUnderTest emu;
  const std::string unknown = "0badf00d-0000-4000-8000-000000000000";
  HttpResult r = emu.Arm("PUT", Assignment(kName1), AssignmentBody(roles::kReader, unknown));
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.ErrorCode() == "PrincipalNotFound");
  BOOST_TEST(Message(r) ==
             "Principal " + unknown + " does not exist in the directory " + fx::kHomeTenant + ".");

  json::object body{{"properties",
                     {{"roleDefinitionId", "/providers/Microsoft.Authorization/roleDefinitions/x"},
                      {"principalId", fx::kReaderObject}}}};
  r = emu.Arm("PUT", Assignment(kName1), json::serialize(body));
  BOOST_TEST(r.ErrorCode() == "InvalidRoleDefinitionId");
  body["properties"].as_object()["roleDefinitionId"] =
      RoleDefinitionId(roles::kReader, fx::kFabrikamSub);  // another subscription
  BOOST_TEST(emu.Arm("PUT", Assignment(kName1), json::serialize(body)).ErrorCode() ==
             "InvalidRoleDefinitionId");
  // Without the subscription part it is fine.
  body["properties"].as_object()["roleDefinitionId"] =
      "/providers/Microsoft.Authorization/roleDefinitions/" + roles::kReader;
  r = emu.Arm("PUT", Assignment(kName1), json::serialize(body));
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  BOOST_TEST(r.Json().at("properties").at("roleDefinitionId").as_string() ==
             RoleDefinitionId(roles::kReader));  // normalized
  BOOST_TEST(r.Json().at("properties").at("principalType").as_string() == "ServicePrincipal");

  BOOST_TEST(emu.Arm("PUT", Assignment(kName2),
                     AssignmentBody("00000000-1111-4222-8333-444444444444", fx::kReaderObject))
                 .ErrorCode() == "RoleDefinitionDoesNotExist");
  BOOST_TEST(
      emu.Arm("PUT", Assignment("not-a-guid"), AssignmentBody(roles::kOwner, fx::kReaderObject))
          .ErrorCode() == "InvalidRoleAssignmentId");
  BOOST_TEST(emu.Arm("PUT", Assignment(kName2), "{}").ErrorCode() == "InvalidRequestContent");
  BOOST_TEST(
      emu.Arm("PUT", Assignment(kName2), AssignmentBody(roles::kOwner, fx::kReaderObject, "User"))
          .ErrorCode() == "UnmatchedPrincipalType");
  // A user object id is a principal too.
  r = emu.Arm("PUT", Assignment(kName2),
              AssignmentBody(roles::kReader, "9291468e-4be4-4779-a407-7346b4963ebc", ""));
  BOOST_TEST(r.status == 201, r.body);
  BOOST_TEST(r.Json().at("properties").at("principalType").as_string() == "User");

  // Unknown registration, bad api-version, Reader may list but not assign.
  BOOST_TEST(emu.Arm("GET", EmulatorUnderTest::RegistrationPath("nosuch") +
                                "/providers/Microsoft.Authorization/roleAssignments" + kV)
                 .ErrorCode() == "ResourceNotFound");
  BOOST_TEST(emu.Arm("GET", kAssignments + "?api-version=2017-06-01").ErrorCode() ==
             "NoRegisteredProviderFound");
  std::string reader = emu.ReaderToken();
  BOOST_TEST(emu.Arm("GET", kAssignments + kV, {}, &reader).status == 200);
  r = emu.Arm("PUT", Assignment("11111111-aaaa-4bbb-8ccc-000000000005"),
              AssignmentBody(roles::kOwner, fx::kReaderObject), &reader);
  BOOST_TEST(r.status == 403);
  BOOST_TEST(Message(r).find("'Microsoft.Authorization/roleAssignments/write'") !=
             std::string::npos);
  BOOST_TEST(emu.Arm("DELETE", Assignment(kName1), {}, &reader).status == 403);
}

BOOST_AUTO_TEST_CASE(new_principals_replicate_before_they_can_be_assigned) {
  EmulatorUnderTest emu([](auto& o) { o.principal_replication_delay_ms = 1500; });
  CreatedPrincipal bridge = CreatePrincipal(emu, "Azure Bridge");
  BOOST_TEST(bridge.tenant_id == fx::kHomeTenant);
  BOOST_TEST(bridge.object_id.size() == 36u);
  BOOST_TEST(bridge.app_id.size() == 36u);
  HttpResult r = emu.Arm("PUT", Assignment(kName1),
                         AssignmentBody(roles::kRegistrationOwner, bridge.object_id));
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.ErrorCode() == "PrincipalNotFound");
  std::this_thread::sleep_for(std::chrono::milliseconds(1700));
  r = emu.Arm("PUT", Assignment(kName1),
              AssignmentBody(roles::kRegistrationOwner, bridge.object_id));
  BOOST_TEST(r.status == 201, r.body);
}

BOOST_AUTO_TEST_CASE(service_principal_control_endpoint) {
  EmulatorUnderTest emu;
  auto post = [&](const std::string& body) {
    return emu.client().Request("POST", "/_emulator/servicePrincipals", body,
                                {{"Content-Type", "application/json"}});
  };
  const std::string app = "7e1d1c1b-1a19-4817-8615-141312111009";
  HttpResult r = post(R"({"displayName":"bridge","tenantId":"fabrikam.onmicrosoft.com","appId":")" +
                      app + R"("})");
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  BOOST_TEST(r.Json().at("tenantId").as_string() == fx::kFabrikamTenant);
  BOOST_TEST(r.Json().at("appId").as_string() == app);
  BOOST_TEST(r.Json().at("displayName").as_string() == "bridge");
  BOOST_TEST(
      post(R"({"tenantId":")" + fx::kFabrikamTenant + R"(","appId":")" + app + R"("})").status ==
      409);
  BOOST_TEST(post(R"({"tenantId":"nosuch.example"})").status == 400);
  BOOST_TEST(post(R"({"appId":"nope"})").status == 400);
  BOOST_TEST(post("[]").status == 400);
  BOOST_TEST(post("").status == 201);  // everything defaulted

  // With a secret it can sign in; it is in the state.
  CreatedPrincipal signer = CreatePrincipal(emu, "signer", "signer-secret");
  BOOST_TEST(!TokenOf(emu, signer, "signer-secret").empty());
  json::value state = emu.client().Request("GET", "/_emulator/state").Json();
  bool listed = false;
  for (const json::value& sp : state.at("servicePrincipals").as_array()) {
    listed |= sp.at("objectId").as_string() == signer.object_id;
  }
  BOOST_TEST(listed);
}

BOOST_AUTO_TEST_CASE(permissions_follow_the_callers_roles) {
  EmulatorUnderTest emu;
  const std::string sub = "/subscriptions/" + fx::kRegistrationSub;
  const std::string rg = sub + "/resourceGroups/azurestack";
  const std::string reg = EmulatorUnderTest::RegistrationPath("myreg");

  for (const std::string& scope : {sub, rg, reg}) {
    HttpResult r = emu.Arm("GET", Permissions(scope));
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    json::value owner = r.Json();
    BOOST_TEST(owner.at("value").as_array().size() == 1u, scope);
    BOOST_TEST(owner.at("value").at(0).at("actions") == json::array{"*"});
    BOOST_TEST(owner.at("value").at(0).at("notActions") == json::array());
    BOOST_TEST(owner.at("value").at(0).at("dataActions") == json::array());
    BOOST_TEST(owner.at("value").at(0).at("notDataActions") == json::array());
  }
  std::string reader = emu.ReaderToken();
  HttpResult r = emu.Arm("GET", Permissions(reg), {}, &reader);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(r.Json().at("value").at(0).at("actions") == json::array{"*/read"});
  BOOST_TEST(emu.Arm("GET", Permissions(sub) + "&x=1").status == 200);

  // A principal with no role anywhere: empty lists, not 403.
  CreatedPrincipal nobody = CreatePrincipal(emu, "nobody", "nobody-secret");
  std::string token = TokenOf(emu, nobody, "nobody-secret");
  BOOST_TEST(emu.Arm("GET", "/subscriptions?api-version=2020-01-01", {}, &token)
                 .Json()
                 .at("value")
                 .as_array()
                 .empty());
  for (const std::string& scope : {sub, rg, reg}) {
    r = emu.Arm("GET", Permissions(scope), {}, &token);
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    BOOST_TEST(r.Json().at("value").as_array().empty(), scope);
  }
  // ... which cannot write the registration's customer subscriptions.
  BOOST_TEST(emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub), "{}", &token)
                 .status == 403);

  // Contributor at the registration scope: permissions there (only), and writes there (only).
  BOOST_TEST_REQUIRE(
      emu.Arm("PUT", Assignment(kName1), AssignmentBody(roles::kContributor, nobody.object_id))
          .status == 201);
  r = emu.Arm("GET", Permissions(reg), {}, &token);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::value contributor = r.Json();
  BOOST_TEST(contributor.at("value").as_array().size() == 1u);
  BOOST_TEST(contributor.at("value").at(0).at("actions") == json::array{"*"});
  BOOST_TEST(contributor.at("value").at(0).at("notActions") ==
             (json::array{"Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write",
                          "Microsoft.Authorization/elevateAccess/Action"}));
  BOOST_TEST(emu.Arm("GET", Permissions(sub), {}, &token).Json().at("value").as_array().empty());
  // The subscription is now listed for it.
  json::value subscriptions =
      emu.Arm("GET", "/subscriptions?api-version=2020-01-01", {}, &token).Json();
  BOOST_TEST(subscriptions.at("value").as_array().size() == 1u);
  BOOST_TEST(emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub), "{}", &token)
                 .status == 200);
  BOOST_TEST(emu.Arm("GET", reg + "?api-version=2017-06-01", {}, &token).status == 200);
  BOOST_TEST(emu.Arm("GET",
                     EmulatorUnderTest::RegistrationPath("capacityreg") + "?api-version=2017-06-01",
                     {}, &token)
                 .status == 403);
  // Contributor may not manage locks or role assignments (notActions).
  BOOST_TEST(emu.Arm("PUT",
                     reg + "/providers/Microsoft.Authorization/locks/l?api-version=2020-05-01",
                     R"({"properties":{"level":"CanNotDelete"}})", &token)
                 .status == 403);
  BOOST_TEST(
      emu.Arm("PUT", Assignment(kName2), AssignmentBody(roles::kOwner, nobody.object_id), &token)
          .status == 403);

  // Permissions api-versions.
  for (const char* version : {"2015-07-01", "2018-01-01-preview", "2022-04-01"}) {
    BOOST_TEST(emu.Arm("GET", reg + "/providers/Microsoft.Authorization/permissions?api-version=" +
                                  version)
                       .status == 200,
               version);
  }
  BOOST_TEST(
      emu.Arm("GET", rg + "x/providers/Microsoft.Authorization/permissions" + kV).ErrorCode() ==
      "ResourceGroupNotFound");
}

BOOST_AUTO_TEST_SUITE_END()
