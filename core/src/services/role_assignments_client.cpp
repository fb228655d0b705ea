#include "azscsp/services/role_assignments_client.hpp"

#include <algorithm>

#include "azscsp/arm/resource_id.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/ids.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/log.hpp"
#include "azscsp/util/url_encode.hpp"

namespace json = boost::json;

namespace azscsp::services {
namespace {

std::string CollectionPath(const std::string& scope) {
  return arm::ScopePath(scope, "role assignment scope") +
         "/providers/Microsoft.Authorization/roleAssignments";
}

std::string TrimSlashes(std::string text) {
  while (!text.empty() && text.back() == '/') text.pop_back();
  if (!text.empty() && text.front() != '/') text.insert(text.begin(), '/');
  return text;
}

std::string LastSegment(const std::string& id) {
  const std::string trimmed = TrimSlashes(id);
  return trimmed.substr(trimmed.find_last_of('/') + 1);
}

// `outer` is `inner` or one of its parents.
bool Covers(const std::string& outer, const std::string& inner) {
  const std::string a = TrimSlashes(outer), b = TrimSlashes(inner);
  return util::EqualsIgnoreCase(a, b) ||
         (b.size() > a.size() && b[a.size()] == '/' && util::StartsWithIgnoreCase(b, a));
}

}  // namespace

RoleAssignment RoleAssignment::FromJson(const json::value& value) {
  RoleAssignment a{util::GetString(value, "id"), util::GetString(value, "name"), {}, {}, {}, {}};
  if (value.is_object())
    if (const json::value* p = value.as_object().if_contains("properties")) {
      a.role_definition_id = util::GetString(*p, "roleDefinitionId");
      a.principal_id = util::GetString(*p, "principalId");
      a.principal_type = util::GetString(*p, "principalType");
      a.scope = util::GetString(*p, "scope");
    }
  return a;
}

json::object RoleAssignment::ToJson() const {
  return {{"id", id},
          {"name", name},
          {"roleDefinitionId", role_definition_id},
          {"principalId", principal_id},
          {"principalType", principal_type},
          {"scope", scope}};
}

std::string RoleDefinitionIdFor(const std::string& role, const std::string& scope) {
  if (util::IsGuid(role)) {
    arm::ScopePath(scope, "role assignment scope");
    return "/subscriptions/" + arm::SubscriptionOfScope(scope) +
           "/providers/Microsoft.Authorization/roleDefinitions/" + role;
  }
  const std::string needle = "/providers/Microsoft.Authorization/roleDefinitions/";
  const size_t at = role.find("/providers/");
  if (at == std::string::npos || !util::EqualsIgnoreCase(role.substr(at, needle.size()), needle) ||
      !util::IsGuid(LastSegment(role))) {
    throw InvalidArgumentError("The role definition '" + role +
                               "' is neither a role definition GUID nor a role definition ID "
                               "(/subscriptions/{id}/providers/Microsoft.Authorization/"
                               "roleDefinitions/{guid}).");
  }
  return role;
}

std::vector<RoleAssignment> RoleAssignmentsClient::List(
    const std::string& scope, const std::optional<std::string>& principal_id,
    const util::Context& context) const {
  std::string path = CollectionPath(scope);
  if (principal_id && !principal_id->empty()) {
    if (!util::IsGuid(*principal_id))
      throw InvalidArgumentError("The principal ID '" + *principal_id +
                                 "' is not an object ID; expected a GUID.");
    path += "?$filter=" + util::PercentEncode("principalId eq '" + *principal_id + "'");
  }
  std::vector<RoleAssignment> assignments;
  arm_->ForEachInList(
      path, kAuthorizationApiVersion,
      [&](const json::value& item) {
        assignments.push_back(RoleAssignment::FromJson(item));
        return true;
      },
      context);
  return assignments;
}

RoleAssignment RoleAssignmentsClient::Put(const std::string& scope, const std::string& name,
                                          const std::string& role_definition_id,
                                          const std::string& principal_id,
                                          const std::string& principal_type,
                                          const util::Context& context) const {
  if (!util::IsGuid(name))
    throw InvalidArgumentError("The role assignment name '" + name + "' is not a GUID.");
  if (!util::IsGuid(principal_id))
    throw InvalidArgumentError("The principal ID '" + principal_id +
                               "' is not an object ID; expected a GUID.");
  const json::value body{{"properties",
                          {{"roleDefinitionId", RoleDefinitionIdFor(role_definition_id, scope)},
                           {"principalId", principal_id},
                           {"principalType", principal_type}}}};
  return RoleAssignment::FromJson(
      arm::ReadBody(arm_->Send(http::Method::Put, CollectionPath(scope) + "/" + name,
                               kAuthorizationApiVersion, body, context)));
}

EnsureRoleResult RoleAssignmentsClient::Ensure(const std::string& scope,
                                               const std::string& principal_id,
                                               const std::string& role,
                                               const EnsureRoleOptions& options,
                                               const util::Context& context) const {
  const std::string definition = RoleDefinitionIdFor(role, scope);
  const std::string role_guid = LastSegment(definition);
  auto find_existing = [&]() -> std::optional<RoleAssignment> {
    for (const auto& a : List(scope, principal_id, context))
      if (util::EqualsIgnoreCase(LastSegment(a.role_definition_id), role_guid) &&
          util::EqualsIgnoreCase(a.principal_id, principal_id) &&
          (a.scope.empty() || Covers(a.scope, scope)))
        return a;
    return std::nullopt;
  };
  EnsureRoleResult result;
  if (auto existing = find_existing()) {
    result.assignment = *existing;
    result.already_done = true;
    return result;
  }
  const std::string name = util::NewGuid();
  const auto give_up_at = clock_.Now() + options.principal_wait;
  std::chrono::milliseconds delay = options.first_retry_delay;
  for (;;) {
    try {
      result.assignment =
          Put(scope, name, definition, principal_id, options.principal_type, context);
      return result;
    } catch (const ServiceError& error) {
      const std::string& code = error.Details().code;
      if (code == "RoleAssignmentExists") {
        // Made meanwhile, or at a scope the lookup did not show: it is there either way.
        result.already_done = true;
        if (auto existing = find_existing())
          result.assignment = *existing;
        else
          result.assignment = {{}, {}, definition, principal_id, options.principal_type, scope};
        return result;
      }
      // A principal made moments ago has not replicated to ARM yet (api.md §2).
      if (code != "PrincipalNotFound" || clock_.Now() + delay > give_up_at) throw;
      util::Log(context, util::LogLevel::Verbose,
                "Principal " + principal_id + " is not known to Azure Resource Manager yet; " +
                    "retrying the role assignment in " + std::to_string(delay.count()) + " ms.");
      clock_.SleepFor(delay, context);
      ++result.principal_not_found_retries;
      delay = std::min(delay * 2, options.max_retry_delay);
    }
  }
}

}  // namespace azscsp::services
