// Sign-in methods end to end against the emulator: tokens that expire mid-run, a 401
// ExpiredAuthenticationToken, a bearer token brought by the caller, the AZURE_* environment
// credential, and the shim's credential table (account, credentialType, errors).
#define BOOST_TEST_DYN_LINK
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <random>
#include <thread>

#include "azscsp.h"
#include "azscsp/auth/access_token_credential.hpp"
#include "azscsp/auth/client_certificate_credential.hpp"
#include "azscsp/auth/client_secret_credential.hpp"
#include "azscsp/auth/device_code_credential.hpp"
#include "azscsp/auth/refresh_token_credential.hpp"
#include "azscsp/auth/token_cache.hpp"
#include "azscsp/auth/username_password_credential.hpp"
#include "azscsp/cloud/environment.hpp"
#include "azscsp/http/beast_transport.hpp"
#include "azscsp/http/policies.hpp"
#include "azscsp/services/registrations_client.hpp"
#include "azscsp/util/log.hpp"
#include "azscsp/util/url_encode.hpp"
#include "emulator_harness.hpp"

namespace json = boost::json;
using namespace azscsp;
using integration::EmulatorHarness;
using integration::Fixtures;

namespace {

constexpr const char* kCertAppId = "555f8509-e75d-4158-a4a0-7893fb35c3ea";
constexpr const char* kPfxPassword = "emulator-pfx-password";
constexpr const char* kOperator = "operator@contosocsp.onmicrosoft.com";
constexpr const char* kOperatorPassword = "emulator-operator-password";
constexpr const char* kMfaAdmin = "mfa-admin@contosocsp.onmicrosoft.com";
constexpr const char* kMfaPassword = "emulator-mfa-password";

// Time that never moves: a cache on this clock believes its token is fresh for ever, so the
// service is the first to notice that it expired.
class FrozenClock final : public util::Clock {
 public:
  SystemTime Now() const override { return now_; }
  void SleepFor(std::chrono::milliseconds duration, const util::Context& context) override {
    util::SystemClock::Instance().SleepFor(duration, context);
  }

 private:
  SystemTime now_ = std::chrono::system_clock::now();
};

emulator::EmulatorOptions ShortLivedTokens(int seconds) {
  emulator::EmulatorOptions options;
  options.throttling = "off";
  options.token_lifetime_seconds = seconds;
  return options;
}

struct Stack {
  std::shared_ptr<http::Transport> transport;
  std::shared_ptr<http::Pipeline> plain;
  cloud::Environment environment;

  explicit Stack(const EmulatorHarness& emulator) {
    http::TransportOptions options;
    options.ca_bundle_path = emulator.CaPath();
    options.proxy = http::ProxyOptions{};
    transport = std::make_shared<http::BeastTransport>(options);
    plain =
        std::make_shared<http::Pipeline>(std::vector<std::shared_ptr<http::Policy>>{}, transport);
    environment = cloud::CompleteCustomEnvironment(
        {"Emulator", emulator.BaseUrl() + "/", "", "", "", ""}, *plain, {});
  }

  auth::Authority Authority() const {
    return auth::Authority(environment.authority_host, Fixtures::kHomeTenant);
  }

  // A refresh token of the operator, from the password grant (v1).
  std::string OperatorRefreshToken() const {
    http::Request request;
    request.method = http::Method::Post;
    request.url = http::Url::Parse(Authority().TokenEndpoint(auth::TokenVersion::V1));
    request.headers["Content-Type"] = "application/x-www-form-urlencoded";
    request.body = "grant_type=password&client_id=" + std::string(auth::kAzurePowerShellClientId) +
                   "&username=" + util::PercentEncode(kOperator) +
                   "&password=" + util::PercentEncode(kOperatorPassword) +
                   "&resource=" + util::PercentEncode(environment.arm_resource);
    const http::Response response = plain->Send(request, {});
    BOOST_REQUIRE_EQUAL(response.status, 200);
    return std::string(json::parse(response.body).at("refresh_token").as_string());
  }

  std::shared_ptr<auth::TokenCredential> Secret() const {
    return std::make_shared<auth::ClientSecretCredential>(
        auth::Authority(environment.authority_host, Fixtures::kHomeTenant), Fixtures::kOwnerAppId,
        Fixtures::kOwnerSecret, auth::TokenVersion::V2, plain, util::SystemClock::Instance());
  }

  services::RegistrationsClient Registrations(std::shared_ptr<auth::TokenCredential> credential,
                                              std::shared_ptr<util::LogSink> = {}) const {
    std::vector<std::shared_ptr<http::Policy>> policies{
        std::make_shared<http::BearerTokenPolicy>(std::move(credential), environment.arm_resource)};
    return services::RegistrationsClient(std::make_shared<arm::ArmClient>(
        std::make_shared<http::Pipeline>(policies, transport), environment.resource_manager_url));
  }
};

constexpr const char* kApi = "2017-06-01";

services::RegistrationRef MyReg() {
  return {Fixtures::kRegistrationSubscription, "azurestack", "myreg"};
}

class LinesSink final : public util::LogSink {
 public:
  util::LogLevel Level() const override { return util::LogLevel::Debug; }
  void Write(util::LogLevel, const std::string& message) override {
    std::lock_guard<std::mutex> lock(mutex_);
    text_ += message + "\n";
  }
  std::string Text() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return text_;
  }

 private:
  mutable std::mutex mutex_;
  std::string text_;
};

std::string CertPath(const char* name) {
  return (std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "emulator" / "fixtures" /
          "certs" / name)
      .string();
}

emulator::EmulatorOptions Profile(const std::string& identity_system, int interval = 1) {
  emulator::EmulatorOptions options;
  options.throttling = "off";
  options.identity_system = identity_system;
  options.device_code_interval_seconds = interval;
  return options;
}

// Approves (or declines) the pending device code as soon as there is one, like a person would.
std::future<bool> DecideSoon(EmulatorHarness& emulator, bool approve) {
  return std::async(std::launch::async, [&emulator, approve] {
    for (int i = 0; i < 100; ++i) {
      try {
        emulator.Control(
            "POST", approve ? "/_emulator/devicecodes/approve" : "/_emulator/devicecodes/decline",
            approve ? std::string(R"({"userPrincipalName":")") + kOperator + "\"}"
                    : std::string("{}"));
        return true;
      } catch (const std::exception&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
    return false;
  });
}

std::string ErrorMessage(const std::function<void()>& call, ErrorKind kind) {
  try {
    call();
  } catch (const Error& error) {
    BOOST_TEST((error.Kind() == kind));
    return error.what();
  }
  BOOST_FAIL("expected an error");
  return {};
}

// --- through the C ABI ---------------------------------------------------------------------

json::object BaseOptions(const EmulatorHarness& emulator, json::object credential) {
  return {{"environment", {{"name", "Emulator"}, {"resourceManagerUrl", emulator.BaseUrl() + "/"}}},
          {"credential", std::move(credential)},
          {"tls", {{"caBundlePath", emulator.CaPath()}}},
          {"proxy", {{"url", ""}}},
          {"retry", {{"baseDelayMs", 10}}}};
}

struct Outcome {
  azscsp_status status = AZSCSP_OK;
  std::vector<json::object> items;
  std::vector<json::object> events;
  json::object error;
};

Outcome RunOperation(azscsp_client* client, const char* name, const json::object& arguments) {
  Outcome outcome;
  azscsp_operation* operation = nullptr;
  BOOST_REQUIRE_EQUAL(
      azscsp_operation_start(client, name, json::serialize(arguments).c_str(), &operation),
      AZSCSP_OK);
  for (;;) {
    char* event = nullptr;
    const azscsp_status status = azscsp_operation_poll(operation, 100, &event);
    if (status == AZSCSP_PENDING) continue;
    if (status != AZSCSP_OK) {
      outcome.status = status;
      if (status != AZSCSP_DONE) outcome.error = json::parse(azscsp_last_error()).as_object();
      break;
    }
    json::object parsed = json::parse(event).as_object();
    azscsp_free(event);
    if (parsed["kind"] == "item") outcome.items.push_back(parsed["data"].as_object());
    outcome.events.push_back(std::move(parsed));
  }
  azscsp_operation_close(operation);
  return outcome;
}

json::object RegistrationArguments() {
  return {{"subscriptionId", Fixtures::kRegistrationSubscription},
          {"resourceGroupName", "azurestack"},
          {"registrationName", "myreg"},
          {"logLevel", "debug"}};
}

// Every message of every event and error, to sweep for secrets.
std::string AllText(const Outcome& outcome) {
  std::string text;
  for (const auto& event : outcome.events) text += json::serialize(event) + "\n";
  return text + json::serialize(outcome.error);
}

struct ScopedEnv {
  std::vector<std::string> names;
  void Set(const char* name, const std::string& value) {
    ::setenv(name, value.c_str(), 1);
    names.push_back(name);
  }
  ~ScopedEnv() {
    for (const auto& name : names) ::unsetenv(name.c_str());
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(sign_in)

BOOST_AUTO_TEST_CASE(token_expiring_mid_run_is_renewed_before_the_caller_notices) {
  EmulatorHarness emulator(ShortLivedTokens(3));
  const Stack stack(emulator);
  auto cache = std::make_shared<auth::CachingCredential>(
      stack.Secret(), "owner", util::SystemClock::Instance(), std::chrono::seconds(1));
  auto registrations = stack.Registrations(cache);
  registrations.Get(MyReg(), kApi, {});
  BOOST_TEST(cache->RefreshCount() == 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(2300));  // now inside the 1 s margin
  registrations.Get(MyReg(), kApi, {});
  BOOST_TEST(cache->RefreshCount() == 2);
  registrations.Get(MyReg(), kApi, {});
  BOOST_TEST(cache->RefreshCount() == 2);
  BOOST_TEST(emulator.CountRequests("POST", "/oauth2/v2.0/token") == 2);
}

BOOST_AUTO_TEST_CASE(expired_authentication_token_401_gets_a_new_token_and_retries_once) {
  EmulatorHarness emulator(ShortLivedTokens(1));
  const Stack stack(emulator);
  FrozenClock frozen;
  auto cache = std::make_shared<auth::CachingCredential>(stack.Secret(), "owner", frozen,
                                                         std::chrono::seconds(0));
  auto registrations = stack.Registrations(cache);
  registrations.Get(MyReg(), kApi, {});
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // the token is now expired
  auto sink = std::make_shared<LinesSink>();
  const util::Context context = util::Context().WithLogSink(sink);
  BOOST_TEST(registrations.Get(MyReg(), kApi, context).name == "myreg");
  BOOST_TEST(sink->Text().find("refused the access token (HTTP 401)") != std::string::npos);
  BOOST_TEST(cache->RefreshCount() == 2);
  BOOST_TEST(emulator.CountRequests("GET", "/registrations/myreg") == 3);
}

BOOST_AUTO_TEST_CASE(access_token_credential_is_used_then_refused_once_expired) {
  EmulatorHarness emulator(ShortLivedTokens(2));
  const Stack stack(emulator);
  const std::string token = stack.Secret()->GetToken({stack.environment.arm_resource}, {}).token;
  auto credential =
      std::make_shared<auth::AccessTokenCredential>(token, util::SystemClock::Instance());
  auto registrations = stack.Registrations(credential);
  BOOST_TEST(registrations.Get(MyReg(), kApi, {}).name == "myreg");
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  try {
    registrations.Get(MyReg(), kApi, {});
    BOOST_FAIL("expected the expired token to be refused");
  } catch (const ServiceError& error) {
    BOOST_TEST((error.Kind() == ErrorKind::Authentication));
    BOOST_TEST(std::string(error.what()).find("the access token expired; get a new one") !=
               std::string::npos);
    BOOST_TEST(std::string(error.what()).find(token) == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(shim_refreshes_with_the_configured_margin) {
  EmulatorHarness emulator(ShortLivedTokens(3));
  json::object options = BaseOptions(emulator, {{"type", "clientSecret"},
                                                {"tenantId", Fixtures::kHomeTenant},
                                                {"clientId", Fixtures::kOwnerAppId},
                                                {"clientSecret", Fixtures::kOwnerSecret}});
  options["tokenCache"] = {{"refreshMarginSeconds", 1}};
  azscsp_client* client = nullptr;
  BOOST_REQUIRE_EQUAL(azscsp_client_open(json::serialize(options).c_str(), &client), AZSCSP_OK);
  const Outcome connected = RunOperation(client, "account.connect", {});
  BOOST_REQUIRE_EQUAL(connected.items.size(), 1u);
  BOOST_TEST(connected.items[0].at("credentialType") == "clientSecret");
  BOOST_TEST(connected.items[0].at("account") == Fixtures::kOwnerAppId);
  std::this_thread::sleep_for(std::chrono::milliseconds(2300));
  const Outcome got = RunOperation(client, "registrations.get", RegistrationArguments());
  BOOST_TEST(got.status == AZSCSP_DONE);
  BOOST_TEST(emulator.CountRequests("POST", "/oauth2/v2.0/token") == 2);
  BOOST_TEST(AllText(got).find(Fixtures::kOwnerSecret) == std::string::npos);
  azscsp_client_close(client);
}

BOOST_AUTO_TEST_CASE(shim_access_token_type_reports_the_application) {
  EmulatorHarness emulator(ShortLivedTokens(3600));
  const Stack stack(emulator);
  const std::string token = stack.Secret()->GetToken({stack.environment.arm_resource}, {}).token;
  azscsp_client* client = nullptr;
  BOOST_REQUIRE_EQUAL(
      azscsp_client_open(
          json::serialize(BaseOptions(emulator, {{"type", "accessToken"}, {"accessToken", token}}))
              .c_str(),
          &client),
      AZSCSP_OK);
  const Outcome connected = RunOperation(client, "account.connect", {});
  BOOST_REQUIRE_EQUAL(connected.items.size(), 1u);
  BOOST_TEST(connected.items[0].at("credentialType") == "accessToken");
  BOOST_TEST(connected.items[0].at("account") == Fixtures::kOwnerAppId);
  BOOST_TEST(connected.items[0].at("tenantId") == Fixtures::kHomeTenant);
  const Outcome got = RunOperation(client, "registrations.get", RegistrationArguments());
  BOOST_TEST(got.status == AZSCSP_DONE);
  BOOST_TEST(AllText(got).find(token) == std::string::npos);
  azscsp_client_close(client);
}

BOOST_AUTO_TEST_CASE(shim_environment_type_reads_the_azure_variables) {
  EmulatorHarness emulator(ShortLivedTokens(3600));
  ScopedEnv env;
  env.Set("AZURE_TENANT_ID", Fixtures::kHomeTenant);
  env.Set("AZURE_CLIENT_ID", Fixtures::kOwnerAppId);
  env.Set("AZURE_CLIENT_SECRET", Fixtures::kOwnerSecret);
  env.Set("AZURE_AUTHORITY_HOST", emulator.BaseUrl() + "/");
  azscsp_client* client = nullptr;
  BOOST_REQUIRE_EQUAL(
      azscsp_client_open(json::serialize(BaseOptions(emulator, {{"type", "environment"}})).c_str(),
                         &client),
      AZSCSP_OK);
  const Outcome connected = RunOperation(client, "account.connect", {});
  BOOST_REQUIRE_EQUAL(connected.items.size(), 1u);
  BOOST_TEST(connected.items[0].at("credentialType") == "environment");
  BOOST_TEST(connected.items[0].at("clientId") == Fixtures::kOwnerAppId);
  BOOST_TEST(connected.items[0].at("tenantName") == Fixtures::kHomeTenant);
  azscsp_client_close(client);

  ::unsetenv("AZURE_CLIENT_SECRET");
  BOOST_REQUIRE_EQUAL(
      azscsp_client_open(json::serialize(BaseOptions(emulator, {{"type", "environment"}})).c_str(),
                         &client),
      AZSCSP_OK);
  const Outcome failed = RunOperation(client, "account.connect", {});
  BOOST_TEST(failed.status == AZSCSP_E_INVALID_ARGUMENT);
  BOOST_TEST(std::string(failed.error.at("message").as_string())
                 .find("AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH") !=
             std::string::npos);
  azscsp_client_close(client);
}

BOOST_AUTO_TEST_CASE(shim_rejects_unknown_types_and_missing_fields_at_open) {
  EmulatorHarness emulator(ShortLivedTokens(3600));
  azscsp_client* client = nullptr;
  BOOST_TEST(azscsp_client_open(
                 json::serialize(BaseOptions(emulator, {{"type", "kerberos"}})).c_str(), &client) ==
             AZSCSP_E_INVALID_ARGUMENT);
  BOOST_TEST(std::string(json::parse(azscsp_last_error()).at("message").as_string())
                 .find("usernamePassword") != std::string::npos);
  BOOST_TEST(
      azscsp_client_open(json::serialize(BaseOptions(emulator, {{"type", "usernamePassword"},
                                                                {"tenantId", Fixtures::kHomeTenant},
                                                                {"username", "someone"}}))
                             .c_str(),
                         &client) == AZSCSP_E_INVALID_ARGUMENT);
  BOOST_TEST(std::string(json::parse(azscsp_last_error()).at("message").as_string())
                 .find("credential.password") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(sign_in_methods)

BOOST_AUTO_TEST_CASE(certificate_pem_and_pfx_sign_in_and_call_arm) {
  EmulatorHarness emulator(Profile("aad"));
  const Stack stack(emulator);
  for (const auto& certificate :
       {auth::ClientCertificate::Load(CertPath("automation-cert.pem"), {},
                                      CertPath("automation-cert.key.pem")),
        auth::ClientCertificate::Load(CertPath("automation-cert.pfx"), kPfxPassword)}) {
    for (auto algorithm : {auth::AssertionAlgorithm::kAuto, auth::AssertionAlgorithm::kRS256}) {
      auto credential = std::make_shared<auth::ClientCertificateCredential>(
          stack.Authority(), kCertAppId, certificate, algorithm, auth::TokenVersion::V2,
          stack.plain, util::SystemClock::Instance());
      BOOST_TEST(stack.Registrations(credential).Get(MyReg(), kApi, {}).name == "myreg");
    }
  }
}

BOOST_AUTO_TEST_CASE(unregistered_certificate_is_named_as_the_cause) {
  EmulatorHarness emulator(Profile("aad"));
  const Stack stack(emulator);
  auth::ClientCertificateCredential credential(
      stack.Authority(), kCertAppId,
      auth::ClientCertificate::Load(CertPath("unregistered-cert.pem"), {},
                                    CertPath("unregistered-cert.key.pem")),
      auth::AssertionAlgorithm::kAuto, auth::TokenVersion::V2, stack.plain,
      util::SystemClock::Instance());
  const std::string text =
      ErrorMessage([&] { credential.GetToken({stack.environment.arm_resource}, {}); },
                   ErrorKind::Authentication);
  BOOST_TEST(text.find("AADSTS700027") != std::string::npos, text);
  BOOST_TEST(text.find("not registered") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(clock_skew_rejects_the_assertion_with_advice) {
  emulator::EmulatorOptions options = Profile("aad");
  options.clock_skew_seconds = 3600;
  EmulatorHarness emulator(options);
  const Stack stack(emulator);
  auth::ClientCertificateCredential credential(
      stack.Authority(), kCertAppId,
      auth::ClientCertificate::Load(CertPath("automation-cert.pfx"), kPfxPassword),
      auth::AssertionAlgorithm::kAuto, auth::TokenVersion::V2, stack.plain,
      util::SystemClock::Instance());
  const std::string text =
      ErrorMessage([&] { credential.GetToken({stack.environment.arm_resource}, {}); },
                   ErrorKind::Authentication);
  BOOST_TEST(text.find("check this machine's clock") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(device_code_approved_then_refresh_for_later_calls) {
  EmulatorHarness emulator(Profile("aad"));
  const Stack stack(emulator);
  auto credential = std::make_shared<auth::DeviceCodeCredential>(
      stack.Authority(), auth::PublicClientOptions{}, stack.plain, util::SystemClock::Instance());
  auto sink = std::make_shared<LinesSink>();
  const util::Context context = util::Context().WithLogSink(sink);
  auto approved = DecideSoon(emulator, true);
  credential->GetToken({stack.environment.arm_resource}, context);
  BOOST_TEST(approved.get());
  BOOST_TEST(credential->Account() == kOperator);
  BOOST_TEST(!sink->Text().empty());  // the prompt, as a warning line
  // Later calls: the refresh token, no second prompt.
  BOOST_TEST(stack.Registrations(credential).Get(MyReg(), kApi, {}).name == "myreg");
  BOOST_TEST(emulator.CountRequests("POST", "devicecode") == 1);
}

BOOST_AUTO_TEST_CASE(device_code_declined_says_so) {
  EmulatorHarness emulator(Profile("aad"));
  const Stack stack(emulator);
  auth::DeviceCodeCredential credential(stack.Authority(), auth::PublicClientOptions{}, stack.plain,
                                        util::SystemClock::Instance());
  auto declined = DecideSoon(emulator, false);
  const std::string text =
      ErrorMessage([&] { credential.GetToken({stack.environment.arm_resource}, {}); },
                   ErrorKind::Authentication);
  BOOST_TEST(declined.get());
  BOOST_TEST(text.find("declined") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(password_sign_in_and_mfa_refusal) {
  EmulatorHarness emulator(Profile("aad"));
  const Stack stack(emulator);
  for (auto version : {auth::TokenVersion::V1, auth::TokenVersion::V2}) {
    auth::PublicClientOptions options;
    options.version = version;
    auto credential = std::make_shared<auth::UsernamePasswordCredential>(
        stack.Authority(), kOperator, kOperatorPassword, options, stack.plain,
        util::SystemClock::Instance());
    BOOST_TEST(stack.Registrations(credential).Get(MyReg(), kApi, {}).name == "myreg");
    BOOST_TEST(credential->Account() == kOperator);
  }
  auth::UsernamePasswordCredential mfa(stack.Authority(), kMfaAdmin, kMfaPassword,
                                       auth::PublicClientOptions{}, stack.plain,
                                       util::SystemClock::Instance());
  const std::string text = ErrorMessage([&] { mfa.GetToken({stack.environment.arm_resource}, {}); },
                                        ErrorKind::Authentication);
  BOOST_TEST(text.find("multi-factor") != std::string::npos, text);
  BOOST_TEST(text.find(kMfaPassword) == std::string::npos);
  auth::UsernamePasswordCredential wrong(stack.Authority(), kOperator, "not-the-password",
                                         auth::PublicClientOptions{}, stack.plain,
                                         util::SystemClock::Instance());
  const std::string wrong_text = ErrorMessage(
      [&] { wrong.GetToken({stack.environment.arm_resource}, {}); }, ErrorKind::Authentication);
  BOOST_TEST(wrong_text.find("not-the-password") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(refresh_token_rotation_survives_reuse_detection) {
  emulator::EmulatorOptions options = Profile("aad");
  options.reject_reused_refresh_tokens = true;
  EmulatorHarness emulator(options);
  const Stack stack(emulator);
  const std::string refresh_token = stack.OperatorRefreshToken();
  auth::PublicClientOptions v1;
  v1.version = auth::TokenVersion::V1;
  auth::RefreshTokenCredential credential(stack.Authority(), refresh_token, v1, stack.plain,
                                          util::SystemClock::Instance());
  // Each call redeems the newest refresh token; reusing an old one would be refused.
  for (int i = 0; i < 3; ++i) credential.GetToken({stack.environment.arm_resource}, {});
  BOOST_TEST(credential.Account() == kOperator);
  // The original token was used once already: a second credential holding it is refused.
  auth::RefreshTokenCredential stale(stack.Authority(), refresh_token, v1, stack.plain,
                                     util::SystemClock::Instance());
  const std::string text = ErrorMessage(
      [&] { stale.GetToken({stack.environment.arm_resource}, {}); }, ErrorKind::Authentication);
  BOOST_TEST(text.find(refresh_token) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(adfs_certificate_and_device_code) {
  EmulatorHarness emulator(Profile("adfs"));
  const Stack stack(emulator);
  const auth::Authority adfs(stack.environment.authority_host, "");
  BOOST_TEST(adfs.IsAdfs());
  auto certificate = std::make_shared<auth::ClientCertificateCredential>(
      adfs, kCertAppId,
      auth::ClientCertificate::Load(CertPath("automation-cert.pfx"), kPfxPassword),
      auth::AssertionAlgorithm::kAuto, auth::TokenVersion::V2, stack.plain,
      util::SystemClock::Instance());
  BOOST_TEST(!certificate->UsesPss());
  BOOST_TEST(stack.Registrations(certificate).Get(MyReg(), kApi, {}).name == "myreg");

  auto device = std::make_shared<auth::DeviceCodeCredential>(
      adfs, auth::PublicClientOptions{}, stack.plain, util::SystemClock::Instance());
  auto approved = DecideSoon(emulator, true);
  BOOST_TEST(stack.Registrations(device).Get(MyReg(), kApi, {}).name == "myreg");
  BOOST_TEST(approved.get());
  BOOST_TEST(emulator.CountRequests("POST", "/adfs/oauth2/devicecode") == 1);
}

BOOST_AUTO_TEST_CASE(shim_device_code_prompts_and_a_later_client_signs_in_silently) {
  EmulatorHarness emulator(Profile("aad"));
  const std::string store =
      (std::filesystem::temp_directory_path() /
       ("azscsp-int-tokens-" + std::to_string(std::random_device()()) + ".json"))
          .string();
  json::object options =
      BaseOptions(emulator, {{"type", "deviceCode"}, {"tenantId", Fixtures::kHomeTenant}});
  options["tokenCache"] = {{"persistPath", store}};
  {
    azscsp_client* client = nullptr;
    BOOST_REQUIRE_EQUAL(azscsp_client_open(json::serialize(options).c_str(), &client), AZSCSP_OK);
    auto approved = DecideSoon(emulator, true);
    const Outcome connected = RunOperation(client, "account.connect", {});
    BOOST_TEST(approved.get());
    BOOST_REQUIRE_EQUAL(connected.items.size(), 1u);
    BOOST_TEST(connected.items[0].at("account") == kOperator);
    BOOST_TEST(connected.items[0].at("credentialType") == "deviceCode");
    BOOST_TEST(connected.items[0].at("clientId") == auth::kAzurePowerShellClientId);
    int prompts = 0;
    for (const auto& event : connected.events)
      if (event.at("kind") == "prompt") ++prompts;
    BOOST_TEST(prompts == 1);
    azscsp_client_close(client);
  }
  {
    azscsp_client* client = nullptr;
    BOOST_REQUIRE_EQUAL(azscsp_client_open(json::serialize(options).c_str(), &client), AZSCSP_OK);
    const Outcome connected = RunOperation(client, "account.connect", {});
    BOOST_REQUIRE_EQUAL(connected.items.size(), 1u);
    BOOST_TEST(connected.items[0].at("account") == kOperator);
    for (const auto& event : connected.events) BOOST_TEST(event.at("kind") != "prompt");
    BOOST_TEST(emulator.CountRequests("POST", "devicecode") == 1);
    azscsp_client_close(client);
  }
  std::error_code ignored;
  std::filesystem::remove(store, ignored);
}

BOOST_AUTO_TEST_CASE(shim_certificate_and_password_types) {
  EmulatorHarness emulator(Profile("aad"));
  const std::vector<json::object> credentials{{{"type", "clientCertificate"},
                                               {"tenantId", Fixtures::kHomeTenant},
                                               {"clientId", kCertAppId},
                                               {"certificatePath", CertPath("automation-cert.pfx")},
                                               {"certificatePassword", kPfxPassword}},
                                              {{"type", "usernamePassword"},
                                               {"tenantId", Fixtures::kHomeTenant},
                                               {"username", kOperator},
                                               {"password", kOperatorPassword},
                                               {"tokenVersion", "v1"}}};
  for (const auto& credential : credentials) {
    azscsp_client* client = nullptr;
    BOOST_REQUIRE_EQUAL(
        azscsp_client_open(json::serialize(BaseOptions(emulator, credential)).c_str(), &client),
        AZSCSP_OK);
    const Outcome got = RunOperation(client, "registrations.get", RegistrationArguments());
    BOOST_TEST(got.status == AZSCSP_DONE);
    const std::string text = AllText(got);
    BOOST_TEST(text.find(kPfxPassword) == std::string::npos);
    BOOST_TEST(text.find(kOperatorPassword) == std::string::npos);
    azscsp_client_close(client);
  }
}

BOOST_AUTO_TEST_SUITE_END()
