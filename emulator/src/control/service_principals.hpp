// POST /_emulator/servicePrincipals: adds a service principal at run time, as the stand-in
// privileged endpoint does to emulate New-AzureBridgeServicePrincipal.
#pragma once

#include "http/message.hpp"

namespace azscsp::emulator {

struct ServiceContext;

// Body {"displayName", "tenantId" (id or domain; default the home tenant), "appId" (default new),
// "secret" (optional, to sign in with)} -> 201 {objectId, appId, displayName, tenantId}.
HttpResponse CreateServicePrincipal(ServiceContext& context, const HttpRequest& request);

}  // namespace azscsp::emulator
