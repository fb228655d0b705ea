// The few Microsoft Graph v1.0 resources the directory onboarding and guest owners use, with only
// the fields AzsCsp reads (api.md §7.1). Unknown fields are ignored.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

namespace azscsp::graph {

struct AppRole {
  std::string id, value;
};
struct PermissionScope {
  std::string id, value;
};

struct ServicePrincipal {
  std::string id, app_id, display_name;
  std::vector<std::string> service_principal_names, tags;
  std::vector<AppRole> app_roles;
  std::vector<PermissionScope> oauth2_permission_scopes;

  static ServicePrincipal FromJson(const boost::json::value& json);
  boost::json::object ToJson() const;
};

struct OAuth2PermissionGrant {
  std::string id, client_id, consent_type, principal_id, resource_id, scope;

  static OAuth2PermissionGrant FromJson(const boost::json::value& json);
};

struct AppRoleAssignment {
  std::string id, app_role_id, principal_id, principal_type, resource_id;

  static AppRoleAssignment FromJson(const boost::json::value& json);
};

struct User {
  std::string id, display_name, user_principal_name, mail, user_type;

  static User FromJson(const boost::json::value& json);
};

struct Invitation {
  std::string id, invite_redeem_url, invited_user_email_address, invited_user_type, status,
      invited_user_id;

  static Invitation FromJson(const boost::json::value& json);
};

// The words of a space-separated scope string, in order, without empties.
std::vector<std::string> SplitScope(const std::string& scope);

}  // namespace azscsp::graph
