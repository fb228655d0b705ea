#include "azscsp/partnercenter/subscription_alias.hpp"

#include "azscsp/errors.hpp"
#include "azscsp/partnercenter/partner_center_models.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/url_encode.hpp"

namespace json = boost::json;

namespace azscsp::partnercenter {

std::string AliasNameFor(const std::string& customer_id) {
  return "azscsp-" + Lower(customer_id);
}

std::string CreateSubscriptionAlias(const arm::ArmClient& arm, const std::string& alias,
                                    const std::string& display_name,
                                    const std::string& billing_account_name,
                                    const std::string& customer_id, const util::Context& context) {
  const json::object body{
      {"properties",
       {{"displayName", display_name},
        {"billingScope", "/providers/Microsoft.Billing/billingAccounts/" + billing_account_name +
                             "/customers/" + customer_id},
        {"workload", "Production"}}}};
  const std::string path =
      "/providers/Microsoft.Subscription/aliases/" + util::PercentEncode(alias);
  const http::Response response =
      arm.Send(http::Method::Put, path, kSubscriptionAliasApiVersion, json::value(body), context);
  json::value answer = response.body.empty() ? json::value() : arm::ReadBody(response);
  std::string id;
  if (answer.is_object())
    if (const json::value* properties = util::FindKeyIgnoreCase(answer.as_object(), "properties"))
      id = util::GetString(*properties, "subscriptionId");
  if (id.empty()) {
    answer = arm::ReadBody(
        arm.Send(http::Method::Get, path, kSubscriptionAliasApiVersion, std::nullopt, context));
    if (const json::value* properties =
            answer.is_object() ? util::FindKeyIgnoreCase(answer.as_object(), "properties")
                               : nullptr)
      id = util::GetString(*properties, "subscriptionId");
  }
  if (id.empty())
    throw ServiceError(ErrorKind::Service,
                       {response.status, "InvalidResponse",
                        "The subscription alias '" + alias + "' names no subscriptionId."});
  return Lower(id);
}

}  // namespace azscsp::partnercenter
