#include "azscsp/services/directory_onboarding.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "azscsp/util/ids.hpp"
#include "azscsp/util/log.hpp"

namespace azscsp::services {
namespace {

using CiSet = std::set<std::string, util::CaseInsensitiveLess>;

std::string Join(const std::vector<std::string>& words, const char* separator) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : separator) + word;
  return text;
}

bool Contains(const std::vector<std::string>& words, const std::string& word) {
  return std::any_of(words.begin(), words.end(),
                     [&](const std::string& w) { return util::EqualsIgnoreCase(w, word); });
}

// The app role's id: registrations name it by id; a value (role name) is mapped on the resource.
std::string RoleId(const std::string& role, const graph::ServicePrincipal* resource) {
  if (resource && !util::IsGuid(role))
    for (const auto& app_role : resource->app_roles)
      if (util::EqualsIgnoreCase(app_role.value, role)) return app_role.id;
  return role;
}

const graph::ServicePrincipal* Find(const DirectoryState& state, const std::string& app_id) {
  auto found = state.service_principals.find(app_id);
  return found == state.service_principals.end() ? nullptr : &found->second;
}

// Each (client, resource) pair's wanted scope words, in first-seen order.
struct WantedGrant {
  std::string app_id, client, resource;
  std::vector<std::string> scopes;
};

std::vector<WantedGrant> WantedGrants(const std::vector<ApplicationRegistration>& registrations) {
  std::vector<WantedGrant> wanted;
  for (const auto& app : registrations)
    for (const auto& grant : app.oauth2_permission_grants) {
      auto same = std::find_if(wanted.begin(), wanted.end(), [&](const WantedGrant& w) {
        return util::EqualsIgnoreCase(w.client, grant.client) &&
               util::EqualsIgnoreCase(w.resource, grant.resource);
      });
      if (same == wanted.end()) {
        wanted.push_back({app.app_id, grant.client, grant.resource, {}});
        same = std::prev(wanted.end());
      }
      for (const auto& word : graph::SplitScope(grant.scope))
        if (!Contains(same->scopes, word)) same->scopes.push_back(word);
    }
  return wanted;
}

const graph::OAuth2PermissionGrant* TenantWideGrant(const DirectoryState& state,
                                                    const std::string& client_id,
                                                    const std::string& resource_id) {
  for (const auto& grant : state.grants)
    if (util::EqualsIgnoreCase(grant.client_id, client_id) &&
        util::EqualsIgnoreCase(grant.resource_id, resource_id) &&
        (grant.consent_type.empty() || util::EqualsIgnoreCase(grant.consent_type, "AllPrincipals")))
      return &grant;
  return nullptr;
}

}  // namespace

std::string OnboardingChange::Describe() const {
  switch (kind) {
    case Kind::CreateServicePrincipal:
      return "Created the service principal of " + target_app_id +
             (tags.empty() ? "" : " with tags " + Join(tags, ", "));
    case Kind::SetTags:
      return "Set the tags of " + target_app_id + " to " + Join(tags, ", ");
    case Kind::CreateGrant:
      return "Granted " + target_app_id + " the delegated permissions '" + scope + "' on " +
             resource_app_id;
    case Kind::AddGrantScopes:
      return "Extended the grant of " + target_app_id + " on " + resource_app_id + " to '" + scope +
             "'";
    case Kind::AssignAppRole:
      return "Assigned the app role " + app_role_id + " of " + resource_app_id + " to " +
             target_app_id;
  }
  return {};
}

std::vector<std::string> AppIdsInvolved(const std::vector<ApplicationRegistration>& registrations) {
  std::vector<std::string> ids;
  CiSet seen;
  auto add = [&](const std::string& id) {
    if (!id.empty() && seen.insert(id).second) ids.push_back(id);
  };
  for (const auto& app : registrations) add(app.app_id);
  for (const auto& app : registrations) {
    for (const auto& role : app.app_role_assignments) {
      add(role.client);
      add(role.resource);
    }
    for (const auto& grant : app.oauth2_permission_grants) {
      add(grant.client);
      add(grant.resource);
    }
  }
  return ids;
}

std::vector<OnboardingChange> PlanInstall(const std::vector<ApplicationRegistration>& registrations,
                                          const DirectoryState& state) {
  using Kind = OnboardingChange::Kind;
  std::vector<OnboardingChange> changes;
  CiSet created;
  auto ensure_principal = [&](const std::string& owner, const std::string& app_id,
                              const std::vector<std::string>& tags) {
    if (app_id.empty() || Find(state, app_id) || !created.insert(app_id).second) return;
    changes.push_back({Kind::CreateServicePrincipal, owner, app_id, {}, tags, {}, {}, {}});
  };
  // Principals first: everything after refers to them. A registration's own carries its tags.
  for (const auto& app : registrations) ensure_principal(app.app_id, app.app_id, app.tags);
  for (const auto& app : registrations) {
    for (const auto& role : app.app_role_assignments) {
      ensure_principal(app.app_id, role.client, {});
      ensure_principal(app.app_id, role.resource, {});
    }
    for (const auto& grant : app.oauth2_permission_grants) {
      ensure_principal(app.app_id, grant.client, {});
      ensure_principal(app.app_id, grant.resource, {});
    }
  }
  // Tags: the full list (PATCH replaces it), existing ones kept.
  for (const auto& app : registrations) {
    const graph::ServicePrincipal* principal = Find(state, app.app_id);
    if (!principal) continue;
    std::vector<std::string> tags = principal->tags;
    for (const auto& tag : app.tags)
      if (!Contains(tags, tag)) tags.push_back(tag);
    if (tags.size() != principal->tags.size())
      changes.push_back({Kind::SetTags, app.app_id, app.app_id, {}, tags, {}, {}, {}});
  }
  // Delegated grants for all users: one per client/resource pair, missing scopes merged in.
  for (const auto& wanted : WantedGrants(registrations)) {
    const graph::ServicePrincipal* client = Find(state, wanted.client);
    const graph::ServicePrincipal* resource = Find(state, wanted.resource);
    const graph::OAuth2PermissionGrant* grant =
        client && resource ? TenantWideGrant(state, client->id, resource->id) : nullptr;
    if (!grant) {
      changes.push_back({Kind::CreateGrant,
                         wanted.app_id,
                         wanted.client,
                         wanted.resource,
                         {},
                         Join(wanted.scopes, " "),
                         {},
                         {}});
      continue;
    }
    std::vector<std::string> scopes = graph::SplitScope(grant->scope);
    const size_t had = scopes.size();
    for (const auto& word : wanted.scopes)
      if (!Contains(scopes, word)) scopes.push_back(word);
    if (scopes.size() != had)
      changes.push_back({Kind::AddGrantScopes,
                         wanted.app_id,
                         wanted.client,
                         wanted.resource,
                         {},
                         Join(scopes, " "),
                         grant->id,
                         {}});
  }
  // Application permissions.
  std::set<std::tuple<std::string, std::string, std::string>> planned_roles;
  for (const auto& app : registrations)
    for (const auto& role : app.app_role_assignments) {
      const graph::ServicePrincipal* client = Find(state, role.client);
      const graph::ServicePrincipal* resource = Find(state, role.resource);
      const std::string role_id = RoleId(role.role_id, resource);
      const bool present =
          client && resource &&
          std::any_of(state.app_role_assignments.begin(), state.app_role_assignments.end(),
                      [&](const graph::AppRoleAssignment& a) {
                        return util::EqualsIgnoreCase(a.principal_id, client->id) &&
                               util::EqualsIgnoreCase(a.resource_id, resource->id) &&
                               util::EqualsIgnoreCase(a.app_role_id, role_id);
                      });
      if (present) continue;
      std::string key_client = role.client, key_resource = role.resource, key_role = role_id;
      for (auto* s : {&key_client, &key_resource, &key_role})
        std::transform(s->begin(), s->end(), s->begin(), ::tolower);
      if (!planned_roles.insert({key_client, key_resource, key_role}).second) continue;
      changes.push_back(
          {Kind::AssignAppRole, app.app_id, role.client, role.resource, {}, {}, {}, role_id});
    }
  return changes;
}

DirectoryState DirectoryOnboarding::ReadState(
    const std::vector<ApplicationRegistration>& registrations, const util::Context& context) const {
  DirectoryState state;
  for (const auto& app_id : AppIdsInvolved(registrations))
    if (auto principal = directory_->FindServicePrincipal(app_id, context))
      state.service_principals.emplace(app_id, std::move(*principal));
  CiSet clients;
  for (const auto& app : registrations)
    for (const auto& role : app.app_role_assignments) clients.insert(role.client);
  for (const auto& client : clients)
    if (const graph::ServicePrincipal* principal = Find(state, client)) {
      auto assignments = directory_->ListAppRoleAssignments(principal->id, context);
      state.app_role_assignments.insert(state.app_role_assignments.end(), assignments.begin(),
                                        assignments.end());
    }
  for (const auto& wanted : WantedGrants(registrations)) {
    const graph::ServicePrincipal* client = Find(state, wanted.client);
    const graph::ServicePrincipal* resource = Find(state, wanted.resource);
    if (!client || !resource) continue;
    auto grants = directory_->ListGrants(client->id, resource->id, context);
    state.grants.insert(state.grants.end(), grants.begin(), grants.end());
  }
  return state;
}

std::map<std::string, std::vector<std::string>, util::CaseInsensitiveLess>
DirectoryOnboarding::Apply(const std::vector<OnboardingChange>& changes, DirectoryState& state,
                           const OnboardingOptions& options, const util::Context& context) const {
  using Kind = OnboardingChange::Kind;
  // A principal made moments ago may not be found by the next call yet (Graph replication).
  auto replicated = [&](const auto& call) {
    for (int attempt = 1;; ++attempt) {
      try {
        return call();
      } catch (const ServiceError& error) {
        if (error.Details().http_status != 404 || attempt >= options.replication_attempts) throw;
        util::Log(context, util::LogLevel::Verbose,
                  "Microsoft Graph does not know a new object yet (" + error.Details().code +
                      "); retrying in " + std::to_string(options.replication_delay.count()) +
                      " ms.");
        clock_.SleepFor(options.replication_delay, context);
      }
    }
  };
  auto principal_id = [&](const std::string& app_id) {
    const graph::ServicePrincipal* principal = Find(state, app_id);
    if (!principal)
      throw ServiceError(ErrorKind::Internal,
                         {0, "ServicePrincipalMissing",
                          "The service principal of " + app_id + " was neither found nor made."});
    return principal->id;
  };
  std::map<std::string, std::vector<std::string>, util::CaseInsensitiveLess> lines;
  for (const auto& change : changes) {
    context.ThrowIfDone();
    switch (change.kind) {
      case Kind::CreateServicePrincipal:
        state.service_principals[change.target_app_id] =
            directory_->CreateServicePrincipal(change.target_app_id, change.tags, context);
        break;
      case Kind::SetTags:
        replicated(
            [&] { directory_->SetTags(principal_id(change.target_app_id), change.tags, context); });
        break;
      case Kind::CreateGrant:
        replicated([&] {
          directory_->CreateGrant(principal_id(change.target_app_id),
                                  principal_id(change.resource_app_id), change.scope, context);
        });
        break;
      case Kind::AddGrantScopes:
        replicated([&] { directory_->SetGrantScope(change.grant_id, change.scope, context); });
        break;
      case Kind::AssignAppRole:
        replicated([&] {
          directory_->AssignAppRole(
              principal_id(change.target_app_id), principal_id(change.resource_app_id),
              RoleId(change.app_role_id, Find(state, change.resource_app_id)), context);
        });
        break;
    }
    const std::string line = change.Describe();
    util::Progress(context, "Directory " + options.directory_tenant_name + ": " + line);
    lines[change.app_id].push_back(line);
  }
  return lines;
}

void DirectoryOnboarding::Converge(const std::vector<ApplicationRegistration>& registrations,
                                   const OnboardingOptions& options, InstallResult& result,
                                   const util::Context& context) const {
  DirectoryState state = ReadState(registrations, context);
  auto lines = Apply(PlanInstall(registrations, state), state, options, context);
  for (const auto& app : registrations) {
    InstalledApplication installed{app.app_id, app.display_name, {}, false, {}};
    if (const graph::ServicePrincipal* principal = Find(state, app.app_id)) {
      installed.service_principal_id = principal->id;
      if (installed.display_name.empty()) installed.display_name = principal->display_name;
    }
    if (auto found = lines.find(app.app_id); found != lines.end()) {
      installed.changed = true;
      installed.changes = found->second;
      result.change_count += static_cast<int>(found->second.size());
    }
    result.applications.push_back(std::move(installed));
  }
}

std::vector<ApplicationRegistration> DirectoryOnboarding::RegistrationsWhenReady(
    const OnboardingOptions& options, const util::Context& context) const {
  for (int attempt = 1;; ++attempt) {
    try {
      return stamp_->ApplicationRegistrations(context);
    } catch (const ServiceError& error) {
      // The stamp's token in this directory needs its new principal and grant to propagate:
      // AADSTS500011 (resource principal not found) or a 401 from the stamp meanwhile. A
      // directory the operator has not onboarded (InvalidAuthenticationTokenTenant) stays so.
      const auto& info = error.Details();
      const bool propagating =
          info.code == "invalid_resource" ||
          (info.http_status == 401 && info.code != "InvalidAuthenticationTokenTenant") ||
          std::find(info.aadsts_codes.begin(), info.aadsts_codes.end(), 500011) !=
              info.aadsts_codes.end();
      if (!propagating || attempt >= options.arm_token_attempts) throw;
      util::Log(context, util::LogLevel::Verbose,
                "The stamp does not accept this directory's token yet (" + info.code +
                    "); retrying in " + std::to_string(options.arm_token_delay.count()) + " ms.");
      clock_.SleepFor(options.arm_token_delay, context);
    }
  }
}

InstallResult DirectoryOnboarding::Install(const OnboardingOptions& options,
                                           const util::Context& context) const {
  InstallResult result;
  result.directory_tenant_name = options.directory_tenant_name;
  // Steps 3-4: the stamp ARM application, and the client users sign in with consented to it for
  // everyone in the directory, so the stamp's token can be had here at all.
  const std::string arm_app_id = stamp_->ArmApplicationId(context);
  ApplicationRegistration arm_app;
  arm_app.app_id = arm_app_id;
  ApplicationRegistration client_app;
  client_app.app_id = options.client_application_id;
  client_app.oauth2_permission_grants.push_back(
      {options.client_application_id, arm_app_id, "user_impersonation"});
  Converge({arm_app, client_app}, options, result, context);
  // Steps 5-6: every application the stamp registers for a directory.
  Converge(RegistrationsWhenReady(options, context), options, result, context);
  return result;
}

UninstallResult DirectoryOnboarding::Uninstall(const OnboardingOptions& options,
                                               const util::Context& context) const {
  UninstallResult result;
  result.directory_tenant_name = options.directory_tenant_name;
  const std::vector<ApplicationRegistration> registrations =
      stamp_->ApplicationRegistrations(context);
  const std::string arm_app_id = stamp_->ArmApplicationId(context);
  auto remove = [&](const std::string& app_id) {
    RemovedApplication removed{app_id, {}, false};
    if (auto principal = directory_->FindServicePrincipal(app_id, context)) {
      removed.service_principal_id = principal->id;
      directory_->DeleteServicePrincipal(principal->id, context);
      removed.removed = true;
      util::Progress(context, "Directory " + options.directory_tenant_name +
                                  ": Removed the service principal of " + app_id);
    }
    result.applications.push_back(std::move(removed));
  };
  for (const auto& app : registrations)
    if (!util::EqualsIgnoreCase(app.app_id, arm_app_id)) remove(app.app_id);
  remove(arm_app_id);  // last: the stamp reads applicationRegistrations through it
  return result;
}

}  // namespace azscsp::services
