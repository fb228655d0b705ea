#include "usage/usage_generator.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <cstdio>
#include <unordered_map>

#include "util/base64.hpp"

namespace json = boost::json;

namespace azscsp::emulator::usage {
namespace {

struct KnownMeter {
  const char* id;
  const char* resource_type;  // provider namespace / type of the resources it meters
  const char* name_prefix;
};

// usage.md §7 meters (IDs as the FAQ writes them: mixed case, some without dashes).
const KnownMeter kMeters[] = {
    {"B5C15376-6C94-4FDD-B655-1A69D138ACA3", "Microsoft.Storage/storageAccounts", "sa"},
    {"FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5", "Microsoft.Compute/virtualMachines", "vm"},
    {"9E2739BA86744796B465F64674B822BA", "Microsoft.Network/publicIPAddresses", "pip"},
    {"CBCFEF9A-B91F-4597-A4D3-01FE334BED82", "Microsoft.SQLAdapter/databases", "db"},
    {"380874f9-300c-48e0-95a0-d2d9a21ade8f", "Microsoft.Compute/disks", "disk"},
    {"F271A8A388C44D93956A063E1D2FA80B", "Microsoft.Network/publicIPAddresses", "pip"},
    {"B4438D5D-453B-4EE1-B42A-DC72E377F1E4", "Microsoft.Storage/storageAccounts", "sa"},
    {"B03C6AE7-B080-4BFA-84A3-22C800F315C6", "Microsoft.Storage/storageAccounts", "sa"},
    {"09F8879E-87E9-4305-A572-4B7BE209F857", "Microsoft.Storage/storageAccounts", "sa"},
    {"B9FF3CD0-28AA-4762-84BB-FF8FBAEA6A90", "Microsoft.Storage/storageAccounts", "sa"},
    {"50A1AEAF-8ECA-48A0-8973-A5B3077FEE0D", "Microsoft.Storage/storageAccounts", "sa"},
    {"1B8C1DEC-EE42-414B-AA36-6229CF199370", "Microsoft.Storage/storageAccounts", "sa"},
    {"43DAF82B-4618-444A-B994-40C23F7CD438", "Microsoft.Storage/storageAccounts", "sa"},
    {"9764F92C-E44A-498E-8DC1-AAD66587A810", "Microsoft.Storage/storageAccounts", "sa"},
    {"3023FEF4-ECA5-4D7B-87B3-CFBC061931E8", "Microsoft.Storage/storageAccounts", "sa"},
    {"EB43DD12-1AA6-4C4B-872C-FAF15A6785EA", "Microsoft.Storage/storageAccounts", "sa"},
    {"E518E809-E369-4A45-9274-2017B29FFF25", "Microsoft.Storage/storageAccounts", "sa"},
    {"DD0A10BA-A5D6-4CB6-88C0-7D585CEF9FC2", "Microsoft.Storage/storageAccounts", "sa"},
    {"9CD92D4C-BAFD-4492-B278-BEDC2DE8232A", "Microsoft.Compute/virtualMachines", "vm"},
    {"6DAB500F-A4FD-49C4-956D-229BB9C8C793", "Microsoft.Compute/virtualMachines", "vm"},
    {"1b77d90f-427b-4435-b4f1-d78adec53222", "Microsoft.Compute/disks", "disk"},
    {"d5f7731b-f639-404a-89d0-e46186e22c8d", "Microsoft.Compute/disks", "disk"},
    {"7660b45b-b29d-49cb-b816-59f30fbab011", "Microsoft.Compute/disks", "disk"},
    {"7ba084ec-ef9c-4d64-a179-7732c6cb5e28", "Microsoft.Compute/disks", "disk"},
    {"E6D8CFCD-7734-495E-B1CC-5AB0B9C24BD3", "Microsoft.MySQLAdapter/databases", "db"},
    {"EBF13B9F-B3EA-46FE-BF54-396E93D48AB4", "Microsoft.KeyVault/vaults", "kv"},
    {"190C935E-9ADA-48FF-9AB8-56EA1CF9ADAA", "Microsoft.Web/serverFarms", "plan"},
    {"957E9F36-2C14-45A1-B6A1-1723EF71A01D", "Microsoft.Web/sites", "app"},
};

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string Compact(std::string_view id) {  // lower case, no dashes
  std::string out;
  for (char c : id) {
    if (c != '-') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

uint64_t Fnv1a(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

uint64_t SplitMix(uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::string Hex(uint64_t value, int digits) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return std::string(buffer + 16 - digits);
}

std::string GuidFrom(uint64_t a, uint64_t b) {
  std::string h = Hex(a, 16) + Hex(b, 16);
  h[12] = '4';  // version 4 shape
  h[16] = "89ab"[(b >> 8) & 3];
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20, 12);
}

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Days from 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = FloorDiv(y, 400);
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = FloorDiv(z, 146097);
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

bool Digits(std::string_view text, size_t pos, size_t count, int& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

bool ActiveHour(const SubscriptionUsage& s, int64_t hour) {
  return hour >= s.first_hour && hour < s.end_hour;
}

bool ActiveDay(const SubscriptionUsage& s, int64_t day) {
  int64_t first = day * 24;
  return s.first_hour < first + 24 && first < s.end_hour;
}

}  // namespace

uint64_t Hash(uint64_t seed, std::string_view subscription_id, std::string_view meter_id,
              int64_t hour) {
  std::string text = std::to_string(seed) + "|" + Lower(subscription_id) + "|" + Lower(meter_id) +
                     "|" + std::to_string(hour);
  return SplitMix(Fnv1a(text));
}

double HourlyQuantity(uint64_t seed, std::string_view subscription_id, std::string_view meter_id,
                      int64_t hour) {
  return static_cast<double>(Hash(seed, subscription_id, meter_id, hour) % 102400) / 1024.0;
}

int LagHours(uint64_t seed, std::string_view subscription_id, std::string_view meter_id,
             int64_t hour) {
  return ((Hash(seed, subscription_id, meter_id, hour) >> 20) % 3) == 0 ? 1 : 0;
}

double DailyQuantity(uint64_t seed, std::string_view subscription_id, std::string_view meter_id,
                     int64_t day, int64_t first_hour, int64_t end_hour) {
  double total = 0;
  for (int64_t h = std::max(day * 24, first_hour); h < std::min(day * 24 + 24, end_hour); ++h) {
    total += HourlyQuantity(seed, subscription_id, meter_id, h);
  }
  return total;
}

std::string InstanceData(uint64_t seed, std::string_view subscription_id, std::string_view meter_id,
                         size_t meter_index, std::string_view location) {
  static const std::unordered_map<std::string, const KnownMeter*> known = [] {
    std::unordered_map<std::string, const KnownMeter*> map;
    for (const KnownMeter& m : kMeters) map.emplace(Compact(m.id), &m);
    return map;
  }();
  auto found = known.find(Compact(meter_id));
  const std::string type =
      found != known.end() ? found->second->resource_type : "Microsoft.Compute/virtualMachines";
  const std::string prefix = found != known.end() ? found->second->name_prefix : "vm";
  const std::string sub = Lower(subscription_id);
  std::string group = "usagerg" + Hex(Hash(seed, sub, "", -1), 4);
  std::string name = prefix + Hex(Hash(seed, sub, meter_id, -1), 8);
  json::object resources{{"resourceUri", "/subscriptions/" + sub + "/resourcegroups/" + group +
                                             "/providers/" + type + "/" + name},
                         {"location", location}};
  switch (meter_index % 3) {
    case 0:
      resources["tags"] = "";
      resources["additionalInfo"] = "";
      break;
    case 1:
      resources["tags"] = json::object{{"costCenter", "cc-" + Hex(Hash(seed, sub, "", -2), 4)},
                                       {"environment", "production"}};
      resources["additionalInfo"] = json::object{{"ImageType", "WindowsServer"}};
      break;
    default:
      resources["tags"] = nullptr;
      resources["additionalInfo"] = nullptr;
      break;
  }
  return json::serialize(json::object{{"Microsoft.Resources", std::move(resources)}});
}

size_t BuiltInMeterCount() {
  return sizeof kMeters / sizeof kMeters[0];
}

std::string SyntheticMeterId(size_t index) {
  if (index < BuiltInMeterCount()) return kMeters[index].id;
  uint64_t h = SplitMix(Fnv1a("azscsp-usage-meter|" + std::to_string(index)));
  std::string id = GuidFrom(h, SplitMix(h));
  std::transform(id.begin(), id.end(), id.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return id;
}

std::string SyntheticSubscriptionId(uint64_t seed, int64_t index) {
  uint64_t h =
      SplitMix(Fnv1a(std::to_string(seed) + "|usage-subscription|" + std::to_string(index)));
  return GuidFrom(h, SplitMix(h));
}

std::string SyntheticTenantId(uint64_t seed, int64_t index) {
  uint64_t h = SplitMix(Fnv1a(std::to_string(seed) + "|usage-tenant|" + std::to_string(index)));
  return GuidFrom(h, SplitMix(h));
}

PageResult GeneratePage(uint64_t seed, const std::vector<SubscriptionUsage>& subscriptions,
                        Granularity granularity, int64_t start_bucket, int64_t end_bucket,
                        const Position& from, size_t page_size) {
  PageResult result;
  const bool hourly = granularity == Granularity::kHourly;
  // Clamp the buckets to those where some subscription has usage (a wide window before the data
  // starts costs nothing).
  int64_t first_data = kNoEnd, end_data = std::numeric_limits<int64_t>::min();
  for (const SubscriptionUsage& s : subscriptions) {
    if (s.MeterCount() == 0 || s.first_hour >= s.end_hour) continue;
    int64_t first = hourly ? s.first_hour : FloorDiv(s.first_hour, 24);
    int64_t end = s.end_hour == kNoEnd ? kNoEnd
                  : hourly             ? s.end_hour
                                       : FloorDiv(s.end_hour - 1, 24) + 1;
    first_data = std::min(first_data, first);
    end_data = std::max(end_data, end);
  }
  int64_t bucket = std::max(from.bucket, start_bucket);
  size_t sub_index = bucket == from.bucket ? from.subscription : 0;
  size_t meter_index = bucket == from.bucket ? from.meter : 0;
  if (bucket < first_data) {
    bucket = first_data;
    sub_index = meter_index = 0;
  }
  const int64_t last = std::min(end_bucket, end_data);
  for (; bucket < last; ++bucket, sub_index = 0, meter_index = 0) {
    for (; sub_index < subscriptions.size(); ++sub_index, meter_index = 0) {
      const SubscriptionUsage& s = subscriptions[sub_index];
      if (!(hourly ? ActiveHour(s, bucket) : ActiveDay(s, bucket))) continue;
      const size_t meters = s.MeterCount();
      for (; meter_index < meters; ++meter_index) {
        if (result.rows.size() == page_size) {
          result.next = Position{bucket, sub_index, meter_index};
          return result;
        }
        Row row;
        row.subscription = sub_index;
        row.meter_index = meter_index;
        row.meter_id = s.MeterAt(meter_index);
        if (hourly) {
          row.usage_start_hour = bucket - LagHours(seed, s.id, row.meter_id, bucket);
          row.usage_hours = 1;
          row.quantity = HourlyQuantity(seed, s.id, row.meter_id, bucket);
        } else {
          row.usage_start_hour = bucket * 24;
          row.usage_hours = 24;
          row.quantity = DailyQuantity(seed, s.id, row.meter_id, bucket, s.first_hour, s.end_hour);
        }
        result.rows.push_back(std::move(row));
      }
    }
  }
  return result;
}

std::string EncodeToken(Granularity granularity, const Position& position) {
  std::string text = std::string("azscsp-usage|") +
                     (granularity == Granularity::kHourly ? "H" : "D") + "|" +
                     std::to_string(position.bucket) + "|" + std::to_string(position.subscription) +
                     "|" + std::to_string(position.meter) + "|";
  while (text.size() % 3 != 1) text += '.';  // base64 of 3n+1 bytes ends with "=="
  return Base64Encode(text);
}

std::optional<Position> DecodeToken(std::string_view token, Granularity granularity) {
  std::string text(token);
  std::replace(text.begin(), text.end(), ' ', '+');  // an unencoded '+' decoded as a space
  std::optional<std::string> decoded = Base64Decode(text);
  if (!decoded) return std::nullopt;
  const std::string prefix =
      std::string("azscsp-usage|") + (granularity == Granularity::kHourly ? "H" : "D") + "|";
  if (decoded->compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  std::string rest = decoded->substr(prefix.size());
  long long bucket = 0;
  unsigned long long sub = 0, meter = 0;
  int consumed = 0;
  if (std::sscanf(rest.c_str(), "%lld|%llu|%llu|%n", &bucket, &sub, &meter, &consumed) != 3 ||
      consumed == 0) {
    return std::nullopt;
  }
  for (size_t i = static_cast<size_t>(consumed); i < rest.size(); ++i) {
    if (rest[i] != '.') return std::nullopt;
  }
  return Position{bucket, static_cast<size_t>(sub), static_cast<size_t>(meter)};
}

std::optional<int64_t> ParseTime(std::string_view t) {
  int year, month, day, hour = 0, minute = 0, second = 0;
  if (!Digits(t, 0, 4, year) || t.size() < 10 || t[4] != '-' || !Digits(t, 5, 2, month) ||
      t[7] != '-' || !Digits(t, 8, 2, day)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  size_t pos = 10;
  if (pos < t.size() && (t[pos] == 'T' || t[pos] == 't' || t[pos] == ' ') && pos + 1 < t.size() &&
      std::isdigit(static_cast<unsigned char>(t[pos + 1]))) {
    if (!Digits(t, pos + 1, 2, hour) || pos + 3 >= t.size() || t[pos + 3] != ':' ||
        !Digits(t, pos + 4, 2, minute)) {
      return std::nullopt;
    }
    pos += 6;
    if (pos < t.size() && t[pos] == ':') {
      if (!Digits(t, pos + 1, 2, second)) return std::nullopt;
      pos += 3;
      if (pos < t.size() && t[pos] == '.') {
        size_t digits = 0;
        ++pos;
        while (pos < t.size() && std::isdigit(static_cast<unsigned char>(t[pos]))) ++pos, ++digits;
        if (digits == 0 || digits > 7) return std::nullopt;
      }
    }
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  }
  int64_t offset = 0;
  if (pos < t.size() && (t[pos] == '+' || t[pos] == '-' || t[pos] == ' ')) {
    int oh, om;
    if (!Digits(t, pos + 1, 2, oh) || pos + 3 >= t.size() || t[pos + 3] != ':' ||
        !Digits(t, pos + 4, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset = (oh * 60 + om) * 60 * (t[pos] == '-' ? -1 : 1);
    pos += 6;
  }
  if (pos < t.size() && (t[pos] == 'Z' || t[pos] == 'z')) ++pos;
  if (pos != t.size()) return std::nullopt;
  int64_t days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, y, m, d);
  if (static_cast<int>(d) != day) return std::nullopt;  // 2019-02-30
  return days * 86400 + hour * 3600 + minute * 60 + second - offset;
}

std::string FormatTime(int64_t unix_seconds) {
  int64_t days = FloorDiv(unix_seconds, 86400);
  int64_t rest = unix_seconds - days * 86400;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, y, m, d);
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02lld:%02lld:%02lld+00:00",
                static_cast<long long>(y), m, d, static_cast<long long>(rest / 3600),
                static_cast<long long>(rest % 3600 / 60), static_cast<long long>(rest % 60));
  return buffer;
}

}  // namespace azscsp::emulator::usage
