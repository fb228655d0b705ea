// Built-in Azure role definitions the emulator knows, and what a principal holds at a scope.
// One table serves both RBAC checks (authorization.cpp) and the permissions API, so the two can
// never disagree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "state/model.hpp"

namespace azscsp::emulator {

struct RoleDefinition {
  std::string name;  // "Owner"
  std::string id;    // GUID of the built-in role
  std::vector<std::string> actions;
  std::vector<std::string> not_actions;
};

const RoleDefinition* FindRoleByName(std::string_view name);
const RoleDefinition* FindRoleById(std::string_view guid);
// Role of a fixture subscription assignment; names the emulator does not know act as
// Contributor (the emulator's behaviour before it had a role table).
const RoleDefinition& RoleOfFixtureName(std::string_view name);

// "/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/{guid}"
std::string RoleDefinitionResourceId(std::string_view subscription_id, const RoleDefinition& role);

// Whether the role's actions (minus notActions) cover `action`; '*' matches any text, case
// is ignored, as in Azure RBAC.
bool Permits(const RoleDefinition& role, std::string_view action);

// Roles of `object_id` at the subscription and, when given, at the registration (assignments at
// the registration's scope add to the subscription-wide ones). May repeat a role.
std::vector<const RoleDefinition*> RolesAt(const Subscription& subscription,
                                           const Registration* registration,
                                           std::string_view object_id);

}  // namespace azscsp::emulator
