#include "http/exchange.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

#include <openssl/ssl.h>
#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "azscsp/errors.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "http/tls_context.hpp"

namespace azscsp::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using boost::system::error_code;

constexpr size_t kHeaderLimit = 256u * 1024u;

bhttp::verb ToVerb(Method method) {
  switch (method) {
    case Method::Get:
      return bhttp::verb::get;
    case Method::Put:
      return bhttp::verb::put;
    case Method::Post:
      return bhttp::verb::post;
    case Method::Patch:
      return bhttp::verb::patch;
    case Method::Delete:
      return bhttp::verb::delete_;
    case Method::Head:
      return bhttp::verb::head;
  }
  return bhttp::verb::get;
}

bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

void CheckHeader(const std::string& name, const std::string& value) {
  if (name.empty() || !std::all_of(name.begin(), name.end(), IsTokenChar)) {
    throw InvalidArgumentError("'" + name +
                               "' is not a valid HTTP header name; expected letters, digits and "
                               "!#$%&'*+-.^_`|~ only.");
  }
  // The value is not echoed: it may be a credential.
  for (char c : value) {
    if (c == '\r' || c == '\n' || c == '\0') {
      throw InvalidArgumentError("The value of the HTTP header '" + name +
                                 "' contains a line break or NUL; header values must be one line.");
    }
  }
}

std::string Milliseconds(std::chrono::milliseconds value) {
  return std::to_string(value.count()) + " ms";
}

std::string EndpointText(const asio::ip::tcp::endpoint& endpoint) {
  const auto address = endpoint.address();
  const std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  return host + ":" + std::to_string(endpoint.port());
}

bool IsConnectionEnd(const error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
         ec == asio::ssl::error::stream_truncated || ec == asio::error::connection_reset ||
         ec == asio::error::connection_aborted || ec == asio::error::broken_pipe;
}

}  // namespace

Exchange::Exchange(Settings settings, const Request& request)
    : settings_(std::move(settings)),
      url_(request.url),
      method_(request.method),
      authority_(request.url.Authority()),
      timer_(settings_.executor),
      resolver_(settings_.executor) {
  pool_key_ = url_.scheme + "://" + authority_;
  if (settings_.proxy) pool_key_ += " via " + settings_.proxy->display;

  request_.method(ToVerb(method_));
  request_.target(url_.target);
  request_.version(11);
  for (const auto& [name, value] : request.headers) {
    CheckHeader(name, value);
    // Framing is the transport's business: it is derived from the body below.
    if (util::EqualsIgnoreCase(name, "Content-Length") ||
        util::EqualsIgnoreCase(name, "Transfer-Encoding")) {
      continue;
    }
    request_.insert(name, value);
  }
  if (request_.find(bhttp::field::host) == request_.end()) {
    const bool v6 = url_.host.find(':') != std::string::npos;
    std::string host = v6 ? "[" + url_.host + "]" : url_.host;
    const uint16_t default_port = url_.scheme == "https" ? 443 : 80;
    if (url_.port != default_port) host += ":" + std::to_string(url_.port);
    request_.set(bhttp::field::host, host);
  }
  request_.body() = request.body;
  request_.prepare_payload();
}

template <class F>
void Exchange::Step(F&& f) {
  if (done_) return;
  try {
    f();
  } catch (const Error& error) {
    Finish(error.Kind(), error.what());
  } catch (const std::exception& e) {
    Fail<TransportError>("The request to " + Target() + " failed: " + e.what());
  } catch (...) {
    Fail<TransportError>("The request to " + Target() + " failed.");
  }
}

void Exchange::Start() {
  Step([&] {
    if (Clock::now() >= settings_.deadline) {
      Fail<TimeoutError>("The request to " + authority_ + " did not complete within " +
                         settings_.deadline_name + ".");
      return;
    }
    BeginAttempt(true);
  });
}

void Exchange::Abort() {
  if (done_) return;
  Finish(ErrorKind::Cancelled, CancelledError().what());
}

std::string Exchange::Target() const {
  return settings_.proxy ? authority_ + " through the proxy " + settings_.proxy->display
                         : authority_;
}

// --- Connection: pooled, or resolve + connect (+ CONNECT) + handshake ------------------------

void Exchange::BeginAttempt(bool allow_pooled) {
  response_started_ = false;
  connection_ = allow_pooled ? settings_.pool->Take(pool_key_) : nullptr;
  reused_ = connection_ != nullptr;
  if (reused_) {
    Note("Reusing an idle connection to " + Target() + ".");
    WriteRequest();
    return;
  }
  connection_ = std::make_shared<Connection>(settings_.executor);
  connection_->pool_key = pool_key_;
  Resolve();
}

void Exchange::Resolve() {
  const std::string& host = settings_.proxy ? settings_.proxy->host : url_.host;
  const uint16_t port = settings_.proxy ? settings_.proxy->port : url_.port;
  Arm(Phase::Resolve, settings_.connect_timeout);
  resolver_.async_resolve(
      host, std::to_string(port), Tcp::resolver::numeric_service,
      [self = shared_from_this()](const error_code& ec, const Tcp::resolver::results_type& r) {
        self->Step([&] { self->OnResolved(ec, r); });
      });
}

void Exchange::OnResolved(const error_code& ec, const Tcp::resolver::results_type& results) {
  const std::string& host = settings_.proxy ? settings_.proxy->host : url_.host;
  if (ec || results.empty()) {
    const std::string what = settings_.proxy ? "the proxy host name '" : "the host name '";
    Fail<TransportError>("Could not resolve " + what + host + "' (for " + Target() +
                         "): " + (ec ? ec.message() : std::string("no addresses")) + ".");
    return;
  }
  endpoints_.clear();
  for (const auto& entry : results) endpoints_.push_back(entry.endpoint());
  connect_errors_.clear();
  any_endpoint_timed_out_ = false;
  ConnectNext(0);
}

void Exchange::ConnectNext(size_t index) {
  if (index >= endpoints_.size()) {
    const std::string where =
        settings_.proxy ? "the proxy " + settings_.proxy->display + " (for " + authority_ + ")"
                        : authority_;
    if (any_endpoint_timed_out_) {
      Fail<TimeoutError>("Connecting to " + where + " timed out after " +
                         Milliseconds(settings_.connect_timeout) + " (connect timeout" +
                         (endpoints_.size() > 1 ? "; " + connect_errors_ : std::string()) + ").");
    } else {
      Fail<TransportError>("Could not connect to " + where + ": " + connect_errors_ + ".");
    }
    return;
  }
  endpoint_index_ = index;
  endpoint_timed_out_ = false;
  error_code ignored;
  connection_->socket.close(ignored);
  Arm(Phase::Connect, settings_.connect_timeout);
  connection_->socket.async_connect(endpoints_[index],
                                    [self = shared_from_this()](const error_code& ec) {
                                      self->Step([&] { self->OnConnected(ec); });
                                    });
}

void Exchange::OnConnected(const error_code& ec) {
  if (ec || endpoint_timed_out_) {
    // One address: just the reason. Several (e.g. ::1 and 127.0.0.1): each with its reason.
    const std::string reason = endpoint_timed_out_ ? std::string("timed out") : ec.message();
    if (!connect_errors_.empty()) connect_errors_ += "; ";
    connect_errors_ +=
        endpoints_.size() == 1 ? reason : EndpointText(endpoints_[endpoint_index_]) + ": " + reason;
    ConnectNext(endpoint_index_ + 1);
    return;
  }
  error_code ignored;
  connection_->socket.set_option(Tcp::no_delay(true), ignored);
  connection_->socket.set_option(asio::socket_base::keep_alive(true), ignored);
  const std::string endpoint = EndpointText(endpoints_[endpoint_index_]);
  if (settings_.proxy) {
    Note("Connected to the proxy " + settings_.proxy->display + " at " + endpoint + " for " +
         authority_ + ".");
  } else {
    Note("Connected to " + authority_ + (endpoint == authority_ ? "" : " at " + endpoint) + ".");
  }
  AfterConnected();
}

void Exchange::AfterConnected() {
  if (settings_.proxy) {
    SendProxyConnect();
  } else if (url_.scheme == "https") {
    Handshake();
  } else {
    WriteRequest();
  }
}

void Exchange::SendProxyConnect() {
  connect_request_ = {};
  connect_request_.method(bhttp::verb::connect);
  connect_request_.target(authority_);
  connect_request_.version(11);
  connect_request_.set(bhttp::field::host, authority_);
  if (!settings_.proxy->authorization.empty()) {
    connect_request_.set(bhttp::field::proxy_authorization, settings_.proxy->authorization);
  }
  Arm(Phase::ProxyConnect, settings_.connect_timeout);
  bhttp::async_write(connection_->socket, connect_request_,
                     [self = shared_from_this()](const error_code& ec, size_t) {
                       self->Step([&] { self->OnProxyConnectWritten(ec); });
                     });
}

void Exchange::OnProxyConnectWritten(const error_code& ec) {
  if (ec) {
    Fail<TransportError>("Could not send CONNECT " + authority_ + " to the proxy " +
                         settings_.proxy->display + ": " + ec.message() + ".");
    return;
  }
  proxy_parser_.emplace();
  proxy_parser_->skip(true);  // a CONNECT answer has no body we want
  bhttp::async_read(connection_->socket, connection_->buffer, *proxy_parser_,
                    [self = shared_from_this()](const error_code& ec2, size_t) {
                      self->Step([&] { self->OnProxyConnectAnswered(ec2); });
                    });
}

void Exchange::OnProxyConnectAnswered(const error_code& ec) {
  const std::string& proxy = settings_.proxy->display;
  if (ec) {
    Fail<TransportError>("The proxy " + proxy + " did not answer the CONNECT for " + authority_ +
                         ": " + ec.message() + ".");
    return;
  }
  const auto& answer = proxy_parser_->get();
  const int status = answer.result_int();
  const std::string status_text = std::to_string(status) + " " + std::string(answer.reason());
  if (status == 407) {
    Fail<TransportError>("The proxy " + proxy + " refused to open a tunnel to " + authority_ +
                         " with " + status_text + ": " +
                         (settings_.proxy->authorization.empty()
                              ? "it requires credentials; give them in the proxy URL "
                                "(http://user:password@host:port)."
                              : "it did not accept the credentials in the proxy URL."));
    return;
  }
  if (status < 200 || status > 299) {
    Fail<TransportError>("The proxy " + proxy + " refused to open a tunnel to " + authority_ +
                         " with " + status_text + ".");
    return;
  }
  if (connection_->buffer.size() != 0) {
    Fail<TransportError>("The proxy " + proxy + " sent unexpected data after accepting the " +
                         "tunnel to " + authority_ + ".");
    return;
  }
  if (url_.scheme == "https") {
    Handshake();
  } else {
    WriteRequest();
  }
}

void Exchange::Handshake() {
  connection_->tls =
      std::make_unique<Connection::TlsStream>(std::move(connection_->socket), *settings_.tls);
  PrepareTlsConnection(connection_->tls->native_handle(), url_.host, settings_.verify_tls);
  Arm(Phase::Handshake, settings_.connect_timeout);
  connection_->tls->async_handshake(asio::ssl::stream_base::client,
                                    [self = shared_from_this()](const error_code& ec) {
                                      self->Step([&] { self->OnHandshake(ec); });
                                    });
}

void Exchange::OnHandshake(const error_code& ec) {
  if (ec) {
    Fail<TlsError>(
        DescribeHandshakeFailure(connection_->tls->native_handle(), url_.host, Target(), ec));
    return;
  }
  SSL* ssl = connection_->tls->native_handle();
  Note(std::string(SSL_get_version(ssl)) + " with " + authority_ + " (" +
       SSL_CIPHER_get_name(SSL_get_current_cipher(ssl)) + ")" +
       (settings_.verify_tls ? "" : "; certificate NOT verified (verification turned off)") + ".");
  WriteRequest();
}

// --- Request and response ---------------------------------------------------------------------

void Exchange::WriteRequest() {
  Arm(Phase::Write, settings_.read_timeout);
  connection_->WithStream([&](auto& stream) {
    bhttp::async_write(stream, request_, [self = shared_from_this()](const error_code& ec, size_t) {
      self->Step([&] { self->OnWritten(ec); });
    });
  });
}

void Exchange::OnWritten(const error_code& ec) {
  if (ec) {
    if (CanRetryOnFreshConnection()) {
      Note("Writing to the idle connection to " + Target() + " failed (" + ec.message() +
           "); retrying once on a new connection.");
      RetryOnFreshConnection();
      return;
    }
    Fail<TransportError>("Could not send the request to " + Target() + ": " + ec.message() + ".");
    return;
  }
  NewParser();
  ReadSome();
}

void Exchange::NewParser() {
  parser_.emplace();
  parser_->body_limit(settings_.body_limit);
  parser_->header_limit(static_cast<std::uint32_t>(kHeaderLimit));
  if (method_ == Method::Head) parser_->skip(true);
}

void Exchange::ReadSome() {
  Arm(Phase::Read, settings_.read_timeout);
  connection_->WithStream([&](auto& stream) {
    bhttp::async_read_some(stream, connection_->buffer, *parser_,
                           [self = shared_from_this()](const error_code& ec, size_t bytes) {
                             self->Step([&] { self->OnRead(ec, bytes); });
                           });
  });
}

void Exchange::OnRead(const error_code& ec, size_t bytes) {
  if (bytes > 0 || parser_->got_some()) response_started_ = true;
  if (ec) {
    // A server that ends a body-until-close response without TLS close_notify.
    if (ec == asio::ssl::error::stream_truncated && parser_->got_some() && parser_->need_eof()) {
      error_code eof_ec;
      parser_->put_eof(eof_ec);
      if (!eof_ec && parser_->is_done()) {
        Complete();
        return;
      }
    }
    if (ec == bhttp::error::body_limit) {
      Fail<TransportError>("The response from " + Target() + " is larger than the limit of " +
                           std::to_string(settings_.body_limit / (1024 * 1024)) + " MiB.");
      return;
    }
    if (ec == bhttp::error::header_limit) {
      Fail<TransportError>("The response headers from " + Target() + " are larger than " +
                           std::to_string(kHeaderLimit / 1024) + " KiB.");
      return;
    }
    if (!response_started_ && CanRetryOnFreshConnection()) {
      // The server closed the idle keep-alive connection before it saw the request.
      Note("The idle connection to " + Target() + " was closed by the server (" + ec.message() +
           "); retrying once on a new connection.");
      RetryOnFreshConnection();
      return;
    }
    if (IsConnectionEnd(ec)) {
      Fail<TransportError>("The connection to " + Target() + " was closed before the " +
                           "response was complete (" + ec.message() + ").");
    } else {
      Fail<TransportError>("Reading the response from " + Target() + " failed: " + ec.message() +
                           ".");
    }
    return;
  }
  if (!parser_->is_done()) {
    ReadSome();
    return;
  }
  const int status = parser_->get().result_int();
  if (status >= 100 && status < 200 && status != 101) {
    NewParser();  // an interim answer (100 Continue, 103 Early Hints): the real one follows
    ReadSome();
    return;
  }
  Complete();
}

void Exchange::Complete() {
  auto& message = parser_->get();
  Response response;
  response.status = message.result_int();
  response.reason = std::string(message.reason());
  for (const auto& field : message) {
    std::string name(field.name_string());
    std::string value(field.value());
    auto [it, inserted] = response.headers.emplace(std::move(name), value);
    if (!inserted) it->second += ", " + value;  // repeated headers combine (RFC 9110 5.3)
  }
  response.body = std::move(message.body());

  const bool reusable = parser_->keep_alive() && message.version() >= 11 &&
                        response.status != 101 && connection_->buffer.size() == 0;
  done_ = true;
  ++timer_generation_;
  timer_.cancel();
  if (reusable) {
    settings_.pool->Return(std::move(connection_));
  } else {
    connection_->Close();
  }
  Outcome outcome;
  outcome.response = std::move(response);
  outcome.notes = std::move(notes_);
  promise_.set_value(std::move(outcome));
}

// --- Timers, retry and completion -------------------------------------------------------------

void Exchange::Arm(Phase phase, std::chrono::milliseconds limit) {
  phase_ = phase;
  phase_limit_ = limit;
  const uint64_t generation = ++timer_generation_;
  timer_.expires_at(std::min(Clock::now() + limit, settings_.deadline));
  timer_.async_wait([self = shared_from_this(), generation](const error_code& ec) {
    if (ec || self->done_ || generation != self->timer_generation_) return;
    self->Step([&] { self->OnTimer(); });
  });
}

void Exchange::OnTimer() {
  if (Clock::now() >= settings_.deadline) {
    Fail<TimeoutError>("The request to " + Target() + " did not complete within " +
                       settings_.deadline_name + ".");
    return;
  }
  const std::string limit = Milliseconds(phase_limit_);
  switch (phase_) {
    case Phase::Resolve:
      Fail<TimeoutError>("Resolving the host name for " + Target() + " timed out after " + limit +
                         " (connect timeout).");
      return;
    case Phase::Connect:
      // Give up on this address only: the handler moves on to the next one.
      endpoint_timed_out_ = true;
      any_endpoint_timed_out_ = true;
      connection_->Close();
      return;
    case Phase::ProxyConnect:
      Fail<TimeoutError>("The proxy " + settings_.proxy->display +
                         " did not answer the CONNECT for " + authority_ + " within " + limit +
                         " (connect timeout).");
      return;
    case Phase::Handshake:
      Fail<TimeoutError>("The TLS handshake with " + Target() + " timed out after " + limit +
                         " (connect timeout).");
      return;
    case Phase::Write:
      Fail<TimeoutError>("Sending the request to " + Target() + " timed out after " + limit +
                         " (read timeout).");
      return;
    case Phase::Read:
      Fail<TimeoutError>(Target() + " did not send " +
                         (response_started_ ? "the rest of the response" : "a response") +
                         " within " + limit + " (read timeout).");
      return;
  }
}

bool Exchange::CanRetryOnFreshConnection() const {
  return reused_ && !retried_ && !response_started_;
}

void Exchange::RetryOnFreshConnection() {
  retried_ = true;
  connection_->Close();
  // Kept until the exchange ends: the operation that just failed may still refer to it while
  // its handler unwinds.
  retired_ = std::move(connection_);
  BeginAttempt(false);
}

void Exchange::Finish(ErrorKind kind, const std::string& message) {
  if (done_) return;
  done_ = true;
  Release();
  Outcome outcome;
  outcome.error_kind = kind;
  outcome.error_message = message;
  outcome.notes = std::move(notes_);
  promise_.set_value(std::move(outcome));
}

Response Outcome::TakeOrThrow() {
  if (response) return std::move(*response);
  switch (error_kind) {
    case ErrorKind::Transport:
      throw TransportError(error_message);
    case ErrorKind::Tls:
      throw TlsError(error_message);
    case ErrorKind::Timeout:
      throw TimeoutError(error_message);
    case ErrorKind::Cancelled:
      throw CancelledError();
    case ErrorKind::InvalidArgument:
      throw InvalidArgumentError(error_message);
    default:
      throw Error(error_kind, error_message);
  }
}

void Exchange::Release() {
  ++timer_generation_;
  timer_.cancel();
  resolver_.cancel();
  // Closing completes any pending operation with operation_aborted. The connection object itself
  // stays alive until this exchange is destroyed, since those operations still refer to it.
  if (connection_) connection_->Close();
}

}  // namespace azscsp::http
