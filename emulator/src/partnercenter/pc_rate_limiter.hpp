// Partner Center request limit (reference §6): a token bucket per partner tenant, and one per
// partner x customer for customers/{c}/... routes. Capacity 0 = off.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "azscsp_emulator/emulator.hpp"

namespace azscsp::emulator {

class PcRateLimiter {
 public:
  explicit PcRateLimiter(BucketLimits limits) : limits_(limits) {}

  // 0 when allowed (a token is taken from each bucket), else the Retry-After seconds.
  long Consume(const std::string& partner_tenant, const std::string& customer,
               std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());
  void Reset();

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point updated;
  };
  Bucket& Refilled(const std::string& key, std::chrono::steady_clock::time_point now);
  long RetryAfter(const Bucket& bucket) const;

  BucketLimits limits_;
  std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace azscsp::emulator
