// BeastTransport against in-process servers on 127.0.0.1 with a CA generated at run time.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "azscsp/errors.hpp"
#include "azscsp/http/beast_transport.hpp"
#include "azscsp/util/log.hpp"
#include "test_tls_server.hpp"

using azscsp::CancelledError;
using azscsp::InvalidArgumentError;
using azscsp::TimeoutError;
using azscsp::TlsError;
using azscsp::TransportError;
using azscsp::http::BeastTransport;
using azscsp::http::Method;
using azscsp::http::ProxyOptions;
using azscsp::http::Request;
using azscsp::http::Response;
using azscsp::http::TransportOptions;
using azscsp::http::Url;
using azscsp::testing::ReceivedRequest;
using azscsp::testing::SaturatedListener;
using azscsp::testing::SilentListener;
using azscsp::testing::TestCertificate;
using azscsp::testing::TestHttpServer;
using azscsp::testing::TestPki;
using azscsp::testing::TestProxy;
using azscsp::testing::TestReply;
using azscsp::util::Context;
using namespace std::chrono_literals;

namespace {

struct Pki {
  TestPki pki;
  TestCertificate good = pki.Issue("localhost", "DNS:localhost,IP:127.0.0.1");
  TestCertificate other_name = pki.Issue("other.example", "DNS:other.example");
};

Pki& SharedPki() {
  static Pki instance;
  return instance;
}

// Trusts the test CA, no proxy (whatever the environment says), generous timeouts.
TransportOptions Options() {
  TransportOptions options;
  options.ca_bundle_path = SharedPki().pki.CaFile();
  options.proxy = ProxyOptions{};
  options.connect_timeout = 5s;
  options.read_timeout = 10s;
  options.total_timeout = 30s;
  return options;
}

Request Get(const std::string& url) {
  Request request;
  request.method = Method::Get;
  request.url = Url::Parse(url);
  return request;
}

TestReply Ok(std::string body = "ok") {
  TestReply reply;
  reply.body = std::move(body);
  return reply;
}

// Runs `f`, expecting an exception of type E; returns its message.
template <class E, class F>
std::string ExpectError(F&& f) {
  try {
    f();
  } catch (const E& error) {
    BOOST_TEST_MESSAGE("expected error: " << error.what());
    return error.what();
  } catch (const std::exception& other) {
    BOOST_ERROR("unexpected exception: " << other.what());
    return {};
  }
  BOOST_ERROR("no exception thrown");
  return {};
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class RecordingSink : public azscsp::util::LogSink {
 public:
  azscsp::util::LogLevel Level() const override { return azscsp::util::LogLevel::Debug; }
  void Write(azscsp::util::LogLevel, const std::string& message) override {
    lines.push_back(message);
  }
  bool Has(const std::string& part) const {
    for (const auto& line : lines) {
      if (line.find(part) != std::string::npos) return true;
    }
    return false;
  }
  std::vector<std::string> lines;
};

uint16_t ClosedPort() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(
      io, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  return acceptor.local_endpoint().port();  // closed again when the acceptor goes
}

}  // namespace

BOOST_AUTO_TEST_SUITE(beast_transport)

BOOST_AUTO_TEST_CASE(get_returns_status_headers_and_body) {
  TestHttpServer server(
      [](const ReceivedRequest&) {
        TestReply reply = Ok("{\"value\":[]}");
        reply.headers = {{"x-ms-request-id", "req-1"}, {"Content-Type", "application/json"}};
        return reply;
      },
      &SharedPki().good);
  BeastTransport transport(Options());
  Request request = Get(server.Url("127.0.0.1", "/subscriptions?api-version=2020-01-01&$top=5"));
  request.headers["Accept"] = "application/json";
  request.headers["x-ms-client-request-id"] = "client-1";
  const Response response = transport.Send(request, Context());

  BOOST_TEST(response.status == 200);
  BOOST_TEST(response.reason == "OK");
  BOOST_TEST(response.body == "{\"value\":[]}");
  BOOST_TEST(response.Header("X-MS-REQUEST-ID").value_or("") == "req-1");
  BOOST_TEST(response.Header("content-type").value_or("") == "application/json");

  const auto requests = server.Requests();
  BOOST_REQUIRE(requests.size() == 1u);
  BOOST_TEST(requests[0].method == "GET");
  BOOST_TEST(requests[0].target == "/subscriptions?api-version=2020-01-01&$top=5");
  BOOST_TEST(requests[0].headers.at("host") == "127.0.0.1:" + std::to_string(server.Port()));
  BOOST_TEST(requests[0].headers.at("accept") == "application/json");
  BOOST_TEST(requests[0].headers.at("x-ms-client-request-id") == "client-1");
}

BOOST_AUTO_TEST_CASE(put_sends_body_with_content_length) {
  TestHttpServer server(
      [](const ReceivedRequest& request) {
        TestReply reply = Ok("echo:" + request.body);
        reply.status = 201;
        return reply;
      },
      &SharedPki().good);
  BeastTransport transport(Options());
  Request request = Get(server.Url("127.0.0.1", "/resource"));
  request.method = Method::Put;
  request.body = "{\"properties\":{\"a\":1}}";
  request.headers["Content-Type"] = "application/json";
  request.headers["Content-Length"] = "999";  // ignored: the transport frames the body
  const Response response = transport.Send(request, Context());

  BOOST_TEST(response.status == 201);
  BOOST_TEST(response.body == "echo:{\"properties\":{\"a\":1}}");
  const auto requests = server.Requests();
  BOOST_REQUIRE(requests.size() == 1u);
  BOOST_TEST(requests[0].method == "PUT");
  BOOST_TEST(requests[0].headers.at("content-length") == std::to_string(request.body.size()));
  BOOST_TEST(requests[0].headers.at("content-type") == "application/json");
}

BOOST_AUTO_TEST_CASE(post_without_body_sends_content_length_zero) {
  TestHttpServer server([](const ReceivedRequest&) { return Ok(); }, &SharedPki().good);
  BeastTransport transport(Options());
  Request request = Get(server.Url());
  request.method = Method::Post;
  BOOST_TEST(transport.Send(request, Context()).status == 200);
  BOOST_TEST(server.Requests().at(0).headers.at("content-length") == "0");
}

BOOST_AUTO_TEST_CASE(http_error_statuses_are_returned_not_thrown) {
  TestHttpServer server(
      [](const ReceivedRequest&) {
        TestReply reply = Ok("{\"error\":{\"code\":\"ResourceNotFound\"}}");
        reply.status = 404;
        return reply;
      },
      &SharedPki().good);
  BeastTransport transport(Options());
  const Response response = transport.Send(Get(server.Url()), Context());
  BOOST_TEST(response.status == 404);
  BOOST_TEST(Contains(response.body, "ResourceNotFound"));
}

BOOST_AUTO_TEST_CASE(chunked_response_is_read_whole) {
  std::string big;
  for (int i = 0; i < 20000; ++i) big += "line " + std::to_string(i) + "\n";
  TestHttpServer server(
      [&big](const ReceivedRequest&) {
        TestReply reply = Ok(big);
        reply.chunked = true;
        return reply;
      },
      &SharedPki().good);
  BeastTransport transport(Options());
  const Response response = transport.Send(Get(server.Url()), Context());
  BOOST_TEST(response.status == 200);
  BOOST_TEST(response.Header("Transfer-Encoding").value_or("") == "chunked");
  BOOST_TEST(response.body.size() == big.size());
  BOOST_TEST((response.body == big));
  // A complete chunked response leaves the connection reusable.
  BOOST_TEST(transport.IdleConnectionCount() == 1u);
}

BOOST_AUTO_TEST_CASE(oversized_response_is_refused) {
  TestHttpServer server(
      [](const ReceivedRequest&) {
        TestReply reply;
        reply.declared_length = 65u * 1024u * 1024u;
        return reply;
      },
      &SharedPki().good);
  BeastTransport transport(Options());
  const std::string message =
      ExpectError<TransportError>([&] { transport.Send(Get(server.Url()), Context()); });
  BOOST_TEST(Contains(message, "64 MiB"), message);
  BOOST_TEST(Contains(message, "127.0.0.1"), message);
}

BOOST_AUTO_TEST_CASE(body_delimited_by_connection_close_is_read_whole) {
  const std::vector<const TestCertificate*> certificates = {&SharedPki().good, nullptr};
  for (const TestCertificate* certificate : certificates) {
    TestHttpServer server(
        [](const ReceivedRequest&) {
          TestReply reply;
          reply.raw = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end";
          return reply;
        },
        certificate);
    BeastTransport transport(Options());
    const Response response = transport.Send(Get(server.Url()), Context());
    BOOST_TEST(response.status == 200);
    BOOST_TEST(response.body == "until the end");
    BOOST_TEST(transport.IdleConnectionCount() == 0u);
  }
}

BOOST_AUTO_TEST_CASE(http_1_0_response_is_not_pooled) {
  TestHttpServer server(
      [](const ReceivedRequest&) {
        TestReply reply;
        reply.raw = "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok";
        return reply;
      },
      &SharedPki().good);
  BeastTransport transport(Options());
  BOOST_TEST(transport.Send(Get(server.Url()), Context()).body == "ok");
  BOOST_TEST(transport.IdleConnectionCount() == 0u);
}

BOOST_AUTO_TEST_CASE(repeated_response_headers_are_combined) {
  TestHttpServer server(
      [](const ReceivedRequest&) {
        TestReply reply = Ok();
        reply.headers = {{"Warning", "one"}, {"warning", "two"}};
        return reply;
      },
      &SharedPki().good);
  BeastTransport transport(Options());
  BOOST_TEST(transport.Send(Get(server.Url()), Context()).Header("WARNING").value_or("") ==
             "one, two");
}

BOOST_AUTO_TEST_CASE(head_response_has_no_body) {
  TestHttpServer server([](const ReceivedRequest&) { return Ok("not sent for HEAD"); },
                        &SharedPki().good);
  BeastTransport transport(Options());
  Request request = Get(server.Url());
  request.method = Method::Head;
  const Response response = transport.Send(request, Context());
  BOOST_TEST(response.status == 200);
  BOOST_TEST(response.body.empty());
  BOOST_TEST(response.Header("Content-Length").value_or("") == "17");
  BOOST_TEST(transport.Send(Get(server.Url()), Context()).body == "not sent for HEAD");
  BOOST_TEST(server.ConnectionsAccepted() == 1);
}

BOOST_AUTO_TEST_CASE(keep_alive_reuses_one_connection) {
  TestHttpServer server([](const ReceivedRequest& r) { return Ok(r.target); }, &SharedPki().good);
  BeastTransport transport(Options());
  BOOST_TEST(transport.IdleConnectionCount() == 0u);
  BOOST_TEST(transport.Send(Get(server.Url("127.0.0.1", "/one")), Context()).body == "/one");
  BOOST_TEST(transport.IdleConnectionCount() == 1u);
  BOOST_TEST(transport.Send(Get(server.Url("127.0.0.1", "/two")), Context()).body == "/two");
  BOOST_TEST(transport.IdleConnectionCount() == 1u);

  BOOST_TEST(server.ConnectionsAccepted() == 1);
  const auto requests = server.Requests();
  BOOST_REQUIRE(requests.size() == 2u);
  BOOST_TEST(requests[0].connection == requests[1].connection);
}

BOOST_AUTO_TEST_CASE(connection_close_is_not_pooled) {
  TestHttpServer server(
      [](const ReceivedRequest&) {
        TestReply reply = Ok();
        reply.close_with_header = true;
        return reply;
      },
      &SharedPki().good);
  BeastTransport transport(Options());
  BOOST_TEST(transport.Send(Get(server.Url()), Context()).status == 200);
  BOOST_TEST(transport.IdleConnectionCount() == 0u);
  BOOST_TEST(transport.Send(Get(server.Url()), Context()).status == 200);
  BOOST_TEST(server.ConnectionsAccepted() == 2);
}

BOOST_AUTO_TEST_CASE(stale_pooled_connection_is_replaced) {
  std::atomic<int> count{0};
  TestHttpServer server(
      [&count](const ReceivedRequest&) {
        TestReply reply = Ok("reply " + std::to_string(++count));
        reply.close_silently = count == 1;  // drops the kept-alive connection afterwards
        return reply;
      },
      &SharedPki().good);
  BeastTransport transport(Options());
  BOOST_TEST(transport.Send(Get(server.Url()), Context()).body == "reply 1");
  BOOST_TEST(transport.IdleConnectionCount() == 1u);
  BOOST_REQUIRE(TestHttpServer::WaitFor([&] { return server.ConnectionsClosed() >= 1; }));
  std::this_thread::sleep_for(50ms);  // let the FIN reach the client's socket

  BOOST_TEST(transport.Send(Get(server.Url()), Context()).body == "reply 2");
  BOOST_TEST(server.ConnectionsAccepted() == 2);
  BOOST_TEST(transport.IdleConnectionCount() == 1u);
}

BOOST_AUTO_TEST_CASE(connection_events_go_to_the_debug_log) {
  std::atomic<int> count{0};
  TestHttpServer server(
      [&count](const ReceivedRequest&) {
        TestReply reply = Ok();
        reply.close_silently = ++count == 2;
        return reply;
      },
      &SharedPki().good);
  BeastTransport transport(Options());
  auto sink = std::make_shared<RecordingSink>();
  const Context context = Context().WithLogSink(sink);

  transport.Send(Get(server.Url()), context);
  BOOST_TEST(sink->Has("Connected to 127.0.0.1:" + std::to_string(server.Port())));
  BOOST_TEST(sink->Has("TLSv1."));
  transport.Send(Get(server.Url()), context);
  BOOST_TEST(sink->Has("Reusing an idle connection to 127.0.0.1"));
  BOOST_REQUIRE(TestHttpServer::WaitFor([&] { return server.ConnectionsClosed() >= 1; }));
  std::this_thread::sleep_for(50ms);
  transport.Send(Get(server.Url()), context);
  BOOST_TEST(sink->Has("retrying once on a new connection"));
  for (const auto& line : sink->lines) BOOST_TEST_MESSAGE("log: " << line);
}

BOOST_AUTO_TEST_CASE(localhost_name_is_verified_and_sent_as_sni) {
  TestHttpServer server([](const ReceivedRequest&) { return Ok(); }, &SharedPki().good);
  BeastTransport transport(Options());
  const Response response = transport.Send(Get(server.Url("localhost")), Context());
  BOOST_TEST(response.status == 200);
  const auto request = server.Requests().at(0);
  BOOST_TEST(request.headers.at("host") == "localhost:" + std::to_string(server.Port()));
  BOOST_TEST(request.server_name == "localhost");
}

BOOST_AUTO_TEST_CASE(ip_literals_get_no_sni) {
  TestHttpServer server([](const ReceivedRequest&) { return Ok(); }, &SharedPki().good);
  BeastTransport transport(Options());
  BOOST_TEST(transport.Send(Get(server.Url("127.0.0.1")), Context()).status == 200);
  BOOST_TEST(server.Requests().at(0).server_name.empty());
}

BOOST_AUTO_TEST_CASE(pools_are_kept_per_host) {
  TestHttpServer server([](const ReceivedRequest&) { return Ok(); }, &SharedPki().good);
  BeastTransport transport(Options());
  transport.Send(Get(server.Url("127.0.0.1")), Context());
  transport.Send(Get(server.Url("localhost")), Context());
  BOOST_TEST(transport.IdleConnectionCount() == 2u);
  transport.Send(Get(server.Url("localhost")), Context());
  transport.Send(Get(server.Url("127.0.0.1")), Context());
  BOOST_TEST(transport.IdleConnectionCount() == 2u);
  BOOST_TEST(server.ConnectionsAccepted() == 2);
}

BOOST_AUTO_TEST_CASE(untrusted_certificate_is_refused) {
  TestHttpServer server([](const ReceivedRequest&) { return Ok(); }, &SharedPki().good);
  TransportOptions options = Options();
  options.ca_bundle_path.clear();  // system store only: the test CA is unknown
  BeastTransport transport(options);
  const std::string message =
      ExpectError<TlsError>([&] { transport.Send(Get(server.Url()), Context()); });
  BOOST_TEST(Contains(message, "certificate of 127.0.0.1 was not trusted"), message);
  BOOST_TEST(Contains(message, "self-signed certificate in certificate chain"), message);
  BOOST_TEST(Contains(message, "-CaCertificatePath"), message);
  BOOST_TEST(server.Requests().empty());
}

BOOST_AUTO_TEST_CASE(host_name_mismatch_is_refused) {
  TestHttpServer server([](const ReceivedRequest&) { return Ok(); }, &SharedPki().other_name);
  BeastTransport transport(Options());
  const std::string by_name =
      ExpectError<TlsError>([&] { transport.Send(Get(server.Url("localhost")), Context()); });
  BOOST_TEST(Contains(by_name, "certificate of localhost was not trusted"), by_name);
  BOOST_TEST(Contains(by_name, "hostname mismatch"), by_name);

  const std::string by_ip =
      ExpectError<TlsError>([&] { transport.Send(Get(server.Url("127.0.0.1")), Context()); });
  BOOST_TEST(Contains(by_ip, "certificate of 127.0.0.1 was not trusted"), by_ip);
  BOOST_TEST(Contains(by_ip, "IP address mismatch"), by_ip);
  BOOST_TEST(server.Requests().empty());
}

BOOST_AUTO_TEST_CASE(verify_tls_false_accepts_any_certificate) {
  TestHttpServer server([](const ReceivedRequest&) { return Ok("insecure"); },
                        &SharedPki().other_name);
  TransportOptions options = Options();
  options.ca_bundle_path.clear();
  options.verify_tls = false;
  BeastTransport transport(options);
  BOOST_TEST(transport.Send(Get(server.Url("localhost")), Context()).body == "insecure");
}

BOOST_AUTO_TEST_CASE(missing_ca_bundle_is_an_invalid_argument) {
  TransportOptions options = Options();
  options.ca_bundle_path = "/nonexistent/dir/azs-root.pem";
  const std::string message =
      ExpectError<InvalidArgumentError>([&] { BeastTransport transport(options); });
  BOOST_TEST(Contains(message, "/nonexistent/dir/azs-root.pem"), message);
}

BOOST_AUTO_TEST_CASE(ca_bundle_without_certificates_is_an_invalid_argument) {
  const std::string path = SharedPki().pki.CaFile() + ".garbage.pem";
  std::ofstream(path) << "this is not a certificate\n";
  TransportOptions options = Options();
  options.ca_bundle_path = path;
  const std::string message =
      ExpectError<InvalidArgumentError>([&] { BeastTransport transport(options); });
  BOOST_TEST(Contains(message, path), message);
  std::remove(path.c_str());
}

BOOST_AUTO_TEST_CASE(connection_refused_is_a_transport_error) {
  const uint16_t port = ClosedPort();
  BeastTransport transport(Options());
  const std::string message = ExpectError<TransportError>(
      [&] { transport.Send(Get("https://127.0.0.1:" + std::to_string(port) + "/"), Context()); });
  BOOST_TEST(Contains(message, "127.0.0.1:" + std::to_string(port)), message);
  BOOST_TEST(Contains(message, "refused"), message);
}

BOOST_AUTO_TEST_CASE(unknown_host_is_a_transport_error) {
  BeastTransport transport(Options());
  const std::string message = ExpectError<TransportError>(
      [&] { transport.Send(Get("https://azscsp-no-such-host.invalid/"), Context()); });
  BOOST_TEST(Contains(message, "azscsp-no-such-host.invalid"), message);
}

BOOST_AUTO_TEST_CASE(unanswered_tcp_connect_gives_a_connect_timeout) {
  SaturatedListener listener;
  if (!listener.Saturated()) {
    BOOST_TEST_MESSAGE("skipped: this platform refuses connects to a full accept queue");
    return;
  }
  TransportOptions options = Options();
  options.connect_timeout = 300ms;
  BeastTransport transport(options);
  const std::string authority = "127.0.0.1:" + std::to_string(listener.Port());
  const auto start = std::chrono::steady_clock::now();
  const std::string message = ExpectError<TimeoutError>(
      [&] { transport.Send(Get("https://" + authority + "/"), Context()); });
  BOOST_TEST((std::chrono::steady_clock::now() - start < 5s));
  BOOST_TEST(Contains(message, "Connecting to " + authority), message);
  BOOST_TEST(Contains(message, "connect timeout"), message);
}

BOOST_AUTO_TEST_CASE(silent_server_gives_a_handshake_timeout) {
  SilentListener silent;
  TransportOptions options = Options();
  options.connect_timeout = 300ms;
  BeastTransport transport(options);
  const auto start = std::chrono::steady_clock::now();
  const std::string message = ExpectError<TimeoutError>([&] {
    transport.Send(Get("https://127.0.0.1:" + std::to_string(silent.Port())), Context());
  });
  BOOST_TEST((std::chrono::steady_clock::now() - start < 5s));
  BOOST_TEST(Contains(message, "handshake"), message);
  BOOST_TEST(Contains(message, "127.0.0.1:" + std::to_string(silent.Port())), message);
  BOOST_TEST(Contains(message, "connect timeout"), message);
}

BOOST_AUTO_TEST_CASE(server_that_never_answers_gives_a_read_timeout) {
  TestHttpServer server(
      [](const ReceivedRequest&) {
        TestReply reply;
        reply.never_answer = true;
        return reply;
      },
      &SharedPki().good);
  TransportOptions options = Options();
  options.read_timeout = 300ms;
  BeastTransport transport(options);
  const auto start = std::chrono::steady_clock::now();
  const std::string message =
      ExpectError<TimeoutError>([&] { transport.Send(Get(server.Url()), Context()); });
  BOOST_TEST((std::chrono::steady_clock::now() - start < 5s));
  BOOST_TEST(Contains(message, "read timeout"), message);
  BOOST_TEST(Contains(message, "127.0.0.1"), message);
  BOOST_TEST(transport.IdleConnectionCount() == 0u);
}

BOOST_AUTO_TEST_CASE(total_timeout_bounds_a_slow_response) {
  TestHttpServer server(
      [](const ReceivedRequest&) {
        TestReply reply = Ok();
        reply.delay = 20s;
        return reply;
      },
      &SharedPki().good);
  TransportOptions options = Options();
  options.total_timeout = 400ms;
  BeastTransport transport(options);
  const auto start = std::chrono::steady_clock::now();
  const std::string message =
      ExpectError<TimeoutError>([&] { transport.Send(Get(server.Url()), Context()); });
  BOOST_TEST((std::chrono::steady_clock::now() - start < 5s));
  BOOST_TEST(Contains(message, "total timeout of 400 ms"), message);
  BOOST_TEST(Contains(message, "127.0.0.1"), message);
}

BOOST_AUTO_TEST_CASE(context_deadline_bounds_a_slow_response) {
  TestHttpServer server(
      [](const ReceivedRequest&) {
        TestReply reply = Ok();
        reply.delay = 20s;
        return reply;
      },
      &SharedPki().good);
  BeastTransport transport(Options());
  const Context context = Context().WithDeadline(Context::Clock::now() + 400ms);
  const auto start = std::chrono::steady_clock::now();
  const std::string message =
      ExpectError<TimeoutError>([&] { transport.Send(Get(server.Url()), context); });
  BOOST_TEST((std::chrono::steady_clock::now() - start < 5s));
  BOOST_TEST(Contains(message, "deadline"), message);
}

BOOST_AUTO_TEST_CASE(passed_deadline_fails_without_connecting) {
  TestHttpServer server([](const ReceivedRequest&) { return Ok(); }, &SharedPki().good);
  BeastTransport transport(Options());
  const Context context = Context().WithDeadline(Context::Clock::now() - 1ms);
  ExpectError<TimeoutError>([&] { transport.Send(Get(server.Url()), context); });
  BOOST_TEST(server.ConnectionsAccepted() == 0);
}

BOOST_AUTO_TEST_CASE(cancellation_from_another_thread_aborts_promptly) {
  TestHttpServer server(
      [](const ReceivedRequest&) {
        TestReply reply = Ok();
        reply.delay = 30s;
        return reply;
      },
      &SharedPki().good);
  BeastTransport transport(Options());
  Context context;
  std::atomic<bool> received{false};
  std::chrono::steady_clock::time_point cancelled_at;
  std::thread canceller([&] {
    TestHttpServer::WaitFor([&] { return !server.Requests().empty(); });
    cancelled_at = std::chrono::steady_clock::now();
    context.Cancel();
  });
  ExpectError<CancelledError>([&] { transport.Send(Get(server.Url()), context); });
  const auto returned_at = std::chrono::steady_clock::now();
  canceller.join();
  BOOST_TEST(server.Requests().size() == 1u);  // it was cancelled mid-request
  BOOST_TEST((returned_at - cancelled_at < 1s));
  BOOST_TEST(transport.IdleConnectionCount() == 0u);
  (void)received;
}

BOOST_AUTO_TEST_CASE(cancelled_context_fails_without_connecting) {
  TestHttpServer server([](const ReceivedRequest&) { return Ok(); }, &SharedPki().good);
  BeastTransport transport(Options());
  Context context;
  context.Cancel();
  ExpectError<CancelledError>([&] { transport.Send(Get(server.Url()), context); });
  BOOST_TEST(server.ConnectionsAccepted() == 0);
}

BOOST_AUTO_TEST_CASE(header_values_with_line_breaks_are_refused) {
  BeastTransport transport(Options());
  Request request = Get("https://127.0.0.1:1/");
  request.headers["x-injected"] = "a\r\nEvil: yes";
  const std::string message =
      ExpectError<InvalidArgumentError>([&] { transport.Send(request, Context()); });
  BOOST_TEST(Contains(message, "x-injected"), message);
  BOOST_TEST(!Contains(message, "Evil"), message);
}

BOOST_AUTO_TEST_CASE(tunnels_through_an_authenticating_proxy) {
  TestHttpServer server([](const ReceivedRequest& r) { return Ok("via proxy " + r.target); },
                        &SharedPki().good);
  TestProxy proxy("svc-user:p@ss:word");
  TransportOptions options = Options();
  options.proxy =
      ProxyOptions{"http://svc-user:p%40ss:word@127.0.0.1:" + std::to_string(proxy.Port()), ""};
  BeastTransport transport(options);

  BOOST_TEST(transport.Send(Get(server.Url("127.0.0.1", "/a")), Context()).body == "via proxy /a");
  BOOST_TEST(transport.Send(Get(server.Url("127.0.0.1", "/b")), Context()).body == "via proxy /b");

  const auto seen = proxy.Requests();
  BOOST_REQUIRE(seen.size() == 1u);  // the tunnel was kept alive for the second request
  BOOST_TEST(seen[0].request_line ==
             "CONNECT 127.0.0.1:" + std::to_string(server.Port()) + " HTTP/1.1");
  // base64("svc-user:p@ss:word")
  BOOST_TEST(seen[0].proxy_authorization == "Basic c3ZjLXVzZXI6cEBzczp3b3Jk");
  BOOST_TEST(proxy.Tunnels() == 1);
  BOOST_TEST(server.ConnectionsAccepted() == 1);
}

BOOST_AUTO_TEST_CASE(proxy_407_is_a_transport_error_without_the_password) {
  TestHttpServer server([](const ReceivedRequest&) { return Ok(); }, &SharedPki().good);
  TestProxy proxy("svc-user:right");
  TransportOptions options = Options();
  options.proxy =
      ProxyOptions{"http://svc-user:Wr0ngSecret@127.0.0.1:" + std::to_string(proxy.Port()), ""};
  BeastTransport transport(options);
  const std::string message =
      ExpectError<TransportError>([&] { transport.Send(Get(server.Url()), Context()); });
  BOOST_TEST(Contains(message, "407"), message);
  BOOST_TEST(Contains(message, "127.0.0.1:" + std::to_string(proxy.Port())), message);
  BOOST_TEST(!Contains(message, "Wr0ngSecret"), message);
  BOOST_TEST(!Contains(message, "svc-user"), message);
  BOOST_TEST(server.ConnectionsAccepted() == 0);
}

BOOST_AUTO_TEST_CASE(proxy_refusing_the_tunnel_is_a_transport_error) {
  const uint16_t closed = ClosedPort();
  TestProxy proxy;
  TransportOptions options = Options();
  options.proxy = ProxyOptions{"http://127.0.0.1:" + std::to_string(proxy.Port()), ""};
  BeastTransport transport(options);
  const std::string message = ExpectError<TransportError>(
      [&] { transport.Send(Get("https://127.0.0.1:" + std::to_string(closed) + "/"), Context()); });
  BOOST_TEST(Contains(message, "502"), message);
  BOOST_TEST(Contains(message, "http://127.0.0.1:" + std::to_string(proxy.Port())), message);
}

BOOST_AUTO_TEST_CASE(proxy_from_the_environment_is_used_when_none_is_given) {
  TestHttpServer server([](const ReceivedRequest&) { return Ok("env proxy"); }, &SharedPki().good);
  TestProxy proxy;
  const std::string proxy_url = "http://127.0.0.1:" + std::to_string(proxy.Port());
  const char* saved = std::getenv("HTTPS_PROXY");
  const std::string saved_value = saved == nullptr ? "" : saved;
  const char* saved_no = std::getenv("NO_PROXY");
  const std::string saved_no_value = saved_no == nullptr ? "" : saved_no;
#ifdef _WIN32
  _putenv_s("HTTPS_PROXY", proxy_url.c_str());
  _putenv_s("NO_PROXY", "");
#else
  setenv("HTTPS_PROXY", proxy_url.c_str(), 1);
  unsetenv("NO_PROXY");
#endif
  TransportOptions options = Options();
  options.proxy.reset();
  std::string body;
  try {
    BeastTransport transport(options);
    body = transport.Send(Get(server.Url()), Context()).body;
  } catch (const std::exception& error) {
    BOOST_ERROR(error.what());
  }
#ifdef _WIN32
  _putenv_s("HTTPS_PROXY", saved_value.c_str());
  _putenv_s("NO_PROXY", saved_no_value.c_str());
#else
  if (saved != nullptr) {
    setenv("HTTPS_PROXY", saved_value.c_str(), 1);
  } else {
    unsetenv("HTTPS_PROXY");
  }
  if (saved_no != nullptr) setenv("NO_PROXY", saved_no_value.c_str(), 1);
#endif
  BOOST_TEST(body == "env proxy");
  BOOST_TEST(proxy.Tunnels() == 1);
}

BOOST_AUTO_TEST_CASE(no_proxy_hosts_are_reached_directly) {
  TestHttpServer server([](const ReceivedRequest&) { return Ok("direct"); }, &SharedPki().good);
  TestProxy proxy;
  TransportOptions options = Options();
  options.proxy =
      ProxyOptions{"http://127.0.0.1:" + std::to_string(proxy.Port()), "example.com, 127.0.0.1"};
  BeastTransport transport(options);
  BOOST_TEST(transport.Send(Get(server.Url()), Context()).body == "direct");
  BOOST_TEST(proxy.Requests().empty());
}

BOOST_AUTO_TEST_CASE(invalid_proxy_url_is_an_invalid_argument_without_the_password) {
  TransportOptions options = Options();
  options.proxy = ProxyOptions{"https://user:TopSecret@proxy.example:3128", ""};
  const std::string message =
      ExpectError<InvalidArgumentError>([&] { BeastTransport transport(options); });
  BOOST_TEST(Contains(message, "proxy.example:3128"), message);
  BOOST_TEST(!Contains(message, "TopSecret"), message);
}

BOOST_AUTO_TEST_CASE(plain_http_is_supported) {
  TestHttpServer server([](const ReceivedRequest&) { return Ok("plain"); });
  BeastTransport transport(Options());
  BOOST_TEST(transport.Send(Get(server.Url()), Context()).body == "plain");
  BOOST_TEST(transport.Send(Get(server.Url()), Context()).body == "plain");
  BOOST_TEST(server.ConnectionsAccepted() == 1);
}

BOOST_AUTO_TEST_CASE(concurrent_sends_from_four_threads) {
  TestHttpServer server(
      [](const ReceivedRequest& r) {
        TestReply reply = Ok(r.target);
        reply.delay = 2ms;
        return reply;
      },
      &SharedPki().good);
  BeastTransport transport(Options());
  std::atomic<int> good{0};
  std::atomic<int> bad{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 15; ++i) {
        const std::string path = "/t" + std::to_string(t) + "/" + std::to_string(i);
        try {
          const Response response = transport.Send(Get(server.Url("127.0.0.1", path)), Context());
          (response.status == 200 && response.body == path ? good : bad)++;
        } catch (...) {
          ++bad;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  BOOST_TEST(good == 60);
  BOOST_TEST(bad == 0);
  BOOST_TEST(server.ConnectionsAccepted() <= 4);
  BOOST_TEST(transport.IdleConnectionCount() >= 1u);
  BOOST_TEST(transport.IdleConnectionCount() <= 4u);
}

BOOST_AUTO_TEST_SUITE_END()
