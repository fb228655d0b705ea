#include "azscsp/graph/graph_models.hpp"

#include <sstream>

#include "azscsp/util/json.hpp"

namespace json = boost::json;

namespace azscsp::graph {
namespace {

std::vector<std::string> Strings(const json::value& object, const char* key) {
  std::vector<std::string> result;
  if (!object.is_object()) return result;
  if (const json::value* array = object.as_object().if_contains(key); array && array->is_array())
    for (const auto& item : array->as_array())
      if (item.is_string()) result.emplace_back(item.as_string());
  return result;
}

template <typename T>
std::vector<T> IdValues(const json::value& object, const char* key) {
  std::vector<T> result;
  if (!object.is_object()) return result;
  if (const json::value* array = object.as_object().if_contains(key); array && array->is_array())
    for (const auto& item : array->as_array())
      result.push_back({util::GetString(item, "id"), util::GetString(item, "value")});
  return result;
}

json::array ToArray(const std::vector<std::string>& strings) {
  json::array array;
  for (const auto& s : strings) array.emplace_back(s);
  return array;
}

}  // namespace

ServicePrincipal ServicePrincipal::FromJson(const json::value& value) {
  return {util::GetString(value, "id"),
          util::GetString(value, "appId"),
          util::GetString(value, "displayName"),
          Strings(value, "servicePrincipalNames"),
          Strings(value, "tags"),
          IdValues<AppRole>(value, "appRoles"),
          IdValues<PermissionScope>(value, "oauth2PermissionScopes")};
}

json::object ServicePrincipal::ToJson() const {
  json::array roles, scopes;
  for (const auto& role : app_roles) roles.push_back({{"id", role.id}, {"value", role.value}});
  for (const auto& scope : oauth2_permission_scopes)
    scopes.push_back({{"id", scope.id}, {"value", scope.value}});
  return {{"id", id},
          {"appId", app_id},
          {"displayName", display_name},
          {"servicePrincipalNames", ToArray(service_principal_names)},
          {"tags", ToArray(tags)},
          {"appRoles", std::move(roles)},
          {"oauth2PermissionScopes", std::move(scopes)}};
}

OAuth2PermissionGrant OAuth2PermissionGrant::FromJson(const json::value& value) {
  return {util::GetString(value, "id"),          util::GetString(value, "clientId"),
          util::GetString(value, "consentType"), util::GetString(value, "principalId"),
          util::GetString(value, "resourceId"),  util::GetString(value, "scope")};
}

AppRoleAssignment AppRoleAssignment::FromJson(const json::value& value) {
  return {util::GetString(value, "id"), util::GetString(value, "appRoleId"),
          util::GetString(value, "principalId"), util::GetString(value, "principalType"),
          util::GetString(value, "resourceId")};
}

User User::FromJson(const json::value& value) {
  return {util::GetString(value, "id"), util::GetString(value, "displayName"),
          util::GetString(value, "userPrincipalName"), util::GetString(value, "mail"),
          util::GetString(value, "userType")};
}

Invitation Invitation::FromJson(const json::value& value) {
  Invitation invitation{util::GetString(value, "id"),
                        util::GetString(value, "inviteRedeemUrl"),
                        util::GetString(value, "invitedUserEmailAddress"),
                        util::GetString(value, "invitedUserType"),
                        util::GetString(value, "status"),
                        {}};
  if (value.is_object())
    if (const json::value* user = value.as_object().if_contains("invitedUser"))
      invitation.invited_user_id = util::GetString(*user, "id");
  return invitation;
}

std::vector<std::string> SplitScope(const std::string& scope) {
  std::vector<std::string> words;
  std::istringstream in(scope);
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

}  // namespace azscsp::graph
