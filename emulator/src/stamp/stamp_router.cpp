#include "stamp/stamp_router.hpp"

#include <boost/json.hpp>

#include "arm/api_versions.hpp"
#include "arm/arm_call.hpp"
#include "arm/arm_helpers.hpp"
#include "arm/role_assignment_store.hpp"
#include "arm/roles.hpp"
#include "http/responses.hpp"
#include "service_context.hpp"
#include "stamp/bearer.hpp"
#include "stamp/identity_health.hpp"
#include "usage/usage_routes.hpp"
#include "util/ids.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

constexpr char kSubscriptionsAdmin[] = "Microsoft.Subscriptions.Admin";

struct StampCall {
  ServiceContext& context;
  World& world;
  const HttpRequest& http;
  const RequestInfo& info;
  bool admin;
  Principal principal;
  std::string api_version;
  const std::vector<std::string>& s;  // path segments
};

HttpResponse MethodNotAllowed(const std::string& method) {
  return ArmError(405, "MethodNotAllowed",
                  "The requested resource does not support http method '" + method + "'.");
}

HttpResponse NotFoundPath(const RequestInfo& info) {
  return ArmError(404, "NotFound",
                  "The requested path '" + info.target.Path() + "' was not found.");
}

HttpResponse SubscriptionNotFound(const std::string& id) {
  return ArmError(404, "SubscriptionNotFound", "The subscription '" + id + "' could not be found.");
}

HttpResponse Unauthorized(const ServiceContext& context, const std::string& tenant,
                          const std::string& code, const std::string& message) {
  HttpResponse response = ArmError(401, code, message);
  response.headers.Set("WWW-Authenticate", "Bearer authorization_uri=\"" + context.base_url + "/" +
                                               (tenant.empty() ? "common" : tenant) +
                                               "\", error=\"invalid_token\", error_description=\"" +
                                               message + "\"");
  return response;
}

std::optional<HttpResponse> RequireVersion(const std::string& version, const std::string& type,
                                           const std::vector<std::string>& supported) {
  for (const std::string& v : supported) {
    if (IEquals(v, version)) return std::nullopt;
  }
  std::string list;
  for (const std::string& v : supported) list += (list.empty() ? "" : ", ") + v;
  return ArmError(400, "NoRegisteredProviderFound",
                  "No registered resource provider found for location '" + std::string("local") +
                      "' and API version '" + version + "' for type '" + type +
                      "'. The supported api-versions are '" + list +
                      "'. The supported locations are 'local'.");
}

// ---- metadata (no authentication) ----

HttpResponse Metadata(ServiceContext& context, const HttpRequest& request,
                      const RequestInfo& info) {
  const auto& s = info.target.segments;
  if (s.size() != 2 || (!IEquals(s[1], "endpoints") && !IEquals(s[1], "identity"))) {
    return NotFoundPath(info);
  }
  if (request.method != "GET") return MethodNotAllowed(request.method);
  const std::string* version = info.target.Query("api-version");
  if (!version || version->empty()) return MissingApiVersion();
  if (auto error = RequireVersion(*version, "metadata", {"2015-01-01", "1.0"})) return *error;
  bool admin = info.host == Host::kAdminArm;
  std::string audience, application;
  {
    std::lock_guard<std::mutex> lock(context.state_mutex);
    const Stamp& stamp = context.world.stamp;
    audience = admin ? stamp.admin_audience : stamp.tenant_audience;
    application = stamp.arm_application_id;
  }
  std::string portal = info.base_url + "/portal/";
  if (IEquals(s[1], "identity")) {
    return JsonResponse(200, json::object{{"applicationId", application},
                                          {"audience", audience},
                                          {"loginEndpoint", context.base_url + "/"},
                                          {"identitySystem", "azure_ad"}});
  }
  return JsonResponse(200, json::object{{"galleryEndpoint", info.base_url + "/gallery/"},
                                        {"graphEndpoint", context.graph_url + "/"},
                                        {"portalEndpoint", portal},
                                        {"authentication",
                                         {{"loginEndpoint", context.base_url + "/"},
                                          {"audiences", json::array{audience}}}}});
}

// ---- RBAC ----

std::vector<const RoleDefinition*> AdminRoles(const World& world, const Principal& principal) {
  std::vector<const RoleDefinition*> roles;
  for (const RoleAssignment& a : world.stamp.admin_role_assignments) {
    if (IEquals(a.principal_id, principal.object_id)) roles.push_back(&RoleOfFixtureName(a.role));
  }
  return roles;
}

std::vector<const RoleDefinition*> UserSubscriptionRoles(const UserSubscription& subscription,
                                                         const Principal& principal) {
  std::vector<const RoleDefinition*> roles;
  if (!principal.user_principal_name.empty() &&
      IEquals(principal.user_principal_name, subscription.owner)) {
    roles.push_back(FindRoleByName("Owner"));
  }
  for (const ScopedRoleAssignment& a : subscription.role_assignments) {
    if (!IEquals(a.principal_id, principal.object_id)) continue;
    size_t slash = a.role_definition_id.rfind('/');
    if (const RoleDefinition* role = FindRoleById(a.role_definition_id.substr(slash + 1))) {
      roles.push_back(role);
    }
  }
  return roles;
}

std::optional<HttpResponse> Authorize(const std::vector<const RoleDefinition*>& roles,
                                      const Principal& principal, const std::string& action,
                                      const std::string& scope) {
  for (const RoleDefinition* role : roles) {
    if (role && Permits(*role, action)) return std::nullopt;
  }
  return ArmError(403, "AuthorizationFailed",
                  "The client '" + principal.Name() + "' with object id '" + principal.object_id +
                      "' does not have authorization to perform action '" + action +
                      "' over scope '" + scope +
                      "' or the scope is invalid. If access was recently granted, please refresh "
                      "your credentials.");
}

std::string VerbAction(const std::string& prefix, const std::string& method) {
  if (method == "GET") return prefix + "/read";
  if (method == "DELETE") return prefix + "/delete";
  return prefix + "/write";
}

// ---- shared routes ----

HttpResponse ApplicationRegistrationsRoute(StampCall& c) {
  if (c.http.method != "GET") return MethodNotAllowed(c.http.method);
  return JsonResponse(200, json::object{{"value", ApplicationRegistrations(c.world)}});
}

json::object ArmSubscriptionJson(const std::string& id, const std::string& name,
                                 const std::string& state, const std::string& tenant,
                                 const std::string& offer) {
  json::object o{{"id", "/subscriptions/" + id},
                 {"subscriptionId", id},
                 {"tenantId", tenant},
                 {"displayName", name},
                 {"state", state},
                 {"subscriptionPolicies",
                  {{"locationPlacementId", "AzureStack"},
                   {"quotaId", "AzureStack"},
                   {"spendingLimit", "Off"}}}};
  if (!offer.empty()) o["offerId"] = offer;
  return o;
}

// ---- admin ARM ----

std::string DirectoryTenantId(const Stamp& stamp, const DirectoryTenantRecord& d) {
  return "/subscriptions/" + stamp.admin_subscription_id + "/resourceGroups/" + d.resource_group +
         "/providers/Microsoft.Subscriptions.Admin/directoryTenants/" + d.name;
}

json::object DirectoryTenantJson(const Stamp& stamp, const DirectoryTenantRecord& d) {
  return {{"id", DirectoryTenantId(stamp, d)},
          {"name", d.name},
          {"type", "Microsoft.Subscriptions.Admin/directoryTenants"},
          {"location", d.location},
          {"properties", {{"tenantId", d.tenant_id}}}};
}

json::object AdminUserSubscriptionJson(const Stamp& stamp, const UserSubscription& u) {
  return {{"id", "/subscriptions/" + stamp.admin_subscription_id +
                     "/providers/Microsoft.Subscriptions.Admin/subscriptions/" + u.id},
          {"subscriptionId", u.id},
          {"delegatedProviderSubscriptionId", stamp.admin_subscription_id},
          {"displayName", u.display_name},
          {"externalReferenceId", ""},
          {"owner", u.owner},
          {"tenantId", u.tenant_id},
          {"routingResourceManagerType", "Default"},
          {"offerId", u.offer_id},
          {"state", u.state}};
}

ArmCall AsArmCall(StampCall& c, std::vector<std::string> params = {}) {
  return ArmCall{c.context, c.world, c.http, c.info, c.principal, c.api_version, std::move(params)};
}

HttpResponse PagedList(StampCall& c, const json::array& items) {
  ArmCall call = AsArmCall(c);
  auto page = Page(call, items);
  if (HttpResponse* error = std::get_if<HttpResponse>(&page)) return *error;
  return JsonResponse(200, std::get<json::object>(page));
}

HttpResponse DirectoryTenantsRoute(StampCall& c, ResourceGroup& group) {
  const auto& s = c.s;
  Stamp& stamp = c.world.stamp;
  if (auto error = RequireVersion(c.api_version, "directoryTenants", {"2015-11-01"})) return *error;
  auto matches = [&](const DirectoryTenantRecord& d) {
    return IEquals(d.resource_group, group.name) && IEquals(d.name, s[7]);
  };
  if (s.size() == 7) {
    if (c.http.method != "GET") return MethodNotAllowed(c.http.method);
    json::array items;
    for (const DirectoryTenantRecord& d : stamp.directory_tenants) {
      if (IEquals(d.resource_group, group.name)) items.push_back(DirectoryTenantJson(stamp, d));
    }
    return PagedList(c, items);
  }
  auto existing =
      std::find_if(stamp.directory_tenants.begin(), stamp.directory_tenants.end(), matches);
  if (c.http.method == "GET") {
    if (existing == stamp.directory_tenants.end()) {
      return ArmError(404, "ResourceNotFound",
                      "The Resource 'Microsoft.Subscriptions.Admin/directoryTenants/" + s[7] +
                          "' under resource group '" + group.name + "' was not found.");
    }
    return JsonResponse(200, DirectoryTenantJson(stamp, *existing));
  }
  if (c.http.method == "DELETE") {
    if (existing == stamp.directory_tenants.end()) return EmptyResponse(204);
    stamp.directory_tenants.erase(existing);
    c.context.StateChangedLocked();
    return EmptyResponse(200);
  }
  if (c.http.method != "PUT") return MethodNotAllowed(c.http.method);
  auto body = ParseObjectBody(c.http);
  if (HttpResponse* error = std::get_if<HttpResponse>(&body)) return *error;
  const json::object& o = std::get<json::object>(body);
  const json::value* properties = Member(o, "properties");
  std::string tenant_id = properties && properties->is_object()
                              ? StringMember(properties->get_object(), "tenantId")
                              : std::string();
  if (!IsGuid(tenant_id)) {
    return ArmError(
        400, "InvalidParameter",
        "The tenant identifier '" + tenant_id + "' in 'properties.tenantId' is not a valid GUID.");
  }
  std::string location = StringMember(o, "location");
  if (location.empty()) location = stamp.region;
  if (!IEquals(location, stamp.region)) {
    return ArmError(400, "LocationNotAvailableForResourceType",
                    "The provided location '" + location +
                        "' is not available for resource type "
                        "'Microsoft.Subscriptions.Admin/directoryTenants'. List of available "
                        "regions for the resource type is '" +
                        stamp.region + "'.");
  }
  if (existing != stamp.directory_tenants.end()) {
    existing->tenant_id = tenant_id;
    c.context.StateChangedLocked();
    return JsonResponse(200, DirectoryTenantJson(stamp, *existing));
  }
  stamp.directory_tenants.push_back({s[7], tenant_id, stamp.region, group.name});
  c.context.StateChangedLocked();
  return JsonResponse(201, DirectoryTenantJson(stamp, stamp.directory_tenants.back()));
}

HttpResponse AdminArm(StampCall& c) {
  const auto& s = c.s;
  Stamp& stamp = c.world.stamp;
  std::vector<const RoleDefinition*> roles = AdminRoles(c.world, c.principal);
  if (s.size() == 1 && IEquals(s[0], "applicationRegistrations")) {
    return ApplicationRegistrationsRoute(c);
  }
  if (s.empty() || !IEquals(s[0], "subscriptions")) return NotFoundPath(c.info);
  if (s.size() == 1) {
    if (c.http.method != "GET") return MethodNotAllowed(c.http.method);
    json::array items;
    if (!roles.empty()) {
      items.push_back(ArmSubscriptionJson(stamp.admin_subscription_id,
                                          stamp.admin_subscription_name, "Enabled",
                                          c.world.HomeTenantId(), ""));
    }
    return JsonResponse(200, json::object{{"value", std::move(items)}});
  }
  if (!IEquals(s[1], stamp.admin_subscription_id)) return SubscriptionNotFound(s[1]);
  const std::string scope = c.info.target.Path();
  if (s.size() == 2) {
    if (c.http.method != "GET") return MethodNotAllowed(c.http.method);
    if (auto denied =
            Authorize(roles, c.principal, "Microsoft.Resources/subscriptions/read", scope)) {
      return *denied;
    }
    return JsonResponse(
        200, ArmSubscriptionJson(stamp.admin_subscription_id, stamp.admin_subscription_name,
                                 "Enabled", c.world.HomeTenantId(), ""));
  }
  // .../providers/Microsoft.Commerce.Admin/subscriberUsageAggregates (provider usage)
  if (s.size() == 5 && IEquals(s[2], "providers") && IEquals(s[3], "Microsoft.Commerce.Admin") &&
      IEquals(s[4], "subscriberUsageAggregates")) {
    if (c.http.method != "GET") return MethodNotAllowed(c.http.method);
    if (auto denied = Authorize(roles, c.principal,
                                "Microsoft.Commerce.Admin/subscriberUsageAggregates/read", scope)) {
      return *denied;
    }
    return ProviderUsage(c.context, c.world, c.info, c.api_version);
  }
  // .../providers/Microsoft.Subscriptions.Admin/{checkIdentityHealth|subscriptions[/{id}]}
  if (s.size() >= 5 && IEquals(s[2], "providers") && IEquals(s[3], kSubscriptionsAdmin)) {
    if (s.size() == 5 && IEquals(s[4], "checkIdentityHealth")) {
      if (c.http.method != "POST") return MethodNotAllowed(c.http.method);
      if (auto error =
              RequireVersion(c.api_version, "checkIdentityHealth", {"2015-11-01", "2018-05-01"})) {
        return *error;
      }
      if (auto denied =
              Authorize(roles, c.principal,
                        "Microsoft.Subscriptions.Admin/checkIdentityHealth/action", scope)) {
        return *denied;
      }
      return JsonResponse(200, IdentityHealthReport(c.world, Iso8601(Clock::now()),
                                                    c.context.options.health_report_array));
    }
    if (IEquals(s[4], "subscriptions") && s.size() <= 6) {
      if (c.http.method != "GET") return MethodNotAllowed(c.http.method);
      if (auto error = RequireVersion(c.api_version, "subscriptions", {"2015-11-01"})) {
        return *error;
      }
      if (auto denied = Authorize(roles, c.principal,
                                  "Microsoft.Subscriptions.Admin/subscriptions/read", scope)) {
        return *denied;
      }
      if (s.size() == 5) {
        json::array items;
        for (const UserSubscription& u : stamp.user_subscriptions) {
          items.push_back(AdminUserSubscriptionJson(stamp, u));
        }
        return JsonResponse(200, json::object{{"value", std::move(items)}});
      }
      const UserSubscription* u = c.world.FindUserSubscription(s[5]);
      if (!u) return SubscriptionNotFound(s[5]);
      return JsonResponse(200, AdminUserSubscriptionJson(stamp, *u));
    }
    return ArmError(404, "InvalidResourceType",
                    "The resource type '" + s[4] + "' could not be found in the namespace '" +
                        s[3] + "' for api version '" + c.api_version + "'.");
  }
  if (!IEquals(s[2], "resourcegroups")) return NotFoundPath(c.info);
  if (s.size() == 3) {
    if (c.http.method != "GET") return MethodNotAllowed(c.http.method);
    if (auto denied = Authorize(roles, c.principal,
                                "Microsoft.Resources/subscriptions/resourceGroups/read", scope)) {
      return *denied;
    }
    json::array items;
    for (const ResourceGroup& g : stamp.admin_resource_groups) {
      items.push_back(json::object{
          {"id", "/subscriptions/" + stamp.admin_subscription_id + "/resourceGroups/" + g.name},
          {"name", g.name},
          {"type", "Microsoft.Resources/resourceGroups"},
          {"location", g.location},
          {"properties", {{"provisioningState", "Succeeded"}}}});
    }
    return PagedList(c, items);
  }
  auto group = std::find_if(stamp.admin_resource_groups.begin(), stamp.admin_resource_groups.end(),
                            [&](const ResourceGroup& g) { return IEquals(g.name, s[3]); });
  auto group_json = [&](const ResourceGroup& g) {
    return json::object{
        {"id", "/subscriptions/" + stamp.admin_subscription_id + "/resourceGroups/" + g.name},
        {"name", g.name},
        {"type", "Microsoft.Resources/resourceGroups"},
        {"location", g.location},
        {"properties", {{"provisioningState", "Succeeded"}}}};
  };
  if (s.size() == 4) {
    std::string action =
        VerbAction("Microsoft.Resources/subscriptions/resourceGroups", c.http.method);
    if (c.http.method != "GET" && c.http.method != "PUT") return MethodNotAllowed(c.http.method);
    if (auto denied = Authorize(roles, c.principal, action, scope)) return *denied;
    if (c.http.method == "GET") {
      if (group == stamp.admin_resource_groups.end()) {
        return ArmError(404, "ResourceGroupNotFound",
                        "Resource group '" + s[3] + "' could not be found.");
      }
      return JsonResponse(200, group_json(*group));
    }
    auto body = ParseObjectBody(c.http);
    if (HttpResponse* error = std::get_if<HttpResponse>(&body)) return *error;
    std::string location = StringMember(std::get<json::object>(body), "location");
    if (location.empty()) {
      return ArmError(400, "LocationRequired",
                      "The location property is required for this definition.");
    }
    if (group != stamp.admin_resource_groups.end()) {
      if (!IEquals(group->location, location)) {
        return ArmError(409, "InvalidResourceGroupLocation",
                        "Invalid resource group location '" + location +
                            "'. The Resource group already exists in location '" + group->location +
                            "'.");
      }
      return JsonResponse(200, group_json(*group));
    }
    stamp.admin_resource_groups.push_back({s[3], location});
    c.context.StateChangedLocked();
    return JsonResponse(201, group_json(stamp.admin_resource_groups.back()));
  }
  bool directory_tenants = (s.size() == 7 || s.size() == 8) && IEquals(s[4], "providers") &&
                           IEquals(s[5], kSubscriptionsAdmin) && IEquals(s[6], "directoryTenants");
  if (!directory_tenants) return NotFoundPath(c.info);
  std::string action = VerbAction("Microsoft.Subscriptions.Admin/directoryTenants", c.http.method);
  if (auto denied = Authorize(roles, c.principal, action, scope)) return *denied;
  if (group == stamp.admin_resource_groups.end()) {
    return ArmError(404, "ResourceGroupNotFound",
                    "Resource group '" + s[3] + "' could not be found.");
  }
  return DirectoryTenantsRoute(c, *group);
}

// ---- tenant ARM ----

// A principal the subscription's directory knows: a user or service principal of that tenant.
std::string DirectoryPrincipalType(const World& world, const std::string& tenant_id,
                                   const std::string& object_id) {
  int64_t now = SteadyMillis();
  for (const ServicePrincipal& sp : world.service_principals) {
    if (IEquals(sp.object_id, object_id) && IEquals(sp.tenant_id, tenant_id)) {
      return sp.visible_from_ms <= now ? "ServicePrincipal" : "";
    }
  }
  for (const User& u : world.users) {
    if (IEquals(u.object_id, object_id) && IEquals(u.tenant_id, tenant_id)) {
      return u.visible_from_ms <= now ? "User" : "";
    }
  }
  return "";
}

HttpResponse TenantArm(StampCall& c) {
  const auto& s = c.s;
  if (s.size() == 1 && IEquals(s[0], "applicationRegistrations")) {
    return ApplicationRegistrationsRoute(c);
  }
  if (s.empty() || !IEquals(s[0], "subscriptions")) return NotFoundPath(c.info);
  auto visible = [&](const UserSubscription& u) {
    return !IEquals(u.state, "Deleted") && (IEquals(u.tenant_id, c.principal.tenant_id) ||
                                            !UserSubscriptionRoles(u, c.principal).empty());
  };
  if (s.size() == 1) {
    if (c.http.method != "GET") return MethodNotAllowed(c.http.method);
    json::array items;
    for (const UserSubscription& u : c.world.stamp.user_subscriptions) {
      if (visible(u)) {
        items.push_back(
            ArmSubscriptionJson(u.id, u.display_name, u.state, u.tenant_id, u.offer_id));
      }
    }
    return JsonResponse(200, json::object{{"value", std::move(items)}});
  }
  UserSubscription* u = c.world.FindUserSubscription(s[1]);
  if (!u || IEquals(u->state, "Deleted")) return SubscriptionNotFound(s[1]);
  if (!IEquals(u->tenant_id, c.principal.tenant_id)) {
    return Unauthorized(c.context, u->tenant_id, "InvalidAuthenticationTokenTenant",
                        "The access token is from the wrong issuer 'https://sts.windows.net/" +
                            c.principal.tenant_id +
                            "/'. It must match the tenant 'https://sts.windows.net/" +
                            u->tenant_id + "/' associated with this subscription.");
  }
  std::vector<const RoleDefinition*> roles = UserSubscriptionRoles(*u, c.principal);
  const std::string scope = "/subscriptions/" + u->id;
  if (s.size() == 2) {
    if (c.http.method != "GET") return MethodNotAllowed(c.http.method);
    return JsonResponse(
        200, ArmSubscriptionJson(u->id, u->display_name, u->state, u->tenant_id, u->offer_id));
  }
  if (s.size() == 5 && IEquals(s[2], "providers") && IEquals(s[3], "Microsoft.Commerce") &&
      IEquals(s[4], "usageAggregates")) {
    if (c.http.method != "GET") return MethodNotAllowed(c.http.method);
    if (auto denied = Authorize(roles, c.principal, "Microsoft.Commerce/usageAggregates/read",
                                c.info.target.Path())) {
      return *denied;
    }
    return TenantUsage(c.context, c.world, *u, c.info, c.api_version);
  }
  bool role_assignments = (s.size() == 5 || s.size() == 6) && IEquals(s[2], "providers") &&
                          IEquals(s[3], "Microsoft.Authorization") &&
                          IEquals(s[4], "roleAssignments");
  if (!role_assignments) return NotFoundPath(c.info);
  if (auto error =
          CheckApiVersion(ResourceKind::kAuthorization, "roleAssignments", c.api_version)) {
    return *error;
  }
  const std::string& method = c.http.method;
  if (s.size() == 5 && method != "GET") return MethodNotAllowed(method);
  if (s.size() == 6 && method != "GET" && method != "PUT" && method != "DELETE") {
    return MethodNotAllowed(method);
  }
  if (auto denied = Authorize(roles, c.principal,
                              VerbAction("Microsoft.Authorization/roleAssignments", method),
                              c.info.target.Path())) {
    return *denied;
  }
  RoleAssignmentScope ra;
  ra.scope = scope;
  ra.subscription_id = u->id;
  ra.tenant_id = u->tenant_id;
  ra.assignments = &u->role_assignments;
  const World* world = &c.world;
  std::string tenant = u->tenant_id;
  ra.principal_type = [world, tenant](const std::string& id) {
    return DirectoryPrincipalType(*world, tenant, id);
  };
  ArmCall call = AsArmCall(c);
  if (s.size() == 5) return ListRoleAssignmentsIn(call, ra);
  if (method == "GET") return GetRoleAssignmentIn(call, ra, s[5]);
  if (method == "PUT") return PutRoleAssignmentIn(call, ra, s[5]);
  return DeleteRoleAssignmentIn(call, ra, s[5]);
}

}  // namespace

HttpResponse HandleStampArm(ServiceContext& context, const HttpRequest& request,
                            const RequestInfo& info) {
  const auto& s = info.target.segments;
  if (!s.empty() && IEquals(s[0], "metadata")) return Metadata(context, request, info);
  bool admin = info.host == Host::kAdminArm;

  std::unique_lock<std::mutex> lock(context.state_mutex);
  World& world = context.world;
  const Stamp& stamp = world.stamp;
  if (stamp.admin_subscription_id.empty()) {
    return ArmError(404, "NotFound", "The fixtures define no stamp ('stamp').");
  }
  const std::string& audience = admin ? stamp.admin_audience : stamp.tenant_audience;
  auto verified = VerifyBearer(context, request, {audience});
  if (const BearerFailure* failure = std::get_if<BearerFailure>(&verified)) {
    return Unauthorized(context, "", failure->code, failure->message);
  }
  const json::object& claims = std::get<json::object>(verified);
  Principal principal{ClaimString(claims, "oid"), ClaimString(claims, "appid"),
                      ClaimString(claims, "tid"), ClaimString(claims, "upn")};
  // Only the home directory (admin ARM), or the home and onboarded guest directories (tenant
  // ARM), are trusted issuers.
  bool home = IEquals(principal.tenant_id, world.HomeTenantId());
  bool onboarded = false;
  for (const DirectoryTenantRecord& d : stamp.directory_tenants) {
    onboarded |= IEquals(d.tenant_id, principal.tenant_id);
  }
  if (!home && (admin || !onboarded)) {
    const Tenant* tenant = world.FindTenant(principal.tenant_id);
    std::string name = tenant && !tenant->domain.empty() ? tenant->domain : principal.tenant_id;
    return Unauthorized(
        context, principal.tenant_id, "InvalidAuthenticationTokenTenant",
        "The access token is from the directory tenant '" + principal.tenant_id + "' (" + name +
            "), which is not " +
            (admin ? std::string("the home directory of this Azure Stack Hub")
                   : std::string("registered with this Azure Stack Hub: the operator must onboard "
                                 "it (directoryTenants) first")) +
            ".");
  }
  const std::string* version = info.target.Query("api-version");
  if (!version || version->empty()) {
    return IsUsagePath(info.target) ? NoApiVersion() : MissingApiVersion();
  }
  StampCall call{context, world, request, info, admin, principal, *version, s};
  return admin ? AdminArm(call) : TenantArm(call);
}

}  // namespace azscsp::emulator
