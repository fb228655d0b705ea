#include "azscsp/usage/time_window.hpp"

#include <cctype>
#include <cstdio>

#include "azscsp/errors.hpp"
#include "azscsp/util/case_insensitive.hpp"

namespace azscsp::usage {
namespace {

long long DaysFromCivil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

long long SecondsOf(util::SystemTime time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

long long SubSecondsOf(util::SystemTime time) {
  return (time.time_since_epoch() -
          std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()))
      .count();
}

}  // namespace

Granularity ParseGranularity(const std::string& text) {
  if (text.empty() || util::EqualsIgnoreCase(text, "Daily")) return Granularity::Daily;
  if (util::EqualsIgnoreCase(text, "Hourly")) return Granularity::Hourly;
  throw InvalidArgumentError("aggregationGranularity '" + text +
                             "' is not valid; expected 'Daily' or 'Hourly'.");
}

const char* GranularityName(Granularity granularity) {
  return granularity == Granularity::Hourly ? "Hourly" : "Daily";
}

util::SystemTime ParseUtcTime(const std::string& text, const char* argument) {
  const auto fail = [&](const std::string& rule) -> util::SystemTime {
    throw InvalidArgumentError(std::string(argument) + " '" + text + "' " + rule);
  };
  int year = 0;
  unsigned month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2u-%2uT%2u:%2u:%2u%n", &year, &month, &day, &hour, &minute,
                  &second, &consumed) != 6 ||
      consumed != 19)
    return fail("is not an ISO 8601 date and time; expected e.g. '2019-12-10T19:00:00Z'.");
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return fail("is not a valid date and time.");
  if (year < 1970 || year > 2200)  // and clear of the clock's range (year 2262)
    return fail("is outside the years 1970 to 2200.");
  std::string rest = text.substr(19);
  long long fraction_ns = 0;
  if (!rest.empty() && rest[0] == '.') {
    size_t i = 1;
    long long scale = 100000000;
    while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) {
      fraction_ns += (rest[i] - '0') * scale;
      scale /= 10;
      ++i;
    }
    if (i == 1) return fail("has an empty fraction of a second.");
    rest = rest.substr(i);
  }
  if (!(rest == "Z" || rest == "z" || rest == "+00:00" || rest == "-00:00" || rest == " 00:00" ||
        rest == "+0000" || rest == "+00"))
    return fail(rest.empty() ? "has no time zone; it must be UTC ('Z' or '+00:00')."
                             : "is not in UTC; use 'Z' or '+00:00' (offset '" + rest + "').");
  const long long seconds =
      DaysFromCivil(year, month, day) * 86400 + hour * 3600LL + minute * 60LL + second;
  return util::SystemTime(std::chrono::seconds(seconds)) +
         std::chrono::duration_cast<util::SystemTime::duration>(
             std::chrono::nanoseconds(fraction_ns));
}

std::string TimeWindow::StartText() const {
  return util::FormatIso8601(start);
}
std::string TimeWindow::EndText() const {
  return util::FormatIso8601(end);
}

TimeWindow ValidateWindow(const std::string& reported_start_time,
                          const std::string& reported_end_time, Granularity granularity,
                          util::SystemTime now) {
  TimeWindow window;
  window.granularity = granularity;
  window.start = ParseUtcTime(reported_start_time, "reportedStartTime");
  window.end = ParseUtcTime(reported_end_time, "reportedEndTime");
  const auto check_alignment = [&](util::SystemTime time, const std::string& text,
                                   const char* argument) {
    const long long seconds = SecondsOf(time);
    if (granularity == Granularity::Daily && (seconds % 86400 != 0 || SubSecondsOf(time) != 0))
      throw InvalidArgumentError(std::string(argument) + " '" + text +
                                 "' must be at UTC midnight (00:00:00Z) for Daily granularity.");
    if (seconds % 3600 != 0 || SubSecondsOf(time) != 0)
      throw InvalidArgumentError(std::string(argument) + " '" + text +
                                 "' must be at the start of a UTC hour (minutes, seconds and "
                                 "fractions zero).");
  };
  check_alignment(window.start, reported_start_time, "reportedStartTime");
  check_alignment(window.end, reported_end_time, "reportedEndTime");
  if (window.start >= window.end)
    throw InvalidArgumentError("reportedStartTime '" + reported_start_time +
                               "' must be before reportedEndTime '" + reported_end_time + "'.");
  if (window.end > now)
    throw InvalidArgumentError("reportedEndTime '" + reported_end_time +
                               "' is in the future (now " + util::FormatIso8601(now) +
                               "); it must not be later than the current time.");
  return window;
}

}  // namespace azscsp::usage
