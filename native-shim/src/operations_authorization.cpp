// locks.* and roleAssignments.* at any scope (README.md, Operations).
#include "arguments.hpp"
#include "azscsp/errors.hpp"
#include "azscsp/services/locks_client.hpp"
#include "azscsp/services/role_assignments_client.hpp"
#include "client_state.hpp"
#include "operation_handlers.hpp"

namespace json = boost::json;

namespace azscsp::shim::_detail {

void ListLocks(ClientState& client, const json::object& arguments, const Emit& emit,
               const util::Context& context) {
  services::LocksClient locks(client.Arm(context));
  for (const auto& lock : locks.List(RequiredString(arguments, "scope"), context))
    emit(lock.ToJson());
}

void PutLock(ClientState& client, const json::object& arguments, const Emit& emit,
             const util::Context& context) {
  services::LocksClient locks(client.Arm(context));
  emit(locks
           .Put(RequiredString(arguments, "scope"), RequiredString(arguments, "lockName"),
                OptionalString(arguments, "level").value_or("CanNotDelete"),
                OptionalString(arguments, "notes").value_or(""), context)
           .ToJson());
}

void DeleteLock(ClientState& client, const json::object& arguments, const Emit& emit,
                const util::Context& context) {
  services::LocksClient locks(client.Arm(context));
  const services::DeleteLockResult result = locks.Delete(
      RequiredString(arguments, "scope"), RequiredString(arguments, "lockName"), context);
  emit({{"id", result.id},
        {"existed", result.existed ? json::value(*result.existed) : json::value(nullptr)}});
}

void ListRoleAssignments(ClientState& client, const json::object& arguments, const Emit& emit,
                         const util::Context& context) {
  services::RoleAssignmentsClient assignments(client.Arm(context));
  for (const auto& assignment : assignments.List(RequiredString(arguments, "scope"),
                                                 OptionalString(arguments, "principalId"), context))
    emit(assignment.ToJson());
}

void EnsureRoleAssignment(ClientState& client, const json::object& arguments, const Emit& emit,
                          const util::Context& context) {
  services::RoleAssignmentsClient assignments(client.Arm(context));
  services::EnsureRoleOptions options;
  if (auto type = OptionalString(arguments, "principalType"); type && !type->empty())
    options.principal_type = *type;
  const services::EnsureRoleResult result = assignments.Ensure(
      RequiredString(arguments, "scope"), RequiredString(arguments, "principalId"),
      RequiredString(arguments, "roleDefinitionId"), options, context);
  json::object item = result.assignment.ToJson();
  item["status"] = result.already_done ? "AlreadyDone" : "Done";
  emit(std::move(item));
}

}  // namespace azscsp::shim::_detail
