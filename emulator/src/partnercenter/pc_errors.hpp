// Partner Center's three error body shapes (reference §4.1, §6) and its 401 challenge.
#pragma once

#include <string>

#include "http/message.hpp"

namespace azscsp::emulator {

// PartnerFD: {"code":<number>,"description":"…","data":[],"source":"PartnerFD"}.
HttpResponse PcError(int status, long code, const std::string& description);
// MCA agreements: {"code","message","description","errorName","isRetryable":false,
// "parameters":{},"errorMessageExtended":"InternalErrorCode=<code>"}.
HttpResponse PcMcaError(int status, long code, const std::string& error_name,
                        const std::string& message);
// 429 + Retry-After + {"statusCode":429,"message":"Rate limit is exceeded. Try again in N
// seconds."}.
HttpResponse PcThrottled(long retry_after_seconds);
// 401 + WWW-Authenticate: OAuth realm=urn:cpsvc:cpid:{guid}, PartnerFD body.
HttpResponse PcUnauthorized(long code, const std::string& description);

// The customer-route errors shared by every customers/{c}/... route.
HttpResponse PcCustomerNotFound();  // 404 60003
HttpResponse PcNoRelationship(const std::string& partner,
                              const std::string& customer);  // 403 20002

}  // namespace azscsp::emulator
