#include "azscsp/services/guest_owner.hpp"

#include <map>

#include "azscsp/arm/resource_id.hpp"
#include "azscsp/services/admin_subscriptions_client.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/log.hpp"

namespace json = boost::json;

namespace azscsp::services {
namespace {

bool IsOwnerRole(const std::string& role_definition_id) {
  const std::string guid = role_definition_id.substr(role_definition_id.find_last_of('/') + 1);
  return util::EqualsIgnoreCase(guid, kOwnerRoleId);
}

}  // namespace

json::object GuestOwnerResult::ToJson() const {
  return {{"subscriptionId", subscription_id},
          {"invitedUserEmailAddress", invited_user_email_address},
          {"userId", user_id},
          {"invitationStatus", invitation_status},
          {"inviteRedeemUrl", invite_redeem_url},
          {"roleAssignmentId", role_assignment_id},
          {"status", already_done ? "AlreadyDone" : "Done"}};
}

json::object GuestOwner::ToJson() const {
  return {{"subscriptionId", subscription_id},
          {"subscriptionName", subscription_name},
          {"userId", user_id},
          {"userPrincipalName", user_principal_name},
          {"mail", mail},
          {"roleAssignmentId", role_assignment_id}};
}

GuestOwnerResult GuestOwnerService::Grant(const GuestOwnerRequest& request,
                                          const EnsureRoleOptions& role_options,
                                          const util::Context& context) const {
  arm::ValidateSubscriptionId(request.subscription_id, "subscription ID");
  const std::string& mail = request.invited_user_email_address;
  if (mail.find('@') == std::string::npos || mail.find_first_of(" \t/") != std::string::npos)
    throw InvalidArgumentError("The invited user's email address '" + mail +
                               "' is not an email address.");
  GuestOwnerResult result;
  result.subscription_id = request.subscription_id;
  result.invited_user_email_address = mail;
  if (auto user = directory_->FindUserByMail(mail, context)) {
    result.user_id = user->id;
    result.invitation_status = "Existing";
  } else {
    if (request.invite_redirect_url.empty())
      throw InvalidArgumentError(
          "Inviting " + mail +
          " needs a redirect URL (the stamp's portal and the directory's domain); give "
          "inviteRedirectUrl.");
    const graph::Invitation invitation = directory_->Invite(
        {mail, request.invite_redirect_url, request.invited_user_display_name}, context);
    result.user_id = invitation.invited_user_id;
    result.invitation_status = invitation.status.empty() ? "PendingAcceptance" : invitation.status;
    result.invite_redeem_url = invitation.invite_redeem_url;
    util::Progress(context, "Invited " + mail + " as a guest (" + result.invitation_status + ").");
  }
  EnsureRoleOptions options = role_options;
  options.principal_type = "User";
  // A new guest is not known to the stamp's ARM at once: Ensure retries PrincipalNotFound.
  const EnsureRoleResult role = RoleAssignmentsClient(arm_, clock_)
                                    .Ensure("/subscriptions/" + request.subscription_id,
                                            result.user_id, kOwnerRoleId, options, context);
  result.role_assignment_id = role.assignment.id;
  result.already_done = role.already_done;
  return result;
}

std::vector<GuestOwner> GuestOwnerService::List(const std::optional<std::string>& mail,
                                                const util::Context& context) const {
  std::vector<std::pair<std::string, std::string>> subscriptions;  // id, display name
  arm_->ForEachInList(
      "/subscriptions", kAdminSubscriptionsApiVersion,
      [&](const json::value& item) {
        subscriptions.emplace_back(util::GetString(item, "subscriptionId"),
                                   util::GetString(item, "displayName"));
        return true;
      },
      context);
  RoleAssignmentsClient assignments(arm_, clock_);
  std::map<std::string, std::optional<graph::User>, util::CaseInsensitiveLess> users;
  std::vector<GuestOwner> owners;
  for (const auto& [subscription_id, name] : subscriptions) {
    for (const auto& assignment :
         assignments.List("/subscriptions/" + subscription_id, std::nullopt, context)) {
      if (!IsOwnerRole(assignment.role_definition_id) ||
          (!assignment.principal_type.empty() &&
           !util::EqualsIgnoreCase(assignment.principal_type, "User")))
        continue;
      auto cached = users.find(assignment.principal_id);
      if (cached == users.end())
        cached = users
                     .emplace(assignment.principal_id,
                              directory_->GetUser(assignment.principal_id, context))
                     .first;
      const std::optional<graph::User>& user = cached->second;
      if (!user || !util::EqualsIgnoreCase(user->user_type, "Guest")) continue;
      if (mail && !mail->empty() && !util::EqualsIgnoreCase(user->mail, *mail)) continue;
      owners.push_back(
          {subscription_id, name, user->id, user->user_principal_name, user->mail, assignment.id});
    }
  }
  return owners;
}

}  // namespace azscsp::services
