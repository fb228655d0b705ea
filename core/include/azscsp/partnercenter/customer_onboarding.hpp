// The Partner Center half of onboarding a CSP customer (issue 7, partner-center.md §10): find or
// create the customer, ensure the Microsoft Customer Agreement, ensure the Azure plan, pick (or
// create with an ARM alias) the Azure subscription. What to do is a pure function of what Partner
// Center holds (PlanOnboarding), so a re-run after a cut finishes what is missing and does nothing
// twice; whatIf reports the plan after reading only.
#pragma once

#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "azscsp/arm/arm_client.hpp"
#include "azscsp/partnercenter/agreements_client.hpp"
#include "azscsp/partnercenter/azure_subscriptions.hpp"
#include "azscsp/partnercenter/customer_creation.hpp"
#include "azscsp/partnercenter/partner_center_client.hpp"
#include "azscsp/partnercenter/partner_center_models.hpp"
#include "azscsp/util/clock.hpp"

namespace azscsp::partnercenter {

struct OnboardingRequest {
  std::string domain;       // or
  std::string customer_id;  // lower case
  std::optional<NewCustomer> create;
  std::optional<AgreementContact> contact;
  std::string azure_subscription_id;  // to pick (lower case)
  std::string friendly_name;          // of the Azure plan
  std::string billing_account_name;   // allows creating an Azure subscription (ARM alias)
  bool what_if = false;
  std::chrono::seconds purchase_timeout{900};
};

// What Partner Center holds for the customer.
struct OnboardingState {
  std::optional<Customer> customer;
  std::vector<Subscription> subscriptions;
  std::optional<bool> has_agreement;  // nullopt: not read (not needed)
  std::vector<AzureSubscriptionRef> azure_subscriptions;
  // The cloud's initial domain suffix (PartnerCenterClient::DomainSuffix), for a prefix-only
  // domain.
  std::string domain_suffix = ".onmicrosoft.com";
};

enum class StepAction {
  Found,        // Customer exists
  Create,       // Customer to create
  AlreadyDone,  // nothing to do (AzureSubscription: picked an existing one)
  Run,          // to do
  Skipped,      // not applicable (legacy customer)
};

struct PlannedStep {
  std::string name;  // Customer, Agreement, AzurePlan, AzureSubscription
  StepAction action = StepAction::Run;
  std::string detail;
  std::string azure_subscription_id;  // AzureSubscription AlreadyDone: the one picked
  std::string source;                 // "AzurePlan" or "Legacy"
};

// True when the customer has a non-deleted MS-AZR-0145P subscription and no Azure plan.
bool IsLegacyCustomer(const std::vector<Subscription>& subscriptions);

// The four steps in order. Throws (before anything is written) CustomerNotFound when the customer
// is missing and `create` is absent, AgreementContactRequired when the agreement is needed and
// `contact` absent, AzurePlanSuspended (Conflict) when the customer's Azure plan is suspended,
// AzureSubscriptionNotFound when `azure_subscription_id` is not one of the customer's current
// active Azure subscriptions (also when the customer or its plan does not exist yet: a plan bought
// now cannot have that id), or none is active, the plan needs none bought and no billing account
// allows creating one. Picking: the requested one, else the only active one, else the oldest
// (AzureSubscriptionsOf order).
std::vector<PlannedStep> PlanOnboarding(const OnboardingRequest& request,
                                        const OnboardingState& state);

struct OnboardingStepResult {
  std::string name, status, detail;
};

struct OnboardingResult {
  std::string customer_id, tenant_id, domain, company_name;
  std::string azure_subscription_id, source;
  std::vector<OnboardingStepResult> steps;

  // The final item: {"type":"onboarding", customerId, …, steps}. The new customer's credentials
  // never appear here: they go to the CreatedCustomerSink as soon as the customer exists.
  boost::json::object ToJson() const;
};

// Called once, right after the customer was created (before any later step can fail), with the
// customer and its administrator's {userName, password} (a secret: never log it).
using CreatedCustomerSink =
    std::function<void(const Customer& customer, const boost::json::object& user_credentials)>;

class CustomerOnboarding {
 public:
  // `arm` (may be null) is needed only to create an Azure subscription with an alias.
  CustomerOnboarding(std::shared_ptr<const PartnerCenterClient> partner_center,
                     std::shared_ptr<const arm::ArmClient> arm,
                     util::Clock& clock = util::SystemClock::Instance())
      : partner_center_(std::move(partner_center)), arm_(std::move(arm)), clock_(clock) {}

  // Reads the customer (by id or domain), its subscriptions, the agreement when needed and its
  // Azure subscriptions.
  OnboardingState ReadState(const OnboardingRequest& request, const util::Context& context) const;

  // Plans; for a customer to create, checks (also under what_if, read-only) that the domain is
  // available and the address valid, and (unless what_if) that the token is app+user when the
  // agreement step will run, so that nothing is written when one fails; then (unless what_if)
  // applies each step; a `log` info event per step as it ends
  // ("Step: {name}: {status}: {detail}"). `on_created` (optional) receives the new customer's
  // credentials as soon as it is created.
  OnboardingResult Run(const OnboardingRequest& request, const util::Context& context,
                       const CreatedCustomerSink& on_created = {}) const;

 private:
  std::shared_ptr<const PartnerCenterClient> partner_center_;
  std::shared_ptr<const arm::ArmClient> arm_;
  util::Clock& clock_;
};

}  // namespace azscsp::partnercenter
