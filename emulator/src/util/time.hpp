// UTC time formatting used in bodies, headers and messages.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace azscsp::emulator {

using Clock = std::chrono::system_clock;

int64_t UnixSeconds(Clock::time_point t = Clock::now());
std::string Iso8601(Clock::time_point t);           // 2024-05-01T10:00:00.1234567Z
std::string AadTimestamp(Clock::time_point t);      // 2024-05-01 10:00:00Z
std::string RoutingTimestamp(Clock::time_point t);  // 20240501T100000Z
std::string HttpDate(Clock::time_point t);          // Wed, 01 May 2024 10:00:00 GMT
int64_t SteadyMillis();  // monotonic milliseconds, for delays that must not follow clock changes

}  // namespace azscsp::emulator
