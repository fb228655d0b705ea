#include "control/service_principals.hpp"

#include <boost/json.hpp>

#include "http/responses.hpp"
#include "service_context.hpp"
#include "util/ids.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace json = boost::json;

namespace azscsp::emulator {

HttpResponse CreateServicePrincipal(ServiceContext& context, const HttpRequest& request) {
  json::object body;
  if (!Trim(request.body).empty()) {
    boost::system::error_code ec;
    json::value parsed = json::parse(request.body, ec);
    if (ec || !parsed.is_object()) {
      return ArmError(400, "InvalidRequest", "The body must be a JSON object.");
    }
    body = std::move(parsed.get_object());
  }
  auto text = [&](const char* name) {
    const json::value* v = body.if_contains(name);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
  };

  std::lock_guard<std::mutex> lock(context.state_mutex);
  World& world = context.world;
  std::string tenant_text = text("tenantId");
  const Tenant* tenant = tenant_text.empty()
                             ? (world.tenants.empty() ? nullptr : &world.tenants.front())
                             : world.FindTenant(tenant_text);
  if (!tenant) {
    return ArmError(400, "TenantNotFound", "No fixture tenant '" + tenant_text + "'.");
  }
  ServicePrincipal sp;
  sp.display_name = text("displayName");
  if (sp.display_name.empty()) sp.display_name = "emulated service principal";
  sp.app_id = text("appId");
  if (sp.app_id.empty()) sp.app_id = NewGuid();
  if (!IsGuid(sp.app_id)) {
    return ArmError(400, "InvalidAppId", "appId '" + sp.app_id + "' is not a GUID.");
  }
  if (world.FindServicePrincipal(tenant->id, sp.app_id)) {
    return ArmError(409, "ServicePrincipalExists",
                    "Directory '" + tenant->id + "' already has a service principal for appId '" +
                        sp.app_id + "'.");
  }
  sp.object_id = NewGuid();
  sp.tenant_id = tenant->id;
  if (std::string secret = text("secret"); !secret.empty()) sp.secrets.push_back(secret);
  // Replication: role assignments do not find it until the delay has passed.
  sp.visible_from_ms = SteadyMillis() + context.options.principal_replication_delay_ms;
  json::object created{{"objectId", sp.object_id},
                       {"appId", sp.app_id},
                       {"displayName", sp.display_name},
                       {"tenantId", sp.tenant_id}};
  world.service_principals.push_back(std::move(sp));
  context.StateChangedLocked();
  return JsonResponse(201, created);
}

}  // namespace azscsp::emulator
