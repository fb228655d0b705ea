// stamp.applications, directory.install/uninstall and guestOwner.* : the stamp's identity
// endpoints on the context's ARM and Microsoft Graph in the signed-in directory (README.md,
// Operations).
#include <memory>

#include "arguments.hpp"
#include "azscsp/auth/token_claims.hpp"
#include "azscsp/errors.hpp"
#include "azscsp/graph/directory_client.hpp"
#include "azscsp/services/directory_onboarding.hpp"
#include "azscsp/services/guest_owner.hpp"
#include "azscsp/services/stamp_identity_client.hpp"
#include "client_state.hpp"
#include "operation_handlers.hpp"

namespace json = boost::json;

namespace azscsp::shim::_detail {
namespace {

std::shared_ptr<services::StampIdentityClient> StampOf(ClientState& client,
                                                       const util::Context& context) {
  return std::make_shared<services::StampIdentityClient>(client.PlainPipeline(),
                                                         client.Arm(context));
}

std::shared_ptr<graph::DirectoryClient> DirectoryOf(ClientState& client,
                                                    const util::Context& context) {
  return std::make_shared<graph::DirectoryClient>(client.Graph(context));
}

services::OnboardingOptions OnboardingFrom(ClientState& client, const json::object& arguments,
                                           const util::Context& context) {
  services::OnboardingOptions options;
  options.directory_tenant_name = OptionalString(arguments, "directoryTenantName").value_or("");
  if (options.directory_tenant_name.empty())
    options.directory_tenant_name = client.EffectiveTenantId(context);
  if (auto id = OptionalString(arguments, "clientApplicationId"); id && !id->empty())
    options.client_application_id = *id;
  return options;
}

// The signed-in directory's GUID (the tenant may have been named by domain): from the stamp token,
// which the install has just obtained (cached).
std::string DirectoryTenantId(ClientState& client, const util::Context& context) {
  const auth::AccessToken token =
      client.Credential(context)->GetToken({client.Environment(context).arm_resource}, context);
  const auto claims = auth::ReadTokenClaims(token.token);
  return claims && !claims->tenant_id.empty() ? claims->tenant_id
                                              : client.EffectiveTenantId(context);
}

}  // namespace

void ListStampApplications(ClientState& client, const json::object&, const Emit& emit,
                           const util::Context& context) {
  for (const auto& app : StampOf(client, context)->ApplicationRegistrations(context))
    emit(app.raw.is_object() ? app.raw.as_object() : json::object{{"appId", app.app_id}});
}

void InstallDirectory(ClientState& client, const json::object& arguments, const Emit& emit,
                      const util::Context& context) {
  const services::OnboardingOptions options = OnboardingFrom(client, arguments, context);
  const services::DirectoryOnboarding onboarding(DirectoryOf(client, context),
                                                 StampOf(client, context));
  const services::InstallResult result = onboarding.Install(options, context);
  json::array applications;
  for (const auto& app : result.applications) {
    json::array changes;
    for (const auto& line : app.changes) changes.emplace_back(line);
    applications.push_back({{"appId", app.app_id},
                            {"displayName", app.display_name},
                            {"servicePrincipalId", app.service_principal_id},
                            {"status", app.changed ? "Configured" : "AlreadyConfigured"},
                            {"changes", std::move(changes)}});
  }
  emit({{"directoryTenantName", result.directory_tenant_name},
        {"tenantId", DirectoryTenantId(client, context)},
        {"applications", std::move(applications)},
        {"changeCount", result.change_count}});
}

void UninstallDirectory(ClientState& client, const json::object& arguments, const Emit& emit,
                        const util::Context& context) {
  const services::OnboardingOptions options = OnboardingFrom(client, arguments, context);
  const services::DirectoryOnboarding onboarding(DirectoryOf(client, context),
                                                 StampOf(client, context));
  const services::UninstallResult result = onboarding.Uninstall(options, context);
  json::array applications;
  for (const auto& app : result.applications)
    applications.push_back({{"appId", app.app_id},
                            {"servicePrincipalId", app.service_principal_id},
                            {"removed", app.removed}});
  emit({{"directoryTenantName", result.directory_tenant_name},
        {"applications", std::move(applications)}});
}

void GrantGuestOwner(ClientState& client, const json::object& arguments, const Emit& emit,
                     const util::Context& context) {
  services::GuestOwnerRequest request;
  request.subscription_id = RequiredString(arguments, "subscriptionId");
  request.invited_user_email_address = RequiredString(arguments, "invitedUserEmailAddress");
  request.invited_user_display_name =
      OptionalString(arguments, "invitedUserDisplayName").value_or("");
  request.invite_redirect_url = OptionalString(arguments, "inviteRedirectUrl").value_or("");
  if (request.invite_redirect_url.empty()) {
    // The stamp portal of the customer's directory, as the documented invitation does.
    const std::string portal = client.Environment(context).portal_url;
    if (!portal.empty()) request.invite_redirect_url = portal + client.EffectiveTenantId(context);
  }
  const services::GuestOwnerService guests(DirectoryOf(client, context), client.Arm(context));
  emit(guests.Grant(request, {}, context).ToJson());
}

void ListGuestOwners(ClientState& client, const json::object& arguments, const Emit& emit,
                     const util::Context& context) {
  const services::GuestOwnerService guests(DirectoryOf(client, context), client.Arm(context));
  for (const auto& owner :
       guests.List(OptionalString(arguments, "invitedUserEmailAddress"), context))
    emit(owner.ToJson());
}

}  // namespace azscsp::shim::_detail
