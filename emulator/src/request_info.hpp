// Per-request identifiers and the parsed target, computed once by the router.
#pragma once

#include <string>

#include "http/target.hpp"

namespace azscsp::emulator {

struct RequestInfo {
  RequestTarget target;
  std::string request_id;      // x-ms-request-id (also the AAD trace id)
  std::string correlation_id;  // client's x-ms-correlation-request-id / client-request-id, or new
};

}  // namespace azscsp::emulator
