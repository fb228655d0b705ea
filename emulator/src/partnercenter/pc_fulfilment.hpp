// Order fulfilment and the link to the emulated Azure: completing an order activates its
// subscriptions; an Azure plan gets an entitlement whose id is a new world CSP subscription of
// the partner in the customer's tenant (so customerSubscriptions PUT accepts it).
#pragma once

#include <string>

#include "state/model.hpp"

namespace azscsp::emulator {

struct ServiceContext;

// Completes the customer's pending orders whose delay has passed (--partner-center-order-delay-ms).
void SettleOrders(ServiceContext& context, World& world, PcCustomer& customer);
// Completes one order now.
void CompleteOrder(World& world, PcCustomer& customer, PcOrder& order);
// An active entitlement under the plan plus the world CSP subscription with that id.
PcEntitlement& AddAzureSubscription(World& world, const PcCustomer& customer, PcSubscription& plan,
                                    const std::string& azure_subscription_id,
                                    const std::string& display_name);
// A world CSP subscription of the customer's partner in the customer's tenant (no-op if present).
void EnsureWorldCspSubscription(World& world, const PcCustomer& customer, const std::string& id,
                                const std::string& display_name);
void SetWorldSubscriptionState(World& world, const std::string& id, const std::string& state);
std::string NewPcEtag();

}  // namespace azscsp::emulator
