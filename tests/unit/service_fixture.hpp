// A FakeTransport behind an ArmClient, with a router that answers by method and path, for the
// service clients' unit tests.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "azscsp/arm/arm_client.hpp"
#include "fakes.hpp"

namespace azscsp::testing {

inline const std::string kTestSubscription = "414f12af-d3bb-44fd-a278-d0aff47d869b";
inline const std::string kTestRegistrationPath =
    "/subscriptions/414f12af-d3bb-44fd-a278-d0aff47d869b/resourceGroups/azurestack/providers/"
    "Microsoft.AzureStack/registrations/myreg";

inline std::string ArmErrorBody(const std::string& code, const std::string& message = "failed") {
  return R"({"error":{"code":")" + code + R"(","message":")" + message + R"("}})";
}

// Routes "METHOD path" (path without the query) to handlers; unrouted requests answer 404.
struct RoutedService {
  using Answer = std::function<http::Response(const http::Request&)>;
  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
  std::shared_ptr<arm::ArmClient> arm = std::make_shared<arm::ArmClient>(
      std::make_shared<http::Pipeline>(std::vector<std::shared_ptr<http::Policy>>{}, transport),
      "https://management.azure.com/");
  std::map<std::string, Answer> routes;
  std::vector<std::string> calls;  // "METHOD path" in order

  RoutedService() {
    transport->SetHandler([this](const http::Request& request) {
      const std::string path = request.url.target.substr(0, request.url.target.find('?'));
      const std::string key = std::string(http::MethodName(request.method)) + " " + path;
      calls.push_back(key);
      auto found = routes.find(key);
      if (found == routes.end()) return MakeResponse(404, ArmErrorBody("ResourceNotFound"));
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
};

}  // namespace azscsp::testing
