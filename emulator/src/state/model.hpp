// The emulated world: directories, service principals, Azure subscriptions and the
// Microsoft.AzureStack resources. Loaded from fixtures, mutated by ARM calls, and saved in the
// same JSON shape (state.json), so a persisted state is itself a valid fixtures file.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azscsp::emulator {

struct Tenant {
  std::string id;
  std::string domain;
  std::string display_name;
  std::string partner_id;
};

struct ServicePrincipal {
  std::string display_name;
  std::string app_id;
  std::string object_id;
  std::string tenant_id;
  std::vector<std::string> secrets;
  std::vector<std::string> certificates;  // PEM; client assertions must be signed by one of them
  // Steady-clock milliseconds before which role assignments do not see it yet (replication of a
  // principal created at run time). 0 = always visible. Not persisted.
  int64_t visible_from_ms = 0;
};

// A user who can sign in with a public client (password, device code).
struct User {
  std::string user_principal_name;
  std::string display_name;
  std::string password;
  std::string object_id;
  std::string tenant_id;
  bool mfa_required = false;  // password grant -> AADSTS50076
};

// Applications without a secret that may use device code, password and refresh_token grants.
struct PublicClient {
  std::string app_id;
  std::string display_name;
};

struct ResourceGroup {
  std::string name;
  std::string location;
};

// Subscription-wide role (fixtures): the principal holds `role` on the whole subscription.
struct RoleAssignment {
  std::string principal_id;
  std::string role;  // built-in role name: "Owner", "Contributor", "Reader", ...
};

// Microsoft.Authorization/roleAssignments made at a registration's scope through ARM.
struct ScopedRoleAssignment {
  std::string name;                // GUID, case as first created
  std::string role_definition_id;  // /subscriptions/{sub}/providers/.../roleDefinitions/{guid}
  std::string principal_id;
  std::string principal_type;  // "ServicePrincipal", "User", ...
  std::string created_on;
  std::string created_by;  // object id of the caller
};

struct Subscription {
  std::string id;
  std::string display_name;
  std::string tenant_id;
  std::string offer;       // "CSP", "PayAsYouGo", ...
  std::string partner_id;  // CSP partner the subscription rolls up to
  std::vector<std::string> registered_providers;
  std::vector<ResourceGroup> resource_groups;
  std::vector<RoleAssignment> role_assignments;
  // Providers between POST register and "Registered": lower-case namespace -> GETs that still
  // answer "Registering". Not persisted (a restart forgets a registration in progress).
  std::map<std::string, int> registering_providers;
};

struct CustomerSubscription {
  std::string name;  // customer subscription id, case as first created
  std::string tenant_id;
  std::string etag;
  std::string created_by, created_by_type, created_at;
  std::string last_modified_by, last_modified_by_type, last_modified_at;
};

// Microsoft.Authorization/locks at a registration's scope.
struct ManagementLock {
  std::string name;
  std::string level;  // "CanNotDelete" or "ReadOnly"
  std::string notes;
};

struct Registration {
  std::string subscription_id;
  std::string resource_group;
  std::string name;
  std::string location = "global";
  std::string cloud_id;
  std::string object_id;
  std::string billing_model;
  // From the registration token; absent in fixtures -> DefaultUsageReporting(billing_model).
  bool usage_reporting_enabled = true;
  bool marketplace_syndication_enabled = true;
  bool csp_approved = false;  // multi-tenancy enabled by Microsoft
  std::string etag;
  boost::json::object tags;
  std::vector<CustomerSubscription> customer_subscriptions;  // insertion order = list order
  std::vector<ManagementLock> locks;
  std::vector<ScopedRoleAssignment> role_assignments;
};

// How to treat a well-formed customer subscription id that no fixture lists.
struct UnknownSubscriptionPolicy {
  std::string treat_as = "CSP";  // "CSP" or "Invalid"
  std::string partner_id;
};

struct World {
  std::vector<Tenant> tenants;
  std::vector<ServicePrincipal> service_principals;
  std::vector<User> users;
  std::vector<PublicClient> public_clients;
  std::vector<Subscription> subscriptions;
  std::vector<Registration> registrations;
  UnknownSubscriptionPolicy unknown_subscriptions;
  bool new_registrations_csp_approved = false;

  const Tenant* FindTenant(std::string_view id_or_domain) const;
  const ServicePrincipal* FindServicePrincipal(std::string_view tenant_id,
                                               std::string_view app_id) const;
  const ServicePrincipal* FindServicePrincipalByObjectId(std::string_view object_id) const;
  const User* FindUser(std::string_view user_principal_name) const;
  const PublicClient* FindPublicClient(std::string_view app_id) const;
  Subscription* FindSubscription(std::string_view id);
  const Subscription* FindSubscription(std::string_view id) const;
  Registration* FindRegistration(std::string_view subscription_id, std::string_view resource_group,
                                 std::string_view name);
  // Any registration (any subscription) holding this cloud id; nullptr when none.
  const Registration* FindRegistrationByCloudId(std::string_view cloud_id) const;
  // Partner id of a subscription: its own, or its directory's.
  std::string PartnerOf(const Subscription& subscription) const;
};

// Throws std::runtime_error naming the offending field.
World ParseWorld(const boost::json::value& fixtures);
boost::json::value WorldToJson(const World& world);

ResourceGroup* FindResourceGroup(Subscription& subscription, std::string_view name);
CustomerSubscription* FindCustomerSubscription(Registration& registration, std::string_view name);
ManagementLock* FindLock(Registration& registration, std::string_view name);
std::string NewEtag();
// What a stamp reports when its token does not say: usage reporting is off only for the
// disconnected billing models (Capacity, Custom).
bool DefaultUsageReporting(
    std::string_view billing_model);  // quoted, as ARM writes it: "\"0e00ab2b-...\""

}  // namespace azscsp::emulator
