// Transport over Boost.Beast and OpenSSL: TLS 1.2+, verified chain with SNI and host-name checks,
// system trust store plus an optional CA bundle, HTTPS proxies through CONNECT, keep-alive reuse
// per host, and real connect/read/total timeouts. Safe to share between threads.
#pragma once

#include <memory>

#include "azscsp/http/transport.hpp"

namespace azscsp::http {

class BeastTransport final : public Transport {
 public:
  explicit BeastTransport(TransportOptions options = {});
  ~BeastTransport() override;
  BeastTransport(const BeastTransport&) = delete;
  BeastTransport& operator=(const BeastTransport&) = delete;

  Response Send(const Request& request, const util::Context& context) override;

  // Connections currently idle in the pool (for tests of reuse).
  size_t IdleConnectionCount() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace azscsp::http
