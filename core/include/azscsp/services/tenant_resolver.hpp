// A directory's tenant GUID from its domain name, through the authority's OpenID discovery
// document (api.md §3 "Tenant ID from domain"); no sign-in needed.
#pragma once

#include <memory>
#include <string>

#include "azscsp/http/pipeline.hpp"

namespace azscsp::services {

struct ResolvedTenant {
  std::string domain;     // as asked
  std::string tenant_id;  // GUID, or "adfs"
  std::string issuer;
  std::string token_endpoint;
};

// Throws InvalidArgumentError unless `domain` is a GUID or a DNS name (no spaces, slashes, ...).
void ValidateDomainOrTenant(const std::string& domain);

class TenantResolver {
 public:
  // `pipeline` must not carry a bearer token policy; `authority_host` as in cloud::Environment.
  TenantResolver(std::shared_ptr<const http::Pipeline> pipeline, std::string authority_host);

  // GET {authority}/{domain}/.well-known/openid-configuration; the tenant is the first path
  // segment of token_endpoint (else the GUID in issuer). AD FS has one directory: "adfs", no
  // request. Unknown domain: ServiceError(NotFound) code "TenantNotFound" naming it.
  ResolvedTenant Resolve(const std::string& domain, const util::Context& context) const;

 private:
  std::shared_ptr<const http::Pipeline> pipeline_;
  std::string authority_;  // no trailing '/'
};

}  // namespace azscsp::services
