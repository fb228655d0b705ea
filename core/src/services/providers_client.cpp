#include "azscsp/services/providers_client.hpp"

#include "azscsp/arm/resource_id.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/log.hpp"
#include "azscsp/util/url_encode.hpp"

namespace azscsp::services {
namespace {

std::string ProviderPath(const std::string& subscription_id,
                         const std::string& provider_namespace) {
  return "/subscriptions/" + util::PercentEncode(subscription_id) + "/providers/" +
         util::PercentEncode(provider_namespace);
}

std::string StateOf(const http::Response& response) {
  return util::GetString(arm::ReadBody(response), "registrationState");
}

}  // namespace

std::string ProvidersClient::GetState(const std::string& subscription_id,
                                      const std::string& provider_namespace,
                                      const util::Context& context) const {
  arm::ValidateSubscriptionId(subscription_id, "subscription ID");
  arm::ValidateResourceName(provider_namespace, "provider namespace");
  return StateOf(arm_->Send(http::Method::Get, ProviderPath(subscription_id, provider_namespace),
                            kResourcesApiVersion, std::nullopt, context));
}

ProviderRegistrationResult ProvidersClient::Register(const std::string& subscription_id,
                                                     const std::string& provider_namespace,
                                                     const ProviderPollOptions& options,
                                                     const util::Context& context) const {
  ProviderRegistrationResult result;
  result.state = GetState(subscription_id, provider_namespace, context);
  if (util::EqualsIgnoreCase(result.state, "Registered")) {
    result.already_registered = true;
    return result;
  }
  result.state = StateOf(arm_->Send(http::Method::Post,
                                    ProviderPath(subscription_id, provider_namespace) + "/register",
                                    kResourcesApiVersion, std::nullopt, context));
  const auto deadline = clock_.Now() + options.timeout;
  while (!util::EqualsIgnoreCase(result.state, "Registered")) {
    if (clock_.Now() >= deadline) {
      throw TimeoutError("The resource provider '" + provider_namespace + "' is still '" +
                         result.state + "' on subscription '" + subscription_id + "' after " +
                         std::to_string(options.timeout.count() / 1000) +
                         " s; try again in a few minutes.");
    }
    util::Log(
        context, util::LogLevel::Verbose,
        "Waiting for " + provider_namespace + " to be registered (now '" + result.state + "').");
    clock_.SleepFor(options.interval, context);  // throws CancelledError when cancelled
    result.state = GetState(subscription_id, provider_namespace, context);
    ++result.polls;
  }
  return result;
}

}  // namespace azscsp::services
