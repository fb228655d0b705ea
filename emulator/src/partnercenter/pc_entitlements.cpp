// Azure entitlements of an Azure plan (7.12): the Azure subscriptions under it, and cancelling
// one (its world subscription becomes Disabled).
#include <boost/json.hpp>

#include "http/responses.hpp"
#include "partnercenter/pc_call.hpp"
#include "partnercenter/pc_errors.hpp"
#include "partnercenter/pc_fulfilment.hpp"
#include "partnercenter/pc_json.hpp"
#include "partnercenter/pc_views.hpp"
#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

// The Azure plan of the path, or the error (404 20003; 400 3000 for another kind, assumed).
std::variant<PcSubscription*, HttpResponse> PlanOf(PcCall& call) {
  PcSubscription* s = call.customer->FindSubscription(call.Param(1));
  if (!s) return PcError(404, 20003, "Subscription with ID " + call.Param(1) + " not found.");
  if (s->kind != PcSubscriptionKind::kAzurePlan) {
    return PcError(400, 3000, "Subscription " + s->id + " is not an Azure plan.");
  }
  return s;
}

PcEntitlement* FindEntitlement(PcSubscription& plan, const std::string& id) {
  for (PcEntitlement& e : plan.entitlements) {
    if (IEquals(e.id, id)) return &e;
  }
  return nullptr;
}

HttpResponse EntitlementNotFound(const std::string& id) {
  return PcError(404, 1000, "Azure entitlement " + id + " was not found.");
}

}  // namespace

HttpResponse ListEntitlements(PcCall& call) {
  auto plan = PlanOf(call);
  if (HttpResponse* error = std::get_if<HttpResponse>(&plan)) return *error;
  PcSubscription& p = *std::get<PcSubscription*>(plan);
  json::array items;
  for (const PcEntitlement& e : p.entitlements)
    items.push_back(EntitlementJson(*call.customer, p, e));
  return JsonResponse(
      200, Collection(std::move(items), "/v1/customers/" + call.customer->id + "/subscriptions/" +
                                            p.id + "/azureEntitlements"));
}

HttpResponse GetEntitlement(PcCall& call) {
  auto plan = PlanOf(call);
  if (HttpResponse* error = std::get_if<HttpResponse>(&plan)) return *error;
  PcSubscription& p = *std::get<PcSubscription*>(plan);
  PcEntitlement* e = FindEntitlement(p, call.Param(2));
  if (!e) return EntitlementNotFound(call.Param(2));
  return JsonResponse(200, EntitlementJson(*call.customer, p, *e));
}

HttpResponse CancelEntitlement(PcCall& call) {
  auto plan = PlanOf(call);
  if (HttpResponse* error = std::get_if<HttpResponse>(&plan)) return *error;
  PcSubscription& p = *std::get<PcSubscription*>(plan);
  PcEntitlement* e = FindEntitlement(p, call.Param(2));
  if (!e) return EntitlementNotFound(call.Param(2));
  if (p.status == "deleted") {
    return PcError(400, 2011,
                   "Subscription with ID " + p.id + " and deleted status cannot be updated.");
  }
  if (p.status == "suspended") {
    return PcError(400, 800091, "Cannot update a subscription with suspended status");
  }
  if (e->status != "cancelled") {
    e->status = "cancelled";
    p.etag = NewPcEtag();
    SetWorldSubscriptionState(call.world, e->id, "Disabled");
  }
  return JsonResponse(202, EntitlementJson(*call.customer, p, *e));
}

}  // namespace azscsp::emulator
