// Microsoft.Authorization/roleAssignments at one scope, shared by the global ARM (a registration's
// scope) and the stamp's tenant ARM (a user subscription's scope): PUT 201/200/409
// RoleAssignmentExists/400 PrincipalNotFound, GET, DELETE 200/204, list with $filter and paging.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "arm/arm_call.hpp"

namespace azscsp::emulator {

struct RoleAssignmentScope {
  std::string scope;            // "/subscriptions/{id}" or a registration id
  std::string subscription_id;  // for roleDefinitionId checks and ids
  std::string tenant_id;        // named in PrincipalNotFound
  std::vector<ScopedRoleAssignment>* assignments = nullptr;  // the scope's own assignments
  std::vector<ScopedRoleAssignment> inherited;               // listed too, at inherited_scope
  std::string inherited_scope;
  // "ServicePrincipal" / "User" for a principal the directory knows (and has replicated), else "".
  std::function<std::string(const std::string&)> principal_type;
};

HttpResponse ListRoleAssignmentsIn(ArmCall& call, const RoleAssignmentScope& scope);
HttpResponse GetRoleAssignmentIn(ArmCall& call, const RoleAssignmentScope& scope,
                                 const std::string& name);
HttpResponse PutRoleAssignmentIn(ArmCall& call, const RoleAssignmentScope& scope,
                                 const std::string& name);
HttpResponse DeleteRoleAssignmentIn(ArmCall& call, const RoleAssignmentScope& scope,
                                    const std::string& name);

}  // namespace azscsp::emulator
