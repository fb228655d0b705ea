// Checks that a CSP tenant mapping can be made before trying it: each check is a small function
// that reads what it needs; a check whose prerequisite failed is Skipped. Failed checks are
// results, not exceptions; only transport, sign-in and cancellation errors propagate.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "azscsp/arm/arm_client.hpp"
#include "azscsp/services/azurestack_models.hpp"
#include "azscsp/services/tenant_resolver.hpp"

namespace azscsp::services {

struct PreflightOptions {
  RegistrationRef registration;
  std::optional<std::string> customer_subscription_id;
  std::optional<std::string> customer_domain;
  std::optional<std::string> tenant_id;
  std::set<std::string> checks;  // names to report; empty: all (prerequisites still run)
  std::string api_version = "2017-06-01";
};

struct CheckResult {
  std::string name;
  std::string status;  // "Passed", "Failed", "Warning", "Skipped"
  std::string message;
  std::string error_code;
  std::string recommended_action;

  boost::json::object ToJson() const;
};

struct PreflightResult {
  std::optional<Registration> registration;
  std::optional<std::string> tenant_id;
  bool passed = true;  // no reported check Failed
  std::vector<CheckResult> checks;

  boost::json::object ToJson() const;
};

// The check names in the order they run.
const std::vector<std::string>& PreflightCheckNames();
// The permission the CanWrite check looks for.
constexpr const char* kCustomerSubscriptionWriteAction =
    "Microsoft.AzureStack/registrations/customerSubscriptions/write";

class CspPreflight {
 public:
  // `resolver` answers CustomerTenant; null skips that check when a domain is given.
  CspPreflight(std::shared_ptr<const arm::ArmClient> arm,
               std::shared_ptr<const TenantResolver> resolver)
      : arm_(std::move(arm)), resolver_(std::move(resolver)) {}

  // Throws InvalidArgumentError for an unknown check name or a bad registration reference.
  PreflightResult Run(const PreflightOptions& options, const util::Context& context) const;

 private:
  std::shared_ptr<const arm::ArmClient> arm_;
  std::shared_ptr<const TenantResolver> resolver_;
};

}  // namespace azscsp::services
