#include "azscsp/services/customer_subscriptions_client.hpp"

#include "azscsp/arm/resource_id.hpp"
#include "azscsp/services/registrations_client.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/ids.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/log.hpp"
#include "azscsp/util/url_encode.hpp"

namespace json = boost::json;

namespace azscsp::services {
namespace {

std::string ItemPath(const CustomerSubscriptionRef& ref) {
  return RegistrationPath(ref.registration) + "/customerSubscriptions/" +
         util::PercentEncode(ref.customer_subscription_id);
}

bool HasUsableBody(const http::Response& response) {
  if (response.body.empty()) return false;
  boost::system::error_code ec;
  const json::value body = json::parse(response.body, ec);
  // The spec's Put example answers with "id": "" — as good as no body.
  return !ec && body.is_object() && !util::GetString(body, "id").empty();
}

}  // namespace

void CustomerSubscriptionsClient::Validate(const CustomerSubscriptionRef& ref,
                                           bool need_customer_subscription) {
  arm::ValidateSubscriptionId(ref.registration.subscription_id, "registration subscription ID");
  arm::ValidateResourceGroupName(ref.registration.resource_group, "resource group name");
  arm::ValidateResourceName(ref.registration.registration_name, "registration name");
  if (need_customer_subscription)
    arm::ValidateSubscriptionId(ref.customer_subscription_id, "customer subscription ID");
}

CustomerSubscription CustomerSubscriptionsClient::Get(const CustomerSubscriptionRef& ref,
                                                      const std::string& api_version,
                                                      const util::Context& context) const {
  Validate(ref, true);
  ValidateAzureStackApiVersion(api_version, true);
  const http::Response response =
      arm_->Send(http::Method::Get, ItemPath(ref), api_version, std::nullopt, context);
  return CustomerSubscription::FromJson(arm::ReadBody(response), ref);
}

void CustomerSubscriptionsClient::List(
    const RegistrationRef& registration, const std::string& api_version,
    const std::function<bool(const CustomerSubscription&)>& on_item,
    const util::Context& context) const {
  Validate({registration, {}}, false);
  ValidateAzureStackApiVersion(api_version, true);
  arm_->ForEachInList(
      RegistrationPath(registration) + "/customerSubscriptions", api_version,
      [&](const json::value& item) {
        return on_item(CustomerSubscription::FromJson(item, {registration, {}}));
      },
      context);
}

CustomerSubscription CustomerSubscriptionsClient::Put(const CustomerSubscriptionRef& ref,
                                                      const std::optional<std::string>& tenant_id,
                                                      const std::optional<std::string>& etag,
                                                      const std::string& api_version,
                                                      const util::Context& context) const {
  Validate(ref, true);
  ValidateAzureStackApiVersion(api_version, true);
  if (tenant_id && !tenant_id->empty() && !util::IsGuid(*tenant_id)) {
    throw InvalidArgumentError("The tenant ID '" + *tenant_id +
                               "' is not a directory tenant ID; expected a GUID.");
  }
  // Always send a body: the spec requires one, the service fills a missing tenantId (api.md §11).
  json::object properties;
  if (tenant_id && !tenant_id->empty()) properties["tenantId"] = *tenant_id;
  json::object body{{"properties", properties}};
  if (etag && !etag->empty()) body["etag"] = *etag;

  const http::Response response =
      arm_->Send(http::Method::Put, ItemPath(ref), api_version, json::value(body), context);
  CustomerSubscription result = HasUsableBody(response)
                                    ? CustomerSubscription::FromJson(arm::ReadBody(response), ref)
                                    : Get(ref, api_version, context);  // docs: 201 with no body
  if (result.customer_subscription_id != ref.customer_subscription_id &&
      util::EqualsIgnoreCase(result.customer_subscription_id, ref.customer_subscription_id)) {
    util::Log(context, util::LogLevel::Warning,
              "The registration already maps customer subscription '" +
                  result.customer_subscription_id + "', which differs from '" +
                  ref.customer_subscription_id +
                  "' only in letter case; the docs call the ID case-sensitive.");
  }
  return result;
}

DeleteResult CustomerSubscriptionsClient::Delete(const CustomerSubscriptionRef& ref,
                                                 const std::string& api_version,
                                                 const util::Context& context) const {
  Validate(ref, true);
  ValidateAzureStackApiVersion(api_version, true);
  DeleteResult result{"/subscriptions/" + ref.registration.subscription_id + "/resourceGroups/" +
                          ref.registration.resource_group +
                          "/providers/Microsoft.AzureStack/registrations/" +
                          ref.registration.registration_name + "/customerSubscriptions/" +
                          ref.customer_subscription_id,
                      ref.customer_subscription_id, std::nullopt};
  try {
    const http::Response response =
        arm_->Send(http::Method::Delete, ItemPath(ref), api_version, std::nullopt, context);
    if (response.status == 200 || response.status == 202) result.existed = true;
  } catch (const ServiceError& error) {
    // Removing what is already gone is success for an idempotent remove (api.md §11 row 2).
    if (error.Details().code != "CustomerSubscriptionNotFound") throw;
    result.existed = false;
    util::Log(context, util::LogLevel::Warning,
              "Customer subscription '" + ref.customer_subscription_id +
                  "' was not mapped on registration '" + ref.registration.registration_name +
                  "'; nothing to remove.");
  }
  return result;
}

}  // namespace azscsp::services
