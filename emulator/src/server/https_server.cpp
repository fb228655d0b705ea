#include "server/https_server.hpp"

#include <openssl/ssl.h>

#include <algorithm>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

namespace azscsp::emulator {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

namespace {

constexpr auto kHandshakeTimeout = std::chrono::seconds(30);
constexpr auto kIdleTimeout = std::chrono::seconds(120);  // keep-alive connections
constexpr auto kWriteTimeout = std::chrono::seconds(60);
constexpr size_t kBodyLimit = 16 * 1024 * 1024;

HttpRequest ToRequest(const http::request<http::string_body>& in) {
  HttpRequest out;
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  for (const auto& field : in) {
    out.headers.Add(std::string(field.name_string()), std::string(field.value()));
  }
  out.body = in.body();
  return out;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, ssl::context& tls, const HttpsServer::Handler& handler)
      : stream_(std::move(socket), tls), timer_(stream_.get_executor()), handler_(handler) {}

  void Run() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Handshake(); });
  }

 private:
  void Handshake() {
    beast::get_lowest_layer(stream_).expires_after(kHandshakeTimeout);
    stream_.async_handshake(ssl::stream_base::server,
                            [self = shared_from_this()](beast::error_code ec) {
                              if (!ec) self->Read();  // untrusted clients fail here: just drop
                            });
  }

  void Read() {
    parser_.emplace();
    parser_->body_limit(kBodyLimit);
    beast::get_lowest_layer(stream_).expires_after(kIdleTimeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  // Clients such as curl send "Expect: 100-continue" with larger bodies and wait (about a
  // second) for an interim answer before sending the body.
  void OnHeader(beast::error_code ec) {
    if (ec) return OnRead(ec);
    auto expect = parser_->get().find(http::field::expect);
    if (expect != parser_->get().end() && beast::iequals(expect->value(), "100-continue")) {
      auto interim = std::make_shared<http::response<http::empty_body>>(http::status::continue_,
                                                                        parser_->get().version());
      return http::async_write(stream_, *interim,
                               [self = shared_from_this(), interim](beast::error_code ec, size_t) {
                                 if (ec) return;
                                 self->ReadBody();
                               });
    }
    ReadBody();
  }

  void ReadBody() {
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec == http::error::end_of_stream) return Shutdown();
    if (ec) return;  // timeout, reset or malformed request: the connection just ends
    const auto& request = parser_->get();
    HttpResponse out = handler_(ToRequest(request));
    if (out.drop_connection) {
      return Later(out.delay_ms, [self = shared_from_this()] { self->Drop(); });
    }
    auto response = std::make_shared<http::response<http::string_body>>();
    response->version(request.version());
    response->result(static_cast<unsigned>(out.status));
    for (const auto& [name, value] : out.headers.All()) response->insert(name, value);
    response->body() = std::move(out.body);
    response->keep_alive(request.keep_alive() && !out.close_connection);
    response->prepare_payload();
    Later(out.delay_ms, [self = shared_from_this(), response] { self->Write(response); });
  }

  template <typename F>
  void Later(int delay_ms, F f) {
    if (delay_ms <= 0) return f();
    timer_.expires_after(std::chrono::milliseconds(delay_ms));
    timer_.async_wait([f = std::move(f)](beast::error_code ec) {
      if (!ec) f();
    });
  }

  void Write(std::shared_ptr<http::response<http::string_body>> response) {
    beast::get_lowest_layer(stream_).expires_after(kWriteTimeout);
    http::async_write(stream_, *response,
                      [self = shared_from_this(), response](beast::error_code ec, size_t) {
                        if (ec) return;
                        if (!response->keep_alive()) return self->Shutdown();
                        self->Read();
                      });
  }

  void Shutdown() {
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
    stream_.async_shutdown([self = shared_from_this()](beast::error_code) {});
  }

  void Drop() {
    beast::error_code ignored;
    beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(stream_).socket().close(ignored);
  }

  beast::ssl_stream<beast::tcp_stream> stream_;
  net::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  const HttpsServer::Handler& handler_;
};

}  // namespace

class HttpsServer::Impl {
 public:
  Impl(const std::string& bind_address, uint16_t port, const std::string& chain,
       const std::string& key, Handler handler)
      : handler_(std::move(handler)), tls_(ssl::context::tls_server), acceptor_(io_) {
    tls_.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                     ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                     ssl::context::single_dh_use);
    SSL_CTX_set_min_proto_version(tls_.native_handle(), TLS1_2_VERSION);
    tls_.use_certificate_chain(net::buffer(chain));
    tls_.use_private_key(net::buffer(key), ssl::context::pem);

    beast::error_code ec;
    auto address =
        net::ip::make_address(bind_address == "localhost" ? "127.0.0.1" : bind_address, ec);
    if (ec) throw std::runtime_error("invalid bind address '" + bind_address + "'");
    tcp::endpoint endpoint(address, port);
    acceptor_.open(endpoint.protocol(), ec);
#ifndef _WIN32  // on Windows SO_REUSEADDR would let another process steal the port
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
#endif
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      throw std::runtime_error("cannot listen on " + bind_address + ":" + std::to_string(port) +
                               ": " + ec.message());
    }
    port_ = acceptor_.local_endpoint().port();
  }

  ~Impl() {
    Stop();
  }

  uint16_t Port() const {
    return port_;
  }

  void Run(int threads) {
    Accept();
    for (int i = 0; i < std::max(1, threads); ++i) {
      threads_.emplace_back([this] { io_.run(); });
    }
  }

  void Stop() {
    net::post(io_, [this] {
      beast::error_code ignored;
      acceptor_.close(ignored);
    });
    io_.stop();
    for (auto& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
    threads_.clear();
  }

 private:
  void Accept() {
    acceptor_.async_accept(net::make_strand(io_), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
      if (!ec) {
        // Responses go out as several TLS records; without this, Nagle plus the peer's delayed
        // ACK adds ~40 ms to every larger answer.
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        std::make_shared<Session>(std::move(socket), tls_, handler_)->Run();
      }
      Accept();
    });
  }

  // Declaration order matters: sessions owned by io_ refer to handler_ and tls_.
  Handler handler_;
  ssl::context tls_;
  net::io_context io_;
  tcp::acceptor acceptor_;
  std::vector<std::thread> threads_;
  uint16_t port_ = 0;
};

HttpsServer::HttpsServer(const std::string& bind_address, uint16_t port, const std::string& chain,
                         const std::string& key, Handler handler)
    : impl_(std::make_unique<Impl>(bind_address, port, chain, key, std::move(handler))) {}
HttpsServer::~HttpsServer() = default;
uint16_t HttpsServer::Port() const {
  return impl_->Port();
}
void HttpsServer::Run(int threads) {
  impl_->Run(threads);
}
void HttpsServer::Stop() {
  impl_->Stop();
}

}  // namespace azscsp::emulator
