// The answer an injected fault produces: an ARM (or, on token routes, AAD; on the Partner Center
// listener, Partner Center) error body that fits the status, with Retry-After / retry-after-ms when
// the rule asks for them.
#pragma once

#include "control/faults.hpp"
#include "http/message.hpp"
#include "request_info.hpp"

namespace azscsp::emulator {

HttpResponse FaultResponse(const FaultRule& rule, const RequestInfo& info, bool identity_route);

}  // namespace azscsp::emulator
