// Azure entitlements of an Azure plan (partner-center.md §7.12): the Azure subscriptions under it
// (entitlement id = Azure subscription id) and cancelling one.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "azscsp/partnercenter/partner_center_client.hpp"
#include "azscsp/partnercenter/partner_center_models.hpp"

namespace azscsp::partnercenter {

class EntitlementsClient {
 public:
  explicit EntitlementsClient(std::shared_ptr<const PartnerCenterClient> client);

  std::vector<AzureEntitlement> List(const std::string& customer_id,
                                     const std::string& plan_subscription_id,
                                     const util::Context& context) const;
  AzureEntitlement Get(const std::string& customer_id, const std::string& plan_subscription_id,
                       const std::string& entitlement_id, const util::Context& context) const;
  // POST .../azureEntitlements/{id}/cancel {"cancellationReason"} (202).
  void Cancel(const std::string& customer_id, const std::string& plan_subscription_id,
              const std::string& entitlement_id, const std::string& reason,
              const util::Context& context) const;

 private:
  std::shared_ptr<const PartnerCenterClient> client_;
};

}  // namespace azscsp::partnercenter
