#include "partnercenter/pc_rate_limiter.hpp"

#include <algorithm>
#include <cmath>

#include "util/strings.hpp"

namespace azscsp::emulator {

PcRateLimiter::Bucket& PcRateLimiter::Refilled(const std::string& key,
                                               std::chrono::steady_clock::time_point now) {
  auto [it, inserted] = buckets_.try_emplace(key, Bucket{limits_.capacity, now});
  Bucket& bucket = it->second;
  if (!inserted) {
    double seconds = std::chrono::duration<double>(now - bucket.updated).count();
    bucket.tokens = std::min(limits_.capacity, bucket.tokens + seconds * limits_.refill_per_second);
    bucket.updated = now;
  }
  return bucket;
}

long PcRateLimiter::RetryAfter(const Bucket& bucket) const {
  double missing = 1.0 - bucket.tokens;
  return std::max(1L, static_cast<long>(std::ceil(missing / limits_.refill_per_second)));
}

long PcRateLimiter::Consume(const std::string& partner_tenant, const std::string& customer,
                            std::chrono::steady_clock::time_point now) {
  if (limits_.capacity <= 0 || limits_.refill_per_second <= 0) return 0;
  std::lock_guard<std::mutex> lock(mutex_);
  Bucket& partner = Refilled(ToLower(partner_tenant), now);
  if (partner.tokens < 1.0) return RetryAfter(partner);
  if (!customer.empty()) {
    Bucket& pair = Refilled(ToLower(partner_tenant) + "|" + ToLower(customer), now);
    if (pair.tokens < 1.0) return RetryAfter(pair);
    pair.tokens -= 1.0;
  }
  partner.tokens -= 1.0;
  return 0;
}

void PcRateLimiter::Reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  buckets_.clear();
}

}  // namespace azscsp::emulator
