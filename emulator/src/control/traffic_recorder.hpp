// Writes each recorded exchange as one JSON file in the format `oav validate-traffic` reads:
// {"liveRequest":{"method","url","headers","body"},"liveResponse":{"statusCode","headers","body"}}
// (statusCode a string; bodies parsed JSON or null). The Authorization header is replaced by
// "Bearer [redacted]"; the router never hands token endpoint exchanges to it.
#pragma once

#include <atomic>
#include <filesystem>
#include <string>

#include "http/message.hpp"

namespace azscsp::emulator {

class TrafficRecorder {
 public:
  // Creates `directory` if needed (throws std::runtime_error when it cannot).
  explicit TrafficRecorder(std::filesystem::path directory);

  // base_url: https://{host}:{port}; the recorded url is base_url + request.target.
  // Never throws: a failed write must not change the answer the client gets.
  void Record(const std::string& base_url, const HttpRequest& request,
              const HttpResponse& response);

  const std::filesystem::path& directory() const { return directory_; }

 private:
  std::filesystem::path directory_;
  int instance_;  // distinguishes emulators in one process; the pid distinguishes processes
  std::atomic<long> sequence_{0};
};

}  // namespace azscsp::emulator
