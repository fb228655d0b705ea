// Threading: the transport owns one io_context run by one internal thread; every socket, timer
// and pool hand-over happens there, so exchanges need no locks of their own. Send() builds an
// Exchange on the caller's thread, posts it, and waits on its future; several callers may wait
// at once. Cancellation posts Abort() to the I/O thread; errors come back as kind + message and
// are thrown on the caller's thread.
#include "azscsp/http/beast_transport.hpp"

#include <mutex>
#include <thread>
#include <utility>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>

#include "azscsp/errors.hpp"
#include "azscsp/util/log.hpp"
#include "http/connection_pool.hpp"
#include "http/exchange.hpp"
#include "http/proxy_endpoint.hpp"
#include "http/tls_context.hpp"

namespace azscsp::http {
namespace {

namespace asio = boost::asio;

constexpr auto kMaxIdleTime = std::chrono::seconds(90);

// Lets a cancellation callback reach an exchange only while its Send() is still waiting: after
// Disarm() returns, the callback can no longer post to the I/O thread (which may be gone).
struct CancelLink {
  std::mutex mutex;
  std::weak_ptr<Exchange> exchange;
  asio::any_io_executor executor;

  void Fire() {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto target = exchange.lock()) {
      asio::post(executor, [target] { target->Abort(); });
    }
  }
  void Disarm() {
    std::lock_guard<std::mutex> lock(mutex);
    exchange.reset();
  }
};

}  // namespace

class BeastTransport::Impl {
 public:
  explicit Impl(TransportOptions options)
      : options_(std::move(options)),
        tls_(MakeClientTlsContext(options_)),
        pool_(options_.max_idle_connections_per_host, kMaxIdleTime),
        work_(asio::make_work_guard(io_)) {
    const ProxyOptions proxy = options_.proxy ? *options_.proxy : ProxyOptions::FromEnvironment();
    if (!proxy.url.empty()) {
      proxy_ = ParseProxyUrl(proxy.url, options_.proxy ? "" : "HTTPS_PROXY");
      no_proxy_ = proxy;
    }
    thread_ = std::thread([this] {
      for (;;) {
        try {
          io_.run();
          return;
        } catch (...) {
          // Handlers catch their own errors; keep the loop alive regardless.
        }
      }
    });
  }

  ~Impl() {
    work_.reset();
    io_.stop();
    thread_.join();
    pool_.CloseAll();
  }

  Response Send(const Request& request, const util::Context& context) {
    if (context.IsCancelled()) throw CancelledError();
    if (request.url.host.empty() || request.url.port == 0 ||
        (request.url.scheme != "https" && request.url.scheme != "http")) {
      throw InvalidArgumentError("The request URL '" + request.url.ToString() +
                                 "' is not an absolute https:// URL (use Url::Parse).");
    }

    Exchange::Settings settings;
    settings.executor = io_.get_executor();
    settings.tls = &tls_;
    settings.pool = &pool_;
    settings.verify_tls = options_.verify_tls;
    settings.collect_notes =
        context.Log() != nullptr && context.Log()->Enabled(util::LogLevel::Debug);
    settings.connect_timeout = options_.connect_timeout;
    settings.read_timeout = options_.read_timeout;
    const auto now = Exchange::Clock::now();
    settings.deadline = now + options_.total_timeout;
    settings.deadline_name =
        "the total timeout of " + std::to_string(options_.total_timeout.count()) + " ms";
    if (context.Deadline() && *context.Deadline() < settings.deadline) {
      settings.deadline = *context.Deadline();
      settings.deadline_name = "the deadline of the operation";
    }
    if (proxy_ && request.url.scheme == "https" && !no_proxy_.Bypasses(request.url.Authority())) {
      settings.proxy = proxy_;
    }

    auto exchange = std::make_shared<Exchange>(std::move(settings), request);
    auto result = exchange->Result();

    auto link = std::make_shared<CancelLink>();
    link->exchange = exchange;
    link->executor = io_.get_executor();
    const auto& cancellation = context.Cancellation();
    const uint64_t callback_id = cancellation->OnCancel([link] { link->Fire(); });

    asio::post(io_, [exchange] { exchange->Start(); });
    result.wait();

    cancellation->RemoveCallback(callback_id);
    link->Disarm();
    Outcome outcome = result.get();
    // Logged here, on the caller's thread, as sinks need not be thread-safe.
    for (const std::string& note : outcome.notes) {
      util::Log(context, util::LogLevel::Debug, note);
    }
    return outcome.TakeOrThrow();
  }

  size_t IdleConnectionCount() const { return pool_.IdleCount(); }

 private:
  TransportOptions options_;
  std::optional<ProxyEndpoint> proxy_;
  ProxyOptions no_proxy_;
  asio::io_context io_;  // declared before everything that owns sockets: destroyed last
  asio::ssl::context tls_;
  ConnectionPool pool_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::thread thread_;
};

BeastTransport::BeastTransport(TransportOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

BeastTransport::~BeastTransport() = default;

Response BeastTransport::Send(const Request& request, const util::Context& context) {
  return impl_->Send(request, context);
}

size_t BeastTransport::IdleConnectionCount() const {
  return impl_->IdleConnectionCount();
}

}  // namespace azscsp::http
