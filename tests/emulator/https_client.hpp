// Small synchronous HTTPS/1.1 client for the emulator tests. It verifies the server chain
// against the given CA file and the host name, and keeps its connection alive between requests.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace azscsp::emulator::test {

struct HttpResult {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::string Header(const std::string& name) const;  // "" when absent (case-insensitive)
  bool HasHeader(const std::string& name) const;
  boost::json::value Json() const;  // throws on invalid JSON
  std::string ErrorCode() const;    // error.code of an ARM error body
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

class HttpsClient {
 public:
  // ca_file empty = trust nothing (every handshake fails verification).
  HttpsClient(std::string host, uint16_t port, std::string ca_file);
  ~HttpsClient();

  // Throws std::runtime_error on connection, TLS or protocol failures.
  HttpResult Request(const std::string& method, const std::string& target,
                     const std::string& body = {}, const HeaderList& headers = {});
  int Connections() const;  // connections opened so far (to check keep-alive)
  // By default a request that fails on a reused connection is sent once more on a new one
  // (the server may have closed it while idle). Fault tests turn this off.
  void RetryStaleConnections(bool retry);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace azscsp::emulator::test
