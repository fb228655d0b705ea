// Fault injection rules (POST /_emulator/faults): the next `count` requests matching a method and
// a path substring get an error status, a dropped connection, or a delayed answer.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace azscsp::emulator {

struct FaultRule {
  std::string method;         // empty or "*" = any
  std::string path_contains;  // case-insensitive substring of path + query; empty = any
  int status = 0;             // 0 = keep the real status (useful with delay_ms)
  int count = 1;              // matching requests to affect; negative = unlimited
  int skip = 0;               // let this many matching requests through first ("fail call N")
  std::optional<std::string> retry_after;     // Retry-After header value
  std::optional<std::string> retry_after_ms;  // retry-after-ms header value
  bool close_connection = false;              // drop the connection without answering
  int delay_ms = 0;
  std::optional<boost::json::value> body;  // replaces the generated error body
};

// Throws std::invalid_argument naming the bad field.
FaultRule ParseFaultRule(const boost::json::value& value);
boost::json::value FaultRuleToJson(const FaultRule& rule);

class FaultInjector {
 public:
  void Add(FaultRule rule);
  void Clear();
  // Consumes one use of the first matching rule.
  std::optional<FaultRule> Match(const std::string& method, const std::string& path_and_query);
  boost::json::array List();

 private:
  std::mutex mutex_;
  std::vector<FaultRule> rules_;
};

}  // namespace azscsp::emulator
