// The C ABI as the PowerShell module uses it: options JSON, polled events, batches, last error.
#define BOOST_TEST_DYN_LINK
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <thread>

#include "azscsp.h"
#include "azscsp/util/ids.hpp"
#include "emulator_harness.hpp"

namespace json = boost::json;
using azscsp::integration::EmulatorHarness;
using azscsp::integration::Fixtures;

namespace {

std::string OptionsJson(const EmulatorHarness& emulator, const std::string& secret,
                        const std::string& log_level = "none") {
  json::object options{
      {"environment", {{"name", "Emulator"}, {"resourceManagerUrl", emulator.BaseUrl() + "/"}}},
      {"credential",
       {{"type", "clientSecret"},
        {"tenantId", Fixtures::kHomeTenant},
        {"clientId", Fixtures::kOwnerAppId},
        {"clientSecret", secret}}},
      {"tls", {{"caBundlePath", emulator.CaPath()}}},
      {"proxy", {{"url", ""}}},
      {"retry", {{"baseDelayMs", 10}}},
      {"logLevel", log_level}};
  return json::serialize(options);
}

struct Events {
  azscsp_status status = AZSCSP_OK;
  std::vector<json::object> items;
  std::vector<json::object> all;
};

// Polls until the operation ends, as the module does.
Events Drain(azscsp_operation* operation) {
  Events events;
  for (;;) {
    char* event = nullptr;
    const azscsp_status status = azscsp_operation_poll(operation, 100, &event);
    if (status == AZSCSP_PENDING) continue;
    if (status != AZSCSP_OK) {
      events.status = status;
      return events;
    }
    json::object parsed = json::parse(event).as_object();
    azscsp_free(event);
    if (parsed["kind"] == "item" || parsed["kind"] == "result")
      events.items.push_back(parsed["kind"] == "item" ? parsed["data"].as_object() : parsed);
    events.all.push_back(std::move(parsed));
  }
}

Events Run(azscsp_client* client, const char* name, const json::object& arguments) {
  azscsp_operation* operation = nullptr;
  BOOST_REQUIRE_EQUAL(
      azscsp_operation_start(client, name, json::serialize(arguments).c_str(), &operation),
      AZSCSP_OK);
  Events events = Drain(operation);
  azscsp_operation_close(operation);
  return events;
}

json::object LastError() {
  return json::parse(azscsp_last_error()).as_object();
}

json::object MappingArguments(const std::string& customer) {
  return {{"subscriptionId", Fixtures::kRegistrationSubscription},
          {"resourceGroupName", "azurestack"},
          {"registrationName", "myreg"},
          {"customerSubscriptionId", customer}};
}

struct ShimFixture {
  EmulatorHarness emulator{[] {
    azscsp::emulator::EmulatorOptions options;
    options.throttling = "off";
    return options;
  }()};
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(shim_abi, ShimFixture)

BOOST_AUTO_TEST_CASE(reports_its_versions) {
  BOOST_TEST(azscsp_abi_version() == AZSCSP_ABI_VERSION);
  BOOST_TEST(std::string(azscsp_version()).find('.') != std::string::npos);
}

BOOST_AUTO_TEST_CASE(rejects_bad_options_with_a_named_error) {
  azscsp_client* client = reinterpret_cast<azscsp_client*>(1);
  BOOST_TEST(azscsp_client_open("{not json", &client) == AZSCSP_E_INVALID_ARGUMENT);
  BOOST_TEST(client == nullptr);
  BOOST_TEST(std::string(LastError()["message"].as_string()).find("not valid JSON") !=
             std::string::npos);
  BOOST_TEST(
      azscsp_client_open(R"({"environment":{"name":"Mars"},"credential":{"type":"clientSecret"}})",
                         &client) == AZSCSP_E_INVALID_ARGUMENT);
  BOOST_TEST(std::string(LastError()["message"].as_string()).find("Mars") != std::string::npos);
  BOOST_TEST(azscsp_client_open(nullptr, nullptr) == AZSCSP_E_INVALID_ARGUMENT);
}

BOOST_AUTO_TEST_CASE(connects_maps_and_reads_back) {
  azscsp_client* client = nullptr;
  BOOST_REQUIRE_EQUAL(
      azscsp_client_open(OptionsJson(emulator, Fixtures::kOwnerSecret).c_str(), &client),
      AZSCSP_OK);
  const Events connected = Run(client, "account.connect", {});
  BOOST_TEST(connected.status == AZSCSP_DONE);
  BOOST_REQUIRE_EQUAL(connected.items.size(), 1u);
  BOOST_TEST(connected.items[0].at("tenantId") == Fixtures::kHomeTenant);

  const Events put =
      Run(client, "customerSubscriptions.put", MappingArguments(Fixtures::kFabrikamSubscription));
  BOOST_REQUIRE_EQUAL(put.items.size(), 1u);
  BOOST_TEST(put.items[0].at("tenantId") == Fixtures::kFabrikamTenant);
  BOOST_TEST(put.items[0].at("registrationName") == "myreg");

  json::object by_id{{"resourceId", "subscriptions/" +
                                        std::string(Fixtures::kRegistrationSubscription) +
                                        "/resourceGroups/azurestack/providers/Microsoft.AzureStack/"
                                        "registrations/myreg/customerSubscriptions"}};
  const Events listed = Run(client, "customerSubscriptions.list", by_id);
  BOOST_TEST(listed.status == AZSCSP_DONE);
  BOOST_TEST(listed.items.size() == 1u);
  azscsp_client_close(client);
}

BOOST_AUTO_TEST_CASE(connect_by_domain_reports_the_tenant_guid) {
  json::object options = json::parse(OptionsJson(emulator, Fixtures::kOwnerSecret)).as_object();
  options["credential"].as_object()["tenantId"] = "contosocsp.onmicrosoft.com";
  azscsp_client* client = nullptr;
  BOOST_REQUIRE_EQUAL(azscsp_client_open(json::serialize(options).c_str(), &client), AZSCSP_OK);
  const Events connected = Run(client, "account.connect", {});
  BOOST_REQUIRE_EQUAL(connected.items.size(), 1u);
  BOOST_TEST(connected.items[0].at("tenantId") == Fixtures::kHomeTenant);
  BOOST_TEST(connected.items[0].at("tenantName") == "contosocsp.onmicrosoft.com");
  azscsp_client_close(client);
}

BOOST_AUTO_TEST_CASE(an_operation_may_ask_for_more_logging_than_its_client) {
  azscsp_client* client = nullptr;
  BOOST_REQUIRE_EQUAL(
      azscsp_client_open(OptionsJson(emulator, Fixtures::kOwnerSecret).c_str(), &client),
      AZSCSP_OK);
  auto count_logs = [](const Events& events) {
    int logs = 0;
    for (const auto& event : events.all) logs += event.at("kind") == "log" ? 1 : 0;
    return logs;
  };
  json::object quiet = MappingArguments(Fixtures::kFabrikamSubscription);
  BOOST_TEST(count_logs(Run(client, "customerSubscriptions.put", quiet)) == 0);
  json::object verbose = quiet;
  verbose["logLevel"] = "verbose";
  const Events logged = Run(client, "customerSubscriptions.put", verbose);
  BOOST_TEST(count_logs(logged) >= 2);  // request and response lines
  azscsp_client_close(client);
}

BOOST_AUTO_TEST_CASE(failures_set_the_last_error_with_code_and_request_id) {
  azscsp_client* client = nullptr;
  BOOST_REQUIRE_EQUAL(
      azscsp_client_open(OptionsJson(emulator, Fixtures::kOwnerSecret).c_str(), &client),
      AZSCSP_OK);
  const Events missing =
      Run(client, "customerSubscriptions.get", MappingArguments(azscsp::util::NewGuid()));
  BOOST_TEST(missing.status == AZSCSP_E_NOT_FOUND);
  const json::object error = LastError();
  BOOST_TEST(error.at("code") == "CustomerSubscriptionNotFound");
  BOOST_TEST(error.at("httpStatus") == 404);
  BOOST_TEST(!error.at("requestId").as_string().empty());

  const Events bad = Run(client, "customerSubscriptions.get", MappingArguments("12345"));
  BOOST_TEST(bad.status == AZSCSP_E_INVALID_ARGUMENT);
  BOOST_TEST(std::string(LastError().at("message").as_string()).find("'12345'") !=
             std::string::npos);
  azscsp_client_close(client);
}

BOOST_AUTO_TEST_CASE(wrong_secret_fails_sign_in_without_echoing_it) {
  azscsp_client* client = nullptr;
  BOOST_REQUIRE_EQUAL(
      azscsp_client_open(OptionsJson(emulator, "WRONG-SECRET-VALUE", "debug").c_str(), &client),
      AZSCSP_OK);
  const Events connected = Run(client, "account.connect", {});
  BOOST_TEST(connected.status == AZSCSP_E_AUTHENTICATION);
  const std::string error = azscsp_last_error();
  BOOST_TEST(error.find("invalid_client") != std::string::npos);
  BOOST_TEST(error.find("WRONG-SECRET-VALUE") == std::string::npos);
  for (const auto& event : connected.all)
    BOOST_TEST(json::serialize(event).find("WRONG-SECRET-VALUE") == std::string::npos);
  azscsp_client_close(client);
}

BOOST_AUTO_TEST_CASE(batch_runs_every_item_and_reports_each_by_tag) {
  azscsp_client* client = nullptr;
  BOOST_REQUIRE_EQUAL(
      azscsp_client_open(OptionsJson(emulator, Fixtures::kOwnerSecret).c_str(), &client),
      AZSCSP_OK);
  azscsp_operation* batch = nullptr;
  BOOST_REQUIRE_EQUAL(azscsp_batch_start(client, "customerSubscriptions.put", 4, &batch),
                      AZSCSP_OK);
  for (int i = 0; i < 40; ++i) {
    const std::string customer = i == 7 ? "not-a-guid" : azscsp::util::NewGuid();
    BOOST_REQUIRE_EQUAL(azscsp_batch_push(batch, std::to_string(i).c_str(),
                                          json::serialize(MappingArguments(customer)).c_str()),
                        AZSCSP_OK);
  }
  BOOST_REQUIRE_EQUAL(azscsp_batch_end_input(batch), AZSCSP_OK);
  const Events results = Drain(batch);
  azscsp_operation_close(batch);
  BOOST_TEST(results.status == AZSCSP_DONE);
  BOOST_REQUIRE_EQUAL(results.items.size(), 40u);
  int ok = 0;
  for (const auto& result : results.items) {
    if (result.at("ok").as_bool()) {
      ++ok;
    } else {
      BOOST_TEST(result.at("tag") == "7");
      BOOST_TEST(result.at("error").at("kind") == "InvalidArgument");
    }
  }
  BOOST_TEST(ok == 39);
  const Events listed = Run(client, "customerSubscriptions.list", MappingArguments(""));
  BOOST_TEST(listed.items.size() == 39u);
  azscsp_client_close(client);
}

BOOST_AUTO_TEST_CASE(cancel_ends_a_slow_operation_promptly) {
  azscsp_client* client = nullptr;
  BOOST_REQUIRE_EQUAL(
      azscsp_client_open(OptionsJson(emulator, Fixtures::kOwnerSecret).c_str(), &client),
      AZSCSP_OK);
  BOOST_TEST(Run(client, "account.connect", {}).status == AZSCSP_DONE);
  emulator.Control(
      "POST", "/_emulator/faults",
      R"({"method":"GET","pathContains":"customerSubscriptions","status":200,"count":1,"delayMs":20000})");
  azscsp_operation* operation = nullptr;
  BOOST_REQUIRE_EQUAL(
      azscsp_operation_start(client, "customerSubscriptions.list",
                             json::serialize(MappingArguments("")).c_str(), &operation),
      AZSCSP_OK);
  char* event = nullptr;
  BOOST_TEST(azscsp_operation_poll(operation, 300, &event) == AZSCSP_PENDING);
  const auto started = std::chrono::steady_clock::now();
  azscsp_operation_cancel(operation);
  const Events rest = Drain(operation);
  BOOST_TEST(rest.status == AZSCSP_E_CANCELLED);
  BOOST_TEST((std::chrono::steady_clock::now() - started < std::chrono::seconds(5)));
  azscsp_operation_close(operation);
  azscsp_client_close(client);
}

BOOST_AUTO_TEST_CASE(unknown_operation_and_null_handles_are_errors_not_crashes) {
  azscsp_client* client = nullptr;
  BOOST_REQUIRE_EQUAL(
      azscsp_client_open(OptionsJson(emulator, Fixtures::kOwnerSecret).c_str(), &client),
      AZSCSP_OK);
  azscsp_operation* operation = nullptr;
  BOOST_TEST(azscsp_operation_start(client, "no.such", "{}", &operation) ==
             AZSCSP_E_INVALID_ARGUMENT);
  BOOST_TEST(std::string(azscsp_last_error()).find("customerSubscriptions.put") !=
             std::string::npos);
  BOOST_TEST(azscsp_operation_start(nullptr, "account.connect", "{}", &operation) ==
             AZSCSP_E_INVALID_ARGUMENT);
  BOOST_TEST(azscsp_operation_poll(nullptr, 0, nullptr) == AZSCSP_E_INVALID_ARGUMENT);
  azscsp_operation_close(nullptr);
  azscsp_client_close(nullptr);
  azscsp_client_close(client);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(shim_abi_lifetimes, ShimFixture)

// Closing a batch right after starting it races the workers going to sleep; it must never hang.
BOOST_AUTO_TEST_CASE(closing_batches_at_once_never_hangs) {
  azscsp_client* client = nullptr;
  BOOST_REQUIRE_EQUAL(
      azscsp_client_open(OptionsJson(emulator, Fixtures::kOwnerSecret).c_str(), &client),
      AZSCSP_OK);
  for (int i = 0; i < 10000; ++i) {
    azscsp_operation* batch = nullptr;
    BOOST_REQUIRE_EQUAL(azscsp_batch_start(client, "customerSubscriptions.put", 2, &batch),
                        AZSCSP_OK);
    azscsp_operation_close(batch);
  }
  azscsp_client_close(client);
}

BOOST_AUTO_TEST_CASE(closing_the_client_cancels_its_running_operations) {
  azscsp_client* client = nullptr;
  BOOST_REQUIRE_EQUAL(
      azscsp_client_open(OptionsJson(emulator, Fixtures::kOwnerSecret).c_str(), &client),
      AZSCSP_OK);
  BOOST_TEST(Run(client, "account.connect", {}).status == AZSCSP_DONE);
  emulator.Control(
      "POST", "/_emulator/faults",
      R"({"method":"GET","pathContains":"customerSubscriptions","status":200,"count":1,"delayMs":20000})");
  azscsp_operation* operation = nullptr;
  BOOST_REQUIRE_EQUAL(
      azscsp_operation_start(client, "customerSubscriptions.list",
                             json::serialize(MappingArguments("")).c_str(), &operation),
      AZSCSP_OK);
  const auto started = std::chrono::steady_clock::now();
  azscsp_client_close(client);  // the operation handle stays valid and reports the cancellation
  BOOST_TEST(Drain(operation).status == AZSCSP_E_CANCELLED);
  BOOST_TEST((std::chrono::steady_clock::now() - started < std::chrono::seconds(5)));
  azscsp_operation_close(operation);
}

BOOST_AUTO_TEST_CASE(the_last_error_belongs_to_the_thread_that_failed) {
  azscsp_client* client = nullptr;
  BOOST_TEST(azscsp_client_open("{broken", &client) == AZSCSP_E_INVALID_ARGUMENT);
  std::string other_thread_error;
  std::thread([&] { other_thread_error = azscsp_last_error(); }).join();
  BOOST_TEST(other_thread_error == "{}");
  BOOST_TEST(std::string(azscsp_last_error()).find("not valid JSON") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
