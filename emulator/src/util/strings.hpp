// Small string helpers: ASCII case folding, percent coding, splitting.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace azscsp::emulator {

std::string ToLower(std::string_view text);
bool IEquals(std::string_view a, std::string_view b);
bool IStartsWith(std::string_view text, std::string_view prefix);
bool IEndsWith(std::string_view text, std::string_view suffix);
bool IContains(std::string_view haystack, std::string_view needle);
std::string Trim(std::string_view text);
std::vector<std::string> Split(std::string_view text, char separator);

// Decodes %XX escapes (invalid escapes are kept verbatim); optionally '+' as a space (forms).
std::string PercentDecode(std::string_view text, bool plus_as_space);
// Encodes everything except RFC 3986 unreserved characters.
std::string PercentEncode(std::string_view text);

}  // namespace azscsp::emulator
