// The stamp's identity endpoints (api.md §3): the stamp ARM application (metadata/identity, no
// sign-in) and the applications a directory must hold for the stamp (applicationRegistrations,
// read with a token for the stamp's audience in that directory).
#pragma once

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "azscsp/arm/arm_client.hpp"

namespace azscsp::services {

constexpr const char* kApplicationRegistrationsApiVersion = "2014-04-01-preview";

struct AppRoleRequirement {
  std::string client, resource, role_id;  // appIds and an appRoles[].id of the resource
};
struct GrantRequirement {
  std::string client, resource, scope;  // appIds and space-separated scope names
};

struct ApplicationRegistration {
  std::string app_id, object_id, display_name;
  std::vector<std::string> tags;
  std::vector<AppRoleRequirement> app_role_assignments;
  std::vector<GrantRequirement> oauth2_permission_grants;
  boost::json::value raw;  // as the stamp returned it

  // Keys are matched in any case (oauth2PermissionGrants / oAuth2PermissionGrants); a missing
  // client is the registration's own appId.
  static ApplicationRegistration FromJson(const boost::json::value& json);
};

class StampIdentityClient {
 public:
  // `plain` sends no bearer token (metadata/identity needs none, and the stamp's token may not be
  // obtainable yet in a new directory); `arm` is the stamp ARM (admin or tenant) signed in.
  StampIdentityClient(std::shared_ptr<const http::Pipeline> plain,
                      std::shared_ptr<const arm::ArmClient> arm)
      : plain_(std::move(plain)), arm_(std::move(arm)) {}

  // GET /metadata/identity?api-version=2015-01-01 → applicationId.
  std::string ArmApplicationId(const util::Context& context) const;
  std::vector<ApplicationRegistration> ApplicationRegistrations(const util::Context& context) const;

 private:
  std::shared_ptr<const http::Pipeline> plain_;
  std::shared_ptr<const arm::ArmClient> arm_;
};

}  // namespace azscsp::services
