// Time source and sleeping, injectable so retry and token-expiry tests run without waiting.
#pragma once

#include <chrono>

#include "azscsp/util/context.hpp"

namespace azscsp::util {

class Clock {
 public:
  using SystemTime = std::chrono::system_clock::time_point;
  virtual ~Clock() = default;
  virtual SystemTime Now() const = 0;
  // Sleeps, waking early to throw CancelledError when the context is cancelled.
  virtual void SleepFor(std::chrono::milliseconds duration, const Context& context) = 0;
};

// The real clock; the sleep is interruptible by cancellation.
class SystemClock final : public Clock {
 public:
  SystemTime Now() const override { return std::chrono::system_clock::now(); }
  void SleepFor(std::chrono::milliseconds duration, const Context& context) override;
  static SystemClock& Instance();
};

}  // namespace azscsp::util
