#include "azscsp/partnercenter/subscription_alias.hpp"

#include <algorithm>
#include <cstdlib>

#include "azscsp/errors.hpp"
#include "azscsp/partnercenter/partner_center_models.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/log.hpp"
#include "azscsp/util/url_encode.hpp"

namespace json = boost::json;

namespace azscsp::partnercenter {
namespace {

struct AliasState {
  std::string subscription_id;
  std::string provisioning_state;
};

AliasState ReadAlias(const http::Response& response) {
  AliasState state;
  if (response.body.empty()) return state;
  const json::value answer = arm::ReadBody(response);
  if (!answer.is_object()) return state;
  if (const json::value* properties = util::FindKeyIgnoreCase(answer.as_object(), "properties")) {
    state.subscription_id = util::GetString(*properties, "subscriptionId");
    state.provisioning_state = util::GetString(*properties, "provisioningState");
  }
  return state;
}

std::chrono::milliseconds PollDelay(const http::Response& response) {
  if (auto value = response.Header("Retry-After")) {
    const long long seconds = std::atoll(value->c_str());
    if (seconds > 0 && seconds <= 60) return std::chrono::seconds(seconds);
  }
  return std::chrono::seconds(2);
}

}  // namespace

std::string AliasNameFor(const std::string& customer_id, int attempt) {
  std::string name = "azscsp-" + Lower(customer_id);
  if (attempt > 1) name += "-" + std::to_string(attempt);
  return name;
}

std::string CreateSubscriptionAlias(const arm::ArmClient& arm, const std::string& alias,
                                    const std::string& display_name,
                                    const std::string& billing_account_name,
                                    const std::string& customer_id, util::Clock& clock,
                                    util::Clock::SystemTime deadline,
                                    const util::Context& context) {
  const json::object body{
      {"properties",
       {{"displayName", display_name},
        {"billingScope", "/providers/Microsoft.Billing/billingAccounts/" + billing_account_name +
                             "/customers/" + customer_id},
        {"workload", "Production"}}}};
  const std::string path =
      "/providers/Microsoft.Subscription/aliases/" + util::PercentEncode(alias);
  http::Response response =
      arm.Send(http::Method::Put, path, kSubscriptionAliasApiVersion, json::value(body), context);
  AliasState state = ReadAlias(response);
  // Succeeded with a subscription id: done. Anything else (Accepted, Running, no state yet) is
  // read again until it settles.
  while (!(util::EqualsIgnoreCase(state.provisioning_state, "Succeeded") &&
           !state.subscription_id.empty())) {
    if (util::EqualsIgnoreCase(state.provisioning_state, "Failed") ||
        util::EqualsIgnoreCase(state.provisioning_state, "Canceled") ||
        util::EqualsIgnoreCase(state.provisioning_state, "Cancelled"))
      throw ServiceError(ErrorKind::Service,
                         {response.status, "SubscriptionAliasFailed",
                          "Creating the Azure subscription with the alias '" + alias + "' ended " +
                              state.provisioning_state +
                              (state.subscription_id.empty()
                                   ? std::string()
                                   : " (subscription " + Lower(state.subscription_id) + ")") +
                              "; check the billing account '" + billing_account_name +
                              "' and the customer's Azure plan, then run this again."});
    if (util::EqualsIgnoreCase(state.provisioning_state, "Succeeded"))
      throw ServiceError(ErrorKind::Service,
                         {response.status, "InvalidResponse",
                          "The subscription alias '" + alias + "' names no subscriptionId."});
    const std::chrono::milliseconds delay = PollDelay(response);
    if (clock.Now() + delay > deadline)
      throw ServiceError(ErrorKind::Timeout,
                         {0, "SubscriptionAliasNotReady",
                          "The Azure subscription of the alias '" + alias +
                              "' was not provisioned in time (provisioningState '" +
                              (state.provisioning_state.empty() ? std::string("unknown")
                                                                : state.provisioning_state) +
                              "'); run this again later to pick it up."});
    util::Log(context, util::LogLevel::Verbose,
              "The subscription alias '" + alias + "' is " +
                  (state.provisioning_state.empty() ? std::string("not provisioned yet")
                                                    : state.provisioning_state) +
                  "; waiting " + std::to_string(delay.count() / 1000) + " s.");
    clock.SleepFor(delay, context);
    response =
        arm.Send(http::Method::Get, path, kSubscriptionAliasApiVersion, std::nullopt, context);
    state = ReadAlias(response);
  }
  return Lower(state.subscription_id);
}

}  // namespace azscsp::partnercenter
