// Stamp listeners: admin ARM and tenant ARM (metadata, tokens per audience, directoryTenants,
// checkIdentityHealth, Subscriptions.Admin subscriptions, applicationRegistrations, tenant
// subscriptions and role assignments).
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <set>

#include "cli.hpp"
#include "sign_in_test_helpers.hpp"
#include "stamp_test_helpers.hpp"
#include "util/files.hpp"

namespace json = boost::json;
using namespace azscsp::emulator::test;

namespace {

std::set<std::string> Keys(const json::value& v) {
  std::set<std::string> keys;
  for (const auto& entry : v.as_object()) keys.insert(std::string(entry.key()));
  return keys;
}

std::string S(const json::value& v, const char* key) {
  return std::string(v.at(key).as_string());
}

// Installs what applicationRegistrations lists into the caller's directory through Graph
// (directory.install's steps 3-6, as a client would do them).
void InstallDirectory(StampClients& sc, const std::string& graph_token,
                      const json::array& registrations) {
  auto sp_of = [&](const std::string& app_id) {
    HttpResult found = StampClients::Call(
        *sc.graph, "GET",
        "/v1.0/servicePrincipals?$filter=" + UrlEncode("appId eq '" + app_id + "'"), graph_token);
    BOOST_REQUIRE_MESSAGE(found.status == 200, found.body);
    json::array value = found.Json().at("value").as_array();
    if (!value.empty()) return S(value[0], "id");
    HttpResult created = StampClients::Call(*sc.graph, "POST", "/v1.0/servicePrincipals",
                                            graph_token, R"({"appId":")" + app_id + "\"}");
    BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
    return S(created.Json(), "id");
  };
  sp_of(sfx::kArmApp);
  for (const json::value& item : registrations) {
    std::string client = sp_of(S(item, "appId"));
    json::object patch{{"tags", item.at("tags")}};
    BOOST_TEST(StampClients::Call(*sc.graph, "PATCH", "/v1.0/servicePrincipals/" + client,
                                  graph_token, json::serialize(patch))
                   .status == 204);
    for (const json::value& role : item.at("appRoleAssignments").as_array()) {
      std::string resource = sp_of(S(role, "resource"));
      json::object body{
          {"principalId", client}, {"resourceId", resource}, {"appRoleId", S(role, "roleId")}};
      HttpResult r = StampClients::Call(
          *sc.graph, "POST", "/v1.0/servicePrincipals/" + resource + "/appRoleAssignedTo",
          graph_token, json::serialize(body));
      BOOST_TEST(r.status == 201, r.body);
    }
    for (const json::value& grant : item.at("oauth2PermissionGrants").as_array()) {
      std::string resource = sp_of(S(grant, "resource"));
      json::object body{{"clientId", client},
                        {"consentType", "AllPrincipals"},
                        {"resourceId", resource},
                        {"scope", S(grant, "scope")}};
      HttpResult r = StampClients::Call(*sc.graph, "POST", "/v1.0/oauth2PermissionGrants",
                                        graph_token, json::serialize(body));
      BOOST_TEST(r.status == 201, r.body);
    }
  }
}

HttpResult Health(StampClients& sc, const std::string& token,
                  const std::string& version = "2018-05-01", bool double_slash = false) {
  return StampClients::Call(*sc.admin, "POST",
                            std::string(double_slash ? "//" : "/") + "subscriptions/" + sfx::kDps +
                                "/providers/Microsoft.Subscriptions.Admin/checkIdentityHealth"
                                "?api-version=" +
                                version,
                            token);
}

const json::object* HealthOf(const json::value& report, const std::string& tenant_id) {
  for (const json::value& d : report.at("directoryTenants").at("value").as_array()) {
    if (S(d, "tenantId") == tenant_id) return &d.as_object();
  }
  return nullptr;
}

void Onboard(StampClients& sc, const std::string& token, const std::string& domain,
             const std::string& tenant_id, int expected = 201) {
  HttpResult r =
      StampClients::Call(*sc.admin, "PUT", DirectoryTenantPath(domain), token,
                         R"({"location":"local","properties":{"tenantId":")" + tenant_id + "\"}}");
  BOOST_TEST_REQUIRE(r.status == expected, r.body);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(stamp)

BOOST_AUTO_TEST_CASE(listeners_are_announced_and_serve_metadata) {
  EmulatorUnderTest emu;
  StampClients sc(emu);
  auto& e = emu.emulator();
  BOOST_TEST(e.AdminPort() != 0);
  BOOST_TEST(e.TenantPort() != 0);
  BOOST_TEST(e.GraphPort() != 0);
  BOOST_TEST((std::set<int>{e.Port(), e.AdminPort(), e.TenantPort(), e.GraphPort()}.size() == 4u));
  std::ifstream in(e.StatusFilePath());
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  json::value status = json::parse(text);
  BOOST_TEST(S(status, "adminResourceManagerUrl") == e.AdminBaseUrl() + "/");
  BOOST_TEST(S(status, "tenantResourceManagerUrl") == e.TenantBaseUrl() + "/");
  BOOST_TEST(S(status, "graphUrl") == e.GraphUrl());
  BOOST_TEST(S(status, "adminAudience") == sfx::kAdminAudience);
  BOOST_TEST(S(status, "tenantAudience") == sfx::kTenantAudience);

  for (bool admin : {true, false}) {
    HttpsClient& client = admin ? *sc.admin : *sc.tenant;
    HttpResult r = client.Request("GET", "/metadata/endpoints?api-version=2015-01-01");
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    json::value body = r.Json();
    BOOST_TEST(S(body, "graphEndpoint") == e.GraphUrl() + "/");
    BOOST_TEST(S(body.at("authentication"), "loginEndpoint") == e.BaseUrl() + "/");
    BOOST_TEST(body.at("authentication").at("audiences").as_array().at(0).as_string() ==
               (admin ? sfx::kAdminAudience : sfx::kTenantAudience));
    r = client.Request("GET", "/metadata/identity?api-version=2015-01-01");
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    BOOST_TEST(S(r.Json(), "applicationId") == sfx::kArmApp);
    BOOST_TEST(client.Request("GET", "/metadata/endpoints").status == 400);
  }
  // The main listener is unchanged.
  HttpResult main = emu.client().Request("GET", "/metadata/endpoints?api-version=2015-01-01");
  BOOST_TEST(S(main.Json(), "graphEndpoint") == e.BaseUrl() + "/graph/");
  // Control endpoints live on the main listener only.
  BOOST_TEST(sc.admin->Request("GET", "/_emulator/state").status == 401);
}

BOOST_AUTO_TEST_CASE(fixed_ports_and_request_log_cover_every_listener) {
  EmulatorUnderTest probe;
  uint16_t admin_port = probe.emulator().AdminPort();
  probe.emulator().Stop();
  EmulatorUnderTest emu([&](azscsp::emulator::EmulatorOptions& o) { o.admin_port = admin_port; });
  BOOST_TEST(emu.emulator().AdminPort() == admin_port);
  StampClients sc(emu);
  BOOST_TEST(sc.tenant->Request("GET", "/metadata/identity?api-version=2015-01-01").status == 200);
  HttpResult log = Control(emu, "GET", "/_emulator/requests?pathContains=metadata/identity");
  json::array entries = log.Json().at("value").as_array();
  BOOST_TEST_REQUIRE(entries.size() == 1u);
  BOOST_TEST(S(entries[0], "host") == "tenant");
}

BOOST_AUTO_TEST_CASE(tokens_for_stamp_audiences_and_graph) {
  EmulatorUnderTest emu;
  StampClients sc(emu);
  // Admin and tenant audiences in the home directory.
  JwtClaims(sc.OperatorAdminToken());
  json::object tenant_claims = JwtClaims(
      sc.UserToken(sfx::kOperator, sfx::kOperatorPassword, sfx::kTenantAudience, fx::kHomeTenant));
  BOOST_TEST(tenant_claims.at("aud").as_string() == sfx::kTenantAudience);
  // The tenant audience in a directory without the stamp ARM application's principal.
  HttpResult r = sc.UserTokenResult(sfx::kFabrikamAdmin, sfx::kFabrikamAdminPassword,
                                    sfx::kTenantAudience, sfx::kFabrikamDomain);
  CheckAadError(r, 400, "invalid_resource", 500011);
  BOOST_TEST(S(r.Json(), "error_description").find(sfx::kFabrikamDomain) != std::string::npos);
  // Graph: v1 resource= and v2 scope={graph}/.default, any fixture tenant.
  json::object graph_claims = JwtClaims(
      sc.GraphToken(sfx::kFabrikamAdmin, sfx::kFabrikamAdminPassword, fx::kFabrikamTenant));
  BOOST_TEST(graph_claims.at("aud").as_string() == sc.GraphUrl());
  HttpResult v2 = emu.client().Request("POST", "/" + fx::kAdatumTenant + "/oauth2/v2.0/token",
                                       "grant_type=password&client_id=" + sfx::kPowerShellApp +
                                           "&username=" + UrlEncode(sfx::kAdatumAdmin) +
                                           "&password=" + UrlEncode(sfx::kAdatumAdminPassword) +
                                           "&scope=" + UrlEncode(sc.GraphUrl() + "/.default"),
                                       {{"Content-Type", "application/x-www-form-urlencoded"}});
  BOOST_TEST_REQUIRE(v2.status == 200, v2.body);
  BOOST_TEST(JwtClaims(S(v2.Json(), "access_token")).at("aud").as_string() == sc.GraphUrl());
  // Service principal (client credentials) for the admin audience.
  HttpResult sp =
      emu.TokenRequest(fx::kHomeTenant, "grant_type=client_credentials&client_id=" + fx::kOwnerApp +
                                            "&client_secret=" + UrlEncode(fx::kOwnerSecret) +
                                            "&resource=" + UrlEncode(sfx::kAdminAudience));
  BOOST_TEST(sp.status == 200, sp.body);
}

BOOST_AUTO_TEST_CASE(each_listener_checks_its_own_audience) {
  EmulatorUnderTest emu;
  StampClients sc(emu);
  std::string admin = sc.OperatorAdminToken();
  std::string tenant =
      sc.UserToken(sfx::kOperator, sfx::kOperatorPassword, sfx::kTenantAudience, fx::kHomeTenant);
  std::string arm =
      sc.UserToken(sfx::kOperator, sfx::kOperatorPassword, fx::kArmResource, fx::kHomeTenant);
  HttpResult r =
      StampClients::Call(*sc.admin, "GET", "/subscriptions?api-version=2016-05-01", tenant);
  BOOST_TEST(r.status == 401);
  BOOST_TEST(r.ErrorCode() == "InvalidAuthenticationToken");
  BOOST_TEST(r.HasHeader("WWW-Authenticate"));
  r = StampClients::Call(*sc.tenant, "GET", "/subscriptions?api-version=2016-05-01", admin);
  BOOST_TEST(r.ErrorCode() == "InvalidAuthenticationToken");
  BOOST_TEST(
      StampClients::Call(*sc.admin, "GET", "/subscriptions?api-version=2016-05-01", "").status ==
      401);
  // Graph: Graph-style 401 body.
  r = StampClients::Call(*sc.graph, "GET", "/v1.0/servicePrincipals", arm);
  BOOST_TEST(r.status == 401);
  BOOST_TEST(GraphErrorCode(r) == "InvalidAuthenticationToken");
  BOOST_TEST(!S(r.Json().at("error").at("innerError"), "request-id").empty());
  // The main ARM does not take stamp tokens.
  BOOST_TEST(emu.Arm("GET", "/subscriptions?api-version=2016-06-01", {}, &admin).status == 401);
}

BOOST_AUTO_TEST_CASE(admin_subscriptions_and_resource_groups) {
  EmulatorUnderTest emu;
  StampClients sc(emu);
  std::string op = sc.OperatorAdminToken();
  HttpResult r = StampClients::Call(*sc.admin, "GET", "/subscriptions?api-version=2016-05-01", op);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::array subs = r.Json().at("value").as_array();
  BOOST_TEST_REQUIRE(subs.size() == 1u);
  BOOST_TEST(S(subs[0], "displayName") == "Default Provider Subscription");
  BOOST_TEST(S(subs[0], "subscriptionId") == sfx::kDps);
  BOOST_TEST(S(subs[0], "state") == "Enabled");
  r = StampClients::Call(*sc.admin, "GET",
                         "/subscriptions/" + sfx::kDps + "?api-version=2016-05-01", op);
  BOOST_TEST(r.status == 200);
  // Resource groups under the DPS.
  std::string rg = "/subscriptions/" + sfx::kDps + "/resourcegroups/";
  BOOST_TEST(
      StampClients::Call(*sc.admin, "GET", rg + "system.local?api-version=2021-04-01", op).status ==
      200);
  BOOST_TEST(
      StampClients::Call(*sc.admin, "GET", rg + "guests?api-version=2021-04-01", op).ErrorCode() ==
      "ResourceGroupNotFound");
  BOOST_TEST(StampClients::Call(*sc.admin, "PUT", rg + "guests?api-version=2021-04-01", op,
                                R"({"location":"local"})")
                 .status == 201);
  BOOST_TEST(StampClients::Call(*sc.admin, "PUT", rg + "guests?api-version=2021-04-01", op,
                                R"({"location":"local"})")
                 .status == 200);
  // Another subscription; a token of another directory; a caller without a role.
  BOOST_TEST(
      StampClients::Call(*sc.admin, "GET",
                         "/subscriptions/" + fx::kRegistrationSub + "?api-version=2016-05-01", op)
          .ErrorCode() == "SubscriptionNotFound");
  std::string fabrikam = sc.UserToken(sfx::kFabrikamAdmin, sfx::kFabrikamAdminPassword,
                                      sfx::kAdminAudience, fx::kFabrikamTenant);
  r = StampClients::Call(*sc.admin, "GET", "/subscriptions?api-version=2016-05-01", fabrikam);
  BOOST_TEST(r.status == 401);
  BOOST_TEST(r.ErrorCode() == "InvalidAuthenticationTokenTenant");
}

BOOST_AUTO_TEST_CASE(directory_tenants_lifecycle_and_spec_shape) {
  EmulatorUnderTest emu;
  StampClients sc(emu);
  std::string op = sc.OperatorAdminToken();
  Onboard(sc, op, sfx::kFabrikamDomain, fx::kFabrikamTenant, 201);
  Onboard(sc, op, sfx::kFabrikamDomain, fx::kFabrikamTenant, 200);
  HttpResult r =
      StampClients::Call(*sc.admin, "GET", DirectoryTenantPath(sfx::kFabrikamDomain), op);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::value item = r.Json();
  BOOST_TEST((Keys(item) == std::set<std::string>{"id", "name", "type", "location", "properties"}));
  BOOST_TEST((Keys(item.at("properties")) == std::set<std::string>{"tenantId"}));
  BOOST_TEST(S(item, "name") == sfx::kFabrikamDomain);
  BOOST_TEST(S(item, "type") == "Microsoft.Subscriptions.Admin/directoryTenants");
  BOOST_TEST(S(item, "id") == "/subscriptions/" + sfx::kDps +
                                  "/resourceGroups/system.local/providers/"
                                  "Microsoft.Subscriptions.Admin/directoryTenants/" +
                                  sfx::kFabrikamDomain);
  BOOST_TEST(S(item.at("properties"), "tenantId") == fx::kFabrikamTenant);
  // Lower-case "resourcegroups" as in the spec, and the list.
  r = StampClients::Call(
      *sc.admin, "GET",
      "/subscriptions/" + sfx::kDps +
          "/resourcegroups/system.local/providers/"
          "Microsoft.Subscriptions.Admin/directoryTenants?api-version=2015-11-01",
      op);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(r.Json().at("value").as_array().size() == 1u);
  // Failures.
  r = StampClients::Call(*sc.admin, "PUT", DirectoryTenantPath(sfx::kAdatumDomain), op,
                         R"({"location":"local","properties":{"tenantId":"adatum"}})");
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.ErrorCode() == "InvalidParameter");
  BOOST_TEST(
      StampClients::Call(*sc.admin, "GET", DirectoryTenantPath(sfx::kAdatumDomain), op).status ==
      404);
  BOOST_TEST(
      StampClients::Call(*sc.admin, "GET", DirectoryTenantPath("", "nosuchrg"), op).ErrorCode() ==
      "ResourceGroupNotFound");
  r = StampClients::Call(
      *sc.admin, "GET",
      "/subscriptions/" + sfx::kDps +
          "/resourceGroups/system.local/providers/"
          "Microsoft.Subscriptions.Admin/directoryTenants?api-version=2018-05-01",
      op);
  BOOST_TEST(r.ErrorCode() == "NoRegisteredProviderFound");
  r = StampClients::Call(*sc.admin, "GET",
                         "/subscriptions/" + sfx::kDps +
                             "/resourceGroups/system.local/providers/"
                             "Microsoft.Subscriptions.Admin/directoryTenants",
                         op);
  BOOST_TEST(r.ErrorCode() == "MissingApiVersionParameter");
  // Reader service principal: reads yes, writes 403; the Owner service principal writes.
  std::string reader = [&] {
    HttpResult t = emu.TokenRequest(fx::kHomeTenant,
                                    "grant_type=client_credentials&client_id=" + fx::kReaderApp +
                                        "&client_secret=" + UrlEncode(fx::kReaderSecret) +
                                        "&resource=" + UrlEncode(sfx::kAdminAudience));
    return S(t.Json(), "access_token");
  }();
  BOOST_TEST(StampClients::Call(*sc.admin, "GET", DirectoryTenantPath(sfx::kFabrikamDomain), reader)
                 .status == 200);
  r = StampClients::Call(
      *sc.admin, "PUT", DirectoryTenantPath(sfx::kAdatumDomain), reader,
      R"({"location":"local","properties":{"tenantId":")" + fx::kAdatumTenant + "\"}}");
  BOOST_TEST(r.status == 403);
  BOOST_TEST(r.ErrorCode() == "AuthorizationFailed");
  std::string owner = [&] {
    HttpResult t = emu.TokenRequest(fx::kHomeTenant,
                                    "grant_type=client_credentials&client_id=" + fx::kOwnerApp +
                                        "&client_secret=" + UrlEncode(fx::kOwnerSecret) +
                                        "&resource=" + UrlEncode(sfx::kAdminAudience));
    return S(t.Json(), "access_token");
  }();
  Onboard(sc, owner, sfx::kAdatumDomain, fx::kAdatumTenant, 201);
  // Delete: 200, then 204.
  BOOST_TEST(StampClients::Call(*sc.admin, "DELETE", DirectoryTenantPath(sfx::kFabrikamDomain), op)
                 .status == 200);
  BOOST_TEST(StampClients::Call(*sc.admin, "DELETE", DirectoryTenantPath(sfx::kFabrikamDomain), op)
                 .status == 204);
  // Saved in the state.
  json::value state = Control(emu, "GET", "/_emulator/state").Json();
  const json::array& saved = state.at("stamp").at("directoryTenants").as_array();
  BOOST_TEST_REQUIRE(saved.size() == 1u);
  BOOST_TEST(S(saved[0], "tenantId") == fx::kAdatumTenant);
}

BOOST_AUTO_TEST_CASE(admin_user_subscriptions_flat_shape) {
  EmulatorUnderTest emu;
  StampClients sc(emu);
  std::string op = sc.OperatorAdminToken();
  std::string base =
      "/subscriptions/" + sfx::kDps + "/providers/Microsoft.Subscriptions.Admin/subscriptions";
  HttpResult r = StampClients::Call(*sc.admin, "GET", base + "?api-version=2015-11-01", op);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::array value = r.Json().at("value").as_array();
  BOOST_TEST(value.size() == 3u);
  r = StampClients::Call(*sc.admin, "GET",
                         base + "/" + sfx::kDeletedStampSub + "?api-version=2015-11-01", op);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::value sub = r.Json();
  BOOST_TEST(S(sub, "state") == "Deleted");
  BOOST_TEST(
      (Keys(sub) == std::set<std::string>{"id", "subscriptionId", "delegatedProviderSubscriptionId",
                                          "displayName", "externalReferenceId", "owner", "tenantId",
                                          "routingResourceManagerType", "offerId", "state"}));
  r = StampClients::Call(*sc.admin, "GET",
                         base + "/" + sfx::kFabrikamStampSub + "?api-version=2015-11-01", op);
  BOOST_TEST(S(r.Json(), "owner") == sfx::kFabrikamAdmin);
  BOOST_TEST(S(r.Json(), "tenantId") == fx::kFabrikamTenant);
  r = StampClients::Call(*sc.admin, "GET",
                         base + "/" + fx::kFabrikamSub + "?api-version=2015-11-01", op);
  BOOST_TEST(r.status == 404);
  BOOST_TEST(r.ErrorCode() == "SubscriptionNotFound");
}

BOOST_AUTO_TEST_CASE(application_registrations_need_a_trusted_directory) {
  EmulatorUnderTest emu;
  StampClients sc(emu);
  const std::string path = "/applicationRegistrations?api-version=2014-04-01-preview";
  // Home directory on the admin ARM.
  HttpResult r = StampClients::Call(*sc.admin, "GET", path, sc.OperatorAdminToken());
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::array apps = r.Json().at("value").as_array();
  BOOST_TEST_REQUIRE(apps.size() == 3u);
  BOOST_TEST(S(apps[0], "appId") == sfx::kApp1);
  BOOST_TEST(S(apps[0].at("appRoleAssignments").as_array().at(0), "client") == sfx::kApp1);
  BOOST_TEST(S(apps[0].at("oauth2PermissionGrants").as_array().at(0), "resource") ==
             sfx::kGraphApp);
  // A guest directory: the stamp ARM principal first (Graph), then a tenant token.
  std::string graph =
      sc.GraphToken(sfx::kFabrikamAdmin, sfx::kFabrikamAdminPassword, fx::kFabrikamTenant);
  r = StampClients::Call(*sc.graph, "POST", "/v1.0/servicePrincipals", graph,
                         R"({"appId":")" + sfx::kArmApp + "\"}");
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  std::string tenant = sc.UserToken(sfx::kFabrikamAdmin, sfx::kFabrikamAdminPassword,
                                    sfx::kTenantAudience, fx::kFabrikamTenant);
  r = StampClients::Call(*sc.tenant, "GET", path, tenant);
  BOOST_TEST(r.status == 401);
  BOOST_TEST(r.ErrorCode() == "InvalidAuthenticationTokenTenant");
  BOOST_TEST(r.Json().at("error").at("message").as_string().find(fx::kFabrikamTenant) !=
             std::string::npos);
  Onboard(sc, sc.OperatorAdminToken(), sfx::kFabrikamDomain, fx::kFabrikamTenant);
  r = StampClients::Call(*sc.tenant, "GET", path, tenant);
  BOOST_TEST(r.status == 200, r.body);
  // The admin ARM stays home-only.
  std::string fab_admin = sc.UserToken(sfx::kFabrikamAdmin, sfx::kFabrikamAdminPassword,
                                       sfx::kAdminAudience, fx::kFabrikamTenant);
  BOOST_TEST(StampClients::Call(*sc.admin, "GET", path, fab_admin).status == 401);
}

BOOST_AUTO_TEST_CASE(identity_health_follows_the_graph_state) {
  EmulatorUnderTest emu;
  StampClients sc(emu);
  std::string op = sc.OperatorAdminToken();
  HttpResult r = Health(sc, op);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(S(r.Json(), "status") == "Healthy");  // home is configured by the fixtures
  Onboard(sc, op, sfx::kFabrikamDomain, fx::kFabrikamTenant);
  r = Health(sc, op);
  json::value report = r.Json();
  BOOST_TEST(S(report, "status") == "Unhealthy");
  BOOST_TEST(S(*HealthOf(report, fx::kHomeTenant), "status") == "Healthy");
  const json::object* fab = HealthOf(report, fx::kFabrikamTenant);
  BOOST_TEST_REQUIRE(fab);
  BOOST_TEST(S(*fab, "status") == "Unhealthy");
  BOOST_TEST(S(*fab, "tenantName") == sfx::kFabrikamDomain);
  const json::value& app = fab->at("applications").at("value").as_array().at(0);
  BOOST_TEST(
      (Keys(app) == std::set<std::string>{"appId", "status", "appRoleAssignments",
                                          "oAuth2PermissionGrants", "servicePrincipalTags"}));
  BOOST_TEST(S(app.at("servicePrincipalTags").at("value").as_array().at(0), "status") ==
             "Unhealthy");
  BOOST_TEST(S(app.at("appRoleAssignments").at("value").as_array().at(0).at("appRoleAssignment"),
               "client") == sfx::kApp1);
  // Install through Graph as the Fabrikam administrator.
  json::array registrations =
      StampClients::Call(*sc.admin, "GET",
                         "/applicationRegistrations?api-version=2014-04-01-preview", op)
          .Json()
          .at("value")
          .as_array();
  std::string graph =
      sc.GraphToken(sfx::kFabrikamAdmin, sfx::kFabrikamAdminPassword, fx::kFabrikamTenant);
  InstallDirectory(sc, graph, registrations);
  report = Health(sc, op).Json();
  BOOST_TEST(S(report, "status") == "Healthy", json::serialize(report));
  BOOST_TEST(
      !S(HealthOf(report, fx::kFabrikamTenant)->at("applications").at("value").as_array().at(0),
         "servicePrincipalObjectId")
           .empty());
  // 2015-11-01 and a double slash.
  BOOST_TEST(Health(sc, op, "2015-11-01", true).status == 200);
  BOOST_TEST(Health(sc, op, "2016-01-01").ErrorCode() == "NoRegisteredProviderFound");
  // A stamp update adds an application: Unhealthy again, everywhere.
  r = Control(
      emu, "POST", "/_emulator/stamp/applications",
      R"({"appId":"0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f","displayName":"Azure Stack - New RP",
                  "tags":["AzureStack"],"appRoles":[],"oauth2PermissionScopes":[],
                  "appRoleAssignments":[],"oauth2PermissionGrants":[{"resource":")" +
          sfx::kGraphApp + R"(","scope":"User.Read"}]})");
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  report = Health(sc, op).Json();
  BOOST_TEST(S(report, "status") == "Unhealthy");
  BOOST_TEST(S(*HealthOf(report, fx::kHomeTenant), "status") == "Unhealthy");
  BOOST_TEST(StampClients::Call(*sc.admin, "GET",
                                "/applicationRegistrations?api-version=2014-04-01-preview", op)
                 .Json()
                 .at("value")
                 .as_array()
                 .size() == 4u);
  // Reader: not allowed to run the check.
  HttpResult t = emu.TokenRequest(fx::kHomeTenant,
                                  "grant_type=client_credentials&client_id=" + fx::kReaderApp +
                                      "&client_secret=" + UrlEncode(fx::kReaderSecret) +
                                      "&resource=" + UrlEncode(sfx::kAdminAudience));
  BOOST_TEST(Health(sc, S(t.Json(), "access_token")).status == 403);
}

BOOST_AUTO_TEST_CASE(health_report_array_option) {
  EmulatorUnderTest emu([](azscsp::emulator::EmulatorOptions& o) { o.health_report_array = true; });
  StampClients sc(emu);
  json::value report = Health(sc, sc.OperatorAdminToken()).Json();
  BOOST_TEST_REQUIRE(report.at("directoryTenants").is_array());
  BOOST_TEST(S(report.at("directoryTenants").as_array().at(0), "status") == "Healthy");
}

BOOST_AUTO_TEST_CASE(tenant_subscriptions_and_guest_owner_role_assignment) {
  EmulatorUnderTest emu([](azscsp::emulator::EmulatorOptions& o) { o.page_size = 1; });
  StampClients sc(emu);
  std::string op = sc.OperatorAdminToken();
  Onboard(sc, op, sfx::kFabrikamDomain, fx::kFabrikamTenant);
  std::string graph =
      sc.GraphToken(sfx::kFabrikamAdmin, sfx::kFabrikamAdminPassword, fx::kFabrikamTenant);
  BOOST_TEST_REQUIRE(StampClients::Call(*sc.graph, "POST", "/v1.0/servicePrincipals", graph,
                                        R"({"appId":")" + sfx::kArmApp + "\"}")
                         .status == 201);
  std::string tenant = sc.UserToken(sfx::kFabrikamAdmin, sfx::kFabrikamAdminPassword,
                                    sfx::kTenantAudience, fx::kFabrikamTenant);
  HttpResult r =
      StampClients::Call(*sc.tenant, "GET", "/subscriptions?api-version=2016-05-01", tenant);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::array subs = r.Json().at("value").as_array();
  BOOST_TEST_REQUIRE(subs.size() == 1u);
  BOOST_TEST(S(subs[0], "subscriptionId") == sfx::kFabrikamStampSub);
  BOOST_TEST(StampClients::Call(
                 *sc.tenant, "GET",
                 "/subscriptions/" + sfx::kFabrikamStampSub + "?api-version=2016-05-01", tenant)
                 .status == 200);
  BOOST_TEST(StampClients::Call(
                 *sc.tenant, "GET",
                 "/subscriptions/" + sfx::kAdatumStampSub + "?api-version=2016-05-01", tenant)
                 .ErrorCode() == "InvalidAuthenticationTokenTenant");
  // Invite the partner's operator as a guest, then make them Owner of the subscription.
  r = StampClients::Call(*sc.graph, "POST", "/v1.0/invitations", graph,
                         R"({"invitedUserEmailAddress":"operator@contosocsp.onmicrosoft.com",
                             "inviteRedirectUrl":"https://portal.local/fabrikam.onmicrosoft.com",
                             "sendInvitationMessage":false})");
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  std::string guest = S(r.Json().at("invitedUser"), "id");
  std::string ra = "/subscriptions/" + sfx::kFabrikamStampSub +
                   "/providers/Microsoft.Authorization/roleAssignments/";
  std::string name = "3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a5b";
  std::string body = R"({"properties":{"roleDefinitionId":"/subscriptions/)" +
                     sfx::kFabrikamStampSub +
                     "/providers/Microsoft.Authorization/roleDefinitions/" + sfx::kOwnerRole +
                     R"(","principalId":")" + guest + "\"}}";
  r = StampClients::Call(*sc.tenant, "PUT", ra + name + "?api-version=2022-04-01", tenant, body);
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  BOOST_TEST(S(r.Json().at("properties"), "principalType") == "User");
  BOOST_TEST(S(r.Json().at("properties"), "scope") == "/subscriptions/" + sfx::kFabrikamStampSub);
  r = StampClients::Call(*sc.tenant, "PUT",
                         ra + "4a2f3e5d-6c7b-4809-9bac-1d2e3f4a5b6c?api-version=2022-04-01", tenant,
                         body);
  BOOST_TEST(r.status == 409);
  BOOST_TEST(r.ErrorCode() == "RoleAssignmentExists");
  // A principal of another directory (the Contoso operator itself) is not found here.
  std::string other = R"({"properties":{"roleDefinitionId":"/subscriptions/)" +
                      sfx::kFabrikamStampSub +
                      "/providers/Microsoft.Authorization/roleDefinitions/" + sfx::kOwnerRole +
                      R"(","principalId":")" + fx::kOperatorObject + "\"}}";
  r = StampClients::Call(*sc.tenant, "PUT",
                         ra + "5b3a4f6e-7d8c-4910-8cbd-2e3f4a5b6c7d?api-version=2022-04-01", tenant,
                         other);
  BOOST_TEST(r.ErrorCode() == "PrincipalNotFound");
  // The invited operator signs in to Fabrikam as the guest and sees the subscription it owns.
  std::string as_guest = sc.UserToken(sfx::kOperator, sfx::kOperatorPassword, sfx::kTenantAudience,
                                      fx::kFabrikamTenant);
  BOOST_TEST(JwtClaims(as_guest).at("oid").as_string() == guest);
  r = StampClients::Call(*sc.tenant, "GET", "/subscriptions?api-version=2016-05-01", as_guest);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(r.Json().at("value").as_array().size() == 1u);
  // The Adatum admin is no guest of Fabrikam.
  BOOST_TEST(sc.UserTokenResult(sfx::kAdatumAdmin, sfx::kAdatumAdminPassword, sfx::kTenantAudience,
                                fx::kFabrikamTenant)
                 .status == 400);
  // List with a filter, get, paging (page size 1), delete.
  r = StampClients::Call(*sc.tenant, "GET",
                         ra.substr(0, ra.size() - 1) + "?api-version=2022-04-01&$filter=" +
                             UrlEncode("principalId eq '" + guest + "'"),
                         tenant);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(r.Json().at("value").as_array().size() == 1u);
  BOOST_TEST(
      StampClients::Call(*sc.tenant, "GET", ra + name + "?api-version=2022-04-01", tenant).status ==
      200);
  BOOST_TEST(StampClients::Call(*sc.tenant, "DELETE", ra + name + "?api-version=2022-04-01", tenant)
                 .status == 200);
  BOOST_TEST(StampClients::Call(*sc.tenant, "DELETE", ra + name + "?api-version=2022-04-01", tenant)
                 .status == 204);
  // The Fabrikam reader has no role on the subscription: reads it (same directory) but cannot
  // assign roles.
  std::string reader = sc.UserToken(sfx::kFabrikamReader, sfx::kFabrikamReaderPassword,
                                    sfx::kTenantAudience, fx::kFabrikamTenant);
  r = StampClients::Call(*sc.tenant, "PUT", ra + name + "?api-version=2022-04-01", reader, body);
  BOOST_TEST(r.status == 403);
  BOOST_TEST(r.ErrorCode() == "AuthorizationFailed");
}

BOOST_AUTO_TEST_CASE(guest_principal_replication_delay_applies) {
  EmulatorUnderTest emu(
      [](azscsp::emulator::EmulatorOptions& o) { o.principal_replication_delay_ms = 60000; });
  StampClients sc(emu);
  Onboard(sc, sc.OperatorAdminToken(), sfx::kFabrikamDomain, fx::kFabrikamTenant);
  std::string graph =
      sc.GraphToken(sfx::kFabrikamAdmin, sfx::kFabrikamAdminPassword, fx::kFabrikamTenant);
  StampClients::Call(*sc.graph, "POST", "/v1.0/servicePrincipals", graph,
                     R"({"appId":")" + sfx::kArmApp + "\"}");
  std::string tenant = sc.UserToken(sfx::kFabrikamAdmin, sfx::kFabrikamAdminPassword,
                                    sfx::kTenantAudience, fx::kFabrikamTenant);
  HttpResult r = StampClients::Call(*sc.graph, "POST", "/v1.0/invitations", graph,
                                    R"({"invitedUserEmailAddress":"someone@partner.example",
                                        "inviteRedirectUrl":"https://portal.local/"})");
  std::string guest = S(r.Json().at("invitedUser"), "id");
  r = StampClients::Call(
      *sc.tenant, "PUT",
      "/subscriptions/" + sfx::kFabrikamStampSub +
          "/providers/Microsoft.Authorization/roleAssignments/"
          "3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a5b?api-version=2022-04-01",
      tenant,
      R"({"properties":{"roleDefinitionId":"/providers/Microsoft.Authorization/roleDefinitions/)" +
          sfx::kOwnerRole + R"(","principalId":")" + guest + "\"}}");
  BOOST_TEST(r.ErrorCode() == "PrincipalNotFound");
}

BOOST_AUTO_TEST_CASE(stamp_traffic_is_recorded_with_the_listener_url) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() /
                 ("azscsp-stamp-record-" + std::to_string(azscsp::emulator::CurrentProcessId()));
  fs::remove_all(dir);
  {
    EmulatorUnderTest emu(
        [&](azscsp::emulator::EmulatorOptions& o) { o.record_dir = dir.string(); });
    StampClients sc(emu);
    BOOST_TEST(sc.admin->Request("GET", "/metadata/endpoints?api-version=2015-01-01").status ==
               200);
    bool found = false;
    for (const auto& entry : fs::directory_iterator(dir)) {
      std::ifstream in(entry.path());
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      json::value exchange = json::parse(text);
      std::string url = S(exchange.at("liveRequest"), "url");
      if (url.find("/metadata/endpoints") != std::string::npos) {
        found = url.rfind(emu.emulator().AdminBaseUrl() + "/", 0) == 0;
      }
    }
    BOOST_TEST(found);
  }
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(stamp_and_graph_state_persist) {
  std::string dir;
  std::string sp_id;
  {
    EmulatorUnderTest emu([](azscsp::emulator::EmulatorOptions& o) { o.persist = true; });
    dir = emu.data_dir();
    StampClients sc(emu);
    Onboard(sc, sc.OperatorAdminToken(), sfx::kFabrikamDomain, fx::kFabrikamTenant);
    std::string graph =
        sc.GraphToken(sfx::kFabrikamAdmin, sfx::kFabrikamAdminPassword, fx::kFabrikamTenant);
    HttpResult r = StampClients::Call(*sc.graph, "POST", "/v1.0/servicePrincipals", graph,
                                      R"({"appId":")" + sfx::kApp1 + R"(","tags":["AzureStack"]})");
    BOOST_TEST_REQUIRE(r.status == 201, r.body);
    sp_id = S(r.Json(), "id");
    emu.emulator().Stop();

    azscsp::emulator::EmulatorOptions options;
    options.data_dir = dir;
    options.persist = true;
    azscsp::emulator::Emulator again(options);
    again.Start();
    HttpsClient main("localhost", again.Port(), again.CaCertificatePath());
    HttpsClient graph_client("localhost", again.GraphPort(), again.CaCertificatePath());
    HttpResult token = main.Request("POST", "/" + fx::kFabrikamTenant + "/oauth2/token",
                                    "grant_type=password&client_id=" + sfx::kPowerShellApp +
                                        "&username=" + UrlEncode(sfx::kFabrikamAdmin) +
                                        "&password=" + UrlEncode(sfx::kFabrikamAdminPassword) +
                                        "&resource=" + UrlEncode(again.GraphUrl()),
                                    {{"Content-Type", "application/x-www-form-urlencoded"}});
    BOOST_TEST_REQUIRE(token.status == 200, token.body);
    r = StampClients::Call(graph_client, "GET", "/v1.0/servicePrincipals/" + sp_id,
                           S(token.Json(), "access_token"));
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    BOOST_TEST(r.Json().at("tags").as_array().at(0).as_string() == "AzureStack");
    json::value state = json::parse(main.Request("GET", "/_emulator/state").body);
    BOOST_TEST(state.at("stamp").at("directoryTenants").as_array().size() == 1u);
    again.Stop();
  }
}

BOOST_AUTO_TEST_CASE(command_line_stamp_options) {
  std::vector<const char*> args{"azscsp-emulator",
                                "--data-dir",
                                "d",
                                "--admin-port",
                                "9001",
                                "--tenant-port",
                                "9002",
                                "--graph-port",
                                "9003",
                                "--graph-page-size",
                                "7",
                                "--graph-replication-delay-ms",
                                "250",
                                "--health-report-array"};
  auto ok = azscsp::emulator::ParseCommandLine(static_cast<int>(args.size()), args.data());
  BOOST_TEST_REQUIRE((ok.action == azscsp::emulator::CommandLine::Action::kRun), ok.message);
  BOOST_TEST(ok.options.admin_port == 9001);
  BOOST_TEST(ok.options.tenant_port == 9002);
  BOOST_TEST(ok.options.graph_port == 9003);
  BOOST_TEST(ok.options.graph_page_size == 7);
  BOOST_TEST(ok.options.graph_replication_delay_ms == 250);
  BOOST_TEST(ok.options.health_report_array);
  std::vector<const char*> bad{"azscsp-emulator", "--data-dir", "d", "--graph-port", "70000"};
  BOOST_TEST((azscsp::emulator::ParseCommandLine(static_cast<int>(bad.size()), bad.data()).action ==
              azscsp::emulator::CommandLine::Action::kError));
  std::vector<const char*> page{"azscsp-emulator", "--data-dir", "d", "--graph-page-size", "0"};
  BOOST_TEST(
      (azscsp::emulator::ParseCommandLine(static_cast<int>(page.size()), page.data()).action ==
       azscsp::emulator::CommandLine::Action::kError));
}

BOOST_AUTO_TEST_SUITE_END()
