#include "azscsp/services/directory_tenants_client.hpp"

#include "azscsp/arm/resource_id.hpp"
#include "azscsp/services/resource_groups_client.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/log.hpp"
#include "azscsp/util/url_encode.hpp"

namespace json = boost::json;

namespace azscsp::services {
namespace {

std::string Path(const DirectoryTenantRef& ref, bool item) {
  arm::ValidateSubscriptionId(ref.subscription_id, "subscription ID");
  arm::ValidateResourceGroupName(ref.resource_group_name, "resource group name");
  // The spec spells "resourcegroups" in lower case (api.md §11 row 24).
  std::string path = "/subscriptions/" + util::PercentEncode(ref.subscription_id) +
                     "/resourcegroups/" + util::PercentEncode(ref.resource_group_name) +
                     "/providers/Microsoft.Subscriptions.Admin/directoryTenants";
  if (item) {
    ValidateDomainOrTenant(ref.name);
    path += "/" + util::PercentEncode(ref.name);
  }
  return path;
}

}  // namespace

DirectoryTenant DirectoryTenant::FromJson(const json::value& value) {
  DirectoryTenant tenant{util::GetString(value, "id"),
                         util::GetString(value, "name"),
                         util::GetString(value, "type"),
                         util::GetString(value, "location"),
                         {},
                         {},
                         {}};
  if (value.is_object())
    if (const json::value* properties = value.as_object().if_contains("properties"))
      tenant.tenant_id = util::GetString(*properties, "tenantId");
  try {
    const arm::ResourceId id = arm::ResourceId::Parse(tenant.id);
    tenant.subscription_id = id.SubscriptionId();
    tenant.resource_group_name = id.ResourceGroup();
  } catch (const InvalidArgumentError&) {
    // A malformed id leaves the two empty; the rest is still worth showing.
  }
  return tenant;
}

json::object DirectoryTenant::ToJson() const {
  return {{"id", id},
          {"name", name},
          {"type", type},
          {"location", location},
          {"tenantId", tenant_id},
          {"subscriptionId", subscription_id},
          {"resourceGroupName", resource_group_name}};
}

std::vector<DirectoryTenant> DirectoryTenantsClient::List(const DirectoryTenantRef& group,
                                                          const util::Context& context) const {
  std::vector<DirectoryTenant> tenants;
  arm_->ForEachInList(
      Path(group, false), kSubscriptionsAdminApiVersion,
      [&](const json::value& item) {
        tenants.push_back(DirectoryTenant::FromJson(item));
        return true;
      },
      context);
  return tenants;
}

std::optional<DirectoryTenant> DirectoryTenantsClient::Get(const DirectoryTenantRef& tenant,
                                                           const util::Context& context) const {
  try {
    return DirectoryTenant::FromJson(
        arm::ReadBody(arm_->Send(http::Method::Get, Path(tenant, true),
                                 kSubscriptionsAdminApiVersion, std::nullopt, context)));
  } catch (const ServiceError& error) {
    if (error.Details().http_status == 404) return std::nullopt;
    throw;
  }
}

DirectoryTenant DirectoryTenantsClient::Put(const DirectoryTenantRef& tenant,
                                            const std::string& location,
                                            const std::string& tenant_id,
                                            const util::Context& context) const {
  const json::value body{{"location", location}, {"properties", {{"tenantId", tenant_id}}}};
  const http::Response response = arm_->Send(http::Method::Put, Path(tenant, true),
                                             kSubscriptionsAdminApiVersion, body, context);
  if (response.body.empty()) {
    if (auto read = Get(tenant, context)) return *read;
  }
  return DirectoryTenant::FromJson(arm::ReadBody(response));
}

DeleteDirectoryTenantResult DirectoryTenantsClient::Delete(const DirectoryTenantRef& tenant,
                                                           const util::Context& context) const {
  const std::string path = Path(tenant, true);
  DeleteDirectoryTenantResult result{path, {}};
  try {
    const http::Response response = arm_->Send(
        http::Method::Delete, path, kSubscriptionsAdminApiVersion, std::nullopt, context);
    if (response.status != 204) result.existed = true;
  } catch (const ServiceError& error) {
    if (error.Details().http_status != 404) throw;
    result.existed = false;
  }
  return result;
}

RegisterDirectoryTenantResult DirectoryTenantsClient::Register(const DirectoryTenantRef& tenant,
                                                               const std::string& location,
                                                               const TenantResolver& resolver,
                                                               const util::Context& context) const {
  Path(tenant, true);  // validate before any request
  const ResolvedTenant resolved = resolver.Resolve(tenant.name, context);
  ResourceGroupsClient groups(arm_);
  if (!groups.Get(tenant.subscription_id, tenant.resource_group_name, context)) {
    util::Progress(
        context, "Creating resource group " + tenant.resource_group_name + " in " + location + ".");
    groups.CreateOrUpdate(tenant.subscription_id, tenant.resource_group_name, location, context);
  }
  RegisterDirectoryTenantResult result;
  // Looked up in the list: the spec's GET declares no 404 for a tenant that is not there.
  for (const auto& existing : List(tenant, context))
    if (util::EqualsIgnoreCase(existing.name, tenant.name) &&
        util::EqualsIgnoreCase(existing.tenant_id, resolved.tenant_id)) {
      result.tenant = existing;
      result.already_done = true;
      return result;
    }
  result.tenant = Put(tenant, location, resolved.tenant_id, context);
  if (result.tenant.tenant_id.empty()) result.tenant.tenant_id = resolved.tenant_id;
  return result;
}

}  // namespace azscsp::services
