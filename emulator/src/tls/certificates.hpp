// The emulator's TLS identity: a self-signed test CA (ca.pem, which clients load explicitly) and
// a server certificate it signs for {hostname}, localhost, 127.0.0.1 and ::1. Existing valid
// files in the data directory are reused so a client that saved ca.pem keeps working.
#pragma once

#include <filesystem>
#include <string>

namespace azscsp::emulator {

struct TlsMaterial {
  std::filesystem::path ca_certificate_path;
  std::string server_chain_pem;  // server certificate followed by the CA certificate
  std::string server_key_pem;
};

// Throws std::runtime_error on failure.
TlsMaterial EnsureTlsMaterial(const std::filesystem::path& data_dir, const std::string& hostname);

// RSA key that signs access tokens (token-signing-key.pem), reused across restarts so tokens
// issued before a restart stay valid.
std::string EnsureTokenSigningKey(const std::filesystem::path& data_dir);

}  // namespace azscsp::emulator
