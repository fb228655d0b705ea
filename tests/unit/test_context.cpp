#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include "azscsp/errors.hpp"
#include "azscsp/util/context.hpp"
#include "azscsp/util/log.hpp"

using azscsp::CancelledError;
using azscsp::TimeoutError;
using azscsp::util::CancellationSource;
using azscsp::util::Context;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(context)

BOOST_AUTO_TEST_CASE(fresh_context_is_not_done) {
  Context context;
  BOOST_TEST(!context.IsCancelled());
  BOOST_TEST(!context.Deadline().has_value());
  BOOST_TEST(context.Log() == nullptr);
  BOOST_CHECK_NO_THROW(context.ThrowIfDone());
}

BOOST_AUTO_TEST_CASE(cancel_is_shared_by_copies_and_children) {
  Context parent;
  const Context child = parent.WithDeadline(Context::Clock::now() + 1h);
  const Context copy = parent;  // NOLINT(performance-unnecessary-copy-initialization)
  child.Cancel();
  BOOST_TEST(parent.IsCancelled());
  BOOST_TEST(copy.IsCancelled());
  BOOST_CHECK_THROW(parent.ThrowIfDone(), CancelledError);
}

BOOST_AUTO_TEST_CASE(deadline_only_shortens) {
  const auto now = Context::Clock::now();
  const Context context = Context().WithDeadline(now + 10s);
  BOOST_TEST((context.WithDeadline(now + 20s).Deadline() == now + 10s));
  BOOST_TEST((context.WithDeadline(now + 5s).Deadline() == now + 5s));
}

BOOST_AUTO_TEST_CASE(passed_deadline_throws_timeout) {
  const Context context = Context().WithDeadline(Context::Clock::now() - 1ms);
  BOOST_CHECK_THROW(context.ThrowIfDone(), TimeoutError);
  try {
    context.ThrowIfDone();
  } catch (const azscsp::Error& error) {
    BOOST_TEST((error.Kind() == azscsp::ErrorKind::Timeout));
  }
}

BOOST_AUTO_TEST_CASE(cancellation_wins_over_deadline) {
  const Context context = Context().WithDeadline(Context::Clock::now() - 1ms);
  context.Cancel();
  BOOST_CHECK_THROW(context.ThrowIfDone(), CancelledError);
}

BOOST_AUTO_TEST_CASE(callbacks_run_once_on_cancel) {
  CancellationSource source;
  int calls = 0;
  source.OnCancel([&] { ++calls; });
  source.OnCancel([&] { ++calls; });
  BOOST_TEST(calls == 0);
  source.Cancel();
  source.Cancel();
  BOOST_TEST(calls == 2);
  BOOST_TEST(source.IsCancelled());
}

BOOST_AUTO_TEST_CASE(removed_callback_is_not_called) {
  CancellationSource source;
  int calls = 0;
  const uint64_t id = source.OnCancel([&] { ++calls; });
  source.RemoveCallback(id);
  source.RemoveCallback(id);  // harmless twice
  source.Cancel();
  BOOST_TEST(calls == 0);
}

BOOST_AUTO_TEST_CASE(callback_registered_after_cancel_runs_at_once) {
  CancellationSource source;
  source.Cancel();
  bool called = false;
  const uint64_t id = source.OnCancel([&] { called = true; });
  BOOST_TEST(called);
  source.RemoveCallback(id);
}

BOOST_AUTO_TEST_CASE(callback_may_touch_the_source_without_deadlock) {
  CancellationSource source;
  uint64_t other = source.OnCancel([] {});
  bool nested = false;
  source.OnCancel([&] {
    source.RemoveCallback(other);
    source.OnCancel([&] { nested = true; });  // already cancelled: runs at once
  });
  source.Cancel();
  BOOST_TEST(nested);
}

BOOST_AUTO_TEST_CASE(a_throwing_callback_does_not_stop_the_others) {
  CancellationSource source;
  bool second = false;
  source.OnCancel([] { throw std::runtime_error("boom"); });
  source.OnCancel([&] { second = true; });
  BOOST_CHECK_NO_THROW(source.Cancel());
  BOOST_TEST(second);
}

BOOST_AUTO_TEST_CASE(cancel_from_another_thread) {
  Context context;
  std::atomic<bool> called{false};
  context.Cancellation()->OnCancel([&] { called = true; });
  std::thread canceller([context] { context.Cancel(); });
  canceller.join();
  BOOST_TEST(called.load());
  BOOST_TEST(context.IsCancelled());
}

BOOST_AUTO_TEST_CASE(log_sink_travels_with_children) {
  struct Sink : azscsp::util::LogSink {
    azscsp::util::LogLevel Level() const override { return azscsp::util::LogLevel::Verbose; }
    void Write(azscsp::util::LogLevel, const std::string&) override {}
  };
  const Context context;
  BOOST_TEST(context.WithLogSink(nullptr).Log() == nullptr);
  auto sink = std::make_shared<Sink>();
  const Context with_sink = context.WithLogSink(sink);
  BOOST_TEST(with_sink.Log() == sink.get());
  BOOST_TEST(with_sink.WithDeadline(Context::Clock::now() + 1s).Log() == sink.get());
  BOOST_TEST(context.Log() == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
