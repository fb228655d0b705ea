// Response builders shared by every handler.
#pragma once

#include <boost/json/value.hpp>
#include <string>

#include "http/message.hpp"

namespace azscsp::emulator {

inline constexpr char kJsonContentType[] = "application/json; charset=utf-8";

HttpResponse JsonResponse(int status, const boost::json::value& body);
HttpResponse EmptyResponse(int status);
// ARM error envelope (api.md §0.3): {"error":{"code":..., "message":...}}.
HttpResponse ArmError(int status, const std::string& code, const std::string& message);

}  // namespace azscsp::emulator
