#include "operation.hpp"

#include <atomic>
#include <chrono>

#include "azscsp/errors.hpp"
#include "client_state.hpp"
#include "error_json.hpp"

namespace json = boost::json;

namespace azscsp::shim {

// Log lines become events, so the caller writes them on its own thread.
class Operation::QueueLogSink final : public util::LogSink {
 public:
  QueueLogSink(Operation& operation, util::LogLevel level) : operation_(operation), level_(level) {}
  util::LogLevel Level() const override { return level_.load(); }
  void SetLevel(util::LogLevel level) { level_.store(level); }
  void Write(util::LogLevel level, const std::string& message) override {
    operation_.PushEvent(
        {{"kind", "log"}, {"level", util::LogLevelName(level)}, {"message", message}});
  }
  // Device code instructions: the module shows them at once, whatever the log level.
  void Prompt(const std::string& message) override {
    operation_.PushEvent({{"kind", "prompt"}, {"message", message}});
  }
  // Steps of registrations.register: shown as they happen, whatever the log level.
  void Progress(const std::string& message) override {
    operation_.PushEvent({{"kind", "log"}, {"level", "info"}, {"message", message}});
  }

 private:
  Operation& operation_;
  std::atomic<util::LogLevel> level_;
};

Operation::Operation(std::shared_ptr<ClientState> client, Handler handler)
    : client_(std::move(client)), handler_(std::move(handler)) {
  // Warnings always reach the caller; more only when asked for.
  const util::LogLevel level = std::max(client_->LogLevel(), util::LogLevel::Warning);
  log_sink_ = std::make_shared<QueueLogSink>(*this, level);
  context_ = context_.WithLogSink(log_sink_);
}

void Operation::ApplyLogLevel(const json::object& arguments) {
  // A cmdlet run with -Verbose or -Debug asks for more than the client was opened with.
  const json::value* level = arguments.if_contains("logLevel");
  if (level == nullptr || !level->is_string()) return;
  log_sink_->SetLevel(
      std::max(util::ParseLogLevel(std::string(level->as_string())), util::LogLevel::Warning));
}

Operation::~Operation() {
  Close();
}

void Operation::PushEvent(json::object event) {
  std::string text = json::serialize(event);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    events_.push_back(std::move(text));
  }
  events_ready_.notify_all();
}

void Operation::FinishWorker(azscsp_status status, std::string error_json) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (status != AZSCSP_OK && final_status_ == AZSCSP_OK) {
      final_status_ = status;
      final_error_json_ = std::move(error_json);
    }
    if (--running_workers_ == 0) finished_ = true;
  }
  events_ready_.notify_all();
}

void Operation::StartSingle(json::object arguments) {
  ApplyLogLevel(arguments);
  running_workers_ = 1;
  threads_.emplace_back([this, arguments = std::move(arguments)] {
    std::string error_json;
    azscsp_status status = AZSCSP_OK;
    try {
      handler_(
          *client_, arguments,
          [this](json::object item) {
            PushEvent({{"kind", "item"}, {"data", std::move(item)}});
          },
          context_);
    } catch (...) {
      status = DescribeCurrentException(error_json);
    }
    FinishWorker(status, std::move(error_json));
  });
}

void Operation::StartBatch(int concurrency) {
  batch_ = true;
  running_workers_ = concurrency;
  for (int i = 0; i < concurrency; ++i) threads_.emplace_back([this] { RunBatchWorker(); });
}

void Operation::Push(std::string tag, json::object arguments) {
  ApplyLogLevel(arguments);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (input_closed_) throw InvalidArgumentError("The batch's input was already ended.");
    input_.emplace_back(std::move(tag), std::move(arguments));
  }
  input_ready_.notify_one();
}

void Operation::EndInput() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    input_closed_ = true;
  }
  input_ready_.notify_all();
}

void Operation::RunBatchWorker() {
  for (;;) {
    std::pair<std::string, json::object> work;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      input_ready_.wait(
          lock, [this] { return !input_.empty() || input_closed_ || context_.IsCancelled(); });
      if (context_.IsCancelled() || input_.empty()) break;
      work = std::move(input_.front());
      input_.pop_front();
    }
    json::object result{{"kind", "result"}, {"tag", work.first}};
    try {
      json::value data = nullptr;
      handler_(
          *client_, work.second, [&data](json::object item) { data = std::move(item); }, context_);
      result["ok"] = true;
      result["data"] = std::move(data);
    } catch (...) {
      std::string error_json;
      DescribeCurrentException(error_json);
      result["ok"] = false;
      result["error"] = json::parse(error_json);
    }
    PushEvent(std::move(result));
  }
  if (context_.IsCancelled()) {
    std::string error_json;
    try {
      throw CancelledError();
    } catch (...) {
      FinishWorker(DescribeCurrentException(error_json), error_json);
    }
    return;
  }
  FinishWorker(AZSCSP_OK, {});
}

azscsp_status Operation::Poll(int timeout_ms, std::string& event_json, std::string& error_json) {
  std::unique_lock<std::mutex> lock(mutex_);
  events_ready_.wait_for(lock, std::chrono::milliseconds(std::max(timeout_ms, 0)),
                         [this] { return !events_.empty() || finished_; });
  if (!events_.empty()) {
    event_json = std::move(events_.front());
    events_.pop_front();
    return AZSCSP_OK;
  }
  if (!finished_) return AZSCSP_PENDING;
  if (final_status_ == AZSCSP_OK) return AZSCSP_DONE;
  error_json = final_error_json_;
  return final_status_;
}

void Operation::Cancel() {
  context_.Cancel();
  // Take the lock once so no worker is between testing its wait condition and sleeping: it either
  // sees the cancellation or is already waiting and gets the notification.
  { std::lock_guard<std::mutex> lock(mutex_); }
  input_ready_.notify_all();
  events_ready_.notify_all();
}

void Operation::Close() {
  Cancel();
  for (auto& thread : threads_)
    if (thread.joinable()) thread.join();
  threads_.clear();
}

}  // namespace azscsp::shim
