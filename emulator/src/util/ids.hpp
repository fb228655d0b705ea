// GUIDs: random ones for request ids and etags, deterministic ones derived from fixture data.
#pragma once

#include <string>
#include <string_view>

namespace azscsp::emulator {

std::string NewGuid();
// 8-4-4-4-12 hexadecimal digits, any case, no braces.
bool IsGuid(std::string_view text);
// Stable GUID derived from a seed (SHA-256 based), so derived ids survive restarts.
std::string DeterministicGuid(std::string_view seed);
std::string Sha256(std::string_view bytes);  // raw 32-byte digest

}  // namespace azscsp::emulator
