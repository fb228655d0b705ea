// Usage (issue 6): the reporting window rules, the lenient usage row model with instanceData,
// paging and resuming by continuation token, the meter catalogue and the chargeback aggregator.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>
#include <map>
#include <random>

#include "azscsp/usage/chargeback.hpp"
#include "azscsp/usage/meter_catalog.hpp"
#include "azscsp/usage/time_window.hpp"
#include "azscsp/usage/usage_client.hpp"
#include "azscsp/usage/usage_record.hpp"
#include "service_fixture.hpp"

using namespace azscsp;
using namespace azscsp::testing;
namespace json = boost::json;

namespace {

const util::SystemTime kNow = usage::ParseUtcTime("2024-06-01T12:30:00Z", "now");

std::string WindowError(const std::string& start, const std::string& end,
                        usage::Granularity granularity = usage::Granularity::Daily) {
  try {
    usage::ValidateWindow(start, end, granularity, kNow);
  } catch (const InvalidArgumentError& error) {
    return error.what();
  }
  return "";
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const std::string kDps = "8ab2551d-41e5-489b-9273-1cdf1cbc7dc6";
const std::string kUsagePath =
    "/subscriptions/" + kDps + "/providers/Microsoft.Commerce.Admin/subscriberUsageAggregates";
const std::string kSub = "09065051-cfe9-4fcf-b90c-87f2af292fc9";

// The recorded row (api.md §5).
const std::string kRecordedRow = R"({
  "id": "/subscriptions/39c82aed-b2b7-4a66-abdb-611de00bf11e/providers/Microsoft.Commerce/UsageAggregate/09065051-cfe9-4fcf-b90c-87f2af292fc9-B5C15376-6C94-4FDD-B655-1A69D138ACA3",
  "name": "09065051-cfe9-4fcf-b90c-87f2af292fc9-B5C15376-6C94-4FDD-B655-1A69D138ACA3",
  "type": "Microsoft.Commerce/UsageAggregate",
  "properties": { "subscriptionId": "09065051-cfe9-4fcf-b90c-87f2af292fc9",
    "usageStartTime": "2019-12-10T18:00:00+00:00", "usageEndTime": "2019-12-10T19:00:00+00:00",
    "instanceData": "{\"Microsoft.Resources\":{\"resourceUri\":\"/subscriptions/09065051-cfe9-4fcf-b90c-87f2af292fc9/resourcegroups/vaasrg66a8/providers/Microsoft.Storage/storageAccounts/savaasrg66a8\",\"location\":\"northwest\",\"tags\":\"\",\"additionalInfo\":\"\"}}",
    "quantity": 16.461425899527967, "meterId": "B5C15376-6C94-4FDD-B655-1A69D138ACA3",
    "name": "09065051-cfe9-4fcf-b90c-87f2af292fc9-B5C15376-6C94-4FDD-B655-1A69D138ACA3" } })";

std::string Row(int n) {
  return R"({"id":"row)" + std::to_string(n) + R"(","properties":{"subscriptionId":")" + kSub +
         R"(","meterId":"FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5","quantity":)" + std::to_string(n) +
         R"(,"usageStartTime":"2024-05-01T00:00:00+00:00","usageEndTime":"2024-05-02T00:00:00+00:00","instanceData":"{}"}})";
}

std::string QueryValue(const http::Request& request, const std::string& name) {
  const std::string& target = request.url.target;
  const std::string key = name + "=";
  size_t at = target.find("?" + key);
  if (at == std::string::npos) at = target.find("&" + key);
  if (at == std::string::npos) return "<absent>";
  const size_t begin = at + 1 + key.size();
  const size_t end = target.find('&', begin);
  return target.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

usage::UsageQuery Query() {
  usage::UsageQuery query;
  query.subscription_id = kDps;
  query.window = usage::ValidateWindow("2024-05-01T00:00:00Z", "2024-05-03T00:00:00Z",
                                       usage::Granularity::Daily, kNow);
  return query;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(usage_window)

BOOST_AUTO_TEST_CASE(accepts_aligned_utc_windows_in_the_accepted_formats) {
  BOOST_TEST(WindowError("2024-05-01T00:00:00Z", "2024-06-01T00:00:00+00:00") == "");
  BOOST_TEST(WindowError("2019-12-10T19:00:00.0000000+00:00", "2019-12-10T21:00:00Z",
                         usage::Granularity::Hourly) == "");
  BOOST_TEST(WindowError("2019-12-10T19:00:00 00:00", "2024-06-01T12:00:00Z",
                         usage::Granularity::Hourly) == "");
  const auto window =
      usage::ValidateWindow("2019-12-10T19:00:00.0000000+00:00", "2019-12-10T21:00:00Z",
                            usage::Granularity::Hourly, kNow);
  BOOST_TEST(window.StartText() == "2019-12-10T19:00:00Z");
  BOOST_TEST(window.EndText() == "2019-12-10T21:00:00Z");
}

BOOST_AUTO_TEST_CASE(errors_name_the_value_and_the_rule) {
  const std::string daily = WindowError("2024-05-01T13:00:00Z", "2024-05-02T00:00:00Z");
  BOOST_TEST(Contains(daily, "reportedStartTime '2024-05-01T13:00:00Z'"));
  BOOST_TEST(Contains(daily, "midnight"));
  BOOST_TEST(Contains(daily, "Daily"));

  const std::string hourly =
      WindowError("2024-05-01T13:00:00Z", "2024-05-01T14:30:00Z", usage::Granularity::Hourly);
  BOOST_TEST(Contains(hourly, "reportedEndTime '2024-05-01T14:30:00Z'"));
  BOOST_TEST(Contains(hourly, "start of a UTC hour"));
  BOOST_TEST(Contains(
      WindowError("2024-05-01T13:00:00.5Z", "2024-05-01T14:00:00Z", usage::Granularity::Hourly),
      "start of a UTC hour"));

  const std::string order = WindowError("2024-05-02T00:00:00Z", "2024-05-02T00:00:00Z");
  BOOST_TEST(Contains(order, "must be before reportedEndTime '2024-05-02T00:00:00Z'"));

  const std::string future = WindowError("2024-05-01T00:00:00Z", "2024-06-02T00:00:00Z");
  BOOST_TEST(Contains(future, "reportedEndTime '2024-06-02T00:00:00Z' is in the future"));
  BOOST_TEST(Contains(future, "2024-06-01T12:30:00Z"));
  // the current hour's start is not in the future
  BOOST_TEST(WindowError("2024-06-01T11:00:00Z", "2024-06-01T12:00:00Z",
                         usage::Granularity::Hourly) == "");

  const std::string offset = WindowError("2024-05-01T00:00:00+02:00", "2024-05-02T00:00:00Z");
  BOOST_TEST(Contains(offset, "reportedStartTime '2024-05-01T00:00:00+02:00' is not in UTC"));
  BOOST_TEST(
      Contains(WindowError("2024-05-01T00:00:00", "2024-05-02T00:00:00Z"), "has no time zone"));
  BOOST_TEST(Contains(WindowError("2024-05-01T00:00:00Z", "2999-01-01T00:00:00Z"),
                      "reportedEndTime '2999-01-01T00:00:00Z' is outside the years 1970 to 2200"));
  BOOST_TEST(Contains(WindowError("yesterday", "2024-05-02T00:00:00Z"),
                      "reportedStartTime 'yesterday' is not an ISO 8601"));
}

BOOST_AUTO_TEST_CASE(granularity_is_daily_or_hourly_in_any_case) {
  BOOST_TEST((usage::ParseGranularity("") == usage::Granularity::Daily));
  BOOST_TEST((usage::ParseGranularity("daily") == usage::Granularity::Daily));
  BOOST_TEST((usage::ParseGranularity("HOURLY") == usage::Granularity::Hourly));
  try {
    usage::ParseGranularity("Monthly");
    BOOST_FAIL("expected InvalidArgumentError");
  } catch (const InvalidArgumentError& error) {
    BOOST_TEST(Contains(error.what(), "aggregationGranularity 'Monthly'"));
    BOOST_TEST(Contains(error.what(), "'Daily' or 'Hourly'"));
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(usage_record)

BOOST_AUTO_TEST_CASE(reads_the_recorded_row_with_empty_string_tags_and_additional_info) {
  const auto record = usage::UsageRecord::FromJson(json::parse(kRecordedRow));
  BOOST_TEST(record.subscription_id == kSub);
  BOOST_TEST(record.meter_id == "B5C15376-6C94-4FDD-B655-1A69D138ACA3");
  BOOST_TEST(record.quantity == 16.461425899527967);
  BOOST_TEST(record.usage_start_time == "2019-12-10T18:00:00+00:00");
  BOOST_TEST(record.usage_end_time == "2019-12-10T19:00:00+00:00");
  BOOST_TEST(Contains(record.instance_data, "\"Microsoft.Resources\""));
  BOOST_TEST(record.resource_uri ==
             "/subscriptions/09065051-cfe9-4fcf-b90c-87f2af292fc9/resourcegroups/vaasrg66a8/"
             "providers/Microsoft.Storage/storageAccounts/savaasrg66a8");
  BOOST_TEST(record.resource_group == "vaasrg66a8");
  BOOST_TEST(record.resource_type == "Microsoft.Storage/storageAccounts");
  BOOST_TEST(record.resource_name == "savaasrg66a8");
  BOOST_TEST(record.location == "northwest");
  BOOST_TEST(json::serialize(record.tags) == "{}");               // "" as recorded
  BOOST_TEST(json::serialize(record.additional_info) == "\"\"");  // kept as the string it is
}

BOOST_AUTO_TEST_CASE(is_lenient_about_quantity_tags_nested_types_and_bad_instance_data) {
  const auto record = usage::UsageRecord::FromJson(json::parse(R"({"properties":{
    "subscriptionId":"s","meterId":"m","quantity":"12.5",
    "instanceData":"{\"Microsoft.Resources\":{\"resourceUri\":\"/subscriptions/s/resourceGroups/RG/providers/Microsoft.Sql/servers/srv/databases/db\",\"location\":\"local\",\"tags\":{\"cc\":\"42\"},\"additionalInfo\":{\"ImageType\":\"Windows\"}}}"}})"));
  BOOST_TEST(record.quantity == 12.5);
  BOOST_TEST(record.resource_group == "RG");
  BOOST_TEST(record.resource_type == "Microsoft.Sql/servers/databases");
  BOOST_TEST(record.resource_name == "db");
  BOOST_TEST(json::serialize(record.tags) == R"({"cc":"42"})");
  BOOST_TEST(json::serialize(record.additional_info) == R"({"ImageType":"Windows"})");

  const auto nulls = usage::UsageRecord::FromJson(json::parse(
      R"({"properties":{"quantity":3,"instanceData":"{\"Microsoft.Resources\":{\"tags\":null,\"additionalInfo\":null}}"}})"));
  BOOST_TEST(nulls.quantity == 3.0);
  BOOST_TEST(json::serialize(nulls.tags) == "{}");
  BOOST_TEST(nulls.additional_info.is_null());

  const auto broken = usage::UsageRecord::FromJson(
      json::parse(R"({"properties":{"quantity":1,"instanceData":"not json"}})"));
  BOOST_TEST(broken.instance_data == "not json");
  BOOST_TEST(broken.resource_uri == "");

  try {
    usage::UsageRecord::FromJson(json::parse(R"({"id":"r1","properties":{"quantity":"many"}})"));
    BOOST_FAIL("expected ServiceError");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Details().code == "InvalidResponse");
    BOOST_TEST(Contains(error.Details().message, "'r1'"));
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(usage_paging)

BOOST_AUTO_TEST_CASE(continuation_token_is_taken_from_next_link_and_decoded_once) {
  BOOST_TEST(*usage::ContinuationTokenOf(
                 "https://h/x?api-version=1&continuationToken=YWJj%3D%3D&reportedStartTime=t") ==
             "YWJj==");
  BOOST_TEST(*usage::ContinuationTokenOf("https://h/x?continuationtoken=a%253d%253d") == "a%3d%3d");
  BOOST_TEST(!usage::ContinuationTokenOf("https://h/x?$skipToken=1").has_value());
}

BOOST_AUTO_TEST_CASE(follows_every_page_and_reports_where_to_resume_after_a_failure) {
  RoutedService service;
  int page_two_failures = 1;
  std::vector<std::string> tokens_sent;
  service.routes["GET " + kUsagePath] = [&](const http::Request& request) {
    const std::string token = QueryValue(request, "continuationToken");
    tokens_sent.push_back(token);
    BOOST_TEST(QueryValue(request, "api-version") == "2015-06-01-preview");
    BOOST_TEST(QueryValue(request, "reportedStartTime") == "2024-05-01T00%3A00%3A00Z");
    BOOST_TEST(QueryValue(request, "aggregationGranularity") == "Daily");
    const std::string next = "https://management.azure.com" + kUsagePath +
                             "?api-version=2015-06-01-preview&continuationToken=";
    if (token == "<absent>")
      return MakeResponse(200, "{\"value\":[" + Row(1) + "," + Row(2) + "],\"nextLink\":\"" + next +
                                   "cGFnZTI%3D%3D\"}");
    if (token == "cGFnZTI%3D%3D") {
      if (page_two_failures-- > 0)
        return MakeResponse(503, ArmErrorBody("ServiceUnavailable", "busy"));
      return MakeResponse(
          200, "{\"value\":[" + Row(3) + "],\"nextLink\":\"" + next + "cGFnZTM%3D%3D\"}");
    }
    if (token == "cGFnZTM%3D%3D")  // an empty page with a nextLink: keep following
      return MakeResponse(200, "{\"value\":[],\"nextLink\":\"" + next + "cGFnZTQ%3D%3D\"}");
    return MakeResponse(200, "{\"value\":[" + Row(4) + "]}");
  };
  usage::UsageClient client(service.arm);
  std::vector<double> quantities;
  std::vector<std::string> row_pages;
  const auto on_row = [&](const usage::UsageRecord& record, const usage::UsageProgress& progress) {
    quantities.push_back(record.quantity);
    row_pages.push_back(progress.page_token);
    return true;
  };
  std::string resume;
  try {
    client.ListProvider(Query(), on_row, nullptr, util::Context());
    BOOST_FAIL("expected the 503");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Details().http_status == 503);
    BOOST_REQUIRE(error.Fields().size() == 1u);
    BOOST_TEST(error.Fields()[0].first == "continuationToken");
    resume = error.Fields()[0].second;
  }
  BOOST_TEST(resume == "cGFnZTI==");
  BOOST_TEST(quantities.size() == 2u);

  usage::UsageQuery resumed = Query();
  resumed.continuation_token = resume;
  std::vector<usage::UsageProgress> pages;
  const usage::UsageProgress done = client.ListProvider(
      resumed, on_row, [&](const usage::UsageProgress& p) { pages.push_back(p); }, util::Context());
  BOOST_TEST(done.complete);
  BOOST_TEST(done.pages == 3);
  BOOST_TEST(done.rows == 2);
  BOOST_TEST(done.resume_token == "");
  BOOST_TEST((quantities == std::vector<double>{1, 2, 3, 4}));
  BOOST_TEST((row_pages == std::vector<std::string>{"", "", "cGFnZTI==", "cGFnZTQ=="}));
  BOOST_REQUIRE(pages.size() == 3u);
  BOOST_TEST(pages[0].resume_token == "cGFnZTM==");
  BOOST_TEST(pages[2].complete);
  // the token goes back percent-encoded exactly as the service wrote it
  BOOST_TEST((tokens_sent == std::vector<std::string>{"<absent>", "cGFnZTI%3D%3D", "cGFnZTI%3D%3D",
                                                      "cGFnZTM%3D%3D", "cGFnZTQ%3D%3D"}));
}

BOOST_AUTO_TEST_CASE(tenant_usage_goes_to_microsoft_commerce_with_show_details) {
  RoutedService service;
  const std::string path =
      "/subscriptions/" + kSub + "/providers/Microsoft.Commerce/usageAggregates";
  std::string target;
  service.routes["GET " + path] = [&](const http::Request& request) {
    target = request.url.target;
    return MakeResponse(200, "{\"value\":[" + kRecordedRow + "]}");
  };
  usage::UsageQuery query = Query();
  query.subscription_id = kSub;
  query.show_details = false;
  query.subscriber_id = "ignored-by-the-tenant-api";
  int rows = 0;
  usage::UsageClient(service.arm)
      .ListTenant(
          query, [&](const usage::UsageRecord&, const usage::UsageProgress&) { return ++rows; },
          nullptr, util::Context());
  BOOST_TEST(rows == 1);
  BOOST_TEST(Contains(target, "showDetails=false"));
  BOOST_TEST(!Contains(target, "subscriberId"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(usage_meters_and_chargeback)

BOOST_AUTO_TEST_CASE(catalogue_has_the_reference_table_and_takes_overrides) {
  usage::MeterCatalog catalog;
  BOOST_TEST(catalog.Size() == 85u);
  const auto blob = catalog.Find("b5c15376-6c94-4fdd-b655-1a69d138aca3");
  BOOST_TEST(blob.known);
  BOOST_TEST(blob.name == "PageBlobCapacity");
  BOOST_TEST(catalog.Find("F271A8A3-88C4-4D93-956A-063E1D2FA80B").name ==
             "Static IP Address Usage");  // dashes ignored
  const auto unknown = catalog.Find("11111111-2222-3333-4444-555555555555");
  BOOST_TEST(!unknown.known);
  BOOST_TEST(unknown.name == "Unknown (11111111-2222-3333-4444-555555555555)");
  catalog.Set("FAB6EB845-00B4A09A8CA7358F8BBAEA5", "vCPU hours", "core hours");
  BOOST_TEST(catalog.Find("FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5").name == "vCPU hours");
  catalog.Set("11111111-2222-3333-4444-555555555555", "Custom worker tier", "hours");
  BOOST_TEST(catalog.Find("11111111222233334444555555555555").unit == "hours");
  BOOST_TEST(catalog.Size() == 86u);
}

BOOST_AUTO_TEST_CASE(aggregator_totals_equal_a_brute_force_computation_on_random_rows) {
  const std::vector<std::string> meters = {"FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5",
                                           "b5c15376-6c94-4fdd-b655-1a69d138aca3",
                                           "99999999-0000-0000-0000-000000000000"};
  usage::ChargebackInputs inputs;
  // tenants A (mapped, two subscriptions, one Deleted), B (unmapped), and an unknown subscription
  inputs.subscriptions = {{"SUB-A1", "TENANT-A", "a@a", "A1", "Enabled", ""},
                          {"sub-a2", "tenant-a", "a@a", "A2", "Deleted", ""},
                          {"sub-b1", "tenant-b", "b@b", "B1", "Disabled", ""}};
  inputs.directory_names = {{"TENANT-A", "adatum.onmicrosoft.com"}};
  inputs.customer_subscriptions = {{"Tenant-A", "CUSTOMER-A"}};
  inputs.prices = {{"fab6eb84500b4a09a8ca7358f8bbaea5", {0.5, "EUR"}}};
  usage::ChargebackAggregator aggregator(inputs);
  const std::vector<std::string> subs = {"sub-a1", "SUB-A2", "sub-b1", "sub-unknown"};
  const std::map<std::string, std::string> tenant_of = {
      {"sub-a1", "tenant-a"}, {"SUB-A2", "tenant-a"}, {"sub-b1", "tenant-b"}, {"sub-unknown", ""}};
  std::mt19937 random(6);
  std::map<std::pair<std::string, std::string>, double> expected;
  std::map<std::string, double> expected_unmapped;
  for (int i = 0; i < 20000; ++i) {
    const std::string& sub = subs[random() % subs.size()];
    const std::string& meter = meters[random() % meters.size()];
    const double quantity = (random() % 10000) / 100.0;
    aggregator.Add(sub, meter, quantity);
    expected[{tenant_of.at(sub), usage::NormalizeMeterId(meter)}] += quantity;
    if (tenant_of.at(sub) != "tenant-a") expected_unmapped[meter] += quantity;
    if (i == 999) BOOST_TEST(aggregator.StateSize() == 9u);
  }
  // memory bounded: one entry per (tenant, meter) however many rows
  BOOST_TEST(aggregator.StateSize() == 9u);
  BOOST_TEST(aggregator.Rows() == 20000);
  const auto lines = aggregator.Lines();
  BOOST_REQUIRE(lines.size() == expected.size());
  for (const auto& line : lines) {
    const double want = expected.at({line.tenant_id, usage::NormalizeMeterId(line.meter_id)});
    BOOST_TEST(line.quantity == want, boost::test_tools::tolerance(1e-9));
    if (line.tenant_id == "tenant-a") {
      BOOST_TEST(line.mapped);
      BOOST_TEST(*line.customer_subscription_id == "CUSTOMER-A");
      BOOST_TEST(*line.directory_name == "adatum.onmicrosoft.com");
      BOOST_TEST(line.includes_deleted_subscription);
      BOOST_TEST((line.subscription_ids == std::vector<std::string>{"sub-a1", "sub-a2"}));
    } else {
      BOOST_TEST(!line.mapped);
      BOOST_TEST(!line.customer_subscription_id.has_value());
      BOOST_TEST(!line.includes_deleted_subscription);
    }
    if (usage::NormalizeMeterId(line.meter_id) == "FAB6EB84500B4A09A8CA7358F8BBAEA5") {
      BOOST_TEST(*line.unit_price == 0.5);
      BOOST_TEST(*line.amount == want * 0.5, boost::test_tools::tolerance(1e-9));
      BOOST_TEST(*line.currency == "EUR");
      BOOST_TEST(line.meter_name == "Base VM Size Hours");
    } else {
      BOOST_TEST(!line.amount.has_value());
    }
    if (line.meter_id == meters[2]) BOOST_TEST(line.meter_name == "Unknown (" + meters[2] + ")");
  }
  const auto unmapped = aggregator.UnmappedQuantityByMeter();
  BOOST_REQUIRE(unmapped.size() == expected_unmapped.size());
  for (const auto& [meter, quantity] : expected_unmapped)
    BOOST_TEST(unmapped.at(meter) == quantity, boost::test_tools::tolerance(1e-9));
  const json::object item = lines.front().ToJson();
  for (const char* key : {"tenantId", "directoryName", "customerSubscriptionId", "mapped",
                          "subscriptionIds", "includesDeletedSubscription", "meterId", "meterName",
                          "unit", "quantity", "unitPrice", "amount", "currency"})
    BOOST_TEST(item.contains(key), key);
}

BOOST_AUTO_TEST_CASE(user_subscriptions_are_read_flat_with_deleted_ones) {
  RoutedService service;
  service.Route(
      "GET /subscriptions/" + kDps + "/providers/Microsoft.Subscriptions.Admin/subscriptions", 200,
      R"({"value":[{"id":"/subscriptions/)" + kDps +
          R"(/providers/Microsoft.Subscriptions.Admin/subscriptions/s1","subscriptionId":"s1","tenantId":"t1","owner":"o@t1","displayName":"S1","state":"Deleted","offerId":"/x"}]})");
  const auto subscriptions = usage::ListUserSubscriptions(*service.arm, kDps, util::Context());
  BOOST_REQUIRE(subscriptions.size() == 1u);
  BOOST_TEST(subscriptions[0].tenant_id == "t1");
  BOOST_TEST(subscriptions[0].state == "Deleted");
  BOOST_TEST(subscriptions[0].owner == "o@t1");
}

BOOST_AUTO_TEST_SUITE_END()
