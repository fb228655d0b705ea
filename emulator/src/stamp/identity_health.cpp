#include "stamp/identity_health.hpp"

#include <boost/json.hpp>

#include "util/strings.hpp"
#include "util/time.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

std::string Text(const json::object& o, std::string_view key) {
  for (const auto& entry : o) {
    if (IEquals(entry.key(), key) && entry.value().is_string()) {
      return std::string(entry.value().get_string());
    }
  }
  return "";
}

const json::array& List(const json::object& o, std::string_view key) {
  static const json::array kEmpty;
  for (const auto& entry : o) {
    if (IEquals(entry.key(), key) && entry.value().is_array()) return entry.value().get_array();
  }
  return kEmpty;
}

json::value Wrap(json::array items, bool array_shape) {
  if (array_shape) return items;
  return json::object{{"value", std::move(items)}};
}

const char* Status(bool healthy) {
  return healthy ? "Healthy" : "Unhealthy";
}

bool HasAllScopes(const std::string& granted, const std::string& wanted) {
  for (const std::string& scope : Split(wanted, ' ')) {
    if (scope.empty()) continue;
    bool found = false;
    for (const std::string& g : Split(granted, ' ')) found |= IEquals(g, scope);
    if (!found) return false;
  }
  return true;
}

}  // namespace

const ServicePrincipal* DirectoryServicePrincipal(const World& world, const std::string& tenant_id,
                                                  const std::string& app_id) {
  return world.FindServicePrincipal(tenant_id, app_id);
}

json::array ApplicationRegistrations(const World& world) {
  json::array out;
  for (const json::value& item : world.stamp.applications) {
    if (!item.is_object()) continue;
    const json::object& app = item.get_object();
    std::string app_id = Text(app, "appId");
    json::array roles, grants, tags;
    for (const json::value& t : List(app, "tags")) tags.push_back(t);
    for (const json::value& r : List(app, "appRoleAssignments")) {
      if (!r.is_object()) continue;
      roles.push_back(json::object{{"client", app_id},
                                   {"resource", Text(r.get_object(), "resource")},
                                   {"roleId", Text(r.get_object(), "roleId")}});
    }
    for (const json::value& g : List(app, "oauth2PermissionGrants")) {
      if (!g.is_object()) continue;
      grants.push_back(json::object{{"client", app_id},
                                    {"resource", Text(g.get_object(), "resource")},
                                    {"scope", Text(g.get_object(), "scope")}});
    }
    out.push_back(json::object{{"appId", app_id},
                               {"displayName", Text(app, "displayName")},
                               {"tags", std::move(tags)},
                               {"appRoleAssignments", std::move(roles)},
                               {"oauth2PermissionGrants", std::move(grants)}});
  }
  return out;
}

json::object IdentityHealthReport(const World& world, const std::string& started_at,
                                  bool array_shape) {
  struct Directory {
    std::string tenant_id, name;
  };
  std::vector<Directory> directories;
  if (!world.tenants.empty()) {
    const Tenant& home = world.tenants.front();
    directories.push_back({home.id, home.domain.empty() ? home.id : home.domain});
  }
  for (const DirectoryTenantRecord& d : world.stamp.directory_tenants) {
    directories.push_back({d.tenant_id, d.name});
  }
  json::array registrations = ApplicationRegistrations(world);

  bool all_healthy = true;
  json::array directory_reports;
  for (const Directory& directory : directories) {
    bool directory_healthy = true;
    json::array app_reports;
    for (const json::value& item : registrations) {
      const json::object& app = item.get_object();
      std::string app_id = Text(app, "appId");
      const ServicePrincipal* sp = DirectoryServicePrincipal(world, directory.tenant_id, app_id);
      bool healthy = sp != nullptr;
      json::array tag_reports, role_reports, grant_reports;
      for (const json::value& t : List(app, "tags")) {
        if (!t.is_string()) continue;
        bool present = false;
        if (sp) {
          for (const std::string& tag : sp->tags) present |= IEquals(tag, t.get_string());
        }
        healthy &= present;
        tag_reports.push_back(
            json::object{{"servicePrincipalTag", t.get_string()}, {"status", Status(present)}});
      }
      for (const json::value& r : List(app, "appRoleAssignments")) {
        const json::object& ro = r.get_object();
        const ServicePrincipal* resource =
            DirectoryServicePrincipal(world, directory.tenant_id, Text(ro, "resource"));
        bool present = false;
        if (sp && resource) {
          for (const AppRoleAssignment& a : world.app_role_assignments) {
            present |= IEquals(a.principal_id, sp->object_id) &&
                       IEquals(a.resource_id, resource->object_id) &&
                       IEquals(a.app_role_id, Text(ro, "roleId"));
          }
        }
        healthy &= present;
        role_reports.push_back(
            json::object{{"appRoleAssignment", ro}, {"status", Status(present)}});
      }
      for (const json::value& g : List(app, "oauth2PermissionGrants")) {
        const json::object& go = g.get_object();
        const ServicePrincipal* resource =
            DirectoryServicePrincipal(world, directory.tenant_id, Text(go, "resource"));
        bool present = false;
        if (sp && resource) {
          for (const OAuth2PermissionGrant& grant : world.oauth2_permission_grants) {
            present |= IEquals(grant.client_id, sp->object_id) &&
                       IEquals(grant.resource_id, resource->object_id) &&
                       HasAllScopes(grant.scope, Text(go, "scope"));
          }
        }
        healthy &= present;
        grant_reports.push_back(
            json::object{{"oAuth2PermissionGrant", go}, {"status", Status(present)}});
      }
      directory_healthy &= healthy;
      json::object report{{"appId", app_id}};
      if (sp) report["servicePrincipalObjectId"] = sp->object_id;
      report["status"] = Status(healthy);
      report["appRoleAssignments"] = Wrap(std::move(role_reports), false);
      report["oAuth2PermissionGrants"] = Wrap(std::move(grant_reports), false);
      report["servicePrincipalTags"] = Wrap(std::move(tag_reports), false);
      app_reports.push_back(std::move(report));
    }
    all_healthy &= directory_healthy;
    directory_reports.push_back(
        json::object{{"tenantId", directory.tenant_id},
                     {"tenantName", directory.name},
                     {"status", Status(directory_healthy)},
                     {"applications", Wrap(std::move(app_reports), false)}});
  }
  return json::object{{"reportStartTimeUtc", started_at},
                      {"reportEndTimeUtc", Iso8601(Clock::now())},
                      {"status", Status(all_healthy)},
                      {"directoryTenants", Wrap(std::move(directory_reports), array_shape)}};
}

}  // namespace azscsp::emulator
