// Entra ID (Azure AD) error bodies (auth.md §9): error, error_description "AADSTSnnnn: ...",
// error_codes, timestamp, trace_id, correlation_id, error_uri.
#pragma once

#include <string>

#include "http/message.hpp"
#include "request_info.hpp"

namespace azscsp::emulator {

struct AadFailure {
  int status = 400;
  std::string error;        // invalid_request, invalid_client, ...
  long code = 0;            // AADSTS number (0: none, e.g. slow_down)
  std::string description;  // text after "AADSTSnnnn: "
};

HttpResponse AadError(const AadFailure& failure, const RequestInfo& info);
// AD FS: {"error":..., "error_description":...} only.
HttpResponse AdfsError(const AadFailure& failure);

}  // namespace azscsp::emulator
