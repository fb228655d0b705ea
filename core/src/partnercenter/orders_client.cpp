#include "azscsp/partnercenter/orders_client.hpp"

#include <cstdlib>

#include "azscsp/util/json.hpp"
#include "azscsp/util/url_encode.hpp"
#include "request_paths.hpp"

namespace json = boost::json;

namespace azscsp::partnercenter {

using _detail::CustomerPath;
using _detail::Named;

OrdersClient::OrdersClient(std::shared_ptr<const PartnerCenterClient> client)
    : client_(std::move(client)) {}

Cart OrdersClient::CreateCart(const std::string& customer_id,
                              const std::vector<CartLineItem>& line_items,
                              const util::Context& context) const {
  json::array items;
  int id = 0;
  for (const auto& line : line_items) {
    json::object item{
        {"id", id++},
        {"catalogItemId", line.catalog_item_id},
        {"quantity", line.quantity},
        {"billingCycle", line.billing_cycle.empty() ? "one_time" : line.billing_cycle}};
    if (!line.friendly_name.empty()) item["friendlyName"] = line.friendly_name;
    items.push_back(std::move(item));
  }
  return Cart::FromJson(client_->SendJson(http::Method::Post, CustomerPath(customer_id) + "/carts",
                                          json::object{{"lineItems", std::move(items)}}, context,
                                          Named("POST customers/" + customer_id + "/carts")));
}

CheckoutResult OrdersClient::Checkout(const std::string& customer_id, const std::string& cart_id,
                                      const util::Context& context) const {
  const json::value body = client_->SendJson(
      http::Method::Post,
      CustomerPath(customer_id) + "/carts/" + util::PercentEncode(cart_id) + "/checkout",
      std::nullopt, context,
      Named("POST customers/" + customer_id + "/carts/" + cart_id + "/checkout"));
  CheckoutResult result;
  if (!body.is_object()) return result;
  if (const json::value* orders = util::FindKeyIgnoreCase(body.as_object(), "orders");
      orders && orders->is_array())
    for (const auto& order : orders->as_array()) result.orders.push_back(Order::FromJson(order));
  if (const json::value* errors = util::FindKeyIgnoreCase(body.as_object(), "orderErrors");
      errors && errors->is_array())
    result.order_errors = errors->as_array();
  return result;
}

OrderRead OrdersClient::GetOrder(const std::string& customer_id, const std::string& order_id,
                                 const util::Context& context) const {
  const http::Response response = client_->Send(
      http::Method::Get, CustomerPath(customer_id) + "/orders/" + util::PercentEncode(order_id),
      std::nullopt, context, Named("GET customers/" + customer_id + "/orders/" + order_id));
  OrderRead read;
  read.order = Order::FromJson(util::ParseJson(response.body, "The Partner Center order"));
  if (auto retry_after = response.Header("Retry-After")) {
    const long long seconds = std::atoll(retry_after->c_str());
    if (seconds > 0) read.retry_after = std::chrono::seconds(seconds);
  }
  return read;
}

std::vector<Order> OrdersClient::ListOrders(const std::string& customer_id,
                                            const util::Context& context) const {
  std::vector<Order> orders;
  client_->ForEach(
      CustomerPath(customer_id) + "/orders",
      [&](const json::value& item) {
        orders.push_back(Order::FromJson(item));
        return true;
      },
      context, Named("GET customers/" + customer_id + "/orders"));
  return orders;
}

}  // namespace azscsp::partnercenter
