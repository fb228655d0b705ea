// Set-AzsRegistration / UnRegister-AzsEnvironment in the connected path (api.md §2): the ordered
// steps around the registration PUT and DELETE, each reported as it ends.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "azscsp/arm/arm_client.hpp"
#include "azscsp/services/azurestack_models.hpp"
#include "azscsp/services/providers_client.hpp"
#include "azscsp/util/clock.hpp"

namespace azscsp::services {

struct StepResult {
  std::string name;
  std::string status;  // "Done", "AlreadyDone", "Skipped"
  std::string detail;
};
using StepCallback = std::function<void(const StepResult&)>;

// The default resource group location by cloud (api.md §2): AzureCloud westcentralus,
// AzureChinaCloud ChinaEast, AzureUSGovernment usgovvirginia, others westcentralus.
std::string DefaultResourceGroupLocation(const std::string& environment_name);

struct RegisterOptions {
  RegistrationRef registration;
  std::string registration_token;
  std::string resource_group_location;  // required; see DefaultResourceGroupLocation
  bool lock = true;
  std::string api_version = "2017-06-01";
  ProviderPollOptions provider_poll;
};

struct RegisterResult {
  Registration registration;
  std::vector<StepResult> steps;
};

struct UnregisterOptions {
  std::string subscription_id;
  std::string resource_group;
  // Exactly one of these names the registration; token and cloud ID are matched against the
  // properties.cloudId of the resource group's registrations (any case).
  std::optional<std::string> registration_name, registration_token, cloud_id;
  std::string api_version = "2017-06-01";
};

struct UnregisterResult {
  std::string id, registration_name, cloud_id;
  bool lock_removed = false;
  std::optional<bool> existed;  // false: no registration by that name; nullopt: 204
};

struct DeleteWithLockResult {
  std::string id;
  std::optional<bool> existed;
  bool lock_removed = false;
};

class RegistrationLifecycle {
 public:
  RegistrationLifecycle(std::shared_ptr<const arm::ArmClient> arm,
                        util::Clock& clock = util::SystemClock::Instance())
      : arm_(std::move(arm)), clock_(clock) {}

  // ValidateToken, ProviderRegistration, ResourceGroupLocation, ResourceGroup, RemoveLock,
  // Registration, Lock. A failing step throws (UnknownResourceGroupLocation, the service's error).
  RegisterResult Register(const RegisterOptions& options, const StepCallback& on_step,
                          const util::Context& context) const;
  // Finds the registration (RegistrationNotFound / AmbiguousCloudId by token or cloud ID), removes
  // RegistrationResourceLock and any other CanNotDelete lock on it, deletes it.
  UnregisterResult Unregister(const UnregisterOptions& options, const util::Context& context) const;
  // DELETE of one registration, after its RegistrationResourceLock when `remove_lock`.
  DeleteWithLockResult Delete(const RegistrationRef& registration, bool remove_lock,
                              const std::string& api_version, const util::Context& context) const;

 private:
  std::shared_ptr<const arm::ArmClient> arm_;
  util::Clock& clock_;
};

}  // namespace azscsp::services
