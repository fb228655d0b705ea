// Test doubles for the layers below the one under test: a scripted transport, a manual clock and
// a log sink that keeps every line.
#pragma once

#include <deque>
#include <functional>
#include <mutex>
#include <ostream>
#include <string>
#include <variant>
#include <vector>

#include "azscsp/errors.hpp"
#include "azscsp/http/transport.hpp"
#include "azscsp/util/clock.hpp"
#include "azscsp/util/log.hpp"

namespace azscsp {
// Lets Boost.Test print error kinds in failed comparisons.
inline std::ostream& operator<<(std::ostream& out, ErrorKind kind) {
  return out << ErrorKindName(kind);
}
}  // namespace azscsp

namespace azscsp::testing {

inline http::Response MakeResponse(int status, std::string body = {}, http::Headers headers = {}) {
  http::Response response;
  response.status = status;
  response.reason = status < 300 ? "OK" : "Error";
  response.body = std::move(body);
  response.headers = std::move(headers);
  if (!response.body.empty()) response.headers.emplace("Content-Type", "application/json");
  return response;
}

// Answers from a script of responses and transport errors (or a handler), recording requests.
class FakeTransport final : public http::Transport {
 public:
  using Handler = std::function<http::Response(const http::Request&)>;

  void Enqueue(http::Response response) { script_.emplace_back(std::move(response)); }
  void EnqueueError(std::string message) { script_.emplace_back(std::move(message)); }
  void SetHandler(Handler handler) { handler_ = std::move(handler); }

  http::Response Send(const http::Request& request, const util::Context& context) override {
    std::lock_guard<std::mutex> lock(mutex_);
    context.ThrowIfDone();
    requests_.push_back(request);
    if (handler_) return handler_(request);
    if (script_.empty()) throw std::logic_error("FakeTransport: no response queued");
    auto next = std::move(script_.front());
    script_.pop_front();
    if (auto* message = std::get_if<std::string>(&next)) throw TransportError(*message);
    return std::get<http::Response>(std::move(next));
  }

  const std::vector<http::Request>& Requests() const { return requests_; }

 private:
  std::mutex mutex_;
  std::deque<std::variant<http::Response, std::string>> script_;
  Handler handler_;
  std::vector<http::Request> requests_;
};

// Time stands still unless a test (or a sleep) moves it; sleeps are recorded, not waited.
class ManualClock final : public util::Clock {
 public:
  ManualClock()
      : now_(std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000))) {}
  SystemTime Now() const override { return now_; }
  void SleepFor(std::chrono::milliseconds duration, const util::Context& context) override {
    context.ThrowIfDone();
    sleeps_.push_back(duration);
    now_ += duration;
  }
  void Advance(std::chrono::seconds by) { now_ += by; }
  const std::vector<std::chrono::milliseconds>& Sleeps() const { return sleeps_; }

 private:
  SystemTime now_;
  std::vector<std::chrono::milliseconds> sleeps_;
};

class CapturingLogSink final : public util::LogSink {
 public:
  explicit CapturingLogSink(util::LogLevel level = util::LogLevel::Debug) : level_(level) {}
  util::LogLevel Level() const override { return level_; }
  void Write(util::LogLevel, const std::string& message) override {
    std::lock_guard<std::mutex> lock(mutex_);
    text_ += message + "\n";
  }
  std::string Text() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return text_;
  }

 private:
  util::LogLevel level_;
  mutable std::mutex mutex_;
  std::string text_;
};

}  // namespace azscsp::testing
