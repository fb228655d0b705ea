// The Microsoft Graph calls G1-G11 of api.md §7.1, typed. IDs in bodies are object IDs; every
// filter value is an escaped OData literal.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "azscsp/graph/graph_client.hpp"
#include "azscsp/graph/graph_models.hpp"

namespace azscsp::graph {

struct InvitationRequest {
  std::string invited_user_email_address, invite_redirect_url, invited_user_display_name;
};

class DirectoryClient {
 public:
  explicit DirectoryClient(std::shared_ptr<const GraphClient> graph) : graph_(std::move(graph)) {}

  std::optional<ServicePrincipal> FindServicePrincipal(const std::string& app_id,
                                                       const util::Context& context) const;
  ServicePrincipal CreateServicePrincipal(const std::string& app_id,
                                          const std::vector<std::string>& tags,
                                          const util::Context& context) const;
  void SetTags(const std::string& service_principal_id, const std::vector<std::string>& tags,
               const util::Context& context) const;
  void DeleteServicePrincipal(const std::string& service_principal_id,
                              const util::Context& context) const;

  std::vector<OAuth2PermissionGrant> ListGrants(const std::string& client_id,
                                                const std::string& resource_id,
                                                const util::Context& context) const;
  OAuth2PermissionGrant CreateGrant(const std::string& client_id, const std::string& resource_id,
                                    const std::string& scope, const util::Context& context) const;
  void SetGrantScope(const std::string& grant_id, const std::string& scope,
                     const util::Context& context) const;

  std::vector<AppRoleAssignment> ListAppRoleAssignments(const std::string& service_principal_id,
                                                        const util::Context& context) const;
  AppRoleAssignment AssignAppRole(const std::string& principal_id, const std::string& resource_id,
                                  const std::string& app_role_id,
                                  const util::Context& context) const;

  std::optional<User> FindUserByMail(const std::string& mail, const util::Context& context) const;
  // nullopt on 404.
  std::optional<User> GetUser(const std::string& id, const util::Context& context) const;
  Invitation Invite(const InvitationRequest& request, const util::Context& context) const;

 private:
  std::shared_ptr<const GraphClient> graph_;
};

}  // namespace azscsp::graph
