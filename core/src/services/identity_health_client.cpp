#include "azscsp/services/identity_health_client.hpp"

#include "azscsp/arm/resource_id.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/log.hpp"
#include "azscsp/util/url_encode.hpp"

namespace json = boost::json;

namespace azscsp::services {
namespace {

// The elements of a collection property, whether {"value":[...]} or [...].
std::vector<const json::value*> Elements(const json::value& parent, const char* key) {
  std::vector<const json::value*> elements;
  if (!parent.is_object()) return elements;
  const json::value* collection = util::FindKeyIgnoreCase(parent.as_object(), key);
  if (collection && collection->is_object())
    collection = util::FindKeyIgnoreCase(collection->as_object(), "value");
  if (collection && collection->is_array())
    for (const auto& element : collection->as_array()) elements.push_back(&element);
  return elements;
}

std::string Field(const json::value& object, const char* key) {
  if (!object.is_object()) return {};
  const json::value* value = util::FindKeyIgnoreCase(object.as_object(), key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

bool Healthy(const json::value& item) {
  return util::EqualsIgnoreCase(Field(item, "status"), "Healthy");
}

ApplicationHealth ApplicationFrom(const json::value& app) {
  ApplicationHealth health{
      Field(app, "appId"), Field(app, "servicePrincipalObjectId"), Field(app, "status"), {}};
  for (const json::value* item : Elements(app, "appRoleAssignments")) {
    if (Healthy(*item)) continue;
    const json::value* inner = item->is_object()
                                   ? util::FindKeyIgnoreCase(item->as_object(), "appRoleAssignment")
                                   : nullptr;
    const json::value empty;
    const json::value& a = inner ? *inner : empty;
    health.unhealthy.push_back("appRoleAssignment resource " + Field(a, "resource") + " role " +
                               Field(a, "roleId") + ": " + Field(*item, "status"));
  }
  for (const json::value* item : Elements(app, "oAuth2PermissionGrants")) {
    if (Healthy(*item)) continue;
    const json::value* inner =
        item->is_object() ? util::FindKeyIgnoreCase(item->as_object(), "oAuth2PermissionGrant")
                          : nullptr;
    const json::value empty;
    const json::value& g = inner ? *inner : empty;
    health.unhealthy.push_back("oAuth2PermissionGrant resource " + Field(g, "resource") +
                               " scope '" + Field(g, "scope") + "': " + Field(*item, "status"));
  }
  for (const json::value* item : Elements(app, "servicePrincipalTags")) {
    if (Healthy(*item)) continue;
    health.unhealthy.push_back("servicePrincipalTag " + Field(*item, "servicePrincipalTag") + ": " +
                               Field(*item, "status"));
  }
  if (health.service_principal_object_id.empty() &&
      !util::EqualsIgnoreCase(health.status, "Healthy"))
    health.unhealthy.insert(health.unhealthy.begin(), "servicePrincipal: missing");
  return health;
}

}  // namespace

IdentityHealthReport ParseIdentityHealthReport(const json::value& body) {
  IdentityHealthReport report{Field(body, "reportStartTimeUtc"),
                              Field(body, "reportEndTimeUtc"),
                              Field(body, "status"),
                              {}};
  for (const json::value* directory : Elements(body, "directoryTenants")) {
    DirectoryHealth health{Field(*directory, "tenantId"),
                           Field(*directory, "tenantName"),
                           Field(*directory, "status"),
                           {}};
    for (const json::value* app : Elements(*directory, "applications"))
      health.applications.push_back(ApplicationFrom(*app));
    report.directory_tenants.push_back(std::move(health));
  }
  return report;
}

json::object IdentityHealthReport::ToJson() const {
  json::array directories;
  for (const auto& directory : directory_tenants) {
    json::array applications;
    for (const auto& app : directory.applications) {
      json::array unhealthy_items;
      for (const auto& line : app.unhealthy) unhealthy_items.emplace_back(line);
      applications.push_back({{"appId", app.app_id},
                              {"servicePrincipalObjectId", app.service_principal_object_id},
                              {"status", app.status},
                              {"unhealthy", std::move(unhealthy_items)}});
    }
    directories.push_back({{"tenantId", directory.tenant_id},
                           {"tenantName", directory.tenant_name},
                           {"status", directory.status},
                           {"applications", std::move(applications)}});
  }
  return {{"reportStartTimeUtc", report_start_time_utc},
          {"reportEndTimeUtc", report_end_time_utc},
          {"status", status},
          {"directoryTenants", std::move(directories)}};
}

IdentityHealthReport IdentityHealthClient::Check(const std::string& subscription_id,
                                                 const util::Context& context) const {
  arm::ValidateSubscriptionId(subscription_id, "subscription ID");
  const std::string path = "/subscriptions/" + util::PercentEncode(subscription_id) +
                           "/providers/Microsoft.Subscriptions.Admin/checkIdentityHealth";
  try {
    return ParseIdentityHealthReport(arm::ReadBody(
        arm_->Send(http::Method::Post, path, kIdentityHealthApiVersion, std::nullopt, context)));
  } catch (const ServiceError& error) {
    // Stamps whose Subscriptions.Admin only knows the spec's version (api.md §11 row 22).
    if (error.Details().code != "NoRegisteredProviderFound") throw;
    util::Log(context, util::LogLevel::Verbose,
              std::string("checkIdentityHealth ") + kIdentityHealthApiVersion +
                  " is not offered; asking with " + kIdentityHealthFallbackApiVersion + ".");
  }
  return ParseIdentityHealthReport(arm::ReadBody(arm_->Send(
      http::Method::Post, path, kIdentityHealthFallbackApiVersion, std::nullopt, context)));
}

}  // namespace azscsp::services
