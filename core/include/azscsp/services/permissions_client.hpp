// What the caller may do at a scope: GET {scope}/providers/Microsoft.Authorization/permissions
// (api-version 2022-04-01), and ARM's wildcard rules to test one action against the answer.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "azscsp/arm/arm_client.hpp"

namespace azscsp::services {

struct Permission {
  std::vector<std::string> actions, not_actions, data_actions, not_data_actions;
};

class PermissionsClient {
 public:
  explicit PermissionsClient(std::shared_ptr<const arm::ArmClient> arm) : arm_(std::move(arm)) {}

  // `scope`: see arm::ScopePath. An empty list means no access at all.
  std::vector<Permission> List(const std::string& scope, const util::Context& context) const;

 private:
  std::shared_ptr<const arm::ArmClient> arm_;
};

// ARM semantics: the action is allowed when some permission's actions match it and none of that
// same permission's notActions do ('*' matches any run of characters, '/' included; any case).
bool IsActionAllowed(const std::vector<Permission>& permissions, const std::string& action);
// One ARM action pattern against an action.
bool ActionMatches(const std::string& pattern, const std::string& action);

}  // namespace azscsp::services
