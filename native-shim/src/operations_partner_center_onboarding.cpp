// partnerCenter.onboardCustomer (README.md, Partner Center (issue 7)): the Partner Center half of
// onboarding a CSP customer, planned from what Partner Center holds, then applied step by step.
#include <chrono>

#include "arguments.hpp"
#include "azscsp/errors.hpp"
#include "azscsp/partnercenter/customer_onboarding.hpp"
#include "client_state.hpp"
#include "operation_handlers.hpp"
#include "partner_center_arguments.hpp"

namespace json = boost::json;
namespace pc = azscsp::partnercenter;

namespace azscsp::shim::_detail {

void OnboardPartnerCustomer(ClientState& client, const json::object& arguments, const Emit& emit,
                            const util::Context& context) {
  pc::OnboardingRequest request;
  request.customer_id = OptionalGuid(arguments, "customerId").value_or("");
  request.domain = OptionalString(arguments, "domain").value_or("");
  if (request.customer_id.empty() && request.domain.empty())
    throw InvalidArgumentError(
        "Name the customer: the argument 'domain' or 'customerId' is required.");
  if (const json::object* create = OptionalObject(arguments, "create")) {
    json::object with_domain = *create;
    if (!with_domain.contains("domain") && !request.domain.empty())
      with_domain["domain"] = request.domain;
    request.create = NewCustomerFrom(with_domain, "create.");
  }
  if (const json::object* contact = OptionalObject(arguments, "contact"))
    request.contact = ContactFrom(*contact, "contact.");
  request.azure_subscription_id = OptionalGuid(arguments, "azureSubscriptionId").value_or("");
  request.friendly_name = OptionalString(arguments, "friendlyName").value_or("");
  request.billing_account_name = OptionalString(arguments, "billingAccountName").value_or("");
  request.what_if = OptionalBool(arguments, "whatIf").value_or(false);
  request.purchase_timeout =
      std::chrono::seconds(OptionalInteger(arguments, "timeoutSeconds", 1, 86400).value_or(900));
  // ARM only when an Azure subscription may have to be created.
  std::shared_ptr<const arm::ArmClient> arm;
  if (!request.billing_account_name.empty() && !request.what_if) arm = client.Arm(context);
  const pc::CustomerOnboarding onboarding(client.PartnerCenter(context), arm);
  // The new customer's credentials as their own item, emitted before any later step can fail.
  const auto on_created = [&emit](const pc::Customer& customer,
                                  const json::object& user_credentials) {
    json::object credentials{{"userName", ""}, {"password", ""}};
    for (const char* key : {"userName", "password"})
      if (const json::value* value = user_credentials.if_contains(key); value && value->is_string())
        credentials[key] = *value;
    emit({{"type", "customerCredentials"},
          {"customerId", customer.id},
          {"userCredentials", std::move(credentials)}});
  };
  emit(onboarding.Run(request, context, on_created).ToJson());
}

}  // namespace azscsp::shim::_detail
