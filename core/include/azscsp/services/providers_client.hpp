// Resource provider registration of a subscription (api.md §2 "Register RP"): POST register, then
// poll until the provider reports Registered.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "azscsp/arm/arm_client.hpp"
#include "azscsp/util/clock.hpp"

namespace azscsp::services {

constexpr const char* kResourcesApiVersion = "2021-04-01";

struct ProviderPollOptions {
  std::chrono::milliseconds interval{1000};
  std::chrono::milliseconds timeout{60000};
};

struct ProviderRegistrationResult {
  bool already_registered = false;  // no POST was needed
  std::string state;                // the final registrationState ("Registered")
  int polls = 0;                    // GETs after the POST
};

class ProvidersClient {
 public:
  // `clock` paces the polling; tests pass a manual one.
  ProvidersClient(std::shared_ptr<const arm::ArmClient> arm,
                  util::Clock& clock = util::SystemClock::Instance())
      : arm_(std::move(arm)), clock_(clock) {}

  // The provider's registrationState, e.g. "NotRegistered", "Registering", "Registered".
  std::string GetState(const std::string& subscription_id, const std::string& provider_namespace,
                       const util::Context& context) const;
  // Registers unless already Registered and waits for Registered. Cancellation ends the wait at
  // once (CancelledError); TimeoutError names the last state seen when `timeout` passes.
  ProviderRegistrationResult Register(const std::string& subscription_id,
                                      const std::string& provider_namespace,
                                      const ProviderPollOptions& options,
                                      const util::Context& context) const;

 private:
  std::shared_ptr<const arm::ArmClient> arm_;
  util::Clock& clock_;
};

}  // namespace azscsp::services
