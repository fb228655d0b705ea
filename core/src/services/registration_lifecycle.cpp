#include "azscsp/services/registration_lifecycle.hpp"

#include "azscsp/arm/resource_id.hpp"
#include "azscsp/services/locks_client.hpp"
#include "azscsp/services/registration_token.hpp"
#include "azscsp/services/registrations_client.hpp"
#include "azscsp/services/resource_groups_client.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/log.hpp"

namespace azscsp::services {
namespace {

class StepLog {
 public:
  StepLog(std::vector<StepResult>& steps, const StepCallback& on_step)
      : steps_(steps), on_step_(on_step) {}
  void operator()(const char* name, const char* status, std::string detail) {
    steps_.push_back({name, status, std::move(detail)});
    if (on_step_) on_step_(steps_.back());
  }

 private:
  std::vector<StepResult>& steps_;
  const StepCallback& on_step_;
};

bool IsNotFound(const ServiceError& error) {
  return error.Details().http_status == 404;
}

// Removes the registration's own lock and any other CanNotDelete lock (each blocks DELETE).
// False when there was none; a missing registration has none.
bool RemoveDeleteLocks(const LocksClient& locks, const std::string& scope,
                       const util::Context& context) {
  std::vector<ManagementLock> found;
  try {
    found = locks.List(scope, context);
  } catch (const ServiceError& error) {
    if (IsNotFound(error)) return false;
    throw;
  }
  bool removed = false;
  for (const auto& lock : found) {
    if (!util::EqualsIgnoreCase(lock.name, kRegistrationLockName) &&
        !util::EqualsIgnoreCase(lock.level, "CanNotDelete"))
      continue;
    locks.Delete(scope, lock.name, context);
    util::Log(context, util::LogLevel::Verbose,
              "Removed lock '" + lock.name + "' (" + lock.level + ") from " + scope + ".");
    removed = true;
  }
  return removed;
}

}  // namespace

std::string DefaultResourceGroupLocation(const std::string& environment_name) {
  if (util::EqualsIgnoreCase(environment_name, "AzureChinaCloud")) return "ChinaEast";
  if (util::EqualsIgnoreCase(environment_name, "AzureUSGovernment")) return "usgovvirginia";
  return "westcentralus";
}

RegisterResult RegistrationLifecycle::Register(const RegisterOptions& options,
                                               const StepCallback& on_step,
                                               const util::Context& context) const {
  const RegistrationRef& ref = options.registration;
  ValidateRegistrationRef(ref);
  ValidateAzureStackApiVersion(options.api_version, false);
  RegisterResult result;
  StepLog step(result.steps, on_step);

  const RegistrationToken token = RegistrationToken::Decode(options.registration_token);
  step("ValidateToken", "Done",
       "CloudId " + token.cloud_id +
           (token.billing_model.empty() ? "" : ", BillingModel " + token.billing_model));

  context.ThrowIfDone();
  const ProviderRegistrationResult provider =
      ProvidersClient(arm_, clock_)
          .Register(ref.subscription_id, "Microsoft.AzureStack", options.provider_poll, context);
  step("ProviderRegistration", provider.already_registered ? "AlreadyDone" : "Done",
       "Microsoft.AzureStack is " + provider.state + " on subscription " + ref.subscription_id);

  const std::vector<Location> locations = LocationsClient(arm_).List(ref.subscription_id, context);
  const std::optional<Location> location = FindLocation(locations, options.resource_group_location);
  if (!location) {
    std::string valid;
    for (const auto& l : locations) valid += (valid.empty() ? "" : ", ") + l.name;
    throw ServiceError(ErrorKind::InvalidArgument,
                       {0, "UnknownResourceGroupLocation",
                        "The resource group location '" + options.resource_group_location +
                            "' is not available to subscription " + ref.subscription_id +
                            "; valid locations: " + valid + "."});
  }
  step("ResourceGroupLocation", "Done", location->name);

  ResourceGroupsClient groups(arm_);
  if (auto group = groups.Get(ref.subscription_id, ref.resource_group, context)) {
    step("ResourceGroup", "AlreadyDone",
         "Resource group " + group->name + " exists in " + group->location);
  } else {
    groups.CreateOrUpdate(ref.subscription_id, ref.resource_group, location->name, context);
    step("ResourceGroup", "Done",
         "Created resource group " + ref.resource_group + " in " + location->name);
  }

  // A re-register PUTs over an existing registration; its lock must not be in the way.
  LocksClient locks(arm_);
  const std::string scope = RegistrationPath(ref);
  std::optional<ManagementLock> existing_lock;
  try {
    existing_lock = locks.Get(scope, kRegistrationLockName, context);
  } catch (const ServiceError& error) {
    if (!IsNotFound(error)) throw;  // no registration yet, so no lock
  }
  if (existing_lock) {
    locks.Delete(scope, kRegistrationLockName, context);
    step("RemoveLock", "Done", std::string("Removed ") + kRegistrationLockName);
  } else {
    step("RemoveLock", "AlreadyDone", std::string("No ") + kRegistrationLockName);
  }

  const PutRegistrationResult put =
      RegistrationsClient(arm_).Put(ref, options.registration_token, options.api_version, context);
  result.registration = put.registration;
  step("Registration", put.created ? "Done" : "AlreadyDone",
       std::string(put.created ? "Created" : "Updated") + " registration " + ref.registration_name +
           " (CloudId " + put.registration.cloud_id + ")");

  if (!options.lock) {
    step("Lock", "Skipped", "Not asked for");
  } else {
    locks.Put(scope, kRegistrationLockName, "CanNotDelete",
              RegistrationLockNotes(ref.registration_name), context);
    step("Lock", "Done", std::string("Placed CanNotDelete lock ") + kRegistrationLockName);
  }
  return result;
}

UnregisterResult RegistrationLifecycle::Unregister(const UnregisterOptions& options,
                                                   const util::Context& context) const {
  const int named = (options.registration_name ? 1 : 0) + (options.registration_token ? 1 : 0) +
                    (options.cloud_id ? 1 : 0);
  if (named != 1)
    throw InvalidArgumentError(
        "Name the registration to remove by exactly one of "
        "registrationName, registrationToken or cloudId.");
  RegistrationsClient registrations(arm_);
  UnregisterResult result;
  RegistrationRef ref{options.subscription_id, options.resource_group, {}};
  if (options.registration_name) {
    ref.registration_name = *options.registration_name;
    ValidateRegistrationRef(ref);
    try {
      result.cloud_id = registrations.Get(ref, options.api_version, context).cloud_id;
    } catch (const ServiceError& error) {
      if (!IsNotFound(error)) throw;
      // Removing what is already gone is success for an idempotent remove.
      util::Log(context, util::LogLevel::Warning,
                "Registration '" + ref.registration_name + "' was not found in resource group '" +
                    ref.resource_group + "'; nothing to remove.");
      result.id = RegistrationPath(ref);
      result.registration_name = ref.registration_name;
      result.existed = false;
      return result;
    }
  } else {
    const std::string cloud_id =
        options.cloud_id ? *options.cloud_id
                         : RegistrationToken::Decode(*options.registration_token).cloud_id;
    arm::ValidateSubscriptionId(options.subscription_id, "subscription ID");
    std::vector<Registration> matches;
    registrations.List(
        options.subscription_id, options.resource_group, options.api_version,
        [&](const Registration& r) {
          if (util::EqualsIgnoreCase(r.cloud_id, cloud_id)) matches.push_back(r);
          return true;
        },
        context);
    if (matches.empty())
      throw ServiceError(ErrorKind::NotFound, {0, "RegistrationNotFound",
                                               "No registration with CloudId " + cloud_id +
                                                   " was found in resource "
                                                   "group '" +
                                                   options.resource_group + "' of subscription " +
                                                   options.subscription_id + "."});
    if (matches.size() > 1) {
      std::string names;
      for (const auto& m : matches) names += (names.empty() ? "" : ", ") + m.name;
      throw ServiceError(ErrorKind::Conflict,
                         {0, "AmbiguousCloudId",
                          "Several registrations in resource group '" + options.resource_group +
                              "' have CloudId " + cloud_id + " (" + names +
                              "); name the one to remove with registrationName."});
    }
    ref.registration_name = matches.front().name;
    result.cloud_id = matches.front().cloud_id;
  }
  const DeleteWithLockResult deleted = Delete(ref, true, options.api_version, context);
  result.id = deleted.id;
  result.registration_name = ref.registration_name;
  result.lock_removed = deleted.lock_removed;
  result.existed = deleted.existed;
  return result;
}

DeleteWithLockResult RegistrationLifecycle::Delete(const RegistrationRef& registration,
                                                   bool remove_lock, const std::string& api_version,
                                                   const util::Context& context) const {
  ValidateRegistrationRef(registration);
  DeleteWithLockResult result;
  if (remove_lock)
    result.lock_removed =
        RemoveDeleteLocks(LocksClient(arm_), RegistrationPath(registration), context);
  const DeleteRegistrationResult deleted =
      RegistrationsClient(arm_).Delete(registration, api_version, context);
  result.id = deleted.id;
  result.existed = deleted.existed;
  return result;
}

}  // namespace azscsp::services
