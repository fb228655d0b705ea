// Base64 and base64url (RFC 4648) decoding, padding optional.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace azscsp::util {

// Decodes standard or URL-safe base64; nullopt when `text` has other characters.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace azscsp::util
