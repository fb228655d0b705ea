// Helpers shared by the registration lifecycle tests: registration tokens and bodies, fixtures
// with an extra subscription, and service principals created through the control endpoint.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "emulator_fixture.hpp"

namespace azscsp::emulator::test {

// Role definition ids of the built-in roles (GUIDs as Azure publishes them).
namespace roles {
inline const std::string kOwner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
inline const std::string kContributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
inline const std::string kReader = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
inline const std::string kRegistrationOwner = "6f12a6df-dd06-4f3e-bcb1-ce8be600526a";
}  // namespace roles

// base64 of the JSON token, as New-RegistrationToken makes it.
std::string EncodeToken(const boost::json::object& token);
// {"location":"global","properties":{"registrationToken": EncodeToken(token)}}
std::string RegistrationBodyWith(const boost::json::object& token);
std::string RegistrationBodyFor(const std::string& cloud_id,
                                const std::string& billing = "PayAsYouUse");

// A fixtures file: the defaults plus subscription `id` (home directory, the automation principal
// Owner, no provider registered, resource group "azurestack"), and when `registration` is given
// a registration of that name in it. Removed by the destructor.
class FreshSubscriptionFixtures {
 public:
  explicit FreshSubscriptionFixtures(const std::string& id, const std::string& registration = {});
  ~FreshSubscriptionFixtures();
  const std::string& path() const { return path_; }
  const std::string& cloud_id() const { return cloud_id_; }  // of the registration

 private:
  std::string path_;
  std::string cloud_id_ = "5a5a5a5a-2222-4333-8444-555555555555";
};

struct CreatedPrincipal {
  std::string object_id, app_id, tenant_id;
};
// POST /_emulator/servicePrincipals (with a secret so the principal can sign in).
CreatedPrincipal CreatePrincipal(EmulatorUnderTest& emu, const std::string& display_name,
                                 const std::string& secret = {});

// "/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/{guid}"
std::string RoleDefinitionId(const std::string& role_guid,
                             const std::string& subscription = fx::kRegistrationSub);
// Body of a role assignment PUT.
std::string AssignmentBody(const std::string& role_guid, const std::string& principal_id,
                           const std::string& principal_type = "ServicePrincipal");

}  // namespace azscsp::emulator::test
