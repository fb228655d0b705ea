// Log of recent requests (GET /_emulator/requests) so tests can check retries and headers.
// Authorization (and other credential headers) are never recorded.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <deque>
#include <mutex>
#include <string>

#include "http/message.hpp"

namespace azscsp::emulator {

struct RequestLogEntry {
  std::string time;
  std::string host = "main";  // listener: main, admin, tenant, graph
  std::string method;
  std::string path;   // raw path as received
  std::string query;  // raw query as received
  int status = 0;     // 0 = connection dropped by a fault
  bool fault = false;
  long duration_ms = 0;
  std::string request_id;
  boost::json::object headers;
};

class RequestLog {
 public:
  explicit RequestLog(size_t capacity = 2000) : capacity_(capacity) {}
  void Add(RequestLogEntry entry);
  void Clear();
  // path_contains filters (case-insensitively) when non-empty.
  boost::json::array List(const std::string& path_contains);

  static boost::json::object SafeHeaders(const Headers& headers);
  // The raw query with credential-like values (client_secret, password, ...) replaced.
  static std::string SafeQuery(const std::string& raw_query);

 private:
  size_t capacity_;
  std::mutex mutex_;
  std::deque<RequestLogEntry> entries_;
  long next_sequence_ = 1;
  std::deque<long> sequence_;
};

}  // namespace azscsp::emulator
