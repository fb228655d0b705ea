// Microsoft.AzureStack/registrations/customerSubscriptions: the CSP tenant mapping
// (api.md §1.3, §1.4, §10 items 13-17, §11 rows 1-6).
#include <algorithm>
#include <boost/json.hpp>

#include "arm/api_versions.hpp"
#include "arm/arm_call.hpp"
#include "arm/arm_helpers.hpp"
#include "http/responses.hpp"
#include "service_context.hpp"
#include "util/ids.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

const char kType[] = "Microsoft.AzureStack/registrations/customerSubscriptions";

json::object CustomerSubscriptionJson(const Registration& r, const CustomerSubscription& c,
                                      bool with_system_data) {
  json::object body{{"id", RegistrationId(r) + "/customerSubscriptions/" + c.name},
                    {"name", r.name + "/" + c.name},
                    {"type", kType},
                    {"etag", c.etag}};
  if (with_system_data) {
    body["systemData"] = json::object{{"createdBy", c.created_by},
                                      {"createdByType", c.created_by_type},
                                      {"createdAt", c.created_at},
                                      {"lastModifiedBy", c.last_modified_by},
                                      {"lastModifiedByType", c.last_modified_by_type},
                                      {"lastModifiedAt", c.last_modified_at}};
  }
  body["properties"] = json::object{{"tenantId", c.tenant_id}};
  return body;
}

// The registration of the URL, if it can hold customer subscriptions; otherwise the CSP error
// (RegistrationNotFound, CustomerSubscriptionsNotAllowed, UnauthorizedCspRegistration).
std::variant<Registration*, HttpResponse> CspRegistration(ArmCall& call) {
  Registration* r = call.world.FindRegistration(call.Param(0), call.Param(1), call.Param(2));
  if (!r) {
    return ArmError(404, "RegistrationNotFound",
                    "The provided registration was not found. Make sure the following "
                    "information was provided correctly: 1. Subscription identifier (value "
                    "provided: " +
                        call.Param(0) + "), 2. Resource group (value provided: " + call.Param(1) +
                        "), 3. Registration name (value provided: " + call.Param(2) + ").");
  }
  if (!IEquals(r->billing_model, "PayAsYouUse")) {
    return ArmError(400, "CustomerSubscriptionsNotAllowed",
                    "Customer subscription operations are not supported for disconnected "
                    "customers. In order to use this feature, re-register with Pay As You Use "
                    "licensing.");
  }
  if (!r->csp_approved) {
    return ArmError(403, "UnauthorizedCspRegistration",
                    "The provided " + r->name +
                        " is not approved to use multi-tenancy. Send an email to "
                        "azstCSP@microsoft.com and include your registration name, resource "
                        "group, and the subscription identifier used in the registration.");
  }
  return r;
}

// Validates the customer subscription against the registration's partner; yields its directory.
std::variant<std::string, HttpResponse> CustomerTenant(const ArmCall& call, const Registration& r,
                                                       const std::string& customer) {
  auto invalid = [&] {
    return ArmError(
        400, "InvalidCustomerSubscriptionId",
        "The " + customer + " is not valid. Make sure a valid Azure subscription is provided.");
  };
  if (!IsGuid(customer)) return invalid();
  const Subscription* owner = call.world.FindSubscription(r.subscription_id);
  std::string registration_partner = owner ? call.world.PartnerOf(*owner) : std::string();

  std::string partner, tenant;
  if (const Subscription* s = call.world.FindSubscription(customer)) {
    if (!IEquals(s->offer, "CSP")) {
      return ArmError(400, "InvalidCSPSubscription",
                      "The provided " + customer +
                          " is not a valid CSP subscription. Make sure a valid Azure subscription "
                          "is provided.");
    }
    partner = call.world.PartnerOf(*s);
    tenant = s->tenant_id;
  } else if (IEquals(call.world.unknown_subscriptions.treat_as, "CSP")) {
    // A CSP subscription of the configured partner, in a directory derived from its id.
    partner = call.world.unknown_subscriptions.partner_id;
    tenant = DeterministicGuid("customer-tenant:" + ToLower(customer));
  } else {
    return invalid();
  }
  if (!registration_partner.empty() && !IEquals(partner, registration_partner)) {
    return ArmError(400, "BadCustomerSubscriptionId",
                    "The provided " + customer + " and the " + r.name +
                        " subscription identifier are not owned by the same Microsoft CSP. Check "
                        "that the customer subscription identifier is correct. If the problem "
                        "persists, contact support.");
  }
  return tenant;
}

HttpResponse NotFound(const Registration& r, const std::string& customer) {
  return ArmError(404, "CustomerSubscriptionNotFound",
                  customer + " was not found under " + r.name +
                      ". Make sure a valid Azure subscription is being used and that the "
                      "subscription ID was added to the registration using the PUT operation.");
}

}  // namespace

HttpResponse ListCustomerSubscriptions(ArmCall& call) {
  auto registration = CspRegistration(call);
  if (HttpResponse* error = std::get_if<HttpResponse>(&registration)) return *error;
  const Registration& r = *std::get<Registration*>(registration);
  bool system_data = IsPreviewWithSystemData(call.api_version);
  json::array items;
  for (const CustomerSubscription& c : r.customer_subscriptions) {
    items.push_back(CustomerSubscriptionJson(r, c, system_data));
  }
  auto page = Page(call, items);
  if (HttpResponse* error = std::get_if<HttpResponse>(&page)) return *error;
  return JsonResponse(200, std::get<json::object>(page));
}

HttpResponse GetCustomerSubscription(ArmCall& call) {
  auto registration = CspRegistration(call);
  if (HttpResponse* error = std::get_if<HttpResponse>(&registration)) return *error;
  Registration& r = *std::get<Registration*>(registration);
  const CustomerSubscription* c = FindCustomerSubscription(r, call.Param(3));
  if (!c) return NotFound(r, call.Param(3));
  return JsonResponse(200,
                      CustomerSubscriptionJson(r, *c, IsPreviewWithSystemData(call.api_version)));
}

HttpResponse PutCustomerSubscription(ArmCall& call) {
  auto registration = CspRegistration(call);
  if (HttpResponse* error = std::get_if<HttpResponse>(&registration)) return *error;
  Registration& r = *std::get<Registration*>(registration);
  const std::string& customer = call.Param(3);

  // Accept no body, {}, {"properties":{}} or a tenantId; read-only fields are ignored.
  auto body = ParseObjectBody(call.http);
  if (HttpResponse* error = std::get_if<HttpResponse>(&body)) return *error;
  std::string tenant;
  if (const json::value* p = Member(std::get<json::object>(body), "properties");
      p && p->is_object()) {
    tenant = StringMember(p->get_object(), "tenantId");
  }
  auto known_tenant = CustomerTenant(call, r, customer);
  if (HttpResponse* error = std::get_if<HttpResponse>(&known_tenant)) return *error;
  if (tenant.empty()) {
    tenant = std::get<std::string>(known_tenant);
  } else if (!IsGuid(tenant)) {
    return ArmError(400, "InvalidRequestContent",
                    "The tenantId '" + tenant + "' is not a valid directory (tenant) identifier.");
  }

  // One subscription per tenant: a mapping of the same tenant under another id is replaced.
  auto& mappings = r.customer_subscriptions;
  mappings.erase(std::remove_if(mappings.begin(), mappings.end(),
                                [&](const CustomerSubscription& c) {
                                  return IEquals(c.tenant_id, tenant) && !IEquals(c.name, customer);
                                }),
                 mappings.end());

  std::string now = Iso8601(Clock::now());
  CustomerSubscription* c = FindCustomerSubscription(r, customer);
  if (!c) {
    CustomerSubscription created;
    created.name = customer;
    created.created_by = call.principal.Name();
    created.created_by_type = call.principal.Type();
    created.created_at = now;
    mappings.push_back(std::move(created));
    c = &mappings.back();
  }
  c->tenant_id = tenant;
  c->etag = NewEtag();
  c->last_modified_by = call.principal.Name();
  c->last_modified_by_type = call.principal.Type();
  c->last_modified_at = now;
  call.context.StateChangedLocked();

  if (call.context.options.docs_mode) return EmptyResponse(201);
  return JsonResponse(200,
                      CustomerSubscriptionJson(r, *c, IsPreviewWithSystemData(call.api_version)));
}

HttpResponse DeleteCustomerSubscription(ArmCall& call) {
  auto registration = CspRegistration(call);
  if (HttpResponse* error = std::get_if<HttpResponse>(&registration)) return *error;
  Registration& r = *std::get<Registration*>(registration);
  auto& mappings = r.customer_subscriptions;
  auto it = std::find_if(mappings.begin(), mappings.end(), [&](const CustomerSubscription& c) {
    return IEquals(c.name, call.Param(3));
  });
  bool existed = it != mappings.end();
  if (existed) {
    mappings.erase(it);
    call.context.StateChangedLocked();
  }
  return EmptyResponse(existed && !call.context.options.docs_mode ? 200 : 204);
}

}  // namespace azscsp::emulator
