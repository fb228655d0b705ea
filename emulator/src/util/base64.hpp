// Base64 and base64url (RFC 4648) coding for JWTs, HTTP Basic and registration tokens.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace azscsp::emulator {

std::string Base64Encode(std::string_view bytes);
std::string Base64UrlEncode(std::string_view bytes);  // no padding
// Accepts both alphabets, with or without padding; nullopt on any other character.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace azscsp::emulator
