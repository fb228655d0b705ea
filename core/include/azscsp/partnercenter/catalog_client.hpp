// The catalog (partner-center.md §7.8): the Azure plan's availability, whose catalogItemId is what
// a cart buys (its third segment can change over time, so it is looked up, never hard-coded).
#pragma once

#include <memory>
#include <string>

#include "azscsp/partnercenter/partner_center_client.hpp"
#include "azscsp/partnercenter/partner_center_models.hpp"

namespace azscsp::partnercenter {

class CatalogClient {
 public:
  explicit CatalogClient(std::shared_ptr<const PartnerCenterClient> client);

  // The first purchasable availability of product DZH318Z0BPS6 SKU 0001: for the customer
  // (customers/{c}/products/...) when `customer_id` is given, else for `country`. None: error
  // code AzurePlanNotAvailable (NotFound).
  Availability AzurePlanAvailability(const std::string& customer_id, const std::string& country,
                                     const util::Context& context) const;

 private:
  std::shared_ptr<const PartnerCenterClient> client_;
};

}  // namespace azscsp::partnercenter
