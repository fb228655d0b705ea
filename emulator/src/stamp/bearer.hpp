// Bearer token checks shared by the stamp ARM listeners and Graph: signature, expiry and audience.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <variant>
#include <vector>

#include "http/message.hpp"

namespace azscsp::emulator {

struct ServiceContext;

struct BearerFailure {
  std::string code;  // InvalidAuthenticationToken, ExpiredAuthenticationToken
  std::string message;
};

// The verified claims, or why the token is refused. `audiences` are compared case-insensitively,
// ignoring a trailing '/' and '/.default'.
std::variant<boost::json::object, BearerFailure> VerifyBearer(
    const ServiceContext& context, const HttpRequest& request,
    const std::vector<std::string>& audiences);

std::string ClaimString(const boost::json::object& claims, const char* name);
// "https://x/" and "https://x" and "https://x/.default" are the same resource.
std::string NormalizeResource(std::string resource);

}  // namespace azscsp::emulator
