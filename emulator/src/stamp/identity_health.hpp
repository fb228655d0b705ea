// The stamp's identity model: what applicationRegistrations lists, and checkIdentityHealth
// computed from the Graph directories (api.md §3, §4.2).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string>

#include "state/model.hpp"

namespace azscsp::emulator {

// applicationRegistrations items: {appId, displayName, tags, appRoleAssignments:[{client,
// resource, roleId}], oauth2PermissionGrants:[{client, resource, scope}]} (client/resource appIds).
boost::json::array ApplicationRegistrations(const World& world);

// IdentityHealthCheckReportDefinition for the home directory and every onboarded directory.
// `array_shape`: directoryTenants as a plain array (the docs' shape).
boost::json::object IdentityHealthReport(const World& world, const std::string& started_at,
                                         bool array_shape);

// The Graph service principal of `app_id` in `tenant_id`, or nullptr.
const ServicePrincipal* DirectoryServicePrincipal(const World& world, const std::string& tenant_id,
                                                  const std::string& app_id);

}  // namespace azscsp::emulator
