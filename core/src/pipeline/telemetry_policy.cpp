#include "azscsp/http/policies.hpp"

#ifndef AZSCSP_VERSION
#define AZSCSP_VERSION "0.0.0"
#endif

namespace azscsp::http {
namespace {

const char* OperatingSystem() {
#if defined(_WIN32)
  return "Windows";
#elif defined(__APPLE__)
  return "macOS";
#elif defined(__linux__)
  return "Linux";
#else
  return "Unknown";
#endif
}

}  // namespace

TelemetryPolicy::TelemetryPolicy(std::string suffix)
    : user_agent_(std::string("AzsCsp/") + AZSCSP_VERSION + " (" + OperatingSystem() + ")") {
  if (!suffix.empty()) user_agent_ += " " + suffix;
}

Response TelemetryPolicy::Send(Request& request, const NextPolicy& next,
                               const util::Context& context) {
  request.headers["User-Agent"] = user_agent_;
  return next.Send(request, context);
}

}  // namespace azscsp::http
