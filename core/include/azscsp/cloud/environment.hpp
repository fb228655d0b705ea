// Clouds: the built-in Azure clouds and custom ones (an Azure Stack Hub stamp, the emulator),
// which are completed from {resourceManagerUrl}/metadata/endpoints.
#pragma once

#include <optional>
#include <string>

#include "azscsp/http/pipeline.hpp"

namespace azscsp::cloud {

struct Environment {
  std::string name;
  std::string resource_manager_url;  // "https://management.azure.com/" (always ends in '/')
  std::string authority_host;        // "https://login.microsoftonline.com/" (ends in '/')
  std::string arm_resource;          // v1 resource / audience for ARM tokens
  std::string graph_url;   // Graph endpoint as configured or discovered (may be AAD Graph)
  std::string portal_url;  // stamp portal (metadata portalEndpoint), when known
  // Partner Center (partner-center.md §1): the API base URL (ends in '/') and the token audience
  // (v1 resource, no trailing '/'). Built-in clouds have both; custom clouds set them by option.
  std::string partner_center_url;
  std::string partner_center_resource;

  // AzureCloud, AzureChinaCloud or AzureUSGovernment (any case); nullopt for other names.
  static std::optional<Environment> BuiltIn(const std::string& name);
  static const char* BuiltInNames();  // "AzureCloud, AzureChinaCloud, AzureUSGovernment"
};

// The Microsoft Graph base URL (ends in '/'): the built-in clouds' by login host
// (login.microsoftonline.com -> graph.microsoft.com, .cn, .us); otherwise graph_url unless it is
// the retired Azure AD Graph (graph.windows.net), which is mapped by login host too. Throws
// ServiceError code "MicrosoftGraphUnknown" naming the option to set when neither works.
std::string MicrosoftGraphUrl(const Environment& environment);

// The default Partner Center token audience, also when the API is served elsewhere (emulator).
constexpr const char* kPartnerCenterResource = "https://api.partnercenter.microsoft.com";

// The Partner Center API base URL (ends in '/'); throws ServiceError code "PartnerCenterUnknown"
// (InvalidArgument) naming the option environment.partnerCenterUrl when the cloud has none.
std::string PartnerCenterUrl(const Environment& environment);
// The token audience for Partner Center (partner_center_resource, default kPartnerCenterResource).
std::string PartnerCenterResource(const Environment& environment);
// The initial domain suffix of new Partner Center customers: ".partner.onmschina.cn" in
// AzureChinaCloud (by name, or a Partner Center URL under microsoftonline.cn), else
// ".onmicrosoft.com".
std::string PartnerCenterDomainSuffix(const Environment& environment);

// Fills authority_host and arm_resource of a custom environment that lacks them from
// GET {resource_manager_url}metadata/endpoints?api-version=2015-01-01 (no authentication).
// Throws InvalidArgumentError for missing/invalid URLs, ServiceError when discovery fails.
Environment CompleteCustomEnvironment(Environment environment, const http::Pipeline& pipeline,
                                      const util::Context& context);

}  // namespace azscsp::cloud
