// HTTPS/1.1 listener over Boost.Beast and OpenSSL. Keeps Beast out of every other file: it only
// converts between Beast messages and HttpRequest/HttpResponse and applies delivery controls
// (delay, close, drop) requested by fault injection.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/message.hpp"

namespace azscsp::emulator {

class HttpsServer {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;

  // Binds and listens (connections queue from here on). Throws std::runtime_error.
  HttpsServer(const std::string& bind_address, uint16_t port, const std::string& cert_chain_pem,
              const std::string& private_key_pem, Handler handler);
  ~HttpsServer();
  HttpsServer(const HttpsServer&) = delete;
  HttpsServer& operator=(const HttpsServer&) = delete;

  uint16_t Port() const;
  void Run(int threads);  // starts accepting on `threads` background threads
  void Stop();            // closes the listener and every connection, joins the threads

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace azscsp::emulator
