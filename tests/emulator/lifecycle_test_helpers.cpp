#include "lifecycle_test_helpers.hpp"

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "util/base64.hpp"
#include "util/files.hpp"

namespace json = boost::json;
namespace fs = std::filesystem;

namespace azscsp::emulator {
std::string EmbeddedDefaultFixtures();
}

namespace azscsp::emulator::test {

std::string EncodeToken(const json::object& token) {
  return Base64Encode(json::serialize(token));
}

std::string RegistrationBodyWith(const json::object& token) {
  return json::serialize(json::object{{"location", "global"},
                                      {"properties", {{"registrationToken", EncodeToken(token)}}}});
}

std::string RegistrationBodyFor(const std::string& cloud_id, const std::string& billing) {
  return RegistrationBodyWith(json::object{{"CloudId", cloud_id}, {"BillingModel", billing}});
}

FreshSubscriptionFixtures::FreshSubscriptionFixtures(const std::string& id,
                                                     const std::string& registration) {
  json::object fixtures = json::parse(EmbeddedDefaultFixtures()).as_object();
  json::object fresh{
      {"id", id},
      {"tenantId", fx::kHomeTenant},
      {"offer", "CSP"},
      {"partnerId", "contoso-csp"},
      {"resourceGroups",
       json::array{json::object{{"name", "azurestack"}, {"location", "westcentralus"}}}},
      {"roleAssignments",
       json::array{json::object{{"principalId", fx::kOwnerObject}, {"role", "Owner"}}}}};
  fixtures["subscriptions"].as_array().push_back(fresh);
  if (!registration.empty()) {
    fixtures["registrations"].as_array().push_back(json::object{{"subscriptionId", id},
                                                                {"resourceGroupName", "azurestack"},
                                                                {"name", registration},
                                                                {"cloudId", cloud_id_},
                                                                {"billingModel", "PayAsYouUse"}});
  }
  path_ = (fs::temp_directory_path() /
           ("azscsp-emulator-tests-" + std::to_string(CurrentProcessId()) + "-" + id + ".json"))
              .string();
  std::ofstream(path_) << json::serialize(fixtures);
}

FreshSubscriptionFixtures::~FreshSubscriptionFixtures() {
  std::error_code ignored;
  fs::remove(path_, ignored);
}

CreatedPrincipal CreatePrincipal(EmulatorUnderTest& emu, const std::string& display_name,
                                 const std::string& secret) {
  json::object body{{"displayName", display_name}};
  if (!secret.empty()) body["secret"] = secret;
  HttpResult r = emu.client().Request("POST", "/_emulator/servicePrincipals", json::serialize(body),
                                      {{"Content-Type", "application/json"}});
  if (r.status != 201) throw std::runtime_error("creating a principal failed: " + r.body);
  json::value v = r.Json();
  return {std::string(v.at("objectId").as_string()), std::string(v.at("appId").as_string()),
          std::string(v.at("tenantId").as_string())};
}

std::string RoleDefinitionId(const std::string& role_guid, const std::string& subscription) {
  return "/subscriptions/" + subscription + "/providers/Microsoft.Authorization/roleDefinitions/" +
         role_guid;
}

std::string AssignmentBody(const std::string& role_guid, const std::string& principal_id,
                           const std::string& principal_type) {
  json::object properties{{"roleDefinitionId", RoleDefinitionId(role_guid)},
                          {"principalId", principal_id}};
  if (!principal_type.empty()) properties["principalType"] = principal_type;
  return json::serialize(json::object{{"properties", properties}});
}

}  // namespace azscsp::emulator::test
