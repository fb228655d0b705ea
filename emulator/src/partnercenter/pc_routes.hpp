// The Partner Center route table: path patterns under /v1, methods, handlers and their rules.
#pragma once

#include <string>
#include <vector>

#include "partnercenter/pc_call.hpp"

namespace azscsp::emulator {

struct PcRoute {
  std::vector<const char*> pattern;  // literals match case-insensitively; "{}" captures
  const char* method;
  PcHandler handler;
  bool app_user_only = false;  // refused to app-only tokens (reference §7 "A+U")
  bool idempotent = false;     // POST answered again for a repeated MS-RequestId
};

const std::vector<PcRoute>& PcRoutes();

// The route for these segments (after /v1) and method; `path_known` tells whether any route
// has this path (405 rather than 404).
const PcRoute* FindPcRoute(const std::vector<std::string>& segments, const std::string& method,
                           std::vector<std::string>& captures, bool& path_known);

}  // namespace azscsp::emulator
