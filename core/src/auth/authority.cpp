#include "azscsp/auth/authority.hpp"

#include <cctype>

#include "azscsp/errors.hpp"
#include "azscsp/util/case_insensitive.hpp"

namespace azscsp::auth {
namespace {

std::string TrimTrailingSlashes(std::string text) {
  while (!text.empty() && text.back() == '/') text.pop_back();
  return text;
}

bool IsTenantCharacter(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
}

}  // namespace

bool Authority::LooksLikeAdfs(const std::string& authority_host) {
  return util::EndsWithIgnoreCase(TrimTrailingSlashes(authority_host), "/adfs");
}

Authority::Authority(const std::string& authority_host, const std::string& tenant)
    : host_(TrimTrailingSlashes(authority_host)), is_adfs_(LooksLikeAdfs(authority_host)) {
  if (!util::StartsWithIgnoreCase(host_, "https://") || host_.size() <= 8) {
    throw InvalidArgumentError("The authority '" + authority_host +
                               "' is not an https:// URL; expected for example "
                               "https://login.microsoftonline.com/.");
  }
  if (is_adfs_) {
    tenant_ = "adfs";
    return;
  }
  if (tenant.empty()) {
    throw InvalidArgumentError(
        "No tenant was given; expected the directory's tenant ID (a GUID) or domain name, for "
        "example contoso.onmicrosoft.com.");
  }
  for (char c : tenant) {
    if (!IsTenantCharacter(c)) {
      throw InvalidArgumentError("The tenant '" + tenant +
                                 "' is not a tenant ID or domain name; expected a GUID or a "
                                 "domain such as contoso.onmicrosoft.com.");
    }
  }
  tenant_ = tenant;
}

std::string Authority::TokenEndpoint(TokenVersion version) const {
  // AD FS: the host already ends in /adfs and there is no tenant segment.
  if (is_adfs_) return host_ + "/oauth2/token";
  return host_ + "/" + tenant_ +
         (version == TokenVersion::V2 ? "/oauth2/v2.0/token" : "/oauth2/token");
}

std::string Authority::DeviceCodeEndpoint(TokenVersion version) const {
  if (is_adfs_) return host_ + "/oauth2/devicecode";
  return host_ + "/" + tenant_ +
         (version == TokenVersion::V2 ? "/oauth2/v2.0/devicecode" : "/oauth2/devicecode");
}

}  // namespace azscsp::auth
