// Throttling, fault injection, control endpoints, emulator.json, TLS trust, persistence, CLI.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <ostream>

#include "arm/throttling.hpp"
#include "cli.hpp"
#include "emulator_fixture.hpp"
#include "util/files.hpp"

namespace azscsp::emulator {
std::ostream& operator<<(std::ostream& out, CommandLine::Action action) {
  return out << static_cast<int>(action);
}
}  // namespace azscsp::emulator

namespace json = boost::json;
namespace fs = std::filesystem;
using namespace azscsp::emulator;
using namespace azscsp::emulator::test;

namespace {

const std::string kMyReg = EmulatorUnderTest::RegistrationPath("myreg") + "?api-version=2017-06-01";

HttpResult PostFault(EmulatorUnderTest& emu, const std::string& fault) {
  return emu.client().Request("POST", "/_emulator/faults", fault,
                              {{"Content-Type", "application/json"}});
}

CommandLine Parse(std::vector<const char*> args) {
  args.insert(args.begin(), "azscsp-emulator");
  return ParseCommandLine(static_cast<int>(args.size()), args.data());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(service)

BOOST_AUTO_TEST_CASE(throttling_returns_429_with_retry_after_when_the_bucket_is_empty) {
  EmulatorUnderTest emu([](auto& o) { o.read_limits = {3, 0.5}; });
  emu.OwnerToken();
  for (int i = 2; i >= 0; --i) {
    HttpResult r = emu.Arm("GET", kMyReg);
    BOOST_TEST_REQUIRE(r.status == 200);
    BOOST_TEST(r.Header("x-ms-ratelimit-remaining-subscription-reads") == std::to_string(i));
  }
  HttpResult r = emu.Arm("GET", kMyReg);
  BOOST_TEST(r.status == 429);
  BOOST_TEST(r.ErrorCode() == "SubscriptionRequestsThrottled");
  BOOST_TEST(r.Header("Retry-After") == "2");  // ceil(1 token / 0.5 per second)
  BOOST_TEST(r.Json().at("error").at("message").as_string().find(
                 "Number of read requests for subscription '" + fx::kRegistrationSub +
                 "' exceeded the limit of '3'") == 0u);
  // Writes use their own bucket.
  r = emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub));
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.HasHeader("x-ms-ratelimit-remaining-subscription-writes"));
  r = emu.Arm("DELETE", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub));
  BOOST_TEST(r.HasHeader("x-ms-ratelimit-remaining-subscription-deletes"));
}

BOOST_AUTO_TEST_CASE(throttling_off_emits_no_headers) {
  EmulatorUnderTest emu([](auto& o) { o.throttling = "off"; });
  HttpResult r = emu.Arm("GET", kMyReg);
  BOOST_TEST(r.status == 200);
  BOOST_TEST(!r.HasHeader("x-ms-ratelimit-remaining-subscription-reads"));
}

BOOST_AUTO_TEST_CASE(buckets_refill_and_the_global_bucket_is_15x) {
  Throttler throttler("token-bucket", {2, 1}, {}, {});
  auto t0 = std::chrono::steady_clock::now();
  const auto read = OperationClass::kRead;
  BOOST_TEST(throttler.Consume("s", "p", read, t0).remaining == 1);
  BOOST_TEST(throttler.Consume("s", "p", read, t0).remaining == 0);
  ThrottleDecision denied = throttler.Consume("s", "p", read, t0);
  BOOST_TEST(!denied.allowed);
  BOOST_TEST(denied.retry_after_seconds == 1);
  BOOST_TEST(throttler.Consume("s", "p", read, t0 + std::chrono::seconds(1)).allowed);
  // 30 tokens in the global bucket: 15 principals x 2, then everyone is throttled.
  int allowed = 0;
  for (int i = 0; i < 40; ++i) {
    allowed += throttler.Consume("g", "p" + std::to_string(i), read, t0).allowed ? 1 : 0;
  }
  BOOST_TEST(allowed == 30);
  BOOST_TEST(
      Throttler("hourly", {}, {}, {}).Consume("s", "p", OperationClass::kWrite, t0).remaining ==
      1199);
}

BOOST_AUTO_TEST_CASE(fault_429_twice_then_success_and_request_log) {
  EmulatorUnderTest emu;
  emu.OwnerToken();
  HttpResult added = PostFault(emu, R"({"method":"PUT","pathContains":"customerSubscriptions",
      "status":429,"count":2,"retryAfter":"1","retryAfterMs":null,"closeConnection":false,
      "delayMs":0,"body":null})");
  BOOST_TEST_REQUIRE(added.status == 201, added.body);

  std::string url = EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub);
  for (int attempt = 1; attempt <= 3; ++attempt) {
    HttpResult r = emu.Arm("PUT", url, "{}", nullptr,
                           {{"x-ms-client-request-id", "attempt-" + std::to_string(attempt)}});
    if (attempt < 3) {
      BOOST_TEST(r.status == 429);
      BOOST_TEST(r.ErrorCode() == "SubscriptionRequestsThrottled");
      BOOST_TEST(r.Header("Retry-After") == "1");
    } else {
      BOOST_TEST(r.status == 200);
    }
  }
  HttpResult log =
      emu.client().Request("GET", "/_emulator/requests?pathContains=customerSubscriptions");
  json::array entries = log.Json().at("value").as_array();
  BOOST_TEST_REQUIRE(entries.size() == 3u);
  BOOST_TEST(entries[0].at("status").as_int64() == 429);
  BOOST_TEST(entries[0].at("fault").as_bool());
  BOOST_TEST(entries[2].at("status").as_int64() == 200);
  BOOST_TEST(entries[2].at("method").as_string() == "PUT");
  BOOST_TEST(entries[2].at("query").as_string() == "api-version=2017-06-01");
  const json::object& headers = entries[1].at("headers").as_object();
  BOOST_TEST(headers.at("x-ms-client-request-id").as_string() == "attempt-2");
  BOOST_TEST(!headers.contains("authorization"));
}

BOOST_AUTO_TEST_CASE(fault_statuses_have_matching_error_bodies) {
  EmulatorUnderTest emu;
  emu.OwnerToken();
  std::string url = EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub);
  const std::pair<int, const char*> cases[] = {{500, "InternalServerError"},
                                               {502, "MetadataResolverBadGatewayError"},
                                               {503, "ServiceUnavailable"},
                                               {504, "GatewayTimeout"}};
  for (const auto& [status, code] : cases) {
    PostFault(
        emu, R"({"pathContains":"customerSubscriptions","status":)" + std::to_string(status) + "}");
    HttpResult r = emu.Arm("GET", url);
    BOOST_TEST(r.status == status);
    BOOST_TEST(r.ErrorCode() == code);
  }
  BOOST_TEST(emu.Arm("GET", url).status == 404);  // faults used up: the real answer again

  PostFault(emu, R"({"pathContains":"myreg","status":418,"count":-1,"body":{"custom":true}})");
  BOOST_TEST(emu.Arm("GET", kMyReg).body == R"({"custom":true})");
  BOOST_TEST(emu.Arm("GET", kMyReg).status == 418);
  BOOST_TEST(emu.client().Request("DELETE", "/_emulator/faults").status == 204);
  BOOST_TEST(emu.Arm("GET", kMyReg).status == 200);

  BOOST_TEST(PostFault(emu, R"({"pathContains":"x"})").status == 400);  // no effect given
}

BOOST_AUTO_TEST_CASE(fault_close_connection_and_delay) {
  EmulatorUnderTest emu;
  emu.OwnerToken();
  emu.client().RetryStaleConnections(false);
  PostFault(emu, R"({"method":"GET","pathContains":"registrations/myreg","closeConnection":true})");
  BOOST_CHECK_THROW(emu.Arm("GET", kMyReg), std::exception);
  BOOST_TEST(emu.Arm("GET", kMyReg).status == 200);  // once only

  PostFault(emu, R"({"pathContains":"registrations/myreg","delayMs":400})");
  auto start = std::chrono::steady_clock::now();
  HttpResult r = emu.Arm("GET", kMyReg);
  auto elapsed = std::chrono::steady_clock::now() - start;
  BOOST_TEST(r.status == 200);
  BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() >= 400);
}

BOOST_AUTO_TEST_CASE(request_log_redacts_credentials_in_queries) {
  EmulatorUnderTest emu;
  emu.client().Request("POST", "/" + fx::kHomeTenant + "/oauth2/token?client_secret=s3cr3t&x=1",
                       "grant_type=client_credentials");
  HttpResult log = emu.client().Request("GET", "/_emulator/requests?pathContains=oauth2");
  BOOST_TEST(log.body.find("s3cr3t") == std::string::npos);
  BOOST_TEST(log.Json().at("value").at(0).at("query").as_string() == "client_secret=REDACTED&x=1");
}

BOOST_AUTO_TEST_CASE(expect_100_continue_gets_an_interim_answer) {
  EmulatorUnderTest emu;
  HttpResult r = emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub), "{}",
                         nullptr, {{"Expect", "100-continue"}});
  BOOST_TEST(r.status == 200, r.body);
  BOOST_TEST(r.Json().at("properties").at("tenantId").as_string() == fx::kFabrikamTenant);
}

BOOST_AUTO_TEST_CASE(reset_restores_the_fixtures) {
  EmulatorUnderTest emu;
  BOOST_TEST(emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub)).status ==
             200);
  BOOST_TEST(emu.Arm("DELETE", kMyReg).status == 200);
  BOOST_TEST(emu.client().Request("POST", "/_emulator/reset").status == 204);
  BOOST_TEST(emu.Arm("GET", kMyReg).status == 200);
  BOOST_TEST(emu.Arm("GET", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub)).status ==
             404);
}

BOOST_AUTO_TEST_CASE(emulator_json_announces_the_endpoints) {
  std::string status_file;
  {
    EmulatorUnderTest emu;
    status_file = emu.emulator().StatusFilePath();
    auto text = ReadFileIfExists(status_file);
    BOOST_TEST_REQUIRE(text.has_value());
    json::object status = json::parse(*text).as_object();
    std::string base = "https://localhost:" + std::to_string(emu.emulator().Port());
    BOOST_TEST(status.at("pid").as_int64() == CurrentProcessId());
    BOOST_TEST(status.at("port").to_number<int>() == emu.emulator().Port());
    BOOST_TEST(status.at("baseUrl").as_string() == base);
    BOOST_TEST(status.at("resourceManagerUrl").as_string() == base + "/");
    BOOST_TEST(status.at("activeDirectoryAuthority").as_string() == base + "/");
    BOOST_TEST(status.at("audience").as_string() == "https://management.core.windows.net/");
    BOOST_TEST(status.at("fixtures").as_string() == "default");
    fs::path ca(std::string(status.at("caCertificatePath").as_string()));
    BOOST_TEST(ca.is_absolute());
    BOOST_TEST(fs::exists(ca));
  }
  BOOST_TEST(!fs::exists(status_file));  // removed on Stop
}

BOOST_AUTO_TEST_CASE(untrusted_client_fails_the_handshake) {
  EmulatorUnderTest emu;
  HttpsClient untrusted("localhost", emu.emulator().Port(), "");
  BOOST_CHECK_THROW(untrusted.Request("GET", "/metadata/endpoints?api-version=2015-01-01"),
                    std::exception);
  // A host name outside the certificate fails too, even with the CA.
  HttpsClient wrong_name("127.0.0.2", emu.emulator().Port(), emu.emulator().CaCertificatePath());
  BOOST_CHECK_THROW(wrong_name.Request("GET", "/metadata/endpoints?api-version=2015-01-01"),
                    std::exception);
  HttpsClient by_ip("127.0.0.1", emu.emulator().Port(), emu.emulator().CaCertificatePath());
  BOOST_TEST(by_ip.Request("GET", "/metadata/endpoints?api-version=2015-01-01").status == 200);
}

BOOST_AUTO_TEST_CASE(persisted_state_and_ca_survive_a_restart) {
  fs::path dir;
  std::string ca_before;
  {
    EmulatorUnderTest emu([](auto& o) { o.persist = true; });
    dir = emu.data_dir();
    ca_before = *ReadFileIfExists(emu.emulator().CaCertificatePath());
    BOOST_TEST(emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub)).status ==
               200);
    // Restart in the same directory while the first fixture still owns it.
    emu.emulator().Stop();
    EmulatorOptions options;
    options.data_dir = dir.string();
    options.persist = true;
    Emulator again(options);
    again.Start();
    BOOST_TEST(*ReadFileIfExists(again.CaCertificatePath()) == ca_before);
    HttpsClient client("localhost", again.Port(), again.CaCertificatePath());
    HttpResult token = client.Request("POST", "/" + fx::kHomeTenant + "/oauth2/token",
                                      "grant_type=client_credentials&client_id=" + fx::kOwnerApp +
                                          "&client_secret=" + fx::kOwnerSecret +
                                          "&resource=" + UrlEncode(fx::kArmResource));
    std::string bearer(token.Json().at("access_token").as_string());
    HttpResult r = client.Request("GET", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub),
                                  {}, {{"Authorization", "Bearer " + bearer}});
    BOOST_TEST(r.status == 200, r.body);
    again.Stop();
  }
}

BOOST_AUTO_TEST_CASE(shutdown_endpoint_wakes_the_owner) {
  EmulatorUnderTest emu;
  BOOST_TEST(!emu.emulator().WaitForShutdownRequest(std::chrono::milliseconds(10)));
  BOOST_TEST(emu.client().Request("POST", "/_emulator/shutdown").status == 202);
  BOOST_TEST(emu.emulator().WaitForShutdownRequest(std::chrono::milliseconds(2000)));
}

BOOST_AUTO_TEST_CASE(command_line) {
  CommandLine ok = Parse({"--data-dir", "d", "--port", "8443", "--docs-mode", "--page-size", "7",
                          "--throttling", "hourly", "--token-lifetime", "60", "--persist"});
  BOOST_TEST_REQUIRE(ok.action == CommandLine::Action::kRun, ok.message);
  BOOST_TEST(ok.options.port == 8443);
  BOOST_TEST(ok.options.docs_mode);
  BOOST_TEST(ok.options.page_size == 7);
  BOOST_TEST(ok.options.throttling == "hourly");
  BOOST_TEST(ok.options.token_lifetime_seconds == 60);
  BOOST_TEST(ok.options.persist);

  BOOST_TEST(Parse({"--help"}).action == CommandLine::Action::kHelp);
  CommandLine bad = Parse({"--data-dir", "d", "--throttling", "sometimes"});
  BOOST_TEST(bad.action == CommandLine::Action::kError);
  BOOST_TEST(bad.message.find("sometimes") != std::string::npos);
  bad = Parse({"--data-dir", "d", "--bind", "0.0.0.0"});
  BOOST_TEST(bad.action == CommandLine::Action::kError);
  BOOST_TEST(bad.message.find("0.0.0.0") != std::string::npos);
  BOOST_TEST(Parse({"--data-dir", "d", "--port", "70000"}).action == CommandLine::Action::kError);
  BOOST_TEST(Parse({"--data-dir", "d", "--port", "abc"}).action == CommandLine::Action::kError);
  BOOST_TEST(Parse({"--port", "1"}).action == CommandLine::Action::kError);  // no --data-dir
  BOOST_TEST(Parse({"--data-dir", "d", "--bogus"}).action == CommandLine::Action::kError);
  BOOST_TEST(Parse({"--data-dir", "d", "--bind", "::1"}).action == CommandLine::Action::kRun);

  CommandLine identity = Parse({"--data-dir", "d", "--identity-system", "adfs",
                                "--clock-skew-seconds", "-300", "--device-code-interval", "1",
                                "--device-code-lifetime", "60", "--reject-reused-refresh-tokens"});
  BOOST_TEST_REQUIRE(identity.action == CommandLine::Action::kRun, identity.message);
  BOOST_TEST(identity.options.identity_system == "adfs");
  BOOST_TEST(identity.options.clock_skew_seconds == -300);
  BOOST_TEST(identity.options.device_code_interval_seconds == 1);
  BOOST_TEST(identity.options.device_code_lifetime_seconds == 60);
  BOOST_TEST(identity.options.reject_reused_refresh_tokens);
  CommandLine defaults = Parse({"--data-dir", "d"});
  BOOST_TEST(defaults.options.identity_system == "aad");
  BOOST_TEST(defaults.options.device_code_interval_seconds == 5);
  BOOST_TEST(defaults.options.device_code_lifetime_seconds == 900);
  BOOST_TEST(!defaults.options.reject_reused_refresh_tokens);
  bad = Parse({"--data-dir", "d", "--identity-system", "ldap"});
  BOOST_TEST(bad.action == CommandLine::Action::kError);
  BOOST_TEST(bad.message.find("ldap") != std::string::npos);
  BOOST_TEST(Parse({"--data-dir", "d", "--device-code-lifetime", "0"}).action ==
             CommandLine::Action::kError);
  BOOST_TEST(Parse({"--data-dir", "d", "--device-code-interval", "-1"}).action ==
             CommandLine::Action::kError);

  CommandLine buckets =
      Parse({"--data-dir", "d", "--bucket-reads", "5/0.5", "--bucket-deletes", "7/2"});
  BOOST_TEST_REQUIRE(buckets.action == CommandLine::Action::kRun, buckets.message);
  BOOST_TEST(buckets.options.read_limits.capacity == 5);
  BOOST_TEST(buckets.options.read_limits.refill_per_second == 0.5);
  BOOST_TEST(buckets.options.delete_limits.capacity == 7);
  BOOST_TEST(buckets.options.write_limits.capacity == 0);  // mode default
  bad = Parse({"--data-dir", "d", "--bucket-writes", "lots"});
  BOOST_TEST(bad.action == CommandLine::Action::kError);
  BOOST_TEST(bad.message.find("lots") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(command_line_registration_lifecycle_options) {
  CommandLine ok = Parse({"--data-dir", "d", "--record", "traffic", "--provider-registering-gets",
                          "3", "--principal-replication-delay-ms", "2500"});
  BOOST_TEST_REQUIRE(ok.action == CommandLine::Action::kRun, ok.message);
  BOOST_TEST(ok.options.record_dir == "traffic");
  BOOST_TEST(ok.options.provider_registering_gets == 3);
  BOOST_TEST(ok.options.principal_replication_delay_ms == 2500);
  CommandLine defaults = Parse({"--data-dir", "d"});
  BOOST_TEST(defaults.options.record_dir.empty());
  BOOST_TEST(defaults.options.provider_registering_gets == 0);
  BOOST_TEST(defaults.options.principal_replication_delay_ms == 0);
  CommandLine bad = Parse({"--data-dir", "d", "--principal-replication-delay-ms", "-5"});
  BOOST_TEST(bad.action == CommandLine::Action::kError);
  BOOST_TEST(bad.message.find("-5") != std::string::npos);
  BOOST_TEST(Parse({"--data-dir", "d", "--provider-registering-gets", "-1"}).action ==
             CommandLine::Action::kError);
}

BOOST_AUTO_TEST_SUITE_END()
