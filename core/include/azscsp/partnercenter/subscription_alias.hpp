// An additional Azure subscription under a customer's Azure plan through Azure Resource Manager
// (partner-center.md §7.14): PUT /providers/Microsoft.Subscription/aliases/{alias}
// ?api-version=2021-10-01 with the billing scope of the customer, then GET until its
// provisioningState is Succeeded. The alias name is chosen by the caller; the same alias again
// returns the same subscription (idempotent re-runs).
#pragma once

#include <chrono>
#include <string>

#include "azscsp/arm/arm_client.hpp"
#include "azscsp/util/clock.hpp"

namespace azscsp::partnercenter {

constexpr const char* kSubscriptionAliasApiVersion = "2021-10-01";
// How many alias names onboarding tries for one customer ("azscsp-{id}", "azscsp-{id}-2", …).
constexpr int kMaxSubscriptionAliases = 10;

// "azscsp-{customer id lower case}" for `attempt` 1, "azscsp-{id}-{attempt}" after: the same
// customer always gets the same names.
std::string AliasNameFor(const std::string& customer_id, int attempt = 1);

// PUTs the alias, then GETs it (every Retry-After seconds, else 2 s) until its provisioningState
// is Succeeded. Failed or Canceled: ServiceError "SubscriptionAliasFailed" naming the alias and the
// state; not Succeeded by `deadline`: TimeoutError naming the alias. Returns the (new or
// existing) Azure subscription id, lower case.
std::string CreateSubscriptionAlias(const arm::ArmClient& arm, const std::string& alias,
                                    const std::string& display_name,
                                    const std::string& billing_account_name,
                                    const std::string& customer_id, util::Clock& clock,
                                    util::Clock::SystemTime deadline, const util::Context& context);

}  // namespace azscsp::partnercenter
