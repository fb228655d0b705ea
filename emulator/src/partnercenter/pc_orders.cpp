// Orders (7.10): list, get, provisioning status, and the offer-id path (legacy MS-AZR-0145P).
#include <boost/json.hpp>

#include "http/responses.hpp"
#include "partnercenter/pc_call.hpp"
#include "partnercenter/pc_errors.hpp"
#include "partnercenter/pc_json.hpp"
#include "partnercenter/pc_purchases.hpp"
#include "partnercenter/pc_views.hpp"
#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

HttpResponse OrderNotFound(const std::string& id) {
  return PcError(404, 1000, "Order " + id + " was not found.");
}

}  // namespace

HttpResponse ListOrders(PcCall& call) {
  json::array items;
  std::string billing_type = call.Query("billingType");
  for (const PcOrder& order : call.customer->orders) {
    items.push_back(OrderJson(*call.customer, order));
  }
  (void)billing_type;
  return JsonResponse(
      200, Collection(std::move(items), "/v1/customers/" + call.customer->id + "/orders"));
}

HttpResponse GetOrder(PcCall& call) {
  PcOrder* order = call.customer->FindOrder(call.Param(1));
  if (!order) return OrderNotFound(call.Param(1));
  return JsonResponse(200, OrderJson(*call.customer, *order));
}

HttpResponse GetOrderProvisioningStatus(PcCall& call) {
  PcOrder* order = call.customer->FindOrder(call.Param(1));
  if (!order) return OrderNotFound(call.Param(1));
  json::array items;
  for (const PcOrderLine& line : order->lines) {
    items.push_back(json::object{
        {"lineItemNumber", line.number},
        {"status", order->status == "completed" ? "Fulfilled" : "PrefulfillmentPending"},
        {"quantityProvisioningInformation", json::array()},
        {"resourceUri",
         "/customers/" + call.customer->id + "/subscriptions/" + line.subscription_id},
        {"attributes", Attributes("OrderLineItemProvisioningStatus")}});
  }
  return JsonResponse(
      200, Collection(std::move(items), "/v1/customers/" + call.customer->id + "/orders/" +
                                            order->id + "/provisioningstatus"));
}

HttpResponse CreateOrder(PcCall& call) {
  std::optional<json::object> body = ParseObject(call.http.body);
  if (!body) return PcError(400, 3000, "Invalid property: the request body must be an Order.");
  const json::array* items = MemberArray(*body, "LineItems");
  if (!items || items->empty()) {
    return PcError(400, 3000, "Invalid property: LineItems is required (at least one).");
  }
  std::string reference = MemberString(*body, "ReferenceCustomerId");
  if (!reference.empty() && !IEquals(reference, call.customer->id)) {
    return PcError(400, 3000,
                   "Invalid property: ReferenceCustomerId '" + reference +
                       "' is not the customer of the URL.");
  }
  std::vector<PurchaseLine> lines;
  for (const json::value& item : *items) {
    if (!item.is_object())
      return PcError(400, 3000, "Invalid property: LineItems[] must be objects.");
    const json::object& o = item.get_object();
    std::string offer = Trim(MemberString(o, "OfferId"));
    if (!IEquals(offer, kLegacyAzureOfferId)) {
      return PcError(400, 800004,
                     "Invalid offer Id: '" + offer +
                         "' cannot be ordered by offer id (buy the Azure plan "
                         "through a cart).");
    }
    int quantity = static_cast<int>(MemberInt(o, "Quantity").value_or(1));
    if (quantity != 1) {
      return PcError(400, 800009, "Error in Cart item(s): quantity must be 1 for " + offer + ".");
    }
    lines.push_back({kLegacyAzureOfferId, PcSubscriptionKind::kLegacyAzure,
                     MemberString(o, "FriendlyName"), 1, "monthly"});
  }
  if (auto refused = CheckPurchase(call, PcSubscriptionKind::kLegacyAzure)) return *refused;
  PcOrder order = PlaceOrder(call, lines, "monthly");
  return JsonResponse(201, OrderJson(*call.customer, order));
}

}  // namespace azscsp::emulator
