#include "azscsp/services/azurestack_models.hpp"

#include "azscsp/arm/resource_id.hpp"
#include "azscsp/errors.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/json.hpp"

namespace json = boost::json;

namespace azscsp::services {
namespace {

// Leading/trailing blanks occur in the docs' sample output (api.md §11 row 5).
std::string Trimmed(std::string text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::string LastSegment(const std::string& id) {
  std::string trimmed = Trimmed(id);
  while (!trimmed.empty() && trimmed.back() == '/') trimmed.pop_back();
  const size_t slash = trimmed.find_last_of('/');
  return slash == std::string::npos ? trimmed : trimmed.substr(slash + 1);
}

const json::object& PropertiesOf(const json::value& value) {
  static const json::object empty;
  if (!value.is_object()) return empty;
  const json::value* properties = value.as_object().if_contains("properties");
  return properties && properties->is_object() ? properties->as_object() : empty;
}

}  // namespace

std::optional<bool> ReadLenientBool(const json::value* value) {
  if (value == nullptr) return std::nullopt;
  if (value->is_bool()) return value->as_bool();
  if (value->is_string()) {
    const std::string text = Trimmed(std::string(value->as_string()));
    if (util::EqualsIgnoreCase(text, "true")) return true;
    if (util::EqualsIgnoreCase(text, "false")) return false;
  }
  return std::nullopt;
}

ActivationKey ActivationKey::FromJson(const json::value& value) {
  ActivationKey key;
  if (value.is_object()) {
    if (const json::value* found = util::FindKeyIgnoreCase(value.as_object(), "activationKey");
        found && found->is_string())
      key.activation_key = std::string(found->as_string());
  }
  return key;
}

Registration Registration::FromJson(const json::value& value) {
  Registration r;
  r.id = Trimmed(util::GetString(value, "id"));
  r.name = util::GetString(value, "name");
  r.type = util::GetString(value, "type");
  r.location = util::GetString(value, "location");
  r.etag = util::GetString(value, "etag");
  r.properties = PropertiesOf(value);
  const json::value properties(r.properties);
  r.cloud_id = util::GetString(properties, "cloudId");
  r.object_id = util::GetString(properties, "objectId");
  r.billing_model = util::GetString(properties, "billingModel");
  r.usage_reporting_enabled =
      ReadLenientBool(util::FindKeyIgnoreCase(r.properties, "usageReportingEnabled"));
  r.marketplace_syndication_enabled =
      ReadLenientBool(util::FindKeyIgnoreCase(r.properties, "marketplaceSyndicationEnabled"));
  if (value.is_object()) {
    if (const json::value* tags = value.as_object().if_contains("tags"); tags && tags->is_object())
      r.tags = tags->as_object();
  }
  try {
    const arm::ResourceId id = arm::ResourceId::Parse(r.id);
    r.subscription_id = id.SubscriptionId();
    r.resource_group = id.ResourceGroup();
    // The Get example's name disagrees with its id (api.md §11 row 26): the id wins.
    if (!id.Types().empty() && !id.Types().back().name.empty()) r.name = id.Types().back().name;
  } catch (const InvalidArgumentError&) {
    // Keep what the service sent; an unparsable id is not worth failing a read for.
  }
  return r;
}

json::object Registration::ToJson() const {
  auto optional_bool = [](const std::optional<bool>& flag) {
    return flag ? json::value(*flag) : json::value(nullptr);
  };
  return {{"id", id},
          {"name", name},
          {"type", type},
          {"location", location},
          {"etag", etag},
          {"subscriptionId", subscription_id},
          {"resourceGroupName", resource_group},
          {"cloudId", cloud_id},
          {"objectId", object_id},
          {"billingModel", billing_model},
          {"usageReportingEnabled", optional_bool(usage_reporting_enabled)},
          {"marketplaceSyndicationEnabled", optional_bool(marketplace_syndication_enabled)},
          {"tags", tags},
          {"properties", properties}};
}

CustomerSubscription CustomerSubscription::FromJson(const json::value& value,
                                                    const CustomerSubscriptionRef& fallback) {
  CustomerSubscription c;
  c.id = Trimmed(util::GetString(value, "id"));
  c.name = Trimmed(util::GetString(value, "name"));
  c.type = util::GetString(value, "type");
  c.etag = util::GetString(value, "etag");
  c.tenant_id = util::GetString(json::value(PropertiesOf(value)), "tenantId");
  if (value.is_object()) {
    if (const json::value* system_data = value.as_object().if_contains("systemData"))
      c.system_data = *system_data;
  }
  c.registration = fallback.registration;
  c.customer_subscription_id = fallback.customer_subscription_id;
  if (!c.id.empty()) {
    c.customer_subscription_id = LastSegment(c.id);
    try {
      const arm::ResourceId id = arm::ResourceId::Parse(c.id);
      c.registration.subscription_id = id.SubscriptionId();
      c.registration.resource_group = id.ResourceGroup();
      if (!id.Types().empty()) c.registration.registration_name = id.Types().front().name;
    } catch (const InvalidArgumentError&) {
    }
  } else {
    c.id = "/subscriptions/" + fallback.registration.subscription_id + "/resourceGroups/" +
           fallback.registration.resource_group + "/providers/Microsoft.AzureStack/registrations/" +
           fallback.registration.registration_name + "/customerSubscriptions/" +
           fallback.customer_subscription_id;
  }
  if (c.name.empty()) c.name = c.registration.registration_name + "/" + c.customer_subscription_id;
  if (c.type.empty()) c.type = "Microsoft.AzureStack/registrations/customerSubscriptions";
  return c;
}

json::object CustomerSubscription::ToJson() const {
  return {{"id", id},
          {"name", name},
          {"type", type},
          {"etag", etag},
          {"registrationSubscriptionId", registration.subscription_id},
          {"resourceGroupName", registration.resource_group},
          {"registrationName", registration.registration_name},
          {"customerSubscriptionId", customer_subscription_id},
          {"tenantId", tenant_id},
          {"systemData", system_data}};
}

}  // namespace azscsp::services
