#include "operations.hpp"

#include <map>

#include "arguments.hpp"
#include "azscsp/auth/token_claims.hpp"
#include "azscsp/errors.hpp"
#include "azscsp/services/customer_subscriptions_client.hpp"
#include "azscsp/services/registrations_client.hpp"
#include "azscsp/util/time_format.hpp"
#include "client_state.hpp"
#include "operation_handlers.hpp"

namespace json = boost::json;

namespace azscsp::shim {
namespace {

void Connect(ClientState& client, const json::object&, const Emit& emit,
             const util::Context& context) {
  const cloud::Environment environment = client.Environment(context);
  const auth::AccessToken token =
      client.Credential(context)->GetToken({environment.arm_resource}, context);
  // The user may have named the tenant by domain; report the directory's GUID when the token says.
  const auto claims = auth::ReadTokenClaims(token.token);
  const std::string tenant_name = client.EffectiveTenantId(context);
  const std::string tenant_id =
      claims && !claims->tenant_id.empty() ? claims->tenant_id : tenant_name;
  std::string client_id = client.EffectiveClientId(context);
  if (client_id.empty() && claims) client_id = claims->app_id;  // accessToken
  // Who signed in: the user's principal name, else the application.
  std::string account = claims ? claims->user_principal_name : std::string();
  if (account.empty()) account = claims && !claims->app_id.empty() ? claims->app_id : client_id;
  emit({{"environment", environment.name},
        {"tenantId", tenant_id},
        {"tenantName", tenant_name},
        {"objectId", claims ? claims->object_id : std::string()},
        {"clientId", client_id},
        {"account", account},
        {"credentialType", client.Credentials().type},
        {"resourceManagerUrl", environment.resource_manager_url},
        {"authority", environment.authority_host},
        {"audience", environment.arm_resource},
        {"expiresOn", util::FormatIso8601(token.expires_on)}});
}

void GetRegistration(ClientState& client, const json::object& arguments, const Emit& emit,
                     const util::Context& context) {
  services::RegistrationsClient registrations(client.Arm(context));
  emit(registrations.Get(RegistrationFrom(arguments), ApiVersion(arguments), context).ToJson());
}

void ListRegistrations(ClientState& client, const json::object& arguments, const Emit& emit,
                       const util::Context& context) {
  services::RegistrationsClient registrations(client.Arm(context));
  registrations.List(
      RequiredString(arguments, "subscriptionId"), OptionalString(arguments, "resourceGroupName"),
      ApiVersion(arguments),
      [&](const services::Registration& registration) {
        emit(registration.ToJson());
        return true;
      },
      context);
}

void GetCustomerSubscription(ClientState& client, const json::object& arguments, const Emit& emit,
                             const util::Context& context) {
  services::CustomerSubscriptionsClient mappings(client.Arm(context));
  emit(mappings.Get(CustomerSubscriptionFrom(arguments, true), ApiVersion(arguments), context)
           .ToJson());
}

void ListCustomerSubscriptions(ClientState& client, const json::object& arguments, const Emit& emit,
                               const util::Context& context) {
  services::CustomerSubscriptionsClient mappings(client.Arm(context));
  mappings.List(
      CustomerSubscriptionFrom(arguments, false).registration, ApiVersion(arguments),
      [&](const services::CustomerSubscription& mapping) {
        emit(mapping.ToJson());
        return true;
      },
      context);
}

void PutCustomerSubscription(ClientState& client, const json::object& arguments, const Emit& emit,
                             const util::Context& context) {
  services::CustomerSubscriptionsClient mappings(client.Arm(context));
  emit(mappings
           .Put(CustomerSubscriptionFrom(arguments, true), OptionalString(arguments, "tenantId"),
                OptionalString(arguments, "etag"), ApiVersion(arguments), context)
           .ToJson());
}

void DeleteCustomerSubscription(ClientState& client, const json::object& arguments,
                                const Emit& emit, const util::Context& context) {
  services::CustomerSubscriptionsClient mappings(client.Arm(context));
  const services::DeleteResult result =
      mappings.Delete(CustomerSubscriptionFrom(arguments, true), ApiVersion(arguments), context);
  json::object item{{"id", result.id}, {"customerSubscriptionId", result.customer_subscription_id}};
  item["existed"] = result.existed ? json::value(*result.existed) : json::value(nullptr);
  emit(std::move(item));
}

const std::map<std::string, Handler>& Table() {
  static const std::map<std::string, Handler> table = {
      {"account.connect", Connect},
      {"account.refreshToken", _detail::GetRefreshToken},
      {"registrations.get", GetRegistration},
      {"registrations.list", ListRegistrations},
      {"registrations.register", _detail::RegisterRegistration},
      {"registrations.put", _detail::PutRegistration},
      {"registrations.delete", _detail::DeleteRegistration},
      {"registrations.unregister", _detail::UnregisterRegistration},
      {"registrations.activationKey", _detail::GetActivationKey},
      {"registrationToken.decode", _detail::DecodeRegistrationToken},
      {"locks.list", _detail::ListLocks},
      {"locks.put", _detail::PutLock},
      {"locks.delete", _detail::DeleteLock},
      {"roleAssignments.list", _detail::ListRoleAssignments},
      {"roleAssignments.ensure", _detail::EnsureRoleAssignment},
      {"tenants.resolve", _detail::ResolveTenant},
      {"csp.preflight", _detail::RunCspPreflight},
      {"customerSubscriptions.get", GetCustomerSubscription},
      {"customerSubscriptions.list", ListCustomerSubscriptions},
      {"customerSubscriptions.put", PutCustomerSubscription},
      {"customerSubscriptions.delete", DeleteCustomerSubscription},
      {"adminSubscriptions.defaultProvider", _detail::GetDefaultProviderSubscription},
      {"directoryTenants.list", _detail::ListDirectoryTenants},
      {"directoryTenants.get", _detail::GetDirectoryTenant},
      {"directoryTenants.register", _detail::RegisterDirectoryTenant},
      {"directoryTenants.delete", _detail::DeleteDirectoryTenant},
      {"identity.healthReport", _detail::GetIdentityHealthReport},
      {"stamp.applications", _detail::ListStampApplications},
      {"directory.install", _detail::InstallDirectory},
      {"directory.uninstall", _detail::UninstallDirectory},
      {"guestOwner.grant", _detail::GrantGuestOwner},
      {"guestOwner.list", _detail::ListGuestOwners},
      {"usage.subscriber", _detail::ListSubscriberUsage},
      {"usage.tenant", _detail::ListTenantUsage},
      {"usage.chargeback", _detail::ComputeChargeback},
      {"partnerCenter.connect", _detail::ConnectPartnerCenter},
      {"partnerCenter.customers.list", _detail::ListPartnerCustomers},
      {"partnerCenter.customers.get", _detail::GetPartnerCustomer},
      {"partnerCenter.customers.create", _detail::CreatePartnerCustomer},
      {"partnerCenter.customers.delete", _detail::DeletePartnerCustomer},
      {"partnerCenter.domains.check", _detail::CheckPartnerDomain},
      {"partnerCenter.addresses.validate", _detail::ValidatePartnerAddress},
      {"partnerCenter.agreements.list", _detail::ListPartnerAgreements},
      {"partnerCenter.agreements.ensure", _detail::EnsurePartnerAgreement},
      {"partnerCenter.catalog.azurePlan", _detail::GetAzurePlanOffer},
      {"partnerCenter.azurePlan.purchase", _detail::PurchaseAzurePlan},
      {"partnerCenter.subscriptions.list", _detail::ListPartnerSubscriptions},
      {"partnerCenter.subscriptions.get", _detail::GetPartnerSubscription},
      {"partnerCenter.subscriptions.setStatus", _detail::SetPartnerSubscriptionStatus},
      {"partnerCenter.azureEntitlements.list", _detail::ListAzureEntitlements},
      {"partnerCenter.azureEntitlements.cancel", _detail::CancelAzureEntitlement},
      {"partnerCenter.azureSubscriptions.list", _detail::ListPartnerAzureSubscriptions},
      {"partnerCenter.onboardCustomer", _detail::OnboardPartnerCustomer},
  };
  return table;
}

}  // namespace

const Handler& FindOperation(const std::string& name) {
  const auto& table = Table();
  auto found = table.find(name);
  if (found != table.end()) return found->second;
  std::string known;
  for (const auto& entry : table) known += (known.empty() ? "" : ", ") + entry.first;
  throw InvalidArgumentError("Unknown operation '" + name + "'; expected one of " + known + ".");
}

}  // namespace azscsp::shim
