// Microsoft.Authorization/permissions: what the caller may do at a scope (subscription, resource
// group or registration), from the same role table RBAC checks use. One entry per role held;
// no role: an empty list (not a 403: any caller may ask about itself).
#include <algorithm>
#include <boost/json.hpp>

#include "arm/arm_call.hpp"
#include "arm/arm_helpers.hpp"
#include "arm/roles.hpp"
#include "http/responses.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

HttpResponse PermissionsOf(const ArmCall& call, const Registration* registration) {
  const Subscription& s = *call.world.FindSubscription(call.Param(0));
  std::vector<const RoleDefinition*> roles = RolesAt(s, registration, call.principal.object_id);
  std::sort(roles.begin(), roles.end());
  roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
  json::array value;
  for (const RoleDefinition* role : roles) {
    value.push_back(json::object{
        {"actions", json::array(role->actions.begin(), role->actions.end())},
        {"notActions", json::array(role->not_actions.begin(), role->not_actions.end())},
        {"dataActions", json::array()},
        {"notDataActions", json::array()}});
  }
  return JsonResponse(200, json::object{{"value", std::move(value)}});
}

}  // namespace

HttpResponse ListPermissionsAtSubscription(ArmCall& call) {
  return PermissionsOf(call, nullptr);
}

HttpResponse ListPermissionsAtResourceGroup(ArmCall& call) {
  return PermissionsOf(call, nullptr);  // the router already answered for a missing group
}

HttpResponse ListPermissionsAtRegistration(ArmCall& call) {
  auto parent = ParentRegistration(call);
  if (HttpResponse* error = std::get_if<HttpResponse>(&parent)) return *error;
  return PermissionsOf(call, std::get<Registration*>(parent));
}

}  // namespace azscsp::emulator
