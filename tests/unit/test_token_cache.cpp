#define BOOST_TEST_DYN_LINK
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <thread>

#include "azscsp/auth/token_cache.hpp"
#include "fakes.hpp"

using namespace azscsp;
using namespace std::chrono_literals;

namespace {

// Hands out numbered tokens that expire `lifetime` after the clock's now.
class CountingCredential final : public auth::TokenCredential {
 public:
  CountingCredential(util::Clock& clock, std::chrono::seconds lifetime)
      : clock_(clock), lifetime_(lifetime) {}
  auth::AccessToken GetToken(const auth::TokenRequest& request, const util::Context&) override {
    if (fail) throw ServiceError(ErrorKind::Authentication, {401, "invalid_client", "refused"});
    const int n = ++calls;
    std::this_thread::sleep_for(std::chrono::milliseconds(slow_ms));
    auth::AccessToken token{request.resource + "#" + std::to_string(n), clock_.Now() + lifetime_,
                            std::nullopt};
    if (refresh_in) token.refresh_on = clock_.Now() + *refresh_in;
    return token;
  }
  std::string Description() const override { return "counting"; }

  std::atomic<int> calls{0};
  bool fail = false;
  int slow_ms = 0;
  std::optional<std::chrono::seconds> refresh_in;

 private:
  util::Clock& clock_;
  std::chrono::seconds lifetime_;
};

struct CacheFixture {
  testing::ManualClock clock;
  std::shared_ptr<CountingCredential> inner = std::make_shared<CountingCredential>(clock, 3600s);
  auth::CachingCredential cache{inner, "authority|tenant|client", clock};
  const auth::TokenRequest arm{"https://management.core.windows.net/"};
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(token_cache, CacheFixture)

BOOST_AUTO_TEST_CASE(reuses_a_fresh_token) {
  const auto first = cache.GetToken(arm, {});
  const auto second = cache.GetToken(arm, {});
  BOOST_TEST(first.token == second.token);
  BOOST_TEST(inner->calls == 1);
}

BOOST_AUTO_TEST_CASE(keys_by_resource) {
  cache.GetToken(arm, {});
  const auto graph = cache.GetToken({"https://graph.microsoft.com/"}, {});
  BOOST_TEST(graph.token == "https://graph.microsoft.com/#2");
  BOOST_TEST(inner->calls == 2);
}

BOOST_AUTO_TEST_CASE(refreshes_five_minutes_before_expiry) {
  cache.GetToken(arm, {});
  clock.Advance(3600s - 301s);
  cache.GetToken(arm, {});
  BOOST_TEST(inner->calls == 1);  // 301 s left: still fresh
  clock.Advance(2s);
  const auto renewed = cache.GetToken(arm, {});
  BOOST_TEST(inner->calls == 2);  // 299 s left: inside the margin
  BOOST_TEST(renewed.token == arm.resource + "#2");
}

BOOST_AUTO_TEST_CASE(honours_refresh_in) {
  inner->refresh_in = 600s;
  cache.GetToken(arm, {});
  clock.Advance(601s);
  cache.GetToken(arm, {});
  BOOST_TEST(inner->calls == 2);
}

BOOST_AUTO_TEST_CASE(keeps_a_valid_token_when_a_proactive_refresh_fails) {
  const auto first = cache.GetToken(arm, {});
  clock.Advance(3500s);  // inside the margin, not yet expired
  inner->fail = true;
  BOOST_TEST(cache.GetToken(arm, {}).token == first.token);
  clock.Advance(200s);  // now expired
  BOOST_CHECK_THROW(cache.GetToken(arm, {}), ServiceError);
}

BOOST_AUTO_TEST_CASE(invalidate_forces_a_new_token) {
  cache.GetToken(arm, {});
  cache.Invalidate(arm);
  cache.GetToken(arm, {});
  BOOST_TEST(inner->calls == 2);
}

BOOST_AUTO_TEST_CASE(concurrent_callers_share_one_refresh) {
  inner->slow_ms = 50;
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) threads.emplace_back([&] { cache.GetToken(arm, {}); });
  for (auto& thread : threads) thread.join();
  BOOST_TEST(inner->calls == 1);
}

BOOST_AUTO_TEST_SUITE_END()
