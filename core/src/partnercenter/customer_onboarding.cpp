#include "azscsp/partnercenter/customer_onboarding.hpp"

#include <algorithm>

#include "azscsp/errors.hpp"
#include "azscsp/partnercenter/azure_plan_purchase.hpp"
#include "azscsp/partnercenter/customers_client.hpp"
#include "azscsp/partnercenter/subscription_alias.hpp"
#include "azscsp/partnercenter/subscriptions_client.hpp"
#include "azscsp/util/log.hpp"

namespace json = boost::json;

namespace azscsp::partnercenter {
namespace {

std::string DescribeCustomer(const OnboardingRequest& request) {
  return request.customer_id.empty() ? "with the domain '" + request.domain + "'"
                                     : "with the ID " + request.customer_id;
}

std::vector<const AzureSubscriptionRef*> ActiveOnes(const std::vector<AzureSubscriptionRef>& all) {
  std::vector<const AzureSubscriptionRef*> active;
  for (const auto& ref : all)
    if (ref.Active()) active.push_back(&ref);
  return active;
}

[[noreturn]] void ThrowAzureSubscriptionNotFound(const std::string& customer_id,
                                                 const std::string& requested,
                                                 const std::vector<AzureSubscriptionRef>& all,
                                                 const std::string& advice) {
  std::string listed;
  for (const auto& ref : all)
    listed += (listed.empty() ? "" : ", ") + ref.azure_subscription_id + " (" + ref.source + ", " +
              ref.status + ")";
  throw ServiceError(
      ErrorKind::NotFound,
      {404, "AzureSubscriptionNotFound",
       (requested.empty()
            ? "The customer " + customer_id + " has no active Azure subscription"
            : "The Azure subscription " + requested +
                  " is not an active Azure subscription of the customer " + customer_id) +
           "; its Azure subscriptions through Partner Center: " +
           (listed.empty() ? std::string("none") : listed) + "." +
           (advice.empty() ? "" : " " + advice)});
}

const char* WhatIfStatus(const PlannedStep& step) {
  switch (step.action) {
    case StepAction::Found:
      return "Found";
    case StepAction::Create:
      return "WouldCreate";
    case StepAction::AlreadyDone:
      return "AlreadyDone";
    case StepAction::Skipped:
      return "Skipped";
    case StepAction::Run:
      break;
  }
  return "WouldRun";
}

struct CreatedSubscription {
  std::string azure_subscription_id, alias;
};

// An Azure subscription under the customer's plan with an ARM alias, confirmed as an active
// entitlement of the plan. An alias whose subscription is no longer active (cancelled since an
// earlier run made it) returns that same subscription, so the next name is tried
// ("azscsp-{id}-2", …, at most kMaxSubscriptionAliases).
CreatedSubscription CreateAzureSubscription(const arm::ArmClient& arm,
                                            const std::shared_ptr<const PartnerCenterClient>& pc,
                                            const Customer& customer,
                                            const std::string& billing_account_name,
                                            util::Clock::SystemTime deadline, util::Clock& clock,
                                            const util::Context& context) {
  const std::string display_name =
      (customer.company_name.empty() ? customer.domain : customer.company_name) + " Azure";
  std::string inactive;  // "{alias}: {id} ({status})" of the names tried
  for (int attempt = 1; attempt <= kMaxSubscriptionAliases; ++attempt) {
    const std::string alias = AliasNameFor(customer.id, attempt);
    const std::string id = CreateSubscriptionAlias(arm, alias, display_name, billing_account_name,
                                                   customer.id, clock, deadline, context);
    // Partner Center lists the new subscription as an entitlement of the plan, possibly a little
    // after ARM made it.
    for (;;) {
      const auto all = ListAzureSubscriptions(customer.id, pc, context);
      const auto found = std::find_if(all.begin(), all.end(), [&](const AzureSubscriptionRef& ref) {
        return ref.azure_subscription_id == id && ref.source == "AzurePlan";
      });
      if (found != all.end() && found->Active()) return {id, alias};
      if (found != all.end()) {
        inactive += (inactive.empty() ? "" : ", ") + alias + ": " + id + " (" + found->status + ")";
        util::Progress(context, "The alias " + alias + " names the Azure subscription " + id +
                                    ", which is " + found->status +
                                    "; creating one with the next alias name.");
        break;
      }
      if (clock.Now() + std::chrono::seconds(2) > deadline)
        throw ServiceError(ErrorKind::Timeout,
                           {0, "SubscriptionAliasNotReady",
                            "The Azure subscription " + id + " of the alias '" + alias +
                                "' is not yet an Azure plan entitlement of the customer " +
                                customer.id + "; run this again later to pick it up."});
      clock.SleepFor(std::chrono::seconds(2), context);
    }
  }
  throw ServiceError(ErrorKind::Conflict,
                     {0, "SubscriptionAliasExhausted",
                      "Every alias name tried for the customer " + customer.id +
                          " names an Azure subscription that is no longer active (" + inactive +
                          "); create the Azure subscription in the Partner Center portal, or "
                          "pick an active one with azureSubscriptionId."});
}

}  // namespace

bool IsLegacyCustomer(const std::vector<Subscription>& subscriptions) {
  bool legacy = false;
  for (const auto& subscription : subscriptions) {
    if (subscription.status == "deleted") continue;
    if (subscription.IsAzurePlan()) return false;
    if (subscription.IsLegacyAzure()) legacy = true;
  }
  return legacy;
}

json::object OnboardingResult::ToJson() const {
  json::array step_array;
  for (const auto& step : steps)
    step_array.push_back({{"name", step.name}, {"status", step.status}, {"detail", step.detail}});
  json::object out{
      {"type", "onboarding"},
      {"customerId", customer_id},
      {"tenantId", tenant_id},
      {"domain", domain},
      {"companyName", company_name},
      {"azureSubscriptionId",
       azure_subscription_id.empty() ? json::value(nullptr) : json::value(azure_subscription_id)},
      {"source", source.empty() ? json::value(nullptr) : json::value(source)},
      {"steps", std::move(step_array)}};
  return out;
}

std::vector<PlannedStep> PlanOnboarding(const OnboardingRequest& request,
                                        const OnboardingState& state) {
  std::vector<PlannedStep> steps;
  // Customer
  if (state.customer) {
    steps.push_back({"Customer", StepAction::Found,
                     "Customer " + state.customer->id + " (" + state.customer->domain + ")."});
  } else if (request.create) {
    steps.push_back(
        {"Customer", StepAction::Create,
         "Create the customer '" + request.create->company_name + "' with the domain " +
             FullDomain(request.create->domain.empty() ? request.domain : request.create->domain,
                        state.domain_suffix) +
             "."});
  } else {
    throw ServiceError(ErrorKind::NotFound,
                       {404, "CustomerNotFound",
                        "No Partner Center customer of this partner " + DescribeCustomer(request) +
                            " was found; to create it, pass 'create' with companyName, email and "
                            "address (New-AzsCspPartnerCustomer's parameters)."});
  }
  const bool legacy = state.customer && IsLegacyCustomer(state.subscriptions);
  const std::optional<Subscription> plan =
      state.customer ? ExistingAzurePlan(state.subscriptions) : std::nullopt;
  // A suspended plan is neither done nor buyable (the service refuses a second one): say how to
  // resume it, before anything is written.
  if (plan && plan->status == "suspended")
    throw ServiceError(
        ErrorKind::Conflict,
        {409, "AzurePlanSuspended",
         "The Azure plan " + plan->id + " of the customer " + state.customer->id +
             " is suspended, so it has no usable Azure subscription and no second plan can be "
             "bought; resume it with Resume-AzsCspPartnerCustomerSubscription -CustomerId " +
             state.customer->id + " -SubscriptionId " + plan->id +
             " (partnerCenter.subscriptions.setStatus active), then run this again."});

  // Agreement
  if (legacy) {
    steps.push_back({"Agreement", StepAction::Skipped,
                     "Legacy Microsoft Azure (MS-AZR-0145P) customer: no Azure plan, so no "
                     "Microsoft Customer Agreement is needed here."});
  } else if (plan) {
    steps.push_back({"Agreement", StepAction::AlreadyDone,
                     "The customer has the Azure plan " + plan->id +
                         ", so the Microsoft Customer Agreement is in place."});
  } else if (state.has_agreement.value_or(false)) {
    steps.push_back(
        {"Agreement", StepAction::AlreadyDone, "The Microsoft Customer Agreement is confirmed."});
  } else {
    if (!request.contact)
      throw ServiceError(ErrorKind::InvalidArgument,
                         {0, "AgreementContactRequired",
                          "The customer " + DescribeCustomer(request) +
                              " has not accepted the Microsoft Customer Agreement, which the Azure "
                              "plan needs; pass 'contact' {firstName, lastName, email} of the "
                              "customer's person who accepted it."});
    steps.push_back(
        {"Agreement", StepAction::Run,
         "Confirm the Microsoft Customer Agreement accepted by " + request.contact->email + "."});
  }

  // AzurePlan
  if (legacy)
    steps.push_back(
        {"AzurePlan", StepAction::Skipped,
         "Legacy Microsoft Azure (MS-AZR-0145P) customer: its subscription is the Azure "
         "subscription."});
  else if (plan)
    steps.push_back({"AzurePlan", StepAction::AlreadyDone,
                     "Azure plan " + plan->id + " (" + plan->status + ")."});
  else
    steps.push_back({"AzurePlan", StepAction::Run, "Buy the Azure plan."});

  // AzureSubscription
  const std::string customer_id = state.customer ? state.customer->id : request.customer_id;
  const auto active = ActiveOnes(state.azure_subscriptions);
  const bool plan_ready = plan && plan->status == "active";
  PlannedStep pick{"AzureSubscription", StepAction::Run, ""};
  if (!request.azure_subscription_id.empty()) {
    for (const auto* ref : active)
      if (ref->azure_subscription_id == request.azure_subscription_id) {
        pick.action = StepAction::AlreadyDone;
        pick.azure_subscription_id = ref->azure_subscription_id;
        pick.source = ref->source;
        pick.detail = "Picked the requested Azure subscription " + ref->azure_subscription_id + ".";
      }
    // Not one of the customer's current Azure subscriptions: refused before any write (a plan
    // bought now could never have this id).
    if (pick.action == StepAction::Run)
      ThrowAzureSubscriptionNotFound(customer_id, request.azure_subscription_id,
                                     state.azure_subscriptions, "");
  } else if (!active.empty()) {
    pick.action = StepAction::AlreadyDone;
    pick.azure_subscription_id = active.front()->azure_subscription_id;
    pick.source = active.front()->source;
    pick.detail = "Picked " + pick.azure_subscription_id +
                  (active.size() == 1
                       ? std::string(" (the only active one).")
                       : " (the oldest of " + std::to_string(active.size()) + " active ones).");
  } else if (legacy) {
    ThrowAzureSubscriptionNotFound(customer_id, "", state.azure_subscriptions, "");
  } else if (plan_ready) {
    if (request.billing_account_name.empty())
      ThrowAzureSubscriptionNotFound(customer_id, "", state.azure_subscriptions,
                                     "Pass billingAccountName to create one under the Azure plan "
                                     "(or pick one with azureSubscriptionId).");
    pick.detail = "Create an Azure subscription under the Azure plan " + plan->id +
                  " (billing account " + request.billing_account_name + ").";
  } else {
    pick.detail = "Pick the Azure plan's Azure subscription once it is bought.";
  }
  steps.push_back(std::move(pick));
  return steps;
}

OnboardingState CustomerOnboarding::ReadState(const OnboardingRequest& request,
                                              const util::Context& context) const {
  OnboardingState state;
  state.domain_suffix = partner_center_->DomainSuffix();
  const CustomersClient customers(partner_center_);
  if (!request.customer_id.empty()) {
    try {
      state.customer = customers.Get(request.customer_id, context);
    } catch (const ServiceError& error) {
      if (error.Details().http_status != 404) throw;
    }
  } else {
    state.customer = customers.FindByDomain(request.domain, context);
  }
  if (!state.customer) return state;
  state.subscriptions = SubscriptionsClient(partner_center_).List(state.customer->id, "", context);
  if (!ExistingAzurePlan(state.subscriptions) && !IsLegacyCustomer(state.subscriptions))
    state.has_agreement = !AgreementsClient(partner_center_)
                               .List(state.customer->id, kMicrosoftCustomerAgreement, context)
                               .empty();
  state.azure_subscriptions =
      AzureSubscriptionsOf(state.customer->id, state.subscriptions, partner_center_, context);
  return state;
}

OnboardingResult CustomerOnboarding::Run(const OnboardingRequest& request,
                                         const util::Context& context,
                                         const CreatedCustomerSink& on_created) const {
  const OnboardingState state = ReadState(request, context);
  const std::vector<PlannedStep> plan = PlanOnboarding(request, state);
  OnboardingResult result;
  auto end_step = [&](const std::string& name, const std::string& status,
                      const std::string& detail) {
    result.steps.push_back({name, status, detail});
    util::Progress(context, "Step: " + name + ": " + status + ": " + detail);
  };
  auto set_customer = [&](const Customer& customer) {
    result.customer_id = customer.id;
    result.tenant_id = customer.tenant_id;
    result.domain = customer.domain;
    result.company_name = customer.company_name;
  };
  if (state.customer) set_customer(*state.customer);

  // Everything that can refuse the run is checked before the first write.
  NewCustomer create;
  if (plan[0].action == StepAction::Create) {
    create = *request.create;
    if (create.domain.empty()) create.domain = request.domain;
    // The agreement step needs app+user: an app-only token must not create the customer first.
    if (!request.what_if && plan[1].action == StepAction::Run)
      partner_center_->RequireAppUser(
          "partnerCenter.onboardCustomer (the Microsoft Customer Agreement of the new customer)",
          context);
    // Domain availability and address validation (read-only): also under whatIf.
    CheckNewCustomer(create, partner_center_, context);
  }

  if (request.what_if) {
    for (const auto& step : plan) {
      if (step.action == StepAction::AlreadyDone && !step.azure_subscription_id.empty()) {
        result.azure_subscription_id = step.azure_subscription_id;
        result.source = step.source;
      }
      end_step(step.name, WhatIfStatus(step), step.detail);
    }
    if (!state.customer && request.create) {
      result.domain =
          FullDomain(request.create->domain.empty() ? request.domain : request.create->domain,
                     partner_center_->DomainSuffix());
      result.company_name = request.create->company_name;
    }
    return result;
  }

  // Customer
  Customer customer;
  if (state.customer) {
    customer = *state.customer;
    end_step("Customer", "Found", plan[0].detail);
  } else {
    customer = CreateCustomer(create, partner_center_, context, /*checked=*/true);
    json::object credentials;
    if (const json::value* given = customer.raw.if_contains("userCredentials");
        given && given->is_object())
      credentials = given->as_object();
    customer.raw.erase("userCredentials");
    set_customer(customer);
    // Handed over at once: a later step may fail, and the password is shown only here.
    if (on_created) on_created(customer, credentials);
    end_step("Customer", "Created",
             "Created the customer " + customer.id + " (" + customer.domain + ").");
  }

  // Agreement
  if (plan[1].action == StepAction::Run) {
    const EnsuredAgreement ensured = EnsureCustomerAgreement(
        AgreementsClient(partner_center_), customer.id, *request.contact, "", "", context);
    end_step("Agreement", ensured.already_done ? "AlreadyDone" : "Done",
             ensured.already_done ? "The Microsoft Customer Agreement is confirmed."
                                  : "Confirmed the Microsoft Customer Agreement accepted by " +
                                        request.contact->email + ".");
  } else {
    end_step("Agreement", plan[1].action == StepAction::Skipped ? "Skipped" : "AlreadyDone",
             plan[1].detail);
  }

  // AzurePlan
  PurchaseOptions purchase;
  purchase.friendly_name = request.friendly_name;
  purchase.timeout = request.purchase_timeout;
  if (plan[2].action == StepAction::Run) {
    const PurchaseResult bought =
        PurchaseAzurePlan(customer.id, purchase, partner_center_, clock_, context);
    end_step("AzurePlan", bought.status,
             (bought.status == "Done" ? "Bought the Azure plan " : "Azure plan ") +
                 bought.subscription.id + " (order " + bought.order_id + ").");
  } else if (plan[2].action == StepAction::AlreadyDone) {
    if (const auto existing = ExistingAzurePlan(state.subscriptions);
        existing && existing->status == "pending")
      CompleteAzurePlan(customer.id, *existing, existing->order_id, purchase, partner_center_,
                        clock_, context);
    end_step("AzurePlan", "AlreadyDone", plan[2].detail);
  } else {
    end_step("AzurePlan", "Skipped", plan[2].detail);
  }

  // AzureSubscription
  const PlannedStep& pick = plan[3];
  if (pick.action == StepAction::AlreadyDone) {
    result.azure_subscription_id = pick.azure_subscription_id;
    result.source = pick.source;
    end_step("AzureSubscription", "AlreadyDone", pick.detail);
    return result;
  }
  const auto all = ListAzureSubscriptions(customer.id, partner_center_, context);
  const auto active = ActiveOnes(all);
  const AzureSubscriptionRef* chosen = nullptr;
  if (!request.azure_subscription_id.empty()) {
    for (const auto* ref : active)
      if (ref->azure_subscription_id == request.azure_subscription_id) chosen = ref;
    if (!chosen)
      ThrowAzureSubscriptionNotFound(customer.id, request.azure_subscription_id, all, "");
  } else if (!active.empty()) {
    chosen = active.front();
  }
  if (chosen) {
    result.azure_subscription_id = chosen->azure_subscription_id;
    result.source = chosen->source;
    end_step("AzureSubscription", "AlreadyDone",
             "Picked " + chosen->azure_subscription_id + " (" + chosen->source + ").");
    return result;
  }
  if (request.billing_account_name.empty() || !arm_)
    ThrowAzureSubscriptionNotFound(customer.id, "", all,
                                   "Pass billingAccountName to create one under the Azure plan.");
  const CreatedSubscription created =
      CreateAzureSubscription(*arm_, partner_center_, customer, request.billing_account_name,
                              clock_.Now() + request.purchase_timeout, clock_, context);
  result.azure_subscription_id = created.azure_subscription_id;
  result.source = "AzurePlan";
  end_step("AzureSubscription", "Done",
           "Created the Azure subscription " + result.azure_subscription_id + " with the alias " +
               created.alias + ".");
  return result;
}

}  // namespace azscsp::partnercenter
