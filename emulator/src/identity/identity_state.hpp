// Run-time identity state: pending device codes, issued refresh tokens and the client assertion
// ids (jti) already seen. Not part of the world (state.json); cleared by /_emulator/reset.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "azscsp_emulator/emulator.hpp"

namespace azscsp::emulator {

// Fixed identity values of the emulated stamp.
inline constexpr const char* kAadAudience = "https://management.core.windows.net/";
// Azure Stack AD FS audience: https://management.adfs.azurestack.local/{ARM application id}.
inline constexpr const char* kAdfsArmApplicationId = "8c6e3b54-2f1a-4d8e-9b7c-5e4a3f2d1c0b";
inline constexpr const char* kAdfsAudience =
    "https://management.adfs.azurestack.local/8c6e3b54-2f1a-4d8e-9b7c-5e4a3f2d1c0b";
// Entra profile: the stamp ARM audience is the global one, whose app is "Windows Azure Service
// Management API" (auth.md §13).
inline constexpr const char* kAadArmApplicationId = "797f4846-ba00-4fd7-ba43-dac1f8f63013";
inline constexpr int64_t kRefreshTokenLifetimeSeconds = 90 * 24 * 3600;
inline constexpr int64_t kAdfsRefreshTokenLifetimeSeconds = 28800;

bool IsAdfsProfile(const EmulatorOptions& options);
// The identity side's clock: now + clock_skew_seconds (Unix seconds).
int64_t IdentityNow(const EmulatorOptions& options);

// Who signed in (user flows) and what for.
struct UserGrantInfo {
  std::string client_id;
  std::string tenant_id;
  std::string user_object_id;
  std::string user_principal_name;
  std::string display_name;
  std::string resource;  // resource of the original request
  std::string scope;     // v2 scope of the original request (may be empty)
  bool adfs = false;
};

struct DeviceCode {
  std::string device_code;
  std::string user_code;
  UserGrantInfo grant;  // user fields set on approval
  bool v2 = false;
  bool offline_access = false;     // v2: scope contained offline_access
  std::string status = "pending";  // pending, approved, declined, redeemed
  int64_t created_at = 0;          // identity clock
  int64_t expires_at = 0;
  int interval_seconds = 5;
  std::optional<std::chrono::steady_clock::time_point> last_poll;
};

struct RefreshTokenRecord {
  UserGrantInfo grant;
  int64_t expires_at = 0;
  bool redeemed = false;
};

class IdentityState {
 public:
  std::mutex mutex;                      // guards everything below
  std::vector<DeviceCode> device_codes;  // issue order
  std::map<std::string, RefreshTokenRecord> refresh_tokens;
  std::map<std::string, int64_t> seen_assertions;  // client_id + "|" + jti -> expiry

  void Clear();
  DeviceCode* FindByDeviceCode(const std::string& device_code);
  DeviceCode* FindByUserCode(const std::string& user_code);
  // Status seen from outside: "expired" when a pending/approved code is past expires_at.
  static std::string EffectiveStatus(const DeviceCode& code, int64_t now);
};

std::string NewOpaqueToken(const std::string& prefix);  // random, base64url
std::string NewUserCode();                              // 9 characters, A-Z and 2-9

}  // namespace azscsp::emulator
