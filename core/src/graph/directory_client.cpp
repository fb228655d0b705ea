#include "azscsp/graph/directory_client.hpp"

#include "azscsp/util/ids.hpp"
#include "azscsp/util/url_encode.hpp"

namespace json = boost::json;

namespace azscsp::graph {
namespace {

// Object IDs go into paths; anything else would change the request.
const std::string& ObjectId(const std::string& id, const char* what) {
  if (!util::IsGuid(id))
    throw InvalidArgumentError(std::string("The ") + what + " '" + id +
                               "' is not a directory object ID; expected a GUID.");
  return id;
}

json::array Array(const std::vector<std::string>& strings) {
  json::array array;
  for (const auto& s : strings) array.emplace_back(s);
  return array;
}

}  // namespace

std::optional<ServicePrincipal> DirectoryClient::FindServicePrincipal(
    const std::string& app_id, const util::Context& context) const {
  std::optional<ServicePrincipal> found;
  graph_->ForEach(
      WithFilter("/servicePrincipals", "appId eq " + ODataString(app_id)),
      [&](const json::value& item) {
        found = ServicePrincipal::FromJson(item);
        return false;
      },
      context);
  return found;
}

ServicePrincipal DirectoryClient::CreateServicePrincipal(const std::string& app_id,
                                                         const std::vector<std::string>& tags,
                                                         const util::Context& context) const {
  json::object body{{"appId", app_id}};
  if (!tags.empty()) body["tags"] = Array(tags);
  return ServicePrincipal::FromJson(
      graph_->SendJson(http::Method::Post, "/servicePrincipals", json::value(body), context));
}

void DirectoryClient::SetTags(const std::string& service_principal_id,
                              const std::vector<std::string>& tags,
                              const util::Context& context) const {
  graph_->Send(http::Method::Patch,
               "/servicePrincipals/" + ObjectId(service_principal_id, "service principal ID"),
               json::value{{"tags", Array(tags)}}, context);
}

void DirectoryClient::DeleteServicePrincipal(const std::string& service_principal_id,
                                             const util::Context& context) const {
  graph_->Send(http::Method::Delete,
               "/servicePrincipals/" + ObjectId(service_principal_id, "service principal ID"),
               std::nullopt, context);
}

std::vector<OAuth2PermissionGrant> DirectoryClient::ListGrants(const std::string& client_id,
                                                               const std::string& resource_id,
                                                               const util::Context& context) const {
  std::vector<OAuth2PermissionGrant> grants;
  graph_->ForEach(
      WithFilter("/oauth2PermissionGrants", "clientId eq " + ODataString(client_id) +
                                                " and resourceId eq " + ODataString(resource_id)),
      [&](const json::value& item) {
        grants.push_back(OAuth2PermissionGrant::FromJson(item));
        return true;
      },
      context);
  return grants;
}

OAuth2PermissionGrant DirectoryClient::CreateGrant(const std::string& client_id,
                                                   const std::string& resource_id,
                                                   const std::string& scope,
                                                   const util::Context& context) const {
  return OAuth2PermissionGrant::FromJson(
      graph_->SendJson(http::Method::Post, "/oauth2PermissionGrants",
                       json::value{{"clientId", client_id},
                                   {"consentType", "AllPrincipals"},
                                   {"resourceId", resource_id},
                                   {"scope", scope}},
                       context));
}

void DirectoryClient::SetGrantScope(const std::string& grant_id, const std::string& scope,
                                    const util::Context& context) const {
  // Grant IDs are opaque strings, not GUIDs.
  graph_->Send(http::Method::Patch, "/oauth2PermissionGrants/" + util::PercentEncode(grant_id),
               json::value{{"scope", scope}}, context);
}

std::vector<AppRoleAssignment> DirectoryClient::ListAppRoleAssignments(
    const std::string& service_principal_id, const util::Context& context) const {
  std::vector<AppRoleAssignment> assignments;
  graph_->ForEach(
      "/servicePrincipals/" + ObjectId(service_principal_id, "service principal ID") +
          "/appRoleAssignments",
      [&](const json::value& item) {
        assignments.push_back(AppRoleAssignment::FromJson(item));
        return true;
      },
      context);
  return assignments;
}

AppRoleAssignment DirectoryClient::AssignAppRole(const std::string& principal_id,
                                                 const std::string& resource_id,
                                                 const std::string& app_role_id,
                                                 const util::Context& context) const {
  return AppRoleAssignment::FromJson(graph_->SendJson(
      http::Method::Post,
      "/servicePrincipals/" + ObjectId(resource_id, "resource service principal ID") +
          "/appRoleAssignedTo",
      json::value{
          {"principalId", principal_id}, {"resourceId", resource_id}, {"appRoleId", app_role_id}},
      context));
}

std::optional<User> DirectoryClient::FindUserByMail(const std::string& mail,
                                                    const util::Context& context) const {
  std::optional<User> found;
  graph_->ForEach(
      WithFilter("/users", "mail eq " + ODataString(mail)),
      [&](const json::value& item) {
        found = User::FromJson(item);
        return false;
      },
      context);
  return found;
}

std::optional<User> DirectoryClient::GetUser(const std::string& id,
                                             const util::Context& context) const {
  try {
    return User::FromJson(
        graph_->SendJson(http::Method::Get,
                         "/users/" + ObjectId(id, "user ID") +
                             "?$select=id,displayName,userPrincipalName,mail,userType",
                         std::nullopt, context));
  } catch (const ServiceError& error) {
    if (error.Details().http_status == 404) return std::nullopt;
    throw;
  }
}

Invitation DirectoryClient::Invite(const InvitationRequest& request,
                                   const util::Context& context) const {
  json::object body{{"invitedUserEmailAddress", request.invited_user_email_address},
                    {"inviteRedirectUrl", request.invite_redirect_url},
                    {"sendInvitationMessage", false}};
  if (!request.invited_user_display_name.empty())
    body["invitedUserDisplayName"] = request.invited_user_display_name;
  return Invitation::FromJson(
      graph_->SendJson(http::Method::Post, "/invitations", json::value(body), context));
}

}  // namespace azscsp::graph
