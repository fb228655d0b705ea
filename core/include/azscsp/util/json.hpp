// Small helpers over Boost.JSON for lenient reading of service payloads.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>

namespace azscsp::util {

// Parses text; throws ServiceError-free InvalidArgumentError("... is not valid JSON ...") on
// failure.
boost::json::value ParseJson(const std::string& text, const char* what);

// The string at `key` of an object, or empty when absent or not a string.
std::string GetString(const boost::json::value& object, const char* key);
// Case-insensitive key lookup (some services vary key casing); nullptr when absent.
const boost::json::value* FindKeyIgnoreCase(const boost::json::object& object, const char* key);
// A JSON number or a string of digits (token endpoints send both).
std::optional<long long> GetInteger(const boost::json::value& object, const char* key);

}  // namespace azscsp::util
