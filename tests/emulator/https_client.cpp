#include "https_client.hpp"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/json.hpp>
#include <optional>
#include <stdexcept>

#include "util/strings.hpp"

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

namespace azscsp::emulator::test {

std::string HttpResult::Header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (IEquals(key, name)) return value;
  }
  return {};
}

bool HttpResult::HasHeader(const std::string& name) const {
  for (const auto& entry : headers) {
    if (IEquals(entry.first, name)) return true;
  }
  return false;
}

boost::json::value HttpResult::Json() const {
  return boost::json::parse(body);
}

std::string HttpResult::ErrorCode() const {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec || !v.is_object()) return {};
  const auto* error = v.get_object().if_contains("error");
  if (!error || !error->is_object()) return {};
  const auto* code = error->get_object().if_contains("code");
  return code && code->is_string() ? std::string(code->get_string()) : std::string();
}

class HttpsClient::Impl {
 public:
  Impl(std::string host, uint16_t port, std::string ca_file)
      : host_(std::move(host)), port_(port), tls_(ssl::context::tls_client) {
    tls_.set_verify_mode(ssl::verify_peer);
    if (!ca_file.empty()) tls_.load_verify_file(ca_file);
  }

  HttpResult Request(const std::string& method, const std::string& target, const std::string& body,
                     const HeaderList& headers) {
    bool reused = stream_.has_value();
    try {
      return Send(method, target, body, headers);
    } catch (const std::exception&) {
      stream_.reset();
      if (!reused || !retry_stale) throw;
      return Send(method, target, body, headers);  // the server closed an idle connection
    }
  }

  int connections = 0;
  bool retry_stale = true;

 private:
  void Connect() {
    stream_.emplace(io_, tls_);
    if (!SSL_set_tlsext_host_name(stream_->native_handle(), host_.c_str())) {
      throw std::runtime_error("cannot set SNI");
    }
    stream_->set_verify_callback(ssl::host_name_verification(host_));
    tcp::resolver resolver(io_);
    beast::get_lowest_layer(*stream_).expires_after(std::chrono::seconds(30));
    beast::get_lowest_layer(*stream_).connect(resolver.resolve(host_, std::to_string(port_)));
    stream_->handshake(ssl::stream_base::client);
    ++connections;
  }

  HttpResult Send(const std::string& method, const std::string& target, const std::string& body,
                  const HeaderList& headers) {
    if (!stream_) Connect();
    http::request<http::string_body> request(http::string_to_verb(method), target, 11);
    request.set(http::field::host, host_ + ":" + std::to_string(port_));
    request.set(http::field::user_agent, "azscsp-emulator-tests");
    request.keep_alive(true);
    for (const auto& [name, value] : headers) request.set(name, value);
    request.body() = body;
    request.prepare_payload();
    beast::get_lowest_layer(*stream_).expires_after(std::chrono::seconds(30));
    http::write(*stream_, request);

    beast::flat_buffer buffer;
    std::optional<http::response_parser<http::string_body>> parser;
    do {  // skip interim 1xx answers (100 Continue)
      parser.emplace();
      parser->skip(method == "HEAD");
      http::read(*stream_, buffer, *parser);
    } while (parser->get().result_int() / 100 == 1);
    const auto& response = parser->get();
    HttpResult result;
    result.status = static_cast<int>(response.result_int());
    for (const auto& field : response) {
      result.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    result.body = response.body();
    if (!response.keep_alive()) stream_.reset();
    return result;
  }

  std::string host_;
  uint16_t port_;
  net::io_context io_;
  ssl::context tls_;
  std::optional<beast::ssl_stream<beast::tcp_stream>> stream_;
};

HttpsClient::HttpsClient(std::string host, uint16_t port, std::string ca_file)
    : impl_(std::make_unique<Impl>(std::move(host), port, std::move(ca_file))) {}
HttpsClient::~HttpsClient() = default;

HttpResult HttpsClient::Request(const std::string& method, const std::string& target,
                                const std::string& body, const HeaderList& headers) {
  return impl_->Request(method, target, body, headers);
}

int HttpsClient::Connections() const {
  return impl_->connections;
}
void HttpsClient::RetryStaleConnections(bool retry) {
  impl_->retry_stale = retry;
}

}  // namespace azscsp::emulator::test
