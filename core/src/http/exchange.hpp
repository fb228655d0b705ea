// One Send(): an asynchronous state machine run on the transport's I/O thread. It resolves,
// connects (each address in turn), tunnels through a proxy, handshakes TLS, writes the request
// and reads the response, each step under a timer that also enforces the total deadline. The
// caller waits on Result(); Abort() (cancellation) and the timers complete it early by closing
// the socket, and handlers that arrive afterwards only release what they hold.
#pragma once

#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "azscsp/errors.hpp"
#include "azscsp/http/http_message.hpp"
#include "http/connection.hpp"
#include "http/connection_pool.hpp"
#include "http/proxy_endpoint.hpp"

namespace azscsp::http {

// What an exchange produced. Errors travel as kind + message and are thrown afresh on the calling
// thread, so no exception object is shared between threads.
struct Outcome {
  std::optional<Response> response;
  ErrorKind error_kind = ErrorKind::Internal;
  std::string error_message;
  std::vector<std::string> notes;  // connection events for the caller's debug log

  Response TakeOrThrow();
};

class Exchange : public std::enable_shared_from_this<Exchange> {
 public:
  using Clock = std::chrono::steady_clock;

  struct Settings {
    boost::asio::any_io_executor executor;
    boost::asio::ssl::context* tls = nullptr;  // outlives every exchange
    ConnectionPool* pool = nullptr;            // used only before the exchange completes
    bool verify_tls = true;
    bool collect_notes = false;  // record connection events (reuse, connect, TLS, retry)
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds read_timeout{60'000};
    Clock::time_point deadline;  // total deadline: min(total timeout, the caller's deadline)
    std::string deadline_name;   // "the total timeout of 120000 ms", for messages
    std::optional<ProxyEndpoint> proxy;  // set when this request goes through the proxy
    size_t body_limit = 64u * 1024u * 1024u;
  };

  // Builds the wire request on the calling thread; throws InvalidArgumentError for header names
  // or values that cannot be sent.
  Exchange(Settings settings, const Request& request);

  std::future<Outcome> Result() { return promise_.get_future(); }

  // Both run on the I/O thread.
  void Start();
  void Abort();  // the caller cancelled

 private:
  enum class Phase { Resolve, Connect, ProxyConnect, Handshake, Write, Read };
  using Tcp = boost::asio::ip::tcp;
  using WireRequest = boost::beast::http::request<boost::beast::http::string_body>;
  using ResponseParser = boost::beast::http::response_parser<boost::beast::http::string_body>;
  using ProxyParser = boost::beast::http::response_parser<boost::beast::http::empty_body>;

  template <class F>
  void Step(F&& f);

  void BeginAttempt(bool allow_pooled);
  void Resolve();
  void OnResolved(const boost::system::error_code& ec, const Tcp::resolver::results_type& results);
  void ConnectNext(size_t index);
  void OnConnected(const boost::system::error_code& ec);
  void AfterConnected();
  void SendProxyConnect();
  void OnProxyConnectWritten(const boost::system::error_code& ec);
  void OnProxyConnectAnswered(const boost::system::error_code& ec);
  void Handshake();
  void OnHandshake(const boost::system::error_code& ec);
  void WriteRequest();
  void OnWritten(const boost::system::error_code& ec);
  void NewParser();
  void ReadSome();
  void OnRead(const boost::system::error_code& ec, size_t bytes);
  void Complete();

  void Arm(Phase phase, std::chrono::milliseconds limit);
  void OnTimer();
  bool CanRetryOnFreshConnection() const;
  void RetryOnFreshConnection();
  std::string Target() const;  // "host:port", or "host:port through the proxy http://p:3128"

  template <class E>
  void Fail(const std::string& message) {
    Finish(E(message).Kind(), message);
  }
  void Finish(ErrorKind kind, const std::string& message);
  void Note(std::string text) {
    if (settings_.collect_notes) notes_.push_back(std::move(text));
  }
  void Release();

  Settings settings_;
  Url url_;
  Method method_;
  std::string authority_;  // "host:port" of the server
  std::string pool_key_;
  WireRequest request_;

  std::promise<Outcome> promise_;
  std::vector<std::string> notes_;
  bool done_ = false;

  boost::asio::steady_timer timer_;
  uint64_t timer_generation_ = 0;
  Phase phase_ = Phase::Resolve;
  std::chrono::milliseconds phase_limit_{0};

  Tcp::resolver resolver_;
  std::vector<Tcp::endpoint> endpoints_;
  size_t endpoint_index_ = 0;
  bool endpoint_timed_out_ = false;
  bool any_endpoint_timed_out_ = false;
  std::string connect_errors_;

  std::shared_ptr<Connection> connection_;
  std::shared_ptr<Connection> retired_;  // the stale pooled connection replaced by a fresh one
  bool reused_ = false;
  bool retried_ = false;
  bool response_started_ = false;

  boost::beast::http::request<boost::beast::http::empty_body> connect_request_;
  std::optional<ProxyParser> proxy_parser_;
  std::optional<ResponseParser> parser_;
};

}  // namespace azscsp::http
