// An in-memory Microsoft Graph directory (the G1-G11 calls of api.md §7.1) behind a FakeTransport,
// next to RoutedService's ARM routes: requests under /v1.0/ go to the directory.
#pragma once

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "azscsp/graph/graph_client.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/ids.hpp"
#include "azscsp/util/url_encode.hpp"
#include "service_fixture.hpp"

namespace azscsp::testing {

inline std::string GraphErrorBody(const std::string& code, const std::string& message) {
  return R"({"error":{"code":")" + code + R"(","message":")" + message +
         R"(","innerError":{"date":"2026-11-27T10:00:00","request-id":"graph-request-1","client-request-id":"c-1"}}})";
}

// The quoted OData literals of a $filter, unescaped ('' -> ').
inline std::vector<std::string> ODataLiterals(const std::string& filter) {
  std::vector<std::string> literals;
  for (size_t i = 0; i < filter.size(); ++i) {
    if (filter[i] != '\'') continue;
    std::string literal;
    for (++i; i < filter.size(); ++i) {
      if (filter[i] == '\'') {
        if (i + 1 < filter.size() && filter[i + 1] == '\'') {
          literal += '\'';
          ++i;
          continue;
        }
        break;
      }
      literal += filter[i];
    }
    literals.push_back(literal);
  }
  return literals;
}

// One directory: service principals (from a catalog of known applications when made), grants,
// app role assignments and users.
class FakeGraph {
 public:
  using Object = boost::json::object;

  std::map<std::string, Object> catalog;  // appId -> displayName/appRoles/scopes of new principals
  std::vector<Object> service_principals, grants, assignments, users;
  std::vector<std::string> writes;  // "METHOD path" of every write, in order
  bool deny_writes = false;         // 403 Authorization_RequestDenied
  int not_found_after_create = 0;   // answers 404 this often to writes naming a new principal

  Object& AddServicePrincipal(const std::string& app_id, std::vector<std::string> tags = {}) {
    Object sp{{"id", util::NewGuid()},
              {"appId", app_id},
              {"servicePrincipalNames", boost::json::array{boost::json::value(app_id)}}};
    boost::json::array tag_array;
    for (auto& tag : tags) tag_array.emplace_back(tag);
    sp["tags"] = std::move(tag_array);
    if (auto known = catalog.find(app_id); known != catalog.end())
      for (const auto& field : known->second) sp[field.key()] = field.value();
    service_principals.push_back(sp);
    return service_principals.back();
  }
  const Object* Principal(const std::string& app_id) const {
    for (const auto& sp : service_principals)
      if (sp.at("appId").as_string() == app_id) return &sp;
    return nullptr;
  }
  std::string IdOf(const std::string& app_id) const {
    const Object* sp = Principal(app_id);
    return sp ? std::string(sp->at("id").as_string()) : std::string();
  }

  http::Response Handle(const http::Request& request) {
    namespace json = boost::json;
    const std::string& target = request.url.target;
    const size_t query_at = target.find('?');
    const std::string path =
        target.substr(5, query_at == std::string::npos ? std::string::npos : query_at - 5);
    std::string filter;
    if (query_at != std::string::npos) {
      const std::string query = target.substr(query_at + 1);
      if (query.rfind("$filter=", 0) == 0) filter = util::PercentDecode(query.substr(8));
    }
    const std::vector<std::string> literals = ODataLiterals(filter);
    const json::value body = request.body.empty() ? json::value() : json::parse(request.body);
    const bool write = request.method != http::Method::Get;
    const std::vector<std::string> segments = Split(path);
    if (write) {
      writes.push_back(std::string(http::MethodName(request.method)) + " " + path);
      if (deny_writes)
        return MakeResponse(403, GraphErrorBody("Authorization_RequestDenied",
                                                "Insufficient privileges to complete the "
                                                "operation."));
      if (not_found_after_create > 0 && NamesNewPrincipal(request, segments)) {
        --not_found_after_create;
        return MakeResponse(404, GraphErrorBody("Request_ResourceNotFound", "Not found yet."));
      }
    }
    if (segments.size() == 1 && segments[0] == "servicePrincipals") {
      if (request.method == http::Method::Post) {
        std::vector<std::string> tags;
        if (body.as_object().contains("tags"))
          for (const auto& tag : body.at("tags").as_array()) tags.emplace_back(tag.as_string());
        Object& sp = AddServicePrincipal(std::string(body.at("appId").as_string()), tags);
        new_principals.insert(std::string(sp.at("id").as_string()));
        return MakeResponse(201, json::serialize(sp));
      }
      return List(service_principals,
                  [&](const Object& sp) { return sp.at("appId").as_string() == literals.at(0); });
    }
    if (segments.size() >= 2 && segments[0] == "servicePrincipals") {
      auto sp = Find(service_principals, segments[1]);
      if (sp == service_principals.end()) return NotFound();
      if (segments.size() == 2 && request.method == http::Method::Patch) {
        (*sp)["tags"] = body.at("tags");
        return MakeResponse(204);
      }
      if (segments.size() == 2 && request.method == http::Method::Delete) {
        service_principals.erase(sp);
        return MakeResponse(204);
      }
      if (segments.size() == 3 && segments[2] == "appRoleAssignments")
        return List(assignments, [&](const Object& a) {
          return a.at("principalId").as_string() == segments[1];
        });
      if (segments.size() == 3 && segments[2] == "appRoleAssignedTo") {
        Object assignment = body.as_object();
        assignment["id"] = util::NewGuid();
        assignments.push_back(assignment);
        return MakeResponse(201, json::serialize(assignment));
      }
    }
    if (segments.size() == 1 && segments[0] == "oauth2PermissionGrants") {
      if (request.method == http::Method::Post) {
        Object grant = body.as_object();
        grant["id"] = "grant-" + std::to_string(grants.size() + 1);
        grants.push_back(grant);
        return MakeResponse(201, json::serialize(grant));
      }
      return List(grants, [&](const Object& g) {
        return g.at("clientId").as_string() == literals.at(0) &&
               g.at("resourceId").as_string() == literals.at(1);
      });
    }
    if (segments.size() == 2 && segments[0] == "oauth2PermissionGrants") {
      auto grant = Find(grants, segments[1]);
      if (grant == grants.end()) return NotFound();
      (*grant)["scope"] = body.at("scope");
      return MakeResponse(204);
    }
    if (segments.size() == 1 && segments[0] == "users")
      return List(users, [&](const Object& u) {
        return util::EqualsIgnoreCase(std::string(u.at("mail").as_string()), literals.at(0));
      });
    if (segments.size() == 2 && segments[0] == "users") {
      auto user = Find(users, segments[1]);
      return user == users.end() ? NotFound() : MakeResponse(200, json::serialize(*user));
    }
    if (segments.size() == 1 && segments[0] == "invitations") {
      const std::string mail(body.at("invitedUserEmailAddress").as_string());
      Object user{{"id", util::NewGuid()},
                  {"mail", mail},
                  {"userPrincipalName", "guest#EXT#@customer.onmicrosoft.com"},
                  {"userType", "Guest"}};
      users.push_back(user);
      return MakeResponse(
          201, json::serialize(Object{{"id", util::NewGuid()},
                                      {"inviteRedeemUrl", "https://login.example/redeem"},
                                      {"invitedUserEmailAddress", mail},
                                      {"invitedUserType", "Guest"},
                                      {"status", "PendingAcceptance"},
                                      {"invitedUser", {{"id", user.at("id")}}}}));
    }
    return NotFound();
  }

 private:
  std::set<std::string> new_principals;

  static std::vector<std::string> Split(const std::string& path) {
    std::vector<std::string> segments;
    size_t start = 1;
    while (start <= path.size()) {
      const size_t end = path.find('/', start);
      segments.push_back(path.substr(start, end == std::string::npos ? end : end - start));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return segments;
  }
  bool NamesNewPrincipal(const http::Request& request, const std::vector<std::string>& segments) {
    if (segments.size() >= 2 && new_principals.count(segments[1])) return true;
    for (const auto& id : new_principals)
      if (request.body.find(id) != std::string::npos) return true;
    return false;
  }
  static std::vector<Object>::iterator Find(std::vector<Object>& objects, const std::string& id) {
    return std::find_if(objects.begin(), objects.end(),
                        [&](const Object& o) { return o.at("id").as_string() == id; });
  }
  template <typename Match>
  static http::Response List(const std::vector<Object>& objects, Match match) {
    boost::json::array value;
    for (const auto& object : objects)
      if (match(object)) value.push_back(object);
    return MakeResponse(200, boost::json::serialize(boost::json::object{{"value", value}}));
  }
  static http::Response NotFound() {
    return MakeResponse(404,
                        GraphErrorBody("Request_ResourceNotFound", "Resource does not exist."));
  }
};

// RoutedService's ARM routes plus a FakeGraph at /v1.0/, and a GraphClient over the same transport.
struct GraphService : RoutedService {
  FakeGraph directory;
  std::shared_ptr<graph::GraphClient> graph_client = std::make_shared<graph::GraphClient>(
      std::make_shared<http::Pipeline>(std::vector<std::shared_ptr<http::Policy>>{}, transport),
      "https://graph.microsoft.com/");

  GraphService() {
    transport->SetHandler([this](const http::Request& request) {
      const std::string path = request.url.target.substr(0, request.url.target.find('?'));
      const std::string key = std::string(http::MethodName(request.method)) + " " + path;
      calls.push_back(key);
      if (path.rfind("/v1.0/", 0) == 0) return directory.Handle(request);
      auto found = routes.find(key);
      if (found == routes.end()) return MakeResponse(404, ArmErrorBody("ResourceNotFound"));
      return found->second(request);
    });
  }
};

}  // namespace azscsp::testing
