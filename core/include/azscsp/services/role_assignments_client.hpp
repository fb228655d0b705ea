// Microsoft.Authorization/roleAssignments at a scope (api-version 2022-04-01; api.md §2 "Check
// role", "Assign role"). Ensure is idempotent and rides out the replication delay of a new
// service principal (400 PrincipalNotFound).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "azscsp/arm/arm_client.hpp"
#include "azscsp/util/clock.hpp"

namespace azscsp::services {

constexpr const char* kAuthorizationApiVersion = "2022-04-01";
// Built-in "Azure Stack Registration Owner".
constexpr const char* kRegistrationOwnerRoleId = "6f12a6df-dd06-4f3e-bcb1-ce8be600526a";

struct RoleAssignment {
  std::string id, name, role_definition_id, principal_id, principal_type, scope;

  static RoleAssignment FromJson(const boost::json::value& json);
  boost::json::object ToJson() const;
};

struct EnsureRoleOptions {
  std::string principal_type = "ServicePrincipal";
  std::chrono::milliseconds first_retry_delay{2000};  // doubles, capped at max_retry_delay
  std::chrono::milliseconds max_retry_delay{15000};
  std::chrono::milliseconds principal_wait{60000};  // give up on PrincipalNotFound after this
};

struct EnsureRoleResult {
  RoleAssignment assignment;
  bool already_done = false;
  int principal_not_found_retries = 0;
};

// "/subscriptions/{sub of scope}/providers/Microsoft.Authorization/roleDefinitions/{guid}" for a
// bare GUID; a full ID is returned as is. Throws InvalidArgumentError otherwise.
std::string RoleDefinitionIdFor(const std::string& role, const std::string& scope);

class RoleAssignmentsClient {
 public:
  RoleAssignmentsClient(std::shared_ptr<const arm::ArmClient> arm,
                        util::Clock& clock = util::SystemClock::Instance())
      : arm_(std::move(arm)), clock_(clock) {}

  // With `principal_id`: $filter=principalId eq '{id}' (also those inherited from parent scopes).
  std::vector<RoleAssignment> List(const std::string& scope,
                                   const std::optional<std::string>& principal_id,
                                   const util::Context& context) const;
  RoleAssignment Put(const std::string& scope, const std::string& name,
                     const std::string& role_definition_id, const std::string& principal_id,
                     const std::string& principal_type, const util::Context& context) const;
  // Looks for an assignment of the role to the principal at the scope (or a parent) first; else
  // PUTs one under a new GUID name. 409 RoleAssignmentExists counts as already done.
  EnsureRoleResult Ensure(const std::string& scope, const std::string& principal_id,
                          const std::string& role, const EnsureRoleOptions& options,
                          const util::Context& context) const;

 private:
  std::shared_ptr<const arm::ArmClient> arm_;
  util::Clock& clock_;
};

}  // namespace azscsp::services
