// A parsed HTTP proxy: where to connect and how to authenticate. Private to the transport.
#pragma once

#include <cstdint>
#include <string>

namespace azscsp::http {

struct ProxyEndpoint {
  std::string host;           // without brackets for IPv6
  uint16_t port = 0;          // 80 when the URL had none
  std::string authorization;  // "Basic ..." for Proxy-Authorization, empty without credentials
  std::string display;        // "http://host:port": safe for messages, never has credentials
};

// Parses "http://[user:pass@]host[:port]" (a bare "host:port" is taken as http://). Throws
// InvalidArgumentError naming the value, `source` when not empty (e.g. "HTTPS_PROXY"), with its
// password masked when the value is not such a URL.
ProxyEndpoint ParseProxyUrl(const std::string& url, const std::string& source);

}  // namespace azscsp::http
