// Microsoft Graph listener: G1-G11 of api.md §7.1, authorization by directory role, paging,
// errors and replication delay.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <set>
#include <thread>

#include "sign_in_test_helpers.hpp"
#include "stamp_test_helpers.hpp"

namespace json = boost::json;
using namespace azscsp::emulator::test;

namespace {

std::string S(const json::value& v, const char* key) {
  return std::string(v.at(key).as_string());
}

struct GraphFixture {
  EmulatorUnderTest emu;
  StampClients sc{emu};
  std::string admin =
      sc.GraphToken(sfx::kFabrikamAdmin, sfx::kFabrikamAdminPassword, fx::kFabrikamTenant);

  HttpResult Call(const std::string& method, const std::string& path, const std::string& body = {},
                  const std::string* token = nullptr) {
    return StampClients::Call(*sc.graph, method, path, token ? *token : admin, body);
  }
  std::string CreateSp(const std::string& app_id) {
    HttpResult r = Call("POST", "/v1.0/servicePrincipals", R"({"appId":")" + app_id + "\"}");
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    return S(r.Json(), "id");
  }
  std::string SpOf(const std::string& app_id) {
    HttpResult r = Call("GET", "/v1.0/servicePrincipals(appId='" + app_id + "')");
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    return S(r.Json(), "id");
  }
};

void CheckGraphError(const HttpResult& r, int status, const std::string& code) {
  BOOST_TEST(r.status == status, r.body);
  BOOST_TEST(GraphErrorCode(r) == code, r.body);
  if (r.status >= 400) {
    json::value inner = r.Json().at("error").at("innerError");
    BOOST_TEST(!S(inner, "date").empty());
    BOOST_TEST(!S(inner, "request-id").empty());
    BOOST_TEST(!S(inner, "client-request-id").empty());
  }
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(graph, GraphFixture)

BOOST_AUTO_TEST_CASE(g1_g2_find_service_principals) {
  HttpResult r = Call(
      "GET", "/v1.0/servicePrincipals?$filter=" + UrlEncode("appId eq '" + sfx::kGraphApp + "'"));
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::array value = r.Json().at("value").as_array();
  BOOST_TEST_REQUIRE(value.size() == 1u);
  BOOST_TEST(S(value[0], "displayName") == "Microsoft Graph");
  bool has_role = false;
  for (const json::value& role : value[0].at("appRoles").as_array()) {
    has_role |= S(role, "value") == "Directory.Read.All";
  }
  BOOST_TEST(has_role);
  r = Call("GET", "/v1.0/servicePrincipals(appId='" + sfx::kGraphApp + "')");
  BOOST_TEST(r.status == 200);
  BOOST_TEST(S(r.Json(), "id") == S(value[0], "id"));
  CheckGraphError(Call("GET", "/v1.0/servicePrincipals(appId='" + sfx::kArmApp + "')"), 404,
                  "Request_ResourceNotFound");
  r = Call("GET",
           "/v1.0/servicePrincipals?$filter=" + UrlEncode("appId eq '" + sfx::kArmApp + "'"));
  BOOST_TEST(r.Json().at("value").as_array().empty());
  // G2 after installing the stamp ARM application.
  CreateSp(sfx::kArmApp);
  r = Call("GET",
           "/v1.0/servicePrincipals?$filter=" +
               UrlEncode("servicePrincipalNames/any(c:c eq '" + sfx::kTenantAudience + "')"));
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST_REQUIRE(r.Json().at("value").as_array().size() == 1u);
  BOOST_TEST(S(r.Json().at("value").as_array()[0], "appId") == sfx::kArmApp);
  CheckGraphError(
      Call("GET", "/v1.0/servicePrincipals?$filter=" + UrlEncode("startswith(displayName,'A')")),
      400, "Request_UnsupportedQuery");
  // Directories are separate: Adatum has no such principal.
  std::string adatum =
      sc.GraphToken(sfx::kAdatumAdmin, sfx::kAdatumAdminPassword, fx::kAdatumTenant);
  r = Call("GET", "/v1.0/servicePrincipals(appId='" + sfx::kArmApp + "')", {}, &adatum);
  BOOST_TEST(r.status == 404);
}

BOOST_AUTO_TEST_CASE(g3_g4_g10_create_tag_delete) {
  HttpResult r = Call("POST", "/v1.0/servicePrincipals",
                      R"({"appId":")" + sfx::kApp1 + R"(","tags":["AzureStack"]})");
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  json::value sp = r.Json();
  std::string id = S(sp, "id");
  BOOST_TEST(S(sp, "displayName") == "Azure Stack - Deployment");
  BOOST_TEST(sp.at("tags").as_array().size() == 1u);
  BOOST_TEST(sp.at("appRoles").as_array().size() == 1u);
  CheckGraphError(Call("POST", "/v1.0/servicePrincipals", R"({"appId":")" + sfx::kApp1 + "\"}"),
                  409, "Request_MultipleObjectsWithSameKeyValue");
  CheckGraphError(Call("POST", "/v1.0/servicePrincipals",
                       R"({"appId":"11111111-2222-3333-4444-555555555555"})"),
                  400, "Request_BadRequest");
  CheckGraphError(Call("POST", "/v1.0/servicePrincipals", "{}"), 400, "Request_BadRequest");
  r = Call("PATCH", "/v1.0/servicePrincipals/" + id,
           R"({"tags":["AzureStack","WindowsAzureActiveDirectoryIntegratedApp"]})");
  BOOST_TEST(r.status == 204, r.body);
  BOOST_TEST(Call("GET", "/v1.0/servicePrincipals/" + id).Json().at("tags").as_array().size() ==
             2u);
  // G10 both forms.
  BOOST_TEST(Call("DELETE", "/v1.0/servicePrincipals/" + id).status == 204);
  CheckGraphError(Call("GET", "/v1.0/servicePrincipals/" + id), 404, "Request_ResourceNotFound");
  CheckGraphError(Call("DELETE", "/v1.0/servicePrincipals/" + id), 404, "Request_ResourceNotFound");
  std::string again = CreateSp(sfx::kApp1);
  r = Call("GET", "/v1.0/directoryObjects/" + again);
  BOOST_TEST(r.status == 200);
  BOOST_TEST(S(r.Json(), "@odata.type") == "#microsoft.graph.servicePrincipal");
  BOOST_TEST(Call("DELETE", "/v1.0/directoryObjects/" + again).status == 204);
  BOOST_TEST(Call("GET", "/v1.0/directoryObjects/" + again).status == 404);
}

BOOST_AUTO_TEST_CASE(writes_need_a_directory_role) {
  std::string reader =
      sc.GraphToken(sfx::kFabrikamReader, sfx::kFabrikamReaderPassword, fx::kFabrikamTenant);
  BOOST_TEST(Call("GET", "/v1.0/servicePrincipals", {}, &reader).status == 200);
  CheckGraphError(
      Call("POST", "/v1.0/servicePrincipals", R"({"appId":")" + sfx::kApp1 + "\"}", &reader), 403,
      "Authorization_RequestDenied");
  BOOST_TEST(Call("POST", "/v1.0/servicePrincipals", R"({"appId":")" + sfx::kApp1 + "\"}", &reader)
                 .Json()
                 .at("error")
                 .at("message")
                 .as_string() == "Insufficient privileges to complete the operation.");
  CheckGraphError(
      Call("POST", "/v1.0/invitations",
           R"({"invitedUserEmailAddress":"x@y.example","inviteRedirectUrl":"https://a/"})",
           &reader),
      403, "Authorization_RequestDenied");
  // A service principal without Graph application permissions reads nothing.
  HttpResult t =
      emu.TokenRequest(fx::kHomeTenant, "grant_type=client_credentials&client_id=" + fx::kOwnerApp +
                                            "&client_secret=" + UrlEncode(fx::kOwnerSecret) +
                                            "&resource=" + UrlEncode(sc.GraphUrl()));
  BOOST_TEST_REQUIRE(t.status == 200, t.body);
  std::string app = S(t.Json(), "access_token");
  CheckGraphError(Call("GET", "/v1.0/servicePrincipals", {}, &app), 403,
                  "Authorization_RequestDenied");
}

BOOST_AUTO_TEST_CASE(g5_g6_g7_delegated_grants) {
  std::string client = CreateSp(sfx::kApp3);
  std::string arm = CreateSp(sfx::kArmApp);
  std::string filter = "/v1.0/oauth2PermissionGrants?$filter=" +
                       UrlEncode("clientId eq '" + client + "' and resourceId eq '" + arm + "'");
  BOOST_TEST(Call("GET", filter).Json().at("value").as_array().empty());
  HttpResult r =
      Call("POST", "/v1.0/oauth2PermissionGrants",
           R"({"clientId":")" + client + R"(","consentType":"AllPrincipals","resourceId":")" + arm +
               R"(","scope":"user_impersonation"})");
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  std::string id = S(r.Json(), "id");
  BOOST_TEST(r.Json().at("principalId").is_null());
  CheckGraphError(
      Call("POST", "/v1.0/oauth2PermissionGrants",
           R"({"clientId":")" + client + R"(","consentType":"AllPrincipals","resourceId":")" + arm +
               R"(","scope":"user_impersonation"})"),
      409, "Request_MultipleObjectsWithSameKeyValue");
  CheckGraphError(
      Call(
          "POST", "/v1.0/oauth2PermissionGrants",
          R"({"clientId":"00000000-0000-0000-0000-000000000001","consentType":"AllPrincipals","resourceId":")" +
              arm + R"(","scope":"x"})"),
      400, "Request_BadRequest");
  r = Call("GET", filter);
  BOOST_TEST_REQUIRE(r.Json().at("value").as_array().size() == 1u);
  // Either clause alone.
  BOOST_TEST(Call("GET", "/v1.0/oauth2PermissionGrants?$filter=" +
                             UrlEncode("clientId eq '" + client + "'"))
                 .Json()
                 .at("value")
                 .as_array()
                 .size() == 1u);
  BOOST_TEST(Call("GET", "/v1.0/oauth2PermissionGrants?$filter=" +
                             UrlEncode("resourceId eq '" + arm + "'"))
                 .Json()
                 .at("value")
                 .as_array()
                 .size() == 1u);
  BOOST_TEST(Call("PATCH", "/v1.0/oauth2PermissionGrants/" + id,
                  R"({"scope":"user_impersonation Other.Scope"})")
                 .status == 204);
  BOOST_TEST(S(Call("GET", "/v1.0/oauth2PermissionGrants/" + id).Json(), "scope") ==
             "user_impersonation Other.Scope");
  CheckGraphError(Call("PATCH", "/v1.0/oauth2PermissionGrants/nope", R"({"scope":"a"})"), 404,
                  "Request_ResourceNotFound");
  BOOST_TEST(Call("DELETE", "/v1.0/oauth2PermissionGrants/" + id).status == 204);
}

BOOST_AUTO_TEST_CASE(g8_g9_app_role_assignments_both_forms) {
  std::string graph = SpOf(sfx::kGraphApp);
  std::string app1 = CreateSp(sfx::kApp1);
  std::string app2 = CreateSp(sfx::kApp2);
  BOOST_TEST(Call("GET", "/v1.0/servicePrincipals/" + app1 + "/appRoleAssignments")
                 .Json()
                 .at("value")
                 .as_array()
                 .empty());
  std::string body = R"({"principalId":")" + app1 + R"(","resourceId":")" + graph +
                     R"(","appRoleId":")" + sfx::kDirectoryReadAllRole + "\"}";
  HttpResult r = Call("POST", "/v1.0/servicePrincipals/" + graph + "/appRoleAssignedTo", body);
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  BOOST_TEST(S(r.Json(), "resourceDisplayName") == "Microsoft Graph");
  CheckGraphError(Call("POST", "/v1.0/servicePrincipals/" + app1 + "/appRoleAssignments", body),
                  400, "Request_BadRequest");  // already exists
  // The other form, for a stamp application's role.
  std::string role = "c1d2e3f4-0a1b-4c2d-9e3f-4a5b6c7d8e02";
  r = Call("POST", "/v1.0/servicePrincipals/" + app2 + "/appRoleAssignments",
           R"({"principalId":")" + app2 + R"(","resourceId":")" + app1 + R"(","appRoleId":")" +
               role + "\"}");
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  // Unknown role, principal in the body not the one in the URL.
  CheckGraphError(Call("POST", "/v1.0/servicePrincipals/" + app2 + "/appRoleAssignments",
                       R"({"principalId":")" + app2 + R"(","resourceId":")" + app1 +
                           R"(","appRoleId":"00000000-0000-0000-0000-000000000000"})"),
                  400, "Request_BadRequest");
  CheckGraphError(Call("POST", "/v1.0/servicePrincipals/" + app2 + "/appRoleAssignments",
                       R"({"principalId":")" + app1 + R"(","resourceId":")" + app1 +
                           R"(","appRoleId":")" + role + "\"}"),
                  400, "Request_BadRequest");
  r = Call("GET", "/v1.0/servicePrincipals/" + app1 + "/appRoleAssignments");
  BOOST_TEST_REQUIRE(r.Json().at("value").as_array().size() == 1u);
  BOOST_TEST(S(r.Json().at("value").as_array()[0], "appRoleId") == sfx::kDirectoryReadAllRole);
  r = Call("GET", "/v1.0/servicePrincipals/" + app1 + "/appRoleAssignedTo");
  BOOST_TEST(r.Json().at("value").as_array().size() == 1u);  // app2 holds app1's role
  CheckGraphError(Call("GET", "/v1.0/servicePrincipals/nope/appRoleAssignments"), 404,
                  "Request_ResourceNotFound");
}

BOOST_AUTO_TEST_CASE(g11_invitations_and_users) {
  HttpResult r = Call("POST", "/v1.0/invitations",
                      R"({"invitedUserEmailAddress":"csp.admin@partner.example",
                          "inviteRedirectUrl":"https://portal.local/fabrikam.onmicrosoft.com",
                          "sendInvitationMessage":false,"invitedUserDisplayName":"CSP Admin"})");
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  json::value invitation = r.Json();
  BOOST_TEST(S(invitation, "status") == "PendingAcceptance");
  BOOST_TEST(S(invitation, "invitedUserType") == "Guest");
  BOOST_TEST(!S(invitation, "inviteRedeemUrl").empty());
  std::string user_id = S(invitation.at("invitedUser"), "id");
  r = Call("GET", "/v1.0/users?$filter=" + UrlEncode("mail eq 'csp.admin@partner.example'"));
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::array users = r.Json().at("value").as_array();
  BOOST_TEST_REQUIRE(users.size() == 1u);
  BOOST_TEST(S(users[0], "id") == user_id);
  BOOST_TEST(S(users[0], "userType") == "Guest");
  BOOST_TEST(S(users[0], "userPrincipalName") ==
             "csp.admin_partner.example#EXT#@fabrikam.onmicrosoft.com");
  r = Call("GET", "/v1.0/users/" + user_id);
  BOOST_TEST(r.status == 200);
  BOOST_TEST(S(r.Json(), "displayName") == "CSP Admin");
  // Inviting the same address again returns the same guest.
  r = Call(
      "POST", "/v1.0/invitations",
      R"({"invitedUserEmailAddress":"CSP.Admin@partner.example","inviteRedirectUrl":"https://a/"})");
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  BOOST_TEST(S(r.Json().at("invitedUser"), "id") == user_id);
  // Failures.
  CheckGraphError(Call("POST", "/v1.0/invitations", R"({"inviteRedirectUrl":"https://a/"})"), 400,
                  "Request_BadRequest");
  CheckGraphError(
      Call(
          "POST", "/v1.0/invitations",
          R"({"invitedUserEmailAddress":"reader@fabrikam.onmicrosoft.com","inviteRedirectUrl":"https://a/"})"),
      400, "Request_BadRequest");  // a member
  CheckGraphError(Call("GET", "/v1.0/users/11111111-1111-1111-1111-111111111111"), 404,
                  "Request_ResourceNotFound");
  BOOST_TEST(Call("GET", "/v1.0/users?$filter=" + UrlEncode("mail eq 'nobody@x.example'"))
                 .Json()
                 .at("value")
                 .as_array()
                 .empty());
}

BOOST_AUTO_TEST_CASE(paging_with_top_and_next_link) {
  // Fabrikam has two principals (Microsoft Graph, Azure PowerShell); add three.
  CreateSp(sfx::kApp1);
  CreateSp(sfx::kApp2);
  CreateSp(sfx::kApp3);
  std::string next = "/v1.0/servicePrincipals?$top=2";
  std::set<std::string> seen;
  int pages = 0;
  while (!next.empty()) {
    HttpResult r = Call("GET", next);
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    json::value body = r.Json();
    BOOST_TEST(body.at("value").as_array().size() <= 2u);
    for (const json::value& sp : body.at("value").as_array()) seen.insert(S(sp, "id"));
    ++pages;
    next.clear();
    if (const json::value* link = body.as_object().if_contains("@odata.nextLink")) {
      std::string url(link->as_string());
      BOOST_TEST_REQUIRE(url.rfind(sc.GraphUrl() + "/v1.0/servicePrincipals?", 0) == 0u, url);
      next = url.substr(sc.GraphUrl().size());
    }
  }
  BOOST_TEST(pages == 3);
  BOOST_TEST(seen.size() == 5u);
  CheckGraphError(Call("GET", "/v1.0/servicePrincipals?$top=0"), 400, "Request_BadRequest");
}

BOOST_AUTO_TEST_CASE(faults_and_request_log_reach_the_graph_listener) {
  BOOST_TEST_REQUIRE(
      Control(emu, "POST", "/_emulator/faults",
              R"({"pathContains":"/v1.0/servicePrincipals","status":503,"retryAfter":"2"})")
          .status == 201);
  HttpResult r = Call("GET", "/v1.0/servicePrincipals");
  BOOST_TEST(r.status == 503);
  BOOST_TEST(r.Header("Retry-After") == "2");
  BOOST_TEST(Call("GET", "/v1.0/servicePrincipals").status == 200);
  json::array log = Control(emu, "GET", "/_emulator/requests?pathContains=/v1.0/servicePrincipals")
                        .Json()
                        .at("value")
                        .as_array();
  BOOST_TEST_REQUIRE(log.size() == 2u);
  BOOST_TEST(S(log[0], "host") == "graph");
  BOOST_TEST(log[0].at("fault").as_bool());
}

BOOST_AUTO_TEST_CASE(graph_state_is_shown_and_reset) {
  std::string client = CreateSp(sfx::kApp3);
  std::string graph = SpOf(sfx::kGraphApp);
  BOOST_TEST(Call("POST", "/v1.0/oauth2PermissionGrants",
                  R"({"clientId":")" + client +
                      R"(","consentType":"AllPrincipals","resourceId":")" + graph +
                      R"(","scope":"User.Read"})")
                 .status == 201);
  json::value state = Control(emu, "GET", "/_emulator/state").Json();
  bool grant_saved = false;
  for (const json::value& d : state.at("directories").as_array()) {
    if (S(d, "tenantId") != fx::kFabrikamTenant) continue;
    for (const json::value& g : d.at("oauth2PermissionGrants").as_array()) {
      grant_saved |= S(g, "clientId") == client;
    }
  }
  BOOST_TEST(grant_saved);
  BOOST_TEST(Control(emu, "POST", "/_emulator/reset").status == 204);
  BOOST_TEST(Call("GET", "/v1.0/servicePrincipals/" + client).status == 404);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(graph_replication_delay_hides_new_principals) {
  EmulatorUnderTest emu(
      [](azscsp::emulator::EmulatorOptions& o) { o.graph_replication_delay_ms = 400; });
  StampClients sc(emu);
  std::string token =
      sc.GraphToken(sfx::kFabrikamAdmin, sfx::kFabrikamAdminPassword, fx::kFabrikamTenant);
  HttpResult r = StampClients::Call(*sc.graph, "POST", "/v1.0/servicePrincipals", token,
                                    R"({"appId":")" + sfx::kArmApp + "\"}");
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  std::string id = S(r.Json(), "id");
  BOOST_TEST(StampClients::Call(*sc.graph, "GET", "/v1.0/servicePrincipals/" + id, token).status ==
             404);
  // Not replicated yet: the stamp ARM token is still refused.
  BOOST_TEST(sc.UserTokenResult(sfx::kFabrikamAdmin, sfx::kFabrikamAdminPassword,
                                sfx::kTenantAudience, fx::kFabrikamTenant)
                 .status == 400);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  BOOST_TEST(StampClients::Call(*sc.graph, "GET", "/v1.0/servicePrincipals/" + id, token).status ==
             200);
  BOOST_TEST(sc.UserTokenResult(sfx::kFabrikamAdmin, sfx::kFabrikamAdminPassword,
                                sfx::kTenantAudience, fx::kFabrikamTenant)
                 .status == 200);
}
