#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>
#include <memory>

#include "azscsp/http/pipeline.hpp"
#include "azscsp/http/policies.hpp"
#include "azscsp/util/time_format.hpp"
#include "fakes.hpp"

using namespace azscsp;
using namespace std::chrono_literals;
using testing::FakeTransport;
using testing::MakeResponse;
using testing::ManualClock;

namespace {

struct RetryFixture {
  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
  ManualClock clock;
  http::RetryOptions options;

  http::Pipeline Build() {
    return http::Pipeline({std::make_shared<http::RequestIdPolicy>(),
                           std::make_shared<http::RetryPolicy>(options, clock)},
                          transport);
  }
  static http::Request Get() {
    http::Request request;
    request.url =
        http::Url::Parse("https://management.azure.com/subscriptions?api-version=2021-04-01");
    return request;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(retry_policy, RetryFixture)

BOOST_AUTO_TEST_CASE(honours_retry_after_seconds_on_429) {
  transport->Enqueue(MakeResponse(429, R"({"error":{"code":"SubscriptionRequestsThrottled"}})",
                                  {{"Retry-After", "7"}}));
  transport->Enqueue(MakeResponse(200, "{}"));
  const auto response = Build().Send(Get(), {});
  BOOST_TEST(response.status == 200);
  BOOST_REQUIRE_EQUAL(clock.Sleeps().size(), 1u);
  BOOST_TEST(clock.Sleeps()[0].count() == 7000);
}

BOOST_AUTO_TEST_CASE(honours_retry_after_http_date) {
  const auto when = clock.Now() + 12s;
  transport->Enqueue(MakeResponse(503, "", {{"Retry-After", util::FormatHttpDate(when)}}));
  transport->Enqueue(MakeResponse(200, "{}"));
  Build().Send(Get(), {});
  BOOST_REQUIRE_EQUAL(clock.Sleeps().size(), 1u);
  BOOST_TEST(clock.Sleeps()[0].count() == 12000);
}

BOOST_AUTO_TEST_CASE(prefers_milliseconds_headers) {
  transport->Enqueue(
      MakeResponse(429, "", {{"Retry-After", "30"}, {"x-ms-retry-after-ms", "250"}}));
  transport->Enqueue(MakeResponse(200, "{}"));
  Build().Send(Get(), {});
  BOOST_TEST(clock.Sleeps().at(0).count() == 250);
}

BOOST_AUTO_TEST_CASE(backs_off_exponentially_with_jitter_when_no_header) {
  for (int i = 0; i < 3; ++i) transport->Enqueue(MakeResponse(500));
  transport->Enqueue(MakeResponse(200, "{}"));
  const auto response = Build().Send(Get(), {});
  BOOST_TEST(response.status == 200);
  BOOST_REQUIRE_EQUAL(clock.Sleeps().size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    const double nominal = 800.0 * (1 << i);
    BOOST_TEST(clock.Sleeps()[i].count() >= nominal * 0.8 - 1);
    BOOST_TEST(clock.Sleeps()[i].count() <= nominal * 1.3 + 1);
  }
}

BOOST_AUTO_TEST_CASE(caps_each_backoff_delay) {
  options.base_delay = 10s;
  options.max_delay = 5s;
  transport->Enqueue(MakeResponse(500));
  transport->Enqueue(MakeResponse(200, "{}"));
  Build().Send(Get(), {});
  BOOST_TEST(clock.Sleeps().at(0).count() == 5000);
}

BOOST_AUTO_TEST_CASE(returns_last_response_when_retries_run_out) {
  for (int i = 0; i < 4; ++i) transport->Enqueue(MakeResponse(503, "busy", {{"Retry-After", "1"}}));
  const auto response = Build().Send(Get(), {});
  BOOST_TEST(response.status == 503);
  BOOST_TEST(transport->Requests().size() == 4u);  // first try + 3 retries
}

BOOST_AUTO_TEST_CASE(does_not_retry_client_errors) {
  transport->Enqueue(MakeResponse(400, R"({"error":{"code":"InvalidCustomerSubscriptionId"}})"));
  const auto response = Build().Send(Get(), {});
  BOOST_TEST(response.status == 400);
  BOOST_TEST(transport->Requests().size() == 1u);
  BOOST_TEST(clock.Sleeps().empty());
}

BOOST_AUTO_TEST_CASE(retries_transport_errors) {
  transport->EnqueueError("connection reset");
  transport->Enqueue(MakeResponse(200, "{}"));
  const auto response = Build().Send(Get(), {});
  BOOST_TEST(response.status == 200);
  BOOST_TEST(transport->Requests().size() == 2u);
}

BOOST_AUTO_TEST_CASE(rethrows_transport_error_after_last_retry) {
  options.max_retries = 1;
  transport->EnqueueError("reset 1");
  transport->EnqueueError("reset 2");
  BOOST_CHECK_THROW(Build().Send(Get(), {}), TransportError);
}

BOOST_AUTO_TEST_CASE(keeps_the_client_request_id_across_retries) {
  transport->Enqueue(MakeResponse(502));
  transport->Enqueue(MakeResponse(200, "{}"));
  Build().Send(Get(), {});
  const auto& requests = transport->Requests();
  BOOST_REQUIRE_EQUAL(requests.size(), 2u);
  const std::string first = requests[0].headers.at("x-ms-client-request-id");
  BOOST_TEST(first.size() == 36u);
  BOOST_TEST(requests[1].headers.at("x-ms-client-request-id") == first);
}

BOOST_AUTO_TEST_CASE(cancellation_stops_retrying) {
  util::Context context;
  transport->SetHandler([&](const http::Request&) {
    context.Cancel();  // the user pressed Ctrl+C while the request was in flight
    return MakeResponse(503);
  });
  BOOST_CHECK_THROW(Build().Send(Get(), context), CancelledError);
  BOOST_TEST(transport->Requests().size() == 1u);
}

BOOST_AUTO_TEST_CASE(parses_retry_after_variants) {
  const auto now = clock.Now();
  auto delay = [&](http::Headers headers) {
    return http::RetryPolicy::DelayFromHeaders(MakeResponse(429, "", std::move(headers)), now);
  };
  BOOST_TEST(delay({{"Retry-After", "0"}})->count() == 0);
  BOOST_TEST(delay({{"retry-after", "120"}})->count() == 120000);
  BOOST_TEST(delay({{"retry-after-ms", "15"}})->count() == 15);
  BOOST_TEST(!delay({{"Retry-After", "soon"}}).has_value());
  BOOST_TEST(!delay({{"Retry-After", "-5"}}).has_value());
  BOOST_TEST(delay({{"Retry-After", util::FormatHttpDate(now - 30s)}})->count() == 0);
  BOOST_TEST(!delay({}).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(retry_policy_safety, RetryFixture)

BOOST_AUTO_TEST_CASE(does_not_repeat_a_post_after_a_transport_failure) {
  auto request = Get();
  request.method = http::Method::Post;
  transport->EnqueueError("connection reset after the body was sent");
  BOOST_CHECK_THROW(Build().Send(request, {}), TransportError);
  BOOST_TEST(transport->Requests().size() == 1u);
}

BOOST_AUTO_TEST_CASE(repeats_a_post_the_server_refused_to_process) {
  auto request = Get();
  request.method = http::Method::Post;
  transport->Enqueue(MakeResponse(429, "", {{"Retry-After", "1"}}));
  transport->Enqueue(MakeResponse(500));
  BOOST_TEST(Build().Send(request, {}).status == 500);  // 500 may have acted: not repeated
  BOOST_TEST(transport->Requests().size() == 2u);
}

BOOST_AUTO_TEST_CASE(repeats_a_post_marked_idempotent_after_a_transport_failure) {
  auto request = Get();
  request.method = http::Method::Post;
  request.idempotent = true;  // e.g. a token request
  transport->EnqueueError("reset");
  transport->Enqueue(MakeResponse(200, "{}"));
  BOOST_TEST(Build().Send(request, {}).status == 200);
}

BOOST_AUTO_TEST_CASE(gives_the_answer_back_when_retry_after_exceeds_the_cap) {
  options.max_delay = 5s;
  transport->Enqueue(MakeResponse(429, "", {{"Retry-After", "3600"}}));
  BOOST_TEST(Build().Send(Get(), {}).status == 429);
  BOOST_TEST(clock.Sleeps().empty());
}

BOOST_AUTO_TEST_CASE(gives_up_when_the_next_try_would_pass_the_deadline) {
  transport->Enqueue(MakeResponse(503, "", {{"Retry-After", "30"}}));
  const auto context = util::Context().WithDeadline(util::Context::Clock::now() + 2s);
  BOOST_CHECK_THROW(Build().Send(Get(), context), TimeoutError);
  BOOST_TEST(transport->Requests().size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
