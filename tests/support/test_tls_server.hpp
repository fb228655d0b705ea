// In-process HTTP(S) servers for transport tests, on 127.0.0.1 with an ephemeral port:
// - TestHttpServer: TLS (or plain) HTTP/1.1 with keep-alive; a handler decides each reply,
//   including delays, chunked bodies and closing the connection without saying so.
// - TestProxy: an HTTP CONNECT proxy that records what it received and tunnels bytes.
// - SilentListener: a listening socket nobody accepts on: TCP connects, nothing ever answers.
// Blocking sockets with a thread per connection keep this simple; Stop() (also run by the
// destructors) shuts every socket down and joins the threads. Header-only on purpose.
#pragma once

#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "test_pki.hpp"

namespace azscsp::testing {

namespace server_detail {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using Tcp = asio::ip::tcp;

// Sockets of live connections, so Stop() can wake threads blocked in reads.
class SocketRegistry {
 public:
  void Add(const std::shared_ptr<Tcp::socket>& socket) {
    std::lock_guard<std::mutex> lock(mutex_);
    sockets_.push_back(socket);
  }
  // Closing goes through the registry so it never races with ShutdownAll() on another thread.
  void Close(Tcp::socket& socket) {
    std::lock_guard<std::mutex> lock(mutex_);
    boost::system::error_code ignored;
    socket.close(ignored);
  }
  void ShutdownAll() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& weak : sockets_) {
      if (auto socket = weak.lock()) {
        boost::system::error_code ignored;
        socket->shutdown(Tcp::socket::shutdown_both, ignored);
      }
    }
  }

 private:
  std::mutex mutex_;
  std::vector<std::weak_ptr<Tcp::socket>> sockets_;
};

// Accepts on 127.0.0.1:<ephemeral> in a thread and runs `on_accept` in a thread per connection.
class Listener {
 public:
  using OnAccept = std::function<void(std::shared_ptr<Tcp::socket>)>;

  Listener() : acceptor_(io_, Tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {}
  ~Listener() { Stop(); }

  uint16_t Port() const { return port_; }

  void Start(OnAccept on_accept) {
    port_ = acceptor_.local_endpoint().port();
    accept_thread_ = std::thread([this, on_accept] {
      for (;;) {
        auto socket = std::make_shared<Tcp::socket>(io_);
        boost::system::error_code ec;
        acceptor_.accept(*socket, ec);
        if (stopping_) return;
        if (ec) continue;
        ++accepted_;
        registry_.Add(socket);
        std::lock_guard<std::mutex> lock(threads_mutex_);
        threads_.emplace_back([this, socket, on_accept] {
          try {
            on_accept(socket);
          } catch (...) {
          }
          registry_.Close(*socket);
          ++closed_;
        });
      }
    });
  }

  void Stop() {
    if (stopping_.exchange(true)) return;
    if (accept_thread_.joinable()) {
      // Wake the blocking accept() portably: connect to ourselves.
      try {
        Tcp::socket waker(io_);
        waker.connect(Tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
      } catch (...) {
      }
      accept_thread_.join();
    }
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    registry_.ShutdownAll();
    std::vector<std::thread> threads;
    {
      std::lock_guard<std::mutex> lock(threads_mutex_);
      threads.swap(threads_);
    }
    for (auto& thread : threads) thread.join();
  }

  bool Stopping() const { return stopping_; }
  SocketRegistry& Registry() { return registry_; }
  int Accepted() const { return accepted_; }
  int Closed() const { return closed_; }

 private:
  asio::io_context io_;  // only for socket construction: everything here is blocking
  Tcp::acceptor acceptor_;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> accepted_{0};
  std::atomic<int> closed_{0};
  SocketRegistry registry_;
  std::thread accept_thread_;
  std::mutex threads_mutex_;
  std::vector<std::thread> threads_;
};

}  // namespace server_detail

struct ReceivedRequest {
  std::string method;
  std::string target;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  int connection = 0;       // 1-based number of the connection it arrived on
  std::string server_name;  // SNI the client sent on that connection ("" when none)
};

struct TestReply {
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  bool chunked = false;
  bool close_with_header = false;      // send "Connection: close" and close
  bool close_silently = false;         // close after the reply without saying so (stale keep-alive)
  std::chrono::milliseconds delay{0};  // wait this long (or until Stop) before answering
  bool never_answer = false;           // keep the connection open and never answer
  size_t declared_length = 0;          // > 0: announce this Content-Length, send no body, close
  std::string raw;                     // not empty: write these bytes as the answer, then close
};

class TestHttpServer {
 public:
  using Handler = std::function<TestReply(const ReceivedRequest&)>;

  // A TLS server presenting `certificate` (with its chain); without one, plain HTTP.
  explicit TestHttpServer(Handler handler, const TestCertificate* certificate = nullptr)
      : handler_(std::move(handler)), tls_(certificate != nullptr) {
    if (tls_) {
      context_.use_certificate_chain(
          boost::asio::buffer(certificate->chain_pem.data(), certificate->chain_pem.size()));
      context_.use_private_key(
          boost::asio::buffer(certificate->key_pem.data(), certificate->key_pem.size()),
          boost::asio::ssl::context::pem);
    }
    listener_.Start([this](std::shared_ptr<server_detail::Tcp::socket> socket) {
      const int number = ++connections_;
      Serve(*socket, number);
    });
  }
  ~TestHttpServer() { Stop(); }

  uint16_t Port() const { return listener_.Port(); }
  std::string Url(const std::string& host = "127.0.0.1", const std::string& path = "/") const {
    return std::string(tls_ ? "https" : "http") + "://" + host + ":" + std::to_string(Port()) +
           path;
  }
  int ConnectionsAccepted() const { return listener_.Accepted(); }
  int ConnectionsClosed() const { return listener_.Closed(); }
  int HandshakeFailures() const { return handshake_failures_; }
  std::vector<ReceivedRequest> Requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }

  // Waits up to `limit` for `predicate`; true if it held.
  template <class Predicate>
  static bool WaitFor(Predicate predicate,
                      std::chrono::milliseconds limit = std::chrono::milliseconds(5000)) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!predicate()) {
      if (std::chrono::steady_clock::now() > end) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
  }

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    stop_cv_.notify_all();
    listener_.Stop();
  }

 private:
  template <class Stream>
  void Exchange(Stream& stream, int connection, const std::string& server_name = {}) {
    namespace bhttp = server_detail::bhttp;
    boost::beast::flat_buffer buffer;
    for (;;) {
      bhttp::request<bhttp::string_body> request;
      boost::system::error_code ec;
      bhttp::read(stream, buffer, request, ec);
      if (ec) return;
      ReceivedRequest received;
      received.method = std::string(request.method_string());
      received.target = std::string(request.target());
      for (const auto& field : request) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        received.headers[name] = std::string(field.value());
      }
      received.body = request.body();
      received.connection = connection;
      received.server_name = server_name;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        requests_.push_back(received);
      }
      const TestReply reply = handler_(received);
      if (reply.never_answer) {
        WaitUntilStopped(std::chrono::hours(1));
        return;
      }
      if (reply.delay.count() > 0 && WaitUntilStopped(reply.delay)) return;

      if (!reply.raw.empty()) {
        boost::asio::write(stream, boost::asio::buffer(reply.raw), ec);
        return;  // closed without TLS close_notify: the body ends with the connection
      }
      if (reply.declared_length > 0) {
        bhttp::response<bhttp::empty_body> header;
        header.version(11);
        header.result(static_cast<unsigned>(reply.status));
        header.content_length(reply.declared_length);
        bhttp::write(stream, header, ec);
        return;
      }

      bhttp::response<bhttp::string_body> response;
      response.version(11);
      response.result(static_cast<unsigned>(reply.status));
      for (const auto& [name, value] : reply.headers) response.insert(name, value);
      if (request.method() == bhttp::verb::head) {
        response.content_length(reply.body.size());  // the length, never the body
      } else {
        response.body() = reply.body;
        if (reply.chunked) {
          response.chunked(true);
        } else {
          response.prepare_payload();
        }
      }
      if (reply.close_with_header) response.keep_alive(false);
      bhttp::write(stream, response, ec);
      if (ec || reply.close_with_header || reply.close_silently || !request.keep_alive()) return;
    }
  }

  void Serve(server_detail::Tcp::socket& socket, int connection) {
    if (!tls_) {
      Exchange(socket, connection);
      return;
    }
    boost::asio::ssl::stream<server_detail::Tcp::socket&> stream(socket, context_);
    boost::system::error_code ec;
    stream.handshake(boost::asio::ssl::stream_base::server, ec);
    if (ec) {
      ++handshake_failures_;
      return;
    }
    const char* sni = SSL_get_servername(stream.native_handle(), TLSEXT_NAMETYPE_host_name);
    Exchange(stream, connection, sni == nullptr ? std::string() : std::string(sni));
  }

  // True when the server is stopping (the wait was cut short).
  bool WaitUntilStopped(std::chrono::milliseconds limit) {
    std::unique_lock<std::mutex> lock(mutex_);
    return stop_cv_.wait_for(lock, limit, [this] { return stopping_; });
  }

  Handler handler_;
  bool tls_;
  boost::asio::ssl::context context_{boost::asio::ssl::context::tls_server};
  std::atomic<int> connections_{0};
  std::atomic<int> handshake_failures_{0};
  mutable std::mutex mutex_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  std::vector<ReceivedRequest> requests_;
  server_detail::Listener listener_;  // last: its threads use the members above
};

// An HTTP proxy that only does CONNECT. With `credentials` ("user:password") it demands Basic
// Proxy-Authorization and answers 407 otherwise.
class TestProxy {
 public:
  struct Seen {
    std::string request_line;         // "CONNECT 127.0.0.1:12345 HTTP/1.1"
    std::string proxy_authorization;  // as received, empty when absent
  };

  explicit TestProxy(std::string credentials = {}) : credentials_(std::move(credentials)) {
    listener_.Start([this](std::shared_ptr<server_detail::Tcp::socket> socket) { Serve(socket); });
  }
  ~TestProxy() { listener_.Stop(); }

  uint16_t Port() const { return listener_.Port(); }
  std::vector<Seen> Requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return seen_;
  }
  int Tunnels() const { return tunnels_; }

 private:
  void Serve(const std::shared_ptr<server_detail::Tcp::socket>& client) {
    namespace bhttp = server_detail::bhttp;
    namespace asio = server_detail::asio;
    using Tcp = server_detail::Tcp;
    boost::beast::flat_buffer buffer;
    bhttp::request_parser<bhttp::empty_body> parser;
    boost::system::error_code ec;
    bhttp::read_header(*client, buffer, parser, ec);
    if (ec) return;
    const auto& request = parser.get();
    Seen seen;
    seen.request_line = std::string(request.method_string()) + " " + std::string(request.target()) +
                        " HTTP/" + std::to_string(request.version() / 10) + "." +
                        std::to_string(request.version() % 10);
    const auto auth = request.find(bhttp::field::proxy_authorization);
    if (auth != request.end()) seen.proxy_authorization = std::string(auth->value());
    {
      std::lock_guard<std::mutex> lock(mutex_);
      seen_.push_back(seen);
    }
    auto reply = [&](const std::string& text) { asio::write(*client, asio::buffer(text), ec); };
    if (request.method() != bhttp::verb::connect) {
      reply("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    if (!credentials_.empty() && seen.proxy_authorization != "Basic " + Base64(credentials_)) {
      reply(
          "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic "
          "realm=\"test\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    const std::string target(request.target());
    const size_t colon = target.rfind(':');
    auto upstream = std::make_shared<Tcp::socket>(client->get_executor());
    try {
      Tcp::resolver resolver(client->get_executor());
      asio::connect(*upstream, resolver.resolve(target.substr(0, colon), target.substr(colon + 1)));
    } catch (...) {
      reply("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    listener_.Registry().Add(upstream);
    reply("HTTP/1.1 200 Connection Established\r\n\r\n");
    if (ec) return;
    ++tunnels_;
    auto pump = [](Tcp::socket& from, Tcp::socket& to) {
      char data[16 * 1024];
      boost::system::error_code error;
      for (;;) {
        const size_t n = from.read_some(asio::buffer(data), error);
        if (error) break;
        asio::write(to, asio::buffer(data, n), error);
        if (error) break;
      }
      boost::system::error_code ignored;
      from.shutdown(Tcp::socket::shutdown_both, ignored);
      to.shutdown(Tcp::socket::shutdown_both, ignored);
    };
    if (buffer.size() > 0) asio::write(*upstream, buffer.data(), ec);
    std::thread upward([&] { pump(*client, *upstream); });
    pump(*upstream, *client);
    upward.join();
  }

  static std::string Base64(const std::string& text) {
    std::string out(4 * ((text.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(&out[0]),
                                  reinterpret_cast<const unsigned char*>(text.data()),
                                  static_cast<int>(text.size()));
    out.resize(static_cast<size_t>(n));
    return out;
  }

  std::string credentials_;
  mutable std::mutex mutex_;
  std::vector<Seen> seen_;
  std::atomic<int> tunnels_{0};
  server_detail::Listener listener_;  // last: its threads use the members above
};

// Listens on 127.0.0.1 but never accepts: the kernel completes TCP connects (backlog), and
// nothing is ever read or written. For handshake and read timeouts.
class SilentListener {
 public:
  SilentListener()
      : acceptor_(io_,
                  server_detail::Tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0)) {}
  uint16_t Port() const { return acceptor_.local_endpoint().port(); }

 private:
  boost::asio::io_context io_;
  server_detail::Tcp::acceptor acceptor_;
};

// A listener whose accept queue is full (listen backlog 0, filled by connections nobody accepts),
// so further TCP connects get no SYN-ACK and hang: a real connect timeout without a blackholed
// address. Saturated() is false where the platform refuses instead of dropping (then skip).
class SaturatedListener {
 public:
  SaturatedListener()
      : acceptor_(io_, server_detail::Tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0),
                  /*reuse_address=*/false) {
    acceptor_.listen(0);
    const server_detail::Tcp::endpoint target = acceptor_.local_endpoint();
    for (int i = 0; i < 64 && !saturated_; ++i) {
      auto socket = std::make_unique<server_detail::Tcp::socket>(io_);
      bool completed = false;
      boost::system::error_code result;
      socket->async_connect(target, [&](const boost::system::error_code& ec) {
        completed = true;
        result = ec;
      });
      io_.restart();
      io_.run_for(std::chrono::milliseconds(300));
      if (!completed) {
        saturated_ = true;  // this connect hangs: the queue is full
        boost::system::error_code ignored;
        socket->close(ignored);
        io_.restart();
        io_.run_for(std::chrono::milliseconds(100));  // let the aborted handler run
      } else if (result) {
        return;  // refused rather than dropped: cannot saturate here
      }
      fillers_.push_back(std::move(socket));
    }
  }
  bool Saturated() const { return saturated_; }
  uint16_t Port() const { return acceptor_.local_endpoint().port(); }

 private:
  boost::asio::io_context io_;
  server_detail::Tcp::acceptor acceptor_;
  std::vector<std::unique_ptr<server_detail::Tcp::socket>> fillers_;
  bool saturated_ = false;
};

}  // namespace azscsp::testing
