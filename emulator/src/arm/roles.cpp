#include "arm/roles.hpp"

#include "util/strings.hpp"

namespace azscsp::emulator {
namespace {

const std::vector<RoleDefinition>& BuiltInRoles() {
  static const std::vector<RoleDefinition> roles = {
      {"Owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", {"*"}, {}},
      {"Contributor",
       "b24988ac-6180-42a0-ab88-20f7382dd24c",
       {"*"},
       {"Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write",
        "Microsoft.Authorization/elevateAccess/Action"}},
      {"Reader", "acdd72a7-3385-48ef-bd42-f606fba81ae7", {"*/read"}, {}},
      {"User Access Administrator",
       "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
       {"*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"},
       {}},
      // What Register-AzsEnvironment grants the Azure Bridge service principal.
      {"Azure Stack Registration Owner",
       "6f12a6df-dd06-4f3e-bcb1-ce8be600526a",
       {"Microsoft.AzureStack/edgeSubscriptions/read",
        "Microsoft.AzureStack/registrations/products/*/action",
        "Microsoft.AzureStack/registrations/products/read",
        "Microsoft.AzureStack/registrations/read"},
       {}},
  };
  return roles;
}

// Glob match where '*' stands for any text (including '/'), ASCII case-insensitive.
bool Glob(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && IEquals(pattern.substr(p, 1), text.substr(t, 1))) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

const RoleDefinition* FindRoleByName(std::string_view name) {
  for (const RoleDefinition& role : BuiltInRoles()) {
    if (IEquals(role.name, name)) return &role;
  }
  return nullptr;
}

const RoleDefinition* FindRoleById(std::string_view guid) {
  for (const RoleDefinition& role : BuiltInRoles()) {
    if (IEquals(role.id, guid)) return &role;
  }
  return nullptr;
}

const RoleDefinition& RoleOfFixtureName(std::string_view name) {
  const RoleDefinition* role = FindRoleByName(name);
  return role ? *role : *FindRoleByName("Contributor");
}

std::string RoleDefinitionResourceId(std::string_view subscription_id, const RoleDefinition& role) {
  return "/subscriptions/" + std::string(subscription_id) +
         "/providers/Microsoft.Authorization/roleDefinitions/" + role.id;
}

bool Permits(const RoleDefinition& role, std::string_view action) {
  for (const std::string& denied : role.not_actions) {
    if (Glob(denied, action)) return false;
  }
  for (const std::string& allowed : role.actions) {
    if (Glob(allowed, action)) return true;
  }
  return false;
}

std::vector<const RoleDefinition*> RolesAt(const Subscription& subscription,
                                           const Registration* registration,
                                           std::string_view object_id) {
  std::vector<const RoleDefinition*> roles;
  for (const RoleAssignment& a : subscription.role_assignments) {
    if (IEquals(a.principal_id, object_id)) roles.push_back(&RoleOfFixtureName(a.role));
  }
  if (registration) {
    for (const ScopedRoleAssignment& a : registration->role_assignments) {
      if (!IEquals(a.principal_id, object_id)) continue;
      std::string guid = a.role_definition_id.substr(a.role_definition_id.rfind('/') + 1);
      if (const RoleDefinition* role = FindRoleById(guid)) roles.push_back(role);
    }
  }
  return roles;
}

}  // namespace azscsp::emulator
