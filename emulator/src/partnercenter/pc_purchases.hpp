// What carts and orders share: the purchasable items, the purchase rules (MCA, one Azure plan,
// no Azure plan beside legacy Azure) and placing an order (pending, then fulfilled).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "http/message.hpp"
#include "partnercenter/pc_call.hpp"

namespace azscsp::emulator {

inline constexpr char kLicenseCatalogItemId[] = "CFQ7TTC0LH18:0001:CFQ7TTC0LDPB";
inline constexpr char kLicenseOfferName[] = "Microsoft 365 Business Basic";

// The kind of subscription a catalog item or offer id buys; nullopt when unknown.
std::optional<PcSubscriptionKind> PurchasableKind(const PartnerCenterState& pc,
                                                  const std::string& catalog_item_id);
// "OneTime", "ONE_TIME", "one_time" -> "one_time"; "" stays "".
std::string NormalizeBillingCycle(const std::string& text);

struct PurchaseLine {
  std::string catalog_item_id;  // or offer id
  PcSubscriptionKind kind;
  std::string friendly_name;
  int quantity = 1;
  std::string billing_cycle;
};

// The rule a purchase of this kind breaks for the customer (13605, 800009), if any.
std::optional<HttpResponse> CheckPurchase(PcCall& call, PcSubscriptionKind kind);
// Creates the order and its (pending) subscriptions; completes it at once when the order delay
// is 0, else later (SettleOrders). Returns the order as answered: status pending.
PcOrder PlaceOrder(PcCall& call, const std::vector<PurchaseLine>& lines,
                   const std::string& billing_cycle);

}  // namespace azscsp::emulator
