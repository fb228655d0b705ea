#include "azscsp/util/time_format.hpp"

#include <array>
#include <cstdio>
#include <cstring>

namespace azscsp::util {
namespace {

// Howard Hinnant's civil-calendar conversions: portable, no timegm/_mkgmtime needed.
long long DaysFromCivil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

void CivilFromDays(long long z, long long& y, unsigned& m, unsigned& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<long long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
}

constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<const char*, 7> kWeekdays = {
    "Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday

int MonthIndex(const char* name) {
  for (size_t i = 0; i < kMonths.size(); ++i)
    if (std::strncmp(name, kMonths[i], 3) == 0) return static_cast<int>(i) + 1;
  return 0;
}

struct Parts {
  long long year;
  unsigned month, day, hour, minute, second;
  long long days;
};

Parts Split(SystemTime time) {
  const long long seconds =
      std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
  long long days = seconds / 86400;
  long long rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  Parts parts{};
  CivilFromDays(days, parts.year, parts.month, parts.day);
  parts.hour = static_cast<unsigned>(rest / 3600);
  parts.minute = static_cast<unsigned>(rest % 3600 / 60);
  parts.second = static_cast<unsigned>(rest % 60);
  parts.days = days;
  return parts;
}

SystemTime Join(long long year, unsigned month, unsigned day, unsigned hour, unsigned minute,
                unsigned second) {
  const long long seconds =
      DaysFromCivil(year, month, day) * 86400 + hour * 3600LL + minute * 60LL + second;
  return SystemTime(std::chrono::seconds(seconds));
}

}  // namespace

std::string FormatIso8601(SystemTime time) {
  const Parts p = Split(time);
  char text[32];
  std::snprintf(text, sizeof text, "%04lld-%02u-%02uT%02u:%02u:%02uZ", p.year, p.month, p.day,
                p.hour, p.minute, p.second);
  return text;
}

std::string FormatHttpDate(SystemTime time) {
  const Parts p = Split(time);
  const long long weekday = ((p.days % 7) + 7) % 7;
  char text[40];
  std::snprintf(text, sizeof text, "%s, %02u %s %04lld %02u:%02u:%02u GMT", kWeekdays[weekday],
                p.day, kMonths[p.month - 1], p.year, p.hour, p.minute, p.second);
  return text;
}

std::optional<SystemTime> ParseHttpDate(const std::string& text) {
  char weekday[16] = {}, month[4] = {}, zone[4] = {};
  unsigned day = 0, hour = 0, minute = 0, second = 0;
  int year = 0;
  // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
  if (std::sscanf(text.c_str(), "%3s, %2u %3s %4d %2u:%2u:%2u %3s", weekday, &day, month, &year,
                  &hour, &minute, &second, zone) == 8 &&
      std::strcmp(zone, "GMT") == 0) {
  } else if (std::sscanf(text.c_str(), "%15[A-Za-z], %2u-%3s-%2d %2u:%2u:%2u %3s", weekday, &day,
                         month, &year, &hour, &minute, &second, zone) == 8) {
    year += year < 70 ? 2000 : 1900;  // RFC 850: two-digit years
  } else if (std::sscanf(text.c_str(), "%3s %3s %2u %2u:%2u:%2u %4d", weekday, month, &day, &hour,
                         &minute, &second, &year) == 7) {
    // asctime
  } else {
    return std::nullopt;
  }
  const int month_number = MonthIndex(month);
  if (month_number == 0 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return std::nullopt;
  return Join(year, static_cast<unsigned>(month_number), day, hour, minute, second);
}

}  // namespace azscsp::util
