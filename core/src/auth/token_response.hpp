// The token endpoint, shared by every credential: the form POST, parsing of answers and errors.
#pragma once

#include <string>
#include <string_view>

#include "azscsp/auth/authority.hpp"
#include "azscsp/auth/public_client_credential.hpp"
#include "azscsp/auth/token_credential.hpp"
#include "azscsp/http/http_message.hpp"
#include "azscsp/http/pipeline.hpp"
#include "azscsp/util/clock.hpp"

namespace azscsp::auth::_detail {

using auth::TokenGrant;

// Reads a successful token response (numbers as JSON numbers or digit strings, v1 or v2 fields).
AccessToken ParseTokenResponse(const http::Response& response, util::Clock::SystemTime now);
TokenGrant ParseTokenGrant(const http::Response& response, util::Clock::SystemTime now);

// Turns an error answer of the authority into a ServiceError(Authentication) whose message says
// what a person can fix. `who` describes the credential ("application 5a0b… in tenant contoso").
[[noreturn]] void ThrowTokenError(const http::Response& response, const std::string& who);

// The OAuth "error" value of an error answer ("authorization_pending", ...), or empty.
std::string OAuthErrorCode(const http::Response& response);

// "&name=value" with the value percent-encoded (the first parameter's '&' is dropped by Send).
std::string FormParam(std::string_view name, std::string_view value);

// v2 scope for a v1 resource: "{resource}/.default" (a resource ending in '/' keeps it:
// "…//.default", what Entra expects for v1 audiences); unchanged if it already ends in "/.default".
std::string V2Scope(const std::string& resource);

// The form parameter that names the audience: "&scope={resource}/.default" for v2,
// "&resource={resource}" for v1 and AD FS.
std::string AudienceParam(TokenVersion version, const std::string& resource);

// POSTs `form` (FormParam pieces) to `endpoint` as application/x-www-form-urlencoded, never logging
// the body, wipes the body afterwards; a non-200 answer becomes ThrowTokenError(response, who).
TokenGrant RedeemGrant(const http::Pipeline& pipeline, const std::string& endpoint,
                       std::string form, const std::string& who, util::Clock& clock,
                       const util::Context& context);

// The raw POST, for flows that must look at error answers themselves (device code polling).
http::Response PostForm(const http::Pipeline& pipeline, const std::string& endpoint,
                        std::string form, const util::Context& context);

// Base64url without padding (JWT segments, certificate thumbprints).
std::string Base64UrlEncode(std::string_view bytes);

// Overwrites a string that held a secret before it is freed.
void Wipe(std::string& secret);

}  // namespace azscsp::auth::_detail
