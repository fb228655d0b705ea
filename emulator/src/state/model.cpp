#include "state/model.hpp"

#include <boost/json.hpp>
#include <stdexcept>

#include "usage/usage_generator.hpp"
#include "util/ids.hpp"
#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

std::string Str(const json::object& o, std::string_view key, std::string fallback = {}) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return fallback;
  if (!v->is_string())
    throw std::runtime_error("fixture field '" + std::string(key) + "' must be a string");
  return std::string(v->get_string());
}

bool Bool(const json::object& o, std::string_view key, bool fallback) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return fallback;
  if (!v->is_bool())
    throw std::runtime_error("fixture field '" + std::string(key) + "' must be a boolean");
  return v->get_bool();
}

const json::array& Arr(const json::object& o, std::string_view key) {
  static const json::array kEmpty;
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return kEmpty;
  if (!v->is_array())
    throw std::runtime_error("fixture field '" + std::string(key) + "' must be an array");
  return v->get_array();
}

const json::object& Obj(const json::value& v, std::string_view what) {
  if (!v.is_object())
    throw std::runtime_error("fixture " + std::string(what) + " must be an object");
  return v.get_object();
}

std::string Required(const json::object& o, std::string_view key, std::string_view what) {
  std::string value = Str(o, key);
  if (value.empty()) {
    throw std::runtime_error("fixture " + std::string(what) + " is missing '" + std::string(key) +
                             "'");
  }
  return value;
}

std::vector<std::string> Strings(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  for (const json::value& v : Arr(o, key)) {
    if (v.is_string()) out.emplace_back(v.get_string());
  }
  return out;
}

json::array StringArray(const std::vector<std::string>& items) {
  return json::array(items.begin(), items.end());
}

ServicePrincipal ParseServicePrincipal(const json::object& o, const std::string& tenant_id) {
  ServicePrincipal sp;
  sp.display_name = Str(o, "displayName");
  sp.app_id = Required(o, "appId", "servicePrincipal");
  sp.object_id = Required(o, "objectId", "servicePrincipal");
  sp.tenant_id = tenant_id.empty() ? Required(o, "tenantId", "servicePrincipal") : tenant_id;
  sp.secrets = Strings(o, "secrets");
  sp.certificates = Strings(o, "certificates");
  sp.tags = Strings(o, "tags");
  sp.service_principal_names = Strings(o, "servicePrincipalNames");
  sp.app_roles = Arr(o, "appRoles");
  sp.oauth2_permission_scopes = Arr(o, "oauth2PermissionScopes");
  return sp;
}

User ParseUser(const json::object& o, const std::string& tenant_id) {
  User user;
  user.user_principal_name = Required(o, "userPrincipalName", "user");
  user.display_name = Str(o, "displayName");
  user.password = Str(o, "password");
  user.object_id = Required(o, "objectId", "user");
  user.tenant_id = tenant_id.empty() ? Required(o, "tenantId", "user") : tenant_id;
  user.mfa_required = Bool(o, "mfaRequired", false);
  user.mail = Str(o, "mail");
  user.user_type = Str(o, "userType", "Member");
  user.external_user_state = Str(o, "externalUserState");
  user.directory_roles = Strings(o, "directoryRoles");
  return user;
}

ScopedRoleAssignment ParseScopedRoleAssignment(const json::object& ao) {
  return {Required(ao, "name", "roleAssignment"),
          Required(ao, "roleDefinitionId", "roleAssignment"),
          Required(ao, "principalId", "roleAssignment"),
          Str(ao, "principalType", "ServicePrincipal"),
          Str(ao, "createdOn"),
          Str(ao, "createdBy")};
}

json::object ScopedRoleAssignmentToJson(const ScopedRoleAssignment& a) {
  return {{"name", a.name},
          {"roleDefinitionId", a.role_definition_id},
          {"principalId", a.principal_id},
          {"principalType", a.principal_type},
          {"createdOn", a.created_on},
          {"createdBy", a.created_by}};
}

void ParseDirectory(const json::object& o, World& w) {
  std::string tenant_id = Required(o, "tenantId", "directory");
  for (const json::value& p : Arr(o, "servicePrincipals")) {
    w.service_principals.push_back(ParseServicePrincipal(Obj(p, "servicePrincipal"), tenant_id));
  }
  for (const json::value& u : Arr(o, "users")) {
    w.users.push_back(ParseUser(Obj(u, "user"), tenant_id));
  }
  for (const json::value& g : Arr(o, "oauth2PermissionGrants")) {
    const json::object& go = Obj(g, "oauth2PermissionGrant");
    OAuth2PermissionGrant grant;
    grant.id = Required(go, "id", "oauth2PermissionGrant");
    grant.tenant_id = tenant_id;
    grant.client_id = Required(go, "clientId", "oauth2PermissionGrant");
    grant.consent_type = Str(go, "consentType", "AllPrincipals");
    grant.principal_id = Str(go, "principalId");
    grant.resource_id = Required(go, "resourceId", "oauth2PermissionGrant");
    grant.scope = Str(go, "scope");
    w.oauth2_permission_grants.push_back(std::move(grant));
  }
  for (const json::value& a : Arr(o, "appRoleAssignments")) {
    const json::object& ao = Obj(a, "appRoleAssignment");
    AppRoleAssignment assignment;
    assignment.id = Required(ao, "id", "appRoleAssignment");
    assignment.tenant_id = tenant_id;
    assignment.app_role_id = Required(ao, "appRoleId", "appRoleAssignment");
    assignment.principal_id = Required(ao, "principalId", "appRoleAssignment");
    assignment.principal_type = Str(ao, "principalType", "ServicePrincipal");
    assignment.resource_id = Required(ao, "resourceId", "appRoleAssignment");
    assignment.created_date_time = Str(ao, "createdDateTime");
    w.app_role_assignments.push_back(std::move(assignment));
  }
}

// A fixture time ("2020-01-01T00:00:00Z") as a Unix hour (rounded down).
int64_t UsageHour(const json::object& o, std::string_view key, int64_t fallback) {
  std::string text = Str(o, key);
  if (text.empty()) return fallback;
  std::optional<int64_t> t = usage::ParseTime(text);
  if (!t) throw std::runtime_error("fixture usage field '" + std::string(key) + "' is not a time");
  return *t >= 0 ? *t / 3600 : -((-*t + 3599) / 3600);
}

std::string UsageHourText(int64_t hour) {
  std::string t = usage::FormatTime(hour * 3600);
  return t.substr(0, 19) + "Z";
}

void ParseUserSubscriptionUsage(const json::object& o, UserSubscription& us) {
  const json::value* v = o.if_contains("usage");
  if (!v || v->is_null()) return;
  const json::object& u = Obj(*v, "userSubscription usage");
  us.usage_meters = Strings(u, "meters");
  if (const json::value* n = u.if_contains("meterCount"); n && !n->is_null()) {
    if (!n->is_number()) throw std::runtime_error("fixture usage 'meterCount' must be a number");
    us.usage_meter_count = n->to_number<int64_t>();
  }
  if (!Str(u, "start").empty()) us.usage_first_hour = UsageHour(u, "start", 0);
  if (!Str(u, "end").empty()) us.usage_end_hour = UsageHour(u, "end", 0);
  us.synthetic = Bool(u, "synthetic", false);
}

json::value UserSubscriptionUsageJson(const UserSubscription& us) {
  json::object u;
  if (!us.usage_meters.empty()) {
    json::array meters;
    for (const std::string& m : us.usage_meters) meters.push_back(json::value(m));
    u["meters"] = std::move(meters);
  }
  if (us.usage_meter_count >= 0) u["meterCount"] = us.usage_meter_count;
  if (us.usage_first_hour) u["start"] = UsageHourText(*us.usage_first_hour);
  if (us.usage_end_hour) u["end"] = UsageHourText(*us.usage_end_hour);
  if (us.synthetic) u["synthetic"] = true;
  if (u.empty()) return nullptr;
  return u;
}

Stamp ParseStamp(const json::object& o) {
  Stamp st;
  st.region = Str(o, "region", "local");
  st.admin_subscription_id = Required(o, "adminSubscriptionId", "stamp");
  st.admin_subscription_name = Str(o, "adminSubscriptionName", "Default Provider Subscription");
  st.admin_resource_group = Str(o, "adminResourceGroup", "system." + st.region);
  st.arm_application_id = Required(o, "armApplicationId", "stamp");
  st.admin_audience = Required(o, "adminAudience", "stamp");
  st.tenant_audience = Required(o, "tenantAudience", "stamp");
  for (const json::value& a : Arr(o, "applications")) {
    st.applications.push_back(Obj(a, "stamp application"));
  }
  for (const json::value& g : Arr(o, "adminResourceGroups")) {
    const json::object& go = Obj(g, "resourceGroup");
    st.admin_resource_groups.push_back(
        {Required(go, "name", "resourceGroup"), Str(go, "location", st.region)});
  }
  if (st.admin_resource_groups.empty()) {
    st.admin_resource_groups.push_back({st.admin_resource_group, st.region});
  }
  for (const json::value& a : Arr(o, "adminRoleAssignments")) {
    const json::object& ao = Obj(a, "roleAssignment");
    st.admin_role_assignments.push_back(
        {Required(ao, "principalId", "roleAssignment"), Required(ao, "role", "roleAssignment")});
  }
  for (const json::value& d : Arr(o, "directoryTenants")) {
    const json::object& dobj = Obj(d, "directoryTenant");
    st.directory_tenants.push_back({Required(dobj, "name", "directoryTenant"),
                                    Required(dobj, "tenantId", "directoryTenant"),
                                    Str(dobj, "location", st.region),
                                    Str(dobj, "resourceGroupName", st.admin_resource_group)});
  }
  for (const json::value& u : Arr(o, "userSubscriptions")) {
    const json::object& uo = Obj(u, "userSubscription");
    UserSubscription us;
    us.id = Required(uo, "subscriptionId", "userSubscription");
    us.display_name = Str(uo, "displayName");
    us.owner = Str(uo, "owner");
    us.tenant_id = Required(uo, "tenantId", "userSubscription");
    us.offer_id = Str(uo, "offerId");
    us.state = Str(uo, "state", "Enabled");
    for (const json::value& a : Arr(uo, "roleAssignments")) {
      us.role_assignments.push_back(ParseScopedRoleAssignment(Obj(a, "roleAssignment")));
    }
    ParseUserSubscriptionUsage(uo, us);
    st.user_subscriptions.push_back(std::move(us));
  }
  const json::value* u = o.if_contains("usage");
  const json::object* uo = u && !u->is_null() ? &Obj(*u, "stamp usage") : nullptr;
  if (uo && uo->contains("meters")) {
    st.usage.meters = Strings(*uo, "meters");
  } else {
    for (size_t i = 0; i < 5; ++i) st.usage.meters.push_back(usage::SyntheticMeterId(i));
  }
  if (uo) st.usage.first_hour = UsageHour(*uo, "start", st.usage.first_hour);
  return st;
}

json::object StampToJson(const Stamp& st) {
  json::array groups, roles, directories, subscriptions;
  for (const ResourceGroup& g : st.admin_resource_groups) {
    groups.push_back(json::object{{"name", g.name}, {"location", g.location}});
  }
  for (const RoleAssignment& a : st.admin_role_assignments) {
    roles.push_back(json::object{{"principalId", a.principal_id}, {"role", a.role}});
  }
  for (const DirectoryTenantRecord& d : st.directory_tenants) {
    directories.push_back(json::object{{"name", d.name},
                                       {"tenantId", d.tenant_id},
                                       {"location", d.location},
                                       {"resourceGroupName", d.resource_group}});
  }
  for (const UserSubscription& u : st.user_subscriptions) {
    json::array assignments;
    for (const ScopedRoleAssignment& a : u.role_assignments) {
      assignments.push_back(ScopedRoleAssignmentToJson(a));
    }
    json::object item{{"subscriptionId", u.id},
                      {"displayName", u.display_name},
                      {"owner", u.owner},
                      {"tenantId", u.tenant_id},
                      {"offerId", u.offer_id},
                      {"state", u.state},
                      {"roleAssignments", std::move(assignments)}};
    json::value usage = UserSubscriptionUsageJson(u);
    if (!usage.is_null()) item["usage"] = std::move(usage);
    subscriptions.push_back(std::move(item));
  }
  json::array usage_meters;
  for (const std::string& m : st.usage.meters) usage_meters.push_back(json::value(m));
  return {{"region", st.region},
          {"adminSubscriptionId", st.admin_subscription_id},
          {"adminSubscriptionName", st.admin_subscription_name},
          {"adminResourceGroup", st.admin_resource_group},
          {"armApplicationId", st.arm_application_id},
          {"adminAudience", st.admin_audience},
          {"tenantAudience", st.tenant_audience},
          {"applications", st.applications},
          {"adminResourceGroups", std::move(groups)},
          {"adminRoleAssignments", std::move(roles)},
          {"directoryTenants", std::move(directories)},
          {"userSubscriptions", std::move(subscriptions)},
          {"usage",
           {{"meters", std::move(usage_meters)}, {"start", UsageHourText(st.usage.first_hour)}}}};
}

CustomerSubscription ParseCustomerSubscription(const json::object& o) {
  CustomerSubscription c;
  c.name = Required(o, "name", "customerSubscription");
  c.tenant_id = Str(o, "tenantId");
  c.etag = Str(o, "etag", NewEtag());
  c.created_by = Str(o, "createdBy");
  c.created_by_type = Str(o, "createdByType");
  c.created_at = Str(o, "createdAt");
  c.last_modified_by = Str(o, "lastModifiedBy");
  c.last_modified_by_type = Str(o, "lastModifiedByType");
  c.last_modified_at = Str(o, "lastModifiedAt");
  return c;
}

Registration ParseRegistration(const json::object& o) {
  Registration r;
  r.subscription_id = Required(o, "subscriptionId", "registration");
  r.resource_group = Required(o, "resourceGroupName", "registration");
  r.name = Required(o, "name", "registration");
  r.location = Str(o, "location", "global");
  r.cloud_id = Str(o, "cloudId");
  r.object_id = Str(o, "objectId", DeterministicGuid("registration-object:" + ToLower(r.cloud_id)));
  r.billing_model = Str(o, "billingModel", "Development");
  r.usage_reporting_enabled =
      Bool(o, "usageReportingEnabled", DefaultUsageReporting(r.billing_model));
  r.marketplace_syndication_enabled = Bool(o, "marketplaceSyndicationEnabled", true);
  r.csp_approved = Bool(o, "cspApproved", false);
  // Stable across restarts, so an etag a client saw stays valid until the next write.
  r.etag = Str(o, "etag",
               "\"" +
                   DeterministicGuid("etag:" + ToLower(r.subscription_id + "/" + r.resource_group +
                                                       "/" + r.name)) +
                   "\"");
  if (const json::value* tags = o.if_contains("tags"); tags && tags->is_object()) {
    r.tags = tags->get_object();
  }
  for (const json::value& c : Arr(o, "customerSubscriptions")) {
    r.customer_subscriptions.push_back(ParseCustomerSubscription(Obj(c, "customerSubscription")));
  }
  for (const json::value& l : Arr(o, "locks")) {
    const json::object& lo = Obj(l, "lock");
    r.locks.push_back(
        {Required(lo, "name", "lock"), Str(lo, "level", "CanNotDelete"), Str(lo, "notes")});
  }
  for (const json::value& a : Arr(o, "roleAssignments")) {
    r.role_assignments.push_back(ParseScopedRoleAssignment(Obj(a, "roleAssignment")));
  }
  return r;
}

Subscription ParseSubscription(const json::object& o) {
  Subscription s;
  s.id = Required(o, "id", "subscription");
  s.display_name = Str(o, "displayName");
  s.tenant_id = Str(o, "tenantId");
  s.offer = Str(o, "offer");
  s.partner_id = Str(o, "partnerId");
  s.state = Str(o, "state", "Enabled");
  for (const json::value& p : Arr(o, "registeredProviders")) {
    if (p.is_string()) s.registered_providers.emplace_back(p.get_string());
  }
  for (const json::value& g : Arr(o, "resourceGroups")) {
    const json::object& go = Obj(g, "resourceGroup");
    s.resource_groups.push_back({Required(go, "name", "resourceGroup"), Str(go, "location")});
  }
  for (const json::value& a : Arr(o, "roleAssignments")) {
    const json::object& ao = Obj(a, "roleAssignment");
    s.role_assignments.push_back(
        {Required(ao, "principalId", "roleAssignment"), Required(ao, "role", "roleAssignment")});
  }
  return s;
}

json::object CustomerSubscriptionToJson(const CustomerSubscription& c) {
  return {{"name", c.name},
          {"tenantId", c.tenant_id},
          {"etag", c.etag},
          {"createdBy", c.created_by},
          {"createdByType", c.created_by_type},
          {"createdAt", c.created_at},
          {"lastModifiedBy", c.last_modified_by},
          {"lastModifiedByType", c.last_modified_by_type},
          {"lastModifiedAt", c.last_modified_at}};
}

}  // namespace

std::string NewEtag() {
  return "\"" + NewGuid() + "\"";
}

bool DefaultUsageReporting(std::string_view billing_model) {
  return !IEquals(billing_model, "Capacity") && !IEquals(billing_model, "Custom");
}

World ParseWorld(const json::value& fixtures) {
  const json::object& root = Obj(fixtures, "root");
  World w;
  for (const json::value& t : Arr(root, "tenants")) {
    const json::object& o = Obj(t, "tenant");
    w.tenants.push_back({Required(o, "id", "tenant"), Str(o, "domain"), Str(o, "displayName"),
                         Str(o, "partnerId")});
  }
  for (const json::value& p : Arr(root, "servicePrincipals")) {
    w.service_principals.push_back(ParseServicePrincipal(Obj(p, "servicePrincipal"), ""));
  }
  for (const json::value& u : Arr(root, "users")) {
    w.users.push_back(ParseUser(Obj(u, "user"), ""));
  }
  // Microsoft Graph directories: objects of one tenant (servicePrincipals, users, grants,
  // appRoleAssignments); their principals and users sign in like the top-level ones.
  for (const json::value& d : Arr(root, "directories")) ParseDirectory(Obj(d, "directory"), w);
  if (const json::value* st = root.if_contains("stamp"); st && st->is_object()) {
    w.stamp = ParseStamp(st->get_object());
  }
  for (const json::value& c : Arr(root, "publicClients")) {
    const json::object& o = Obj(c, "publicClient");
    w.public_clients.push_back({Required(o, "appId", "publicClient"), Str(o, "displayName")});
  }
  for (const json::value& s : Arr(root, "subscriptions")) {
    w.subscriptions.push_back(ParseSubscription(Obj(s, "subscription")));
  }
  for (const json::value& r : Arr(root, "registrations")) {
    w.registrations.push_back(ParseRegistration(Obj(r, "registration")));
  }
  if (const json::value* u = root.if_contains("unknownSubscriptions"); u && u->is_object()) {
    w.unknown_subscriptions.treat_as = Str(u->get_object(), "treatAs", "CSP");
    w.unknown_subscriptions.partner_id = Str(u->get_object(), "partnerId");
  }
  if (const json::value* d = root.if_contains("registrationDefaults"); d && d->is_object()) {
    w.new_registrations_csp_approved = Bool(d->get_object(), "cspApproved", false);
  }
  std::string default_partner;
  for (const Tenant& t : w.tenants) {
    if (!t.partner_id.empty()) {
      default_partner = t.partner_id;
      break;
    }
  }
  w.partner_center = ParsePartnerCenter(root.if_contains("partnerCenter"), default_partner);
  return w;
}

json::value WorldToJson(const World& w) {
  json::array tenants, sps, users, public_clients, subs, regs;
  for (const Tenant& t : w.tenants) {
    json::object o{{"id", t.id}, {"domain", t.domain}, {"displayName", t.display_name}};
    if (!t.partner_id.empty()) o["partnerId"] = t.partner_id;
    tenants.push_back(std::move(o));
  }
  for (const ServicePrincipal& sp : w.service_principals) {
    json::array secrets(sp.secrets.begin(), sp.secrets.end());
    json::object o{{"displayName", sp.display_name},
                   {"appId", sp.app_id},
                   {"objectId", sp.object_id},
                   {"tenantId", sp.tenant_id},
                   {"secrets", std::move(secrets)}};
    if (!sp.certificates.empty()) {
      o["certificates"] = json::array(sp.certificates.begin(), sp.certificates.end());
    }
    if (!sp.tags.empty()) o["tags"] = StringArray(sp.tags);
    if (!sp.service_principal_names.empty()) {
      o["servicePrincipalNames"] = StringArray(sp.service_principal_names);
    }
    if (!sp.app_roles.empty()) o["appRoles"] = sp.app_roles;
    if (!sp.oauth2_permission_scopes.empty()) {
      o["oauth2PermissionScopes"] = sp.oauth2_permission_scopes;
    }
    sps.push_back(std::move(o));
  }
  for (const User& u : w.users) {
    json::object o{{"userPrincipalName", u.user_principal_name},
                   {"displayName", u.display_name},
                   {"password", u.password},
                   {"objectId", u.object_id},
                   {"tenantId", u.tenant_id},
                   {"mfaRequired", u.mfa_required}};
    if (!u.mail.empty()) o["mail"] = u.mail;
    if (u.user_type != "Member") o["userType"] = u.user_type;
    if (!u.external_user_state.empty()) o["externalUserState"] = u.external_user_state;
    if (!u.directory_roles.empty()) o["directoryRoles"] = StringArray(u.directory_roles);
    users.push_back(std::move(o));
  }
  for (const PublicClient& c : w.public_clients) {
    public_clients.push_back(json::object{{"appId", c.app_id}, {"displayName", c.display_name}});
  }
  for (const Subscription& s : w.subscriptions) {
    json::array providers(s.registered_providers.begin(), s.registered_providers.end());
    json::array groups, roles;
    for (const ResourceGroup& g : s.resource_groups) {
      groups.push_back(json::object{{"name", g.name}, {"location", g.location}});
    }
    for (const RoleAssignment& a : s.role_assignments) {
      roles.push_back(json::object{{"principalId", a.principal_id}, {"role", a.role}});
    }
    json::object o{{"id", s.id},
                   {"displayName", s.display_name},
                   {"tenantId", s.tenant_id},
                   {"offer", s.offer},
                   {"partnerId", s.partner_id}};
    if (s.state != "Enabled") o["state"] = s.state;
    o["registeredProviders"] = std::move(providers);
    o["resourceGroups"] = std::move(groups);
    o["roleAssignments"] = std::move(roles);
    subs.push_back(std::move(o));
  }
  for (const Registration& r : w.registrations) {
    json::array customers, locks, roles;
    for (const CustomerSubscription& c : r.customer_subscriptions) {
      customers.push_back(CustomerSubscriptionToJson(c));
    }
    for (const ManagementLock& l : r.locks) {
      locks.push_back(json::object{{"name", l.name}, {"level", l.level}, {"notes", l.notes}});
    }
    for (const ScopedRoleAssignment& a : r.role_assignments) {
      roles.push_back(ScopedRoleAssignmentToJson(a));
    }
    regs.push_back(
        json::object{{"subscriptionId", r.subscription_id},
                     {"resourceGroupName", r.resource_group},
                     {"name", r.name},
                     {"location", r.location},
                     {"cloudId", r.cloud_id},
                     {"objectId", r.object_id},
                     {"billingModel", r.billing_model},
                     {"usageReportingEnabled", r.usage_reporting_enabled},
                     {"marketplaceSyndicationEnabled", r.marketplace_syndication_enabled},
                     {"cspApproved", r.csp_approved},
                     {"etag", r.etag},
                     {"tags", r.tags},
                     {"customerSubscriptions", std::move(customers)},
                     {"locks", std::move(locks)},
                     {"roleAssignments", std::move(roles)}});
  }
  // Graph grants and app role assignments, grouped by directory.
  json::array directories;
  for (const Tenant& t : w.tenants) {
    json::array grants, assignments;
    for (const OAuth2PermissionGrant& g : w.oauth2_permission_grants) {
      if (!IEquals(g.tenant_id, t.id)) continue;
      grants.push_back(json::object{{"id", g.id},
                                    {"clientId", g.client_id},
                                    {"consentType", g.consent_type},
                                    {"principalId", g.principal_id},
                                    {"resourceId", g.resource_id},
                                    {"scope", g.scope}});
    }
    for (const AppRoleAssignment& a : w.app_role_assignments) {
      if (!IEquals(a.tenant_id, t.id)) continue;
      assignments.push_back(json::object{{"id", a.id},
                                         {"appRoleId", a.app_role_id},
                                         {"principalId", a.principal_id},
                                         {"principalType", a.principal_type},
                                         {"resourceId", a.resource_id},
                                         {"createdDateTime", a.created_date_time}});
    }
    if (grants.empty() && assignments.empty()) continue;
    directories.push_back(json::object{{"tenantId", t.id},
                                       {"oauth2PermissionGrants", std::move(grants)},
                                       {"appRoleAssignments", std::move(assignments)}});
  }
  json::object out{{"tenants", std::move(tenants)},
                   {"servicePrincipals", std::move(sps)},
                   {"users", std::move(users)},
                   {"publicClients", std::move(public_clients)},
                   {"subscriptions", std::move(subs)},
                   {"registrations", std::move(regs)},
                   {"unknownSubscriptions",
                    {{"treatAs", w.unknown_subscriptions.treat_as},
                     {"partnerId", w.unknown_subscriptions.partner_id}}},
                   {"registrationDefaults", {{"cspApproved", w.new_registrations_csp_approved}}},
                   {"directories", std::move(directories)}};
  if (!w.stamp.admin_subscription_id.empty()) out["stamp"] = StampToJson(w.stamp);
  out["partnerCenter"] = PartnerCenterToJson(w.partner_center);
  return out;
}

const Tenant* World::FindTenant(std::string_view id_or_domain) const {
  for (const Tenant& t : tenants) {
    if (IEquals(t.id, id_or_domain) || (!t.domain.empty() && IEquals(t.domain, id_or_domain))) {
      return &t;
    }
  }
  return nullptr;
}

const ServicePrincipal* World::FindServicePrincipal(std::string_view tenant_id,
                                                    std::string_view app_id) const {
  for (const ServicePrincipal& sp : service_principals) {
    if (IEquals(sp.tenant_id, tenant_id) && IEquals(sp.app_id, app_id)) return &sp;
  }
  return nullptr;
}

const ServicePrincipal* World::FindServicePrincipalByObjectId(std::string_view object_id) const {
  for (const ServicePrincipal& sp : service_principals) {
    if (IEquals(sp.object_id, object_id)) return &sp;
  }
  return nullptr;
}

const User* World::FindUser(std::string_view user_principal_name) const {
  for (const User& u : users) {
    if (IEquals(u.user_principal_name, user_principal_name)) return &u;
  }
  return nullptr;
}

const User* World::FindUserByObjectId(std::string_view object_id) const {
  for (const User& u : users) {
    if (IEquals(u.object_id, object_id)) return &u;
  }
  return nullptr;
}

UserSubscription* World::FindUserSubscription(std::string_view id) {
  for (UserSubscription& s : stamp.user_subscriptions) {
    if (IEquals(s.id, id)) return &s;
  }
  return nullptr;
}

const PublicClient* World::FindPublicClient(std::string_view app_id) const {
  for (const PublicClient& c : public_clients) {
    if (IEquals(c.app_id, app_id)) return &c;
  }
  return nullptr;
}

Subscription* World::FindSubscription(std::string_view id) {
  for (Subscription& s : subscriptions) {
    if (IEquals(s.id, id)) return &s;
  }
  return nullptr;
}

const Subscription* World::FindSubscription(std::string_view id) const {
  return const_cast<World*>(this)->FindSubscription(id);
}

Registration* World::FindRegistration(std::string_view subscription_id,
                                      std::string_view resource_group, std::string_view name) {
  for (Registration& r : registrations) {
    if (IEquals(r.subscription_id, subscription_id) && IEquals(r.resource_group, resource_group) &&
        IEquals(r.name, name)) {
      return &r;
    }
  }
  return nullptr;
}

const Registration* World::FindRegistrationByCloudId(std::string_view cloud_id) const {
  for (const Registration& r : registrations) {
    if (IEquals(r.cloud_id, cloud_id)) return &r;
  }
  return nullptr;
}

std::string World::PartnerOf(const Subscription& subscription) const {
  if (!subscription.partner_id.empty()) return subscription.partner_id;
  const Tenant* tenant = FindTenant(subscription.tenant_id);
  return tenant ? tenant->partner_id : std::string();
}

std::string World::PartnerIdOfTenant(std::string_view tenant_id) const {
  const Tenant* tenant = FindTenant(tenant_id);
  return tenant ? tenant->partner_id : std::string();
}

ResourceGroup* FindResourceGroup(Subscription& subscription, std::string_view name) {
  for (ResourceGroup& g : subscription.resource_groups) {
    if (IEquals(g.name, name)) return &g;
  }
  return nullptr;
}

CustomerSubscription* FindCustomerSubscription(Registration& registration, std::string_view name) {
  for (CustomerSubscription& c : registration.customer_subscriptions) {
    if (IEquals(c.name, name)) return &c;
  }
  return nullptr;
}

ManagementLock* FindLock(Registration& registration, std::string_view name) {
  for (ManagementLock& l : registration.locks) {
    if (IEquals(l.name, name)) return &l;
  }
  return nullptr;
}

}  // namespace azscsp::emulator
