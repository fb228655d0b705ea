// Issues and verifies the emulator's access tokens: RS256 JWTs signed with the emulator key.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "tls/pki.hpp"

namespace azscsp::emulator {

class TokenSigner {
 public:
  explicit TokenSigner(const std::string& private_key_pem);

  std::string Sign(const boost::json::object& claims) const;
  // Claims of a token whose signature (RS256, our key id) verifies; nullopt otherwise.
  // Time claims are NOT checked here: callers report expiry separately.
  std::optional<boost::json::object> Verify(const std::string& token) const;
  const std::string& KeyId() const { return key_id_; }

 private:
  PkeyPtr key_;
  std::string key_id_;
};

}  // namespace azscsp::emulator
