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
          {"state", "Enabled"},
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
  bool registered = IsProviderRegistered(s, ns);
  return {{"id", "/subscriptions/" + s.id + "/providers/" + ns},
          {"namespace", ns},
          {"registrationState", registered ? "Registered" : "NotRegistered"},
          {"registrationPolicy", "RegistrationRequired"},
          {"resourceTypes", std::move(types)}};
}

json::object Location(const Subscription& s, const char* name, const char* display) {
  return {{"id", "/subscriptions/" + s.id + "/locations/" + name},
          {"name", name},
          {"displayName", display},
          {"regionalDisplayName", std::string("(US) ") + display}};
}

}  // namespace

HttpResponse ListLocations(ArmCall& call) {
  const Subscription& s = *call.world.FindSubscription(call.Param(0));
  return JsonResponse(
      200, json::object{{"value", json::array{Location(s, "westcentralus", "West Central US"),
                                              Location(s, "eastus", "East US"),
                                              Location(s, "westus2", "West US 2"),
                                              Location(s, "westeurope", "West Europe")}}});
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

HttpResponse ListSubscriptions(ArmCall& call) {
  json::array value;
  for (const Subscription& s : call.world.subscriptions) {
    for (const RoleAssignment& a : s.role_assignments) {
      if (IEquals(a.principal_id, call.principal.object_id)) {
        value.push_back(SubscriptionJson(s));
        break;
      }
    }
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
  Subscription& s = *call.world.FindSubscription(call.Param(0));
  if (ResourceGroup* existing = FindResourceGroup(s, call.Param(1))) {
    if (!IEquals(ToLower(existing->location), ToLower(location))) {
      return ArmError(409, "InvalidResourceGroupLocation",
                      "Invalid resource group location '" + location +
                          "'. The Resource group already exists in location '" +
                          existing->location + "'.");
    }
    return JsonResponse(200, ResourceGroupJson(s, *existing));
  }
  s.resource_groups.push_back({call.Param(1), location});
  call.context.StateChangedLocked();
  return JsonResponse(201, ResourceGroupJson(s, s.resource_groups.back()));
}

HttpResponse GetProvider(ArmCall& call) {
  return JsonResponse(200,
                      ProviderJson(*call.world.FindSubscription(call.Param(0)), call.Param(1)));
}

HttpResponse RegisterProvider(ArmCall& call) {
  Subscription& s = *call.world.FindSubscription(call.Param(0));
  std::string ns = CanonicalNamespace(call.Param(1));
  if (!IsProviderRegistered(s, ns)) {
    s.registered_providers.push_back(ns);
    call.context.StateChangedLocked();
  }
  return JsonResponse(200, ProviderJson(s, ns));
}

}  // namespace azscsp::emulator
