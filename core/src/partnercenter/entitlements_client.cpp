#include "azscsp/partnercenter/entitlements_client.hpp"

#include "azscsp/util/json.hpp"
#include "azscsp/util/url_encode.hpp"
#include "request_paths.hpp"

namespace json = boost::json;

namespace azscsp::partnercenter {
namespace {

using _detail::CustomerPath;
using _detail::Named;

std::string EntitlementsPath(const std::string& customer_id, const std::string& plan_id) {
  return CustomerPath(customer_id) + "/subscriptions/" + util::PercentEncode(plan_id) +
         "/azureEntitlements";
}

}  // namespace

EntitlementsClient::EntitlementsClient(std::shared_ptr<const PartnerCenterClient> client)
    : client_(std::move(client)) {}

std::vector<AzureEntitlement> EntitlementsClient::List(const std::string& customer_id,
                                                       const std::string& plan_subscription_id,
                                                       const util::Context& context) const {
  std::vector<AzureEntitlement> result;
  client_->ForEach(
      EntitlementsPath(customer_id, plan_subscription_id),
      [&](const json::value& item) {
        result.push_back(AzureEntitlement::FromJson(item));
        return true;
      },
      context,
      Named("GET customers/" + customer_id + "/subscriptions/" + plan_subscription_id +
            "/azureEntitlements"));
  return result;
}

AzureEntitlement EntitlementsClient::Get(const std::string& customer_id,
                                         const std::string& plan_subscription_id,
                                         const std::string& entitlement_id,
                                         const util::Context& context) const {
  return AzureEntitlement::FromJson(
      client_->SendJson(http::Method::Get,
                        EntitlementsPath(customer_id, plan_subscription_id) + "/" +
                            util::PercentEncode(entitlement_id),
                        std::nullopt, context, Named("GET azureEntitlements/" + entitlement_id)));
}

void EntitlementsClient::Cancel(const std::string& customer_id,
                                const std::string& plan_subscription_id,
                                const std::string& entitlement_id, const std::string& reason,
                                const util::Context& context) const {
  client_->Send(http::Method::Post,
                EntitlementsPath(customer_id, plan_subscription_id) + "/" +
                    util::PercentEncode(entitlement_id) + "/cancel",
                json::object{{"cancellationReason", reason.empty() ? "other" : reason}}, context,
                Named("POST azureEntitlements/" + entitlement_id + "/cancel"));
}

}  // namespace azscsp::partnercenter
