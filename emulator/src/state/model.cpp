#include "state/model.hpp"

#include <boost/json.hpp>
#include <stdexcept>

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
    const json::object& ao = Obj(a, "roleAssignment");
    r.role_assignments.push_back(
        {Required(ao, "name", "roleAssignment"), Required(ao, "roleDefinitionId", "roleAssignment"),
         Required(ao, "principalId", "roleAssignment"),
         Str(ao, "principalType", "ServicePrincipal"), Str(ao, "createdOn"), Str(ao, "createdBy")});
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
    const json::object& o = Obj(p, "servicePrincipal");
    ServicePrincipal sp;
    sp.display_name = Str(o, "displayName");
    sp.app_id = Required(o, "appId", "servicePrincipal");
    sp.object_id = Required(o, "objectId", "servicePrincipal");
    sp.tenant_id = Required(o, "tenantId", "servicePrincipal");
    for (const json::value& s : Arr(o, "secrets")) {
      if (s.is_string()) sp.secrets.emplace_back(s.get_string());
    }
    for (const json::value& c : Arr(o, "certificates")) {
      if (c.is_string()) sp.certificates.emplace_back(c.get_string());
    }
    w.service_principals.push_back(std::move(sp));
  }
  for (const json::value& u : Arr(root, "users")) {
    const json::object& o = Obj(u, "user");
    User user;
    user.user_principal_name = Required(o, "userPrincipalName", "user");
    user.display_name = Str(o, "displayName");
    user.password = Str(o, "password");
    user.object_id = Required(o, "objectId", "user");
    user.tenant_id = Required(o, "tenantId", "user");
    user.mfa_required = Bool(o, "mfaRequired", false);
    w.users.push_back(std::move(user));
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
    sps.push_back(std::move(o));
  }
  for (const User& u : w.users) {
    users.push_back(json::object{{"userPrincipalName", u.user_principal_name},
                                 {"displayName", u.display_name},
                                 {"password", u.password},
                                 {"objectId", u.object_id},
                                 {"tenantId", u.tenant_id},
                                 {"mfaRequired", u.mfa_required}});
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
      roles.push_back(json::object{{"name", a.name},
                                   {"roleDefinitionId", a.role_definition_id},
                                   {"principalId", a.principal_id},
                                   {"principalType", a.principal_type},
                                   {"createdOn", a.created_on},
                                   {"createdBy", a.created_by}});
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
  return json::object{
      {"tenants", std::move(tenants)},
      {"servicePrincipals", std::move(sps)},
      {"users", std::move(users)},
      {"publicClients", std::move(public_clients)},
      {"subscriptions", std::move(subs)},
      {"registrations", std::move(regs)},
      {"unknownSubscriptions",
       {{"treatAs", w.unknown_subscriptions.treat_as},
        {"partnerId", w.unknown_subscriptions.partner_id}}},
      {"registrationDefaults", {{"cspApproved", w.new_registrations_csp_approved}}}};
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
