#include "util/time.hpp"

#include <cstdio>
#include <ctime>

namespace azscsp::emulator {
namespace {

std::tm ToUtc(Clock::time_point t) {
  std::time_t seconds = Clock::to_time_t(t);
  std::tm out{};
#ifdef _WIN32
  gmtime_s(&out, &seconds);
#else
  gmtime_r(&seconds, &out);
#endif
  return out;
}

std::string Format(Clock::time_point t, const char* pattern) {
  std::tm tm = ToUtc(t);
  char buffer[64];
  size_t n = std::strftime(buffer, sizeof buffer, pattern, &tm);
  return std::string(buffer, n);
}

}  // namespace

int64_t UnixSeconds(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::string Iso8601(Clock::time_point t) {
  auto ticks = std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
  char fraction[16];
  std::snprintf(fraction, sizeof fraction, ".%07lld",
                static_cast<long long>((ticks % 1000000000LL) / 100));
  return Format(t, "%Y-%m-%dT%H:%M:%S") + fraction + "Z";
}

std::string AadTimestamp(Clock::time_point t) {
  return Format(t, "%Y-%m-%d %H:%M:%SZ");
}
std::string RoutingTimestamp(Clock::time_point t) {
  return Format(t, "%Y%m%dT%H%M%SZ");
}
std::string HttpDate(Clock::time_point t) {
  return Format(t, "%a, %d %b %Y %H:%M:%S GMT");
}

int64_t SteadyMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace azscsp::emulator
