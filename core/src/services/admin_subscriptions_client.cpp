#include "azscsp/services/admin_subscriptions_client.hpp"

#include <optional>

#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/json.hpp"

namespace json = boost::json;

namespace azscsp::services {

AdminSubscription AdminSubscriptionsClient::FindDefaultProvider(
    const std::string& name, const util::Context& context) const {
  std::optional<AdminSubscription> found;
  arm_->ForEachInList(
      "/subscriptions", kAdminSubscriptionsApiVersion,
      [&](const json::value& item) {
        if (!util::EqualsIgnoreCase(util::GetString(item, "displayName"), name)) return true;
        found =
            AdminSubscription{util::GetString(item, "subscriptionId"),
                              util::GetString(item, "displayName"), util::GetString(item, "state")};
        return false;
      },
      context);
  if (!found)
    throw ServiceError(
        ErrorKind::NotFound,
        {0, "DefaultProviderSubscriptionNotFound",
         "No subscription named '" + name + "' is visible on '" + arm_->ResourceManagerUrl() +
             "'; sign in to the stamp's administrator endpoint as an operator, "
             "or name the subscription."});
  return *found;
}

}  // namespace azscsp::services
