// Token endpoints (auth.md §4, §8, §9, §15) and OpenID discovery.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "emulator_fixture.hpp"
#include "util/base64.hpp"

namespace json = boost::json;
using namespace azscsp::emulator::test;

namespace {

std::string ClientCredentials(const std::string& app, const std::string& secret,
                              const std::string& resource_field) {
  return "grant_type=client_credentials&client_id=" + app + "&client_secret=" + UrlEncode(secret) +
         "&" + resource_field;
}

json::object Claims(const std::string& token) {
  size_t first = token.find('.');
  size_t second = token.find('.', first + 1);
  auto payload = azscsp::emulator::Base64Decode(token.substr(first + 1, second - first - 1));
  BOOST_REQUIRE(payload);
  return json::parse(*payload).as_object();
}

void CheckAadError(const HttpResult& r, int status, const std::string& error, long code) {
  BOOST_TEST(r.status == status);
  json::object body = r.Json().as_object();
  BOOST_TEST(body.at("error").as_string() == error);
  std::string description(body.at("error_description").as_string());
  BOOST_TEST(description.rfind("AADSTS" + std::to_string(code) + ": ", 0) == 0, description);
  BOOST_TEST(body.at("error_codes").as_array().at(0).to_number<long>() == code);
  for (const char* field : {"timestamp", "trace_id", "correlation_id", "error_uri"}) {
    BOOST_TEST(body.contains(field), field);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(identity)

BOOST_AUTO_TEST_CASE(v1_token_has_string_numbers_and_resource) {
  EmulatorUnderTest emu;
  HttpResult r = emu.TokenRequest(fx::kHomeDomain,
                                  ClientCredentials(fx::kOwnerApp, fx::kOwnerSecret,
                                                    "resource=" + UrlEncode(fx::kArmResource)));
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(r.Header("Content-Type") == "application/json; charset=utf-8");
  json::object body = r.Json().as_object();
  BOOST_TEST(body.at("token_type").as_string() == "Bearer");
  BOOST_TEST(body.at("expires_in").as_string() == "3600");
  BOOST_TEST(body.at("ext_expires_in").is_string());
  BOOST_TEST(body.at("resource").as_string() == fx::kArmResource);
  long expires_on = std::stol(std::string(body.at("expires_on").as_string()));
  long not_before = std::stol(std::string(body.at("not_before").as_string()));
  BOOST_TEST(expires_on - not_before == 3600);

  json::object claims = Claims(std::string(body.at("access_token").as_string()));
  BOOST_TEST(claims.at("aud").as_string() == fx::kArmResource);
  BOOST_TEST(claims.at("tid").as_string() == fx::kHomeTenant);
  BOOST_TEST(claims.at("oid").as_string() == fx::kOwnerObject);
  BOOST_TEST(claims.at("appid").as_string() == fx::kOwnerApp);
  BOOST_TEST(claims.at("iss").as_string() == "https://sts.windows.net/" + fx::kHomeTenant + "/");
  BOOST_TEST(claims.at("exp").to_number<long>() == expires_on);
}

BOOST_AUTO_TEST_CASE(v2_token_has_number_fields_and_scope_audience) {
  EmulatorUnderTest emu;
  HttpResult r = emu.TokenRequest(
      fx::kHomeTenant,
      ClientCredentials(fx::kOwnerApp, fx::kOwnerSecret,
                        "scope=" + UrlEncode("https://management.azure.com/.default")),
      true);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::object body = r.Json().as_object();
  BOOST_TEST(body.at("expires_in").is_int64());
  BOOST_TEST(body.at("expires_in").as_int64() == 3600);
  BOOST_TEST(!body.contains("resource"));
  json::object claims = Claims(std::string(body.at("access_token").as_string()));
  BOOST_TEST(claims.at("aud").as_string() == "https://management.azure.com");

  // The token works against ARM.
  std::string token(body.at("access_token").as_string());
  HttpResult arm = emu.Arm(
      "GET", "/subscriptions/" + fx::kRegistrationSub + "?api-version=2021-04-01", {}, &token);
  BOOST_TEST(arm.status == 200, arm.body);
}

BOOST_AUTO_TEST_CASE(client_secret_via_http_basic) {
  EmulatorUnderTest emu;
  std::string basic =
      azscsp::emulator::Base64Encode(fx::kReaderApp + ":" + UrlEncode(fx::kReaderSecret));
  HttpResult r = emu.client().Request(
      "POST", "/" + fx::kHomeTenant + "/oauth2/token",
      "grant_type=client_credentials&resource=" + UrlEncode(fx::kArmResource),
      {{"Content-Type", "application/x-www-form-urlencoded"}, {"Authorization", "Basic " + basic}});
  BOOST_TEST(r.status == 200, r.body);
}

BOOST_AUTO_TEST_CASE(wrong_secret_is_invalid_client_401) {
  EmulatorUnderTest emu;
  HttpResult r = emu.TokenRequest(fx::kHomeTenant,
                                  ClientCredentials(fx::kOwnerApp, "not-the-secret",
                                                    "resource=" + UrlEncode(fx::kArmResource)));
  CheckAadError(r, 401, "invalid_client", 7000215);
  BOOST_TEST(r.body.find("not-the-secret") == std::string::npos);  // never echo a secret
}

BOOST_AUTO_TEST_CASE(unknown_app_is_unauthorized_client) {
  EmulatorUnderTest emu;
  HttpResult r = emu.TokenRequest(fx::kHomeTenant,
                                  ClientCredentials("00000000-1111-2222-3333-444444444444", "x",
                                                    "resource=" + UrlEncode(fx::kArmResource)));
  CheckAadError(r, 400, "unauthorized_client", 700016);
}

BOOST_AUTO_TEST_CASE(app_of_another_tenant_is_unknown_there) {
  EmulatorUnderTest emu;
  HttpResult r = emu.TokenRequest(fx::kFabrikamTenant,
                                  ClientCredentials(fx::kOwnerApp, fx::kOwnerSecret,
                                                    "resource=" + UrlEncode(fx::kArmResource)));
  CheckAadError(r, 400, "unauthorized_client", 700016);
}

BOOST_AUTO_TEST_CASE(unknown_tenant_is_invalid_request_90002) {
  EmulatorUnderTest emu;
  HttpResult r = emu.TokenRequest("nosuchtenant.onmicrosoft.com",
                                  ClientCredentials(fx::kOwnerApp, fx::kOwnerSecret,
                                                    "resource=" + UrlEncode(fx::kArmResource)));
  CheckAadError(r, 400, "invalid_request", 90002);
}

BOOST_AUTO_TEST_CASE(missing_parameters_and_unsupported_grant) {
  EmulatorUnderTest emu;
  CheckAadError(emu.TokenRequest(fx::kHomeTenant, "client_id=" + fx::kOwnerApp), 400,
                "invalid_request", 900144);
  CheckAadError(
      emu.TokenRequest(fx::kHomeTenant, "grant_type=client_credentials&client_id=" + fx::kOwnerApp +
                                            "&client_secret=" + fx::kOwnerSecret),
      400, "invalid_request", 900144);  // no resource
  CheckAadError(emu.TokenRequest(fx::kHomeTenant, "grant_type=magic&client_id=" + fx::kOwnerApp),
                400, "unsupported_grant_type", 70003);
  HttpResult no_default = emu.TokenRequest(
      fx::kHomeTenant,
      ClientCredentials(fx::kOwnerApp, fx::kOwnerSecret,
                        "scope=" + UrlEncode("https://management.azure.com/user_impersonation")),
      true);
  CheckAadError(no_default, 400, "invalid_scope", 1002012);
}

BOOST_AUTO_TEST_CASE(openid_configuration_by_domain_names_the_tenant_guid) {
  EmulatorUnderTest emu;
  HttpResult r =
      emu.client().Request("GET", "/" + fx::kHomeDomain + "/.well-known/openid-configuration");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::object config = r.Json().as_object();
  std::string token_endpoint(config.at("token_endpoint").as_string());
  BOOST_TEST(token_endpoint == emu.emulator().BaseUrl() + "/" + fx::kHomeTenant + "/oauth2/token");
  BOOST_TEST(config.at("issuer").as_string() == "https://sts.windows.net/" + fx::kHomeTenant + "/");

  HttpResult v2 =
      emu.client().Request("GET", "/" + fx::kHomeDomain + "/v2.0/.well-known/openid-configuration");
  BOOST_TEST_REQUIRE(v2.status == 200);
  BOOST_TEST(v2.Json().at("token_endpoint").as_string() ==
             emu.emulator().BaseUrl() + "/" + fx::kHomeTenant + "/oauth2/v2.0/token");

  HttpResult unknown =
      emu.client().Request("GET", "/unknown.example/.well-known/openid-configuration");
  BOOST_TEST(unknown.status == 400);
}

BOOST_AUTO_TEST_CASE(metadata_endpoints_without_auth) {
  EmulatorUnderTest emu;
  HttpResult r = emu.client().Request("GET", "/metadata/endpoints?api-version=2015-01-01");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::object body = r.Json().as_object();
  BOOST_TEST(body.at("authentication").at("loginEndpoint").as_string() ==
             emu.emulator().BaseUrl() + "/");
  BOOST_TEST(body.at("authentication").at("audiences").as_array().at(0).as_string() ==
             fx::kArmResource);
  BOOST_TEST(emu.client().Request("GET", "/metadata/endpoints?api-version=1.0").status == 200);
  BOOST_TEST(emu.client().Request("GET", "/metadata/endpoints").ErrorCode() ==
             "MissingApiVersionParameter");
}

BOOST_AUTO_TEST_SUITE_END()
