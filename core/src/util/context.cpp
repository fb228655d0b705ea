#include "azscsp/util/context.hpp"

#include <utility>

#include "azscsp/errors.hpp"

namespace azscsp::util {

void CancellationSource::Cancel() {
  std::vector<std::pair<uint64_t, std::function<void()>>> callbacks;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (cancelled_.exchange(true, std::memory_order_acq_rel)) return;
    callbacks.swap(callbacks_);
  }
  // Called outside the lock so a callback may register or remove callbacks without deadlocking.
  // RemoveCallback therefore does not wait for a callback that is already running: callers that
  // need that guarantee (the transport does) synchronise inside their callback.
  for (auto& entry : callbacks) {
    try {
      entry.second();
    } catch (...) {
      // A cancellation callback must not stop the others from running.
    }
  }
}

uint64_t CancellationSource::OnCancel(std::function<void()> callback) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!cancelled_.load(std::memory_order_acquire)) {
      const uint64_t id = next_id_++;
      callbacks_.emplace_back(id, std::move(callback));
      return id;
    }
  }
  callback();
  return 0;
}

void CancellationSource::RemoveCallback(uint64_t id) {
  if (id == 0) return;
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = callbacks_.begin(); it != callbacks_.end(); ++it) {
    if (it->first == id) {
      callbacks_.erase(it);
      return;
    }
  }
}

Context Context::WithDeadline(Clock::time_point deadline) const {
  Context child = *this;
  if (!child.deadline_ || deadline < *child.deadline_) child.deadline_ = deadline;
  return child;
}

Context Context::WithLogSink(std::shared_ptr<LogSink> sink) const {
  Context child = *this;
  child.log_sink_ = std::move(sink);
  return child;
}

void Context::ThrowIfDone() const {
  if (IsCancelled()) throw CancelledError();
  if (deadline_ && Clock::now() >= *deadline_) {
    throw TimeoutError("The deadline of the operation passed before it completed.");
  }
}

}  // namespace azscsp::util
