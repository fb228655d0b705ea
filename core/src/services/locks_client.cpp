#include "azscsp/services/locks_client.hpp"

#include "azscsp/arm/resource_id.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/url_encode.hpp"

namespace json = boost::json;

namespace azscsp::services {
namespace {

std::string LockPath(const std::string& scope, const std::string& name) {
  arm::ValidateResourceName(name, "lock name");
  return arm::ScopePath(scope, "lock scope") + "/providers/Microsoft.Authorization/locks/" +
         util::PercentEncode(name);
}

}  // namespace

ManagementLock ManagementLock::FromJson(const json::value& value) {
  ManagementLock lock{util::GetString(value, "id"), util::GetString(value, "name"), {}, {}};
  if (value.is_object())
    if (const json::value* properties = value.as_object().if_contains("properties")) {
      lock.level = util::GetString(*properties, "level");
      lock.notes = util::GetString(*properties, "notes");
    }
  return lock;
}

json::object ManagementLock::ToJson() const {
  return {{"id", id}, {"name", name}, {"level", level}, {"notes", notes}};
}

std::string RegistrationLockNotes(const std::string& registration_name) {
  return "Registration resource " + registration_name +
         " is needed for syndication. Placing resource lock to prevent accidental deletion.";
}

std::vector<ManagementLock> LocksClient::List(const std::string& scope,
                                              const util::Context& context) const {
  std::vector<ManagementLock> locks;
  arm_->ForEachInList(
      arm::ScopePath(scope, "lock scope") + "/providers/Microsoft.Authorization/locks",
      kLocksApiVersion,
      [&](const json::value& item) {
        locks.push_back(ManagementLock::FromJson(item));
        return true;
      },
      context);
  return locks;
}

std::optional<ManagementLock> LocksClient::Get(const std::string& scope, const std::string& name,
                                               const util::Context& context) const {
  const std::string path = LockPath(scope, name);
  try {
    return ManagementLock::FromJson(arm::ReadBody(
        arm_->Send(http::Method::Get, path, kLocksApiVersion, std::nullopt, context)));
  } catch (const ServiceError& error) {
    if (error.Details().code == "LockNotFound") return std::nullopt;
    throw;
  }
}

ManagementLock LocksClient::Put(const std::string& scope, const std::string& name,
                                const std::string& level, const std::string& notes,
                                const util::Context& context) const {
  std::string canonical;
  if (util::EqualsIgnoreCase(level, "CanNotDelete")) canonical = "CanNotDelete";
  if (util::EqualsIgnoreCase(level, "ReadOnly")) canonical = "ReadOnly";
  if (canonical.empty())
    throw InvalidArgumentError("The lock level '" + level +
                               "' is not valid; expected CanNotDelete or ReadOnly.");
  json::object properties{{"level", canonical}};
  if (!notes.empty()) properties["notes"] = notes;
  const http::Response response =
      arm_->Send(http::Method::Put, LockPath(scope, name), kLocksApiVersion,
                 json::value{{"properties", properties}}, context);
  ManagementLock lock = ManagementLock::FromJson(arm::ReadBody(response));
  if (lock.level.empty()) lock.level = canonical;
  return lock;
}

DeleteLockResult LocksClient::Delete(const std::string& scope, const std::string& name,
                                     const util::Context& context) const {
  DeleteLockResult result{LockPath(scope, name), std::nullopt};
  const http::Response response =
      arm_->Send(http::Method::Delete, result.id, kLocksApiVersion, std::nullopt, context);
  if (response.status == 200 || response.status == 202) result.existed = true;
  return result;
}

}  // namespace azscsp::services
