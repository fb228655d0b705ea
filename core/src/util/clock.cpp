#include "azscsp/util/clock.hpp"

#include <condition_variable>
#include <mutex>

#include "azscsp/errors.hpp"

namespace azscsp::util {

void SystemClock::SleepFor(std::chrono::milliseconds duration, const Context& context) {
  context.ThrowIfDone();
  if (duration.count() <= 0) return;
  // A condition variable woken by the cancellation callback makes Ctrl+C end a long Retry-After.
  auto state = std::make_shared<std::pair<std::mutex, std::condition_variable>>();
  auto id = context.Cancellation()->OnCancel([state] {
    std::lock_guard<std::mutex> lock(state->first);
    state->second.notify_all();
  });
  {
    std::unique_lock<std::mutex> lock(state->first);
    auto wake = std::chrono::steady_clock::now() + duration;
    if (auto deadline = context.Deadline(); deadline && *deadline < wake) wake = *deadline;
    state->second.wait_until(lock, wake, [&] { return context.IsCancelled(); });
  }
  context.Cancellation()->RemoveCallback(id);
  context.ThrowIfDone();
}

SystemClock& SystemClock::Instance() {
  static SystemClock clock;
  return clock;
}

}  // namespace azscsp::util
