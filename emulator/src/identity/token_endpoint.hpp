// Token endpoints /{tenant}/oauth2/token (v1) and /{tenant}/oauth2/v2.0/token (v2).
// Grants are looked up in a table so password, refresh_token, device_code and certificate
// assertions can be added as new entries without touching the shared parsing and formatting.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>

#include "http/message.hpp"
#include "identity/aad_errors.hpp"
#include "request_info.hpp"
#include "state/model.hpp"

namespace azscsp::emulator {

struct ServiceContext;

struct TokenRequest {
  bool v2 = false;
  const Tenant* tenant = nullptr;
  std::map<std::string, std::string> form;  // decoded form fields
  std::optional<std::string> basic_client_id;
  std::optional<std::string> basic_client_secret;

  // Form field, or "" when absent.
  std::string Field(const std::string& name) const;
  std::string ClientId() const;  // form client_id, else HTTP Basic user
};

// Who the token is for and which resource it targets.
struct TokenGrant {
  std::string object_id;
  std::string app_id;
  std::string resource;  // becomes aud
};

using GrantOutcome = std::variant<TokenGrant, AadFailure>;
using GrantHandler = GrantOutcome (*)(const TokenRequest& request, const World& world);

// Grant implementations (one file each).
GrantOutcome ClientCredentialsGrant(const TokenRequest& request, const World& world);

// Shared helpers for grants: resource from v1 resource= or v2 scope={resource}/.default.
std::variant<std::string, AadFailure> RequestedResource(const TokenRequest& request);
AadFailure MissingParameter(const std::string& name);

HttpResponse HandleTokenRequest(ServiceContext& context, const HttpRequest& request,
                                const RequestInfo& info, const std::string& tenant, bool v2);

}  // namespace azscsp::emulator
