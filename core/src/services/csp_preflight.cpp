#include "azscsp/services/csp_preflight.hpp"

#include <functional>
#include <map>

#include "azscsp/services/customer_subscriptions_client.hpp"
#include "azscsp/services/permissions_client.hpp"
#include "azscsp/services/registrations_client.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/ids.hpp"

namespace json = boost::json;

namespace azscsp::services {
namespace {

constexpr const char* kRegistrationExists = "RegistrationExists";
constexpr const char* kBillingModel = "BillingModel";
constexpr const char* kCanWrite = "CanWrite";
constexpr const char* kMultiTenancyApproved = "MultiTenancyApproved";
constexpr const char* kCustomerTenant = "CustomerTenant";
constexpr const char* kCustomerSubscriptionId = "CustomerSubscriptionId";

// What the checks learn, for the checks after them.
struct State {
  const PreflightOptions& options;
  std::shared_ptr<const arm::ArmClient> arm;
  const TenantResolver* resolver;
  const util::Context& context;
  std::optional<Registration> registration;
  std::optional<std::vector<CustomerSubscription>> mappings;
  std::optional<std::string> tenant_id;
  std::map<std::string, std::string> status;  // check name -> status
};

CheckResult Passed(const char* name, std::string message) {
  return {name, "Passed", std::move(message), {}, {}};
}
CheckResult Failed(const char* name, std::string message, std::string code, std::string action) {
  return {name, "Failed", std::move(message), std::move(code), std::move(action)};
}
CheckResult Warning(const char* name, std::string message, std::string code = {},
                    std::string action = {}) {
  return {name, "Warning", std::move(message), std::move(code), std::move(action)};
}
CheckResult Skipped(const char* name, std::string message) {
  return {name, "Skipped", std::move(message), {}, {}};
}

// Authentication failures mean nothing can be checked: those propagate.
void RethrowIfNotCheckable(const ServiceError& error) {
  if (error.Kind() == ErrorKind::Authentication || error.Kind() == ErrorKind::Throttled) throw;
}

std::string RegistrationDescription(const RegistrationRef& r) {
  return "registration '" + r.registration_name + "' in resource group '" + r.resource_group +
         "' of subscription " + r.subscription_id;
}

CheckResult CheckRegistrationExists(State& s) {
  const RegistrationRef& ref = s.options.registration;
  try {
    s.registration = RegistrationsClient(s.arm).Get(ref, s.options.api_version, s.context);
    return Passed(kRegistrationExists, "Found " + RegistrationDescription(ref) + " (CloudId " +
                                           s.registration->cloud_id + ").");
  } catch (const ServiceError& error) {
    RethrowIfNotCheckable(error);
    if (error.Details().http_status == 404)
      return Failed(kRegistrationExists, "No " + RegistrationDescription(ref) + " was found.",
                    "RegistrationNotFound",
                    "Check the subscription, resource group and registration name; "
                    "Get-AzsRegistration lists the registrations.");
    return Failed(
        kRegistrationExists,
        "Reading the " + RegistrationDescription(ref) + " failed: " + error.Details().message,
        error.Details().code, "");
  }
}

CheckResult CheckBillingModel(State& s) {
  const std::string& model = s.registration->billing_model;
  if (util::EqualsIgnoreCase(model, "PayAsYouUse"))
    return Passed(kBillingModel, "The registration bills PayAsYouUse.");
  return Failed(kBillingModel,
                "The registration's billing model is '" + model +
                    "'; customer subscriptions need PayAsYouUse.",
                "CustomerSubscriptionsNotAllowed",
                "Re-register the stamp with -BillingModel PayAsYouUse.");
}

CheckResult CheckCanWrite(State& s) {
  std::vector<Permission> permissions;
  try {
    permissions = PermissionsClient(s.arm).List(s.registration->id, s.context);
  } catch (const ServiceError& error) {
    RethrowIfNotCheckable(error);
    return Warning(kCanWrite, "Could not read your permissions on the registration (" +
                                  error.Details().code + "); the mapping may still work.");
  }
  if (IsActionAllowed(permissions, kCustomerSubscriptionWriteAction))
    return Passed(kCanWrite, std::string("You may perform ") + kCustomerSubscriptionWriteAction +
                                 " on the registration.");
  return Failed(kCanWrite,
                std::string("You may not perform ") + kCustomerSubscriptionWriteAction +
                    " on the registration.",
                "AuthorizationFailed",
                "Ask an owner of the registration's subscription for the Owner, Contributor or "
                "Azure Stack Registration Owner role on the registration.");
}

CheckResult CheckMultiTenancyApproved(State& s) {
  std::vector<CustomerSubscription> mappings;
  try {
    CustomerSubscriptionsClient(s.arm).List(
        s.options.registration,
        s.options.api_version == "2016-01-01" ? "2017-06-01" : s.options.api_version,
        [&](const CustomerSubscription& m) {
          mappings.push_back(m);
          return true;
        },
        s.context);
  } catch (const ServiceError& error) {
    RethrowIfNotCheckable(error);
    const std::string& code = error.Details().code;
    if (code == "UnauthorizedCspRegistration")
      return Failed(kMultiTenancyApproved,
                    "The registration is not approved for multi-tenancy (CSP).", code,
                    "Email azstcsp@microsoft.com with the subscription ID " +
                        s.options.registration.subscription_id + ", resource group '" +
                        s.options.registration.resource_group + "' and registration name '" +
                        s.options.registration.registration_name + "'.");
    return Failed(
        kMultiTenancyApproved,
        "Listing the registration's customer subscriptions failed: " + error.Details().message,
        code, "");
  }
  s.mappings = std::move(mappings);
  return Passed(kMultiTenancyApproved, "The registration accepts customer subscriptions (" +
                                           std::to_string(s.mappings->size()) + " mapped).");
}

CheckResult CheckCustomerTenant(State& s) {
  const auto& domain = s.options.customer_domain;
  const auto& tenant = s.options.tenant_id;
  const bool has_domain = domain && !domain->empty();
  const bool has_tenant = tenant && !tenant->empty();
  if (!has_domain && !has_tenant)
    return Skipped(kCustomerTenant, "Neither a customer domain nor a tenant ID was given.");
  if (!has_domain && util::IsGuid(*tenant)) {
    s.tenant_id = *tenant;
    return Passed(kCustomerTenant, "Tenant ID " + *tenant + " (given, not looked up).");
  }
  const std::string asked = has_domain ? *domain : *tenant;
  if (s.resolver == nullptr)
    return Skipped(kCustomerTenant, "No directory lookup is available to resolve '" + asked + "'.");
  try {
    const ResolvedTenant resolved = s.resolver->Resolve(asked, s.context);
    if (has_domain && has_tenant && !util::EqualsIgnoreCase(resolved.tenant_id, *tenant))
      return Failed(kCustomerTenant,
                    "The domain '" + *domain + "' belongs to tenant " + resolved.tenant_id +
                        ", not to the given tenant ID " + *tenant + ".",
                    "TenantMismatch", "Give the customer's domain or its tenant ID, not both.");
    s.tenant_id = resolved.tenant_id;
    return Passed(kCustomerTenant, "'" + asked + "' is tenant " + resolved.tenant_id + ".");
  } catch (const InvalidArgumentError& error) {
    return Failed(kCustomerTenant, error.what(), "InvalidArgument", "");
  } catch (const ServiceError& error) {
    RethrowIfNotCheckable(error);
    return Failed(kCustomerTenant, error.Details().message, error.Details().code,
                  "Check the customer's domain name, or give its tenant ID.");
  }
}

CheckResult CheckCustomerSubscriptionId(State& s) {
  const auto& id = s.options.customer_subscription_id;
  if (!id || id->empty()) return Skipped(kCustomerSubscriptionId, "No customer subscription ID.");
  if (!util::IsGuid(*id))
    return Failed(kCustomerSubscriptionId,
                  "The customer subscription ID '" + *id + "' is not a GUID.",
                  "InvalidCustomerSubscriptionId",
                  "Use the customer's Azure Stack Hub user subscription ID (a GUID).");
  if (!s.mappings)
    return Passed(kCustomerSubscriptionId, "The customer subscription ID is a GUID.");
  for (const auto& m : *s.mappings) {
    if (!util::EqualsIgnoreCase(m.customer_subscription_id, *id)) continue;
    if (s.tenant_id && !m.tenant_id.empty() && !util::EqualsIgnoreCase(m.tenant_id, *s.tenant_id))
      return Warning(kCustomerSubscriptionId,
                     "Subscription " + *id + " is already mapped to tenant " + m.tenant_id +
                         "; the PUT will replace that mapping with tenant " + *s.tenant_id + ".");
    return Passed(kCustomerSubscriptionId,
                  "Subscription " + *id + " is already mapped" +
                      (m.tenant_id.empty() ? "" : " to tenant " + m.tenant_id) + ".");
  }
  if (s.tenant_id)
    for (const auto& m : *s.mappings)
      if (util::EqualsIgnoreCase(m.tenant_id, *s.tenant_id))
        return Warning(kCustomerSubscriptionId,
                       "Tenant " + *s.tenant_id + " is already mapped under subscription " +
                           m.customer_subscription_id + "; the PUT will replace that mapping.");
  return Passed(kCustomerSubscriptionId, "Subscription " + *id + " is not mapped yet.");
}

struct CheckDefinition {
  const char* name;
  std::vector<const char*> prerequisites;  // must have run and not Failed/Skipped
  std::function<CheckResult(State&)> run;
};

const std::vector<CheckDefinition>& Definitions() {
  static const std::vector<CheckDefinition> definitions = {
      {kRegistrationExists, {}, CheckRegistrationExists},
      {kBillingModel, {kRegistrationExists}, CheckBillingModel},
      {kCanWrite, {kRegistrationExists}, CheckCanWrite},
      {kMultiTenancyApproved, {kRegistrationExists, kBillingModel}, CheckMultiTenancyApproved},
      {kCustomerTenant, {}, CheckCustomerTenant},
      {kCustomerSubscriptionId, {}, CheckCustomerSubscriptionId},
  };
  return definitions;
}

}  // namespace

json::object CheckResult::ToJson() const {
  return {{"name", name},
          {"status", status},
          {"message", message},
          {"errorCode", error_code.empty() ? json::value(nullptr) : json::value(error_code)},
          {"recommendedAction",
           recommended_action.empty() ? json::value(nullptr) : json::value(recommended_action)}};
}

json::object PreflightResult::ToJson() const {
  json::array items;
  for (const auto& check : checks) items.push_back(check.ToJson());
  return {
      {"registration", registration ? json::value(registration->ToJson()) : json::value(nullptr)},
      {"tenantId", tenant_id ? json::value(*tenant_id) : json::value(nullptr)},
      {"passed", passed},
      {"checks", std::move(items)}};
}

const std::vector<std::string>& PreflightCheckNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& d : Definitions()) out.emplace_back(d.name);
    return out;
  }();
  return names;
}

PreflightResult CspPreflight::Run(const PreflightOptions& options,
                                  const util::Context& context) const {
  ValidateRegistrationRef(options.registration);
  ValidateAzureStackApiVersion(options.api_version, false);
  std::set<std::string> wanted;
  for (const auto& asked : options.checks) {
    bool known = false;
    for (const auto& name : PreflightCheckNames())
      if (util::EqualsIgnoreCase(name, asked)) {
        wanted.insert(name);
        known = true;
      }
    if (!known) {
      std::string all;
      for (const auto& name : PreflightCheckNames()) all += (all.empty() ? "" : ", ") + name;
      throw InvalidArgumentError("The preflight check '" + asked + "' is unknown; expected " + all +
                                 ".");
    }
  }
  if (wanted.empty()) wanted.insert(PreflightCheckNames().begin(), PreflightCheckNames().end());
  // Prerequisites of a wanted check run too, silently.
  std::set<std::string> to_run = wanted;
  for (auto it = Definitions().rbegin(); it != Definitions().rend(); ++it)
    if (to_run.count(it->name))
      for (const char* prerequisite : it->prerequisites) to_run.insert(prerequisite);

  State state{options, arm_, resolver_.get(), context, {}, {}, {}, {}};
  PreflightResult result;
  for (const auto& definition : Definitions()) {
    if (!to_run.count(definition.name)) continue;
    context.ThrowIfDone();
    CheckResult check;
    const char* blocker = nullptr;
    for (const char* prerequisite : definition.prerequisites) {
      const std::string& status = state.status[prerequisite];
      if (status == "Failed" || status == "Skipped") {
        blocker = prerequisite;
        break;
      }
    }
    check = blocker ? Skipped(definition.name,
                              std::string("Skipped because ") + blocker + " did not pass.")
                    : definition.run(state);
    state.status[definition.name] = check.status;
    if (!wanted.count(definition.name)) continue;
    if (check.status == "Failed") result.passed = false;
    result.checks.push_back(std::move(check));
  }
  result.registration = state.registration;
  result.tenant_id = state.tenant_id;
  return result;
}

}  // namespace azscsp::services
