// The few claims of an access token a client may read to describe who signed in. The token is not
// verified here (the service does that); this never logs or returns the token itself.
#pragma once

#include <optional>
#include <string>

namespace azscsp::auth {

struct TokenClaims {
  std::string tenant_id;            // tid
  std::string object_id;            // oid
  std::string app_id;               // appid (v1) or azp (v2)
  std::string user_principal_name;  // upn, else unique_name, else preferred_username (users only)
  std::optional<long long> expires_on;  // exp, seconds since the epoch
  std::string scopes;                   // scp: delegated scopes (app+user tokens only)
  std::string id_type;                  // idtyp: "user" or "app" when the issuer sets it

  // An app-only token: no delegated scopes (partner-center.md §2; Partner Center's A+U rule).
  bool IsAppOnly() const { return scopes.empty(); }
};

// nullopt when the token is not a JWT with a JSON payload (opaque tokens are allowed).
std::optional<TokenClaims> ReadTokenClaims(const std::string& token);

}  // namespace azscsp::auth
