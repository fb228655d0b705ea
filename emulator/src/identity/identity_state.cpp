#include "identity/identity_state.hpp"

#include <openssl/rand.h>

#include <stdexcept>

#include "util/base64.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace azscsp::emulator {
namespace {

std::string RandomBytes(size_t count) {
  std::string bytes(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  return bytes;
}

}  // namespace

bool IsAdfsProfile(const EmulatorOptions& options) {
  return options.identity_system == "adfs";
}

int64_t IdentityNow(const EmulatorOptions& options) {
  return UnixSeconds() + options.clock_skew_seconds;
}

void IdentityState::Clear() {
  std::lock_guard<std::mutex> lock(mutex);
  device_codes.clear();
  refresh_tokens.clear();
  seen_assertions.clear();
}

DeviceCode* IdentityState::FindByDeviceCode(const std::string& device_code) {
  for (DeviceCode& code : device_codes) {
    if (code.device_code == device_code) return &code;
  }
  return nullptr;
}

DeviceCode* IdentityState::FindByUserCode(const std::string& user_code) {
  for (DeviceCode& code : device_codes) {
    if (IEquals(code.user_code, Trim(user_code))) return &code;
  }
  return nullptr;
}

std::string IdentityState::EffectiveStatus(const DeviceCode& code, int64_t now) {
  if ((code.status == "pending" || code.status == "approved") && now >= code.expires_at) {
    return "expired";
  }
  return code.status;
}

std::string NewOpaqueToken(const std::string& prefix) {
  return prefix + Base64UrlEncode(RandomBytes(48));
}

std::string NewUserCode() {
  static const char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string bytes = RandomBytes(9);
  std::string code;
  for (unsigned char b : bytes) code += kAlphabet[b % 32];
  return code;
}

}  // namespace azscsp::emulator
