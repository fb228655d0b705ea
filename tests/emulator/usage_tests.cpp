// Usage APIs: provider usage (admin ARM, Microsoft.Commerce.Admin/subscriberUsageAggregates),
// tenant usage (tenant ARM, Microsoft.Commerce/usageAggregates), the deterministic generator
// and POST /_emulator/usage/generate. Expected values are computed with the documented formula
// (usage/usage_generator.hpp), not read back from the emulator's page builder.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <map>
#include <set>

#include "cli.hpp"
#include "stamp_test_helpers.hpp"
#include "usage/usage_generator.hpp"

namespace json = boost::json;
namespace usage = azscsp::emulator::usage;
using namespace azscsp::emulator::test;

namespace {

// stamp.usage of emulator/fixtures/default.json.
const std::vector<std::string> kMeters = {
    "B5C15376-6C94-4FDD-B655-1A69D138ACA3", "FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5",
    "9E2739BA86744796B465F64674B822BA", "CBCFEF9A-B91F-4597-A4D3-01FE334BED82",
    "380874f9-300c-48e0-95a0-d2d9a21ade8f"};
const std::vector<std::string> kStampSubs = {sfx::kFabrikamStampSub, sfx::kAdatumStampSub,
                                             sfx::kDeletedStampSub};
const std::string kDay = "2024-03-10T00:00:00Z";  // a day with usage (fixture start 2020-01-01)

int64_t Hour(const std::string& time) {
  return *usage::ParseTime(time) / 3600;
}

std::string S(const json::value& v, const char* key) {
  return std::string(v.at(key).as_string());
}

std::string ProviderPath(const std::string& query) {
  return "/subscriptions/" + sfx::kDps +
         "/providers/Microsoft.Commerce.Admin/subscriberUsageAggregates?" + query;
}

std::string TenantPath(const std::string& sub, const std::string& query) {
  return "/subscriptions/" + sub + "/providers/Microsoft.Commerce/usageAggregates?" + query;
}

std::string Query(const std::string& start, const std::string& end,
                  const std::string& granularity = "Hourly", const std::string& extra = "") {
  std::string q = "api-version=2015-06-01-preview&reportedStartTime=" + UrlEncode(start) +
                  "&reportedEndTime=" + UrlEncode(end);
  if (!granularity.empty()) q += "&aggregationGranularity=" + granularity;
  return q + extra;
}

struct UsageFixture {
  UsageFixture() : sc(emu), admin(sc.OperatorAdminToken()) {}
  EmulatorUnderTest emu;
  StampClients sc;
  std::string admin;

  HttpResult Provider(const std::string& query) {
    return StampClients::Call(*sc.admin, "GET", ProviderPath(query), admin);
  }
  // Every row of a query, following nextLink; `pages` counts the pages.
  json::array All(const std::string& first_target, int* pages = nullptr) {
    json::array rows;
    std::string target = first_target;
    const std::string base = emu.emulator().AdminBaseUrl();
    for (int n = 1;; ++n) {
      HttpResult r = StampClients::Call(*sc.admin, "GET", target, admin);
      BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
      json::value body = r.Json();
      for (const json::value& row : body.at("value").as_array()) rows.push_back(row);
      const json::value* next = body.as_object().if_contains("nextLink");
      if (pages) *pages = n;
      if (!next) break;
      std::string link(next->as_string());
      BOOST_REQUIRE(link.rfind(base, 0) == 0);
      target = link.substr(base.size());
    }
    return rows;
  }
};

std::string Token(const std::string& next_link) {
  size_t at = next_link.find("continuationToken=");
  BOOST_REQUIRE(at != std::string::npos);
  std::string encoded = next_link.substr(at + 18);
  encoded = encoded.substr(0, encoded.find('&'));
  return encoded;  // still percent-encoded, as in the link
}

}  // namespace

BOOST_AUTO_TEST_SUITE(usage_api)

BOOST_AUTO_TEST_CASE(generator_formula_is_pure) {
  // splitmix64(fnv1a64("1|6c1f0b9e-...|b5c15376-...|475016")): pinned so a reimplementation of
  // the README formula (core tests, Pester) can check itself against the same numbers.
  const std::string sub = sfx::kFabrikamStampSub;
  const int64_t hour = Hour("2024-03-10T08:00:00Z");
  BOOST_TEST(hour == 475016);
  const uint64_t h = usage::Hash(1, sub, kMeters[0], hour);
  BOOST_TEST(h == 9150161564431338379ULL);  // computed with an independent (Python) version
  BOOST_TEST(usage::HourlyQuantity(1, sub, kMeters[0], hour) == 78.8857421875);
  BOOST_TEST(usage::LagHours(1, sub, kMeters[0], hour) == 0);
  BOOST_TEST(h == usage::Hash(1, "6C1F0B9E-0A4F-4D8E-9A51-0F4F2B7D3C11", kMeters[0], hour));
  BOOST_TEST(h != usage::Hash(2, sub, kMeters[0], hour));
  BOOST_TEST(usage::HourlyQuantity(1, sub, kMeters[0], hour) == (h % 102400) / 1024.0);
  BOOST_TEST(usage::LagHours(1, sub, kMeters[0], hour) == (((h >> 20) % 3) == 0 ? 1 : 0));
  double day = 0;
  for (int i = 0; i < 24; ++i) day += usage::HourlyQuantity(1, sub, kMeters[1], 475008 + i);
  BOOST_TEST(usage::DailyQuantity(1, sub, kMeters[1], 475008 / 24, 0, usage::kNoEnd) == day);
  // A window cuts a day: only its hours count.
  BOOST_TEST(usage::DailyQuantity(1, sub, kMeters[1], 475008 / 24, 475008 + 20, usage::kNoEnd) ==
             usage::HourlyQuantity(1, sub, kMeters[1], 475028) +
                 usage::HourlyQuantity(1, sub, kMeters[1], 475029) +
                 usage::HourlyQuantity(1, sub, kMeters[1], 475030) +
                 usage::HourlyQuantity(1, sub, kMeters[1], 475031));
  // Time formats (api.md §10 item 2).
  const int64_t t = 1575982800;  // 2019-12-10T13:00:00Z
  for (const char* text :
       {"2019-12-10T13:00:00Z", "2019-12-10T13:00:00.0000000+00:00", "2019-12-10T13:00:00 00:00",
        "2019-12-10T15:00:00+02:00", "2019-12-10T13:00:00+00:00Z", "2019-12-10T13:00",
        "2019-12-10 13:00:00Z"}) {
    BOOST_TEST(usage::ParseTime(text).value_or(0) == t, text);
  }
  BOOST_TEST(usage::ParseTime("2019-12-10").value_or(0) == t - 13 * 3600);
  for (const char* bad : {"2019-02-30T00:00:00Z", "2019-12-10T25:00:00Z", "yesterday", "",
                          "2019-12-10T13:00:00.12345678Z", "2019-12-10T13:00:00Zx"}) {
    BOOST_TEST(!usage::ParseTime(bad).has_value(), bad);
  }
  BOOST_TEST(usage::FormatTime(t) == "2019-12-10T13:00:00+00:00");
  // Tokens: opaque base64 ending in "==", bound to the granularity.
  std::string token = usage::EncodeToken(usage::Granularity::kHourly, {475016, 2, 3});
  BOOST_TEST(token.substr(token.size() - 2) == "==");
  auto back = usage::DecodeToken(token, usage::Granularity::kHourly);
  BOOST_TEST_REQUIRE(back.has_value());
  BOOST_TEST(back->bucket == 475016);
  BOOST_TEST(back->subscription == 2u);
  BOOST_TEST(back->meter == 3u);
  BOOST_TEST(!usage::DecodeToken(token, usage::Granularity::kDaily).has_value());
  BOOST_TEST(!usage::DecodeToken("bm90IGEgdG9rZW4=", usage::Granularity::kHourly).has_value());
  // instanceData is a JSON document in a string; tags/additionalInfo vary with the meter index.
  json::value data = json::parse(usage::InstanceData(1, sub, kMeters[0], 0, "local"));
  const json::object& res = data.at("Microsoft.Resources").as_object();
  BOOST_TEST(res.at("location").as_string() == "local");
  BOOST_TEST(res.at("tags").as_string() == "");
  BOOST_TEST(std::string(res.at("resourceUri").as_string())
                 .find("/subscriptions/" + sub + "/resourcegroups/") == 0u);
  BOOST_TEST(std::string(res.at("resourceUri").as_string()).find("Microsoft.Storage") !=
             std::string::npos);
  json::value tagged = json::parse(usage::InstanceData(1, sub, kMeters[1], 1, "local"));
  BOOST_TEST(tagged.at("Microsoft.Resources").at("tags").is_object());
  json::value nulls = json::parse(usage::InstanceData(1, sub, kMeters[2], 2, "local"));
  BOOST_TEST(nulls.at("Microsoft.Resources").at("tags").is_null());
}

BOOST_FIXTURE_TEST_CASE(provider_hourly_rows_follow_the_formula, UsageFixture) {
  HttpResult r = Provider(Query("2024-03-10T08:00:00Z", "2024-03-10T10:00:00Z"));
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::value body = r.Json();
  BOOST_TEST(!body.as_object().contains("nextLink"));
  const json::array& rows = body.at("value").as_array();
  BOOST_TEST_REQUIRE(rows.size() == 2u * kStampSubs.size() * kMeters.size());
  size_t i = 0;
  for (int64_t hour = 475016; hour < 475018; ++hour) {
    for (const std::string& sub : kStampSubs) {  // the Deleted subscription too
      for (size_t m = 0; m < kMeters.size(); ++m, ++i) {
        const json::value& row = rows[i];
        const std::string name = sub + "-" + kMeters[m];
        BOOST_TEST(S(row, "id") == "/subscriptions/" + sfx::kDps +
                                       "/providers/Microsoft.Commerce/UsageAggregate/" + name);
        BOOST_TEST(S(row, "name") == name);
        BOOST_TEST(S(row, "type") == "Microsoft.Commerce/UsageAggregate");
        const json::value& p = row.at("properties");
        BOOST_TEST(p.as_object().size() == 7u);  // the recording's shape, properties.name included
        BOOST_TEST(S(p, "name") == name);
        BOOST_TEST(S(p, "subscriptionId") == sub);
        BOOST_TEST(S(p, "meterId") == kMeters[m]);
        BOOST_TEST(p.at("quantity").to_number<double>() ==
                   usage::HourlyQuantity(1, sub, kMeters[m], hour));
        int64_t start = hour - usage::LagHours(1, sub, kMeters[m], hour);
        BOOST_TEST(S(p, "usageStartTime") == usage::FormatTime(start * 3600));
        BOOST_TEST(S(p, "usageEndTime") == usage::FormatTime((start + 1) * 3600));
        BOOST_TEST(S(p, "instanceData") == usage::InstanceData(1, sub, kMeters[m], m, "local"));
      }
    }
  }
  // The recorded quirk: some rows' usage bucket starts before reportedStartTime.
  bool earlier = false;
  for (const json::value& row : rows) {
    earlier |= S(row.at("properties"), "usageStartTime") < "2024-03-10T08:00:00+00:00";
  }
  BOOST_TEST(earlier);
}

BOOST_FIXTURE_TEST_CASE(daily_rows_sum_the_hours, UsageFixture) {
  const std::string sub_filter = "&subscriberId=" + sfx::kAdatumStampSub;
  HttpResult daily = Provider(Query(kDay, "2024-03-12T00:00:00Z", "daily", sub_filter));
  BOOST_TEST_REQUIRE(daily.status == 200, daily.body);
  const json::array rows = daily.Json().at("value").as_array();
  BOOST_TEST_REQUIRE(rows.size() == 2u * kMeters.size());
  double daily_total = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    const json::value& p = rows[i].at("properties");
    int64_t day = 475008 / 24 + static_cast<int64_t>(i / kMeters.size());
    const std::string& meter = kMeters[i % kMeters.size()];
    BOOST_TEST(S(p, "subscriptionId") == sfx::kAdatumStampSub);
    BOOST_TEST(S(p, "usageStartTime") == usage::FormatTime(day * 86400));
    BOOST_TEST(S(p, "usageEndTime") == usage::FormatTime((day + 1) * 86400));
    double expected = 0;
    for (int h = 0; h < 24; ++h) {
      expected += usage::HourlyQuantity(1, sfx::kAdatumStampSub, meter, day * 24 + h);
    }
    BOOST_TEST(p.at("quantity").to_number<double>() == expected);
    daily_total += p.at("quantity").to_number<double>();
  }
  // Daily is the hours kept: the same window hourly has the same total (exact: multiples of
  // 1/1024), and the default granularity is Daily.
  json::array hourly = All(ProviderPath(Query(kDay, "2024-03-12T00:00:00Z", "Hourly", sub_filter)));
  BOOST_TEST(hourly.size() == 48u * kMeters.size());
  double hourly_total = 0;
  for (const json::value& row : hourly) {
    hourly_total += row.at("properties").at("quantity").to_number<double>();
  }
  BOOST_TEST(hourly_total == daily_total);
  HttpResult by_default = Provider(Query(kDay, "2024-03-12T00:00:00Z", "", sub_filter));
  BOOST_TEST(by_default.Json().at("value").as_array() == rows);
  HttpResult upper = Provider(Query(kDay, "2024-03-12T00:00:00Z", "DAILY", sub_filter));
  BOOST_TEST(upper.Json().at("value").as_array() == rows);
}

BOOST_FIXTURE_TEST_CASE(pages_of_1000_resume_exactly, UsageFixture) {
  // 3 days hourly: 72 h x 3 subscriptions x 5 meters = 1,080 rows -> 1,000 + 80.
  const std::string query = Query(kDay, "2024-03-13T00:00:00Z");
  HttpResult first = Provider(query);
  BOOST_TEST_REQUIRE(first.status == 200, first.body);
  json::value page1 = first.Json();
  BOOST_TEST(page1.at("value").as_array().size() == 1000u);
  std::string next(page1.at("nextLink").as_string());
  BOOST_TEST(next.rfind(emu.emulator().AdminBaseUrl() + ProviderPath(""), 0) == 0u);
  BOOST_TEST(next.find("api-version=2015-06-01-preview") != std::string::npos);
  BOOST_TEST(next.find("aggregationGranularity=Hourly") != std::string::npos);
  const std::string token = Token(next);
  BOOST_TEST(token.substr(token.size() - 6) == "%3D%3D");  // opaque, base64 '==' encoded
  // Following nextLink and re-sending the query with the (decoded once) token agree.
  json::value page2 =
      StampClients::Call(*sc.admin, "GET", next.substr(emu.emulator().AdminBaseUrl().size()), admin)
          .Json();
  BOOST_TEST(page2.at("value").as_array().size() == 80u);
  BOOST_TEST(!page2.as_object().contains("nextLink"));
  HttpResult resumed = Provider(query + "&continuationToken=" + token);
  BOOST_TEST_REQUIRE(resumed.status == 200, resumed.body);
  BOOST_TEST(resumed.Json() == page2);
  // A token encoded twice (%253D) also works (usage.md §4).
  std::string twice = token;
  for (size_t at; (at = twice.find("%3D")) != std::string::npos;) twice.replace(at, 3, "%253D");
  BOOST_TEST(Provider(query + "&continuationToken=" + twice).Json() == page2);
  // The concatenation is every row of the window once, in order: hour, subscription, meter.
  json::array all = page1.at("value").as_array();
  for (const json::value& row : page2.at("value").as_array()) all.push_back(row);
  size_t i = 0;
  double total = 0, expected_total = 0;
  for (int64_t hour = 475008; hour < 475008 + 72; ++hour) {
    for (const std::string& sub : kStampSubs) {
      for (const std::string& meter : kMeters) {
        const json::value& p = all.at(i++).at("properties");
        BOOST_TEST_REQUIRE(S(p, "subscriptionId") == sub);
        BOOST_TEST_REQUIRE(S(p, "meterId") == meter);
        total += p.at("quantity").to_number<double>();
        expected_total += usage::HourlyQuantity(1, sub, meter, hour);
      }
    }
  }
  BOOST_TEST(total == expected_total);
  // A token of another granularity or outside the window is InvalidProperty.
  HttpResult wrong =
      Provider(Query(kDay, "2024-03-13T00:00:00Z", "Daily") + "&continuationToken=" + token);
  BOOST_TEST(wrong.status == 400);
  BOOST_TEST(wrong.ErrorCode() == "InvalidProperty");
  BOOST_TEST(wrong.body.find("continuationToken") != std::string::npos);
  HttpResult outside = Provider(Query("2024-03-01T00:00:00Z", "2024-03-02T00:00:00Z") +
                                "&continuationToken=" + token);
  BOOST_TEST(outside.ErrorCode() == "InvalidProperty");
  BOOST_TEST(Provider(query + "&continuationToken=garbage").ErrorCode() == "InvalidProperty");
}

BOOST_FIXTURE_TEST_CASE(rules_and_error_codes, UsageFixture) {
  struct Case {
    std::string query;
    std::string code;
    std::string names;  // the message names this
  };
  const std::string v = "api-version=2015-06-01-preview";
  const std::vector<Case> cases = {
      {"reportedStartTime=2024-03-10T00:00:00Z&reportedEndTime=2024-03-11T00:00:00Z",
       "NoApiVersion", "api-version"},
      {"api-version=2015-11-01&reportedStartTime=2024-03-10T00:00:00Z&reportedEndTime=2024-03-11T"
       "00:00:00Z",
       "NoRegisteredProviderFound", "2015-06-01-preview"},
      {v + "&reportedEndTime=2024-03-11T00:00:00Z", "InvalidProperty", "reportedStartTime"},
      {v + "&reportedStartTime=2024-03-10T00:00:00Z", "InvalidProperty", "reportedEndTime"},
      {v + "&reportedStartTime=soon&reportedEndTime=2024-03-11T00:00:00Z", "InvalidProperty",
       "reportedStartTime"},
      {Query("2024-03-10T13:30:00Z", "2024-03-10T15:00:00Z"), "InvalidProperty",
       "reportedStartTime"},
      {Query("2024-03-10T13:00:00Z", "2024-03-10T15:00:01Z"), "InvalidProperty", "reportedEndTime"},
      {Query("2024-03-10T00:00:00Z", "2024-03-10T13:00:00Z", "Daily"), "InvalidProperty",
       "reportedEndTime"},
      {Query("2024-03-10T13:00:00Z", "2024-03-11T00:00:00Z", ""), "InvalidProperty",
       "reportedStartTime"},
      {Query("2024-03-10T13:00:00Z", "2024-03-10T13:00:00Z"), "InvalidProperty",
       "reportedStartTime"},
      {Query("2024-03-11T00:00:00Z", "2024-03-10T00:00:00Z", "Daily"), "InvalidProperty",
       "reportedEndTime"},
      {Query("2024-03-10T00:00:00Z", "2124-03-10T00:00:00Z", "Daily"), "RequestEndTimeIsInFuture",
       "2124-03-10"},
      {Query("2024-03-10T00:00:00Z", "2024-03-11T00:00:00Z", "Weekly"),
       "InvalidAggregationGranularity", "Weekly"},
      {Query("2024-03-10T00:00:00Z", "2024-03-11T00:00:00Z", "Daily",
             "&subscriberId=" + fx::kFabrikamSub),
       "SubscriberIdIsNotDirectTenant", fx::kFabrikamSub},
      {Query("2024-03-10T00:00:00Z", "2024-03-11T00:00:00Z", "Daily", "&subscriberId=nope"),
       "SubscriberIdIsNotDirectTenant", "nope"},
  };
  for (const Case& c : cases) {
    HttpResult r = Provider(c.query);
    BOOST_TEST(r.status == 400, c.query << " -> " << r.status << " " << r.body);
    BOOST_TEST(r.ErrorCode() == c.code, c.query << " -> " << r.body);
    BOOST_TEST(r.body.find(c.names) != std::string::npos, c.query << " -> " << r.body);
  }
  // The end may be the current hour; an hour later is the future.
  int64_t now_hour = std::chrono::duration_cast<std::chrono::hours>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  std::string now_text = usage::FormatTime(now_hour * 3600);
  std::string next_text = usage::FormatTime((now_hour + 1) * 3600);
  std::string before = usage::FormatTime((now_hour - 1) * 3600);
  BOOST_TEST(Provider(Query(before, now_text)).status == 200);
  BOOST_TEST(Provider(Query(before, next_text)).ErrorCode() == "RequestEndTimeIsInFuture");
  // Accepted time forms: %2b/%3a escapes, another offset,
  // lower/upper-case granularity.
  HttpResult escaped = Provider(v +
                                "&reportedStartTime=2024-03-10T08%3a00%3a00%2b00%3a00&"
                                "reportedEndTime=2024-03-10T10%3a00%3a00%2b01%3a00&"
                                "aggregationGranularity=HOURLY");
  BOOST_TEST(escaped.status == 200, escaped.body);
  BOOST_TEST(escaped.Json().at("value").as_array().size() == kStampSubs.size() * kMeters.size());
  // The 7-digit fraction with +00:00 sent unescaped, as real clients send it ('+' decodes to a
  // space): the times pass every time rule, so the next rule (subscriberId) answers. (An accepted
  // exchange in this form would be a request finding of oav, which reads the space literally;
  // ParseTime's unit test covers the 200 path.)
  const std::string raw =
      "&reportedStartTime=2024-03-10T08:00:00.0000000+00:00&reportedEndTime=2024-03-10T09:00:00."
      "0000000+00:00&aggregationGranularity=hourly&subscriberId=nope";
  BOOST_TEST(Provider(v + raw).ErrorCode() == "SubscriberIdIsNotDirectTenant");
  // Same for the docs' example form, an offset then Z (not an RFC 3339 date-time).
  BOOST_TEST(Provider(v + "&reportedStartTime=2024-03-10T08%3a00%3a00%2b00%3a00Z&reportedEndTime="
                          "2024-03-10T09%3a00%3a00%2b00%3a00Z&aggregationGranularity=Hourly&"
                          "subscriberId=nope")
                 .ErrorCode() == "SubscriberIdIsNotDirectTenant");
  HttpResult misaligned = Provider(v +
                                   "&reportedStartTime=2024-03-10T08:30:00.0000000+00:00&"
                                   "reportedEndTime=2024-03-10T09:00:00.0000000+00:00&"
                                   "aggregationGranularity=hourly");
  BOOST_TEST(misaligned.ErrorCode() == "InvalidProperty");
  BOOST_TEST(misaligned.body.find("reportedStartTime") != std::string::npos);
  // No role on the Default Provider Subscription is needed beyond Reader.
  HttpResult reader_token = emu.TokenRequest(
      fx::kHomeTenant, "grant_type=client_credentials&client_id=" + fx::kReaderApp +
                           "&client_secret=" + UrlEncode(fx::kReaderSecret) +
                           "&resource=" + UrlEncode(sfx::kAdminAudience));
  BOOST_TEST_REQUIRE(reader_token.status == 200, reader_token.body);
  std::string reader(reader_token.Json().at("access_token").as_string());
  HttpResult as_reader = StampClients::Call(
      *sc.admin, "GET", ProviderPath(Query(kDay, "2024-03-11T00:00:00Z", "Daily")), reader);
  BOOST_TEST(as_reader.status == 200, as_reader.body);
  BOOST_TEST(StampClients::Call(*sc.admin, "POST",
                                ProviderPath(Query(kDay, "2024-03-11T00:00:00Z", "Daily")), admin)
                 .status == 405);
  // Another provider subscription is unknown; faults give the recorded 503/504.
  HttpResult other =
      StampClients::Call(*sc.admin, "GET",
                         "/subscriptions/" + fx::kFabrikamSub +
                             "/providers/Microsoft.Commerce.Admin/subscriberUsageAggregates?" +
                             Query(kDay, "2024-03-11T00:00:00Z", "Daily"),
                         admin);
  BOOST_TEST(other.status == 404);
  HttpResult fault = emu.client().Request(
      "POST", "/_emulator/faults",
      R"([{"pathContains":"subscriberUsageAggregates","status":504},)"
      R"({"pathContains":"subscriberUsageAggregates","status":503,"retryAfter":"2"}])",
      {{"Content-Type", "application/json"}});
  BOOST_TEST_REQUIRE(fault.status == 201, fault.body);
  HttpResult timeout = Provider(Query(kDay, "2024-03-11T00:00:00Z", "Daily"));
  BOOST_TEST(timeout.status == 504);
  BOOST_TEST(timeout.ErrorCode() == "GatewayTimeout");
  BOOST_TEST(timeout.Header("x-ms-failure-cause") == "service");
  HttpResult busy = Provider(Query(kDay, "2024-03-11T00:00:00Z", "Daily"));
  BOOST_TEST(busy.status == 503);
  BOOST_TEST(busy.ErrorCode() == "ServiceUnavailable");
  BOOST_TEST(Provider(Query(kDay, "2024-03-11T00:00:00Z", "Daily")).status == 200);
}

BOOST_FIXTURE_TEST_CASE(subscriber_filter_and_deleted_subscription, UsageFixture) {
  const std::string window = Query(kDay, "2024-03-11T00:00:00Z", "Daily");
  json::array all = Provider(window).Json().at("value").as_array();
  std::map<std::string, int> per_sub;
  for (const json::value& row : all) per_sub[S(row.at("properties"), "subscriptionId")]++;
  BOOST_TEST(per_sub.size() == 3u);
  BOOST_TEST(per_sub[sfx::kDeletedStampSub] == static_cast<int>(kMeters.size()));
  for (const std::string& sub : kStampSubs) {
    // Case-insensitive, and the Deleted subscription is a direct tenant too.
    std::string upper = sub;
    for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    HttpResult r = Provider(window + "&subscriberId=" + upper);
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    json::array rows = r.Json().at("value").as_array();
    BOOST_TEST(rows.size() == kMeters.size());
    for (const json::value& row : rows)
      BOOST_TEST(S(row.at("properties"), "subscriptionId") == sub);
  }
}

BOOST_FIXTURE_TEST_CASE(tenant_usage_is_the_callers_subscription, UsageFixture) {
  // Onboard Fabrikam (Graph principal of the stamp ARM app, directoryTenants), then its admin
  // (owner of fabrikam-stamp-sub) reads usage on the tenant ARM.
  std::string graph =
      sc.GraphToken(sfx::kFabrikamAdmin, sfx::kFabrikamAdminPassword, fx::kFabrikamTenant);
  BOOST_TEST_REQUIRE(StampClients::Call(*sc.graph, "POST", "/v1.0/servicePrincipals", graph,
                                        R"({"appId":")" + sfx::kArmApp + "\"}")
                         .status == 201);
  BOOST_TEST_REQUIRE(StampClients::Call(*sc.admin, "PUT", DirectoryTenantPath(sfx::kFabrikamDomain),
                                        admin,
                                        R"({"location":"local","properties":{"tenantId":")" +
                                            fx::kFabrikamTenant + "\"}}")
                         .status == 201);
  std::string tenant = sc.UserToken(sfx::kFabrikamAdmin, sfx::kFabrikamAdminPassword,
                                    sfx::kTenantAudience, fx::kFabrikamTenant);
  const std::string query = Query(kDay, "2024-03-13T00:00:00Z", "Hourly", "&showDetails=false");
  std::string target = TenantPath(sfx::kFabrikamStampSub, query);
  HttpResult r = StampClients::Call(*sc.tenant, "GET", target, tenant);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::value page = r.Json();
  json::array rows = page.at("value").as_array();
  BOOST_TEST(rows.size() == 72u * kMeters.size());
  BOOST_TEST(S(rows[0], "id") == "/subscriptions/" + sfx::kFabrikamStampSub +
                                     "/providers/Microsoft.Commerce/UsageAggregate/" +
                                     sfx::kFabrikamStampSub + "-" + kMeters[0]);
  for (const json::value& row : rows) {
    BOOST_TEST(S(row.at("properties"), "subscriptionId") == sfx::kFabrikamStampSub);
  }
  BOOST_TEST(rows[0].at("properties").at("quantity").to_number<double>() ==
             usage::HourlyQuantity(1, sfx::kFabrikamStampSub, kMeters[0], 475008));
  BOOST_TEST(!page.as_object().contains("nextLink"));  // 360 rows
  // Same rules; NoApiVersion on this route too.
  BOOST_TEST(StampClients::Call(
                 *sc.tenant, "GET",
                 TenantPath(sfx::kFabrikamStampSub, "reportedStartTime=2024-03-10T00:00:00Z"),
                 tenant)
                 .ErrorCode() == "NoApiVersion");
  BOOST_TEST(StampClients::Call(
                 *sc.tenant, "GET",
                 TenantPath(sfx::kFabrikamStampSub, Query(kDay, "2024-03-11T00:00:00Z", "Monthly")),
                 tenant)
                 .ErrorCode() == "InvalidAggregationGranularity");
  // Only its own subscription: another directory's is 401, the Deleted one 404.
  BOOST_TEST(StampClients::Call(*sc.tenant, "GET", TenantPath(sfx::kAdatumStampSub, query), tenant)
                 .status == 401);
  BOOST_TEST(StampClients::Call(*sc.tenant, "GET", TenantPath(sfx::kDeletedStampSub, query), tenant)
                 .status == 404);
  // A user of the directory without a role on the subscription is refused.
  std::string reader = sc.UserToken(sfx::kFabrikamReader, sfx::kFabrikamReaderPassword,
                                    sfx::kTenantAudience, fx::kFabrikamTenant);
  BOOST_TEST(StampClients::Call(*sc.tenant, "GET", target, reader).status == 403);
}

BOOST_FIXTURE_TEST_CASE(generate_reaches_benchmark_scale, UsageFixture) {
  auto post = [&](const std::string& body) {
    return emu.client().Request("POST", "/_emulator/usage/generate", body,
                                {{"Content-Type", "application/json"}});
  };
  BOOST_TEST(post(R"({"subscriptions":0,"meters":1,"hours":1})").status == 400);
  BOOST_TEST(post(R"({"meters":1,"hours":1})").status == 400);
  BOOST_TEST(
      post(R"({"subscriptions":1,"meters":1,"hours":1,"start":"2024-01-01T00:30:00Z"})").status ==
      400);
  auto started = std::chrono::steady_clock::now();
  HttpResult r = post(
      R"({"subscriptions":100,"meters":100,"hours":100,"tenants":20,"start":"2024-01-01T00:00:00Z"})");
  BOOST_TEST_REQUIRE(r.status == 201, r.body.substr(0, 500));
  json::value g = r.Json();
  BOOST_TEST(g.at("rows").to_number<int64_t>() == 1000000);
  BOOST_TEST(S(g, "start") == "2024-01-01T00:00:00+00:00");
  BOOST_TEST(S(g, "end") == "2024-01-05T04:00:00+00:00");
  BOOST_TEST(g.at("meters").as_array().size() == 100u);
  BOOST_TEST(g.at("tenants").as_array().size() == 20u);
  const json::array& subs = g.at("subscriptions").as_array();
  BOOST_TEST_REQUIRE(subs.size() == 100u);
  std::set<std::string> tenants;
  for (const json::value& s : subs) tenants.insert(S(s, "tenantId"));
  BOOST_TEST(tenants.size() == 20u);
  // The first page of the 1,000,000 rows comes at once (rows are generated per page).
  std::string window = Query("2024-01-01T00:00:00Z", "2024-01-05T04:00:00Z");
  HttpResult first = Provider(window);
  BOOST_TEST_REQUIRE(first.status == 200);
  json::value page = first.Json();
  BOOST_TEST(page.at("value").as_array().size() == 1000u);
  BOOST_TEST(page.as_object().contains("nextLink"));
  // Rows of the window: the fixture subscriptions' 100 h x 3 x 5 plus the synthetic 1,000,000,
  // counted with the generator itself (no HTTP for a million rows).
  std::vector<std::string> meters;
  for (const json::value& m : g.at("meters").as_array()) meters.emplace_back(m.as_string());
  std::vector<usage::SubscriptionUsage> list;
  for (const std::string& sub : kStampSubs) {
    usage::SubscriptionUsage s;
    s.id = sub;
    s.meters = &kMeters;
    s.first_hour = Hour("2020-01-01T00:00:00Z");
    list.push_back(s);
  }
  std::vector<std::string> ids;
  ids.reserve(subs.size());
  for (const json::value& s : subs) ids.push_back(S(s, "subscriptionId"));
  for (const std::string& id : ids) {
    usage::SubscriptionUsage s;
    s.id = id;
    s.meter_count = 100;
    s.first_hour = Hour("2024-01-01T00:00:00Z");
    s.end_hour = s.first_hour + 100;
    list.push_back(s);
  }
  BOOST_TEST(meters.front() == usage::SyntheticMeterId(0));
  BOOST_TEST(meters.back() == usage::SyntheticMeterId(99));
  size_t total = 0;
  usage::Position at{Hour("2024-01-01T00:00:00Z"), 0, 0};
  for (;;) {
    usage::PageResult p = usage::GeneratePage(1, list, usage::Granularity::kHourly, at.bucket,
                                              Hour("2024-01-05T04:00:00Z"), at);
    total += p.rows.size();
    if (!p.next) break;
    at = *p.next;
  }
  BOOST_TEST(total == 1000000u + 100u * 3u * 5u);
  // A synthetic subscriber's rows; synthetic subscriptions are listed by Subscriptions.Admin.
  HttpResult one = Provider(
      Query("2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z", "Hourly", "&subscriberId=" + ids[7]));
  BOOST_TEST_REQUIRE(one.status == 200);
  const json::array rows = one.Json().at("value").as_array();
  BOOST_TEST(rows.size() == 100u);
  BOOST_TEST(S(rows[0].at("properties"), "meterId") == usage::SyntheticMeterId(0));
  BOOST_TEST(S(rows[99].at("properties"), "meterId") == usage::SyntheticMeterId(99));
  BOOST_TEST(
      rows[99].at("properties").at("quantity").to_number<double>() ==
      usage::HourlyQuantity(1, ids[7], usage::SyntheticMeterId(99), Hour("2024-01-01T00:00:00Z")));
  HttpResult list_subs = StampClients::Call(
      *sc.admin, "GET",
      "/subscriptions/" + sfx::kDps +
          "/providers/Microsoft.Subscriptions.Admin/subscriptions?api-version=2015-11-01",
      admin);
  BOOST_TEST(list_subs.Json().at("value").as_array().size() == 103u);
  HttpResult status = emu.client().Request("GET", "/_emulator/usage");
  BOOST_TEST(status.Json().at("syntheticSubscriptions").to_number<int64_t>() == 100);
  BOOST_TEST((std::chrono::steady_clock::now() - started < std::chrono::seconds(30)));
  // Reset forgets them.
  BOOST_TEST(emu.client().Request("POST", "/_emulator/reset").status == 204);
  BOOST_TEST(emu.client()
                 .Request("GET", "/_emulator/usage")
                 .Json()
                 .at("syntheticSubscriptions")
                 .to_number<int64_t>() == 0);
}

BOOST_AUTO_TEST_CASE(usage_seed_option_changes_every_quantity) {
  EmulatorUnderTest emu([](azscsp::emulator::EmulatorOptions& o) { o.usage_seed = 7; });
  StampClients sc(emu);
  HttpResult r =
      StampClients::Call(*sc.admin, "GET",
                         ProviderPath(Query("2024-03-10T08:00:00Z", "2024-03-10T09:00:00Z",
                                            "Hourly", "&subscriberId=" + sfx::kFabrikamStampSub)),
                         sc.OperatorAdminToken());
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  const json::array rows = r.Json().at("value").as_array();
  BOOST_TEST_REQUIRE(rows.size() == kMeters.size());
  for (size_t m = 0; m < kMeters.size(); ++m) {
    const json::value& p = rows[m].at("properties");
    BOOST_TEST(p.at("quantity").to_number<double>() ==
               usage::HourlyQuantity(7, sfx::kFabrikamStampSub, kMeters[m], 475016));
    BOOST_TEST(S(p, "instanceData") ==
               usage::InstanceData(7, sfx::kFabrikamStampSub, kMeters[m], m, "local"));
  }
  BOOST_TEST(usage::HourlyQuantity(7, sfx::kFabrikamStampSub, kMeters[0], 475016) !=
             usage::HourlyQuantity(1, sfx::kFabrikamStampSub, kMeters[0], 475016));
  HttpResult status = emu.client().Request("GET", "/_emulator/usage");
  BOOST_TEST(status.Json().at("seed").to_number<int64_t>() == 7);
  // --usage-seed on the command line; the default is 1.
  std::vector<const char*> args{"azscsp-emulator", "--data-dir", "d", "--usage-seed", "42"};
  auto parsed = azscsp::emulator::ParseCommandLine(static_cast<int>(args.size()), args.data());
  BOOST_TEST_REQUIRE((parsed.action == azscsp::emulator::CommandLine::Action::kRun),
                     parsed.message);
  BOOST_TEST(parsed.options.usage_seed == 42u);
  std::vector<const char*> plain{"azscsp-emulator", "--data-dir", "d"};
  BOOST_TEST(azscsp::emulator::ParseCommandLine(static_cast<int>(plain.size()), plain.data())
                 .options.usage_seed == 1u);
  BOOST_TEST(status.Json().at("meters").as_array().size() == kMeters.size());
}

BOOST_AUTO_TEST_SUITE_END()
