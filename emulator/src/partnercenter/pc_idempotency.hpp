// MS-RequestId idempotency (reference §3, §11): a POST that creates something, repeated with the
// same MS-RequestId within 15 minutes, gets the first answer again without a second effect.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "http/message.hpp"

namespace azscsp::emulator {

class PcIdempotencyCache {
 public:
  static constexpr std::chrono::minutes kWindow{15};

  std::optional<HttpResponse> Find(
      const std::string& key,
      std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());
  void Store(const std::string& key, const HttpResponse& response,
             std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());
  void Clear();

 private:
  struct Entry {
    HttpResponse response;
    std::chrono::steady_clock::time_point stored;
  };
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace azscsp::emulator
