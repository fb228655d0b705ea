#include "azscsp/services/tenant_resolver.hpp"

#include <cctype>

#include "azscsp/arm/arm_client.hpp"
#include "azscsp/auth/authority.hpp"
#include "azscsp/util/ids.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/url_encode.hpp"

namespace azscsp::services {
namespace {

bool IsDnsName(const std::string& text) {
  if (text.empty() || text.size() > 253 || text.find('.') == std::string::npos) return false;
  size_t label = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '.') {
      if (label == 0 || label > 63 || text[i - 1] == '-' || text[i - label] == '-') return false;
      label = 0;
    } else if (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '-') {
      ++label;
    } else {
      return false;
    }
  }
  return true;
}

// The first GUID-shaped path segment of a URL, scanning from the front or the back.
std::string GuidSegment(const std::string& url, bool from_back) {
  const size_t scheme = url.find("://");
  const size_t path = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (path == std::string::npos) return {};
  std::vector<std::string> segments;
  size_t start = path + 1;
  while (start <= url.size()) {
    size_t end = url.find_first_of("/?#", start);
    if (end == std::string::npos) end = url.size();
    if (end > start) segments.push_back(url.substr(start, end - start));
    if (end >= url.size() || url[end] != '/') break;
    start = end + 1;
  }
  if (from_back) {
    for (auto it = segments.rbegin(); it != segments.rend(); ++it)
      if (util::IsGuid(*it)) return *it;
    return {};
  }
  return !segments.empty() && util::IsGuid(segments.front()) ? segments.front() : std::string();
}

}  // namespace

void ValidateDomainOrTenant(const std::string& domain) {
  if (util::IsGuid(domain) || IsDnsName(domain)) return;
  throw InvalidArgumentError("The domain '" + domain +
                             "' is neither a directory tenant ID (GUID) nor a domain name such "
                             "as contoso.onmicrosoft.com (letters, digits, '-' and '.', no "
                             "spaces or slashes).");
}

TenantResolver::TenantResolver(std::shared_ptr<const http::Pipeline> pipeline,
                               std::string authority_host)
    : pipeline_(std::move(pipeline)), authority_(std::move(authority_host)) {
  while (!authority_.empty() && authority_.back() == '/') authority_.pop_back();
}

ResolvedTenant TenantResolver::Resolve(const std::string& domain,
                                       const util::Context& context) const {
  ValidateDomainOrTenant(domain);
  if (auth::Authority::LooksLikeAdfs(authority_))
    return {domain, "adfs", authority_, authority_ + "/oauth2/token"};

  http::Request request;
  request.method = http::Method::Get;
  request.url = http::Url::Parse(authority_ + "/" + util::PercentEncode(domain) +
                                 "/.well-known/openid-configuration");
  request.headers["Accept"] = "application/json";
  const http::Response response = pipeline_->Send(request, context);
  if (response.status < 200 || response.status >= 300) {
    ServiceError error = arm::ParseServiceError(response);
    // Entra answers 400 invalid_tenant (AADSTS90002) for a domain no directory has.
    if (response.status == 400 || response.status == 404) {
      ServiceError::Info info = error.Details();
      info.code = "TenantNotFound";
      info.message = "No directory tenant was found for '" + domain +
                     "'; check the domain name (e.g. contoso.onmicrosoft.com) or use the tenant "
                     "ID, and that it belongs to this cloud.";
      throw ServiceError(ErrorKind::NotFound, info);
    }
    throw error;
  }
  const boost::json::value body = arm::ReadBody(response);
  ResolvedTenant result{
      domain, {}, util::GetString(body, "issuer"), util::GetString(body, "token_endpoint")};
  result.tenant_id = GuidSegment(result.token_endpoint, false);
  if (result.tenant_id.empty()) result.tenant_id = GuidSegment(result.issuer, true);
  if (result.tenant_id.empty())
    throw ServiceError(ErrorKind::Service,
                       {response.status, "InvalidResponse",
                        "The OpenID configuration of '" + domain +
                            "' names no tenant ID in token_endpoint or issuer."});
  return result;
}

}  // namespace azscsp::services
