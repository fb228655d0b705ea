// The Partner Center listener (reference partner-center.md §7, README "Partner Center"): /v1
// routes, authentication, request limit, MS-RequestId idempotency and the response headers.
#pragma once

#include "http/message.hpp"
#include "request_info.hpp"

namespace azscsp::emulator {

struct ServiceContext;

HttpResponse HandlePartnerCenter(ServiceContext& context, const HttpRequest& request,
                                 const RequestInfo& info);
// MS-RequestId / MS-CorrelationId of the request echoed (new ones when absent), MS-CV and
// MS-ServerId; for answers the router makes itself (injected faults).
void AddPartnerCenterHeaders(HttpResponse& response, const HttpRequest& request);

}  // namespace azscsp::emulator
