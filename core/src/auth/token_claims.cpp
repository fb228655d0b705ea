#include "azscsp/auth/token_claims.hpp"

#include <boost/json.hpp>

#include "azscsp/util/base64.hpp"
#include "azscsp/util/json.hpp"

namespace azscsp::auth {

std::optional<TokenClaims> ReadTokenClaims(const std::string& token) {
  const size_t first_dot = token.find('.');
  const size_t second_dot = token.find('.', first_dot + 1);
  if (first_dot == std::string::npos || second_dot == std::string::npos) return std::nullopt;
  const auto payload =
      util::Base64Decode(std::string_view(token).substr(first_dot + 1, second_dot - first_dot - 1));
  if (!payload) return std::nullopt;
  boost::system::error_code ec;
  const boost::json::value claims = boost::json::parse(*payload, ec);
  if (ec || !claims.is_object()) return std::nullopt;
  TokenClaims result;
  result.tenant_id = util::GetString(claims, "tid");
  result.object_id = util::GetString(claims, "oid");
  result.app_id = util::GetString(claims, "appid");
  if (result.app_id.empty()) result.app_id = util::GetString(claims, "azp");
  for (const char* name : {"upn", "unique_name", "preferred_username"}) {
    result.user_principal_name = util::GetString(claims, name);
    if (!result.user_principal_name.empty()) break;
  }
  result.expires_on = util::GetInteger(claims, "exp");
  result.scopes = util::GetString(claims, "scp");
  result.id_type = util::GetString(claims, "idtyp");
  return result;
}

}  // namespace azscsp::auth
