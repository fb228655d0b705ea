// The lowest layer: sends one request and returns one response. Tests substitute a fake.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "azscsp/http/http_message.hpp"
#include "azscsp/util/context.hpp"

namespace azscsp::http {

class Transport {
 public:
  virtual ~Transport() = default;
  // Sends `request` and reads the whole response. Throws TransportError, TlsError, TimeoutError or
  // CancelledError; never throws for an HTTP error status.
  virtual Response Send(const Request& request, const util::Context& context) = 0;
};

struct ProxyOptions {
  std::string url;       // "http://[user:pass@]host:port"; empty = no proxy
  std::string no_proxy;  // comma-separated hosts/suffixes/IPs, "*" = all; NO_PROXY syntax
  // Reads HTTPS_PROXY/https_proxy and NO_PROXY/no_proxy.
  static ProxyOptions FromEnvironment();
  // True when `host` must be reached directly according to no_proxy.
  bool Bypasses(const std::string& host) const;
};

struct TransportOptions {
  // TLS verification (chain, host name, SNI) is on unless the user explicitly turns it off.
  bool verify_tls = true;
  std::string ca_bundle_path;  // extra trusted CAs (PEM), added to the system store
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds read_timeout{60'000};    // per read of headers/body
  std::chrono::milliseconds total_timeout{120'000};  // whole request, including retries of connect
  std::optional<ProxyOptions> proxy;                 // unset = from the environment
  size_t max_idle_connections_per_host = 8;
};

}  // namespace azscsp::http
