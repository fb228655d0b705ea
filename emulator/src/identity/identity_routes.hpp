// Azure AD (Entra ID) endpoints under /{tenant}/: token (v1, v2) and OpenID discovery.
#pragma once

#include <optional>

#include "http/message.hpp"
#include "request_info.hpp"

namespace azscsp::emulator {

struct ServiceContext;

bool IsIdentityPath(const RequestTarget& target);
// nullopt when the path is not an identity route.
std::optional<HttpResponse> HandleIdentity(ServiceContext& context, const HttpRequest& request,
                                           const RequestInfo& info);

}  // namespace azscsp::emulator
