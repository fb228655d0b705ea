#include "azscsp/services/stamp_identity_client.hpp"

#include "azscsp/util/json.hpp"

namespace json = boost::json;

namespace azscsp::services {
namespace {

std::string Field(const json::value& object, const char* key) {
  if (!object.is_object()) return {};
  const json::value* value = util::FindKeyIgnoreCase(object.as_object(), key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

const json::array* ArrayAt(const json::value& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const json::value* value = util::FindKeyIgnoreCase(object.as_object(), key);
  return value && value->is_array() ? &value->as_array() : nullptr;
}

}  // namespace

ApplicationRegistration ApplicationRegistration::FromJson(const json::value& value) {
  ApplicationRegistration app;
  app.app_id = Field(value, "appId");
  app.object_id = Field(value, "objectId");
  app.display_name = Field(value, "displayName");
  app.raw = value;
  if (const json::array* tags = ArrayAt(value, "tags"))
    for (const auto& tag : *tags)
      if (tag.is_string()) app.tags.emplace_back(tag.as_string());
  auto client_of = [&](const json::value& item) {
    std::string client = Field(item, "client");
    return client.empty() ? app.app_id : client;
  };
  if (const json::array* roles = ArrayAt(value, "appRoleAssignments"))
    for (const auto& role : *roles)
      app.app_role_assignments.push_back(
          {client_of(role), Field(role, "resource"), Field(role, "roleId")});
  if (const json::array* grants = ArrayAt(value, "oauth2PermissionGrants"))
    for (const auto& grant : *grants)
      app.oauth2_permission_grants.push_back(
          {client_of(grant), Field(grant, "resource"), Field(grant, "scope")});
  return app;
}

std::string StampIdentityClient::ArmApplicationId(const util::Context& context) const {
  http::Request request;
  request.url =
      http::Url::Parse(arm_->ResourceManagerUrl() + "/metadata/identity?api-version=2015-01-01");
  request.headers["Accept"] = "application/json";
  const http::Response response = plain_->Send(request, context);
  if (response.status < 200 || response.status >= 300) throw arm::ParseServiceError(response);
  const std::string id = Field(arm::ReadBody(response), "applicationId");
  if (id.empty())
    throw ServiceError(ErrorKind::Service,
                       {response.status, "InvalidResponse",
                        "The stamp's metadata/identity names no applicationId."});
  return id;
}

std::vector<ApplicationRegistration> StampIdentityClient::ApplicationRegistrations(
    const util::Context& context) const {
  std::vector<ApplicationRegistration> apps;
  arm_->ForEachInList(
      "/applicationRegistrations", kApplicationRegistrationsApiVersion,
      [&](const json::value& item) {
        apps.push_back(ApplicationRegistration::FromJson(item));
        return true;
      },
      context);
  return apps;
}

}  // namespace azscsp::services
