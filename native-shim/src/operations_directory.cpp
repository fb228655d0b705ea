// adminSubscriptions.defaultProvider, directoryTenants.* and identity.healthReport on the stamp
// admin ARM (README.md, Operations).
#include "arguments.hpp"
#include "azscsp/errors.hpp"
#include "azscsp/services/admin_subscriptions_client.hpp"
#include "azscsp/services/directory_tenants_client.hpp"
#include "azscsp/services/identity_health_client.hpp"
#include "azscsp/services/tenant_resolver.hpp"
#include "client_state.hpp"
#include "operation_handlers.hpp"

namespace json = boost::json;

namespace azscsp::shim::_detail {
namespace {

services::AdminSubscription DefaultProvider(ClientState& client, const json::object& arguments,
                                            const util::Context& context) {
  std::string name = OptionalString(arguments, "subscriptionName").value_or("");
  if (name.empty()) name = services::kDefaultProviderSubscriptionName;
  return services::AdminSubscriptionsClient(client.Arm(context)).FindDefaultProvider(name, context);
}

// "subscriptionId", else the Default Provider Subscription (by "subscriptionName").
std::string AdminSubscriptionId(ClientState& client, const json::object& arguments,
                                const util::Context& context) {
  if (auto id = OptionalString(arguments, "subscriptionId"); id && !id->empty()) return *id;
  return DefaultProvider(client, arguments, context).subscription_id;
}

services::DirectoryTenantRef TenantRef(ClientState& client, const json::object& arguments,
                                       const char* name_argument, const util::Context& context) {
  services::DirectoryTenantRef ref;
  ref.resource_group_name = RequiredString(arguments, "resourceGroupName");
  if (name_argument) ref.name = RequiredString(arguments, name_argument);
  ref.subscription_id = AdminSubscriptionId(client, arguments, context);
  return ref;
}

}  // namespace

void GetDefaultProviderSubscription(ClientState& client, const json::object& arguments,
                                    const Emit& emit, const util::Context& context) {
  const services::AdminSubscription subscription = DefaultProvider(client, arguments, context);
  emit({{"subscriptionId", subscription.subscription_id},
        {"displayName", subscription.display_name},
        {"state", subscription.state}});
}

void ListDirectoryTenants(ClientState& client, const json::object& arguments, const Emit& emit,
                          const util::Context& context) {
  services::DirectoryTenantsClient tenants(client.Arm(context));
  for (const auto& tenant : tenants.List(TenantRef(client, arguments, nullptr, context), context))
    emit(tenant.ToJson());
}

void GetDirectoryTenant(ClientState& client, const json::object& arguments, const Emit& emit,
                        const util::Context& context) {
  const services::DirectoryTenantRef ref = TenantRef(client, arguments, "name", context);
  auto tenant = services::DirectoryTenantsClient(client.Arm(context)).Get(ref, context);
  if (!tenant)
    throw ServiceError(ErrorKind::NotFound, {404, "DirectoryTenantNotFound",
                                             "The directory tenant '" + ref.name +
                                                 "' is not registered in resource "
                                                 "group '" +
                                                 ref.resource_group_name + "' of subscription " +
                                                 ref.subscription_id + "."});
  emit(tenant->ToJson());
}

void RegisterDirectoryTenant(ClientState& client, const json::object& arguments, const Emit& emit,
                             const util::Context& context) {
  const services::DirectoryTenantRef ref =
      TenantRef(client, arguments, "guestDirectoryTenantName", context);
  const std::string location = RequiredString(arguments, "location");
  // The guest's GUID comes from the stamp's login endpoint (tenants.resolve).
  const services::TenantResolver resolver(client.PlainPipeline(),
                                          client.Environment(context).authority_host);
  const services::RegisterDirectoryTenantResult result =
      services::DirectoryTenantsClient(client.Arm(context))
          .Register(ref, location, resolver, context);
  emit({{"name", result.tenant.name.empty() ? ref.name : result.tenant.name},
        {"tenantId", result.tenant.tenant_id},
        {"location", result.tenant.location.empty() ? location : result.tenant.location},
        {"id", result.tenant.id},
        {"status", result.already_done ? "AlreadyDone" : "Done"}});
}

void DeleteDirectoryTenant(ClientState& client, const json::object& arguments, const Emit& emit,
                           const util::Context& context) {
  const services::DirectoryTenantRef ref = TenantRef(client, arguments, "name", context);
  const services::DeleteDirectoryTenantResult result =
      services::DirectoryTenantsClient(client.Arm(context)).Delete(ref, context);
  if (result.existed && !*result.existed)
    util::Log(context, util::LogLevel::Warning,
              "The directory tenant '" + ref.name + "' was not registered.");
  emit({{"id", result.id},
        {"name", ref.name},
        {"existed", result.existed ? json::value(*result.existed) : json::value(nullptr)}});
}

void GetIdentityHealthReport(ClientState& client, const json::object& arguments, const Emit& emit,
                             const util::Context& context) {
  const std::string subscription_id = AdminSubscriptionId(client, arguments, context);
  emit(
      services::IdentityHealthClient(client.Arm(context)).Check(subscription_id, context).ToJson());
}

}  // namespace azscsp::shim::_detail
