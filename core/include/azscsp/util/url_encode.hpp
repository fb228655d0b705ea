// Percent-encoding for query values, path segments and form bodies.
#pragma once

#include <string>
#include <string_view>

namespace azscsp::util {

// Encodes everything but RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~).
std::string PercentEncode(std::string_view text);
// Decodes %XX (any case); with `plus_as_space`, '+' becomes ' ' (form and query values).
std::string PercentDecode(std::string_view text, bool plus_as_space = false);

}  // namespace azscsp::util
