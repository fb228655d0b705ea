// Microsoft.Resources: subscriptions, resource groups and resource provider registration.
#include <boost/json.hpp>

#include "arm/api_versions.hpp"
#include "arm/arm_call.hpp"
#include "arm/arm_helpers.hpp"
#include "arm/authorization.hpp"
#include "http/responses.hpp"
#include "service_context.hpp"
#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

json::object SubscriptionJson(const Subscription& s) {
  return {{"id", "/subscriptions/" + s.id},
          {"subscriptionId", s.id},
          {"tenantId", s.tenant_id},
          {"displayName", s.display_name},
          {"state", s.state},
          {"authorizationSource", "RoleBased"},
          {"subscriptionPolicies",
           {{"locationPlacementId", "Public_2014-09-01"},
            {"quotaId", "CSP_2015-05-01"},
            {"spendingLimit", "Off"}}}};
}

json::object ResourceGroupJson(const Subscription& s, const ResourceGroup& g) {
  return {{"id", "/subscriptions/" + s.id + "/resourceGroups/" + g.name},
          {"name", g.name},
          {"type", "Microsoft.Resources/resourceGroups"},
          {"location", g.location},
          {"properties", {{"provisioningState", "Succeeded"}}}};
}

std::string CanonicalNamespace(const std::string& name) {
  return IEquals(name, "Microsoft.AzureStack") ? "Microsoft.AzureStack" : name;
}

// Registered, Registering (between POST register and the GET that completes it) or NotRegistered.
const char* ProviderState(const Subscription& s, const std::string& ns) {
  if (IsProviderRegistered(s, ns)) return "Registered";
  return s.registering_providers.count(ToLower(ns)) ? "Registering" : "NotRegistered";
}

json::object ProviderJson(const Subscription& s, const std::string& name) {
  std::string ns = CanonicalNamespace(name);
  json::array types;
  if (ns == "Microsoft.AzureStack") {
    auto type = [](const char* resource_type, ResourceKind kind) {
      json::array versions;
      for (const std::string& v : Split(SupportedVersionsOf(kind), ','))
        versions.push_back(json::value(Trim(v)));
      return json::object{{"resourceType", resource_type},
                          {"locations", json::array{"Global"}},
                          {"apiVersions", std::move(versions)}};
    };
    types.push_back(type("registrations", ResourceKind::kRegistrations));
    types.push_back(
        type("registrations/customerSubscriptions", ResourceKind::kCustomerSubscriptions));
    types.push_back(type("registrations/products", ResourceKind::kRegistrations));
    types.push_back(type("operations", ResourceKind::kRegistrations));
  }
  return {{"id", "/subscriptions/" + s.id + "/providers/" + ns},
          {"namespace", ns},
          {"registrationState", ProviderState(s, ns)},
          {"registrationPolicy", "RegistrationRequired"},
          {"resourceTypes", std::move(types)}};
}

struct Region {
  const char* name;
  const char* display;
  const char* geography;  // prefix of regionalDisplayName
};

// Public Azure (AzureCloud) regions; westcentralus first, as the registration tools default to it.
const std::vector<Region>& Regions() {
  static const std::vector<Region> regions = {
      {"westcentralus", "West Central US", "US"},
      {"westus", "West US", "US"},
      {"westus2", "West US 2", "US"},
      {"eastus", "East US", "US"},
      {"eastus2", "East US 2", "US"},
      {"centralus", "Central US", "US"},
      {"northeurope", "North Europe", "Europe"},
      {"westeurope", "West Europe", "Europe"},
      {"uksouth", "UK South", "UK"},
      {"southeastasia", "Southeast Asia", "Asia Pacific"},
      {"japaneast", "Japan East", "Asia Pacific"},
      {"australiaeast", "Australia East", "Asia Pacific"},
  };
  return regions;
}

// ARM accepts a region's name or display name in any case ("West Central US").
const Region* FindRegion(const std::string& location) {
  std::string wanted;
  for (char c : ToLower(location)) {
    if (c != ' ') wanted += c;
  }
  for (const Region& region : Regions()) {
    if (wanted == region.name) return &region;
  }
  return nullptr;
}

json::object LocationJson(const Subscription& s, const Region& region) {
  return {{"id", "/subscriptions/" + s.id + "/locations/" + region.name},
          {"name", region.name},
          {"displayName", region.display},
          {"regionalDisplayName", std::string("(") + region.geography + ") " + region.display}};
}

}  // namespace

HttpResponse ListLocations(ArmCall& call) {
  const Subscription& s = *call.world.FindSubscription(call.Param(0));
  json::array value;
  for (const Region& region : Regions()) value.push_back(LocationJson(s, region));
  return JsonResponse(200, json::object{{"value", std::move(value)}});
}

HttpResponse ListAzureStackOperations(ArmCall& call) {
  auto op = [](const char* name, const char* resource, const char* operation) {
    return json::object{{"name", name},
                        {"display",
                         {{"provider", "Microsoft Azure Stack"},
                          {"resource", resource},
                          {"operation", operation},
                          {"description", operation}}},
                        {"origin", "user,system"}};
  };
  return JsonResponse(
      200, json::object{
               {"value",
                json::array{op("Microsoft.AzureStack/register/action", "Subscription",
                               "Register Subscription for Azure Stack"),
                            op("Microsoft.AzureStack/registrations/read", "Registration",
                               "Get Registration"),
                            op("Microsoft.AzureStack/registrations/write", "Registration",
                               "Create or Update Registration"),
                            op("Microsoft.AzureStack/registrations/delete", "Registration",
                               "Delete Registration"),
                            op("Microsoft.AzureStack/registrations/getActivationKey/action",
                               "Registration", "Get Azure Stack Activation Key"),
                            op("Microsoft.AzureStack/registrations/customerSubscriptions/read",
                               "Customer Subscription", "Get Customer Subscription"),
                            op("Microsoft.AzureStack/registrations/customerSubscriptions/write",
                               "Customer Subscription", "Create Customer Subscription"),
                            op("Microsoft.AzureStack/registrations/customerSubscriptions/delete",
                               "Customer Subscription", "Delete Customer Subscription")}}});
}

// A role anywhere in a subscription (on it, or at one of its registrations) makes it visible.
bool HasAnyRoleIn(const World& world, const Subscription& s, const std::string& object_id) {
  for (const RoleAssignment& a : s.role_assignments) {
    if (IEquals(a.principal_id, object_id)) return true;
  }
  for (const Registration& r : world.registrations) {
    if (!IEquals(r.subscription_id, s.id)) continue;
    for (const ScopedRoleAssignment& a : r.role_assignments) {
      if (IEquals(a.principal_id, object_id)) return true;
    }
  }
  return false;
}

HttpResponse ListSubscriptions(ArmCall& call) {
  json::array value;
  for (const Subscription& s : call.world.subscriptions) {
    if (HasAnyRoleIn(call.world, s, call.principal.object_id)) value.push_back(SubscriptionJson(s));
  }
  return JsonResponse(200, json::object{{"value", std::move(value)}});
}

HttpResponse GetSubscription(ArmCall& call) {
  return JsonResponse(200, SubscriptionJson(*call.world.FindSubscription(call.Param(0))));
}

HttpResponse ListResourceGroups(ArmCall& call) {
  const Subscription& s = *call.world.FindSubscription(call.Param(0));
  json::array value;
  for (const ResourceGroup& g : s.resource_groups) value.push_back(ResourceGroupJson(s, g));
  return JsonResponse(200, json::object{{"value", std::move(value)}});
}

HttpResponse GetResourceGroup(ArmCall& call) {
  Subscription& s = *call.world.FindSubscription(call.Param(0));
  const ResourceGroup* group = FindResourceGroup(s, call.Param(1));
  if (!group) {
    return ArmError(404, "ResourceGroupNotFound",
                    "Resource group '" + call.Param(1) + "' could not be found.");
  }
  return JsonResponse(200, ResourceGroupJson(s, *group));
}

HttpResponse PutResourceGroup(ArmCall& call) {
  auto body = ParseObjectBody(call.http);
  if (HttpResponse* error = std::get_if<HttpResponse>(&body)) return *error;
  std::string location = StringMember(std::get<json::object>(body), "location");
  if (location.empty()) {
    return ArmError(400, "LocationRequired",
                    "The location property is required for this definition.");
  }
  const Region* region = FindRegion(location);
  if (!region) {
    std::string names;
    for (const Region& r : Regions()) names += (names.empty() ? "" : ",") + std::string(r.name);
    return ArmError(400, "LocationNotAvailableForResourceGroup",
                    "The provided location '" + location +
                        "' is not available for resource group. List of available regions is '" +
                        names + "'.");
  }
  Subscription& s = *call.world.FindSubscription(call.Param(0));
  if (ResourceGroup* existing = FindResourceGroup(s, call.Param(1))) {
    const Region* existing_region = FindRegion(existing->location);
    if (existing_region ? existing_region != region : !IEquals(existing->location, location)) {
      return ArmError(409, "InvalidResourceGroupLocation",
                      "Invalid resource group location '" + location +
                          "'. The Resource group already exists in location '" +
                          existing->location + "'.");
    }
    return JsonResponse(200, ResourceGroupJson(s, *existing));
  }
  s.resource_groups.push_back({call.Param(1), region->name});
  call.context.StateChangedLocked();
  return JsonResponse(201, ResourceGroupJson(s, s.resource_groups.back()));
}

// A GET is what moves a registration in progress along: after the configured number of GETs that
// still answer "Registering", the provider becomes "Registered" (clients must poll, as on Azure).
HttpResponse GetProvider(ArmCall& call) {
  Subscription& s = *call.world.FindSubscription(call.Param(0));
  std::string ns = CanonicalNamespace(call.Param(1));
  auto pending = s.registering_providers.find(ToLower(ns));
  if (pending != s.registering_providers.end()) {
    if (pending->second > 0) {
      --pending->second;
    } else {
      s.registering_providers.erase(pending);
      s.registered_providers.push_back(ns);
      call.context.StateChangedLocked();
    }
  }
  return JsonResponse(200, ProviderJson(s, ns));
}

// 200 "Registering" the first time (and while registration is in progress); 200 "Registered"
// once a GET has completed it.
HttpResponse RegisterProvider(ArmCall& call) {
  Subscription& s = *call.world.FindSubscription(call.Param(0));
  std::string ns = CanonicalNamespace(call.Param(1));
  if (!IsProviderRegistered(s, ns)) {
    s.registering_providers.emplace(ToLower(ns), call.context.options.provider_registering_gets);
  }
  return JsonResponse(200, ProviderJson(s, ns));
}

}  // namespace azscsp::emulator
