// Partner Center customer onboarding (issue 7): the pure plan's decisions (found/create, agreement
// needed or not, legacy customers, plan present, picking the Azure subscription, the errors raised
// before anything is written) and Run against a fake Partner Center (whatIf writes nothing, a full
// run, a re-run that writes nothing).
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "azscsp/arm/arm_client.hpp"
#include "azscsp/partnercenter/customer_onboarding.hpp"
#include "azscsp/partnercenter/subscription_alias.hpp"
#include "azscsp/util/json.hpp"
#include "fake_partner_center.hpp"

using namespace azscsp;
using namespace azscsp::testing;
namespace pc = azscsp::partnercenter;
namespace json = boost::json;

namespace {

const std::string kCustomer = "e40189a3-e640-46a3-b8ff-16b642010b0d";

pc::Customer FabrikamCustomer() {
  return pc::Customer::FromJson(json::parse(R"({"id":"e40189a3-e640-46a3-b8ff-16b642010b0d",
      "companyProfile":{"tenantId":"e40189a3-e640-46a3-b8ff-16b642010b0d","domain":"fabrikam.onmicrosoft.com","companyName":"Fabrikam"}})"));
}

pc::Subscription Sub(const std::string& id, const std::string& offer, const std::string& status,
                     const std::string& created = "") {
  return pc::Subscription::FromJson(
      json::object{{"id", id}, {"offerId", offer}, {"status", status}, {"creationDate", created}});
}

pc::AzureSubscriptionRef Ref(const std::string& id, const std::string& source,
                             const std::string& status) {
  return {kCustomer, id, source, "pc-" + id, "", status, "", ""};
}

std::string CodeOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const ServiceError& error) {
    return error.Details().code;
  }
  return "";
}

std::vector<pc::StepAction> Actions(const std::vector<pc::PlannedStep>& steps) {
  std::vector<pc::StepAction> actions;
  for (const auto& step : steps) actions.push_back(step.action);
  return actions;
}

}  // namespace

namespace azscsp::partnercenter {
inline std::ostream& operator<<(std::ostream& out, StepAction action) {
  return out << static_cast<int>(action);
}
}  // namespace azscsp::partnercenter

BOOST_AUTO_TEST_SUITE(partner_center_onboarding_plan)

using pc::StepAction;

BOOST_AUTO_TEST_CASE(existing_customer_without_agreement_or_plan_needs_everything) {
  pc::OnboardingRequest request;
  request.domain = "fabrikam.onmicrosoft.com";
  pc::OnboardingState state;
  state.customer = FabrikamCustomer();
  state.has_agreement = false;
  BOOST_TEST(CodeOf([&] { pc::PlanOnboarding(request, state); }) == "AgreementContactRequired");
  request.contact = pc::AgreementContact{"Tania", "Carr", "tania@fabrikam.example", ""};
  const auto steps = pc::PlanOnboarding(request, state);
  BOOST_TEST(Actions(steps) == (std::vector<StepAction>{StepAction::Found, StepAction::Run,
                                                        StepAction::Run, StepAction::Run}),
             boost::test_tools::per_element());
  BOOST_TEST(steps[0].name == "Customer");
  BOOST_TEST(steps[3].name == "AzureSubscription");
}

BOOST_AUTO_TEST_CASE(missing_customer_without_create_is_customer_not_found) {
  pc::OnboardingRequest request;
  request.domain = "newco.onmicrosoft.com";
  BOOST_TEST(CodeOf([&] { pc::PlanOnboarding(request, {}); }) == "CustomerNotFound");
  request.create = pc::NewCustomer{};
  request.create->company_name = "NewCo";
  request.contact = pc::AgreementContact{"A", "B", "a@b.example", ""};
  const auto steps = pc::PlanOnboarding(request, {});
  BOOST_TEST(Actions(steps) == (std::vector<StepAction>{StepAction::Create, StepAction::Run,
                                                        StepAction::Run, StepAction::Run}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_customer_with_a_plan_and_active_subscriptions_needs_nothing_oldest_picked) {
  pc::OnboardingRequest request;
  request.customer_id = kCustomer;
  pc::OnboardingState state;
  state.customer = FabrikamCustomer();
  state.subscriptions = {Sub("plan", "DZH318Z0BPS6:0001:DZH318Z0BML6", "active")};
  state.azure_subscriptions = {Ref("cccc", "AzurePlan", "cancelled"),
                               Ref("aaaa", "AzurePlan", "active"),
                               Ref("bbbb", "AzurePlan", "active")};
  auto steps = pc::PlanOnboarding(request, state);
  BOOST_TEST(
      Actions(steps) == (std::vector<StepAction>{StepAction::Found, StepAction::AlreadyDone,
                                                 StepAction::AlreadyDone, StepAction::AlreadyDone}),
      boost::test_tools::per_element());
  BOOST_TEST(steps[3].azure_subscription_id == "aaaa");

  request.azure_subscription_id = "bbbb";
  steps = pc::PlanOnboarding(request, state);
  BOOST_TEST(steps[3].azure_subscription_id == "bbbb");

  request.azure_subscription_id = "cccc";  // not active
  BOOST_TEST(CodeOf([&] { pc::PlanOnboarding(request, state); }) == "AzureSubscriptionNotFound");
}

BOOST_AUTO_TEST_CASE(a_plan_without_active_subscriptions_needs_a_billing_account) {
  pc::OnboardingRequest request;
  request.customer_id = kCustomer;
  pc::OnboardingState state;
  state.customer = FabrikamCustomer();
  state.subscriptions = {Sub("plan", "DZH318Z0BPS6:0001:DZH318Z0BML6", "active")};
  state.azure_subscriptions = {Ref("cccc", "AzurePlan", "cancelled")};
  BOOST_TEST(CodeOf([&] { pc::PlanOnboarding(request, state); }) == "AzureSubscriptionNotFound");
  request.billing_account_name = "ba-1";
  const auto steps = pc::PlanOnboarding(request, state);
  BOOST_TEST(steps[3].action == StepAction::Run);
  BOOST_TEST(steps[3].detail.find("ba-1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_legacy_customer_skips_agreement_and_plan_and_picks_its_subscription) {
  pc::OnboardingRequest request;
  request.customer_id = kCustomer;
  pc::OnboardingState state;
  state.customer = FabrikamCustomer();
  state.subscriptions = {Sub("7D7B7C70-8909-4C01-A082-0E2106B4A48B", "MS-AZR-0145P", "active"),
                         Sub("lic", "CFQ7TTC0LH18:0001:CFQ7TTC0LDPB", "active")};
  BOOST_TEST(pc::IsLegacyCustomer(state.subscriptions));
  state.azure_subscriptions = {Ref("7d7b7c70-8909-4c01-a082-0e2106b4a48b", "Legacy", "active")};
  const auto steps = pc::PlanOnboarding(request, state);
  BOOST_TEST(
      Actions(steps) == (std::vector<StepAction>{StepAction::Found, StepAction::Skipped,
                                                 StepAction::Skipped, StepAction::AlreadyDone}),
      boost::test_tools::per_element());
  BOOST_TEST(steps[3].source == "Legacy");
}

BOOST_AUTO_TEST_CASE(a_confirmed_agreement_is_already_done) {
  pc::OnboardingRequest request;
  request.customer_id = kCustomer;
  pc::OnboardingState state;
  state.customer = FabrikamCustomer();
  state.has_agreement = true;
  const auto steps = pc::PlanOnboarding(request, state);  // no contact needed
  BOOST_TEST(steps[1].action == StepAction::AlreadyDone);
  BOOST_TEST(steps[2].action == StepAction::Run);
}

BOOST_AUTO_TEST_CASE(a_requested_azure_subscription_must_exist_before_anything_is_bought) {
  pc::OnboardingRequest request;
  request.customer_id = kCustomer;
  request.azure_subscription_id = "dddd";
  request.contact = pc::AgreementContact{"A", "B", "a@b.example", ""};
  pc::OnboardingState state;
  state.customer = FabrikamCustomer();
  state.has_agreement = false;  // no plan yet: it would be bought first
  BOOST_TEST(CodeOf([&] { pc::PlanOnboarding(request, state); }) == "AzureSubscriptionNotFound");
  state.subscriptions = {Sub("plan", "DZH318Z0BPS6:0001:DZH318Z0BML6", "pending")};
  BOOST_TEST(CodeOf([&] { pc::PlanOnboarding(request, state); }) == "AzureSubscriptionNotFound");
  // A customer to create cannot have it either.
  pc::OnboardingRequest create = request;
  create.customer_id.clear();
  create.domain = "newco";
  create.create = pc::NewCustomer{};
  BOOST_TEST(CodeOf([&] { pc::PlanOnboarding(create, {}); }) == "AzureSubscriptionNotFound");
}

BOOST_AUTO_TEST_CASE(a_suspended_plan_is_refused_with_how_to_resume_it) {
  pc::OnboardingRequest request;
  request.customer_id = kCustomer;
  pc::OnboardingState state;
  state.customer = FabrikamCustomer();
  state.subscriptions = {Sub("plan-9", "DZH318Z0BPS6:0001:DZH318Z0BML6", "suspended")};
  state.azure_subscriptions = {Ref("aaaa", "AzurePlan", "active")};
  try {
    pc::PlanOnboarding(request, state);
    BOOST_FAIL("expected AzurePlanSuspended");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Details().code == "AzurePlanSuspended");
    BOOST_TEST(error.Kind() == ErrorKind::Conflict);
    const std::string message = error.what();
    BOOST_TEST(message.find("Resume-AzsCspPartnerCustomerSubscription -CustomerId " + kCustomer +
                            " -SubscriptionId plan-9") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(alias_names_are_deterministic_per_customer) {
  BOOST_TEST(pc::AliasNameFor("E40189A3-E640-46A3-B8FF-16B642010B0D") ==
             "azscsp-e40189a3-e640-46a3-b8ff-16b642010b0d");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(partner_center_onboarding_run)

BOOST_AUTO_TEST_CASE(what_if_reads_only_then_a_run_does_everything_and_a_rerun_writes_nothing) {
  PartnerCenterFake fake;
  const std::string base = "/v1/customers/" + kCustomer;
  const std::string customer_json =
      R"({"id":"e40189a3-e640-46a3-b8ff-16b642010b0d","companyProfile":
      {"tenantId":"e40189a3-e640-46a3-b8ff-16b642010b0d","domain":"fabrikam.onmicrosoft.com","companyName":"Fabrikam"}})";
  fake.Route("GET /v1/customers", 200, "{\"items\":[" + customer_json + "]}");
  bool bought = false, agreed = false;
  fake.routes["GET " + base + "/subscriptions"] = [&](const http::Request&) {
    return MakeResponse(
        200,
        bought
            ? R"({"items":[{"id":"plan-1","offerId":"DZH318Z0BPS6:0001:DZH318Z0BML6","status":"active","orderId":"o-1"}]})"
            : R"({"items":[]})");
  };
  fake.routes["GET " + base + "/agreements"] = [&](const http::Request&) {
    return MakeResponse(200, agreed ? R"({"items":[{"templateId":"t"}]})" : R"({"items":[]})");
  };
  fake.Route("GET /v1/agreements", 200,
             R"({"items":[{"templateId":"117a77b0-9360-443b-8795-c6dedc750cf9"}]})");
  fake.routes["POST " + base + "/agreements"] = [&](const http::Request& request) {
    agreed = true;
    return MakeResponse(201, request.body);
  };
  fake.Route(
      "GET " + base + "/products/DZH318Z0BPS6/skus/0001/availabilities", 200,
      R"({"items":[{"id":"DZH318Z0BML6","productId":"DZH318Z0BPS6","skuId":"0001","catalogItemId":"DZH318Z0BPS6:0001:DZH318Z0BML6"}]})");
  fake.Route("POST " + base + "/carts", 201, R"({"id":"cart-1"})");
  fake.routes["POST " + base + "/carts/cart-1/checkout"] = [&](const http::Request&) {
    bought = true;
    return MakeResponse(
        201,
        R"({"orders":[{"id":"o-1","status":"completed","lineItems":[{"subscriptionId":"plan-1"}]}]})");
  };
  fake.Route("GET " + base + "/orders/o-1", 200, R"({"id":"o-1","status":"completed"})");
  fake.Route("GET " + base + "/subscriptions/plan-1", 200,
             R"({"id":"plan-1","offerId":"DZH318Z0BPS6:0001:DZH318Z0BML6","status":"active"})");
  fake.Route(
      "GET " + base + "/subscriptions/plan-1/azureEntitlements", 200,
      R"({"items":[{"id":"AB000000-0000-4000-8000-000000000001","status":"active","subscriptionId":"plan-1"}]})");

  const pc::CustomerOnboarding onboarding(fake.client, nullptr, fake.clock);
  pc::OnboardingRequest request;
  request.domain = "fabrikam";
  request.contact = pc::AgreementContact{"Tania", "Carr", "tania@fabrikam.example", ""};
  request.what_if = true;
  pc::OnboardingResult result = onboarding.Run(request, {});
  BOOST_TEST(fake.Writes() == 0);
  BOOST_REQUIRE(result.steps.size() == 4u);
  BOOST_TEST(result.steps[0].status == "Found");
  BOOST_TEST(result.steps[1].status == "WouldRun");
  BOOST_TEST(result.steps[2].status == "WouldRun");
  BOOST_TEST(result.steps[3].status == "WouldRun");

  request.what_if = false;
  int created = 0;
  const pc::CreatedCustomerSink count_created = [&created](const pc::Customer&,
                                                           const json::object&) { ++created; };
  result = onboarding.Run(request, {}, count_created);
  BOOST_TEST(result.steps[1].status == "Done");
  BOOST_TEST(result.steps[2].status == "Done");
  BOOST_TEST(result.steps[3].status == "AlreadyDone");
  BOOST_TEST(result.azure_subscription_id == "ab000000-0000-4000-8000-000000000001");
  BOOST_TEST(result.source == "AzurePlan");
  BOOST_TEST(result.customer_id == kCustomer);
  BOOST_TEST(created == 0);  // found, not created: no credentials
  const int writes = fake.Writes();
  BOOST_TEST(writes == 3);  // agreement, cart, checkout

  result = onboarding.Run(request, {});
  BOOST_TEST(fake.Writes() == writes);
  for (size_t i = 1; i < result.steps.size(); ++i)
    BOOST_TEST(result.steps[i].status == "AlreadyDone");
  BOOST_TEST(result.azure_subscription_id == "ab000000-0000-4000-8000-000000000001");
  const json::object item = result.ToJson();
  BOOST_TEST(item.at("steps").as_array().size() == 4u);
  BOOST_TEST(item.at("type").as_string() == "onboarding");
  BOOST_TEST(!item.contains("userCredentials"));
}

namespace {

pc::OnboardingRequest NewCustomerRequest() {
  pc::OnboardingRequest request;
  request.domain = "newco";
  request.create = pc::NewCustomer{};
  request.create->company_name = "NewCo";
  request.create->email = "it@newco.example";
  request.create->address = {{"addressLine1", "1 Main St"},
                             {"city", "Redmond"},
                             {"state", "WA"},
                             {"postalCode", "98052"},
                             {"country", "US"},
                             {"firstName", "A"},
                             {"lastName", "B"}};
  request.contact = pc::AgreementContact{"A", "B", "a@newco.example", ""};
  return request;
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_app_only_token_never_creates_a_customer_it_cannot_finish) {
  PartnerCenterFake fake(/*app_only=*/true);
  fake.Route("GET /v1/customers", 200, R"({"items":[]})");
  fake.Route("HEAD /v1/domains/newco.onmicrosoft.com", 404);
  fake.Route("POST /v1/validations/address", 200, R"({"status":"VerifiedShippable"})");
  fake.Route("POST /v1/customers", 201, R"({"id":"x"})");
  const pc::CustomerOnboarding onboarding(fake.client, nullptr, fake.clock);
  pc::OnboardingRequest request = NewCustomerRequest();
  BOOST_TEST(CodeOf([&] { onboarding.Run(request, {}); }) == "PartnerCenterAppUserRequired");
  BOOST_TEST(fake.Count("POST /v1/customers") == 0);
  BOOST_TEST(fake.Writes() == 0);
  // whatIf writes nothing anyway: the plan is shown.
  request.what_if = true;
  const pc::OnboardingResult plan = onboarding.Run(request, {});
  BOOST_TEST(plan.steps.at(0).status == "WouldCreate");
  BOOST_TEST(fake.Count("POST /v1/customers") == 0);
}

BOOST_AUTO_TEST_CASE(domain_and_address_are_checked_before_any_write_and_under_what_if) {
  PartnerCenterFake fake;
  fake.Route("GET /v1/customers", 200, R"({"items":[]})");
  fake.Route("HEAD /v1/domains/newco.onmicrosoft.com", 200);  // taken
  fake.Route("POST /v1/validations/address", 200, R"({"status":"VerifiedShippable"})");
  fake.Route("POST /v1/customers", 201, R"({"id":"x"})");
  const pc::CustomerOnboarding onboarding(fake.client, nullptr, fake.clock);
  pc::OnboardingRequest request = NewCustomerRequest();
  request.what_if = true;
  BOOST_TEST(CodeOf([&] { onboarding.Run(request, {}); }) == "DomainNotAvailable");
  request.what_if = false;
  BOOST_TEST(CodeOf([&] { onboarding.Run(request, {}); }) == "DomainNotAvailable");
  BOOST_TEST(fake.Count("POST /v1/customers") == 0);

  fake.Route("HEAD /v1/domains/newco.onmicrosoft.com", 404);
  fake.Route("POST /v1/validations/address", 200,
             R"({"status":"None","suggestedAddresses":[{"postalCode":"98052-6399"}]})");
  request.what_if = true;
  BOOST_TEST(CodeOf([&] { onboarding.Run(request, {}); }) == "AddressNotValid");
  request.what_if = false;
  BOOST_TEST(CodeOf([&] { onboarding.Run(request, {}); }) == "AddressNotValid");
  BOOST_TEST(fake.Count("POST /v1/customers") == 0);

  fake.Route("POST /v1/validations/address", 200, R"({"status":"VerifiedShippable"})");
  request.what_if = true;
  const pc::OnboardingResult plan = onboarding.Run(request, {});
  BOOST_TEST(plan.steps.at(0).status == "WouldCreate");
  BOOST_TEST(fake.Count("POST /v1/customers") == 0);
}

BOOST_AUTO_TEST_CASE(an_alias_whose_subscription_was_cancelled_moves_to_the_next_alias_name) {
  PartnerCenterFake fake;
  const std::string base = "/v1/customers/" + kCustomer;
  fake.Route("GET " + base, 200,
             R"({"id":"e40189a3-e640-46a3-b8ff-16b642010b0d","companyProfile":{"tenantId":
             "e40189a3-e640-46a3-b8ff-16b642010b0d","domain":"fabrikam.onmicrosoft.com",
             "companyName":"Fabrikam"}})");
  fake.Route("GET " + base + "/subscriptions", 200,
             R"({"items":[{"id":"plan-1","offerId":"DZH318Z0BPS6:0001:DZH318Z0BML6",
             "status":"active"}]})");
  bool created = false;
  fake.routes["GET " + base + "/subscriptions/plan-1/azureEntitlements"] =
      [&](const http::Request&) {
        return MakeResponse(200,
                            std::string(R"({"items":[{"id":"AA000000-0000-4000-8000-00000000000A",)"
                                        R"("status":"cancelled","subscriptionId":"plan-1"})") +
                                (created ? R"(,{"id":"bb000000-0000-4000-8000-00000000000b",)"
                                           R"("status":"active","subscriptionId":"plan-1"}]})"
                                         : "]}"));
      };
  const std::string aliases = "/providers/Microsoft.Subscription/aliases/";
  // The first alias was used by an earlier run: its subscription is the cancelled one.
  fake.Route("PUT " + aliases + pc::AliasNameFor(kCustomer), 200,
             R"({"properties":{"subscriptionId":"AA000000-0000-4000-8000-00000000000A",
             "provisioningState":"Succeeded"}})");
  // The second is provisioned asynchronously: Accepted, then Succeeded.
  fake.Route("PUT " + aliases + pc::AliasNameFor(kCustomer, 2), 201,
             R"({"properties":{"provisioningState":"Accepted"}})");
  int polls = 0;
  fake.routes["GET " + aliases + pc::AliasNameFor(kCustomer, 2)] = [&](const http::Request&) {
    if (++polls < 2)
      return MakeResponse(200, R"({"properties":{"provisioningState":"Running"}})",
                          {{"Retry-After", "5"}});
    created = true;
    return MakeResponse(200, R"({"properties":{"provisioningState":"Succeeded",
        "subscriptionId":"BB000000-0000-4000-8000-00000000000B"}})");
  };
  const auto arm = std::make_shared<arm::ArmClient>(
      std::make_shared<http::Pipeline>(std::vector<std::shared_ptr<http::Policy>>{},
                                       fake.transport),
      "https://management.azure.com");
  const pc::CustomerOnboarding onboarding(fake.client, arm, fake.clock);
  pc::OnboardingRequest request;
  request.customer_id = kCustomer;
  request.billing_account_name = "ba-1";
  const pc::OnboardingResult result = onboarding.Run(request, {});
  BOOST_TEST(result.steps.at(3).status == "Done");
  BOOST_TEST(result.azure_subscription_id == "bb000000-0000-4000-8000-00000000000b");
  BOOST_TEST(result.steps.at(3).detail.find(pc::AliasNameFor(kCustomer, 2)) != std::string::npos);
  BOOST_TEST(fake.Count("PUT " + aliases + pc::AliasNameFor(kCustomer)) == 1);
  BOOST_TEST(fake.Count("PUT " + aliases + pc::AliasNameFor(kCustomer, 2)) == 1);
  BOOST_TEST(polls == 2);
  BOOST_REQUIRE(fake.clock.Sleeps().size() == 2u);
  BOOST_TEST(fake.clock.Sleeps().at(0).count() == 2000);  // no Retry-After: 2 s
  BOOST_TEST(fake.clock.Sleeps().at(1).count() == 5000);  // the alias's Retry-After
  BOOST_TEST(pc::AliasNameFor(kCustomer, 2) == "azscsp-" + kCustomer + "-2");

  // A failed provisioning names the alias and the state.
  created = false;
  fake.Route("PUT " + aliases + pc::AliasNameFor(kCustomer, 2), 201,
             R"({"properties":{"provisioningState":"Failed"}})");
  try {
    onboarding.Run(request, {});
    BOOST_FAIL("expected SubscriptionAliasFailed");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Details().code == "SubscriptionAliasFailed");
    BOOST_TEST(std::string(error.what()).find(pc::AliasNameFor(kCustomer, 2)) != std::string::npos);
    BOOST_TEST(std::string(error.what()).find("Failed") != std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()
