#include "graph/graph_router.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <functional>

#include "arm/arm_helpers.hpp"
#include "http/responses.hpp"
#include "service_context.hpp"
#include "stamp/bearer.hpp"
#include "util/base64.hpp"
#include "util/ids.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

constexpr char kGraphAppId[] = "00000003-0000-0000-c000-000000000000";
constexpr char kDirectoryReadAll[] = "7ab1d382-f21e-4acd-a863-ba3e13f7da61";
constexpr char kApplicationReadWriteAll[] = "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9";
constexpr char kUserInviteAll[] = "09850681-111b-4a89-9bed-3f2cae46d706";

// ---- errors ----

std::string GraphDate() {
  std::string iso = Iso8601(Clock::now());  // 2024-05-01T10:00:00.1234567Z
  size_t dot = iso.find('.');
  return dot == std::string::npos ? iso : iso.substr(0, dot) + "Z";
}

HttpResponse GraphError(const RequestInfo& info, const HttpRequest& request, int status,
                        const std::string& code, const std::string& message) {
  std::string client_request_id = request.headers.Get("client-request-id");
  if (client_request_id.empty()) client_request_id = info.request_id;
  HttpResponse response =
      JsonResponse(status, json::object{{"error",
                                         {{"code", code},
                                          {"message", message},
                                          {"innerError",
                                           {{"date", GraphDate()},
                                            {"request-id", info.request_id},
                                            {"client-request-id", client_request_id}}}}}});
  response.headers.Set("request-id", info.request_id);
  return response;
}

// ---- the caller ----

struct GraphCaller {
  std::string tenant_id;
  std::string object_id;
  bool user = false;
  std::vector<std::string> directory_roles;  // users
  std::vector<std::string> app_roles;        // service principals: Graph app role ids
};

bool HasAny(const std::vector<std::string>& held, std::initializer_list<const char*> wanted) {
  for (const std::string& h : held) {
    for (const char* w : wanted) {
      if (IEquals(h, w)) return true;
    }
  }
  return false;
}

bool CanRead(const GraphCaller& c) {
  return c.user || HasAny(c.app_roles, {kDirectoryReadAll, kApplicationReadWriteAll});
}

bool CanWriteApplications(const GraphCaller& c) {
  return c.user ? HasAny(c.directory_roles, {"Global Administrator", "Application Administrator",
                                             "Cloud Application Administrator"})
                : HasAny(c.app_roles, {kApplicationReadWriteAll});
}

bool CanInvite(const GraphCaller& c) {
  return c.user ? HasAny(c.directory_roles,
                         {"Global Administrator", "User Administrator", "Guest Inviter"})
                : HasAny(c.app_roles, {kUserInviteAll});
}

// ---- one call ----

struct GraphCall {
  ServiceContext& context;
  World& world;
  const HttpRequest& http;
  const RequestInfo& info;
  GraphCaller caller;
  std::vector<std::string> s;  // segments after "v1.0"

  HttpResponse Error(int status, const std::string& code, const std::string& message) const {
    return GraphError(info, http, status, code, message);
  }
  HttpResponse NotFound(const std::string& id) const {
    return Error(404, "Request_ResourceNotFound",
                 "Resource '" + id +
                     "' does not exist or one of its queried reference-property objects are not "
                     "present.");
  }
  HttpResponse Denied() const {
    return Error(403, "Authorization_RequestDenied",
                 "Insufficient privileges to complete the operation.");
  }
  HttpResponse BadRequest(const std::string& message) const {
    return Error(400, "Request_BadRequest", message);
  }
  HttpResponse MethodNotAllowed() const {
    return Error(405, "Request_BadRequest",
                 "The request method '" + http.method + "' is not allowed on this resource.");
  }
  std::string Context(const std::string& what) const {
    return info.base_url + "/v1.0/$metadata#" + what;
  }
};

// ---- JSON views ----

json::array StringArray(const std::vector<std::string>& items) {
  return json::array(items.begin(), items.end());
}

json::value NullIfEmpty(const std::string& text) {
  return text.empty() ? json::value(nullptr) : json::value(text);
}

json::object ServicePrincipalJson(const World& world, const ServicePrincipal& sp) {
  (void)world;
  return {{"id", sp.object_id},
          {"deletedDateTime", nullptr},
          {"accountEnabled", true},
          {"appId", sp.app_id},
          {"appDisplayName", sp.display_name},
          {"displayName", sp.display_name},
          {"servicePrincipalType", "Application"},
          {"servicePrincipalNames", StringArray(sp.service_principal_names)},
          {"tags", StringArray(sp.tags)},
          {"appRoles", sp.app_roles},
          {"oauth2PermissionScopes", sp.oauth2_permission_scopes}};
}

json::object UserJson(const User& u) {
  return {{"id", u.object_id},
          {"displayName", u.display_name},
          {"userPrincipalName", u.user_principal_name},
          {"mail", NullIfEmpty(u.mail)},
          {"userType", u.user_type},
          {"externalUserState", NullIfEmpty(u.external_user_state)},
          {"accountEnabled", true}};
}

json::object GrantJson(const OAuth2PermissionGrant& g) {
  return {{"id", g.id},
          {"clientId", g.client_id},
          {"consentType", g.consent_type},
          {"principalId", NullIfEmpty(g.principal_id)},
          {"resourceId", g.resource_id},
          {"scope", g.scope}};
}

json::object AssignmentJson(const World& world, const AppRoleAssignment& a) {
  const ServicePrincipal* principal = world.FindServicePrincipalByObjectId(a.principal_id);
  const ServicePrincipal* resource = world.FindServicePrincipalByObjectId(a.resource_id);
  return {{"id", a.id},
          {"deletedDateTime", nullptr},
          {"appRoleId", a.app_role_id},
          {"createdDateTime", a.created_date_time},
          {"principalDisplayName", principal ? principal->display_name : std::string()},
          {"principalId", a.principal_id},
          {"principalType", a.principal_type},
          {"resourceDisplayName", resource ? resource->display_name : std::string()},
          {"resourceId", a.resource_id}};
}

// ---- $filter, $top, paging ----

struct Clause {
  std::string field;  // lower case; "x/any" for lambda clauses
  std::string value;
};

// "a eq 'x' and b/any(c:c eq 'y')". nullopt: not understood.
std::optional<std::vector<Clause>> ParseFilter(const std::string& text) {
  std::vector<Clause> clauses;
  std::string rest = Trim(text);
  while (!rest.empty()) {
    // Split on " and " outside quotes.
    size_t at = std::string::npos;
    bool quoted = false;
    for (size_t i = 0; i < rest.size(); ++i) {
      if (rest[i] == '\'') quoted = !quoted;
      if (!quoted && i + 5 <= rest.size() && IEquals(rest.substr(i, 5), " and ")) {
        at = i;
        break;
      }
    }
    std::string clause = Trim(rest.substr(0, at));
    rest = at == std::string::npos ? "" : Trim(rest.substr(at + 5));
    size_t open = clause.find('\'');
    size_t close = clause.rfind('\'');
    if (open == std::string::npos || close <= open) return std::nullopt;
    std::string value = clause.substr(open + 1, close - open - 1);
    for (size_t pos = 0; (pos = value.find("''", pos)) != std::string::npos; ++pos) {
      value.erase(pos, 1);
    }
    std::string head = ToLower(Trim(clause.substr(0, open)));
    std::string tail = Trim(clause.substr(close + 1));
    // field eq '...'
    if (IEndsWith(head, " eq") && tail.empty()) {
      std::string field = Trim(head.substr(0, head.size() - 3));
      if (field.find(' ') != std::string::npos || field.empty()) return std::nullopt;
      clauses.push_back({field, value});
      continue;
    }
    // field/any(c:c eq '...')
    size_t any = head.find("/any(");
    if (any != std::string::npos && tail == ")") {
      std::string field = head.substr(0, any);
      std::string lambda = head.substr(any + 5);  // "c:c eq"
      size_t colon = lambda.find(':');
      if (colon == std::string::npos) return std::nullopt;
      std::string var = Trim(lambda.substr(0, colon));
      std::string body = Trim(lambda.substr(colon + 1));
      if (body != var + " eq") return std::nullopt;
      clauses.push_back({field + "/any", value});
      continue;
    }
    return std::nullopt;
  }
  return clauses;
}

bool MatchesClause(const json::object& item, const Clause& clause) {
  bool any = IEndsWith(clause.field, "/any");
  std::string field = any ? clause.field.substr(0, clause.field.size() - 4) : clause.field;
  const json::value* v = Member(item, field);
  if (!v) return false;
  if (any) {
    if (!v->is_array()) return false;
    for (const json::value& e : v->get_array()) {
      if (e.is_string() && IEquals(e.get_string(), clause.value)) return true;
    }
    return false;
  }
  return v->is_string() && IEquals(v->get_string(), clause.value);
}

// Filters `items` with $filter (only `allowed` fields) and pages with $top / $skiptoken.
HttpResponse ListResponse(const GraphCall& c, const std::string& context_name, json::array items,
                          std::initializer_list<const char*> allowed) {
  if (const std::string* filter = c.info.target.Query("$filter"); filter && !filter->empty()) {
    auto clauses = ParseFilter(*filter);
    bool supported = clauses.has_value();
    if (supported) {
      for (const Clause& clause : *clauses) {
        bool known = false;
        for (const char* field : allowed) known |= IEquals(clause.field, field);
        supported &= known;
      }
    }
    if (!supported) {
      return c.Error(400, "Request_UnsupportedQuery",
                     "Unsupported or invalid query filter clause specified for this resource: '" +
                         *filter + "'.");
    }
    json::array kept;
    for (json::value& item : items) {
      bool all = true;
      for (const Clause& clause : *clauses) all &= MatchesClause(item.get_object(), clause);
      if (all) kept.push_back(std::move(item));
    }
    items = std::move(kept);
  }
  size_t page_size = static_cast<size_t>(c.context.options.graph_page_size);
  if (const std::string* top = c.info.target.Query("$top")) {
    int n = 0;
    try {
      n = std::stoi(*top);
    } catch (const std::exception&) {
      n = 0;
    }
    if (n < 1 || n > 999) {
      return c.Error(400, "Request_BadRequest",
                     "Invalid page size specified: '" + *top +
                         "'. Must be between 1 and 999 "
                         "inclusive.");
    }
    page_size = static_cast<size_t>(n);
  }
  size_t skip = 0;
  if (const std::string* token = c.info.target.Query("$skiptoken")) {
    std::optional<std::string> decoded = Base64Decode(*token);
    bool ok = decoded && IStartsWith(*decoded, "skip:");
    if (ok) {
      try {
        skip = static_cast<size_t>(std::stoul(decoded->substr(5)));
      } catch (const std::exception&) {
        ok = false;
      }
    }
    if (!ok) return c.Error(400, "Request_BadRequest", "Invalid $skiptoken '" + *token + "'.");
  }
  json::array page;
  for (size_t i = skip; i < items.size() && page.size() < page_size; ++i) page.push_back(items[i]);
  json::object body{{"@odata.context", c.Context(context_name)}};
  size_t next = skip + page.size();
  body["value"] = std::move(page);
  if (next < items.size()) {
    std::string query;
    for (const auto& [name, value] : c.info.target.query) {
      if (IEquals(name, "$skiptoken")) continue;
      query += (query.empty() ? "" : "&") + PercentEncode(name) + "=" + PercentEncode(value);
    }
    query += (query.empty() ? "" : "&") + std::string("$skiptoken=") +
             Base64UrlEncode("skip:" + std::to_string(next));
    body["@odata.nextLink"] = c.info.base_url + c.info.target.EncodedPath() + "?" + query;
  }
  return JsonResponse(200, body);
}

std::variant<json::object, HttpResponse> Body(const GraphCall& c) {
  if (Trim(c.http.body).empty()) return json::object{};
  boost::system::error_code ec;
  json::value v = json::parse(c.http.body, ec);
  if (ec || !v.is_object()) {
    return c.BadRequest("Invalid JSON in the request body: " +
                        (ec ? ec.message() : std::string("expected an object")) + ".");
  }
  return std::move(v.get_object());
}

// ---- directory lookups ----

ServicePrincipal* FindSp(GraphCall& c, const std::string& object_id) {
  for (ServicePrincipal& sp : c.world.service_principals) {
    if (IEquals(sp.object_id, object_id) && IEquals(sp.tenant_id, c.caller.tenant_id)) return &sp;
  }
  return nullptr;
}

ServicePrincipal* FindSpByAppId(GraphCall& c, const std::string& app_id) {
  for (ServicePrincipal& sp : c.world.service_principals) {
    if (IEquals(sp.app_id, app_id) && IEquals(sp.tenant_id, c.caller.tenant_id)) return &sp;
  }
  return nullptr;
}

bool Replicated(const ServicePrincipal& sp) {
  return sp.graph_visible_from_ms <= SteadyMillis();
}

User* FindUser(GraphCall& c, const std::string& id_or_upn) {
  for (User& u : c.world.users) {
    if (IEquals(u.tenant_id, c.caller.tenant_id) &&
        (IEquals(u.object_id, id_or_upn) || IEquals(u.user_principal_name, id_or_upn))) {
      return &u;
    }
  }
  return nullptr;
}

// What a new service principal of `app_id` looks like: a stamp application, the stamp ARM
// application, or an application some directory already has a principal for (multi-tenant and
// first-party apps). nullopt: no such application.
std::optional<ServicePrincipal> ApplicationTemplate(const World& world, const std::string& app_id) {
  for (const json::value& item : world.stamp.applications) {
    const json::object& app = item.get_object();
    if (!IEquals(StringMember(app, "appId"), app_id)) continue;
    ServicePrincipal sp;
    sp.app_id = StringMember(app, "appId");
    sp.display_name = StringMember(app, "displayName");
    sp.service_principal_names = {sp.app_id};
    if (const json::value* roles = Member(app, "appRoles"); roles && roles->is_array()) {
      sp.app_roles = roles->get_array();
    }
    if (const json::value* scopes = Member(app, "oauth2PermissionScopes");
        scopes && scopes->is_array()) {
      sp.oauth2_permission_scopes = scopes->get_array();
    }
    return sp;
  }
  for (const ServicePrincipal& existing : world.service_principals) {
    if (IEquals(existing.app_id, app_id)) {
      ServicePrincipal sp;
      sp.app_id = existing.app_id;
      sp.display_name = existing.display_name;
      sp.service_principal_names = existing.service_principal_names;
      sp.app_roles = existing.app_roles;
      sp.oauth2_permission_scopes = existing.oauth2_permission_scopes;
      return sp;
    }
  }
  const Stamp& stamp = world.stamp;
  if (!stamp.arm_application_id.empty() && IEquals(stamp.arm_application_id, app_id)) {
    ServicePrincipal sp;
    sp.app_id = stamp.arm_application_id;
    sp.display_name = "Azure Stack";
    sp.service_principal_names = {stamp.tenant_audience, stamp.admin_audience, sp.app_id};
    sp.oauth2_permission_scopes =
        json::array{json::object{{"id", DeterministicGuid("arm-scope:" + ToLower(sp.app_id))},
                                 {"value", "user_impersonation"},
                                 {"type", "User"}}};
    return sp;
  }
  return std::nullopt;
}

std::vector<std::string> Strings(const json::value& v) {
  std::vector<std::string> out;
  if (v.is_array()) {
    for (const json::value& e : v.get_array()) {
      if (e.is_string()) out.emplace_back(e.get_string());
    }
  }
  return out;
}

// ---- service principals (G1-G4, G10) ----

HttpResponse ListServicePrincipals(GraphCall& c) {
  json::array items;
  for (const ServicePrincipal& sp : c.world.service_principals) {
    if (IEquals(sp.tenant_id, c.caller.tenant_id)) {
      items.push_back(ServicePrincipalJson(c.world, sp));
    }
  }
  return ListResponse(c, "servicePrincipals", std::move(items),
                      {"appId", "displayName", "servicePrincipalNames/any", "tags/any", "id"});
}

HttpResponse CreateServicePrincipalGraph(GraphCall& c) {
  if (!CanWriteApplications(c.caller)) return c.Denied();
  auto body = Body(c);
  if (HttpResponse* error = std::get_if<HttpResponse>(&body)) return *error;
  const json::object& o = std::get<json::object>(body);
  std::string app_id = StringMember(o, "appId");
  if (app_id.empty()) {
    return c.BadRequest("Property 'appId' is required when creating a service principal.");
  }
  if (FindSpByAppId(c, app_id)) {
    return c.Error(409, "Request_MultipleObjectsWithSameKeyValue",
                   "The service principal cannot be created, updated, or restored because the "
                   "service principal name " +
                       app_id + " is already in use.");
  }
  std::optional<ServicePrincipal> sp = ApplicationTemplate(c.world, app_id);
  if (!sp) {
    return c.BadRequest("The appId '" + app_id +
                        "' of the service principal does not reference a valid application "
                        "object.");
  }
  sp->object_id = NewGuid();
  sp->tenant_id = c.caller.tenant_id;
  if (const json::value* tags = Member(o, "tags")) sp->tags = Strings(*tags);
  int64_t now = SteadyMillis();
  sp->graph_visible_from_ms = now + c.context.options.graph_replication_delay_ms;
  sp->visible_from_ms = now + c.context.options.principal_replication_delay_ms;
  c.world.service_principals.push_back(std::move(*sp));
  c.context.StateChangedLocked();
  json::object created = ServicePrincipalJson(c.world, c.world.service_principals.back());
  created["@odata.context"] = c.Context("servicePrincipals/$entity");
  HttpResponse response = JsonResponse(201, created);
  response.headers.Set("Location", c.info.base_url + "/v1.0/servicePrincipals/" +
                                       c.world.service_principals.back().object_id);
  return response;
}

void RemoveServicePrincipal(GraphCall& c, const std::string& object_id) {
  auto& grants = c.world.oauth2_permission_grants;
  grants.erase(std::remove_if(grants.begin(), grants.end(),
                              [&](const OAuth2PermissionGrant& g) {
                                return IEquals(g.client_id, object_id) ||
                                       IEquals(g.resource_id, object_id);
                              }),
               grants.end());
  auto& assignments = c.world.app_role_assignments;
  assignments.erase(std::remove_if(assignments.begin(), assignments.end(),
                                   [&](const AppRoleAssignment& a) {
                                     return IEquals(a.principal_id, object_id) ||
                                            IEquals(a.resource_id, object_id);
                                   }),
                    assignments.end());
  auto& sps = c.world.service_principals;
  sps.erase(
      std::remove_if(sps.begin(), sps.end(),
                     [&](const ServicePrincipal& sp) { return IEquals(sp.object_id, object_id); }),
      sps.end());
  c.context.StateChangedLocked();
}

HttpResponse ServicePrincipalItem(GraphCall& c, ServicePrincipal* sp, const std::string& key) {
  const std::string& method = c.http.method;
  if (method == "GET") {
    if (!CanRead(c.caller)) return c.Denied();
    if (!sp || !Replicated(*sp)) return c.NotFound(key);
    json::object body = ServicePrincipalJson(c.world, *sp);
    body["@odata.context"] = c.Context("servicePrincipals/$entity");
    return JsonResponse(200, body);
  }
  if (method == "PATCH") {
    if (!CanWriteApplications(c.caller)) return c.Denied();
    if (!sp) return c.NotFound(key);
    auto body = Body(c);
    if (HttpResponse* error = std::get_if<HttpResponse>(&body)) return *error;
    const json::object& o = std::get<json::object>(body);
    if (const json::value* tags = Member(o, "tags")) {
      if (!tags->is_array()) return c.BadRequest("Property 'tags' must be a collection.");
      sp->tags = Strings(*tags);
    }
    if (std::string name = StringMember(o, "displayName"); !name.empty()) sp->display_name = name;
    c.context.StateChangedLocked();
    return EmptyResponse(204);
  }
  if (method == "DELETE") {
    if (!CanWriteApplications(c.caller)) return c.Denied();
    if (!sp) return c.NotFound(key);
    RemoveServicePrincipal(c, sp->object_id);
    return EmptyResponse(204);
  }
  return c.MethodNotAllowed();
}

// ---- app role assignments (G8, G9) ----

HttpResponse AppRoleAssignments(GraphCall& c, ServicePrincipal& sp, bool assigned_to) {
  if (c.http.method == "GET") {
    if (!CanRead(c.caller)) return c.Denied();
    json::array items;
    for (const AppRoleAssignment& a : c.world.app_role_assignments) {
      if (IEquals(assigned_to ? a.resource_id : a.principal_id, sp.object_id)) {
        items.push_back(AssignmentJson(c.world, a));
      }
    }
    return ListResponse(c, "appRoleAssignments", std::move(items),
                        {"resourceId", "principalId", "appRoleId"});
  }
  if (c.http.method != "POST") return c.MethodNotAllowed();
  if (!CanWriteApplications(c.caller)) return c.Denied();
  auto body = Body(c);
  if (HttpResponse* error = std::get_if<HttpResponse>(&body)) return *error;
  const json::object& o = std::get<json::object>(body);
  std::string principal_id = StringMember(o, "principalId");
  std::string resource_id = StringMember(o, "resourceId");
  std::string app_role_id = StringMember(o, "appRoleId");
  if (principal_id.empty() || resource_id.empty() || app_role_id.empty()) {
    return c.BadRequest("Properties 'principalId', 'resourceId' and 'appRoleId' are required.");
  }
  if (!IEquals(assigned_to ? resource_id : principal_id, sp.object_id)) {
    return c.BadRequest(std::string("The '") + (assigned_to ? "resourceId" : "principalId") +
                        "' must be the service principal in the URL.");
  }
  ServicePrincipal* principal = FindSp(c, principal_id);
  ServicePrincipal* resource = FindSp(c, resource_id);
  if (!principal) return c.NotFound(principal_id);
  if (!resource) return c.NotFound(resource_id);
  bool role_exists = false;
  for (const json::value& role : resource->app_roles) {
    role_exists |= role.is_object() && IEquals(StringMember(role.get_object(), "id"), app_role_id);
  }
  if (!role_exists) {
    return c.BadRequest("Permission being assigned was not found on application '" +
                        resource->app_id + "'.");
  }
  for (const AppRoleAssignment& a : c.world.app_role_assignments) {
    if (IEquals(a.principal_id, principal_id) && IEquals(a.resource_id, resource_id) &&
        IEquals(a.app_role_id, app_role_id)) {
      return c.BadRequest("Permission being assigned already exists on the object");
    }
  }
  AppRoleAssignment a;
  a.id = Base64UrlEncode(Sha256(NewGuid()).substr(0, 24));
  a.tenant_id = c.caller.tenant_id;
  a.app_role_id = app_role_id;
  a.principal_id = principal->object_id;
  a.resource_id = resource->object_id;
  a.created_date_time = GraphDate();
  c.world.app_role_assignments.push_back(a);
  c.context.StateChangedLocked();
  json::object created = AssignmentJson(c.world, a);
  created["@odata.context"] = c.Context("appRoleAssignments/$entity");
  return JsonResponse(201, created);
}

HttpResponse DeleteAppRoleAssignment(GraphCall& c, ServicePrincipal& sp, bool assigned_to,
                                     const std::string& id) {
  if (c.http.method != "DELETE" && c.http.method != "GET") return c.MethodNotAllowed();
  auto& list = c.world.app_role_assignments;
  for (auto it = list.begin(); it != list.end(); ++it) {
    if (!IEquals(it->id, id) ||
        !IEquals(assigned_to ? it->resource_id : it->principal_id, sp.object_id)) {
      continue;
    }
    if (c.http.method == "GET") {
      if (!CanRead(c.caller)) return c.Denied();
      return JsonResponse(200, AssignmentJson(c.world, *it));
    }
    if (!CanWriteApplications(c.caller)) return c.Denied();
    list.erase(it);
    c.context.StateChangedLocked();
    return EmptyResponse(204);
  }
  return c.NotFound(id);
}

// ---- delegated permission grants (G5-G7) ----

HttpResponse Grants(GraphCall& c) {
  if (c.http.method == "GET") {
    if (!CanRead(c.caller)) return c.Denied();
    json::array items;
    for (const OAuth2PermissionGrant& g : c.world.oauth2_permission_grants) {
      if (IEquals(g.tenant_id, c.caller.tenant_id)) items.push_back(GrantJson(g));
    }
    return ListResponse(c, "oauth2PermissionGrants", std::move(items),
                        {"clientId", "resourceId", "consentType", "principalId"});
  }
  if (c.http.method != "POST") return c.MethodNotAllowed();
  if (!CanWriteApplications(c.caller)) return c.Denied();
  auto body = Body(c);
  if (HttpResponse* error = std::get_if<HttpResponse>(&body)) return *error;
  const json::object& o = std::get<json::object>(body);
  OAuth2PermissionGrant g;
  g.tenant_id = c.caller.tenant_id;
  g.client_id = StringMember(o, "clientId");
  g.resource_id = StringMember(o, "resourceId");
  g.consent_type = StringMember(o, "consentType");
  g.principal_id = StringMember(o, "principalId");
  g.scope = Trim(StringMember(o, "scope"));
  if (g.client_id.empty() || g.resource_id.empty() || g.consent_type.empty()) {
    return c.BadRequest("Properties 'clientId', 'consentType' and 'resourceId' are required.");
  }
  if (!IEquals(g.consent_type, "AllPrincipals") && !IEquals(g.consent_type, "Principal")) {
    return c.BadRequest(
        "Invalid value specified for property 'consentType' of resource "
        "'OAuth2PermissionGrant'.");
  }
  if (IEquals(g.consent_type, "Principal") && g.principal_id.empty()) {
    return c.BadRequest("Property 'principalId' is required when consentType is 'Principal'.");
  }
  if (!FindSp(c, g.client_id)) {
    return c.BadRequest(
        "Invalid value specified for property 'clientId' of resource "
        "'OAuth2PermissionGrant'.");
  }
  if (!FindSp(c, g.resource_id)) {
    return c.BadRequest(
        "Invalid value specified for property 'resourceId' of resource "
        "'OAuth2PermissionGrant'.");
  }
  for (const OAuth2PermissionGrant& existing : c.world.oauth2_permission_grants) {
    if (IEquals(existing.client_id, g.client_id) && IEquals(existing.resource_id, g.resource_id) &&
        IEquals(existing.consent_type, g.consent_type) &&
        IEquals(existing.principal_id, g.principal_id)) {
      return c.Error(409, "Request_MultipleObjectsWithSameKeyValue",
                     "Permission entry already exists.");
    }
  }
  g.id = Base64UrlEncode(Sha256(NewGuid()).substr(0, 24));
  c.world.oauth2_permission_grants.push_back(g);
  c.context.StateChangedLocked();
  json::object created = GrantJson(g);
  created["@odata.context"] = c.Context("oauth2PermissionGrants/$entity");
  return JsonResponse(201, created);
}

HttpResponse GrantItem(GraphCall& c, const std::string& id) {
  auto& list = c.world.oauth2_permission_grants;
  auto it = std::find_if(list.begin(), list.end(), [&](const OAuth2PermissionGrant& g) {
    return g.id == id && IEquals(g.tenant_id, c.caller.tenant_id);
  });
  const std::string& method = c.http.method;
  if (method == "GET") {
    if (!CanRead(c.caller)) return c.Denied();
    if (it == list.end()) return c.NotFound(id);
    return JsonResponse(200, GrantJson(*it));
  }
  if (method != "PATCH" && method != "DELETE") return c.MethodNotAllowed();
  if (!CanWriteApplications(c.caller)) return c.Denied();
  if (it == list.end()) return c.NotFound(id);
  if (method == "DELETE") {
    list.erase(it);
  } else {
    auto body = Body(c);
    if (HttpResponse* error = std::get_if<HttpResponse>(&body)) return *error;
    const json::value* scope = Member(std::get<json::object>(body), "scope");
    if (scope && scope->is_string()) it->scope = Trim(std::string(scope->get_string()));
  }
  c.context.StateChangedLocked();
  return EmptyResponse(204);
}

// ---- users and invitations (G11) ----

HttpResponse Users(GraphCall& c) {
  if (c.http.method != "GET") return c.MethodNotAllowed();
  if (!CanRead(c.caller)) return c.Denied();
  json::array items;
  for (const User& u : c.world.users) {
    if (IEquals(u.tenant_id, c.caller.tenant_id)) items.push_back(UserJson(u));
  }
  return ListResponse(c, "users", std::move(items),
                      {"mail", "userPrincipalName", "displayName", "userType", "id"});
}

HttpResponse Invite(GraphCall& c) {
  if (c.http.method != "POST") return c.MethodNotAllowed();
  if (!CanInvite(c.caller)) return c.Denied();
  auto body = Body(c);
  if (HttpResponse* error = std::get_if<HttpResponse>(&body)) return *error;
  const json::object& o = std::get<json::object>(body);
  std::string mail = Trim(StringMember(o, "invitedUserEmailAddress"));
  std::string redirect = StringMember(o, "inviteRedirectUrl");
  std::string display_name = StringMember(o, "invitedUserDisplayName");
  if (mail.empty() || mail.find('@') == std::string::npos || mail.find('@') == 0) {
    return c.BadRequest("The invitedUserEmailAddress '" + mail + "' is not a valid email address.");
  }
  if (redirect.empty()) return c.BadRequest("Property 'inviteRedirectUrl' is required.");
  bool send_message = false;
  if (const json::value* send = Member(o, "sendInvitationMessage"); send && send->is_bool()) {
    send_message = send->get_bool();
  }
  const Tenant* tenant = c.world.FindTenant(c.caller.tenant_id);
  User* user = nullptr;
  for (User& u : c.world.users) {
    if (IEquals(u.tenant_id, c.caller.tenant_id) && IEquals(u.mail, mail)) user = &u;
  }
  if (user && user->user_type != "Guest") {
    return c.BadRequest("The invited user already exists in the directory as a member ('" +
                        user->user_principal_name + "').");
  }
  if (!user) {
    User guest;
    guest.object_id = NewGuid();
    guest.tenant_id = c.caller.tenant_id;
    std::string local = mail;
    std::replace(local.begin(), local.end(), '@', '_');
    guest.user_principal_name = local + "#EXT#@" + (tenant ? tenant->domain : c.caller.tenant_id);
    guest.display_name = display_name.empty() ? mail : display_name;
    guest.mail = mail;
    guest.user_type = "Guest";
    guest.external_user_state = "PendingAcceptance";
    guest.visible_from_ms = SteadyMillis() + c.context.options.principal_replication_delay_ms;
    c.world.users.push_back(std::move(guest));
    c.context.StateChangedLocked();
    user = &c.world.users.back();
  }
  std::string invitation_id = NewGuid();
  std::string status =
      user->external_user_state.empty() ? "PendingAcceptance" : user->external_user_state;
  json::object created{
      {"@odata.context", c.Context("invitations/$entity")},
      {"id", invitation_id},
      {"inviteRedeemUrl", c.context.base_url + "/redeem?rd=" + PercentEncode(invitation_id) +
                              "&tenant=" + c.caller.tenant_id + "&user=" + user->object_id},
      {"invitedUserDisplayName", NullIfEmpty(display_name)},
      {"invitedUserType", "Guest"},
      {"invitedUserEmailAddress", mail},
      {"sendInvitationMessage", send_message},
      {"resetRedemption", false},
      {"inviteRedirectUrl", redirect},
      {"status", status},
      {"invitedUser", {{"id", user->object_id}}}};
  return JsonResponse(201, created);
}

// ---- dispatch ----

HttpResponse Dispatch(GraphCall& c) {
  const auto& s = c.s;
  const std::string& method = c.http.method;
  if (s.empty()) return c.NotFound("/");
  std::string first = s[0];
  // servicePrincipals(appId='{appId}')
  if (IStartsWith(first, "servicePrincipals(") && s.size() == 1) {
    std::string inside = first.substr(18);
    if (!inside.empty() && inside.back() == ')') inside.pop_back();
    size_t eq = inside.find('=');
    if (eq == std::string::npos || !IEquals(Trim(inside.substr(0, eq)), "appId")) {
      return c.BadRequest("Invalid key '" + inside + "'.");
    }
    std::string app_id = Trim(inside.substr(eq + 1));
    if (app_id.size() >= 2 && app_id.front() == '\'' && app_id.back() == '\'') {
      app_id = app_id.substr(1, app_id.size() - 2);
    }
    return ServicePrincipalItem(c, FindSpByAppId(c, app_id), "appId='" + app_id + "'");
  }
  if (IEquals(first, "servicePrincipals")) {
    if (s.size() == 1) {
      if (method == "GET") {
        if (!CanRead(c.caller)) return c.Denied();
        return ListServicePrincipals(c);
      }
      if (method == "POST") return CreateServicePrincipalGraph(c);
      return c.MethodNotAllowed();
    }
    ServicePrincipal* sp = FindSp(c, s[1]);
    if (s.size() == 2) return ServicePrincipalItem(c, sp, s[1]);
    if (!sp) return c.NotFound(s[1]);
    bool assigned_to = IEquals(s[2], "appRoleAssignedTo");
    if (!assigned_to && !IEquals(s[2], "appRoleAssignments"))
      return c.NotFound(c.info.target.Path());
    if (s.size() == 3) return AppRoleAssignments(c, *sp, assigned_to);
    if (s.size() == 4) return DeleteAppRoleAssignment(c, *sp, assigned_to, s[3]);
    return c.NotFound(c.info.target.Path());
  }
  if (IEquals(first, "oauth2PermissionGrants")) {
    if (s.size() == 1) return Grants(c);
    if (s.size() == 2) return GrantItem(c, s[1]);
    return c.NotFound(c.info.target.Path());
  }
  if (IEquals(first, "directoryObjects") && s.size() == 2) {
    ServicePrincipal* sp = FindSp(c, s[1]);
    if (sp) {
      HttpResponse response = ServicePrincipalItem(c, sp, s[1]);
      if (method == "GET" && response.status == 200) {
        json::value body = json::parse(response.body);
        body.as_object()["@odata.type"] = "#microsoft.graph.servicePrincipal";
        return JsonResponse(200, body);
      }
      return response;
    }
    User* user = FindUser(c, s[1]);
    if (method == "GET") {
      if (!CanRead(c.caller)) return c.Denied();
      if (!user) return c.NotFound(s[1]);
      json::object body = UserJson(*user);
      body["@odata.type"] = "#microsoft.graph.user";
      return JsonResponse(200, body);
    }
    if (method == "DELETE") {
      if (!CanWriteApplications(c.caller)) return c.Denied();
      return c.NotFound(s[1]);  // deleting users is not emulated
    }
    return c.MethodNotAllowed();
  }
  if (IEquals(first, "invitations") && s.size() == 1) return Invite(c);
  if (IEquals(first, "users")) {
    if (s.size() == 1) return Users(c);
    if (s.size() == 2) {
      if (method != "GET") return c.MethodNotAllowed();
      if (!CanRead(c.caller)) return c.Denied();
      User* user = FindUser(c, s[1]);
      if (!user) return c.NotFound(s[1]);
      json::object body = UserJson(*user);
      body["@odata.context"] = c.Context("users/$entity");
      return JsonResponse(200, body);
    }
  }
  return c.Error(400, "Request_BadRequest", "Resource not found for the segment '" + first + "'.");
}

}  // namespace

HttpResponse HandleGraph(ServiceContext& context, const HttpRequest& request,
                         const RequestInfo& info) {
  const auto& segments = info.target.segments;
  if (segments.empty() || !IEquals(segments[0], "v1.0")) {
    return GraphError(info, request, 400, "BadRequest",
                      "Invalid version: the path must start with /v1.0/.");
  }
  auto verified = VerifyBearer(context, request, {context.graph_url});
  if (const BearerFailure* failure = std::get_if<BearerFailure>(&verified)) {
    HttpResponse response = GraphError(info, request, 401, "InvalidAuthenticationToken",
                                       failure->code == "ExpiredAuthenticationToken"
                                           ? "Lifetime validation failed, the token is expired."
                                           : "Access token validation failure. Invalid audience.");
    if (!request.headers.Find("Authorization")) {
      response =
          GraphError(info, request, 401, "InvalidAuthenticationToken", "Access token is empty.");
    }
    response.headers.Set("WWW-Authenticate",
                         "Bearer realm=\"\", authorization_uri=\"" + context.base_url +
                             "/common/oauth2/authorize\", client_id=\"" + kGraphAppId + "\"");
    return response;
  }
  const json::object& claims = std::get<json::object>(verified);

  std::lock_guard<std::mutex> lock(context.state_mutex);
  GraphCall call{context, context.world, request, info, {}, {}};
  call.s.assign(segments.begin() + 1, segments.end());
  GraphCaller& caller = call.caller;
  caller.tenant_id = ClaimString(claims, "tid");
  caller.object_id = ClaimString(claims, "oid");
  caller.user = !ClaimString(claims, "upn").empty() || ClaimString(claims, "idtyp") == "user";
  if (!context.world.FindTenant(caller.tenant_id)) {
    return GraphError(
        info, request, 401, "InvalidAuthenticationToken",
        "Access token validation failure: unknown tenant '" + caller.tenant_id + "'.");
  }
  if (caller.user) {
    const User* user = context.world.FindUserByObjectId(caller.object_id);
    if (!user || !IEquals(user->tenant_id, caller.tenant_id)) {
      return GraphError(info, request, 401, "InvalidAuthenticationToken",
                        "Access token validation failure: the user is not in the directory.");
    }
    if (user->user_type == "Guest") {
      caller.user = false;  // guests read nothing here (no app roles either)
    } else {
      caller.directory_roles = user->directory_roles;
    }
  } else {
    const ServicePrincipal* graph = nullptr;
    for (const ServicePrincipal& sp : context.world.service_principals) {
      if (IEquals(sp.tenant_id, caller.tenant_id) && IEquals(sp.app_id, kGraphAppId)) graph = &sp;
    }
    for (const AppRoleAssignment& a : context.world.app_role_assignments) {
      if (graph && IEquals(a.principal_id, caller.object_id) &&
          IEquals(a.resource_id, graph->object_id)) {
        caller.app_roles.push_back(a.app_role_id);
      }
    }
  }
  return Dispatch(call);
}

}  // namespace azscsp::emulator
