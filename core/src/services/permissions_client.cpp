#include "azscsp/services/permissions_client.hpp"

#include <cctype>

#include "azscsp/arm/resource_id.hpp"
#include "azscsp/services/role_assignments_client.hpp"

namespace json = boost::json;

namespace azscsp::services {
namespace {

std::vector<std::string> Strings(const json::object& object, const char* key) {
  std::vector<std::string> out;
  if (const json::value* value = object.if_contains(key); value && value->is_array())
    for (const auto& item : value->as_array())
      if (item.is_string()) out.emplace_back(item.as_string());
  return out;
}

bool AnyMatches(const std::vector<std::string>& patterns, const std::string& action) {
  for (const auto& pattern : patterns)
    if (ActionMatches(pattern, action)) return true;
  return false;
}

}  // namespace

std::vector<Permission> PermissionsClient::List(const std::string& scope,
                                                const util::Context& context) const {
  std::vector<Permission> permissions;
  arm_->ForEachInList(
      arm::ScopePath(scope, "permission scope") + "/providers/Microsoft.Authorization/permissions",
      kAuthorizationApiVersion,
      [&](const json::value& item) {
        if (!item.is_object()) return true;
        const json::object& o = item.as_object();
        permissions.push_back({Strings(o, "actions"), Strings(o, "notActions"),
                               Strings(o, "dataActions"), Strings(o, "notDataActions")});
        return true;
      },
      context);
  return permissions;
}

bool ActionMatches(const std::string& pattern, const std::string& action) {
  // Glob with '*' only, iterative with one backtrack point (linear enough for action strings).
  size_t p = 0, a = 0, star = std::string::npos, resume = 0;
  auto same = [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  };
  while (a < action.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = a;
    } else if (p < pattern.size() && same(pattern[p], action[a])) {
      ++p;
      ++a;
    } else if (star != std::string::npos) {
      p = star + 1;
      a = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool IsActionAllowed(const std::vector<Permission>& permissions, const std::string& action) {
  for (const auto& permission : permissions)
    if (AnyMatches(permission.actions, action) && !AnyMatches(permission.not_actions, action))
      return true;
  return false;
}

}  // namespace azscsp::services
