// AD FS profile (auth.md §1, §2, §15): --identity-system adfs announces {base}/adfs/ and the AD FS
// audience; /adfs/oauth2/token, /adfs/oauth2/devicecode and /adfs/.well-known/openid-configuration
// answer the AD FS way; ARM accepts AD FS tokens for the AD FS audience. Also /metadata/identity.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>

#include "sign_in_test_helpers.hpp"

namespace json = boost::json;
using namespace azscsp::emulator::test;

namespace {

auto Adfs() {
  return [](azscsp::emulator::EmulatorOptions& o) {
    o.identity_system = "adfs";
    o.device_code_interval_seconds = 0;
  };
}

HttpResult AdfsSecret(EmulatorUnderTest& emu, const std::string& secret,
                      const std::string& resource = fx::kAdfsAudience) {
  return PostForm(emu, "/adfs/oauth2/token",
                  "grant_type=client_credentials&client_id=" + fx::kOwnerApp +
                      "&client_secret=" + UrlEncode(secret) + "&resource=" + UrlEncode(resource));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(adfs_profile)

BOOST_AUTO_TEST_CASE(metadata_announces_adfs_and_identity_gives_the_arm_app) {
  EmulatorUnderTest emu(Adfs());
  std::string base = emu.emulator().BaseUrl();
  HttpResult r = emu.client().Request("GET", "/metadata/endpoints?api-version=2015-01-01");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(Str(r.Json().at("authentication"), "loginEndpoint") == base + "/adfs/");
  BOOST_TEST(r.Json().at("authentication").at("audiences").as_array().at(0).as_string() ==
             fx::kAdfsAudience);
  BOOST_TEST(r.Json().as_object().contains("graphEndpoint"));
  HttpResult identity = emu.client().Request("GET", "/metadata/identity?api-version=2015-01-01");
  BOOST_TEST_REQUIRE(identity.status == 200, identity.body);
  std::string app = Str(identity.Json(), "applicationId");
  BOOST_TEST(fx::kAdfsAudience.substr(fx::kAdfsAudience.size() - app.size()) == app);

  std::ifstream status_file(emu.emulator().StatusFilePath());
  std::stringstream text;
  text << status_file.rdbuf();
  json::value status = json::parse(text.str());
  BOOST_TEST(Str(status, "identitySystem") == "adfs");
  BOOST_TEST(Str(status, "activeDirectoryAuthority") == base + "/adfs/");
  BOOST_TEST(Str(status, "audience") == fx::kAdfsAudience);
}

BOOST_AUTO_TEST_CASE(metadata_identity_in_aad_profile) {
  EmulatorUnderTest emu;
  HttpResult identity = emu.client().Request("GET", "/metadata/identity?api-version=2015-01-01");
  BOOST_TEST_REQUIRE(identity.status == 200, identity.body);
  BOOST_TEST(Str(identity.Json(), "applicationId") == "797f4846-ba00-4fd7-ba43-dac1f8f63013");
  BOOST_TEST(emu.client().Request("GET", "/metadata/identity").ErrorCode() ==
             "MissingApiVersionParameter");
}

BOOST_AUTO_TEST_CASE(openid_configuration_of_adfs) {
  EmulatorUnderTest emu(Adfs());
  std::string base = emu.emulator().BaseUrl();
  HttpResult r = emu.client().Request("GET", "/adfs/.well-known/openid-configuration");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(Str(r.Json(), "issuer") == base + "/adfs");
  BOOST_TEST(Str(r.Json(), "device_authorization_endpoint") == base + "/adfs/oauth2/devicecode");
  BOOST_TEST(Str(r.Json(), "token_endpoint").rfind(base + "/adfs/oauth2/token", 0) == 0);
  // AD FS has no v2.0 endpoints.
  BOOST_TEST(emu.client().Request("GET", "/adfs/v2.0/.well-known/openid-configuration").status ==
             404);
  BOOST_TEST(PostForm(emu, "/adfs/oauth2/v2.0/token", "grant_type=client_credentials").status ==
             404);
}

BOOST_AUTO_TEST_CASE(client_secret_token_for_the_adfs_audience_works_on_arm) {
  EmulatorUnderTest emu(Adfs());
  HttpResult r = AdfsSecret(emu, fx::kOwnerSecret);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::object body = r.Json().as_object();
  BOOST_TEST(body.at("expires_in").is_int64());
  BOOST_TEST(Str(body, "resource") == fx::kAdfsAudience);
  BOOST_TEST(!body.contains("refresh_token"));
  json::object claims = JwtClaims(Str(body, "access_token"));
  BOOST_TEST(Str(claims, "iss") == emu.emulator().BaseUrl() + "/adfs");
  BOOST_TEST(Str(claims, "aud") == fx::kAdfsAudience);
  BOOST_TEST(ArmStatus(emu, Str(body, "access_token")) == 200);
  // Without a token, the challenge points at the AD FS authority.
  const std::string no_token;
  HttpResult anonymous = emu.Arm(
      "GET", "/subscriptions/" + fx::kRegistrationSub + "?api-version=2021-04-01", {}, &no_token);
  BOOST_TEST(anonymous.status == 401);
  BOOST_TEST(anonymous.Header("WWW-Authenticate").find(emu.emulator().BaseUrl() + "/adfs\"") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(aad_profile_arm_rejects_the_adfs_audience) {
  EmulatorUnderTest emu;
  HttpResult r = AdfsSecret(emu, fx::kOwnerSecret);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(ArmStatus(emu, Str(r.Json(), "access_token")) == 401);
}

BOOST_AUTO_TEST_CASE(adfs_errors_have_only_error_and_description) {
  EmulatorUnderTest emu(Adfs());
  CheckAdfsError(AdfsSecret(emu, "wrong"), 401, "invalid_client");
  CheckAdfsError(PostForm(emu, "/adfs/oauth2/token", "grant_type=magic"), 400,
                 "unsupported_grant_type");
  CheckAdfsError(PostForm(emu, "/adfs/oauth2/token",
                          "grant_type=password&client_id=" + fx::kPublicClient +
                              "&username=" + UrlEncode(fx::kOperatorUpn) +
                              "&password=wrong&resource=" + UrlEncode(fx::kAdfsAudience)),
                 400, "invalid_grant");
  // Injected faults on AD FS paths use the AD FS body too.
  BOOST_TEST(Control(emu, "POST", "/_emulator/faults",
                     R"({"pathContains":"adfs/oauth2","status":503,"retryAfter":"1"})")
                 .status == 201);
  HttpResult fault = AdfsSecret(emu, fx::kOwnerSecret);
  CheckAdfsError(fault, 503, "temporarily_unavailable");
  BOOST_TEST(fault.Header("Retry-After") == "1");
}

BOOST_AUTO_TEST_CASE(password_and_refresh_with_refresh_token_expires_in) {
  EmulatorUnderTest emu(Adfs());
  HttpResult r = PostForm(emu, "/adfs/oauth2/token",
                          "grant_type=password&client_id=" + fx::kPublicClient +
                              "&username=" + UrlEncode(fx::kOperatorUpn) +
                              "&password=" + UrlEncode(fx::kOperatorPassword) +
                              "&resource=" + UrlEncode(fx::kAdfsAudience) + "&scope=openid");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(r.Json().at("refresh_token_expires_in").as_int64() == 28800);
  std::string rt = Str(r.Json(), "refresh_token");
  BOOST_TEST(ArmStatus(emu, Str(r.Json(), "access_token")) == 200);
  HttpResult refreshed =
      PostForm(emu, "/adfs/oauth2/token",
               "grant_type=refresh_token&client_id=" + fx::kPublicClient +
                   "&refresh_token=" + UrlEncode(rt) + "&resource=" + UrlEncode(fx::kAdfsAudience));
  BOOST_TEST_REQUIRE(refreshed.status == 200, refreshed.body);
  BOOST_TEST(Str(refreshed.Json(), "refresh_token") != rt);
  // An AD FS refresh token is not an Entra one.
  CheckAadError(
      PostForm(emu, "/" + fx::kHomeTenant + "/oauth2/token",
               "grant_type=refresh_token&client_id=" + fx::kPublicClient +
                   "&refresh_token=" + UrlEncode(rt) + "&resource=" + UrlEncode(fx::kArmResource)),
      400, "invalid_grant", 70000);
}

BOOST_AUTO_TEST_CASE(device_code_with_verification_uri_complete) {
  EmulatorUnderTest emu(Adfs());
  HttpResult code =
      PostForm(emu, "/adfs/oauth2/devicecode",
               "client_id=" + fx::kPublicClient + "&resource=" + UrlEncode(fx::kAdfsAudience));
  BOOST_TEST_REQUIRE(code.status == 200, code.body);
  json::object body = code.Json().as_object();
  BOOST_TEST(body.contains("verification_uri"));
  BOOST_TEST(Str(body, "verification_uri_complete").find(Str(body, "user_code")) !=
             std::string::npos);
  BOOST_TEST(body.at("interval").is_int64());
  std::string poll = "grant_type=" + UrlEncode("urn:ietf:params:oauth:grant-type:device_code") +
                     "&client_id=" + fx::kPublicClient +
                     "&code=" + UrlEncode(Str(body, "device_code"));  // AD FS parameter name
  CheckAdfsError(PostForm(emu, "/adfs/oauth2/token", poll), 400, "authorization_pending");
  HttpResult list = Control(emu, "GET", "/_emulator/devicecodes");
  BOOST_TEST(Str(list.Json().at("value").as_array().at(0), "tenantId") == fx::kHomeTenant);
  BOOST_TEST_REQUIRE(Control(emu, "POST", "/_emulator/devicecodes/approve", "{}").status == 200);
  HttpResult r = PostForm(emu, "/adfs/oauth2/token", poll);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(r.Json().as_object().contains("refresh_token"));
  BOOST_TEST(ArmStatus(emu, Str(r.Json(), "access_token")) == 200);
}

BOOST_AUTO_TEST_SUITE_END()
