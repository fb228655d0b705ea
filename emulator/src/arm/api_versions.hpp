// api-version validation per resource type (api.md §10 items 5-6), checked before the
// resource provider sees the request.
#pragma once

#include <optional>
#include <string>

#include "http/message.hpp"

namespace azscsp::emulator {

enum class ResourceKind {
  kResources,  // Microsoft.Resources: subscriptions, resource groups, providers
  kRegistrations,
  kCustomerSubscriptions,
  kLocks,                // Microsoft.Authorization/locks
  kAuthorization,        // Microsoft.Authorization/roleAssignments and permissions
  kSubscriptionAliases,  // Microsoft.Subscription/aliases
};

// nullopt when `api_version` is acceptable for `kind`; otherwise the 400 error.
// `type_name` appears in the NoRegisteredProviderFound message.
std::optional<HttpResponse> CheckApiVersion(ResourceKind kind, const std::string& type_name,
                                            const std::string& api_version);

std::string SupportedVersionsOf(ResourceKind kind);  // "2017-06-01, 2020-06-01-preview, ..."
bool IsPreviewWithSystemData(const std::string& api_version);  // 2020-06-01-preview

HttpResponse MissingApiVersion();

}  // namespace azscsp::emulator
