// RFC 3339 and HTTP-date conversions.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace azscsp::util {

using SystemTime = std::chrono::system_clock::time_point;

// "2026-11-27T16:48:33Z"
std::string FormatIso8601(SystemTime time);
// IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT" (also accepts RFC 850 and asctime forms).
std::optional<SystemTime> ParseHttpDate(const std::string& text);
std::string FormatHttpDate(SystemTime time);

}  // namespace azscsp::util
