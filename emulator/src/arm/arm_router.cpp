#include "arm/arm_router.hpp"

#include <variant>
#include <vector>

#include "arm/api_versions.hpp"
#include "arm/arm_call.hpp"
#include "arm/authentication.hpp"
#include "arm/authorization.hpp"
#include "arm/throttling.hpp"
#include "http/responses.hpp"
#include "service_context.hpp"
#include "util/strings.hpp"

namespace azscsp::emulator {
namespace {

struct MethodBinding {
  const char* method;
  ArmHandler handler;
  // RBAC action; nullptr = {action_prefix}/{read|write|delete}; kAnyCaller = no RBAC check.
  const char* action;
};

struct ArmRoute {
  std::vector<const char*> pattern;  // literals match case-insensitively; "{}" captures
  ResourceKind kind;
  const char* type_name;      // named in NoRegisteredProviderFound
  const char* action_prefix;  // RBAC action prefix
  bool azurestack;  // PUT/PATCH/POST need Microsoft.AzureStack registered on the subscription
  std::vector<MethodBinding> methods;
};

constexpr const char* kAny = "{}";
constexpr const char kAnyCaller[] = "(any caller)";  // the permissions API: callers ask about self
const char kRegistrationsAction[] = "Microsoft.AzureStack/registrations";
const char kLocksAction[] = "Microsoft.Authorization/locks";
const char kRoleAssignmentsAction[] = "Microsoft.Authorization/roleAssignments";
const char kPermissionsAction[] = "Microsoft.Authorization/permissions";
const char kCustomerSubscriptionsAction[] =
    "Microsoft.AzureStack/registrations/customerSubscriptions";

const std::vector<ArmRoute>& Routes() {
  using K = ResourceKind;
  static const std::vector<ArmRoute> routes = {
      {{"subscriptions"},
       K::kResources,
       "subscriptions",
       "Microsoft.Resources/subscriptions",
       false,
       {{"GET", &ListSubscriptions, nullptr}}},
      {{"subscriptions", kAny},
       K::kResources,
       "subscriptions",
       "Microsoft.Resources/subscriptions",
       false,
       {{"GET", &GetSubscription, nullptr}}},
      {{"providers", "Microsoft.Subscription", "aliases", kAny},
       K::kSubscriptionAliases,
       "aliases",
       "Microsoft.Subscription/aliases",
       false,
       {{"GET", &GetSubscriptionAlias, nullptr}, {"PUT", &PutSubscriptionAlias, nullptr}}},
      {{"providers", "Microsoft.AzureStack", "operations"},
       K::kRegistrations,
       "operations",
       "Microsoft.AzureStack/operations",
       false,
       {{"GET", &ListAzureStackOperations, nullptr}}},
      {{"subscriptions", kAny, "locations"},
       K::kResources,
       "locations",
       "Microsoft.Resources/subscriptions/locations",
       false,
       {{"GET", &ListLocations, nullptr}}},
      {{"subscriptions", kAny, "resourcegroups"},
       K::kResources,
       "resourceGroups",
       "Microsoft.Resources/subscriptions/resourceGroups",
       false,
       {{"GET", &ListResourceGroups, nullptr}}},
      {{"subscriptions", kAny, "resourcegroups", kAny},
       K::kResources,
       "resourceGroups",
       "Microsoft.Resources/subscriptions/resourceGroups",
       false,
       {{"GET", &GetResourceGroup, nullptr}, {"PUT", &PutResourceGroup, nullptr}}},
      {{"subscriptions", kAny, "providers", kAny},
       K::kResources,
       "providers",
       "Microsoft.Resources/subscriptions/providers",
       false,
       {{"GET", &GetProvider, nullptr}}},
      {{"subscriptions", kAny, "providers", "Microsoft.Authorization", "permissions"},
       K::kAuthorization,
       "permissions",
       kPermissionsAction,
       false,
       {{"GET", &ListPermissionsAtSubscription, kAnyCaller}}},
      {{"subscriptions", kAny, "resourcegroups", kAny, "providers", "Microsoft.Authorization",
        "permissions"},
       K::kAuthorization,
       "permissions",
       kPermissionsAction,
       false,
       {{"GET", &ListPermissionsAtResourceGroup, kAnyCaller}}},
      {{"subscriptions", kAny, "providers", kAny, "register"},
       K::kResources,
       "providers",
       "Microsoft.Resources/subscriptions/providers",
       false,
       {{"POST", &RegisterProvider, "{namespace}/register/action"}}},
      {{"subscriptions", kAny, "providers", "Microsoft.AzureStack", "registrations"},
       K::kRegistrations,
       "registrations",
       kRegistrationsAction,
       true,
       {{"GET", &ListRegistrationsBySubscription, nullptr}}},
      {{"subscriptions", kAny, "resourcegroups", kAny, "providers", "Microsoft.AzureStack",
        "registrations"},
       K::kRegistrations,
       "registrations",
       kRegistrationsAction,
       true,
       {{"GET", &ListRegistrationsByResourceGroup, nullptr}}},
      {{"subscriptions", kAny, "resourcegroups", kAny, "providers", "Microsoft.AzureStack",
        "registrations", kAny},
       K::kRegistrations,
       "registrations",
       kRegistrationsAction,
       true,
       {{"GET", &GetRegistration, nullptr},
        {"PUT", &PutRegistration, nullptr},
        {"PATCH", &PatchRegistration, nullptr},
        {"DELETE", &DeleteRegistration, nullptr}}},
      {{"subscriptions", kAny, "resourcegroups", kAny, "providers", "Microsoft.AzureStack",
        "registrations", kAny, "getactivationkey"},
       K::kRegistrations,
       "registrations",
       kRegistrationsAction,
       true,
       {{"POST", &GetActivationKey, "Microsoft.AzureStack/registrations/getActivationKey/action"}}},
      {{"subscriptions", kAny, "resourcegroups", kAny, "providers", "Microsoft.AzureStack",
        "registrations", kAny, "enableRemoteManagement"},
       K::kRegistrations,
       "registrations",
       kRegistrationsAction,
       true,
       {{"POST", &EnableRemoteManagement,
         "Microsoft.AzureStack/registrations/enableRemoteManagement/action"}}},
      {{"subscriptions", kAny, "resourcegroups", kAny, "providers", "Microsoft.AzureStack",
        "registrations", kAny, "providers", "Microsoft.Authorization", "locks"},
       K::kLocks,
       "locks",
       kLocksAction,
       false,
       {{"GET", &ListRegistrationLocks, nullptr}}},
      {{"subscriptions", kAny, "resourcegroups", kAny, "providers", "Microsoft.AzureStack",
        "registrations", kAny, "providers", "Microsoft.Authorization", "locks", kAny},
       K::kLocks,
       "locks",
       kLocksAction,
       false,
       {{"GET", &GetRegistrationLock, nullptr},
        {"PUT", &PutRegistrationLock, nullptr},
        {"DELETE", &DeleteRegistrationLock, nullptr}}},
      {{"subscriptions", kAny, "resourcegroups", kAny, "providers", "Microsoft.AzureStack",
        "registrations", kAny, "providers", "Microsoft.Authorization", "roleAssignments"},
       K::kAuthorization,
       "roleAssignments",
       kRoleAssignmentsAction,
       false,
       {{"GET", &ListRegistrationRoleAssignments, nullptr}}},
      {{"subscriptions", kAny, "resourcegroups", kAny, "providers", "Microsoft.AzureStack",
        "registrations", kAny, "providers", "Microsoft.Authorization", "roleAssignments", kAny},
       K::kAuthorization,
       "roleAssignments",
       kRoleAssignmentsAction,
       false,
       {{"GET", &GetRegistrationRoleAssignment, nullptr},
        {"PUT", &PutRegistrationRoleAssignment, nullptr},
        {"DELETE", &DeleteRegistrationRoleAssignment, nullptr}}},
      {{"subscriptions", kAny, "resourcegroups", kAny, "providers", "Microsoft.AzureStack",
        "registrations", kAny, "providers", "Microsoft.Authorization", "permissions"},
       K::kAuthorization,
       "permissions",
       kPermissionsAction,
       false,
       {{"GET", &ListPermissionsAtRegistration, kAnyCaller}}},
      {{"subscriptions", kAny, "resourcegroups", kAny, "providers", "Microsoft.AzureStack",
        "registrations", kAny, "customerSubscriptions"},
       K::kCustomerSubscriptions,
       "registrations/customerSubscriptions",
       kCustomerSubscriptionsAction,
       true,
       {{"GET", &ListCustomerSubscriptions, nullptr}}},
      {{"subscriptions", kAny, "resourcegroups", kAny, "providers", "Microsoft.AzureStack",
        "registrations", kAny, "customerSubscriptions", kAny},
       K::kCustomerSubscriptions,
       "registrations/customerSubscriptions",
       kCustomerSubscriptionsAction,
       true,
       {{"GET", &GetCustomerSubscription, nullptr},
        {"PUT", &PutCustomerSubscription, nullptr},
        {"DELETE", &DeleteCustomerSubscription, nullptr}}},
  };
  return routes;
}

bool Matches(const ArmRoute& route, const std::vector<std::string>& segments,
             std::vector<std::string>& captures) {
  if (route.pattern.size() != segments.size()) return false;
  captures.clear();
  for (size_t i = 0; i < segments.size(); ++i) {
    if (std::string_view(route.pattern[i]) == kAny) {
      captures.push_back(segments[i]);
    } else if (!IEquals(route.pattern[i], segments[i])) {
      return false;
    }
  }
  return true;
}

std::string ActionFor(const ArmRoute& route, const MethodBinding& binding,
                      const std::vector<std::string>& captures) {
  if (binding.action) {
    std::string action = binding.action;
    const std::string placeholder = "{namespace}";
    size_t at = action.find(placeholder);
    if (at != std::string::npos) action.replace(at, placeholder.size(), captures.at(1));
    return action;
  }
  switch (ClassOf(binding.method)) {
    case OperationClass::kRead:
      return std::string(route.action_prefix) + "/read";
    case OperationClass::kDelete:
      return std::string(route.action_prefix) + "/delete";
    default:
      return std::string(route.action_prefix) + "/write";
  }
}

HttpResponse ThrottledResponse(const std::string& subscription, OperationClass operation_class,
                               const ThrottleDecision& decision) {
  std::string kind = operation_class == OperationClass::kRead    ? "read"
                     : operation_class == OperationClass::kWrite ? "write"
                                                                 : "delete";
  HttpResponse response =
      ArmError(429, "SubscriptionRequestsThrottled",
               "Number of " + kind + " requests for subscription '" + subscription +
                   "' exceeded the limit of '" + std::to_string(decision.limit) +
                   "' for time interval '" + decision.interval + "'. Please try again after '" +
                   std::to_string(decision.retry_after_seconds) + "' seconds.");
  response.headers.Set("Retry-After", std::to_string(decision.retry_after_seconds));
  return response;
}

HttpResponse NoRoute(const std::vector<std::string>& segments, const std::string& api_version,
                     const std::string& path) {
  for (size_t i = segments.size(); i-- > 0;) {
    if (IEquals(segments[i], "providers") && i + 2 < segments.size()) {
      return ArmError(404, "InvalidResourceType",
                      "The resource type '" + segments[i + 2] +
                          "' could not be found in the namespace '" + segments[i + 1] +
                          "' for api version '" + api_version + "'.");
    }
  }
  return ArmError(404, "NotFound", "The requested path '" + path + "' was not found.");
}

// The registration a URL addresses or lies under (its role assignments count for RBAC there).
const Registration* RegistrationInPath(World& world, const std::vector<std::string>& segments) {
  if (segments.size() < 8 || !IEquals(segments[2], "resourcegroups") ||
      !IEquals(segments[4], "providers") || !IEquals(segments[5], "Microsoft.AzureStack") ||
      !IEquals(segments[6], "registrations")) {
    return nullptr;
  }
  return world.FindRegistration(segments[1], segments[3], segments[7]);
}

// Everything after authentication and throttling; state_mutex is held.
HttpResponse Dispatch(ServiceContext& context, const HttpRequest& request, const RequestInfo& info,
                      const Principal& principal) {
  const auto& segments = info.target.segments;
  const std::string* api_version = info.target.Query("api-version");
  if (!api_version || api_version->empty()) return MissingApiVersion();

  World& world = context.world;
  Subscription* subscription = nullptr;
  if (segments.size() >= 2 && IEquals(segments[0], "subscriptions")) {
    subscription = world.FindSubscription(segments[1]);
    if (!subscription) {
      return ArmError(404, "SubscriptionNotFound",
                      "The subscription '" + segments[1] + "' could not be found.");
    }
  }

  const ArmRoute* route = nullptr;
  std::vector<std::string> captures;
  for (const ArmRoute& candidate : Routes()) {
    if (Matches(candidate, segments, captures)) {
      route = &candidate;
      break;
    }
  }
  if (!route) return NoRoute(segments, *api_version, info.target.Path());
  const MethodBinding* binding = nullptr;
  for (const MethodBinding& candidate : route->methods) {
    if (request.method == candidate.method) binding = &candidate;
  }
  if (!binding) {
    return ArmError(
        405, "MethodNotAllowed",
        "The requested resource does not support http method '" + request.method + "'.");
  }
  if (auto error = CheckApiVersion(route->kind, route->type_name, *api_version)) return *error;

  if (subscription) {
    if (binding->action != kAnyCaller) {
      std::string action = ActionFor(*route, *binding, captures);
      if (auto denied = Authorize(*subscription, RegistrationInPath(world, segments), principal,
                                  action, info.target.Path())) {
        return *denied;
      }
    }
    bool writes = request.method == "PUT" || request.method == "PATCH" || request.method == "POST";
    if (route->azurestack && writes &&
        !IsProviderRegistered(*subscription, "Microsoft.AzureStack")) {
      return ArmError(409, "MissingSubscriptionRegistration",
                      "The subscription is not registered to use namespace "
                      "'Microsoft.AzureStack'. See https://aka.ms/rps-not-found for how to "
                      "register subscriptions.");
    }
    // A child of a resource group needs the group; the group's own route reports it itself.
    if (segments.size() > 4 && IEquals(segments[2], "resourcegroups") &&
        !FindResourceGroup(*subscription, segments[3])) {
      return ArmError(404, "ResourceGroupNotFound",
                      "Resource group '" + segments[3] + "' could not be found.");
    }
  }

  ArmCall call{context, world, request, info, principal, *api_version, captures};
  return binding->handler(call);
}

}  // namespace

bool IsArmPath(const RequestTarget& target) {
  return !target.segments.empty() &&
         (IEquals(target.segments[0], "subscriptions") || IEquals(target.segments[0], "providers"));
}

HttpResponse HandleArm(ServiceContext& context, const HttpRequest& request,
                       const RequestInfo& info) {
  const auto& segments = info.target.segments;
  std::string subscription_id =
      segments.size() >= 2 && IEquals(segments[0], "subscriptions") ? segments[1] : std::string();

  std::unique_lock<std::mutex> lock(context.state_mutex);
  std::string subscription_tenant;
  if (const Subscription* s = context.world.FindSubscription(subscription_id)) {
    subscription_tenant = s->tenant_id;
  }
  auto authenticated = AuthenticateArm(context, request, subscription_tenant);
  if (HttpResponse* failure = std::get_if<HttpResponse>(&authenticated)) return *failure;
  const Principal& principal = std::get<Principal>(authenticated);

  ThrottleDecision decision;
  OperationClass operation_class = ClassOf(request.method);
  if (!subscription_id.empty()) {
    decision = context.throttler.Consume(subscription_id, principal.object_id, operation_class);
    if (!decision.allowed) return ThrottledResponse(subscription_id, operation_class, decision);
  }
  HttpResponse response = Dispatch(context, request, info, principal);
  if (decision.remaining >= 0) {
    response.headers.Set(
        std::string("x-ms-ratelimit-remaining-subscription-") + ClassName(operation_class),
        std::to_string(decision.remaining));
  }
  return response;
}

}  // namespace azscsp::emulator
