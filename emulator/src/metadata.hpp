// Azure Stack Hub endpoint discovery: GET /metadata/endpoints (api.md §3), no authentication.
#pragma once

#include <optional>

#include "http/message.hpp"
#include "request_info.hpp"

namespace azscsp::emulator {

struct ServiceContext;

std::optional<HttpResponse> HandleMetadata(ServiceContext& context, const HttpRequest& request,
                                           const RequestInfo& info);

}  // namespace azscsp::emulator
