// Microsoft.Authorization/locks at a registration's scope (api.md §2, §10 item 10). Locks apply
// to the registration resource itself: CanNotDelete blocks its DELETE, ReadOnly also its writes.
#include <boost/json.hpp>

#include "arm/arm_call.hpp"
#include "arm/arm_helpers.hpp"
#include "arm/locks.hpp"
#include "http/responses.hpp"
#include "service_context.hpp"
#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

json::object LockJson(const Registration& r, const ManagementLock& l) {
  return {{"id", RegistrationId(r) + "/providers/Microsoft.Authorization/locks/" + l.name},
          {"name", l.name},
          {"type", "Microsoft.Authorization/locks"},
          {"properties", {{"level", l.level}, {"notes", l.notes}, {"owners", json::array()}}}};
}

}  // namespace

std::optional<HttpResponse> CheckRegistrationLocks(const Registration& r, bool deleting) {
  for (const ManagementLock& l : r.locks) {
    if (deleting || IEquals(l.level, "ReadOnly")) {
      std::string scope = RegistrationId(r);
      return ArmError(409, "ScopeLocked",
                      "The scope '" + scope + "' cannot perform " +
                          (deleting ? "delete" : "write") +
                          " operation because following scope(s) are locked: '" + scope +
                          "'. Please remove the lock and try again.");
    }
  }
  return std::nullopt;
}

HttpResponse ListRegistrationLocks(ArmCall& call) {
  auto parent = ParentRegistration(call);
  if (HttpResponse* error = std::get_if<HttpResponse>(&parent)) return *error;
  const Registration& r = *std::get<Registration*>(parent);
  json::array value;
  for (const ManagementLock& l : r.locks) value.push_back(LockJson(r, l));
  return JsonResponse(200, json::object{{"value", std::move(value)}});
}

HttpResponse GetRegistrationLock(ArmCall& call) {
  auto parent = ParentRegistration(call);
  if (HttpResponse* error = std::get_if<HttpResponse>(&parent)) return *error;
  Registration& r = *std::get<Registration*>(parent);
  const ManagementLock* l = FindLock(r, call.Param(3));
  if (!l) {
    return ArmError(404, "LockNotFound", "The lock '" + call.Param(3) + "' could not be found.");
  }
  return JsonResponse(200, LockJson(r, *l));
}

HttpResponse PutRegistrationLock(ArmCall& call) {
  auto parent = ParentRegistration(call);
  if (HttpResponse* error = std::get_if<HttpResponse>(&parent)) return *error;
  Registration& r = *std::get<Registration*>(parent);
  auto body = ParseObjectBody(call.http);
  if (HttpResponse* error = std::get_if<HttpResponse>(&body)) return *error;
  const json::value* properties = Member(std::get<json::object>(body), "properties");
  std::string level, notes;
  if (properties && properties->is_object()) {
    level = StringMember(properties->get_object(), "level");
    notes = StringMember(properties->get_object(), "notes");
  }
  if (IEquals(level, "CanNotDelete")) {
    level = "CanNotDelete";
  } else if (IEquals(level, "ReadOnly")) {
    level = "ReadOnly";
  } else {
    return ArmError(400, "InvalidLockLevel",
                    "The lock level '" + level + "' is invalid. Use 'CanNotDelete' or 'ReadOnly'.");
  }
  int status = 200;
  ManagementLock* l = FindLock(r, call.Param(3));
  if (!l) {
    r.locks.push_back({call.Param(3), "", ""});
    l = &r.locks.back();
    status = 201;
  }
  l->level = level;
  l->notes = notes;
  call.context.StateChangedLocked();
  return JsonResponse(status, LockJson(r, *l));
}

HttpResponse DeleteRegistrationLock(ArmCall& call) {
  auto parent = ParentRegistration(call);
  if (HttpResponse* error = std::get_if<HttpResponse>(&parent)) return *error;
  Registration& r = *std::get<Registration*>(parent);
  for (auto it = r.locks.begin(); it != r.locks.end(); ++it) {
    if (IEquals(it->name, call.Param(3))) {
      r.locks.erase(it);
      call.context.StateChangedLocked();
      return EmptyResponse(200);
    }
  }
  return EmptyResponse(204);
}

}  // namespace azscsp::emulator
