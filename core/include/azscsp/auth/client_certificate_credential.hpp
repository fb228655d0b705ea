// Service principal with a certificate: the client-credentials grant with a signed JWT client
// assertion (auth.md §5). The certificate and its RSA private key come from a PEM file (both in one
// file, or the key in a second file) or a PFX/PKCS#12 file with an optional password.
//
// Windows: -CertificateThumbprint (a certificate in the user's store) is resolved by the PowerShell
// module, which exports it to a file for the core; the core itself only reads files.
#pragma once

#include <memory>
#include <string>

#include "azscsp/auth/authority.hpp"
#include "azscsp/auth/token_credential.hpp"
#include "azscsp/http/pipeline.hpp"
#include "azscsp/util/clock.hpp"

namespace azscsp::auth {

// kAuto: RS256 + x5t (SHA-1) for AD FS, PS256 + x5t#S256 (SHA-256) for Entra ID.
enum class AssertionAlgorithm { kAuto, kRS256, kPS256 };

// "auto", "RS256", "PS256" (any case); throws InvalidArgumentError otherwise.
AssertionAlgorithm ParseAssertionAlgorithm(const std::string& text);

// A certificate with its private key, loaded from files. Throws InvalidArgumentError naming the
// path when a file is missing or unreadable, the password is wrong, or there is no matching key.
class ClientCertificate {
 public:
  // `key_path` empty: the key is in `certificate_path` (PEM with both, or PFX).
  static std::shared_ptr<const ClientCertificate> Load(const std::string& certificate_path,
                                                       const std::string& password = {},
                                                       const std::string& key_path = {});
  ~ClientCertificate();

  // Base64url SHA-1 (x5t) and SHA-256 (x5t#S256) of the DER certificate.
  const std::string& ThumbprintSha1() const { return x5t_; }
  const std::string& ThumbprintSha256() const { return x5t_s256_; }
  // Signs `data` with SHA-256: PKCS#1 v1.5 (RS256) or PSS with salt length = digest length (PS256).
  std::string Sign(const std::string& data, bool pss) const;

  struct Keys;  // OpenSSL objects

 private:
  explicit ClientCertificate(std::unique_ptr<Keys> keys);
  std::unique_ptr<Keys> keys_;
  std::string x5t_;
  std::string x5t_s256_;
};

class ClientCertificateCredential final : public TokenCredential {
 public:
  ClientCertificateCredential(Authority authority, std::string client_id,
                              std::shared_ptr<const ClientCertificate> certificate,
                              AssertionAlgorithm algorithm, TokenVersion version,
                              std::shared_ptr<const http::Pipeline> pipeline, util::Clock& clock);

  AccessToken GetToken(const TokenRequest& request, const util::Context& context) override;
  std::string Description() const override;

  // A fresh signed assertion for the token endpoint (new jti, nbf = now - 60 s, exp = now + 10
  // min).
  std::string CreateAssertion() const;
  bool UsesPss() const;

 private:
  Authority authority_;
  std::string client_id_;
  std::shared_ptr<const ClientCertificate> certificate_;
  AssertionAlgorithm algorithm_;
  TokenVersion version_;
  std::shared_ptr<const http::Pipeline> pipeline_;
  util::Clock& clock_;
};

}  // namespace azscsp::auth
