// A CSP admin as guest Owner of a customer's stamp subscription (cmdlets.md §2): the user is found
// (or invited, without an email) in the customer's directory over Microsoft Graph, then given the
// Owner role at the subscription on the stamp's tenant ARM.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "azscsp/arm/arm_client.hpp"
#include "azscsp/graph/directory_client.hpp"
#include "azscsp/services/role_assignments_client.hpp"

namespace azscsp::services {

constexpr const char* kOwnerRoleId = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

struct GuestOwnerRequest {
  std::string subscription_id, invited_user_email_address, invite_redirect_url,
      invited_user_display_name;
};

struct GuestOwnerResult {
  std::string subscription_id, invited_user_email_address, user_id;
  std::string invitation_status;  // "PendingAcceptance", "Accepted" or "Existing"
  std::string invite_redeem_url, role_assignment_id;
  bool already_done = false;  // the Owner role was there

  boost::json::object ToJson() const;
};

struct GuestOwner {
  std::string subscription_id, subscription_name, user_id, user_principal_name, mail,
      role_assignment_id;

  boost::json::object ToJson() const;
};

class GuestOwnerService {
 public:
  GuestOwnerService(std::shared_ptr<const graph::DirectoryClient> directory,
                    std::shared_ptr<const arm::ArmClient> arm,
                    util::Clock& clock = util::SystemClock::Instance())
      : directory_(std::move(directory)), arm_(std::move(arm)), clock_(clock) {}

  GuestOwnerResult Grant(const GuestOwnerRequest& request, const EnsureRoleOptions& role_options,
                         const util::Context& context) const;
  // Owners of each subscription the caller sees that are guest users (optionally one mail).
  std::vector<GuestOwner> List(const std::optional<std::string>& mail,
                               const util::Context& context) const;

 private:
  std::shared_ptr<const graph::DirectoryClient> directory_;
  std::shared_ptr<const arm::ArmClient> arm_;
  util::Clock& clock_;
};

}  // namespace azscsp::services
