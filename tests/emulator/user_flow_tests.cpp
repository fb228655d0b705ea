// User sign-in flows (auth.md §6, §7, §15): device code with the control endpoints, password
// (ROPC), refresh tokens with rotation; public clients only; secrets never logged.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "sign_in_test_helpers.hpp"

namespace json = boost::json;
using namespace azscsp::emulator::test;

namespace {

const std::string kV2Scope = "https://management.core.windows.net//.default offline_access";

std::string DeviceCodePath(const std::string& tenant, bool v2) {
  return "/" + tenant + (v2 ? "/oauth2/v2.0/devicecode" : "/oauth2/devicecode");
}

std::string TokenPath(const std::string& tenant, bool v2) {
  return "/" + tenant + (v2 ? "/oauth2/v2.0/token" : "/oauth2/token");
}

json::object RequestCode(EmulatorUnderTest& emu, bool v2, const std::string& scope = kV2Scope) {
  HttpResult r =
      PostForm(emu, DeviceCodePath(fx::kHomeTenant, v2),
               "client_id=" + fx::kPublicClient + "&" +
                   (v2 ? "scope=" + UrlEncode(scope) : "resource=" + UrlEncode(fx::kArmResource)));
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  return r.Json().as_object();
}

HttpResult Poll(EmulatorUnderTest& emu, const json::object& code, bool v2,
                const std::string& client = fx::kPublicClient) {
  return PostForm(emu, TokenPath(fx::kHomeTenant, v2),
                  "grant_type=" + UrlEncode("urn:ietf:params:oauth:grant-type:device_code") +
                      "&client_id=" + client +
                      "&device_code=" + UrlEncode(Str(code, "device_code")));
}

HttpResult Password(EmulatorUnderTest& emu, const std::string& user, const std::string& password,
                    bool v2 = false, const std::string& client = fx::kPublicClient,
                    const std::string& scope = kV2Scope) {
  return PostForm(emu, TokenPath(fx::kHomeTenant, v2),
                  "grant_type=password&client_id=" + client + "&username=" + UrlEncode(user) +
                      "&password=" + UrlEncode(password) + "&" +
                      (v2 ? "scope=" + UrlEncode(scope)
                          : "resource=" + UrlEncode(fx::kArmResource) + "&scope=openid"));
}

HttpResult Refresh(EmulatorUnderTest& emu, const std::string& refresh_token,
                   const std::string& resource = fx::kArmResource,
                   const std::string& client = fx::kPublicClient) {
  return PostForm(emu, TokenPath(fx::kHomeTenant, false),
                  "grant_type=refresh_token&client_id=" + client + "&refresh_token=" +
                      UrlEncode(refresh_token) + "&resource=" + UrlEncode(resource));
}

auto FastPolling(int interval = 0) {
  return [interval](azscsp::emulator::EmulatorOptions& o) {
    o.device_code_interval_seconds = interval;
  };
}

}  // namespace

BOOST_AUTO_TEST_SUITE(device_code)

BOOST_AUTO_TEST_CASE(v2_code_pending_then_approved_gives_user_tokens_that_arm_accepts) {
  EmulatorUnderTest emu(FastPolling());
  json::object code = RequestCode(emu, true);
  BOOST_TEST(code.at("expires_in").as_int64() == 900);
  BOOST_TEST(code.at("interval").as_int64() == 0);
  BOOST_TEST(code.contains("verification_uri"));
  BOOST_TEST(!code.contains("verification_uri_complete"));
  BOOST_TEST(!code.contains("verification_url"));
  std::string user_code = Str(code, "user_code");
  std::string uri = Str(code, "verification_uri");
  BOOST_TEST(uri == emu.emulator().BaseUrl() + "/devicelogin");
  HttpResult page = emu.client().Request("GET", "/devicelogin");
  BOOST_TEST(page.status == 200);
  BOOST_TEST(page.body.find("/_emulator/devicecodes/approve") != std::string::npos);
  BOOST_TEST(Str(code, "message").find(user_code) != std::string::npos);

  CheckAadError(Poll(emu, code, true), 400, "authorization_pending", 70016);

  HttpResult list = Control(emu, "GET", "/_emulator/devicecodes");
  BOOST_TEST_REQUIRE(list.status == 200, list.body);
  json::array codes = list.Json().at("value").as_array();
  BOOST_TEST_REQUIRE(codes.size() == 1u);
  BOOST_TEST(Str(codes[0], "userCode") == user_code);
  BOOST_TEST(Str(codes[0], "clientId") == fx::kPublicClient);
  BOOST_TEST(Str(codes[0], "tenantId") == fx::kHomeTenant);
  BOOST_TEST(Str(codes[0], "status") == "pending");
  BOOST_TEST(codes[0].as_object().contains("expiresAt"));

  HttpResult approve = Control(emu, "POST", "/_emulator/devicecodes/approve",
                               R"({"userPrincipalName":")" + fx::kOperatorUpn + "\"}");
  BOOST_TEST_REQUIRE(approve.status == 200, approve.body);

  HttpResult r = Poll(emu, code, true);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::object body = r.Json().as_object();
  BOOST_TEST(body.at("expires_in").is_int64());
  BOOST_TEST(body.contains("refresh_token"));  // offline_access was asked for
  json::object claims = JwtClaims(Str(body, "access_token"));
  BOOST_TEST(Str(claims, "upn") == fx::kOperatorUpn);
  BOOST_TEST(Str(claims, "oid") == fx::kOperatorObject);
  BOOST_TEST(Str(claims, "tid") == fx::kHomeTenant);
  BOOST_TEST(Str(claims, "appid") == fx::kPublicClient);
  BOOST_TEST(Str(claims, "aud") == fx::kArmResource);
  BOOST_TEST(ArmStatus(emu, Str(body, "access_token")) == 200);

  // A code is redeemed once.
  CheckAadError(Poll(emu, code, true), 400, "invalid_grant", 54005);
  json::array after = Control(emu, "GET", "/_emulator/devicecodes").Json().at("value").as_array();
  BOOST_TEST(Str(after[0], "status") == "redeemed");
}

BOOST_AUTO_TEST_CASE(v1_code_uses_verification_url_and_string_numbers) {
  EmulatorUnderTest emu(FastPolling());
  json::object code = RequestCode(emu, false);
  BOOST_TEST(code.contains("verification_url"));
  BOOST_TEST(!code.contains("verification_uri"));
  BOOST_TEST(!code.contains("verification_uri_complete"));
  BOOST_TEST(code.at("expires_in").as_string() == "900");
  BOOST_TEST(code.at("interval").as_string() == "0");
  // Approve this code by user code; v1 always gives a refresh token.
  HttpResult approve = Control(emu, "POST", "/_emulator/devicecodes/approve",
                               R"({"userCode":")" + Str(code, "user_code") +
                                   R"(","userPrincipalName":")" + fx::kOperatorUpn + "\"}");
  BOOST_TEST_REQUIRE(approve.status == 200, approve.body);
  HttpResult r = Poll(emu, code, false);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(r.Json().at("expires_in").is_string());
  BOOST_TEST(r.Json().as_object().contains("refresh_token"));
  BOOST_TEST(Str(r.Json(), "resource") == fx::kArmResource);
}

BOOST_AUTO_TEST_CASE(v2_without_offline_access_gives_no_refresh_token) {
  EmulatorUnderTest emu(FastPolling());
  json::object code = RequestCode(emu, true, "https://management.azure.com/user_impersonation");
  BOOST_TEST_REQUIRE(Control(emu, "POST", "/_emulator/devicecodes/approve", "{}").status == 200);
  HttpResult r = Poll(emu, code, true);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(!r.Json().as_object().contains("refresh_token"));
  BOOST_TEST(Str(JwtClaims(Str(r.Json(), "access_token")), "aud") ==
             "https://management.azure.com");
}

BOOST_AUTO_TEST_CASE(polling_faster_than_interval_is_slow_down) {
  EmulatorUnderTest emu(FastPolling(1));
  json::object code = RequestCode(emu, true);
  BOOST_TEST(code.at("interval").as_int64() == 1);
  CheckAadError(Poll(emu, code, true), 400, "authorization_pending", 70016);
  CheckAadError(Poll(emu, code, true), 400, "slow_down", 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  CheckAadError(Poll(emu, code, true), 400, "authorization_pending", 70016);
}

BOOST_AUTO_TEST_CASE(code_expires_after_lifetime) {
  EmulatorUnderTest emu([](azscsp::emulator::EmulatorOptions& o) {
    o.device_code_interval_seconds = 0;
    o.device_code_lifetime_seconds = 1;
  });
  json::object code = RequestCode(emu, true);
  BOOST_TEST(code.at("expires_in").as_int64() == 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  CheckAadError(Poll(emu, code, true), 400, "expired_token", 70019);
  json::array codes = Control(emu, "GET", "/_emulator/devicecodes").Json().at("value").as_array();
  BOOST_TEST(Str(codes[0], "status") == "expired");
  // An expired code can no longer be approved.
  BOOST_TEST(Control(emu, "POST", "/_emulator/devicecodes/approve", "{}").status == 404);
}

BOOST_AUTO_TEST_CASE(declined_code_is_authorization_declined) {
  EmulatorUnderTest emu(FastPolling());
  json::object code = RequestCode(emu, true);
  HttpResult decline = Control(emu, "POST", "/_emulator/devicecodes/decline", "");
  BOOST_TEST_REQUIRE(decline.status == 200, decline.body);
  CheckAadError(Poll(emu, code, true), 400, "authorization_declined", 0);
  // A decided code cannot be approved any more.
  BOOST_TEST(Control(emu, "POST", "/_emulator/devicecodes/approve",
                     R"({"userCode":")" + Str(code, "user_code") + "\"}")
                 .status == 409);
}

BOOST_AUTO_TEST_CASE(unknown_device_code_is_bad_verification_code) {
  EmulatorUnderTest emu(FastPolling());
  json::object fake{{"device_code", "not-a-code"}};
  CheckAadError(Poll(emu, fake, true), 400, "bad_verification_code", 70018);
  // A confidential client cannot poll at all.
  json::object code = RequestCode(emu, true);
  CheckAadError(Poll(emu, code, true, fx::kOwnerApp), 401, "invalid_client", 7000218);
}

BOOST_AUTO_TEST_CASE(only_public_clients_may_ask_for_a_code) {
  EmulatorUnderTest emu;
  CheckAadError(PostForm(emu, DeviceCodePath(fx::kHomeTenant, true),
                         "client_id=" + fx::kOwnerApp + "&scope=" + UrlEncode(kV2Scope)),
                401, "invalid_client", 7000218);
  CheckAadError(
      PostForm(emu, DeviceCodePath(fx::kHomeTenant, true),
               "client_id=00000000-1111-2222-3333-444444444444&scope=" + UrlEncode(kV2Scope)),
      400, "unauthorized_client", 700016);
  CheckAadError(PostForm(emu, DeviceCodePath(fx::kHomeTenant, true), "scope=x"), 400,
                "invalid_request", 900144);
  CheckAadError(PostForm(emu, DeviceCodePath("nosuch.onmicrosoft.com", true),
                         "client_id=" + fx::kPublicClient + "&scope=" + UrlEncode(kV2Scope)),
                400, "invalid_request", 90002);
}

BOOST_AUTO_TEST_CASE(control_endpoint_errors) {
  EmulatorUnderTest emu(FastPolling());
  BOOST_TEST(Control(emu, "POST", "/_emulator/devicecodes/approve", "{}").status == 404);
  BOOST_TEST(Control(emu, "POST", "/_emulator/devicecodes/decline", "{}").status == 404);
  RequestCode(emu, true);
  BOOST_TEST(Control(emu, "POST", "/_emulator/devicecodes/approve",
                     R"({"userPrincipalName":"nobody@contosocsp.onmicrosoft.com"})")
                 .status == 400);
  BOOST_TEST(Control(emu, "POST", "/_emulator/devicecodes/approve", R"({"userCode":"ZZZZZZZZZ"})")
                 .status == 404);
  BOOST_TEST(Control(emu, "POST", "/_emulator/devicecodes/approve", "not json").status == 400);
  BOOST_TEST(Control(emu, "DELETE", "/_emulator/devicecodes").status == 405);
  // Reset forgets every code.
  BOOST_TEST(Control(emu, "POST", "/_emulator/reset").status == 204);
  BOOST_TEST(Control(emu, "GET", "/_emulator/devicecodes").Json().at("value").as_array().empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(password_grant)

BOOST_AUTO_TEST_CASE(v1_password_gives_user_token_and_refresh_token) {
  EmulatorUnderTest emu;
  HttpResult r = Password(emu, fx::kOperatorUpn, fx::kOperatorPassword);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::object body = r.Json().as_object();
  BOOST_TEST(body.at("expires_in").as_string() == "3600");
  BOOST_TEST(body.contains("refresh_token"));
  BOOST_TEST(body.contains("id_token"));
  json::object claims = JwtClaims(Str(body, "access_token"));
  BOOST_TEST(Str(claims, "upn") == fx::kOperatorUpn);
  BOOST_TEST(Str(claims, "oid") == fx::kOperatorObject);
  BOOST_TEST(Str(claims, "idtyp") == "user");
  BOOST_TEST(ArmStatus(emu, Str(body, "access_token")) == 200);
  // Owner on the registration subscription: writes work too.
  std::string token = Str(body, "access_token");
  HttpResult write = emu.Arm(
      "PUT",
      "/subscriptions/" + fx::kRegistrationSub + "/resourcegroups/userrg?api-version=2021-04-01",
      R"({"location":"westcentralus"})", &token);
  BOOST_TEST(write.status == 201, write.body);
}

BOOST_AUTO_TEST_CASE(user_writes_are_attributed_to_the_user) {
  EmulatorUnderTest emu;
  std::string token =
      Str(Password(emu, fx::kOperatorUpn, fx::kOperatorPassword).Json(), "access_token");
  HttpResult r = emu.Arm(
      "PUT", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub, "2020-06-01-preview"), "{}",
      &token);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::object system_data = r.Json().at("systemData").as_object();
  BOOST_TEST(Str(system_data, "createdBy") == fx::kOperatorUpn);
  BOOST_TEST(Str(system_data, "createdByType") == "User");
}

BOOST_AUTO_TEST_CASE(v2_password_refresh_token_only_with_offline_access) {
  EmulatorUnderTest emu;
  HttpResult with = Password(emu, fx::kOperatorUpn, fx::kOperatorPassword, true);
  BOOST_TEST_REQUIRE(with.status == 200, with.body);
  BOOST_TEST(with.Json().at("expires_in").is_int64());
  BOOST_TEST(with.Json().as_object().contains("refresh_token"));
  HttpResult without = Password(emu, fx::kOperatorUpn, fx::kOperatorPassword, true,
                                fx::kPublicClient, "https://management.core.windows.net//.default");
  BOOST_TEST_REQUIRE(without.status == 200, without.body);
  BOOST_TEST(!without.Json().as_object().contains("refresh_token"));
}

BOOST_AUTO_TEST_CASE(password_failures) {
  EmulatorUnderTest emu;
  HttpResult wrong = Password(emu, fx::kOperatorUpn, "wrong-password");
  CheckAadError(wrong, 400, "invalid_grant", 50126);
  BOOST_TEST(wrong.body.find("wrong-password") == std::string::npos);
  CheckAadError(Password(emu, fx::kMfaUpn, fx::kMfaPassword), 400, "invalid_grant", 50076);
  CheckAadError(Password(emu, "nobody@contosocsp.onmicrosoft.com", "x"), 400, "invalid_grant",
                50034);
  CheckAadError(Password(emu, fx::kOperatorUpn, fx::kOperatorPassword, false, fx::kOwnerApp), 401,
                "invalid_client", 7000218);
  CheckAadError(PostForm(emu, TokenPath(fx::kFabrikamTenant, false),
                         "grant_type=password&client_id=" + fx::kPublicClient + "&username=" +
                             UrlEncode(fx::kOperatorUpn) + "&password=" + fx::kOperatorPassword +
                             "&resource=" + UrlEncode(fx::kArmResource)),
                400, "invalid_grant", 50034);  // the user is not in that directory
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(refresh_token)

BOOST_AUTO_TEST_CASE(refresh_rotates_and_is_multi_resource) {
  EmulatorUnderTest emu;
  HttpResult first = Password(emu, fx::kOperatorUpn, fx::kOperatorPassword);
  BOOST_TEST_REQUIRE(first.status == 200, first.body);
  std::string rt1 = Str(first.Json(), "refresh_token");

  HttpResult second = Refresh(emu, rt1);
  BOOST_TEST_REQUIRE(second.status == 200, second.body);
  std::string rt2 = Str(second.Json(), "refresh_token");
  BOOST_TEST(rt2 != rt1);
  BOOST_TEST(Str(JwtClaims(Str(second.Json(), "access_token")), "upn") == fx::kOperatorUpn);
  BOOST_TEST(ArmStatus(emu, Str(second.Json(), "access_token")) == 200);

  // Another resource with the same (v1, multi-resource) refresh token.
  HttpResult graph = Refresh(emu, rt2, "https://graph.windows.net/");
  BOOST_TEST_REQUIRE(graph.status == 200, graph.body);
  BOOST_TEST(Str(JwtClaims(Str(graph.Json(), "access_token")), "aud") ==
             "https://graph.windows.net/");
  BOOST_TEST(Str(graph.Json(), "refresh_token") != rt2);

  // Entra does not revoke a redeemed refresh token: by default the old one still works.
  BOOST_TEST(Refresh(emu, rt1).status == 200);
}

BOOST_AUTO_TEST_CASE(v2_refresh_returns_numbers_and_new_refresh_token) {
  EmulatorUnderTest emu;
  HttpResult first = Password(emu, fx::kOperatorUpn, fx::kOperatorPassword, true);
  BOOST_TEST_REQUIRE(first.status == 200, first.body);
  HttpResult r = PostForm(emu, TokenPath(fx::kHomeTenant, true),
                          "grant_type=refresh_token&client_id=" + fx::kPublicClient +
                              "&refresh_token=" + UrlEncode(Str(first.Json(), "refresh_token")) +
                              "&scope=" + UrlEncode(kV2Scope));
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(r.Json().at("expires_in").is_int64());
  BOOST_TEST(Str(r.Json(), "refresh_token") != Str(first.Json(), "refresh_token"));
}

BOOST_AUTO_TEST_CASE(reused_refresh_token_is_rejected_when_asked) {
  EmulatorUnderTest emu(
      [](azscsp::emulator::EmulatorOptions& o) { o.reject_reused_refresh_tokens = true; });
  std::string rt1 =
      Str(Password(emu, fx::kOperatorUpn, fx::kOperatorPassword).Json(), "refresh_token");
  HttpResult second = Refresh(emu, rt1);
  BOOST_TEST_REQUIRE(second.status == 200, second.body);
  CheckAadError(Refresh(emu, rt1), 400, "invalid_grant", 70008);
  BOOST_TEST(Refresh(emu, Str(second.Json(), "refresh_token")).status == 200);
}

BOOST_AUTO_TEST_CASE(invalid_refresh_tokens) {
  EmulatorUnderTest emu;
  CheckAadError(Refresh(emu, "not-a-refresh-token"), 400, "invalid_grant", 9002313);
  std::string rt =
      Str(Password(emu, fx::kOperatorUpn, fx::kOperatorPassword).Json(), "refresh_token");
  CheckAadError(Refresh(emu, rt, fx::kArmResource, fx::kOwnerApp), 401, "invalid_client", 7000218);
  CheckAadError(PostForm(emu, TokenPath(fx::kHomeTenant, false),
                         "grant_type=refresh_token&client_id=" + fx::kPublicClient +
                             "&resource=" + UrlEncode(fx::kArmResource)),
                400, "invalid_request", 900144);
  // After a reset the emulator forgets its refresh tokens.
  BOOST_TEST(Control(emu, "POST", "/_emulator/reset").status == 204);
  CheckAadError(Refresh(emu, rt), 400, "invalid_grant", 9002313);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(identity_operations)

BOOST_AUTO_TEST_CASE(request_log_never_holds_credentials) {
  std::vector<std::string> lines;
  std::mutex lines_mutex;
  EmulatorUnderTest emu([&](azscsp::emulator::EmulatorOptions& o) {
    o.device_code_interval_seconds = 0;
    o.request_logger = [&](const std::string& line) {
      std::lock_guard<std::mutex> lock(lines_mutex);
      lines.push_back(line);
    };
  });
  HttpResult pw = Password(emu, fx::kOperatorUpn, fx::kOperatorPassword);
  std::string rt = Str(pw.Json(), "refresh_token");
  HttpResult refreshed = Refresh(emu, rt);
  json::object code = RequestCode(emu, true);
  Poll(emu, code, true);
  // Credentials in the query string too (clients must not, but the log must cope).
  emu.client().Request("POST",
                       "/" + fx::kHomeTenant + "/oauth2/token?client_secret=qsecret1&password=" +
                           "qsecret2&refresh_token=qsecret3&device_code=qsecret4&code=qsecret5" +
                           "&client_assertion=qsecret6",
                       "grant_type=password",
                       {{"Content-Type", "application/x-www-form-urlencoded"}});
  std::string log = Control(emu, "GET", "/_emulator/requests").body;
  std::vector<std::string> secrets{fx::kOperatorPassword,
                                   rt,
                                   Str(refreshed.Json(), "refresh_token"),
                                   Str(refreshed.Json(), "access_token"),
                                   Str(pw.Json(), "access_token"),
                                   Str(code, "device_code")};
  for (int i = 1; i <= 6; ++i) secrets.push_back("qsecret" + std::to_string(i));
  std::lock_guard<std::mutex> lock(lines_mutex);
  BOOST_TEST(!lines.empty());
  for (const std::string& secret : secrets) {
    BOOST_TEST(log.find(secret) == std::string::npos, secret);
    for (const std::string& line : lines) BOOST_TEST(line.find(secret) == std::string::npos, line);
  }
}

BOOST_AUTO_TEST_CASE(faults_target_the_token_endpoint) {
  EmulatorUnderTest emu;
  auto cc = [&] {
    return emu.TokenRequest(fx::kHomeTenant,
                            "grant_type=client_credentials&client_id=" + fx::kOwnerApp +
                                "&client_secret=" + fx::kOwnerSecret +
                                "&resource=" + UrlEncode(fx::kArmResource));
  };
  BOOST_TEST_REQUIRE(
      Control(emu, "POST", "/_emulator/faults",
              R"([{"pathContains":"oauth2","status":429,"retryAfter":"2"},)"
              R"({"pathContains":"oauth2","status":503},)"
              R"({"pathContains":"oauth2","status":400,"body":{"error":"invalid_request",)"
              R"("error_description":"AADSTS50196: The server terminated an operation )"
              R"(because it encountered a client request loop.","error_codes":[50196]}}])")
          .status == 201);
  HttpResult throttled = cc();
  BOOST_TEST(throttled.status == 429);
  BOOST_TEST(throttled.Header("Retry-After") == "2");
  BOOST_TEST(throttled.Json().as_object().contains("error_codes"));  // AAD-style body
  HttpResult unavailable = cc();
  BOOST_TEST(unavailable.status == 503);
  HttpResult loop = cc();
  BOOST_TEST(loop.status == 400);
  BOOST_TEST(loop.Json().at("error_codes").as_array().at(0).to_number<long>() == 50196);
  BOOST_TEST(cc().status == 200);
  // Device code endpoint too.
  BOOST_TEST(
      Control(emu, "POST", "/_emulator/faults", R"({"pathContains":"devicecode","status":503})")
          .status == 201);
  BOOST_TEST(PostForm(emu, DeviceCodePath(fx::kHomeTenant, true),
                      "client_id=" + fx::kPublicClient + "&scope=" + UrlEncode(kV2Scope))
                 .status == 503);
}

BOOST_AUTO_TEST_CASE(state_keeps_users_public_clients_and_certificates) {
  EmulatorUnderTest emu;
  json::object state = Control(emu, "GET", "/_emulator/state").Json().as_object();
  json::array users = state.at("users").as_array();
  BOOST_TEST_REQUIRE(users.size() == 5u);  // Contoso's two, then the customer directories' admins
  BOOST_TEST(Str(users[0], "userPrincipalName") == fx::kOperatorUpn);
  BOOST_TEST(users[1].at("mfaRequired").as_bool());
  BOOST_TEST(users[0].at("directoryRoles").as_array().at(0).as_string() == "Global Administrator");
  BOOST_TEST(Str(state.at("publicClients").as_array().at(0), "appId") == fx::kPublicClient);
  bool has_certificate = false;
  for (const json::value& sp : state.at("servicePrincipals").as_array()) {
    if (Str(sp, "appId") == fx::kCertApp) {
      has_certificate = sp.at("certificates").as_array().size() == 1;
    }
  }
  BOOST_TEST(has_certificate);
}

BOOST_AUTO_TEST_CASE(clock_skew_moves_the_identity_clock) {
  EmulatorUnderTest emu([](azscsp::emulator::EmulatorOptions& o) { o.clock_skew_seconds = -7200; });
  auto real_now = std::chrono::duration_cast<std::chrono::seconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  HttpResult r = Password(emu, fx::kOperatorUpn, fx::kOperatorPassword);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  long expires_on = std::stol(Str(r.Json(), "expires_on"));
  BOOST_TEST(expires_on < real_now);  // already past by the client's clock
  BOOST_TEST(expires_on > real_now - 3700);
  // The emulator's ARM shares the skewed clock, so it still accepts the token.
  BOOST_TEST(ArmStatus(emu, Str(r.Json(), "access_token")) == 200);
}

BOOST_AUTO_TEST_SUITE_END()
