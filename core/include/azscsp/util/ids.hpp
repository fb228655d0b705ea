// GUIDs: random request ids and validation of the GUID-shaped identifiers ARM uses.
#pragma once

#include <string>
#include <string_view>

namespace azscsp::util {

// A random (version 4) GUID in lower case, e.g. for x-ms-client-request-id.
std::string NewGuid();

// True for the 8-4-4-4-12 hexadecimal form, optionally in braces; any case.
bool IsGuid(std::string_view text);

}  // namespace azscsp::util
