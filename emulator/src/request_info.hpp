// Per-request identifiers and the parsed target, computed once by the router.
#pragma once

#include <string>

#include "http/target.hpp"

namespace azscsp::emulator {

// Which listener received a request: each is a host of its own (see README "Hosts").
enum class Host { kMain, kAdminArm, kTenantArm, kGraph, kPartnerCenter };

struct RequestInfo {
  RequestTarget target;
  std::string request_id;      // x-ms-request-id (also the AAD trace id)
  std::string correlation_id;  // client's x-ms-correlation-request-id / client-request-id, or new
  Host host = Host::kMain;
  std::string base_url;  // base URL of the listener that received the request (no trailing '/')
};

}  // namespace azscsp::emulator
