#include "azscsp/services/registrations_client.hpp"

#include <array>
#include <cctype>

#include "azscsp/arm/resource_id.hpp"
#include "azscsp/services/registration_token.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/url_encode.hpp"

namespace json = boost::json;

namespace azscsp::services {

void ValidateAzureStackApiVersion(const std::string& api_version, bool customer_subscriptions) {
  static constexpr std::array<const char*, 4> versions = {"2016-01-01", "2017-06-01",
                                                          "2020-06-01-preview", "2022-06-01"};
  for (size_t i = customer_subscriptions ? 1 : 0; i < versions.size(); ++i)
    if (api_version == versions[i]) return;
  throw InvalidArgumentError(
      "The API version '" + api_version + "' is not supported for " +
      (customer_subscriptions ? std::string("customerSubscriptions; expected 2017-06-01 (default), "
                                            "2020-06-01-preview or 2022-06-01.")
                              : std::string("registrations; expected 2016-01-01, 2017-06-01 "
                                            "(default), 2020-06-01-preview or 2022-06-01.")));
}

std::string RegistrationPath(const RegistrationRef& registration) {
  return "/subscriptions/" + util::PercentEncode(registration.subscription_id) +
         "/resourceGroups/" + util::PercentEncode(registration.resource_group) +
         "/providers/Microsoft.AzureStack/registrations/" +
         util::PercentEncode(registration.registration_name);
}

void ValidateRegistrationRef(const RegistrationRef& registration) {
  arm::ValidateSubscriptionId(registration.subscription_id, "subscription ID");
  arm::ValidateResourceGroupName(registration.resource_group, "resource group name");
  arm::ValidateResourceName(registration.registration_name, "registration name");
}

Registration RegistrationsClient::Get(const RegistrationRef& registration,
                                      const std::string& api_version,
                                      const util::Context& context) const {
  ValidateRegistrationRef(registration);
  ValidateAzureStackApiVersion(api_version, false);
  const http::Response response = arm_->Send(http::Method::Get, RegistrationPath(registration),
                                             api_version, std::nullopt, context);
  return Registration::FromJson(arm::ReadBody(response));
}

void RegistrationsClient::List(const std::string& subscription_id,
                               const std::optional<std::string>& resource_group,
                               const std::string& api_version,
                               const std::function<bool(const Registration&)>& on_registration,
                               const util::Context& context) const {
  arm::ValidateSubscriptionId(subscription_id, "subscription ID");
  ValidateAzureStackApiVersion(api_version, false);
  std::string path = "/subscriptions/" + util::PercentEncode(subscription_id);
  if (resource_group) {
    arm::ValidateResourceGroupName(*resource_group, "resource group name");
    path += "/resourceGroups/" + util::PercentEncode(*resource_group);
  }
  path += "/providers/Microsoft.AzureStack/registrations";
  arm_->ForEachInList(
      path, api_version,
      [&](const json::value& item) { return on_registration(Registration::FromJson(item)); },
      context);
}

PutRegistrationResult RegistrationsClient::Put(const RegistrationRef& registration,
                                               const std::string& registration_token,
                                               const std::string& api_version,
                                               const util::Context& context) const {
  ValidateRegistrationRef(registration);
  ValidateAzureStackApiVersion(api_version, false);
  // Fails here, naming the problem, rather than as the service's terse InvalidRegistrationToken.
  RegistrationToken::Decode(registration_token);
  std::string token;
  for (char c : registration_token)
    if (!std::isspace(static_cast<unsigned char>(c))) token += c;
  const json::value body{{"location", "global"}, {"properties", {{"registrationToken", token}}}};
  const http::Response response =
      arm_->Send(http::Method::Put, RegistrationPath(registration), api_version, body, context);
  PutRegistrationResult result;
  result.created = response.status == 201;
  result.registration = response.body.empty() ? Get(registration, api_version, context)
                                              : Registration::FromJson(arm::ReadBody(response));
  return result;
}

DeleteRegistrationResult RegistrationsClient::Delete(const RegistrationRef& registration,
                                                     const std::string& api_version,
                                                     const util::Context& context) const {
  ValidateRegistrationRef(registration);
  ValidateAzureStackApiVersion(api_version, false);
  DeleteRegistrationResult result{RegistrationPath(registration), std::nullopt};
  const http::Response response =
      arm_->Send(http::Method::Delete, result.id, api_version, std::nullopt, context);
  if (response.status == 200 || response.status == 202) result.existed = true;
  return result;
}

ActivationKey RegistrationsClient::GetActivationKey(const RegistrationRef& registration,
                                                    const std::string& api_version,
                                                    const util::Context& context) const {
  ValidateRegistrationRef(registration);
  ValidateAzureStackApiVersion(api_version, false);
  // 2016-01-01 spells the action in camel case (api.md §1.2).
  const std::string action =
      api_version == "2016-01-01" ? "/getActivationKey" : "/getactivationkey";
  const http::Response response =
      arm_->Send(http::Method::Post, RegistrationPath(registration) + action, api_version,
                 std::nullopt, context);
  ActivationKey key = ActivationKey::FromJson(arm::ReadBody(response));
  if (key.activation_key.empty())
    throw ServiceError(ErrorKind::Service, {response.status, "InvalidResponse",
                                            "The service answered getactivationkey without an "
                                            "activationKey."});
  return key;
}

}  // namespace azscsp::services
