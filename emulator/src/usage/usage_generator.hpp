// Deterministic usage data (Microsoft.Commerce.Admin subscriberUsageAggregates and
// Microsoft.Commerce usageAggregates). Every row is a pure function of (seed, subscription, meter,
// hour), so nothing is stored: a page is generated on the fly from its position, and a test can
// compute the same quantities and totals independently (README "Usage", formula).
//
// Pure functions only (no state, no I/O), so tests/emulator can include this header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azscsp::emulator::usage {

inline constexpr int64_t kNoEnd = std::numeric_limits<int64_t>::max();
inline constexpr size_t kPageSize = 1000;  // rows per page (usage.md §4)

// splitmix64(fnv1a64("{seed}|{lower(subscription)}|{lower(meter)}|{hour}")), hour = Unix
// seconds / 3600 in decimal (may be negative, e.g. -1 for per-resource names).
uint64_t Hash(uint64_t seed, std::string_view subscription_id, std::string_view meter_id,
              int64_t hour);
// The quantity reported for (subscription, meter) in the reported hour `hour`:
// (Hash % 102400) / 1024.0, i.e. [0, 100) in steps of 1/1024, so sums are exact in any order.
double HourlyQuantity(uint64_t seed, std::string_view subscription_id, std::string_view meter_id,
                      int64_t hour);
// Hours the usage bucket precedes the reported hour: 1 when (Hash >> 20) % 3 == 0, else 0
// (the recorded quirk: usageStartTime before reportedStartTime).
int LagHours(uint64_t seed, std::string_view subscription_id, std::string_view meter_id,
             int64_t hour);
// A Daily row: the sum of HourlyQuantity over the hours of `day` (Unix days) that fall in the
// subscription's usage window [first_hour, end_hour).
double DailyQuantity(uint64_t seed, std::string_view subscription_id, std::string_view meter_id,
                     int64_t day, int64_t first_hour, int64_t end_hour);

// The instanceData string of a row (a JSON document serialized to a string):
// {"Microsoft.Resources":{"resourceUri","location","tags","additionalInfo"}}. The resource type
// follows the meter; tags/additionalInfo follow meter_index % 3: 0 -> "" and "" (recorded form),
// 1 -> objects, 2 -> null and null.
std::string InstanceData(uint64_t seed, std::string_view subscription_id, std::string_view meter_id,
                         size_t meter_index, std::string_view location);

// Synthetic data for POST /_emulator/usage/generate.
// Meter `index` of the synthetic catalogue: the built-in meters (usage.md §7), then derived GUIDs.
std::string SyntheticMeterId(size_t index);
size_t BuiltInMeterCount();
std::string SyntheticSubscriptionId(uint64_t seed, int64_t index);
std::string SyntheticTenantId(uint64_t seed, int64_t index);

// What the generator needs to know about one user subscription.
struct SubscriptionUsage {
  std::string_view id;
  const std::vector<std::string>* meters = nullptr;  // explicit list, or null: synthetic catalogue
  size_t meter_count = 0;                            // with meters == null
  int64_t first_hour = 0;                            // usage window [first_hour, end_hour)
  int64_t end_hour = kNoEnd;

  size_t MeterCount() const { return meters ? meters->size() : meter_count; }
  std::string MeterAt(size_t i) const { return meters ? (*meters)[i] : SyntheticMeterId(i); }
};

enum class Granularity { kHourly, kDaily };

// Where a page starts: the bucket (Unix hour or Unix day), then the subscription index (in the
// stamp's order) and the meter index within that subscription. Rows are ordered by bucket, then
// subscription, then meter.
struct Position {
  int64_t bucket = 0;
  size_t subscription = 0;
  size_t meter = 0;
};

struct Row {
  size_t subscription = 0;  // index into the SubscriptionUsage list
  size_t meter_index = 0;
  std::string meter_id;
  int64_t usage_start_hour = 0;
  int64_t usage_hours = 1;  // 1 (Hourly) or 24 (Daily)
  double quantity = 0;
};

struct PageResult {
  std::vector<Row> rows;
  std::optional<Position> next;  // set when more rows follow
};

// Rows of the buckets [start_bucket, end_bucket) from `from` on, at most page_size of them.
PageResult GeneratePage(uint64_t seed, const std::vector<SubscriptionUsage>& subscriptions,
                        Granularity granularity, int64_t start_bucket, int64_t end_bucket,
                        const Position& from, size_t page_size = kPageSize);

// Opaque continuation token: base64 (standard alphabet, always ending in "==") of
// "azscsp-usage|{H|D}|{bucket}|{subscription}|{meter}" padded with '.'.
std::string EncodeToken(Granularity granularity, const Position& position);
std::optional<Position> DecodeToken(std::string_view token, Granularity granularity);

// Reported times (api.md §10 item 2): yyyy-MM-dd[(T| )HH:mm[:ss[.fffffff]]][Z|(+|-| )HH:mm[Z]];
// a space stands for a '+' decoded from the query. Returns Unix seconds (UTC).
std::optional<int64_t> ParseTime(std::string_view text);
// 2019-12-10T18:00:00+00:00 (the recorded form of usageStartTime / usageEndTime).
std::string FormatTime(int64_t unix_seconds);

}  // namespace azscsp::emulator::usage
