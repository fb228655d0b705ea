// An additional Azure subscription under a customer's Azure plan through Azure Resource Manager
// (partner-center.md §7.14): PUT /providers/Microsoft.Subscription/aliases/{alias}
// ?api-version=2021-10-01 with the billing scope of the customer. The alias name is chosen by the
// caller; the same alias again returns the same subscription (idempotent re-runs).
#pragma once

#include <string>

#include "azscsp/arm/arm_client.hpp"

namespace azscsp::partnercenter {

constexpr const char* kSubscriptionAliasApiVersion = "2021-10-01";

// "azscsp-{customer id lower case}": the same customer always gets the same alias.
std::string AliasNameFor(const std::string& customer_id);

// The new (or existing) Azure subscription id, lower case.
std::string CreateSubscriptionAlias(const arm::ArmClient& arm, const std::string& alias,
                                    const std::string& display_name,
                                    const std::string& billing_account_name,
                                    const std::string& customer_id, const util::Context& context);

}  // namespace azscsp::partnercenter
