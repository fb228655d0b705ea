// A running call: core threads produce events (items, log lines, results) into a queue that the
// caller polls. A plain operation runs one handler on one thread; a batch runs the handler once
// per pushed input on up to `concurrency` threads.
#pragma once

#include <boost/json.hpp>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "azscsp.h"
#include "azscsp/util/context.hpp"
#include "azscsp/util/log.hpp"

namespace azscsp::shim {

class ClientState;

// Emits one output object of an operation.
using Emit = std::function<void(boost::json::object item)>;
using Handler = std::function<void(ClientState& client, const boost::json::object& arguments,
                                   const Emit& emit, const util::Context& context)>;

class Operation : public std::enable_shared_from_this<Operation> {
 public:
  Operation(std::shared_ptr<ClientState> client, Handler handler);
  ~Operation();

  void StartSingle(boost::json::object arguments);
  void StartBatch(int concurrency);
  void Push(std::string tag, boost::json::object arguments);  // batch only
  void EndInput();                                            // batch only
  bool IsBatch() const { return batch_; }

  // AZSCSP_OK with an event, AZSCSP_PENDING, AZSCSP_DONE, or the status that ended the operation
  // (then `error_json` is its error).
  azscsp_status Poll(int timeout_ms, std::string& event_json, std::string& error_json);
  void Cancel();
  // Cancels if running and joins the threads.
  void Close();

 private:
  class QueueLogSink;
  void ApplyLogLevel(const boost::json::object& arguments);
  void PushEvent(boost::json::object event);
  void RunBatchWorker();
  void FinishWorker(azscsp_status status, std::string error_json);

  std::shared_ptr<ClientState> client_;
  Handler handler_;
  std::shared_ptr<QueueLogSink> log_sink_;
  util::Context context_;
  bool batch_ = false;

  std::mutex mutex_;
  std::condition_variable events_ready_;
  std::condition_variable input_ready_;
  std::deque<std::string> events_;
  std::deque<std::pair<std::string, boost::json::object>> input_;
  bool input_closed_ = false;
  int running_workers_ = 0;
  bool finished_ = false;
  azscsp_status final_status_ = AZSCSP_OK;
  std::string final_error_json_;
  std::vector<std::thread> threads_;
};

}  // namespace azscsp::shim
