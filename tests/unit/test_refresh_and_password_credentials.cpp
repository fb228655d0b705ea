// RefreshTokenCredential (rotation), UsernamePasswordCredential (ROPC, MFA message),
// AccessTokenCredential (expiry from exp), the environment factory, AADSTS advice, and sweeps for
// secrets in messages.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <map>

#include "auth_test_helpers.hpp"
#include "azscsp/auth/access_token_credential.hpp"
#include "azscsp/auth/client_certificate_credential.hpp"
#include "azscsp/auth/client_secret_credential.hpp"
#include "azscsp/auth/environment_credential.hpp"
#include "azscsp/auth/refresh_token_credential.hpp"
#include "azscsp/auth/token_cache.hpp"
#include "azscsp/auth/username_password_credential.hpp"
#include "fakes.hpp"

using namespace azscsp;
using testing::FakeTransport;
using testing::FormField;
using testing::MakeResponse;

namespace {

constexpr const char* kPassword = "P@ssw0rd-very-secret";
constexpr const char* kGivenRefresh = "rt-given-abcdef";

struct UserFixture {
  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
  testing::ManualClock clock;
  std::shared_ptr<http::Pipeline> pipeline =
      std::make_shared<http::Pipeline>(std::vector<std::shared_ptr<http::Policy>>{}, transport);
  auth::Authority authority{"https://login.microsoftonline.com/", "contoso.onmicrosoft.com"};

  auth::PublicClientOptions Options(auth::TokenVersion version = auth::TokenVersion::V2) {
    auth::PublicClientOptions options;
    options.version = version;
    return options;
  }
};

http::Response TokenAnswer(const std::string& access, const std::string& refresh) {
  return MakeResponse(200, R"({"access_token":")" + access +
                               R"(","expires_in":3600,"refresh_token":")" + refresh + R"("})");
}

http::Response AadError(const std::string& error, long long code, const std::string& text) {
  return MakeResponse(400, R"({"error":")" + error + R"(","error_description":"AADSTS)" +
                               std::to_string(code) + ": " + text +
                               R"(\r\nTrace ID: t","error_codes":[)" + std::to_string(code) +
                               R"(],"correlation_id":"corr-9"})");
}

std::string ErrorText(const std::function<void()>& call, ErrorKind kind) {
  try {
    call();
  } catch (const Error& error) {
    BOOST_TEST(error.Kind() == kind);
    return error.what();
  }
  BOOST_FAIL("expected an error");
  return {};
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(refresh_and_password_credentials, UserFixture)

BOOST_AUTO_TEST_CASE(refresh_token_rotates_to_the_newest) {
  transport->Enqueue(TokenAnswer("at-1", "rt-2"));
  transport->Enqueue(TokenAnswer("at-2", "rt-3"));
  transport->Enqueue(MakeResponse(200, R"({"access_token":"at-3","expires_in":3600})"));
  transport->Enqueue(TokenAnswer("at-4", "rt-4"));
  auth::RefreshTokenCredential credential(authority, kGivenRefresh, Options(), pipeline, clock);
  BOOST_TEST(credential.GetToken({"https://management.azure.com/"}, {}).token == "at-1");
  BOOST_TEST(credential.GetToken({"https://management.azure.com/"}, {}).token == "at-2");
  credential.GetToken({"https://management.azure.com/"}, {});  // no new refresh token: keep rt-3
  credential.GetToken({"https://management.azure.com/"}, {});
  const auto& requests = transport->Requests();
  BOOST_TEST(FormField(requests[0].body, "refresh_token") == kGivenRefresh);
  BOOST_TEST(FormField(requests[1].body, "refresh_token") == "rt-2");
  BOOST_TEST(FormField(requests[2].body, "refresh_token") == "rt-3");
  BOOST_TEST(FormField(requests[3].body, "refresh_token") == "rt-3");
  BOOST_TEST(FormField(requests[0].body, "grant_type") == "refresh_token");
  BOOST_TEST(FormField(requests[0].body, "client_id") == auth::kAzurePowerShellClientId);
  BOOST_TEST(FormField(requests[0].body, "scope") ==
             "https://management.azure.com//.default offline_access");
}

BOOST_AUTO_TEST_CASE(confidential_client_refresh_sends_its_secret_on_every_grant) {
  // Partner Center's -ApplicationId -RefreshToken -Credential: the app is a confidential client.
  constexpr const char* kSecret = "app-secret-~!very";
  transport->Enqueue(TokenAnswer("at-1", "rt-2"));
  transport->Enqueue(TokenAnswer("at-2", "rt-3"));
  transport->Enqueue(AadError("invalid_client", 7000215, "Invalid client secret provided"));
  auto options = Options();
  options.client_id = "a0c7f6d1-6e3b-4b8e-9a55-0c3f3b7c1e21";
  options.client_secret = kSecret;
  auth::RefreshTokenCredential credential(authority, kGivenRefresh, options, pipeline, clock);
  credential.GetToken({"https://api.partnercenter.microsoft.com"}, {});
  credential.GetToken({"https://management.azure.com/"}, {});
  const std::string text =
      ErrorText([&] { credential.GetToken({"https://graph.microsoft.com/"}, {}); },
                ErrorKind::Authentication);
  BOOST_TEST(text.find(kSecret) == std::string::npos);
  const auto& requests = transport->Requests();
  BOOST_REQUIRE(requests.size() == 3u);
  for (const auto& request : requests) {
    BOOST_TEST(FormField(request.body, "grant_type") == "refresh_token");
    BOOST_TEST(FormField(request.body, "client_id") == "a0c7f6d1-6e3b-4b8e-9a55-0c3f3b7c1e21");
    BOOST_TEST(FormField(request.body, "client_secret") == kSecret);
    BOOST_TEST(request.sensitive_body);
  }
  BOOST_TEST(FormField(requests[1].body, "refresh_token") == "rt-2");

  // A public client (no secret) sends none.
  transport->Enqueue(TokenAnswer("at-3", "rt-4"));
  auth::RefreshTokenCredential public_client(authority, kGivenRefresh, Options(), pipeline, clock);
  public_client.GetToken({"https://management.azure.com/"}, {});
  BOOST_TEST(transport->Requests().back().body.find("client_secret") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(v1_and_adfs_refresh_with_resource) {
  transport->Enqueue(TokenAnswer("at-1", "rt-2"));
  transport->Enqueue(TokenAnswer("at-2", "rt-3"));
  auth::RefreshTokenCredential v1(authority, kGivenRefresh, Options(auth::TokenVersion::V1),
                                  pipeline, clock);
  v1.GetToken({"https://management.core.windows.net/"}, {});
  BOOST_TEST(transport->Requests()[0].url.target == "/contoso.onmicrosoft.com/oauth2/token");
  BOOST_TEST(FormField(transport->Requests()[0].body, "resource") ==
             "https://management.core.windows.net/");
  auth::RefreshTokenCredential adfs(auth::Authority("https://adfs.x.local/adfs", ""), kGivenRefresh,
                                    Options(), pipeline, clock);
  adfs.GetToken({"https://management.adfs.x/abc"}, {});
  BOOST_TEST(transport->Requests()[1].url.ToString() == "https://adfs.x.local/adfs/oauth2/token");
  BOOST_TEST(FormField(transport->Requests()[1].body, "resource") ==
             "https://management.adfs.x/abc");
  BOOST_TEST(FormField(transport->Requests()[1].body, "client_id") ==
             auth::kAzurePowerShellClientId);
}

BOOST_AUTO_TEST_CASE(expired_refresh_token_is_final_and_says_sign_in_again) {
  transport->Enqueue(AadError("invalid_grant", 700082, "The refresh token has expired"));
  transport->Enqueue(AadError("invalid_grant", 50173, "The provided grant has expired"));
  auth::RefreshTokenCredential credential(authority, kGivenRefresh, Options(), pipeline, clock);
  std::string text = ErrorText([&] { credential.GetToken({"https://management.azure.com/"}, {}); },
                               ErrorKind::Authentication);
  BOOST_TEST(text.find("sign in again") != std::string::npos);
  BOOST_TEST(text.find(kGivenRefresh) == std::string::npos);
  text = ErrorText([&] { credential.GetToken({"https://management.azure.com/"}, {}); },
                   ErrorKind::Authentication);
  BOOST_TEST(text.find("revoked") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(password_grant_then_refresh_token) {
  const std::string access = testing::MakeJwt({{"upn", "operator@contoso.onmicrosoft.com"}});
  transport->Enqueue(TokenAnswer(access, "rt-from-password"));
  transport->Enqueue(TokenAnswer("at-2", "rt-next"));
  auth::UsernamePasswordCredential credential(authority, "operator@contoso.onmicrosoft.com",
                                              kPassword, Options(auth::TokenVersion::V1), pipeline,
                                              clock);
  credential.GetToken({"https://management.core.windows.net/"}, {});
  credential.GetToken({"https://graph.windows.net/"}, {});
  const auto& first = transport->Requests()[0];
  BOOST_TEST(first.sensitive_body);
  BOOST_TEST(FormField(first.body, "grant_type") == "password");
  BOOST_TEST(FormField(first.body, "client_id") == "1950a258-227b-4e31-a9cf-717495945fc2");
  BOOST_TEST(FormField(first.body, "username") == "operator@contoso.onmicrosoft.com");
  BOOST_TEST(FormField(first.body, "password") == kPassword);
  BOOST_TEST(FormField(first.body, "resource") == "https://management.core.windows.net/");
  BOOST_TEST(FormField(first.body, "scope") == "openid");
  const auto& second = transport->Requests()[1];
  BOOST_TEST(FormField(second.body, "grant_type") == "refresh_token");
  BOOST_TEST(FormField(second.body, "refresh_token") == "rt-from-password");
  BOOST_TEST(second.body.find("password=") == std::string::npos);
  BOOST_TEST(credential.Account() == "operator@contoso.onmicrosoft.com");
}

BOOST_AUTO_TEST_CASE(v2_password_grant_asks_for_offline_access) {
  transport->Enqueue(TokenAnswer("at", "rt"));
  auth::UsernamePasswordCredential credential(authority, "u@contoso.onmicrosoft.com", kPassword,
                                              Options(), pipeline, clock);
  credential.GetToken({"https://management.azure.com/"}, {});
  BOOST_TEST(FormField(transport->Requests()[0].body, "scope") ==
             "https://management.azure.com//.default offline_access openid profile");
}

BOOST_AUTO_TEST_CASE(mfa_and_conditional_access_say_password_sign_in_cannot_work) {
  for (long long code : {50076LL, 50079LL, 53003LL}) {
    transport->Enqueue(AadError("invalid_grant", code, "Due to a configuration change"));
    auth::UsernamePasswordCredential credential(authority, "mfa-admin@contoso.onmicrosoft.com",
                                                kPassword, Options(), pipeline, clock);
    const std::string text =
        ErrorText([&] { credential.GetToken({"https://management.azure.com/"}, {}); },
                  ErrorKind::Authentication);
    BOOST_TEST(text.find("AADSTS" + std::to_string(code)) != std::string::npos);
    BOOST_TEST(text.find("cannot sign in") != std::string::npos);
    BOOST_TEST(text.find("device code") != std::string::npos);
    BOOST_TEST(text.find(kPassword) == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(wrong_password_says_so) {
  transport->Enqueue(AadError("invalid_grant", 50126, "Error validating credentials"));
  auth::UsernamePasswordCredential credential(authority, "operator@contoso.onmicrosoft.com",
                                              kPassword, Options(), pipeline, clock);
  const std::string text =
      ErrorText([&] { credential.GetToken({"https://management.azure.com/"}, {}); },
                ErrorKind::Authentication);
  BOOST_TEST(text.find("user name or password is wrong") != std::string::npos);
  BOOST_TEST(text.find("corr-9") != std::string::npos);
  BOOST_TEST(text.find(kPassword) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(password_credential_signs_in_again_when_its_refresh_token_is_refused) {
  transport->Enqueue(TokenAnswer("at-1", "rt-1"));
  transport->Enqueue(AadError("invalid_grant", 70008, "expired"));
  transport->Enqueue(TokenAnswer("at-3", "rt-3"));
  auth::UsernamePasswordCredential credential(authority, "operator@contoso.onmicrosoft.com",
                                              kPassword, Options(), pipeline, clock);
  credential.GetToken({"https://management.azure.com/"}, {});
  BOOST_TEST(credential.GetToken({"https://management.azure.com/"}, {}).token == "at-3");
  BOOST_TEST(FormField(transport->Requests()[2].body, "grant_type") == "password");
}

BOOST_AUTO_TEST_CASE(access_token_expiry_comes_from_exp) {
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(clock.Now().time_since_epoch()).count();
  const std::string jwt = testing::MakeJwt({{"exp", now + 120}, {"appid", "app-1"}});
  auth::AccessTokenCredential credential(jwt, clock);
  const auto token = credential.GetToken({"https://management.azure.com/"}, {});
  BOOST_TEST(token.token == jwt);
  BOOST_TEST((token.expires_on == clock.Now() + std::chrono::seconds(120)));
  clock.Advance(std::chrono::seconds(121));
  const std::string text =
      ErrorText([&] { credential.GetToken({"https://management.azure.com/"}, {}); },
                ErrorKind::Authentication);
  BOOST_TEST(text.find("the access token expired; get a new one") != std::string::npos);
  BOOST_TEST(text.find(jwt) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(access_token_in_the_cache_is_served_until_it_expires) {
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(clock.Now().time_since_epoch()).count();
  auto inner =
      std::make_shared<auth::AccessTokenCredential>(testing::MakeJwt({{"exp", now + 600}}), clock);
  auth::CachingCredential cache(inner, "at", clock, std::chrono::seconds(300));
  cache.GetToken({"r"}, {});
  clock.Advance(std::chrono::seconds(400));  // inside the margin: still served
  cache.GetToken({"r"}, {});
  clock.Advance(std::chrono::seconds(300));
  ErrorText([&] { cache.GetToken({"r"}, {}); }, ErrorKind::Authentication);
}

BOOST_AUTO_TEST_CASE(opaque_access_token_is_used_as_is) {
  auth::AccessTokenCredential credential("opaque-token-value", clock);
  BOOST_TEST(credential.GetToken({"r"}, {}).token == "opaque-token-value");
  BOOST_TEST(credential.Description().find("opaque-token-value") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(environment_credential_prefers_the_secret_and_names_missing_variables) {
  std::map<std::string, std::string> variables{
      {"AZURE_TENANT_ID", "contoso.onmicrosoft.com"},
      {"AZURE_CLIENT_ID", "app-1"},
      {"AZURE_CLIENT_SECRET", "env-secret-value"},
      {"AZURE_CLIENT_CERTIFICATE_PATH", "/nonexistent/cert.pem"},
      {"AZURE_AUTHORITY_HOST", "https://login.microsoftonline.us/"}};
  auto getenv = [&](const char* name) -> std::optional<std::string> {
    auto it = variables.find(name);
    if (it == variables.end()) return std::nullopt;
    return it->second;
  };
  auto result = auth::CreateEnvironmentCredential("https://login.microsoftonline.com/",
                                                  auth::TokenVersion::V2, pipeline, clock, getenv);
  BOOST_TEST(result.type == "clientSecret");
  transport->Enqueue(MakeResponse(200, R"({"access_token":"t","expires_in":3600})"));
  result.credential->GetToken({"https://management.usgovcloudapi.net/"}, {});
  BOOST_TEST(transport->Requests()[0].url.host == "login.microsoftonline.us");
  BOOST_TEST(FormField(transport->Requests()[0].body, "client_secret") == "env-secret-value");

  variables.erase("AZURE_CLIENT_SECRET");
  const std::string missing_file = ErrorText(
      [&] {
        auth::CreateEnvironmentCredential("https://login.microsoftonline.com/",
                                          auth::TokenVersion::V2, pipeline, clock, getenv);
      },
      ErrorKind::InvalidArgument);
  BOOST_TEST(missing_file.find("/nonexistent/cert.pem") != std::string::npos);

  variables = {{"AZURE_CLIENT_ID", "app-1"}};
  const std::string text = ErrorText(
      [&] {
        auth::CreateEnvironmentCredential("https://login.microsoftonline.com/",
                                          auth::TokenVersion::V2, pipeline, clock, getenv);
      },
      ErrorKind::InvalidArgument);
  BOOST_TEST(text.find("AZURE_TENANT_ID") != std::string::npos);
  BOOST_TEST(text.find("AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH") !=
             std::string::npos);
  BOOST_TEST(text.find("AZURE_CLIENT_ID,") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(environment_credential_loads_a_certificate) {
  const auto certs = std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "emulator" /
                     "fixtures" / "certs";
  std::map<std::string, std::string> variables{
      {"AZURE_TENANT_ID", "t"},
      {"AZURE_CLIENT_ID", "app-1"},
      {"AZURE_CLIENT_CERTIFICATE_PATH", (certs / "automation-cert.pfx").string()},
      {"AZURE_CLIENT_CERTIFICATE_PASSWORD", "emulator-pfx-password"}};
  auto result = auth::CreateEnvironmentCredential(
      "https://login.microsoftonline.com/", auth::TokenVersion::V2, pipeline, clock,
      [&](const char* name) -> std::optional<std::string> {
        auto it = variables.find(name);
        return it == variables.end() ? std::nullopt : std::optional<std::string>(it->second);
      });
  BOOST_TEST(result.type == "clientCertificate");
}

BOOST_AUTO_TEST_CASE(advice_for_the_common_aadsts_codes_and_no_secrets_in_any_message) {
  const std::map<long long, std::string> expected{{700027, "not registered"},
                                                  {50012, "certificate"},
                                                  {500133, "check this machine's clock"},
                                                  {50126, "user name or password is wrong"},
                                                  {65001, "Consent is missing"},
                                                  {70008, "sign in again"},
                                                  {700082, "sign in again"},
                                                  {50173, "revoked"},
                                                  {70019, "device code expired"},
                                                  {90002, "tenant was not found"},
                                                  {700016, "application was not found"},
                                                  {53003, "Conditional Access"}};
  for (const auto& [code, phrase] : expected) {
    transport->Enqueue(AadError("invalid_grant", code, "text"));
    auth::ClientSecretCredential credential(authority, "app-1", "client-secret-xyz",
                                            auth::TokenVersion::V2, pipeline, clock);
    const std::string text =
        ErrorText([&] { credential.GetToken({"https://management.azure.com/"}, {}); },
                  ErrorKind::Authentication);
    BOOST_TEST(text.find(phrase) != std::string::npos, code << ": " << text);
    BOOST_TEST(text.find("client-secret-xyz") == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(adfs_errors_without_error_codes_still_get_advice) {
  transport->Enqueue(MakeResponse(
      400, R"({"error":"invalid_grant","error_description":"AADSTS50126: bad credentials"})"));
  auth::UsernamePasswordCredential credential(auth::Authority("https://adfs.x/adfs/", ""), "u",
                                              kPassword, Options(), pipeline, clock);
  const std::string text =
      ErrorText([&] { credential.GetToken({"https://management.adfs.x/abc"}, {}); },
                ErrorKind::Authentication);
  BOOST_TEST(text.find("user name or password is wrong") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
