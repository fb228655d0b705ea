// The reporting window of the usage APIs (usage.md §2-3): UTC, on the hour (midnight for Daily),
// start before end, end not in the future. Checked before anything is sent.
#pragma once

#include <string>

#include "azscsp/util/time_format.hpp"

namespace azscsp::usage {

enum class Granularity { Daily, Hourly };

// "Daily" or "Hourly" in any case (empty: Daily); InvalidArgumentError naming the value otherwise.
Granularity ParseGranularity(const std::string& text);
const char* GranularityName(Granularity granularity);

// ISO 8601 in UTC: "2019-12-10T19:00:00Z", "+00:00" or "-00:00" offsets, a space for a decoded
// '+', fractions of any length. Another offset or none: InvalidArgumentError naming `argument`.
util::SystemTime ParseUtcTime(const std::string& text, const char* argument);

struct TimeWindow {
  util::SystemTime start, end;
  Granularity granularity = Granularity::Daily;
  // "yyyy-MM-ddTHH:00:00Z", as sent.
  std::string StartText() const;
  std::string EndText() const;
};

// Validates reportedStartTime/reportedEndTime against the rules; `now` is the current time.
// Errors name the argument, its value and the rule broken.
TimeWindow ValidateWindow(const std::string& reported_start_time,
                          const std::string& reported_end_time, Granularity granularity,
                          util::SystemTime now);

}  // namespace azscsp::usage
