#include "azscsp/cloud/environment.hpp"

#include <boost/json.hpp>

#include "azscsp/errors.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/json.hpp"

namespace json = boost::json;

namespace azscsp::cloud {
namespace {

std::string WithTrailingSlash(std::string url) {
  if (!url.empty() && url.back() != '/') url += '/';
  return url;
}

void RequireHttpsUrl(const std::string& url, const char* what) {
  try {
    const http::Url parsed = http::Url::Parse(url);
    if (parsed.scheme != "https") throw InvalidArgumentError("");
  } catch (const InvalidArgumentError&) {
    throw InvalidArgumentError(std::string("The ") + what + " '" + url +
                               "' is not an absolute https:// URL.");
  }
}

}  // namespace

const char* Environment::BuiltInNames() {
  return "AzureCloud, AzureChinaCloud, AzureUSGovernment";
}

std::optional<Environment> Environment::BuiltIn(const std::string& name) {
  // Values from azure-cli's cloud.py (shared/reference/auth.md §14); Partner Center from
  // partner-center.md §1 (global and US Government share one endpoint).
  if (util::EqualsIgnoreCase(name, "AzureCloud"))
    return Environment{"AzureCloud",
                       "https://management.azure.com/",
                       "https://login.microsoftonline.com/",
                       "https://management.core.windows.net/",
                       "https://graph.microsoft.com/",
                       "",
                       "https://api.partnercenter.microsoft.com/",
                       "https://api.partnercenter.microsoft.com"};
  if (util::EqualsIgnoreCase(name, "AzureChinaCloud"))
    return Environment{"AzureChinaCloud",
                       "https://management.chinacloudapi.cn/",
                       "https://login.chinacloudapi.cn/",
                       "https://management.core.chinacloudapi.cn/",
                       "https://microsoftgraph.chinacloudapi.cn/",
                       "",
                       "https://partner.partnercenterapi.microsoftonline.cn/",
                       "https://partner.partnercenterapi.microsoftonline.cn"};
  if (util::EqualsIgnoreCase(name, "AzureUSGovernment"))
    return Environment{"AzureUSGovernment",
                       "https://management.usgovcloudapi.net/",
                       "https://login.microsoftonline.us/",
                       "https://management.core.usgovcloudapi.net/",
                       "https://graph.microsoft.us/",
                       "",
                       "https://api.partnercenter.microsoft.com/",
                       "https://api.partnercenter.microsoft.com"};
  return std::nullopt;
}

std::string PartnerCenterUrl(const Environment& environment) {
  if (environment.partner_center_url.empty())
    throw ServiceError(ErrorKind::InvalidArgument,
                       {0, "PartnerCenterUnknown",
                        "The Partner Center endpoint of the environment '" + environment.name +
                            "' is unknown; set the environment option partnerCenterUrl (for "
                            "example https://api.partnercenter.microsoft.com/)."});
  RequireHttpsUrl(environment.partner_center_url, "Partner Center endpoint");
  return WithTrailingSlash(environment.partner_center_url);
}

std::string PartnerCenterResource(const Environment& environment) {
  std::string resource = environment.partner_center_resource.empty()
                             ? std::string(kPartnerCenterResource)
                             : environment.partner_center_resource;
  while (!resource.empty() && resource.back() == '/') resource.pop_back();
  return resource;
}

std::string PartnerCenterDomainSuffix(const Environment& environment) {
  const std::string& url = environment.partner_center_url;
  const size_t scheme = url.find("://");
  const std::string host = scheme == std::string::npos
                               ? std::string()
                               : url.substr(scheme + 3, url.find('/', scheme + 3) - scheme - 3);
  const std::string china = "microsoftonline.cn";
  const bool china_url = host.size() >= china.size() &&
                         util::EqualsIgnoreCase(host.substr(host.size() - china.size()), china);
  return util::EqualsIgnoreCase(environment.name, "AzureChinaCloud") || china_url
             ? ".partner.onmschina.cn"
             : ".onmicrosoft.com";
}

std::string MicrosoftGraphUrl(const Environment& environment) {
  // Microsoft Graph of the public clouds, by the host of their login endpoints.
  static const std::pair<const char*, const char*> kByLoginHost[] = {
      {"login.microsoftonline.com", "https://graph.microsoft.com/"},
      {"login.windows.net", "https://graph.microsoft.com/"},
      {"login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn/"},
      {"login.partner.microsoftonline.cn", "https://microsoftgraph.chinacloudapi.cn/"},
      {"login.microsoftonline.us", "https://graph.microsoft.us/"},
      {"login.usgovcloudapi.net", "https://graph.microsoft.us/"},
  };
  std::string login_host;
  try {
    login_host = http::Url::Parse(environment.authority_host).host;
  } catch (const InvalidArgumentError&) {
  }
  auto by_login_host = [&]() -> std::string {
    for (const auto& [host, graph] : kByLoginHost)
      if (util::EqualsIgnoreCase(login_host, host)) return graph;
    return {};
  };
  std::string host;
  try {
    if (!environment.graph_url.empty()) host = http::Url::Parse(environment.graph_url).host;
  } catch (const InvalidArgumentError&) {
  }
  // Built-in clouds carry their Microsoft Graph already. Azure AD Graph is retired: the
  // directories of stamps that still name it are served by Microsoft Graph.
  if (!host.empty() && !util::EqualsIgnoreCase(host, "graph.windows.net"))
    return WithTrailingSlash(environment.graph_url);
  if (std::string graph = by_login_host(); !graph.empty()) return graph;
  throw ServiceError(ErrorKind::InvalidArgument,
                     {0, "MicrosoftGraphUnknown",
                      "The Microsoft Graph endpoint of the environment '" + environment.name +
                          "' is unknown (login endpoint '" + environment.authority_host +
                          "', graph endpoint '" + environment.graph_url +
                          "'); set the environment option graphUrl (for example "
                          "https://graph.microsoft.com/)."});
}

Environment CompleteCustomEnvironment(Environment environment, const http::Pipeline& pipeline,
                                      const util::Context& context) {
  if (environment.resource_manager_url.empty()) {
    throw InvalidArgumentError("The custom environment '" + environment.name +
                               "' needs a resource manager endpoint (for example "
                               "https://management.local.azurestack.external/).");
  }
  RequireHttpsUrl(environment.resource_manager_url, "resource manager endpoint");
  environment.resource_manager_url = WithTrailingSlash(environment.resource_manager_url);
  if (!environment.authority_host.empty()) {
    RequireHttpsUrl(environment.authority_host, "login endpoint");
    environment.authority_host = WithTrailingSlash(environment.authority_host);
  }
  if (!environment.authority_host.empty() && !environment.arm_resource.empty()) return environment;

  http::Request request;
  request.url = http::Url::Parse(environment.resource_manager_url +
                                 "metadata/endpoints?api-version=2015-01-01");
  request.headers["Accept"] = "application/json";
  const http::Response response = pipeline.Send(request, context);
  if (response.status != 200) {
    throw ServiceError(
        ErrorKind::Service,
        {response.status, "EndpointDiscoveryFailed",
         "Could not read the endpoints of '" + environment.resource_manager_url +
             "': GET metadata/endpoints answered HTTP " + std::to_string(response.status) +
             ". Give -ActiveDirectoryAuthority and -ActiveDirectoryResourceId."});
  }
  json::value metadata;
  try {
    metadata = util::ParseJson(response.body, "The metadata/endpoints answer");
  } catch (const InvalidArgumentError& error) {
    throw ServiceError(ErrorKind::Service,
                       {response.status, "EndpointDiscoveryFailed", error.what()});
  }
  const json::value* authentication =
      metadata.is_object() ? metadata.as_object().if_contains("authentication") : nullptr;
  if (environment.authority_host.empty() && authentication)
    environment.authority_host =
        WithTrailingSlash(util::GetString(*authentication, "loginEndpoint"));
  if (environment.arm_resource.empty() && authentication && authentication->is_object()) {
    if (const json::value* audiences = authentication->as_object().if_contains("audiences");
        audiences && audiences->is_array() && !audiences->as_array().empty() &&
        audiences->as_array()[0].is_string())
      environment.arm_resource = std::string(audiences->as_array()[0].as_string());
  }
  if (environment.graph_url.empty())
    environment.graph_url = WithTrailingSlash(util::GetString(metadata, "graphEndpoint"));
  if (environment.portal_url.empty())
    environment.portal_url = WithTrailingSlash(util::GetString(metadata, "portalEndpoint"));
  if (environment.authority_host.empty() || environment.arm_resource.empty()) {
    throw ServiceError(ErrorKind::Service,
                       {response.status, "EndpointDiscoveryFailed",
                        "The endpoints of '" + environment.resource_manager_url +
                            "' name no login endpoint or audience."});
  }
  return environment;
}

}  // namespace azscsp::cloud
