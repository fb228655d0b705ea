// One HTTP/1.1 connection: a TCP socket, TLS on top for https, and the read buffer that belongs
// to it (bytes read past one response stay with the connection). Private to the transport; used
// only on the transport's I/O thread.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>

namespace azscsp::http {

struct Connection {
  using Tcp = boost::asio::ip::tcp;
  using TlsStream = boost::asio::ssl::stream<Tcp::socket>;

  explicit Connection(const boost::asio::any_io_executor& executor) : socket(executor) {}

  // The socket until TLS starts; afterwards TLS owns it (see Lowest()).
  Tcp::socket socket;
  std::unique_ptr<TlsStream> tls;
  boost::beast::flat_buffer buffer;
  std::string pool_key;
  std::chrono::steady_clock::time_point idle_since{};

  Tcp::socket& Lowest() { return tls ? tls->next_layer() : socket; }

  // Calls `f` with the stream HTTP is read from and written to.
  template <class F>
  void WithStream(F&& f) {
    if (tls) {
      f(*tls);
    } else {
      f(socket);
    }
  }

  // Closes the socket (any pending operation completes with operation_aborted); never throws.
  void Close() {
    boost::system::error_code ignored;
    Lowest().close(ignored);
  }
};

}  // namespace azscsp::http
