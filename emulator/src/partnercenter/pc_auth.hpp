// Partner Center bearer tokens (reference §2): the emulator's own JWTs for the Partner Center
// audience, issued to a partner tenant; app+user (scp claim) versus app-only.
#pragma once

#include <variant>

#include "http/message.hpp"
#include "partnercenter/pc_call.hpp"

namespace azscsp::emulator {

inline constexpr char kPartnerCenterAudience[] = "https://api.partnercenter.microsoft.com";

// The caller, or the 401: code 400 "Access denied" (missing, invalid, expired token or another
// audience) or code 800001 (the token's tenant is not a partner tenant).
std::variant<PcCaller, HttpResponse> AuthenticatePartnerCenter(const ServiceContext& context,
                                                               const HttpRequest& request);

// The answer to an app-only token on an app+user-only route (status --partner-center-app-only-
// status, code 2032; assumed, reference §12 item 3).
HttpResponse AppUserRequired(const ServiceContext& context);

}  // namespace azscsp::emulator
