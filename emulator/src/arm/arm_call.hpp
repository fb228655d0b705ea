// What an ARM handler gets: the request, the caller, the api-version, the captured path values
// and the world (state_mutex is held for the whole call).
#pragma once

#include <string>
#include <vector>

#include "http/message.hpp"
#include "request_info.hpp"
#include "state/model.hpp"

namespace azscsp::emulator {

struct ServiceContext;

struct Principal {
  std::string object_id;
  std::string app_id;
  std::string tenant_id;
  std::string user_principal_name;  // user tokens only

  // As ARM names the caller: the UPN of a user, else the application id.
  const std::string& Name() const {
    return user_principal_name.empty() ? app_id : user_principal_name;
  }
  const char* Type() const { return user_principal_name.empty() ? "Application" : "User"; }
};

struct ArmCall {
  ServiceContext& context;
  World& world;
  const HttpRequest& http;
  const RequestInfo& info;
  Principal principal;
  std::string api_version;
  std::vector<std::string> params;  // "{}" captures of the route pattern, in order

  const std::string& Param(size_t i) const { return params.at(i); }
};

using ArmHandler = HttpResponse (*)(ArmCall& call);

// Handlers, grouped by file.
HttpResponse ListSubscriptions(ArmCall& call);
HttpResponse GetSubscription(ArmCall& call);
HttpResponse ListResourceGroups(ArmCall& call);
HttpResponse GetResourceGroup(ArmCall& call);
HttpResponse PutResourceGroup(ArmCall& call);
HttpResponse GetProvider(ArmCall& call);
HttpResponse RegisterProvider(ArmCall& call);
HttpResponse ListRegistrationsBySubscription(ArmCall& call);
HttpResponse ListRegistrationsByResourceGroup(ArmCall& call);
HttpResponse GetRegistration(ArmCall& call);
HttpResponse PutRegistration(ArmCall& call);
HttpResponse PatchRegistration(ArmCall& call);
HttpResponse DeleteRegistration(ArmCall& call);
HttpResponse GetActivationKey(ArmCall& call);
HttpResponse EnableRemoteManagement(ArmCall& call);
HttpResponse ListLocations(ArmCall& call);
HttpResponse ListAzureStackOperations(ArmCall& call);
HttpResponse ListRegistrationLocks(ArmCall& call);
HttpResponse GetRegistrationLock(ArmCall& call);
HttpResponse PutRegistrationLock(ArmCall& call);
HttpResponse DeleteRegistrationLock(ArmCall& call);
HttpResponse ListRegistrationRoleAssignments(ArmCall& call);
HttpResponse GetRegistrationRoleAssignment(ArmCall& call);
HttpResponse PutRegistrationRoleAssignment(ArmCall& call);
HttpResponse DeleteRegistrationRoleAssignment(ArmCall& call);
HttpResponse ListPermissionsAtSubscription(ArmCall& call);
HttpResponse ListPermissionsAtResourceGroup(ArmCall& call);
HttpResponse ListPermissionsAtRegistration(ArmCall& call);
HttpResponse ListCustomerSubscriptions(ArmCall& call);
HttpResponse GetCustomerSubscription(ArmCall& call);
HttpResponse PutCustomerSubscription(ArmCall& call);
HttpResponse DeleteCustomerSubscription(ArmCall& call);
HttpResponse GetSubscriptionAlias(ArmCall& call);  // partnercenter/subscription_aliases.cpp
HttpResponse PutSubscriptionAlias(ArmCall& call);

}  // namespace azscsp::emulator
