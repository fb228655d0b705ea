#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "azscsp/auth/token_credential.hpp"
#include "azscsp/http/pipeline.hpp"
#include "azscsp/http/policies.hpp"
#include "fakes.hpp"

using namespace azscsp;
using testing::CapturingLogSink;
using testing::FakeTransport;
using testing::MakeResponse;

namespace {

constexpr const char* kToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.secret-payload.sig";

class StaticCredential final : public auth::TokenCredential {
 public:
  auth::AccessToken GetToken(const auth::TokenRequest& request, const util::Context&) override {
    ++issued;
    last_resource = request.resource;
    return {std::string(kToken) + std::to_string(issued),
            std::chrono::system_clock::now() + std::chrono::hours(1), std::nullopt};
  }
  void Invalidate(const auth::TokenRequest&) override { ++invalidated; }
  std::string Description() const override { return "static"; }
  int issued = 0, invalidated = 0;
  std::string last_resource;
};

struct PipelineFixture {
  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
  std::shared_ptr<StaticCredential> credential = std::make_shared<StaticCredential>();
  std::shared_ptr<CapturingLogSink> log = std::make_shared<CapturingLogSink>();
  util::Context context = util::Context().WithLogSink(log);

  http::Pipeline Build() {
    return http::Pipeline({std::make_shared<http::BearerTokenPolicy>(
                               credential, "https://management.core.windows.net/"),
                           std::make_shared<http::LoggingPolicy>()},
                          transport);
  }
  static http::Request Put(const std::string& url) {
    http::Request request;
    request.method = http::Method::Put;
    request.url = http::Url::Parse(url);
    request.headers["Content-Type"] = "application/json";
    request.body = R"({"properties":{"tenantId":"t"}})";
    return request;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(bearer_and_logging, PipelineFixture)

BOOST_AUTO_TEST_CASE(adds_the_token_for_the_configured_resource) {
  transport->Enqueue(MakeResponse(200, "{}"));
  Build().Send(Put("https://management.azure.com/x?api-version=2017-06-01"), context);
  BOOST_TEST(transport->Requests().at(0).headers.at("Authorization") ==
             std::string("Bearer ") + kToken + "1");
  BOOST_TEST(credential->last_resource == "https://management.core.windows.net/");
}

BOOST_AUTO_TEST_CASE(refuses_plain_http) {
  BOOST_CHECK_THROW(Build().Send(Put("http://management.azure.com/x"), context),
                    InvalidArgumentError);
  BOOST_TEST(transport->Requests().empty());
}

BOOST_AUTO_TEST_CASE(refreshes_once_on_an_expired_token) {
  transport->Enqueue(MakeResponse(
      401, R"({"error":{"code":"ExpiredAuthenticationToken","message":"expired"}})",
      {{"WWW-Authenticate", "Bearer authorization_uri=\"x\", error=\"invalid_token\""}}));
  transport->Enqueue(MakeResponse(200, "{}"));
  const auto response = Build().Send(Put("https://management.azure.com/x"), context);
  BOOST_TEST(response.status == 200);
  BOOST_TEST(credential->invalidated == 1);
  BOOST_TEST(transport->Requests().at(1).headers.at("Authorization") ==
             std::string("Bearer ") + kToken + "2");
}

BOOST_AUTO_TEST_CASE(does_not_loop_on_repeated_401) {
  for (int i = 0; i < 3; ++i)
    transport->Enqueue(
        MakeResponse(401, R"({"error":{"code":"InvalidAuthenticationToken","message":"bad"}})"));
  const auto response = Build().Send(Put("https://management.azure.com/x"), context);
  BOOST_TEST(response.status == 401);
  BOOST_TEST(transport->Requests().size() == 2u);
}

BOOST_AUTO_TEST_CASE(debug_log_never_contains_tokens_or_secrets) {
  transport->Enqueue(MakeResponse(200, std::string(R"({"access_token":")") + kToken + R"(","x":1})",
                                  {{"Set-Cookie", "session=abc"}, {"x-ms-request-id", "rid-7"}}));
  auto request = Put("https://management.azure.com/x?api-version=2017-06-01&sig=SASSECRET");
  Build().Send(request, context);
  const std::string text = log->Text();
  BOOST_TEST(text.find(kToken) == std::string::npos);
  BOOST_TEST(text.find("SASSECRET") == std::string::npos);
  BOOST_TEST(text.find("session=abc") == std::string::npos);
  BOOST_TEST(text.find("Authorization: REDACTED") != std::string::npos);
  BOOST_TEST(text.find("api-version=2017-06-01") != std::string::npos);
  BOOST_TEST(text.find("rid-7") != std::string::npos);
  BOOST_TEST(text.find("tenantId") != std::string::npos);  // ordinary bodies are logged at debug
}

BOOST_AUTO_TEST_CASE(sign_in_bodies_are_never_logged) {
  transport->Enqueue(MakeResponse(200, R"({"access_token":"AT-VALUE"})"));
  http::Pipeline pipeline({std::make_shared<http::LoggingPolicy>()}, transport);
  http::Request request;
  request.method = http::Method::Post;
  request.url = http::Url::Parse("https://login.microsoftonline.com/t/oauth2/v2.0/token");
  request.body = "grant_type=client_credentials&client_secret=PLAINSECRET";
  request.sensitive_body = true;
  pipeline.Send(request, context);
  const std::string text = log->Text();
  BOOST_TEST(text.find("PLAINSECRET") == std::string::npos);
  BOOST_TEST(text.find("AT-VALUE") == std::string::npos);
  BOOST_TEST(text.find("REDACTED: sign-in request") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(verbose_level_logs_only_request_lines) {
  auto verbose = std::make_shared<CapturingLogSink>(util::LogLevel::Verbose);
  transport->Enqueue(MakeResponse(200, "{\"a\":1}"));
  Build().Send(Put("https://management.azure.com/x"), util::Context().WithLogSink(verbose));
  BOOST_TEST(verbose->Text().find("HTTP request: PUT https://management.azure.com:443/x") !=
             std::string::npos);
  BOOST_TEST(verbose->Text().find("body") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(redact_body_masks_secret_keys) {
  const std::string out = http::LoggingPolicy::RedactBody(
      R"({"client_secret":"abc","password" : "p","registrationToken":"tok","name":"ok"})");
  BOOST_TEST(out.find("abc") == std::string::npos);
  BOOST_TEST(out.find("\"p\"") == std::string::npos);
  BOOST_TEST(out.find("tok") == std::string::npos);
  BOOST_TEST(out.find("\"ok\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(redact_body_handles_escaped_quotes_and_any_key_case) {
  const std::string out = http::LoggingPolicy::RedactBody(
      R"({"Password":"a\"b\\\"c-tail","note":"say \"password\": \"x\"","CLIENT_SECRET" :)"
      R"( "s3cr3t","n":1})");
  BOOST_TEST(out.find("tail") == std::string::npos);
  BOOST_TEST(out.find("c-") == std::string::npos);
  BOOST_TEST(out.find("s3cr3t") == std::string::npos);
  BOOST_TEST(out.find(R"("Password":"REDACTED")") != std::string::npos);
  BOOST_TEST(out.find(R"("CLIENT_SECRET":"REDACTED")") != std::string::npos);
  BOOST_TEST(out.find(R"("note":"say \"password\": \"x\"")") != std::string::npos);
  BOOST_TEST(out.find(R"("n":1})") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(redact_body_redacts_a_secret_that_crosses_the_4096_cut) {
  // The password value starts before byte 4096 and ends after it: the old cut-then-redact left
  // its head in the log.
  const std::string secret = "Head-of-the-secret-" + std::string(100, 'Z') + "-end";
  std::string body = R"({"padding":")" + std::string(4096 - 80, 'p') + R"(","userCredentials":)";
  body += R"({"userName":"admin","password":")" + secret + R"("},"more":")" +
          std::string(2000, 'm') + R"("})";
  BOOST_REQUIRE(body.find(secret) < 4096u);
  BOOST_REQUIRE(body.find(secret) + secret.size() > 4096u);
  const std::string out = http::LoggingPolicy::RedactBody(body);
  BOOST_TEST(out.find("Head-of") == std::string::npos);
  BOOST_TEST(out.find("ZZZZ") == std::string::npos);
  BOOST_TEST(out.find(R"("password":"REDACTED")") != std::string::npos);
  BOOST_TEST(out.find("... (" + std::to_string(body.size()) + " bytes)") != std::string::npos);
  // An unterminated secret logs nothing after its key.
  const std::string cut = http::LoggingPolicy::RedactBody(R"({"password":"abc)");
  BOOST_TEST(cut.find("abc") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
