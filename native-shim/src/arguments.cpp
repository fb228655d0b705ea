#include "arguments.hpp"

#include "azscsp/arm/resource_id.hpp"
#include "azscsp/errors.hpp"
#include "azscsp/services/registrations_client.hpp"
#include "azscsp/util/case_insensitive.hpp"

namespace json = boost::json;

namespace azscsp::shim {
namespace {

struct ParsedResourceId {
  services::RegistrationRef registration;
  std::optional<std::string> customer_subscription_id;  // nullopt: the collection or the parent
};

ParsedResourceId ParseCustomerSubscriptionId(const std::string& text) {
  const arm::ResourceId id = arm::ResourceId::Parse(text);
  const auto& types = id.Types();
  const bool is_azurestack = util::EqualsIgnoreCase(id.ProviderNamespace(), "Microsoft.AzureStack");
  const bool is_registration = !types.empty() &&
                               util::EqualsIgnoreCase(types[0].type, "registrations") &&
                               !types[0].name.empty();
  const bool child_ok =
      types.size() == 1 ||
      (types.size() == 2 && util::EqualsIgnoreCase(types[1].type, "customerSubscriptions"));
  if (!is_azurestack || !is_registration || !child_ok) {
    throw InvalidArgumentError(
        "The resource ID '" + text +
        "' does not name a Microsoft.AzureStack registration or its customerSubscriptions; "
        "expected subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/"
        "Microsoft.AzureStack/registrations/{registrationName}/customerSubscriptions/"
        "{customerSubscriptionId}.");
  }
  ParsedResourceId parsed{{id.SubscriptionId(), id.ResourceGroup(), types[0].name}, std::nullopt};
  if (types.size() == 2 && !types[1].name.empty()) parsed.customer_subscription_id = types[1].name;
  return parsed;
}

}  // namespace

std::optional<std::string> OptionalString(const json::object& arguments, const char* name) {
  const json::value* value = arguments.if_contains(name);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_string())
    throw InvalidArgumentError(std::string("The argument '") + name + "' must be a string.");
  return std::string(value->as_string());
}

std::string RequiredString(const json::object& arguments, const char* name) {
  auto value = OptionalString(arguments, name);
  if (!value || value->empty())
    throw InvalidArgumentError(std::string("The argument '") + name + "' is required.");
  return *value;
}

std::optional<bool> OptionalBool(const json::object& arguments, const char* name) {
  const json::value* value = arguments.if_contains(name);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_bool())
    throw InvalidArgumentError(std::string("The argument '") + name + "' must be true or false.");
  return value->as_bool();
}

std::vector<std::string> OptionalStringList(const json::object& arguments, const char* name) {
  const json::value* value = arguments.if_contains(name);
  if (value == nullptr || value->is_null()) return {};
  if (value->is_string()) return {std::string(value->as_string())};
  std::vector<std::string> out;
  if (value->is_array())
    for (const auto& item : value->as_array()) {
      if (!item.is_string()) {
        out.clear();
        break;
      }
      out.emplace_back(item.as_string());
    }
  if (out.empty() && !(value->is_array() && value->as_array().empty()))
    throw InvalidArgumentError(std::string("The argument '") + name +
                               "' must be an array of strings.");
  return out;
}

std::string ApiVersion(const json::object& arguments) {
  auto value = OptionalString(arguments, "apiVersion");
  return value && !value->empty() ? *value : services::kDefaultAzureStackApiVersion;
}

services::RegistrationRef RegistrationFrom(const json::object& arguments) {
  if (auto resource_id = OptionalString(arguments, "resourceId"))
    return ParseCustomerSubscriptionId(*resource_id).registration;
  return {RequiredString(arguments, "subscriptionId"),
          OptionalString(arguments, "resourceGroupName").value_or("azurestack"),
          RequiredString(arguments, "registrationName")};
}

services::CustomerSubscriptionRef CustomerSubscriptionFrom(const json::object& arguments,
                                                           bool need_item) {
  if (auto resource_id = OptionalString(arguments, "resourceId")) {
    ParsedResourceId parsed = ParseCustomerSubscriptionId(*resource_id);
    if (need_item && !parsed.customer_subscription_id) {
      throw InvalidArgumentError("The resource ID '" + *resource_id +
                                 "' names no customer subscription; expected it to end in "
                                 "/customerSubscriptions/{customerSubscriptionId}.");
    }
    return {parsed.registration, parsed.customer_subscription_id.value_or("")};
  }
  services::CustomerSubscriptionRef ref{RegistrationFrom(arguments), {}};
  if (need_item) ref.customer_subscription_id = RequiredString(arguments, "customerSubscriptionId");
  return ref;
}

}  // namespace azscsp::shim
