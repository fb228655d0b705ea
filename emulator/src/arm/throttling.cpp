#include "arm/throttling.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "util/strings.hpp"

namespace azscsp::emulator {
namespace {

constexpr double kGlobalFactor = 15;  // "a global subscription limit of 15x across all principals"

BucketLimits WithDefault(const BucketLimits& override_limits, BucketLimits fallback) {
  if (override_limits.capacity > 0) fallback.capacity = override_limits.capacity;
  if (override_limits.refill_per_second > 0) {
    fallback.refill_per_second = override_limits.refill_per_second;
  }
  return fallback;
}

std::string Interval(const BucketLimits& limits) {
  long seconds = std::lround(limits.capacity / limits.refill_per_second);
  char text[32];
  std::snprintf(text, sizeof text, "%02ld:%02ld:%02ld", seconds / 3600, seconds / 60 % 60,
                seconds % 60);
  return text;
}

}  // namespace

OperationClass ClassOf(std::string_view method) {
  if (IEquals(method, "GET") || IEquals(method, "HEAD")) return OperationClass::kRead;
  if (IEquals(method, "DELETE")) return OperationClass::kDelete;
  return OperationClass::kWrite;
}

const char* ClassName(OperationClass operation_class) {
  switch (operation_class) {
    case OperationClass::kRead:
      return "reads";
    case OperationClass::kWrite:
      return "writes";
    default:
      return "deletes";
  }
}

Throttler::Throttler(const std::string& mode, const BucketLimits& reads, const BucketLimits& writes,
                     const BucketLimits& deletes) {
  BucketLimits defaults[3];
  if (mode == "off") {
    enabled_ = false;
    return;
  } else if (mode == "token-bucket") {
    defaults[0] = {250, 25};
    defaults[1] = {200, 10};
    defaults[2] = {200, 10};
  } else if (mode == "hourly") {  // legacy per-hour budgets, refilled continuously
    defaults[0] = {12000, 12000.0 / 3600};
    defaults[1] = {1200, 1200.0 / 3600};
    defaults[2] = {15000, 15000.0 / 3600};
  } else {
    throw std::invalid_argument("unknown throttling mode '" + mode + "'");
  }
  limits_[0] = WithDefault(reads, defaults[0]);
  limits_[1] = WithDefault(writes, defaults[1]);
  limits_[2] = WithDefault(deletes, defaults[2]);
}

Throttler::Bucket& Throttler::Refilled(const Key& key, const BucketLimits& limits,
                                       std::chrono::steady_clock::time_point now) {
  auto [it, inserted] = buckets_.try_emplace(key, Bucket{limits.capacity, now});
  Bucket& bucket = it->second;
  if (!inserted) {
    double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    bucket.tokens = std::min(limits.capacity, bucket.tokens + elapsed * limits.refill_per_second);
    bucket.updated = now;
  }
  return bucket;
}

ThrottleDecision Throttler::Consume(const std::string& subscription_id,
                                    const std::string& principal_id, OperationClass operation_class,
                                    std::chrono::steady_clock::time_point now) {
  ThrottleDecision decision;
  if (!enabled_) return decision;
  const BucketLimits& own = limits_[static_cast<int>(operation_class)];
  BucketLimits global{own.capacity * kGlobalFactor, own.refill_per_second * kGlobalFactor};
  std::string subscription = ToLower(subscription_id);

  std::lock_guard<std::mutex> lock(mutex_);
  Bucket& mine = Refilled({subscription, ToLower(principal_id), operation_class}, own, now);
  Bucket& all = Refilled({subscription, "", operation_class}, global, now);
  decision.limit = std::lround(own.capacity);
  decision.interval = Interval(own);
  if (mine.tokens < 1 || all.tokens < 1) {
    // A throttled request is not processed and does not consume a token.
    double wait = 0;
    if (mine.tokens < 1) wait = std::max(wait, (1 - mine.tokens) / own.refill_per_second);
    if (all.tokens < 1) wait = std::max(wait, (1 - all.tokens) / global.refill_per_second);
    decision.allowed = false;
    decision.remaining = 0;
    decision.retry_after_seconds = std::max(1L, static_cast<long>(std::ceil(wait)));
    return decision;
  }
  mine.tokens -= 1;
  all.tokens -= 1;
  decision.remaining = static_cast<long>(std::floor(std::min(mine.tokens, all.tokens)));
  return decision;
}

void Throttler::Reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  buckets_.clear();
}

}  // namespace azscsp::emulator
