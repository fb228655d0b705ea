#include "partnercenter/pc_purchases.hpp"

#include "partnercenter/pc_errors.hpp"
#include "partnercenter/pc_fulfilment.hpp"
#include "service_context.hpp"
#include "util/ids.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace azscsp::emulator {

std::optional<PcSubscriptionKind> PurchasableKind(const PartnerCenterState& pc,
                                                  const std::string& catalog_item_id) {
  if (IEquals(catalog_item_id, pc.AzurePlanCatalogItemId())) return PcSubscriptionKind::kAzurePlan;
  if (IEquals(catalog_item_id, kLegacyAzureOfferId)) return PcSubscriptionKind::kLegacyAzure;
  if (IEquals(catalog_item_id, kLicenseCatalogItemId)) return PcSubscriptionKind::kLicense;
  return std::nullopt;
}

std::string NormalizeBillingCycle(const std::string& text) {
  std::string folded;
  for (char c : ToLower(Trim(text))) {
    if (c != '_' && c != '-' && c != ' ') folded += c;
  }
  if (folded == "onetime") return "one_time";
  return folded;  // monthly, annual, none, triennial, biennial, unknown
}

std::optional<HttpResponse> CheckPurchase(PcCall& call, PcSubscriptionKind kind) {
  PcCustomer& c = *call.customer;
  if (kind == PcSubscriptionKind::kAzurePlan) {
    if (!c.HasMca()) {
      return PcError(403, 13605,
                     "Either a partner confirmation of the customer acceptance of the Microsoft "
                     "Customer Agreement must be provided or the customer must accept the "
                     "Microsoft Customer Agreement before purchasing this product.");
    }
    for (const PcSubscription& s : c.subscriptions) {
      if (s.kind == PcSubscriptionKind::kLegacyAzure && s.status != "deleted") {
        return PcError(400, 800009,
                       "You can't create an Azure plan for an existing customer with a Microsoft "
                       "Azure (MS-AZR-0145P) subscription.");
      }
    }
    if (PcSubscription* plan = c.ActiveAzurePlan()) {
      return PcError(400, 800009, "The customer already has an Azure plan (" + plan->id + ").");
    }
  } else if (kind == PcSubscriptionKind::kLegacyAzure) {
    if (PcSubscription* plan = c.ActiveAzurePlan()) {
      return PcError(400, 800009,
                     "You can't create a Microsoft Azure (MS-AZR-0145P) subscription for a "
                     "customer with an Azure plan (" +
                         plan->id + ").");
    }
  }
  return std::nullopt;
}

PcOrder PlaceOrder(PcCall& call, const std::vector<PurchaseLine>& lines,
                   const std::string& billing_cycle) {
  PcCustomer& c = *call.customer;
  PcOrder order;
  order.id = NewGuid();
  order.billing_cycle = billing_cycle;
  order.creation_date = Iso8601(Clock::now());
  order.status = "pending";
  int number = 0;
  for (const PurchaseLine& line : lines) {
    PcSubscription s;
    s.kind = line.kind;
    switch (line.kind) {
      case PcSubscriptionKind::kAzurePlan:
        s.id = NewGuid();
        s.offer_id = call.pc().AzurePlanCatalogItemId();
        s.offer_name = "Azure plan";
        s.unit_type = "Usage-based";
        s.billing_type = "usage";
        s.billing_cycle = "one_time";
        break;
      case PcSubscriptionKind::kLegacyAzure: {
        std::string id = NewGuid();
        for (char& ch : id) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        s.id = id;
        s.entitlement_id = id;
        s.offer_id = kLegacyAzureOfferId;
        s.offer_name = "Microsoft Azure";
        s.unit_type = "Usage-based";
        s.billing_type = "usage";
        s.billing_cycle = "monthly";
        break;
      }
      default:
        s.id = NewGuid();
        s.entitlement_id = NewGuid();
        s.offer_id = kLicenseCatalogItemId;
        s.offer_name = kLicenseOfferName;
        s.unit_type = "Licenses";
        s.billing_type = "license";
        s.billing_cycle = line.billing_cycle.empty() ? "monthly" : line.billing_cycle;
        break;
    }
    s.friendly_name = line.friendly_name.empty() ? s.offer_name : line.friendly_name;
    s.quantity = line.quantity;
    s.status = "pending";
    s.order_id = order.id;
    s.creation_date = order.creation_date;
    s.etag = NewPcEtag();
    order.lines.push_back({number++, s.offer_id, s.id, s.friendly_name, s.quantity});
    c.subscriptions.push_back(std::move(s));
  }
  PcOrder answered = order;
  int delay = call.context.options.partner_center_order_delay_ms;
  order.completes_at_ms = SteadyMillis() + delay;
  c.orders.push_back(order);
  if (delay <= 0) CompleteOrder(call.world, c, c.orders.back());
  return answered;
}

}  // namespace azscsp::emulator
