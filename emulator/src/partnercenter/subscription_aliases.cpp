// ARM PUT/GET /providers/Microsoft.Subscription/aliases/{alias}?api-version=2021-10-01 with a
// billingScope of a Partner Center customer (reference §7.14): an additional Azure subscription
// under the customer's active Azure plan (world CSP subscription + active entitlement).
#include <boost/json.hpp>

#include "arm/arm_call.hpp"
#include "arm/arm_helpers.hpp"
#include "http/responses.hpp"
#include "partnercenter/pc_fulfilment.hpp"
#include "partnercenter/pc_json.hpp"
#include "service_context.hpp"
#include "util/ids.hpp"
#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

PcSubscriptionAlias* FindAlias(World& world, const std::string& name) {
  for (PcSubscriptionAlias& a : world.partner_center.aliases) {
    if (IEquals(a.name, name)) return &a;
  }
  return nullptr;
}

HttpResponse AliasResponse(int status, const PcSubscriptionAlias& a) {
  return JsonResponse(
      status,
      json::object{{"id", "/providers/Microsoft.Subscription/aliases/" + a.name},
                   {"name", a.name},
                   {"type", "Microsoft.Subscription/aliases"},
                   {"properties",
                    {{"subscriptionId", a.subscription_id}, {"provisioningState", "Succeeded"}}}});
}

HttpResponse InvalidScope(const std::string& message) {
  return ArmError(400, "InvalidBillingScope", message);
}

}  // namespace

HttpResponse GetSubscriptionAlias(ArmCall& call) {
  PcSubscriptionAlias* alias = FindAlias(call.world, call.Param(0));
  if (!alias) {
    return ArmError(404, "ResourceNotFound",
                    "The subscription alias '" + call.Param(0) + "' was not found.");
  }
  return AliasResponse(200, *alias);
}

HttpResponse PutSubscriptionAlias(ArmCall& call) {
  if (PcSubscriptionAlias* existing = FindAlias(call.world, call.Param(0))) {
    return AliasResponse(200, *existing);
  }
  std::optional<json::object> body = ParseObject(call.http.body);
  const json::object* properties = body ? MemberObject(*body, "properties") : nullptr;
  if (!properties) {
    return ArmError(400, "InvalidRequestContent", "The request body must have 'properties'.");
  }
  std::string scope = MemberString(*properties, "billingScope");
  // /providers/Microsoft.Billing/billingAccounts/{ba}/customers/{customer}
  std::vector<std::string> parts;
  for (const std::string& p : Split(scope, '/')) {
    if (!p.empty()) parts.push_back(p);
  }
  if (parts.size() != 6 || !IEquals(parts[0], "providers") ||
      !IEquals(parts[1], "Microsoft.Billing") || !IEquals(parts[2], "billingAccounts") ||
      !IEquals(parts[4], "customers")) {
    return InvalidScope("The billingScope '" + scope +
                        "' is not /providers/Microsoft.Billing/billingAccounts/{billingAccount}/"
                        "customers/{customerTenantId}.");
  }
  std::string partner = call.world.PartnerIdOfTenant(call.principal.tenant_id);
  if (partner.empty()) {
    return InvalidScope("The caller's tenant " + call.principal.tenant_id +
                        " is not a Cloud Solution Provider partner tenant.");
  }
  PcCustomer* customer = call.world.partner_center.FindCustomer(parts[5]);
  if (!customer || !IEquals(customer->partner_id, partner)) {
    return InvalidScope("The customer " + parts[5] + " is not a customer of partner " + partner +
                        ".");
  }
  PcSubscription* plan = customer->ActiveAzurePlan();
  if (!plan || plan->status != "active") {
    return InvalidScope("The customer " + parts[5] + " has no active Azure plan.");
  }
  std::string display_name = Trim(MemberString(*properties, "displayName"));
  if (display_name.empty()) display_name = customer->company_name + " Azure subscription";
  std::string id = NewGuid();
  AddAzureSubscription(call.world, *customer, *plan, id, display_name);
  call.world.partner_center.aliases.push_back({call.Param(0), id, customer->id});
  call.context.StateChangedLocked();
  return AliasResponse(201, call.world.partner_center.aliases.back());
}

}  // namespace azscsp::emulator
