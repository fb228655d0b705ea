// The registration token a stamp's privileged endpoint makes (New-RegistrationToken): base64 of a
// UTF-8 JSON object. Keys match case-insensitively; booleans may be JSON booleans or strings.
#pragma once

#include <string>
#include <variant>

namespace azscsp::emulator {

struct RegistrationToken {
  std::string cloud_id;       // GUID, required
  std::string billing_model;  // canonical case; "Development" when absent
  bool usage_reporting_enabled = true;
  bool marketplace_syndication_enabled = true;
};

// The decoded token, or a reason it is malformed (for the InvalidRegistrationToken message).
std::variant<RegistrationToken, std::string> DecodeRegistrationToken(const std::string& token);

}  // namespace azscsp::emulator
