// Installing the stamp's applications in a directory (api.md §7.2,
// Register-AzsWithMyDirectoryTenant and Update-AzsHomeDirectoryTenant over Microsoft Graph) and
// removing them. What to change is computed by a pure function of what the stamp asks for and what
// the directory holds, so a re-run after a stamp update changes only what is missing.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "azscsp/graph/directory_client.hpp"
#include "azscsp/services/stamp_identity_client.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/clock.hpp"

namespace azscsp::services {

// Azure PowerShell: the client users sign in with against the stamp (legacy tool's default).
constexpr const char* kAzurePowerShellClientId = "1950a258-227b-4e31-a9cf-717495945fc2";

// What the directory holds for the applications involved (by appId).
struct DirectoryState {
  std::map<std::string, graph::ServicePrincipal, util::CaseInsensitiveLess> service_principals;
  std::vector<graph::OAuth2PermissionGrant> grants;            // of those principals as clients
  std::vector<graph::AppRoleAssignment> app_role_assignments;  // of those principals
};

struct OnboardingChange {
  enum class Kind { CreateServicePrincipal, SetTags, CreateGrant, AddGrantScopes, AssignAppRole };
  Kind kind;
  std::string app_id;             // the registration this change is made for
  std::string target_app_id;      // the principal created or tagged, or the client of a grant/role
  std::string resource_app_id;    // grants and app roles
  std::vector<std::string> tags;  // CreateServicePrincipal, SetTags: the full list afterwards
  std::string scope;              // CreateGrant: its scope; AddGrantScopes: the full scope after
  std::string grant_id;           // AddGrantScopes
  std::string app_role_id;        // AssignAppRole

  std::string Describe() const;
};

// Every appId whose service principal the plan needs to know about.
std::vector<std::string> AppIdsInvolved(const std::vector<ApplicationRegistration>& registrations);

// The changes that make `state` satisfy `registrations`, in the order to apply them: missing
// service principals (registrations with their tags, clients and resources without), missing
// tags, delegated grants (AllPrincipals; missing scopes merged into an existing grant), app roles.
std::vector<OnboardingChange> PlanInstall(const std::vector<ApplicationRegistration>& registrations,
                                          const DirectoryState& state);

struct OnboardingOptions {
  std::string directory_tenant_name;  // for messages and the report
  std::string client_application_id = kAzurePowerShellClientId;
  // Graph 404 for an object made moments ago (replication): legacy 10 x 5 s.
  int replication_attempts = 10;
  std::chrono::milliseconds replication_delay{5000};
  // The stamp's token in this directory while its new principal and grant propagate: 12 x 5 s.
  int arm_token_attempts = 12;
  std::chrono::milliseconds arm_token_delay{5000};
};

struct InstalledApplication {
  std::string app_id, display_name, service_principal_id;
  bool changed = false;  // "Configured"; else "AlreadyConfigured"
  std::vector<std::string> changes;
};

struct InstallResult {
  std::string directory_tenant_name;
  std::vector<InstalledApplication> applications;
  int change_count = 0;
};

struct RemovedApplication {
  std::string app_id, service_principal_id;
  bool removed = false;
};

struct UninstallResult {
  std::string directory_tenant_name;
  std::vector<RemovedApplication> applications;
};

class DirectoryOnboarding {
 public:
  DirectoryOnboarding(std::shared_ptr<const graph::DirectoryClient> directory,
                      std::shared_ptr<const StampIdentityClient> stamp,
                      util::Clock& clock = util::SystemClock::Instance())
      : directory_(std::move(directory)), stamp_(std::move(stamp)), clock_(clock) {}

  // Reads the service principals `registrations` involve, their app roles and the grants
  // between the client/resource pairs they name.
  DirectoryState ReadState(const std::vector<ApplicationRegistration>& registrations,
                           const util::Context& context) const;

  // §7.2 steps 3-6: the stamp ARM application's principal and the client's user_impersonation
  // grant to it, then every application the stamp registers. Progress lines per change. A
  // directory the operator has not onboarded fails with the stamp's 401
  // InvalidAuthenticationTokenTenant (not retried).
  InstallResult Install(const OnboardingOptions& options, const util::Context& context) const;

  // Deletes each registered application's principal, the stamp ARM application's last (after it,
  // the directory can no longer read applicationRegistrations).
  UninstallResult Uninstall(const OnboardingOptions& options, const util::Context& context) const;

 private:
  // Applies `changes`, adding the principals it makes to `state`; returns the lines per app.
  std::map<std::string, std::vector<std::string>, util::CaseInsensitiveLess> Apply(
      const std::vector<OnboardingChange>& changes, DirectoryState& state,
      const OnboardingOptions& options, const util::Context& context) const;
  // Reads, plans and applies `registrations`, adding one report entry per registration.
  void Converge(const std::vector<ApplicationRegistration>& registrations,
                const OnboardingOptions& options, InstallResult& result,
                const util::Context& context) const;
  std::vector<ApplicationRegistration> RegistrationsWhenReady(const OnboardingOptions& options,
                                                              const util::Context& context) const;

  std::shared_ptr<const graph::DirectoryClient> directory_;
  std::shared_ptr<const StampIdentityClient> stamp_;
  util::Clock& clock_;
};

}  // namespace azscsp::services
