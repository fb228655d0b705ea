// Microsoft.Subscriptions.Admin/directoryTenants on the stamp admin ARM (api.md §4.1): the guest
// directories a stamp accepts sign-ins from. Names are directory domain names.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "azscsp/arm/arm_client.hpp"
#include "azscsp/services/tenant_resolver.hpp"

namespace azscsp::services {

constexpr const char* kSubscriptionsAdminApiVersion = "2015-11-01";

struct DirectoryTenant {
  std::string id, name, type, location, tenant_id, subscription_id, resource_group_name;

  static DirectoryTenant FromJson(const boost::json::value& json);
  boost::json::object ToJson() const;
};

struct DirectoryTenantRef {
  std::string subscription_id;  // the Default Provider Subscription
  std::string resource_group_name;
  std::string name;  // empty for the collection
};

struct RegisterDirectoryTenantResult {
  DirectoryTenant tenant;
  bool already_done = false;  // it existed with the same tenant ID
};

struct DeleteDirectoryTenantResult {
  std::string id;
  std::optional<bool> existed;  // true: 200, false: 404, nullopt: 204
};

class DirectoryTenantsClient {
 public:
  explicit DirectoryTenantsClient(std::shared_ptr<const arm::ArmClient> arm)
      : arm_(std::move(arm)) {}

  std::vector<DirectoryTenant> List(const DirectoryTenantRef& group,
                                    const util::Context& context) const;
  // nullopt on 404.
  std::optional<DirectoryTenant> Get(const DirectoryTenantRef& tenant,
                                     const util::Context& context) const;
  DirectoryTenant Put(const DirectoryTenantRef& tenant, const std::string& location,
                      const std::string& tenant_id, const util::Context& context) const;
  DeleteDirectoryTenantResult Delete(const DirectoryTenantRef& tenant,
                                     const util::Context& context) const;

  // Register-AzsGuestDirectoryTenant: resolves the directory's GUID from its domain, ensures the
  // resource group (created in `location` when missing) and PUTs the directory tenant unless it
  // is already there with the same GUID.
  RegisterDirectoryTenantResult Register(const DirectoryTenantRef& tenant,
                                         const std::string& location,
                                         const TenantResolver& resolver,
                                         const util::Context& context) const;

 private:
  std::shared_ptr<const arm::ArmClient> arm_;
};

}  // namespace azscsp::services
