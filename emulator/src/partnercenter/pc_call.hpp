// What a Partner Center handler gets: the request, the caller (partner), the captured path
// values, the addressed customer (customers/{c}/... routes) and the world (state_mutex held).
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "http/message.hpp"
#include "request_info.hpp"
#include "state/model.hpp"

namespace azscsp::emulator {

struct ServiceContext;

struct PcCaller {
  std::string tenant_id;   // the partner tenant (token tid)
  std::string partner_id;  // its partnerId
  std::string object_id;   // token oid
  bool app_only = false;   // no scp claim
};

struct PcCall {
  ServiceContext& context;
  World& world;
  const HttpRequest& http;
  const RequestInfo& info;
  PcCaller caller;
  std::vector<std::string> params;  // "{}" captures of the route pattern, in order
  PcCustomer* customer = nullptr;   // set for customers/{c}/... routes

  const std::string& Param(size_t i) const { return params.at(i); }
  std::string Query(const char* name) const;  // "" when absent (name case-insensitive)
  PartnerCenterState& pc() { return world.partner_center; }
};

using PcHandler = HttpResponse (*)(PcCall& call);

// Handlers, grouped by file.
HttpResponse ValidateAddress(PcCall& call);          // pc_addresses.cpp
HttpResponse CheckDomain(PcCall& call);              // pc_addresses.cpp
HttpResponse ListCustomers(PcCall& call);            // pc_customers.cpp
HttpResponse GetCustomer(PcCall& call);              // pc_customers.cpp
HttpResponse CreateCustomer(PcCall& call);           // pc_customer_create.cpp
HttpResponse DeleteCustomer(PcCall& call);           // pc_customers.cpp
HttpResponse ListAgreementMetadata(PcCall& call);    // pc_agreements.cpp
HttpResponse ListCustomerAgreements(PcCall& call);   // pc_agreements.cpp
HttpResponse CreateCustomerAgreement(PcCall& call);  // pc_agreements.cpp
HttpResponse ListProducts(PcCall& call);             // pc_catalog.cpp
HttpResponse GetProduct(PcCall& call);
HttpResponse ListSkus(PcCall& call);
HttpResponse GetSku(PcCall& call);
HttpResponse ListAvailabilities(PcCall& call);
HttpResponse ListOffers(PcCall& call);
HttpResponse GetOffer(PcCall& call);
HttpResponse CreateCart(PcCall& call);  // pc_carts.cpp
HttpResponse GetCart(PcCall& call);
HttpResponse UpdateCart(PcCall& call);
HttpResponse CheckoutCart(PcCall& call);
HttpResponse ListOrders(PcCall& call);  // pc_orders.cpp
HttpResponse GetOrder(PcCall& call);
HttpResponse CreateOrder(PcCall& call);
HttpResponse GetOrderProvisioningStatus(PcCall& call);
HttpResponse ListSubscriptions(PcCall& call);  // pc_subscriptions.cpp
HttpResponse GetSubscription(PcCall& call);
HttpResponse PatchSubscription(PcCall& call);
HttpResponse GetSubscriptionProvisioningStatus(PcCall& call);
HttpResponse ListEntitlements(PcCall& call);  // pc_entitlements.cpp
HttpResponse GetEntitlement(PcCall& call);
HttpResponse CancelEntitlement(PcCall& call);

}  // namespace azscsp::emulator
