// The registration token the stamp's privileged endpoint makes (New-RegistrationToken): base64 of
// a UTF-8 JSON object with at least CloudId. Decoded locally so a bad token fails before any call.
#pragma once

#include <optional>
#include <string>

namespace azscsp::services {

struct RegistrationToken {
  std::string cloud_id;       // a GUID, always present
  std::string billing_model;  // Capacity, PayAsYouUse, Development, Custom, Ruggedized, or ""
  std::optional<bool> usage_reporting_enabled;
  std::optional<bool> marketplace_syndication_enabled;
  std::string agreement_number;
  std::string ms_asset_tag;
  std::string issue_date;  // ISO 8601, as the token says
  std::string token_version;
  std::string stamp_version;

  // Tolerates whitespace and line breaks inside the base64 text (tokens are pasted from
  // consoles), matches keys case-insensitively and reads booleans leniently. Throws
  // InvalidArgumentError naming what is wrong: not base64, not JSON, no CloudId, CloudId not a
  // GUID.
  static RegistrationToken Decode(const std::string& token);
};

}  // namespace azscsp::services
