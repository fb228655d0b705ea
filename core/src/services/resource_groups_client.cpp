#include "azscsp/services/resource_groups_client.hpp"

#include "azscsp/arm/resource_id.hpp"
#include "azscsp/services/providers_client.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/url_encode.hpp"

namespace json = boost::json;

namespace azscsp::services {
namespace {

std::string GroupPath(const std::string& subscription_id, const std::string& name) {
  arm::ValidateSubscriptionId(subscription_id, "subscription ID");
  arm::ValidateResourceGroupName(name, "resource group name");
  return "/subscriptions/" + util::PercentEncode(subscription_id) + "/resourcegroups/" +
         util::PercentEncode(name);
}

ResourceGroup GroupFrom(const json::value& body) {
  ResourceGroup group{util::GetString(body, "id"),
                      util::GetString(body, "name"),
                      util::GetString(body, "location"),
                      {}};
  if (body.is_object())
    if (const json::value* properties = body.as_object().if_contains("properties"))
      group.provisioning_state = util::GetString(*properties, "provisioningState");
  return group;
}

std::string WithoutSpaces(const std::string& text) {
  std::string out;
  for (char c : text)
    if (c != ' ') out += c;
  return out;
}

}  // namespace

std::optional<ResourceGroup> ResourceGroupsClient::Get(const std::string& subscription_id,
                                                       const std::string& name,
                                                       const util::Context& context) const {
  try {
    return GroupFrom(arm::ReadBody(arm_->Send(http::Method::Get, GroupPath(subscription_id, name),
                                              kResourcesApiVersion, std::nullopt, context)));
  } catch (const ServiceError& error) {
    if (error.Details().http_status == 404) return std::nullopt;
    throw;
  }
}

CreateResourceGroupResult ResourceGroupsClient::CreateOrUpdate(const std::string& subscription_id,
                                                               const std::string& name,
                                                               const std::string& location,
                                                               const util::Context& context) const {
  if (location.empty()) throw InvalidArgumentError("A resource group needs a location.");
  const http::Response response =
      arm_->Send(http::Method::Put, GroupPath(subscription_id, name), kResourcesApiVersion,
                 json::value{{"location", location}}, context);
  return {GroupFrom(arm::ReadBody(response)), response.status == 201};
}

std::vector<Location> LocationsClient::List(const std::string& subscription_id,
                                            const util::Context& context) const {
  arm::ValidateSubscriptionId(subscription_id, "subscription ID");
  std::vector<Location> locations;
  arm_->ForEachInList(
      "/subscriptions/" + util::PercentEncode(subscription_id) + "/locations", kResourcesApiVersion,
      [&](const json::value& item) {
        locations.push_back({util::GetString(item, "name"), util::GetString(item, "displayName")});
        return true;
      },
      context);
  return locations;
}

std::optional<Location> FindLocation(const std::vector<Location>& locations,
                                     const std::string& wanted) {
  const std::string key = WithoutSpaces(wanted);
  for (const auto& location : locations)
    if (util::EqualsIgnoreCase(location.name, key) ||
        util::EqualsIgnoreCase(WithoutSpaces(location.display_name), key))
      return location;
  return std::nullopt;
}

}  // namespace azscsp::services
