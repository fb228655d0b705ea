// Microsoft.Authorization/roleAssignments at a registration's scope (api.md §2 "Check role" and
// "Assign role", §10 item 11). Lists also show the caller-independent subscription-wide fixture
// roles as inherited assignments at the subscription scope, since ARM lists assignments at and
// above the scope.
#include <boost/json.hpp>

#include "arm/arm_call.hpp"
#include "arm/arm_helpers.hpp"
#include "arm/role_assignment_store.hpp"
#include "arm/roles.hpp"
#include "http/responses.hpp"
#include "service_context.hpp"
#include "util/ids.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

const char kRoleAssignmentsPath[] = "/providers/Microsoft.Authorization/roleAssignments/";

json::object AssignmentJson(const std::string& scope, const ScopedRoleAssignment& a) {
  return {{"id", scope + kRoleAssignmentsPath + a.name},
          {"name", a.name},
          {"type", "Microsoft.Authorization/roleAssignments"},
          {"properties",
           {{"roleDefinitionId", a.role_definition_id},
            {"principalId", a.principal_id},
            {"principalType", a.principal_type},
            {"scope", scope},
            {"condition", nullptr},
            {"conditionVersion", nullptr},
            {"createdOn", a.created_on},
            {"updatedOn", a.created_on},
            {"createdBy", a.created_by},
            {"updatedBy", a.created_by},
            {"delegatedManagedIdentityResourceId", nullptr},
            {"description", nullptr}}}};
}

// "ServicePrincipal" or "User" for a directory object any tenant knows, else "" (also while a
// principal created at run time is still "replicating").
std::string PrincipalTypeOf(const World& world, const std::string& object_id) {
  for (const ServicePrincipal& sp : world.service_principals) {
    if (IEquals(sp.object_id, object_id)) {
      return sp.visible_from_ms <= SteadyMillis() ? "ServicePrincipal" : "";
    }
  }
  for (const User& u : world.users) {
    if (IEquals(u.object_id, object_id)) return u.visible_from_ms <= SteadyMillis() ? "User" : "";
  }
  return "";
}

// The fixture roles on the whole subscription, shaped as assignments at the subscription scope.
std::vector<ScopedRoleAssignment> InheritedAssignments(const World& world, const Subscription& s) {
  std::vector<ScopedRoleAssignment> out;
  for (const RoleAssignment& a : s.role_assignments) {
    const RoleDefinition& role = RoleOfFixtureName(a.role);
    std::string type = PrincipalTypeOf(world, a.principal_id);
    out.push_back({DeterministicGuid("role-assignment:" +
                                     ToLower(s.id + "/" + a.principal_id + "/" + role.name)),
                   RoleDefinitionResourceId(s.id, role), a.principal_id,
                   type.empty() ? "ServicePrincipal" : type, "", ""});
  }
  return out;
}

struct ListFilter {
  std::string principal_id;  // empty = any
};

// $filter as ARM documents it for this API: atScope(), principalId eq '{id}', assignedTo('{id}'),
// joined by "and". atScope() changes nothing here: there is nothing below a registration.
std::variant<ListFilter, HttpResponse> ParseFilter(const std::string* text) {
  ListFilter filter;
  if (!text || Trim(*text).empty()) return filter;
  std::string rest = Trim(*text);
  while (!rest.empty()) {
    size_t and_at = ToLower(rest).find(" and ");
    std::string clause = Trim(rest.substr(0, and_at));
    rest = and_at == std::string::npos ? "" : Trim(rest.substr(and_at + 5));
    std::string lower = ToLower(clause);
    auto quoted = [&](size_t from) {
      size_t open = clause.find('\'', from), close = clause.rfind('\'');
      return open != std::string::npos && close > open ? clause.substr(open + 1, close - open - 1)
                                                       : std::string();
    };
    if (lower == "atscope()") continue;
    if (IStartsWith(lower, "principalid eq ") || IStartsWith(lower, "assignedto(")) {
      filter.principal_id = quoted(0);
      if (!filter.principal_id.empty()) continue;
    }
    return ArmError(400, "UnsupportedQuery",
                    "The filter '" + *text +
                        "' is not supported. Use atScope(), principalId eq '{id}' or "
                        "assignedTo('{id}').");
  }
  return filter;
}

HttpResponse RoleAssignmentNotFound(const std::string& name) {
  return ArmError(404, "RoleAssignmentNotFound",
                  "The role assignment '" + name + "' is not found.");
}

// The built-in role a roleDefinitionId names: /subscriptions/{sub}/providers/
// Microsoft.Authorization/roleDefinitions/{guid} (or the same without the subscription part).
std::variant<const RoleDefinition*, HttpResponse> ResolveRoleDefinition(
    const std::string& subscription_id, const std::string& role_definition_id) {
  std::vector<std::string> parts;
  for (const std::string& p : Split(role_definition_id, '/')) {
    if (!p.empty()) parts.push_back(p);
  }
  if (parts.size() == 6 && IEquals(parts[0], "subscriptions") &&
      IEquals(parts[1], subscription_id)) {
    parts.erase(parts.begin(), parts.begin() + 2);
  }
  bool well_formed = parts.size() == 4 && IEquals(parts[0], "providers") &&
                     IEquals(parts[1], "Microsoft.Authorization") &&
                     IEquals(parts[2], "roleDefinitions") && IsGuid(parts[3]);
  if (!well_formed) {
    return ArmError(400, "InvalidRoleDefinitionId",
                    "The role definition ID '" + role_definition_id + "' is not valid.");
  }
  const RoleDefinition* role = FindRoleById(parts[3]);
  if (!role) {
    return ArmError(400, "RoleDefinitionDoesNotExist",
                    "The specified role definition with ID '" + parts[3] + "' does not exist.");
  }
  return role;
}

}  // namespace

HttpResponse ListRoleAssignmentsIn(ArmCall& call, const RoleAssignmentScope& scope) {
  auto filter = ParseFilter(call.info.target.Query("$filter"));
  if (HttpResponse* error = std::get_if<HttpResponse>(&filter)) return *error;
  const std::string& principal = std::get<ListFilter>(filter).principal_id;
  json::array items;
  for (const ScopedRoleAssignment& a : scope.inherited) {
    if (principal.empty() || IEquals(a.principal_id, principal)) {
      items.push_back(AssignmentJson(scope.inherited_scope, a));
    }
  }
  for (const ScopedRoleAssignment& a : *scope.assignments) {
    if (principal.empty() || IEquals(a.principal_id, principal)) {
      items.push_back(AssignmentJson(scope.scope, a));
    }
  }
  auto page = Page(call, items);
  if (HttpResponse* error = std::get_if<HttpResponse>(&page)) return *error;
  return JsonResponse(200, std::get<json::object>(page));
}

HttpResponse GetRoleAssignmentIn(ArmCall& call, const RoleAssignmentScope& scope,
                                 const std::string& name) {
  for (const ScopedRoleAssignment& a : *scope.assignments) {
    if (IEquals(a.name, name)) return JsonResponse(200, AssignmentJson(scope.scope, a));
  }
  return RoleAssignmentNotFound(name);
}

HttpResponse PutRoleAssignmentIn(ArmCall& call, const RoleAssignmentScope& scope,
                                 const std::string& name) {
  if (!IsGuid(name)) {
    return ArmError(400, "InvalidRoleAssignmentId",
                    "The role assignment ID '" + name +
                        "' is not valid. The role assignment ID must be a GUID.");
  }
  auto body = ParseObjectBody(call.http);
  if (HttpResponse* error = std::get_if<HttpResponse>(&body)) return *error;
  const json::value* properties = Member(std::get<json::object>(body), "properties");
  const json::object empty;
  const json::object& p = properties && properties->is_object() ? properties->get_object() : empty;
  std::string role_definition_id = StringMember(p, "roleDefinitionId");
  std::string principal_id = StringMember(p, "principalId");
  std::string principal_type = StringMember(p, "principalType");
  if (role_definition_id.empty() || principal_id.empty()) {
    return ArmError(400, "InvalidRequestContent",
                    "The request content must contain 'properties.roleDefinitionId' and "
                    "'properties.principalId'.");
  }
  auto role = ResolveRoleDefinition(scope.subscription_id, role_definition_id);
  if (HttpResponse* error = std::get_if<HttpResponse>(&role)) return *error;
  const RoleDefinition& definition = *std::get<const RoleDefinition*>(role);

  std::string actual_type = scope.principal_type(principal_id);
  if (actual_type.empty()) {
    return ArmError(
        400, "PrincipalNotFound",
        "Principal " + principal_id + " does not exist in the directory " + scope.tenant_id + ".");
  }
  if (principal_type.empty()) principal_type = actual_type;
  if (!IEquals(principal_type, actual_type)) {
    return ArmError(400, "UnmatchedPrincipalType",
                    "The PrincipalId '" + principal_id + "' has type '" + actual_type +
                        "' , which is different from specified PrincipalType '" + principal_type +
                        "'.");
  }

  ScopedRoleAssignment wanted{name,
                              RoleDefinitionResourceId(scope.subscription_id, definition),
                              principal_id,
                              actual_type,
                              Iso8601(Clock::now()),
                              call.principal.object_id};
  auto same_grant = [&](const ScopedRoleAssignment& a) {
    return IEquals(a.principal_id, principal_id) &&
           IEndsWith(a.role_definition_id, "/" + definition.id);
  };
  std::vector<ScopedRoleAssignment>& assignments = *scope.assignments;
  for (const ScopedRoleAssignment& a : assignments) {
    if (IEquals(a.name, name)) {
      if (!same_grant(a)) {
        return ArmError(409, "RoleAssignmentUpdateNotPermitted",
                        "Tenant ID, application ID, principal ID, and scope are not allowed to "
                        "be updated.");
      }
      return JsonResponse(200, AssignmentJson(scope.scope, a));
    }
    if (same_grant(a)) {
      return ArmError(409, "RoleAssignmentExists", "The role assignment already exists.");
    }
  }
  assignments.push_back(std::move(wanted));
  call.context.StateChangedLocked();
  return JsonResponse(201, AssignmentJson(scope.scope, assignments.back()));
}

HttpResponse DeleteRoleAssignmentIn(ArmCall& call, const RoleAssignmentScope& scope,
                                    const std::string& name) {
  std::vector<ScopedRoleAssignment>& assignments = *scope.assignments;
  for (auto it = assignments.begin(); it != assignments.end(); ++it) {
    if (IEquals(it->name, name)) {
      json::object body = AssignmentJson(scope.scope, *it);
      assignments.erase(it);
      call.context.StateChangedLocked();
      return JsonResponse(200, body);
    }
  }
  return EmptyResponse(204);
}

namespace {

// The registration in the URL as a role assignment scope (fixture subscription roles inherited).
std::variant<RoleAssignmentScope, HttpResponse> RegistrationScope(ArmCall& call) {
  auto parent = ParentRegistration(call);
  if (HttpResponse* error = std::get_if<HttpResponse>(&parent)) return *error;
  Registration& r = *std::get<Registration*>(parent);
  const Subscription& s = *call.world.FindSubscription(call.Param(0));
  RoleAssignmentScope scope;
  scope.scope = RegistrationId(r);
  scope.subscription_id = s.id;
  scope.tenant_id = s.tenant_id;
  scope.assignments = &r.role_assignments;
  scope.inherited = InheritedAssignments(call.world, s);
  scope.inherited_scope = "/subscriptions/" + s.id;
  const World* world = &call.world;
  scope.principal_type = [world](const std::string& id) { return PrincipalTypeOf(*world, id); };
  return scope;
}

}  // namespace

HttpResponse ListRegistrationRoleAssignments(ArmCall& call) {
  auto scope = RegistrationScope(call);
  if (HttpResponse* error = std::get_if<HttpResponse>(&scope)) return *error;
  return ListRoleAssignmentsIn(call, std::get<RoleAssignmentScope>(scope));
}

HttpResponse GetRegistrationRoleAssignment(ArmCall& call) {
  auto scope = RegistrationScope(call);
  if (HttpResponse* error = std::get_if<HttpResponse>(&scope)) return *error;
  return GetRoleAssignmentIn(call, std::get<RoleAssignmentScope>(scope), call.Param(3));
}

HttpResponse PutRegistrationRoleAssignment(ArmCall& call) {
  auto scope = RegistrationScope(call);
  if (HttpResponse* error = std::get_if<HttpResponse>(&scope)) return *error;
  return PutRoleAssignmentIn(call, std::get<RoleAssignmentScope>(scope), call.Param(3));
}

HttpResponse DeleteRegistrationRoleAssignment(ArmCall& call) {
  auto scope = RegistrationScope(call);
  if (HttpResponse* error = std::get_if<HttpResponse>(&scope)) return *error;
  return DeleteRoleAssignmentIn(call, std::get<RoleAssignmentScope>(scope), call.Param(3));
}

}  // namespace azscsp::emulator
