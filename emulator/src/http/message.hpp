// Transport-neutral HTTP request/response used by every handler. Only server/ knows Beast,
// which keeps handlers cheap to compile and easy to test.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace azscsp::emulator {

class Headers {
 public:
  // Case-insensitive lookup; nullptr when absent.
  const std::string* Find(std::string_view name) const;
  std::string Get(std::string_view name) const;   // "" when absent
  void Set(std::string name, std::string value);  // replaces every header of that name
  void Add(std::string name, std::string value);
  void Remove(std::string_view name);
  const std::vector<std::pair<std::string, std::string>>& All() const { return entries_; }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

struct HttpRequest {
  std::string method;  // upper case
  std::string target;  // origin form: path and query, still percent-encoded
  Headers headers;
  std::string body;
};

struct HttpResponse {
  int status = 200;
  Headers headers;
  std::string body;
  // Delivery controls used by fault injection.
  bool close_connection = false;  // answer, then close
  bool drop_connection = false;   // close without answering
  int delay_ms = 0;               // wait before answering
};

}  // namespace azscsp::emulator
