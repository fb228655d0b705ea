// Carts, checkout and orders (partner-center.md §7.9-§7.10): the documented way to buy an Azure
// plan, and reading orders back until they complete.
#pragma once

#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "azscsp/partnercenter/partner_center_client.hpp"
#include "azscsp/partnercenter/partner_center_models.hpp"

namespace azscsp::partnercenter {

struct CheckoutResult {
  std::vector<Order> orders;
  boost::json::array order_errors;  // [{orderGroupId, code, description}]
};

struct OrderRead {
  Order order;
  std::optional<std::chrono::seconds> retry_after;  // the service's hint for the next poll
};

class OrdersClient {
 public:
  explicit OrdersClient(std::shared_ptr<const PartnerCenterClient> client);

  Cart CreateCart(const std::string& customer_id, const std::vector<CartLineItem>& line_items,
                  const util::Context& context) const;
  CheckoutResult Checkout(const std::string& customer_id, const std::string& cart_id,
                          const util::Context& context) const;
  OrderRead GetOrder(const std::string& customer_id, const std::string& order_id,
                     const util::Context& context) const;
  std::vector<Order> ListOrders(const std::string& customer_id, const util::Context& context) const;

 private:
  std::shared_ptr<const PartnerCenterClient> client_;
};

}  // namespace azscsp::partnercenter
