// A PartnerCenterClient over a FakeTransport (retry and bearer policies, manual clock), with a
// token whose claims say app+user or app-only, and Partner Center's error bodies.
#pragma once

#include <boost/json.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "auth_test_helpers.hpp"
#include "azscsp/auth/token_credential.hpp"
#include "azscsp/http/policies.hpp"
#include "azscsp/partnercenter/partner_center_client.hpp"
#include "fakes.hpp"

namespace azscsp::testing {

class FixedTokenCredential final : public auth::TokenCredential {
 public:
  explicit FixedTokenCredential(std::string token) : token_(std::move(token)) {}
  auth::AccessToken GetToken(const auth::TokenRequest& request, const util::Context&) override {
    resources.push_back(request.resource);
    return {token_, std::chrono::system_clock::now() + std::chrono::hours(1), std::nullopt};
  }
  std::string Description() const override { return "fixed token"; }
  std::vector<std::string> resources;

 private:
  std::string token_;
};

inline std::string AppUserToken() {
  return MakeJwt({{"tid", "530c1840-0000-4000-8000-000000000001"},
                  {"scp", "user_impersonation"},
                  {"idtyp", "user"},
                  {"upn", "admin@contoso.onmicrosoft.com"}});
}
inline std::string AppOnlyToken() {
  return MakeJwt({{"tid", "530c1840-0000-4000-8000-000000000001"},
                  {"idtyp", "app"},
                  {"appid", "5a0b0000-0000-4000-8000-000000000002"}});
}

inline std::string PartnerFdError(long long code, const std::string& description) {
  return boost::json::serialize(boost::json::object{{"code", code},
                                                    {"description", description},
                                                    {"data", boost::json::array()},
                                                    {"source", "PartnerFD"}});
}

// Routes "METHOD /v1/path" (without the query) to answers; unrouted requests answer 404 1000.
struct PartnerCenterFake {
  using Answer = std::function<http::Response(const http::Request&)>;
  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
  ManualClock clock;
  std::shared_ptr<FixedTokenCredential> credential;
  std::shared_ptr<partnercenter::PartnerCenterClient> client;
  std::map<std::string, Answer> routes;
  std::vector<std::string> calls;

  explicit PartnerCenterFake(bool app_only = false, bool routed = true) {
    credential = std::make_shared<FixedTokenCredential>(app_only ? AppOnlyToken() : AppUserToken());
    http::RetryOptions retry;
    retry.base_delay = std::chrono::milliseconds(100);
    std::vector<std::shared_ptr<http::Policy>> policies{
        std::make_shared<http::RetryPolicy>(retry, clock),
        std::make_shared<http::BearerTokenPolicy>(credential,
                                                  "https://api.partnercenter.microsoft.com")};
    client = std::make_shared<partnercenter::PartnerCenterClient>(
        std::make_shared<http::Pipeline>(std::move(policies), transport),
        "https://api.partnercenter.microsoft.com/", credential,
        "https://api.partnercenter.microsoft.com");
    if (routed)
      transport->SetHandler([this](const http::Request& request) {
        const std::string path = request.url.target.substr(0, request.url.target.find('?'));
        const std::string key = std::string(http::MethodName(request.method)) + " " + path;
        calls.push_back(key);
        auto found = routes.find(key);
        if (found == routes.end()) return MakeResponse(404, PartnerFdError(1000, "Not found"));
        return found->second(request);
      });
  }
  void Route(const std::string& key, int status, std::string body = {}) {
    routes[key] = [status, body](const http::Request&) { return MakeResponse(status, body); };
  }
  int Count(const std::string& key) const {
    int n = 0;
    for (const auto& call : calls) n += call == key;
    return n;
  }
  int Writes() const {
    int n = 0;
    for (const auto& call : calls) n += call.rfind("GET ", 0) != 0 && call.rfind("HEAD ", 0) != 0;
    return n;
  }
};

}  // namespace azscsp::testing
