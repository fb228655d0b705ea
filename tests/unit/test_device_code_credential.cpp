// DeviceCodeCredential: the prompt, polling at `interval`, slow_down, the ways it stops, cancel,
// and later tokens through the refresh token.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "auth_test_helpers.hpp"
#include "azscsp/auth/device_code_credential.hpp"
#include "azscsp/util/context.hpp"
#include "fakes.hpp"

using namespace azscsp;
using testing::FakeTransport;
using testing::FormField;
using testing::MakeResponse;

namespace {

constexpr const char* kDeviceCode = "DAQABAAEAAAD-device-code-secret";
constexpr const char* kRefresh1 = "rt-first-0123456789";
constexpr const char* kRefresh2 = "rt-second-0123456789";

struct DeviceFixture {
  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
  testing::ManualClock clock;
  std::shared_ptr<http::Pipeline> pipeline =
      std::make_shared<http::Pipeline>(std::vector<std::shared_ptr<http::Policy>>{}, transport);
  std::shared_ptr<testing::PromptSink> sink = std::make_shared<testing::PromptSink>();
  util::Context context = util::Context().WithLogSink(sink);
  std::vector<long long> poll_times;  // seconds after the code was issued
  util::Clock::SystemTime issued;
  std::string access_token =
      testing::MakeJwt({{"upn", "operator@contoso.onmicrosoft.com"}, {"tid", "t"}});

  auth::DeviceCodeCredential Make(
      const std::string& authority = "https://login.microsoftonline.com/",
      auth::TokenVersion version = auth::TokenVersion::V2) {
    auth::PublicClientOptions options;
    options.version = version;
    return auth::DeviceCodeCredential(auth::Authority(authority, "contoso.onmicrosoft.com"),
                                      options, pipeline, clock);
  }

  // Answers the devicecode request, then `polls` in order for the device_code grant, then a
  // refresh-token grant with kRefresh2.
  void Script(std::vector<std::string> polls, const std::string& device_answer = {}) {
    auto index = std::make_shared<size_t>(0);
    transport->SetHandler([this, polls, index, device_answer](const http::Request& request) {
      const std::string target = request.url.target;
      if (target.find("devicecode") != std::string::npos) {
        issued = clock.Now();
        return MakeResponse(
            200,
            device_answer.empty()
                ? std::string(R"({"device_code":")") + kDeviceCode +
                      R"(","user_code":"ABCD-EFGH","verification_uri":"https://microsoft.com/devicelogin","expires_in":900,"interval":5,"message":"To sign in, open https://microsoft.com/devicelogin and enter ABCD-EFGH."})"
                : device_answer);
      }
      const std::string grant = FormField(request.body, "grant_type");
      if (grant == "refresh_token")
        return MakeResponse(
            200, R"({"access_token":"at-refreshed","expires_in":3600,"refresh_token":")" +
                     std::string(kRefresh2) + R"("})");
      poll_times.push_back(
          std::chrono::duration_cast<std::chrono::seconds>(clock.Now() - issued).count());
      const std::string& next = polls.at(std::min(*index, polls.size() - 1));
      ++*index;
      if (next == "ok")
        return MakeResponse(200, R"({"access_token":")" + access_token +
                                     R"(","expires_in":3600,"refresh_token":")" + kRefresh1 +
                                     R"("})");
      return MakeResponse(
          400, R"({"error":")" + next +
                   R"(","error_description":"AADSTS70016: pending","error_codes":[70016]})");
    });
  }

  std::string ErrorOf(auth::DeviceCodeCredential& credential, ErrorKind expected_kind) {
    try {
      credential.GetToken({"https://management.azure.com/"}, context);
    } catch (const Error& error) {
      BOOST_TEST(error.Kind() == expected_kind);
      return error.what();
    }
    BOOST_FAIL("expected an error");
    return {};
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(device_code_credential, DeviceFixture)

BOOST_AUTO_TEST_CASE(prompts_polls_backs_off_on_slow_down_and_succeeds) {
  Script({"authorization_pending", "slow_down", "authorization_pending", "ok"});
  auto credential = Make();
  const auto token = credential.GetToken({"https://management.azure.com/"}, context);
  BOOST_TEST(token.token == access_token);
  BOOST_TEST(sink->Prompts().size() == 1u);
  BOOST_TEST(sink->Prompts().at(0).find("ABCD-EFGH") != std::string::npos);
  // interval 5 s; slow_down adds 5 s: polls at 5, 10, then every 10 s.
  BOOST_TEST(poll_times == (std::vector<long long>{5, 10, 20, 30}),
             boost::test_tools::per_element());
  // Waits are cut into steps of at most a second, so cancellation is prompt.
  for (auto sleep : clock.Sleeps()) BOOST_TEST(sleep.count() <= 1000);
  BOOST_TEST(credential.Account() == "operator@contoso.onmicrosoft.com");

  const auto& code_request = transport->Requests().at(0);
  BOOST_TEST(code_request.url.ToString() ==
             "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/devicecode");
  BOOST_TEST(FormField(code_request.body, "client_id") == auth::kAzurePowerShellClientId);
  BOOST_TEST(FormField(code_request.body, "scope") ==
             "https://management.azure.com//.default offline_access");
  const auto& poll = transport->Requests().at(1);
  BOOST_TEST(poll.url.target == "/contoso.onmicrosoft.com/oauth2/v2.0/token");
  BOOST_TEST(FormField(poll.body, "grant_type") == "urn:ietf:params:oauth:grant-type:device_code");
  BOOST_TEST(FormField(poll.body, "device_code") == kDeviceCode);
  BOOST_TEST(poll.sensitive_body);
}

BOOST_AUTO_TEST_CASE(later_tokens_come_from_the_refresh_token_for_any_resource) {
  Script({"ok"});
  auto credential = Make();
  credential.GetToken({"https://management.azure.com/"}, context);
  const auto graph = credential.GetToken({"https://graph.microsoft.com/"}, context);
  BOOST_TEST(graph.token == "at-refreshed");
  BOOST_TEST(sink->Prompts().size() == 1u);
  const auto& refresh = transport->Requests().back();
  BOOST_TEST(FormField(refresh.body, "grant_type") == "refresh_token");
  BOOST_TEST(FormField(refresh.body, "refresh_token") == kRefresh1);
  BOOST_TEST(FormField(refresh.body, "scope") ==
             "https://graph.microsoft.com//.default offline_access");
  // Rotation: the next refresh uses the token the last answer returned.
  credential.GetToken({"https://management.azure.com/"}, context);
  BOOST_TEST(FormField(transport->Requests().back().body, "refresh_token") == kRefresh2);
}

BOOST_AUTO_TEST_CASE(v1_uses_resource_verification_url_and_string_numbers) {
  Script(
      {"ok"},
      std::string(R"({"device_code":")") + kDeviceCode +
          R"(","user_code":"XYZ","verification_url":"https://aka.ms/devicelogin","expires_in":"900","interval":"3"})");
  auto credential = Make("https://login.microsoftonline.com/", auth::TokenVersion::V1);
  credential.GetToken({"https://management.core.windows.net/"}, context);
  const auto& code_request = transport->Requests().at(0);
  BOOST_TEST(code_request.url.target == "/contoso.onmicrosoft.com/oauth2/devicecode");
  BOOST_TEST(FormField(code_request.body, "resource") == "https://management.core.windows.net/");
  BOOST_TEST(poll_times == (std::vector<long long>{3}), boost::test_tools::per_element());
  // No message from v1: one is composed from the URL and the code.
  BOOST_TEST(sink->Prompts().at(0).find("https://aka.ms/devicelogin") != std::string::npos);
  BOOST_TEST(sink->Prompts().at(0).find("XYZ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(adfs_uses_its_devicecode_endpoint) {
  Script({"ok"});
  auto credential = Make("https://adfs.local.azurestack.external/adfs/");
  credential.GetToken({"https://management.adfs.azurestack.local/abc"}, context);
  BOOST_TEST(transport->Requests().at(0).url.ToString() ==
             "https://adfs.local.azurestack.external/adfs/oauth2/devicecode");
  BOOST_TEST(transport->Requests().at(1).url.ToString() ==
             "https://adfs.local.azurestack.external/adfs/oauth2/token");
  BOOST_TEST(FormField(transport->Requests().at(0).body, "resource") ==
             "https://management.adfs.azurestack.local/abc");
}

BOOST_AUTO_TEST_CASE(expired_code_says_so) {
  Script({"authorization_pending", "expired_token"});
  auto credential = Make();
  const std::string text = ErrorOf(credential, ErrorKind::Authentication);
  BOOST_TEST(text.find("the device code expired before anyone signed in; run the command again") !=
             std::string::npos);
  BOOST_TEST(text.find(kDeviceCode) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(stops_by_itself_after_expires_in) {
  Script({"authorization_pending"},
         std::string(R"({"device_code":")") + kDeviceCode +
             R"(","user_code":"U","verification_uri":"https://x","expires_in":12,"interval":5})");
  auto credential = Make();
  const std::string text = ErrorOf(credential, ErrorKind::Authentication);
  BOOST_TEST(text.find("expired") != std::string::npos);
  BOOST_TEST(poll_times == (std::vector<long long>{5, 10}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(declined_and_bad_code_stop) {
  for (const char* code : {"authorization_declined", "access_denied"}) {
    Script({code});
    auto credential = Make();
    BOOST_TEST(ErrorOf(credential, ErrorKind::Authentication).find("declined") !=
               std::string::npos);
  }
  Script({"bad_verification_code"});
  auto credential = Make();
  BOOST_TEST(ErrorOf(credential, ErrorKind::Authentication).find("did not accept") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(cancel_ends_the_wait) {
  transport->SetHandler([this](const http::Request& request) {
    if (request.url.target.find("devicecode") != std::string::npos)
      return MakeResponse(
          200,
          R"({"device_code":"d","user_code":"u","verification_uri":"https://x","interval":5})");
    context.Cancel();  // the user pressed Ctrl+C while we were polling
    return MakeResponse(400, R"({"error":"authorization_pending"})");
  });
  auto credential = Make();
  ErrorOf(credential, ErrorKind::Cancelled);
  BOOST_TEST(transport->Requests().size() == 2u);
}

BOOST_AUTO_TEST_CASE(logs_never_carry_codes_or_tokens) {
  Script({"authorization_pending", "slow_down", "ok"});
  auto credential = Make();
  credential.GetToken({"https://management.azure.com/"}, context);
  credential.GetToken({"https://graph.microsoft.com/"}, context);
  const std::string leak = testing::FirstLeak(
      sink->Lines(), {kDeviceCode, kRefresh1, kRefresh2, access_token, "at-refreshed"});
  BOOST_TEST(leak.empty(), "leaked: " << leak);
}

BOOST_AUTO_TEST_SUITE_END()
