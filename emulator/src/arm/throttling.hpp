// ARM request throttling (api.md §9.1): token buckets per (subscription, principal, class) plus a
// global bucket per (subscription, class) at 15x size and refill.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "azscsp_emulator/emulator.hpp"

namespace azscsp::emulator {

enum class OperationClass { kRead, kWrite, kDelete };

OperationClass ClassOf(std::string_view method);        // POST counts as a write
const char* ClassName(OperationClass operation_class);  // "reads", "writes", "deletes"

struct ThrottleDecision {
  bool allowed = true;
  long remaining = -1;  // -1 = throttling off, emit no header
  long retry_after_seconds = 0;
  long limit = 0;
  std::string interval;  // hh:mm:ss, for the 429 message
};

class Throttler {
 public:
  // mode: "off", "token-bucket" or "hourly". Throws std::invalid_argument on another value.
  Throttler(const std::string& mode, const BucketLimits& reads, const BucketLimits& writes,
            const BucketLimits& deletes);

  ThrottleDecision Consume(
      const std::string& subscription_id, const std::string& principal_id,
      OperationClass operation_class,
      std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());
  void Reset();

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point updated;
  };
  // principal "" = the global bucket of the subscription
  using Key = std::tuple<std::string, std::string, OperationClass>;

  Bucket& Refilled(const Key& key, const BucketLimits& limits,
                   std::chrono::steady_clock::time_point now);

  bool enabled_ = true;
  BucketLimits limits_[3];
  std::mutex mutex_;
  std::map<Key, Bucket> buckets_;
};

}  // namespace azscsp::emulator
