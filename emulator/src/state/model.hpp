// The emulated world: directories, service principals, Azure subscriptions and the
// Microsoft.AzureStack resources. Loaded from fixtures, mutated by ARM calls, and saved in the
// same JSON shape (state.json), so a persisted state is itself a valid fixtures file.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "partnercenter/pc_model.hpp"

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
  // Microsoft Graph view (servicePrincipal resource).
  std::vector<std::string> tags;
  std::vector<std::string> service_principal_names;
  boost::json::array app_roles;                 // [{id, value, ...}]
  boost::json::array oauth2_permission_scopes;  // [{id, value, ...}]
  // Steady-clock ms before which Graph GET by id answers 404 (--graph-replication-delay-ms).
  // Not persisted.
  int64_t graph_visible_from_ms = 0;
};

// A user who can sign in with a public client (password, device code).
struct User {
  std::string user_principal_name;
  std::string display_name;
  std::string password;
  std::string object_id;
  std::string tenant_id;
  bool mfa_required = false;  // password grant -> AADSTS50076
  // Microsoft Graph view (user resource).
  std::string mail;                          // "" = null
  std::string user_type = "Member";          // "Member" or "Guest"
  std::string external_user_state;           // guests: "PendingAcceptance" / "Accepted"
  std::vector<std::string> directory_roles;  // "Global Administrator", ...
  int64_t visible_from_ms = 0;  // role assignments see an invited guest from then (not persisted)
};

// Microsoft Graph oAuth2PermissionGrant (delegated permission grant) in a directory.
struct OAuth2PermissionGrant {
  std::string id;
  std::string tenant_id;
  std::string client_id;  // object id of the client service principal
  std::string consent_type = "AllPrincipals";
  std::string principal_id;  // "" = null (AllPrincipals)
  std::string resource_id;   // object id of the resource service principal
  std::string scope;         // space separated
};

// Microsoft Graph appRoleAssignment (application permission) in a directory.
struct AppRoleAssignment {
  std::string id;
  std::string tenant_id;
  std::string app_role_id;
  std::string principal_id;  // client service principal object id
  std::string principal_type = "ServicePrincipal";
  std::string resource_id;  // resource service principal object id
  std::string created_date_time;
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
  std::string offer;              // "CSP", "PayAsYouGo", ...
  std::string partner_id;         // CSP partner the subscription rolls up to
  std::string state = "Enabled";  // "Disabled" once its Partner Center entitlement is cancelled
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

// A guest directory onboarded on the stamp (Microsoft.Subscriptions.Admin/directoryTenants).
struct DirectoryTenantRecord {
  std::string name;  // the directory's domain, case as first created
  std::string tenant_id;
  std::string location;
  std::string resource_group;
};

// A user subscription on the stamp (Microsoft.Subscriptions.Admin/subscriptions).
struct UserSubscription {
  std::string id;
  std::string display_name;
  std::string owner;  // UPN: holds Owner on the tenant ARM
  std::string tenant_id;
  std::string offer_id;
  std::string state = "Enabled";
  std::vector<ScopedRoleAssignment> role_assignments;  // made through the tenant ARM
  // Usage (fixtures "usage": {"meters": [...] | "meterCount": N, "start", "end"}): explicit
  // meters, or the first usage_meter_count meters of the synthetic catalogue (>= 0), or neither:
  // the stamp's usage meters. Hours since the Unix epoch; unset start = the stamp's usage start.
  std::vector<std::string> usage_meters;
  int64_t usage_meter_count = -1;
  std::optional<int64_t> usage_first_hour;
  std::optional<int64_t> usage_end_hour;
  bool synthetic = false;  // added by POST /_emulator/usage/generate
};

// Usage generator settings of the stamp (fixtures "stamp.usage").
struct StampUsage {
  std::vector<std::string> meters;  // meters of every user subscription without its own
  int64_t first_hour = 438288;      // usage starts at this Unix hour ("start"; 2020-01-01)
};

// The emulated Azure Stack Hub stamp (admin and tenant ARM listeners).
struct Stamp {
  std::string region = "local";
  std::string admin_subscription_id;
  std::string admin_subscription_name = "Default Provider Subscription";
  std::string admin_resource_group = "system.local";
  std::string arm_application_id;
  std::string admin_audience;
  std::string tenant_audience;
  boost::json::array applications;  // applicationRegistrations entries (fixtures shape)
  std::vector<ResourceGroup> admin_resource_groups;
  std::vector<RoleAssignment> admin_role_assignments;  // on the Default Provider Subscription
  std::vector<DirectoryTenantRecord> directory_tenants;
  std::vector<UserSubscription> user_subscriptions;
  StampUsage usage;
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
  Stamp stamp;
  std::vector<OAuth2PermissionGrant> oauth2_permission_grants;
  std::vector<AppRoleAssignment> app_role_assignments;
  PartnerCenterState partner_center;  // fixtures "partnerCenter" (partnercenter/pc_model.hpp)

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
  const User* FindUserByObjectId(std::string_view object_id) const;
  UserSubscription* FindUserSubscription(std::string_view id);
  // The tenant a directory id or domain names: fixture tenants, then onboarded directoryTenants.
  std::string HomeTenantId() const { return tenants.empty() ? std::string() : tenants.front().id; }
  // Partner id of a subscription: its own, or its directory's.
  std::string PartnerOf(const Subscription& subscription) const;
  // The partner id of a partner tenant (fixture tenants with partnerId), "" for others.
  std::string PartnerIdOfTenant(std::string_view tenant_id) const;
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
