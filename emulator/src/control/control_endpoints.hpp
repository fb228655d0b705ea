// Emulator-only control endpoints under /_emulator/ (no authentication; never on real Azure):
//   POST/GET/DELETE /_emulator/faults, POST /_emulator/reset, GET/DELETE /_emulator/requests,
//   GET /_emulator/state, POST /_emulator/shutdown.
#pragma once

#include "http/message.hpp"
#include "request_info.hpp"

namespace azscsp::emulator {

struct ServiceContext;

bool IsControlPath(const RequestTarget& target);
HttpResponse HandleControl(ServiceContext& context, const HttpRequest& request,
                           const RequestInfo& info);

}  // namespace azscsp::emulator
