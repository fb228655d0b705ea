// Parsing of token-endpoint answers, shared by every credential.
#pragma once

#include "azscsp/auth/token_credential.hpp"
#include "azscsp/http/http_message.hpp"
#include "azscsp/util/clock.hpp"

namespace azscsp::auth::_detail {

// Reads a successful token response (numbers as JSON numbers or digit strings, v1 or v2 fields).
AccessToken ParseTokenResponse(const http::Response& response, util::Clock::SystemTime now);

// Turns an error answer of the authority into a ServiceError(Authentication) whose message says
// what a person can fix. `who` describes the credential ("application 5a0b… in tenant contoso").
[[noreturn]] void ThrowTokenError(const http::Response& response, const std::string& who);

}  // namespace azscsp::auth::_detail
