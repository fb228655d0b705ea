// Entry point for every request: ids, fault injection, routing (identity, metadata, ARM,
// control), the common response headers of api.md §10 item 23, and the request log.
#pragma once

#include "http/message.hpp"
#include "request_info.hpp"

namespace azscsp::emulator {

struct ServiceContext;

HttpResponse HandleRequest(ServiceContext& context, const HttpRequest& request,
                           Host host = Host::kMain);

}  // namespace azscsp::emulator
