// Issue 6 through the C ABI against the emulator's admin ARM: provider usage (all pages, hours
// kept, the Deleted subscription included), resuming with the continuation token after an injected
// 503, and the chargeback, whose totals are compared with an independent computation of the
// emulator's documented generator formula (emulator/README.md "Usage").
#define BOOST_TEST_DYN_LINK
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <cctype>
#include <cstdint>
#include <ctime>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "azscsp.h"
#include "emulator_harness.hpp"
#include "shim_events.hpp"

namespace json = boost::json;
using azscsp::integration::EmulatorHarness;
using azscsp::integration::Events;
using azscsp::integration::Run;
using azscsp::integration::Str;

namespace {

// emulator/fixtures/default.json: stamp.userSubscriptions and stamp.usage.meters.
struct StampSubscription {
  const char* id;
  const char* tenant;
};
const StampSubscription kSubscriptions[] = {
    {"6c1f0b9e-0a4f-4d8e-9a51-0f4f2b7d3c11", "e40189a3-e640-46a3-b8ff-16b642010b0d"},  // fabrikam
    {"7d2e1c0f-1b5a-4e9f-8b62-1a5a3c8e4d22", "f5a12742-f96c-4f7a-9a01-f2ad9beb4efc"},  // adatum
    {"8e3f2d1a-2c6b-4fa0-9c73-2b6b4d9f5e33", "dccc98f3-4196-4752-8115-902216d99374"},  // Deleted
};
const char* const kMeters[] = {
    "B5C15376-6C94-4FDD-B655-1A69D138ACA3", "FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5",
    "9E2739BA86744796B465F64674B822BA", "CBCFEF9A-B91F-4597-A4D3-01FE334BED82",
    "380874f9-300c-48e0-95a0-d2d9a21ade8f"};
constexpr const char* kDeletedSubscription = "8e3f2d1a-2c6b-4fa0-9c73-2b6b4d9f5e33";
constexpr const char* kFabrikamTenant = "e40189a3-e640-46a3-b8ff-16b642010b0d";
constexpr const char* kFabrikamCustomer = "e09a4e93-29a7-4373-9a7f-1c2a3b4c5d6e";

// 2024-03-10T00:00Z .. 2024-03-14T00:00Z: 4 days, 96 hours, 3 × 5 × 96 = 1,440 hourly rows.
constexpr const char* kStart = "2024-03-10T00:00:00Z";
constexpr const char* kEnd = "2024-03-14T00:00:00Z";
constexpr int64_t kFirstHour = 1710028800 / 3600;
constexpr int kHours = 96;

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The README's formula, written out independently of the emulator's code.
uint64_t Hash(uint64_t seed, const std::string& sub, const std::string& meter, int64_t hour) {
  const std::string text =
      std::to_string(seed) + "|" + Lower(sub) + "|" + Lower(meter) + "|" + std::to_string(hour);
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char b : text) h = (h ^ b) * 0x100000001b3ULL;
  uint64_t z = h + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
double Quantity(const std::string& sub, const std::string& meter, int64_t hour) {
  return static_cast<double>(Hash(1, sub, meter, hour) % 102400) / 1024.0;
}
// Expected total per (subscription, meter) over the window.
std::map<std::pair<std::string, std::string>, double> ExpectedBySubscription() {
  std::map<std::pair<std::string, std::string>, double> totals;
  for (const auto& sub : kSubscriptions)
    for (const char* meter : kMeters)
      for (int h = 0; h < kHours; ++h)
        totals[{sub.id, Lower(meter)}] += Quantity(sub.id, meter, kFirstHour + h);
  return totals;
}

// "2024-03-10T05:00:00+00:00" of a Unix hour.
std::string HourText(int64_t hour) {
  const std::time_t seconds = static_cast<std::time_t>(hour * 3600);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S+00:00", &parts);
  return text;
}

struct UsageFixture {
  UsageFixture()
      : emulator([] {
          azscsp::emulator::EmulatorOptions options;
          options.throttling = "off";
          return options;
        }()) {
    json::object options{
        {"environment",
         {{"name", "AzureStackEmulator"}, {"resourceManagerUrl", emulator.AdminBaseUrl() + "/"}}},
        {"credential",
         {{"type", "usernamePassword"},
          {"tenantId", "contosocsp.onmicrosoft.com"},
          {"username", "operator@contosocsp.onmicrosoft.com"},
          {"password", "emulator-operator-password"}}},
        {"tls", {{"caBundlePath", emulator.CaPath()}}},
        {"proxy", {{"url", ""}}},
        {"retry", {{"maxRetries", 0}, {"baseDelayMs", 10}}}};
    BOOST_REQUIRE_EQUAL(azscsp_client_open(json::serialize(options).c_str(), &client), AZSCSP_OK);
  }
  ~UsageFixture() {
    azscsp_client_close(client);
    if (tenant_client) azscsp_client_close(tenant_client);
  }

  // Fabrikam's administrator on the tenant ARM (owner of the fabrikam stamp subscription).
  azscsp_client* FabrikamAdmin() {
    json::object options{
        {"environment",
         {{"name", "AzureStackEmulator"}, {"resourceManagerUrl", emulator.TenantBaseUrl() + "/"}}},
        {"credential",
         {{"type", "usernamePassword"},
          {"tenantId", "fabrikam.onmicrosoft.com"},
          {"username", "admin@fabrikam.onmicrosoft.com"},
          {"password", "emulator-fabrikam-admin-password"}}},
        {"tls", {{"caBundlePath", emulator.CaPath()}}},
        {"proxy", {{"url", ""}}},
        {"retry", {{"maxRetries", 0}, {"baseDelayMs", 10}}}};
    BOOST_REQUIRE_EQUAL(azscsp_client_open(json::serialize(options).c_str(), &tenant_client),
                        AZSCSP_OK);
    return tenant_client;
  }

  json::object Window(const char* granularity) const {
    return {{"reportedStartTime", kStart},
            {"reportedEndTime", kEnd},
            {"aggregationGranularity", granularity}};
  }

  EmulatorHarness emulator;
  azscsp_client* client = nullptr;
  azscsp_client* tenant_client = nullptr;
};

void AddRows(const std::vector<json::object>& items,
             std::map<std::pair<std::string, std::string>, double>& totals) {
  for (const auto& item : items)
    totals[{Lower(Str(item.at("subscriptionId"))), Lower(Str(item.at("meterId")))}] +=
        item.at("quantity").to_number<double>();
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(usage_against_emulator, UsageFixture)

BOOST_AUTO_TEST_CASE(provider_usage_follows_every_page_keeps_hours_and_includes_deleted) {
  const Events hourly = Run(client, "usage.subscriber", Window("Hourly"));
  BOOST_REQUIRE_MESSAGE(hourly.status == AZSCSP_DONE, json::serialize(hourly.error));
  BOOST_REQUIRE_EQUAL(hourly.items.size(), 3u * 5u * kHours);
  std::map<std::pair<std::string, std::string>, double> totals;
  AddRows(hourly.items, totals);
  BOOST_TEST((totals == ExpectedBySubscription()));  // exact: multiples of 1/1024
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> hours;
  int first_page = 0, later_pages = 0, recorded_form = 0;
  for (const auto& item : hourly.items) {
    // Hourly keeps hours: every row spans one hour.
    const std::string start = Str(item.at("usageStartTime"));
    const std::string end = Str(item.at("usageEndTime"));
    BOOST_TEST(start.substr(14) == "00:00+00:00");
    BOOST_TEST(end.substr(14) == "00:00+00:00");
    hours[{Str(item.at("subscriptionId")), Str(item.at("meterId"))}].push_back(start);
    (item.at("continuationToken").is_null() ? first_page : later_pages)++;
    BOOST_TEST(!Str(item.at("resourceUri")).empty());
    BOOST_TEST(!Str(item.at("resourceGroup")).empty());
    BOOST_TEST(Str(item.at("resourceType")).find('/') != std::string::npos);
    BOOST_TEST(item.at("tags").is_object());
    if (Str(item.at("meterId")) == kMeters[0]) {  // meter index 0: "" and "" as recorded
      recorded_form++;
      BOOST_TEST(item.at("tags").as_object().empty());
      BOOST_TEST(Str(item.at("additionalInfo")) == "");
      BOOST_TEST(Str(item.at("meterName")) == "PageBlobCapacity");
    }
  }
  BOOST_TEST(first_page == 1000);
  BOOST_TEST(later_pages == 440);
  BOOST_TEST(recorded_form == 3 * kHours);
  // Rows come by reported hour; a third start an hour before it (the recorded quirk).
  for (const auto& [key, starts] : hours) {
    BOOST_REQUIRE_EQUAL(starts.size(), size_t(kHours));
    for (int h = 0; h < kHours; ++h) {
      const int64_t hour = kFirstHour + h;
      const int lag = (Hash(1, key.first, key.second, hour) >> 20) % 3 == 0 ? 1 : 0;
      BOOST_TEST(starts[h] == HourText(hour - lag));
    }
  }
  BOOST_TEST(totals.count({kDeletedSubscription, Lower(kMeters[1])}) == 1u);

  const Events daily = Run(client, "usage.subscriber", Window("daily"));
  BOOST_REQUIRE_MESSAGE(daily.status == AZSCSP_DONE, json::serialize(daily.error));
  BOOST_REQUIRE_EQUAL(daily.items.size(), 3u * 5u * 4u);
  std::map<std::pair<std::string, std::string>, double> daily_totals;
  AddRows(daily.items, daily_totals);
  BOOST_TEST((daily_totals == ExpectedBySubscription()));

  // One subscriber, the Deleted one.
  json::object one = Window("Daily");
  one["subscriberId"] = kDeletedSubscription;
  const Events deleted = Run(client, "usage.subscriber", one);
  BOOST_REQUIRE_MESSAGE(deleted.status == AZSCSP_DONE, json::serialize(deleted.error));
  BOOST_TEST(deleted.items.size() == 5u * 4u);
}

BOOST_AUTO_TEST_CASE(the_window_is_checked_before_anything_is_sent) {
  json::object future = Window("Daily");
  future["reportedEndTime"] = "2100-01-01T00:00:00Z";
  const Events failed = Run(client, "usage.subscriber", future);
  BOOST_TEST(failed.status == AZSCSP_E_INVALID_ARGUMENT);
  BOOST_TEST(Str(failed.error.at("message")).find("'2100-01-01T00:00:00Z' is in the future") !=
             std::string::npos);
  json::object unaligned = Window("Daily");
  unaligned["reportedStartTime"] = "2024-03-10T05:00:00Z";
  const Events midnight = Run(client, "usage.chargeback", unaligned);
  BOOST_TEST(midnight.status == AZSCSP_E_INVALID_ARGUMENT);
  BOOST_TEST(Str(midnight.error.at("message")).find("midnight") != std::string::npos);
  BOOST_TEST(emulator.CountRequests("GET", "UsageAggregates") == 0);
}

BOOST_AUTO_TEST_CASE(resuming_with_the_continuation_token_after_a_503_gives_the_same_totals) {
  emulator.Control(
      "POST", "/_emulator/faults",
      R"({"method":"GET","pathContains":"subscriberUsageAggregates","status":503,"count":1,"skip":1})");
  const Events failed = Run(client, "usage.subscriber", Window("Hourly"));
  BOOST_REQUIRE(failed.status != AZSCSP_DONE);
  BOOST_TEST(failed.error.at("httpStatus").to_number<int>() == 503);
  BOOST_REQUIRE(failed.error.contains("continuationToken"));
  const std::string token = Str(failed.error.at("continuationToken"));
  BOOST_TEST(token.size() > 2u);
  BOOST_TEST(token.substr(token.size() - 2) == "==");  // decoded once
  BOOST_TEST(failed.items.size() == 1000u);

  json::object resume = Window("Hourly");
  resume["continuationToken"] = token;
  const Events rest = Run(client, "usage.subscriber", resume);
  BOOST_REQUIRE_MESSAGE(rest.status == AZSCSP_DONE, json::serialize(rest.error));
  BOOST_TEST(rest.items.size() == 440u);
  std::map<std::pair<std::string, std::string>, double> totals;
  AddRows(failed.items, totals);
  AddRows(rest.items, totals);
  BOOST_TEST((totals == ExpectedBySubscription()));
}

BOOST_AUTO_TEST_CASE(chargeback_totals_equal_the_generator_formula) {
  json::object arguments = Window("Hourly");
  arguments["mappings"] = json::array{
      json::object{{"customerSubscriptionId", kFabrikamCustomer}, {"tenantId", kFabrikamTenant}}};
  arguments["prices"] = json::array{json::object{
      {"meterId", "fab6eb84500b4a09a8ca7358f8bbaea5"}, {"unitPrice", 0.25}, {"currency", "USD"}}};
  arguments["meterCatalog"] = json::array{
      json::object{{"meterId", kMeters[4]}, {"meterName", "S4 disk"}, {"unit", "disk months"}}};
  arguments["registration"] =
      json::object{{"subscriptionId", "414f12af-d3bb-44fd-a278-d0aff47d869b"},
                   {"resourceGroupName", "azurestack"},
                   {"registrationName", "myreg"}};
  arguments["directoryResourceGroupName"] = "system.local";
  const Events report = Run(client, "usage.chargeback", arguments);
  BOOST_REQUIRE_MESSAGE(report.status == AZSCSP_DONE, json::serialize(report.error));
  BOOST_REQUIRE_EQUAL(report.items.size(), 3u * 5u + 1u);

  std::map<std::pair<std::string, std::string>, double> expected;  // (tenant, meter)
  std::map<std::string, double> expected_unmapped;
  for (const auto& [key, quantity] : ExpectedBySubscription()) {
    std::string tenant;
    for (const auto& sub : kSubscriptions)
      if (key.first == sub.id) tenant = sub.tenant;
    expected[{tenant, key.second}] += quantity;
    if (tenant != kFabrikamTenant) expected_unmapped[key.second] += quantity;
  }
  int progress = 0;
  for (const auto& log : report.logs)
    progress += Str(log.at("level")) == "info" &&
                Str(log.at("message")).find("usage page") != std::string::npos;
  BOOST_TEST(progress == 2);
  for (size_t i = 0; i + 1 < report.items.size(); ++i) {
    const json::object& line = report.items[i];
    const std::string tenant = Str(line.at("tenantId"));
    const std::string meter = Lower(Str(line.at("meterId")));
    BOOST_TEST(line.at("quantity").to_number<double>() == expected.at({tenant, meter}));
    const bool fabrikam = tenant == kFabrikamTenant;
    BOOST_TEST(line.at("mapped").as_bool() == fabrikam);
    BOOST_TEST(Str(line.at("customerSubscriptionId")) == (fabrikam ? kFabrikamCustomer : ""));
    BOOST_TEST(line.at("includesDeletedSubscription").as_bool() ==
               (tenant == "dccc98f3-4196-4752-8115-902216d99374"));
    BOOST_TEST(line.at("subscriptionIds").as_array().size() == 1u);
    if (meter == Lower(kMeters[1])) {
      BOOST_TEST(line.at("amount").to_number<double>() == expected.at({tenant, meter}) * 0.25);
      BOOST_TEST(Str(line.at("currency")) == "USD");
    } else {
      BOOST_TEST(line.at("amount").is_null());
    }
    if (meter == Lower(kMeters[4])) BOOST_TEST(Str(line.at("meterName")) == "S4 disk");
  }
  const json::object& summary = report.items.back().at("summary").as_object();
  BOOST_TEST(summary.at("rows").to_number<int>() == 3 * 5 * kHours);
  BOOST_TEST(summary.at("pages").to_number<int>() == 2);
  BOOST_TEST(summary.at("continuationToken").is_null());
  BOOST_TEST(Str(summary.at("registration").at("registrationName")) == "myreg");
  const json::object& unmapped = summary.at("unmappedQuantityByMeter").as_object();
  BOOST_TEST(unmapped.size() == 5u);
  for (const auto& [meter, quantity] : unmapped)
    BOOST_TEST(quantity.to_number<double>() == expected_unmapped.at(Lower(std::string(meter))));
}

BOOST_AUTO_TEST_CASE(tenant_usage_is_the_callers_own_subscription_on_the_tenant_arm) {
  // Onboard fabrikam first (issue 5): the operator registers it, its administrator installs.
  const Events registered = Run(client, "directoryTenants.register",
                                {{"resourceGroupName", "system.local"},
                                 {"location", "local"},
                                 {"guestDirectoryTenantName", "fabrikam.onmicrosoft.com"}});
  BOOST_REQUIRE_MESSAGE(registered.status == AZSCSP_DONE, json::serialize(registered.error));
  azscsp_client* fabrikam = FabrikamAdmin();
  const Events installed =
      Run(fabrikam, "directory.install", {{"directoryTenantName", "fabrikam.onmicrosoft.com"}});
  BOOST_REQUIRE_MESSAGE(installed.status == AZSCSP_DONE, json::serialize(installed.error));

  json::object arguments = Window("Daily");
  arguments["subscriptionId"] = kSubscriptions[0].id;
  arguments["showDetails"] = true;
  const Events own = Run(fabrikam, "usage.tenant", arguments);
  BOOST_REQUIRE_MESSAGE(own.status == AZSCSP_DONE, json::serialize(own.error));
  BOOST_REQUIRE_EQUAL(own.items.size(), 5u * 4u);
  std::map<std::pair<std::string, std::string>, double> totals;
  AddRows(own.items, totals);
  for (const auto& [key, quantity] : ExpectedBySubscription())
    if (key.first == kSubscriptions[0].id) BOOST_TEST(totals.at(key) == quantity);
  for (const auto& item : own.items) {
    BOOST_TEST(Str(item.at("usageStartTime")).substr(11) == "00:00:00+00:00");
    BOOST_TEST(Str(item.at("usageEndTime")).substr(11) == "00:00:00+00:00");
  }
}

BOOST_AUTO_TEST_SUITE_END()
