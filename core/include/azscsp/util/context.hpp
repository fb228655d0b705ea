// Per-call context: cancellation that crosses threads, an optional deadline and a log sink.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace azscsp::util {

class LogSink;

// Shared cancellation flag. Cancel() may be called from any thread; waiters registered with
// OnCancel are called once, on the cancelling thread, so a transport can abort its socket.
class CancellationSource {
 public:
  void Cancel();
  bool IsCancelled() const { return cancelled_.load(std::memory_order_acquire); }
  // Returns an id for RemoveCallback; calls `callback` at once if already cancelled.
  uint64_t OnCancel(std::function<void()> callback);
  void RemoveCallback(uint64_t id);

 private:
  std::atomic<bool> cancelled_{false};
  std::mutex mutex_;
  uint64_t next_id_ = 1;
  std::vector<std::pair<uint64_t, std::function<void()>>> callbacks_;
};

class Context {
 public:
  using Clock = std::chrono::steady_clock;

  Context() : cancellation_(std::make_shared<CancellationSource>()) {}

  // A child shares the cancellation and log sink and may only shorten the deadline.
  Context WithDeadline(Clock::time_point deadline) const;
  Context WithLogSink(std::shared_ptr<LogSink> sink) const;

  bool IsCancelled() const { return cancellation_->IsCancelled(); }
  void Cancel() const { cancellation_->Cancel(); }
  // Throws CancelledError if cancelled, TimeoutError if past the deadline.
  void ThrowIfDone() const;
  std::optional<Clock::time_point> Deadline() const { return deadline_; }
  const std::shared_ptr<CancellationSource>& Cancellation() const { return cancellation_; }
  LogSink* Log() const { return log_sink_.get(); }

 private:
  std::shared_ptr<CancellationSource> cancellation_;
  std::optional<Clock::time_point> deadline_;
  std::shared_ptr<LogSink> log_sink_;
};

}  // namespace azscsp::util
