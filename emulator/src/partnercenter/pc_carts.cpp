// Carts (7.9): create, read, replace and check out (the documented way to buy an Azure plan).
#include <boost/json.hpp>
#include <chrono>

#include "http/responses.hpp"
#include "partnercenter/pc_call.hpp"
#include "partnercenter/pc_errors.hpp"
#include "partnercenter/pc_json.hpp"
#include "partnercenter/pc_purchases.hpp"
#include "partnercenter/pc_views.hpp"
#include "util/ids.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

// The cart's line items from a Cart body, or the 400.
std::variant<std::vector<PcCartLine>, HttpResponse> ReadLines(PcCall& call) {
  std::optional<json::object> body = ParseObject(call.http.body);
  if (!body) return PcError(400, 3000, "Invalid property: the request body must be a Cart.");
  const json::array* items = MemberArray(*body, "lineItems");
  if (!items || items->empty()) {
    return PcError(400, 3000, "Invalid property: lineItems is required (at least one).");
  }
  std::vector<PcCartLine> lines;
  for (const json::value& item : *items) {
    if (!item.is_object())
      return PcError(400, 3000, "Invalid property: lineItems[] must be objects.");
    const json::object& o = item.get_object();
    PcCartLine line;
    line.id = static_cast<int>(MemberInt(o, "id").value_or(static_cast<long long>(lines.size())));
    line.catalog_item_id = Trim(MemberString(o, "catalogItemId"));
    line.quantity = static_cast<int>(MemberInt(o, "quantity").value_or(1));
    line.billing_cycle = NormalizeBillingCycle(MemberString(o, "billingCycle"));
    line.friendly_name = MemberString(o, "friendlyName");
    std::optional<PcSubscriptionKind> kind = PurchasableKind(call.pc(), line.catalog_item_id);
    if (!kind) {
      return PcError(
          400, 800004,
          "Invalid offer Id: catalogItemId '" + line.catalog_item_id + "' is not in the catalog.");
    }
    if (*kind == PcSubscriptionKind::kAzurePlan) {
      if (line.quantity != 1) {
        return PcError(400, 800009,
                       "Error in Cart item(s): quantity must be 1 for the Azure plan (" +
                           std::to_string(line.quantity) + ").");
      }
      if (line.billing_cycle != "one_time") {
        return PcError(
            400, 800009,
            "Error in Cart item(s): billingCycle must be one_time for the Azure plan ('" +
                MemberString(o, "billingCycle") + "').");
      }
    } else if (line.quantity < 1) {
      return PcError(400, 800009, "Error in Cart item(s): quantity must be at least 1.");
    }
    // The catalog item id as the catalog spells it.
    if (*kind == PcSubscriptionKind::kAzurePlan)
      line.catalog_item_id = call.pc().AzurePlanCatalogItemId();
    lines.push_back(std::move(line));
  }
  return lines;
}

PcCart* FindCart(PcCall& call) {
  return call.customer->FindCart(call.Param(1));
}

HttpResponse CartNotFound(const std::string& id) {
  return PcError(404, 800008, "Unable to retrieve cart Id " + id + ".");
}

}  // namespace

HttpResponse CreateCart(PcCall& call) {
  auto lines = ReadLines(call);
  if (HttpResponse* error = std::get_if<HttpResponse>(&lines)) return *error;
  PcCart cart;
  cart.id = NewGuid();
  auto now = Clock::now();
  cart.creation = Iso8601(now);
  cart.last_modified = cart.creation;
  cart.expiration = Iso8601(now + std::chrono::minutes(15));
  cart.lines = std::move(std::get<std::vector<PcCartLine>>(lines));
  call.customer->carts.push_back(cart);
  return JsonResponse(201, CartJson(*call.customer, cart));
}

HttpResponse GetCart(PcCall& call) {
  PcCart* cart = FindCart(call);
  if (!cart) return CartNotFound(call.Param(1));
  return JsonResponse(200, CartJson(*call.customer, *cart));
}

HttpResponse UpdateCart(PcCall& call) {
  PcCart* cart = FindCart(call);
  if (!cart) return CartNotFound(call.Param(1));
  if (cart->status != "Active") {
    return PcError(400, 800065, "Cannot check out an already submitted cart " + cart->id + ".");
  }
  auto lines = ReadLines(call);
  if (HttpResponse* error = std::get_if<HttpResponse>(&lines)) return *error;
  cart->lines = std::move(std::get<std::vector<PcCartLine>>(lines));
  cart->last_modified = Iso8601(Clock::now());
  return JsonResponse(200, CartJson(*call.customer, *cart));
}

HttpResponse CheckoutCart(PcCall& call) {
  PcCart* cart = FindCart(call);
  if (!cart) return CartNotFound(call.Param(1));
  if (cart->status != "Active") {
    return PcError(400, 800065, "Cannot check out an already submitted cart " + cart->id + ".");
  }
  std::vector<PurchaseLine> lines;
  for (const PcCartLine& line : cart->lines) {
    PcSubscriptionKind kind = *PurchasableKind(call.pc(), line.catalog_item_id);
    if (auto refused = CheckPurchase(call, kind)) return *refused;
    lines.push_back(
        {line.catalog_item_id, kind, line.friendly_name, line.quantity, line.billing_cycle});
  }
  std::string cycle = cart->lines.empty() ? "one_time" : cart->lines.front().billing_cycle;
  std::string cart_id = cart->id;
  PcOrder order = PlaceOrder(call, lines, cycle);
  if (PcCart* checked_out = call.customer->FindCart(cart_id)) {
    checked_out->status = "Ordered";
    checked_out->last_modified = Iso8601(Clock::now());
  }
  return JsonResponse(201, json::object{{"orders", json::array{OrderJson(*call.customer, order)}},
                                        {"orderErrors", json::array()},
                                        {"attributes", Attributes("CartCheckoutResult")}});
}

}  // namespace azscsp::emulator
