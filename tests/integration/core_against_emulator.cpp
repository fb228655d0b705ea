// The core's layers end to end: discovery, sign-in, ARM calls, paging, errors and retries, all
// against the emulator over verified TLS.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "azscsp/auth/client_secret_credential.hpp"
#include "azscsp/auth/token_cache.hpp"
#include "azscsp/cloud/environment.hpp"
#include "azscsp/http/policies.hpp"
#include "azscsp/services/customer_subscriptions_client.hpp"
#include "azscsp/services/providers_client.hpp"
#include "azscsp/services/registrations_client.hpp"
#include "azscsp/util/ids.hpp"
#include "emulator_harness.hpp"

using namespace azscsp;
using integration::EmulatorHarness;
using integration::Fixtures;

namespace azscsp {
// Lets Boost.Test print error kinds in failed comparisons.
std::ostream& operator<<(std::ostream& out, ErrorKind kind) {
  return out << ErrorKindName(kind);
}
}  // namespace azscsp

namespace {

// Builds the same stack the shim builds: transport, pipelines, credential, ARM client.
struct CoreStack {
  std::shared_ptr<http::Transport> transport;
  std::shared_ptr<http::Pipeline> plain;
  cloud::Environment environment;
  std::shared_ptr<auth::CachingCredential> credential;
  std::shared_ptr<arm::ArmClient> arm;

  CoreStack(const EmulatorHarness& emulator, const char* app_id, const char* secret,
            auth::TokenVersion version = auth::TokenVersion::V2, bool trust_ca = true) {
    http::TransportOptions options;
    if (trust_ca) options.ca_bundle_path = emulator.CaPath();
    options.proxy = http::ProxyOptions{};
    transport = std::make_shared<http::BeastTransport>(options);
    http::RetryOptions retry;
    retry.base_delay = std::chrono::milliseconds(10);
    auto base = [&] {
      return std::vector<std::shared_ptr<http::Policy>>{
          std::make_shared<http::RequestIdPolicy>(),
          std::make_shared<http::RetryPolicy>(retry, util::SystemClock::Instance())};
    };
    plain = std::make_shared<http::Pipeline>(base(), transport);
    environment = cloud::CompleteCustomEnvironment(
        {"Emulator", emulator.BaseUrl() + "/", "", "", "", ""}, *plain, {});
    auto inner = std::make_shared<auth::ClientSecretCredential>(
        auth::Authority(environment.authority_host, Fixtures::kHomeTenant), app_id, secret, version,
        plain, util::SystemClock::Instance());
    credential =
        std::make_shared<auth::CachingCredential>(inner, app_id, util::SystemClock::Instance());
    auto policies = base();
    policies.push_back(
        std::make_shared<http::BearerTokenPolicy>(credential, environment.arm_resource));
    arm = std::make_shared<arm::ArmClient>(std::make_shared<http::Pipeline>(policies, transport),
                                           environment.resource_manager_url);
  }
};

services::CustomerSubscriptionRef Mapping(const std::string& customer,
                                          const std::string& registration = "myreg") {
  return {{Fixtures::kRegistrationSubscription, "azurestack", registration}, customer};
}

ErrorKind KindOf(const std::function<void()>& call, std::string* code = nullptr) {
  try {
    call();
  } catch (const ServiceError& error) {
    if (code) *code = error.Details().code;
    return error.Kind();
  } catch (const Error& error) {
    return error.Kind();
  }
  BOOST_FAIL("expected an error");
  return ErrorKind::Internal;
}

emulator::EmulatorOptions Options(int page_size = 50) {
  emulator::EmulatorOptions options;
  options.page_size = page_size;
  options.throttling = "off";
  return options;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(core_against_emulator)

BOOST_AUTO_TEST_CASE(discovers_endpoints_and_signs_in_with_v1_and_v2) {
  EmulatorHarness emulator(Options());
  for (auto version : {auth::TokenVersion::V1, auth::TokenVersion::V2}) {
    CoreStack core(emulator, Fixtures::kOwnerAppId, Fixtures::kOwnerSecret, version);
    BOOST_TEST(core.environment.authority_host.find("https://localhost:") == 0u);
    BOOST_TEST(!core.environment.arm_resource.empty());
    const auto token = core.credential->GetToken({core.environment.arm_resource}, {});
    BOOST_TEST(token.token.size() > 100u);
    BOOST_TEST((token.expires_on > std::chrono::system_clock::now()));
  }
}

BOOST_AUTO_TEST_CASE(wrong_secret_is_an_authentication_error) {
  EmulatorHarness emulator(Options());
  CoreStack core(emulator, Fixtures::kOwnerAppId, "not-the-secret");
  std::string code;
  BOOST_TEST(KindOf([&] { core.credential->GetToken({core.environment.arm_resource}, {}); },
                    &code) == ErrorKind::Authentication);
  BOOST_TEST(code == "invalid_client");
}

BOOST_AUTO_TEST_CASE(refuses_the_emulator_certificate_without_its_ca) {
  EmulatorHarness emulator(Options());
  BOOST_TEST(KindOf([&] {
               CoreStack core(emulator, Fixtures::kOwnerAppId, Fixtures::kOwnerSecret,
                              auth::TokenVersion::V2, /*trust_ca=*/false);
             }) == ErrorKind::Tls);
}

BOOST_AUTO_TEST_CASE(maps_lists_pages_and_removes_customer_subscriptions) {
  EmulatorHarness emulator(Options(/*page_size=*/5));
  CoreStack core(emulator, Fixtures::kOwnerAppId, Fixtures::kOwnerSecret);
  services::CustomerSubscriptionsClient client(core.arm);

  const auto fabrikam = client.Put(Mapping(Fixtures::kFabrikamSubscription), std::nullopt,
                                   std::nullopt, "2017-06-01", {});
  BOOST_TEST(fabrikam.tenant_id == Fixtures::kFabrikamTenant);  // filled in by the service
  std::vector<std::string> created;
  for (int i = 0; i < 11; ++i) {
    created.push_back(util::NewGuid());
    client.Put(Mapping(created.back()), std::nullopt, std::nullopt, "2022-06-01", {});
  }
  int listed = 0;
  client.List(Mapping("").registration, "2017-06-01", [&](const auto&) { return ++listed, true; },
              {});
  BOOST_TEST(listed == 12);
  BOOST_TEST(emulator.CountRequests("GET", "/customerSubscriptions") >= 3);  // 12 items, pages of 5

  const auto got = client.Get(Mapping(created[3]), "2017-06-01", {});
  BOOST_TEST(got.customer_subscription_id == created[3]);

  BOOST_TEST(client.Delete(Mapping(created[3]), "2017-06-01", {}).existed.value_or(false));
  BOOST_TEST(KindOf([&] { client.Get(Mapping(created[3]), "2017-06-01", {}); }) ==
             ErrorKind::NotFound);
}

BOOST_AUTO_TEST_CASE(removing_while_paging_skips_nothing) {
  EmulatorHarness emulator(Options(/*page_size=*/4));
  CoreStack core(emulator, Fixtures::kOwnerAppId, Fixtures::kOwnerSecret);
  services::CustomerSubscriptionsClient client(core.arm);
  for (int i = 0; i < 13; ++i)
    client.Put(Mapping(util::NewGuid()), std::nullopt, std::nullopt, "2017-06-01", {});
  int removed = 0;
  // What Get-AzsCustomerSubscription | Remove-AzsCustomerSubscription does.
  client.List(Mapping("").registration, "2017-06-01",
              [&](const services::CustomerSubscription& mapping) {
                client.Delete(Mapping(mapping.customer_subscription_id), "2017-06-01", {});
                return ++removed, true;
              },
              {});
  BOOST_TEST(removed == 13);
  int left = 0;
  client.List(Mapping("").registration, "2017-06-01", [&](const auto&) { return ++left, true; },
              {});
  BOOST_TEST(left == 0);
}

BOOST_AUTO_TEST_CASE(csp_errors_keep_their_codes) {
  EmulatorHarness emulator(Options());
  CoreStack core(emulator, Fixtures::kOwnerAppId, Fixtures::kOwnerSecret);
  services::CustomerSubscriptionsClient client(core.arm);
  auto put = [&](const services::CustomerSubscriptionRef& ref) {
    return [&client, ref] { client.Put(ref, std::nullopt, std::nullopt, "2017-06-01", {}); };
  };
  std::string code;
  KindOf(put(Mapping(util::NewGuid(), "capacityreg")), &code);
  BOOST_TEST(code == "CustomerSubscriptionsNotAllowed");
  BOOST_TEST(KindOf(put(Mapping(util::NewGuid(), "unapprovedreg")), &code) ==
             ErrorKind::PermissionDenied);
  BOOST_TEST(code == "UnauthorizedCspRegistration");
  KindOf(put(Mapping(Fixtures::kOtherPartnerSubscription)), &code);
  BOOST_TEST(code == "BadCustomerSubscriptionId");
  KindOf(put(Mapping(Fixtures::kNonCspSubscription)), &code);
  BOOST_TEST(code == "InvalidCSPSubscription");
  BOOST_TEST(KindOf(put(Mapping(util::NewGuid(), "noSuchRegistration")), &code) ==
             ErrorKind::NotFound);
  BOOST_TEST(code == "RegistrationNotFound");
}

BOOST_AUTO_TEST_CASE(reader_gets_permission_denied_on_write) {
  EmulatorHarness emulator(Options());
  CoreStack core(emulator, Fixtures::kReaderAppId, Fixtures::kReaderSecret);
  services::CustomerSubscriptionsClient client(core.arm);
  std::string code;
  BOOST_TEST(KindOf(
                 [&] {
                   client.Put(Mapping(util::NewGuid()), std::nullopt, std::nullopt, "2017-06-01",
                              {});
                 },
                 &code) == ErrorKind::PermissionDenied);
  BOOST_TEST(code == "AuthorizationFailed");
  services::RegistrationsClient registrations(core.arm);
  BOOST_TEST(registrations.Get(Mapping("").registration, "2017-06-01", {}).billing_model ==
             "PayAsYouUse");
}

BOOST_AUTO_TEST_CASE(retries_injected_throttling_and_server_errors) {
  EmulatorHarness emulator(Options());
  CoreStack core(emulator, Fixtures::kOwnerAppId, Fixtures::kOwnerSecret);
  services::CustomerSubscriptionsClient client(core.arm);
  emulator.Control(
      "POST", "/_emulator/faults",
      R"({"method":"PUT","pathContains":"customerSubscriptions","status":429,"count":2,"retryAfter":"1"})");
  const auto id = util::NewGuid();
  const auto started = std::chrono::steady_clock::now();
  client.Put(Mapping(id), std::nullopt, std::nullopt, "2017-06-01", {});
  const auto waited = std::chrono::steady_clock::now() - started;
  BOOST_TEST(emulator.CountRequests("PUT", id) == 3);
  BOOST_TEST((waited >= std::chrono::milliseconds(1900)));  // honoured Retry-After: 1, twice

  emulator.Control(
      "POST", "/_emulator/faults",
      R"({"method":"GET","pathContains":"customerSubscriptions","status":503,"count":1})");
  BOOST_TEST(client.Get(Mapping(id), "2017-06-01", {}).customer_subscription_id == id);
}

BOOST_AUTO_TEST_CASE(gives_up_with_the_service_error_when_throttling_persists) {
  EmulatorHarness emulator(Options());
  CoreStack core(emulator, Fixtures::kOwnerAppId, Fixtures::kOwnerSecret);
  services::CustomerSubscriptionsClient client(core.arm);
  emulator.Control(
      "POST", "/_emulator/faults",
      R"({"method":"GET","pathContains":"customerSubscriptions","status":503,"count":10})");
  BOOST_TEST(KindOf([&] {
               client.Get(Mapping(Fixtures::kFabrikamSubscription), "2017-06-01", {});
             }) == ErrorKind::Service);
  BOOST_TEST(emulator.CountRequests("GET", "customerSubscriptions") == 4);
}

BOOST_AUTO_TEST_CASE(provider_registration_polls_until_registered) {
  auto options = Options();
  options.provider_registering_gets = 2;  // "Registering" twice after the POST
  EmulatorHarness emulator(options);
  CoreStack core(emulator, Fixtures::kOwnerAppId, Fixtures::kOwnerSecret);
  services::ProvidersClient providers(core.arm);
  services::ProviderPollOptions poll;
  poll.interval = std::chrono::milliseconds(50);
  const auto result =
      providers.Register(Fixtures::kRegistrationSubscription, "Microsoft.Storage", poll, {});
  BOOST_TEST(!result.already_registered);
  BOOST_TEST(result.state == "Registered");
  BOOST_TEST(result.polls == 3);
  BOOST_TEST(providers.Register(Fixtures::kRegistrationSubscription, "Microsoft.Storage", poll, {})
                 .already_registered);
}

BOOST_AUTO_TEST_SUITE_END()
