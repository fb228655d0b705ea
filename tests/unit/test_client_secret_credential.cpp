#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "azscsp/auth/client_secret_credential.hpp"
#include "azscsp/http/policies.hpp"
#include "fakes.hpp"

using namespace azscsp;
using testing::FakeTransport;
using testing::MakeResponse;

namespace {

constexpr const char* kSecret = "s3cr3t+/=&value";

struct CredentialFixture {
  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
  testing::ManualClock clock;
  std::shared_ptr<http::Pipeline> pipeline =
      std::make_shared<http::Pipeline>(std::vector<std::shared_ptr<http::Policy>>{}, transport);

  auth::ClientSecretCredential Make(
      auth::TokenVersion version,
      const std::string& authority = "https://login.microsoftonline.com/") {
    return auth::ClientSecretCredential(auth::Authority(authority, "contoso.onmicrosoft.com"),
                                        "5a0bec8c-2de1-4669-be79-dc35df07444b", kSecret, version,
                                        pipeline, clock);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(client_secret_credential, CredentialFixture)

BOOST_AUTO_TEST_CASE(v2_sends_scope_and_encoded_secret) {
  transport->Enqueue(
      MakeResponse(200, R"({"token_type":"Bearer","expires_in":3599,"access_token":"tok"})"));
  auto credential = Make(auth::TokenVersion::V2);
  const auto token = credential.GetToken({"https://management.azure.com/"}, {});
  BOOST_TEST(token.token == "tok");
  BOOST_TEST((token.expires_on - clock.Now() == std::chrono::seconds(3599)));
  const auto& request = transport->Requests().at(0);
  BOOST_TEST(request.url.ToString() ==
             "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
  BOOST_TEST(request.sensitive_body);
  BOOST_TEST(request.body.find("grant_type=client_credentials") != std::string::npos);
  BOOST_TEST(request.body.find("client_secret=s3cr3t%2B%2F%3D%26value") != std::string::npos);
  BOOST_TEST(request.body.find("scope=https%3A%2F%2Fmanagement.azure.com%2F%2F.default") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(v1_sends_resource_and_reads_string_numbers) {
  transport->Enqueue(MakeResponse(
      200,
      R"({"token_type":"Bearer","expires_in":"3599","expires_on":"1800003599","access_token":"tok1"})"));
  auto credential = Make(auth::TokenVersion::V1);
  const auto token = credential.GetToken({"https://management.core.windows.net/"}, {});
  BOOST_TEST(std::chrono::duration_cast<std::chrono::seconds>(token.expires_on.time_since_epoch())
                 .count() == 1800003599);
  const auto& request = transport->Requests().at(0);
  BOOST_TEST(request.url.target == "/contoso.onmicrosoft.com/oauth2/token");
  BOOST_TEST(request.body.find("resource=https%3A%2F%2Fmanagement.core.windows.net%2F") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(adfs_uses_its_own_token_endpoint_and_v1) {
  transport->Enqueue(MakeResponse(200, R"({"access_token":"t","expires_in":3600})"));
  auto credential = Make(auth::TokenVersion::V2, "https://adfs.local.azurestack.external/adfs/");
  credential.GetToken({"https://management.adfs.azurestack.local/abc"}, {});
  const auto& request = transport->Requests().at(0);
  BOOST_TEST(request.url.ToString() == "https://adfs.local.azurestack.external/adfs/oauth2/token");
  BOOST_TEST(request.body.find("resource=") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(wrong_secret_names_the_cause_and_never_the_secret) {
  transport->Enqueue(MakeResponse(
      401,
      R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.\r\nTrace ID: t\r\nCorrelation ID: c-42","error_codes":[7000215],"trace_id":"t-1","correlation_id":"c-42"})"));
  auto credential = Make(auth::TokenVersion::V2);
  try {
    credential.GetToken({"https://management.azure.com/"}, {});
    BOOST_FAIL("expected an authentication error");
  } catch (const ServiceError& error) {
    const std::string message = error.what();
    BOOST_TEST(error.Kind() == ErrorKind::Authentication);
    BOOST_TEST(error.Details().code == "invalid_client");
    BOOST_TEST(error.Details().correlation_id == "c-42");
    BOOST_TEST(error.Details().aadsts_codes.at(0) == 7000215);
    BOOST_TEST(message.find("AADSTS7000215") != std::string::npos);
    BOOST_TEST(message.find("client secret is wrong") != std::string::npos);
    BOOST_TEST(message.find("Trace ID") == std::string::npos);
    BOOST_TEST(message.find(kSecret) == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(answer_without_token_is_an_error) {
  transport->Enqueue(MakeResponse(200, R"({"token_type":"Bearer"})"));
  auto credential = Make(auth::TokenVersion::V2);
  BOOST_CHECK_THROW(credential.GetToken({"https://management.azure.com/"}, {}), ServiceError);
}

BOOST_AUTO_TEST_CASE(rejects_bad_authorities_and_tenants) {
  BOOST_CHECK_THROW(auth::Authority("http://login.microsoftonline.com/", "t"),
                    InvalidArgumentError);
  BOOST_CHECK_THROW(auth::Authority("https://login.microsoftonline.com/", ""),
                    InvalidArgumentError);
  BOOST_CHECK_THROW(auth::Authority("https://login.microsoftonline.com/", "a/b"),
                    InvalidArgumentError);
  BOOST_TEST(auth::Authority("https://adfs.x/adfs/", "").Tenant() == "adfs");
}

BOOST_AUTO_TEST_SUITE_END()
