#include "partnercenter/pc_idempotency.hpp"

namespace azscsp::emulator {

std::optional<HttpResponse> PcIdempotencyCache::Find(const std::string& key,
                                                     std::chrono::steady_clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  if (now - it->second.stored > kWindow) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.response;
}

void PcIdempotencyCache::Store(const std::string& key, const HttpResponse& response,
                               std::chrono::steady_clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end();) {  // forget expired answers
    it = now - it->second.stored > kWindow ? entries_.erase(it) : std::next(it);
  }
  entries_[key] = Entry{response, now};
}

void PcIdempotencyCache::Clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.clear();
}

}  // namespace azscsp::emulator
