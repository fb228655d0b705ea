#include "partnercenter/pc_fulfilment.hpp"

#include "service_context.hpp"
#include "util/ids.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace azscsp::emulator {

std::string NewPcEtag() {
  return NewGuid();
}

void EnsureWorldCspSubscription(World& world, const PcCustomer& customer, const std::string& id,
                                const std::string& display_name) {
  if (Subscription* existing = world.FindSubscription(id)) {
    existing->state = "Enabled";
    return;
  }
  Subscription s;
  s.id = ToLower(id);
  s.display_name = display_name;
  s.tenant_id = customer.id;
  s.offer = "CSP";
  s.partner_id = customer.partner_id;
  world.subscriptions.push_back(std::move(s));
}

void SetWorldSubscriptionState(World& world, const std::string& id, const std::string& state) {
  if (Subscription* s = world.FindSubscription(id)) s->state = state;
}

PcEntitlement& AddAzureSubscription(World& world, const PcCustomer& customer, PcSubscription& plan,
                                    const std::string& azure_subscription_id,
                                    const std::string& display_name) {
  EnsureWorldCspSubscription(world, customer, azure_subscription_id, display_name);
  plan.entitlements.push_back({ToLower(azure_subscription_id), "Microsoft Azure", "active"});
  plan.etag = NewPcEtag();
  return plan.entitlements.back();
}

void CompleteOrder(World& world, PcCustomer& customer, PcOrder& order) {
  if (order.status == "completed") return;
  order.status = "completed";
  order.completes_at_ms = 0;
  for (const PcOrderLine& line : order.lines) {
    PcSubscription* s = customer.FindSubscription(line.subscription_id);
    if (!s || s->status != "pending") continue;
    s->status = "active";
    s->etag = NewPcEtag();
    if (s->kind == PcSubscriptionKind::kAzurePlan && s->entitlements.empty()) {
      AddAzureSubscription(world, customer, *s, NewGuid(), customer.company_name + " Azure plan");
    } else if (s->kind == PcSubscriptionKind::kLegacyAzure) {
      EnsureWorldCspSubscription(world, customer, s->id, customer.company_name + " (CSP)");
    }
  }
}

void SettleOrders(ServiceContext& context, World& world, PcCustomer& customer) {
  (void)context;
  int64_t now = SteadyMillis();
  for (PcOrder& order : customer.orders) {
    if (order.status == "pending" && order.completes_at_ms <= now) {
      CompleteOrder(world, customer, order);
    }
  }
}

}  // namespace azscsp::emulator
