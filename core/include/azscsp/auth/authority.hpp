// Where tokens come from: an Entra ID (Azure AD) authority host and tenant, or an AD FS stamp.
#pragma once

#include <string>

namespace azscsp::auth {

enum class TokenVersion { V1, V2 };

class Authority {
 public:
  // `authority_host` e.g. "https://login.microsoftonline.com/" or
  // "https://adfs.local.azurestack.external/adfs/". `tenant` a GUID or domain; ignored for AD FS
  // (its tenant is always "adfs"). Throws InvalidArgumentError naming the value when the host is
  // not an https URL or the tenant is empty or has characters a tenant cannot have.
  Authority(const std::string& authority_host, const std::string& tenant);

  bool IsAdfs() const { return is_adfs_; }
  const std::string& Host() const { return host_; }  // no trailing '/'
  const std::string& Tenant() const { return tenant_; }
  // AD FS always uses v1 (resource=).
  std::string TokenEndpoint(TokenVersion version) const;
  // v2 ".../oauth2/v2.0/devicecode", v1 ".../oauth2/devicecode", AD FS "/adfs/oauth2/devicecode".
  std::string DeviceCodeEndpoint(TokenVersion version) const;
  // "host|tenant", the authority part of cache and token-store keys.
  std::string Key() const { return host_ + "|" + tenant_; }

  // True when the login endpoint, trailing '/' trimmed, ends in "/adfs" (any case).
  static bool LooksLikeAdfs(const std::string& authority_host);

 private:
  std::string host_;
  std::string tenant_;
  bool is_adfs_ = false;
};

}  // namespace azscsp::auth
