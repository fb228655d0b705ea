#include "control/control_endpoints.hpp"

#include <boost/json.hpp>

#include "control/service_principals.hpp"
#include "http/responses.hpp"
#include "service_context.hpp"
#include "usage/usage_routes.hpp"
#include "util/ids.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

HttpResponse BadRequest(const std::string& message) {
  return ArmError(400, "InvalidFault", message);
}

HttpResponse AddFaults(ServiceContext& context, const HttpRequest& request) {
  boost::system::error_code ec;
  json::value body = json::parse(request.body, ec);
  if (ec) return BadRequest("The body must be a fault object or an array of them: " + ec.message());
  std::vector<FaultRule> rules;
  try {
    if (body.is_array()) {
      for (const json::value& item : body.get_array()) rules.push_back(ParseFaultRule(item));
    } else {
      rules.push_back(ParseFaultRule(body));
    }
  } catch (const std::invalid_argument& e) {
    return BadRequest(e.what());
  }
  for (FaultRule& rule : rules) context.faults.Add(std::move(rule));
  return JsonResponse(201, json::object{{"value", context.faults.List()}});
}

json::array ListDeviceCodes(ServiceContext& context) {
  int64_t now = IdentityNow(context.options);
  json::array out;
  std::lock_guard<std::mutex> lock(context.identity.mutex);
  for (const DeviceCode& code : context.identity.device_codes) {
    json::object item{
        {"userCode", code.user_code},
        {"clientId", code.grant.client_id},
        {"tenantId", code.grant.tenant_id},
        {"resource", code.grant.resource},
        {"status", IdentityState::EffectiveStatus(code, now)},
        {"expiresAt", Iso8601(Clock::time_point(std::chrono::seconds(code.expires_at)))}};
    if (!code.grant.user_principal_name.empty()) {
      item["userPrincipalName"] = code.grant.user_principal_name;
    }
    out.push_back(std::move(item));
  }
  return out;
}

// POST /_emulator/devicecodes/{approve|decline} {"userCode": optional, "userPrincipalName": ...}
HttpResponse DecideDeviceCode(ServiceContext& context, const HttpRequest& request, bool approve) {
  json::object body;
  if (!Trim(request.body).empty()) {
    boost::system::error_code ec;
    json::value parsed = json::parse(request.body, ec);
    if (ec || !parsed.is_object()) {
      return ArmError(400, "InvalidRequest", "The body must be a JSON object.");
    }
    body = parsed.get_object();
  }
  auto text = [&](const char* name) {
    const json::value* v = body.if_contains(name);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  std::string user_code = text("userCode");
  std::string upn = text("userPrincipalName");
  World world;
  {
    std::lock_guard<std::mutex> lock(context.state_mutex);
    world.users = context.world.users;
  }
  int64_t now = IdentityNow(context.options);
  std::lock_guard<std::mutex> lock(context.identity.mutex);
  DeviceCode* code = nullptr;
  if (!user_code.empty()) {
    code = context.identity.FindByUserCode(user_code);
  } else {  // the most recent pending code
    auto& codes = context.identity.device_codes;
    for (auto it = codes.rbegin(); it != codes.rend() && !code; ++it) {
      if (IdentityState::EffectiveStatus(*it, now) == "pending") code = &*it;
    }
  }
  if (!code) {
    return ArmError(404, "DeviceCodeNotFound",
                    user_code.empty() ? "No pending device code."
                                      : "No device code with user code '" + user_code + "'.");
  }
  std::string status = IdentityState::EffectiveStatus(*code, now);
  if (status != "pending") {
    return ArmError(409, "DeviceCodeNotPending",
                    "Device code '" + code->user_code + "' is " + status + ", not pending.");
  }
  if (approve) {
    const User* user = nullptr;
    for (const User& u : world.users) {
      bool wanted = upn.empty() ? IEquals(u.tenant_id, code->grant.tenant_id)
                                : IEquals(u.user_principal_name, upn);
      if (wanted) {
        user = &u;
        break;
      }
    }
    if (!user) {
      return ArmError(400, "UserNotFound",
                      "No fixture user '" + (upn.empty() ? "(any)" : upn) + "' in directory '" +
                          code->grant.tenant_id + "'.");
    }
    if (!IEquals(user->tenant_id, code->grant.tenant_id)) {
      return ArmError(400, "UserNotInTenant",
                      "User '" + user->user_principal_name + "' belongs to directory '" +
                          user->tenant_id + "', the device code to '" + code->grant.tenant_id +
                          "'.");
    }
    code->grant.user_object_id = user->object_id;
    code->grant.user_principal_name = user->user_principal_name;
    code->grant.display_name = user->display_name;
    code->status = "approved";
  } else {
    code->status = "declined";
  }
  return JsonResponse(200, json::object{{"userCode", code->user_code},
                                        {"clientId", code->grant.client_id},
                                        {"tenantId", code->grant.tenant_id},
                                        {"status", code->status}});
}

// POST /_emulator/stamp/applications: a stamp update adds (or replaces, by appId) an application
// that applicationRegistrations lists and Graph can install.
HttpResponse AddStampApplication(ServiceContext& context, const HttpRequest& request) {
  boost::system::error_code ec;
  json::value parsed = json::parse(request.body, ec);
  if (ec || !parsed.is_object()) {
    return ArmError(400, "InvalidRequest", "The body must be one application object.");
  }
  json::object& app = parsed.as_object();
  const json::value* app_id = app.if_contains("appId");
  if (!app_id || !app_id->is_string() || !IsGuid(app_id->get_string())) {
    return ArmError(400, "InvalidAppId", "The application needs an 'appId' GUID.");
  }
  for (const char* list : {"tags", "appRoles", "oauth2PermissionScopes", "appRoleAssignments",
                           "oauth2PermissionGrants"}) {
    if (!app.contains(list)) app[list] = json::array();
  }
  std::lock_guard<std::mutex> lock(context.state_mutex);
  Stamp& stamp = context.world.stamp;
  if (stamp.admin_subscription_id.empty()) {
    return ArmError(409, "NoStamp", "The fixtures define no stamp ('stamp').");
  }
  json::array& apps = stamp.applications;
  bool replaced = false;
  for (json::value& existing : apps) {
    const json::value* id = existing.as_object().if_contains("appId");
    if (id && id->is_string() && IEquals(id->get_string(), app_id->get_string())) {
      existing = app;
      replaced = true;
    }
  }
  if (!replaced) apps.push_back(app);
  context.StateChangedLocked();
  return JsonResponse(201, app);
}

}  // namespace

bool IsControlPath(const RequestTarget& target) {
  return !target.segments.empty() && target.segments[0] == "_emulator";
}

HttpResponse HandleControl(ServiceContext& context, const HttpRequest& request,
                           const RequestInfo& info) {
  const auto& s = info.target.segments;
  std::string what = s.size() == 2 ? ToLower(s[1]) : std::string();
  const std::string& method = request.method;

  if (s.size() >= 2 && s.size() <= 3 && IEquals(s[1], "devicecodes")) {
    std::string action = s.size() == 3 ? ToLower(s[2]) : std::string();
    if (action.empty() && method == "GET") {
      return JsonResponse(200, json::object{{"value", ListDeviceCodes(context)}});
    }
    if ((action == "approve" || action == "decline") && method == "POST") {
      return DecideDeviceCode(context, request, action == "approve");
    }
    if (action.empty() || action == "approve" || action == "decline") {
      return ArmError(405, "MethodNotAllowed",
                      "The control endpoint does not support http method '" + method + "'.");
    }
  }

  if (s.size() == 3 && IEquals(s[1], "stamp") && IEquals(s[2], "applications")) {
    if (method == "POST") return AddStampApplication(context, request);
    if (method == "GET") {
      std::lock_guard<std::mutex> lock(context.state_mutex);
      return JsonResponse(200, json::object{{"value", context.world.stamp.applications}});
    }
    return ArmError(405, "MethodNotAllowed",
                    "The control endpoint does not support http method '" + method + "'.");
  }

  if (s.size() >= 2 && s.size() <= 3 && IEquals(s[1], "usage")) {
    return UsageControl(context, request, info);
  }

  if (what == "faults") {
    if (method == "POST") return AddFaults(context, request);
    if (method == "GET") return JsonResponse(200, json::object{{"value", context.faults.List()}});
    if (method == "DELETE") {
      context.faults.Clear();
      return EmptyResponse(204);
    }
  } else if (what == "requests") {
    if (method == "GET") {
      const std::string* filter = info.target.Query("pathContains");
      return JsonResponse(
          200, json::object{{"value", context.requests.List(filter ? *filter : std::string())}});
    }
    if (method == "DELETE") {
      context.requests.Clear();
      return EmptyResponse(204);
    }
  } else if (what == "serviceprincipals" && method == "POST") {
    return CreateServicePrincipal(context, request);
  } else if (what == "reset" && method == "POST") {
    context.Reset();
    return EmptyResponse(204);
  } else if (what == "state" && method == "GET") {
    std::lock_guard<std::mutex> lock(context.state_mutex);
    return JsonResponse(200, WorldToJson(context.world));
  } else if (what == "shutdown" && method == "POST") {
    if (context.on_shutdown_requested) context.on_shutdown_requested();
    HttpResponse response = JsonResponse(202, json::object{{"status", "shutting down"}});
    response.close_connection = true;
    return response;
  } else {
    return ArmError(404, "NotFound",
                    "Unknown emulator control endpoint '" + info.target.Path() + "'.");
  }
  return ArmError(405, "MethodNotAllowed",
                  "The control endpoint does not support http method '" + method + "'.");
}

}  // namespace azscsp::emulator
