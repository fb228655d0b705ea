// Subscriptions (7.11): list (by order), get, provisioning status, and PATCH with its rules:
// suspend / reactivate / cancel (deleted), friendly name and quantity, etag concurrency.
#include <boost/json.hpp>
#include <chrono>

#include "http/responses.hpp"
#include "partnercenter/pc_call.hpp"
#include "partnercenter/pc_errors.hpp"
#include "partnercenter/pc_fulfilment.hpp"
#include "partnercenter/pc_json.hpp"
#include "partnercenter/pc_views.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

HttpResponse SubscriptionNotFound(const std::string& id) {
  return PcError(404, 20003, "Subscription with ID " + id + " not found.");
}

// The 7-day cancellation window of a new-commerce subscription is still open.
bool InCancellationWindow(const PcSubscription& s) {
  std::tm tm{};
  if (sscanf(s.creation_date.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
             &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
    return true;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
#ifdef _WIN32
  time_t created = _mkgmtime(&tm);
#else
  time_t created = timegm(&tm);
#endif
  return Clock::now() <= Clock::from_time_t(created) + std::chrono::hours(24 * 7);
}

std::string Unquote(std::string text) {
  text = Trim(text);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    text = text.substr(1, text.size() - 2);
  }
  if (IStartsWith(text, "W/")) return Unquote(text.substr(2));
  return text;
}

}  // namespace

HttpResponse ListSubscriptions(PcCall& call) {
  std::string order_id = call.Query("order_id");
  json::array items;
  for (const PcSubscription& s : call.customer->subscriptions) {
    if (order_id.empty() || IEquals(s.order_id, order_id)) {
      items.push_back(SubscriptionJson(*call.customer, s));
    }
  }
  return JsonResponse(
      200, Collection(std::move(items), "/v1/customers/" + call.customer->id + "/subscriptions"));
}

HttpResponse GetSubscription(PcCall& call) {
  PcSubscription* s = call.customer->FindSubscription(call.Param(1));
  if (!s) return SubscriptionNotFound(call.Param(1));
  return JsonResponse(200, SubscriptionJson(*call.customer, *s));
}

HttpResponse GetSubscriptionProvisioningStatus(PcCall& call) {
  PcSubscription* s = call.customer->FindSubscription(call.Param(1));
  if (!s) return SubscriptionNotFound(call.Param(1));
  return JsonResponse(200,
                      json::object{{"skuId", kAzurePlanSkuId},
                                   {"status", s->status == "pending" ? "pending" : "success"},
                                   {"quantity", s->quantity},
                                   {"attributes", Attributes("SubscriptionProvisioningStatus")}});
}

HttpResponse PatchSubscription(PcCall& call) {
  PcSubscription* s = call.customer->FindSubscription(call.Param(1));
  if (!s) return SubscriptionNotFound(call.Param(1));
  std::optional<json::object> body = ParseObject(call.http.body);
  if (!body)
    return PcError(400, 3000, "Invalid property: the request body must be a Subscription.");
  if (s->status == "deleted") {
    return PcError(400, 2011,
                   "Subscription with ID " + s->id + " and deleted status cannot be updated.");
  }
  // Concurrency: attributes.etag of the body, else If-Match; absent = not checked.
  std::string etag;
  if (const json::object* attributes = MemberObject(*body, "attributes")) {
    etag = MemberString(*attributes, "etag");
  }
  if (etag.empty()) etag = call.http.headers.Get("If-Match");
  if (!Unquote(etag).empty() && Unquote(etag) != s->etag) {
    return PcError(400, 2055, "Etag is no longer valid");
  }
  std::string status = ToLower(Trim(MemberString(*body, "status")));
  if (status.empty()) status = s->status;
  if (status != "active" && status != "suspended" && status != "deleted" && status != s->status) {
    return PcError(
        400, 3000,
        "Invalid property: status '" + status + "' is not one of active, suspended, deleted.");
  }
  std::string friendly_name = MemberString(*body, "friendlyName");
  if (friendly_name.empty()) friendly_name = s->friendly_name;
  int quantity = static_cast<int>(MemberInt(*body, "quantity").value_or(s->quantity));
  bool other_changes = friendly_name != s->friendly_name || quantity != s->quantity;

  if (s->status == "pending") {
    return PcError(400, 800096, "Cannot update the status for this subscription");
  }
  if (s->status == "suspended" && other_changes) {
    return PcError(400, 800091, "Cannot update a subscription with suspended status");
  }
  if (status != s->status) {
    if (status == "deleted") {
      if (s->kind != PcSubscriptionKind::kLicense) {
        return PcError(400, 800096, "Cannot update the status for this subscription");
      }
      if (!InCancellationWindow(*s)) {
        return PcError(400, 900117,
                       "You have passed your 7-day cancellation window. We are unable to cancel "
                       "your purchase");
      }
    }
    if (status == "suspended" && s->kind == PcSubscriptionKind::kAzurePlan) {
      for (const PcEntitlement& e : s->entitlements) {
        if (e.status == "active") {
          return PcError(403, 900115,
                         "Azure plan cannot be moved to suspended state since you have one or "
                         "more Azure Subscriptions in the active state");
        }
      }
    }
  }
  if (quantity < 1 || (s->kind != PcSubscriptionKind::kLicense && quantity != 1)) {
    return PcError(400, 3000,
                   "Invalid property: quantity " + std::to_string(quantity) +
                       " is not allowed for this subscription.");
  }
  bool changed = other_changes || status != s->status;
  if (status != s->status && s->kind == PcSubscriptionKind::kLegacyAzure) {
    // Suspending legacy Azure disables its Azure subscription; reactivating enables it.
    SetWorldSubscriptionState(call.world, s->id, status == "active" ? "Enabled" : "Disabled");
  }
  s->status = status;
  s->friendly_name = friendly_name;
  s->quantity = quantity;
  if (changed) s->etag = NewPcEtag();
  return JsonResponse(200, SubscriptionJson(*call.customer, *s));
}

}  // namespace azscsp::emulator
