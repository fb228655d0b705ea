// Thin RAII layer over the OpenSSL key and certificate calls the emulator needs. Works with
// OpenSSL 1.1.1 and 3.x (EVP APIs only, nothing deprecated).
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <optional>
#include <string>

namespace azscsp::emulator {

struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct X509Deleter {
  void operator()(X509* cert) const { X509_free(cert); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using X509Ptr = std::unique_ptr<X509, X509Deleter>;

// Throws std::runtime_error with OpenSSL's reason on failure.
PkeyPtr GenerateRsaKey(int bits);
std::string PrivateKeyToPem(EVP_PKEY* key);
std::string CertificateToPem(X509* cert);
PkeyPtr PrivateKeyFromPem(const std::string& pem);   // nullptr when unreadable
X509Ptr CertificateFromPem(const std::string& pem);  // nullptr when unreadable

// Last OpenSSL error as text (for exception messages).
std::string OpenSslError(const std::string& what);

}  // namespace azscsp::emulator
