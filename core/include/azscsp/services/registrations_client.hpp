// Microsoft.AzureStack/registrations on global Azure (api.md §1.2).
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include "azscsp/arm/arm_client.hpp"
#include "azscsp/services/azurestack_models.hpp"

namespace azscsp::services {

constexpr const char* kDefaultAzureStackApiVersion = "2017-06-01";

// Throws InvalidArgumentError unless `api_version` is one AzsCsp speaks for this resource.
// Registrations: 2016-01-01, 2017-06-01, 2020-06-01-preview, 2022-06-01; customerSubscriptions
// the same without 2016-01-01 (it has no customerSubscriptions).
void ValidateAzureStackApiVersion(const std::string& api_version, bool customer_subscriptions);

std::string RegistrationPath(const RegistrationRef& registration);
// Validates the subscription GUID, resource group and registration name, naming the bad one.
void ValidateRegistrationRef(const RegistrationRef& registration);

struct PutRegistrationResult {
  Registration registration;
  bool created = false;  // 201; 200 means an existing registration was updated
};

struct DeleteRegistrationResult {
  std::string id;
  // true: 200 (removed); nullopt: 204, which the service also sends when there was nothing.
  std::optional<bool> existed;
};

class RegistrationsClient {
 public:
  explicit RegistrationsClient(std::shared_ptr<const arm::ArmClient> arm) : arm_(std::move(arm)) {}

  Registration Get(const RegistrationRef& registration, const std::string& api_version,
                   const util::Context& context) const;
  // All registrations of a subscription, or of one resource group when `resource_group` is set.
  void List(const std::string& subscription_id, const std::optional<std::string>& resource_group,
            const std::string& api_version,
            const std::function<bool(const Registration&)>& on_registration,
            const util::Context& context) const;
  // PUT {"location":"global","properties":{"registrationToken":…}}: 201 created, 200 updated.
  PutRegistrationResult Put(const RegistrationRef& registration,
                            const std::string& registration_token, const std::string& api_version,
                            const util::Context& context) const;
  // DELETE; fails with 409 ScopeLocked while a CanNotDelete lock is on it.
  DeleteRegistrationResult Delete(const RegistrationRef& registration,
                                  const std::string& api_version,
                                  const util::Context& context) const;
  // POST …/getactivationkey with no body; the key is never logged.
  ActivationKey GetActivationKey(const RegistrationRef& registration,
                                 const std::string& api_version,
                                 const util::Context& context) const;

 private:
  std::shared_ptr<const arm::ArmClient> arm_;
};

}  // namespace azscsp::services
