#include "tls/certificates.hpp"

#include <openssl/bn.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <stdexcept>
#include <vector>

#include "tls/pki.hpp"
#include "util/files.hpp"

namespace fs = std::filesystem;

namespace azscsp::emulator {
namespace {

constexpr int kKeyBits = 2048;
constexpr long kCaDays = 3650;
constexpr long kServerDays = 365;      // clients such as macOS reject server certs > 825 days
constexpr long kRenewMarginDays = 30;  // regenerate when less than this is left

const char kCaFile[] = "ca.pem";
const char kCaKeyFile[] = "ca-key.pem";
const char kServerFile[] = "server.pem";
const char kServerKeyFile[] = "server-key.pem";
const char kSigningKeyFile[] = "token-signing-key.pem";

bool IsIpLiteral(const std::string& host) {
  return host.find(':') != std::string::npos ||
         host.find_first_not_of("0123456789.") == std::string::npos;
}

void AddExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (!ext || X509_add_ext(cert, ext, -1) != 1) {
    X509_EXTENSION_free(ext);
    throw std::runtime_error(OpenSslError("cannot add certificate extension " + value));
  }
  X509_EXTENSION_free(ext);
}

X509Ptr NewCertificate(EVP_PKEY* key, const std::string& common_name, long days) {
  X509Ptr cert(X509_new());
  if (!cert) throw std::runtime_error(OpenSslError("X509_new"));
  X509_set_version(cert.get(), 2);
  std::unique_ptr<BIGNUM, decltype(&BN_free)> serial(BN_new(), &BN_free);
  BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY);
  BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get()));
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);  // tolerate small clock skew
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), days * 24 * 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("AzsCsp emulator"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  return cert;
}

void Sign(X509* cert, EVP_PKEY* key) {
  if (X509_sign(cert, key, EVP_sha256()) <= 0) {
    throw std::runtime_error(OpenSslError("cannot sign a certificate"));
  }
}

std::vector<std::string> SubjectAltNames(const std::string& hostname) {
  std::vector<std::string> names;
  auto add = [&](const std::string& entry) {
    for (const auto& existing : names) {
      if (existing == entry) return;
    }
    names.push_back(entry);
  };
  add((IsIpLiteral(hostname) ? "IP:" : "DNS:") + hostname);
  add("DNS:localhost");
  add("IP:127.0.0.1");
  add("IP:::1");
  return names;
}

bool ExpiresSoon(X509* cert) {
  time_t limit = time(nullptr) + kRenewMarginDays * 24 * 3600;
  return X509_cmp_time(X509_get0_notAfter(cert), &limit) <= 0;
}

std::string ReadOrEmpty(const fs::path& path) {
  return ReadFileIfExists(path).value_or("");
}

struct Pair {
  X509Ptr cert;
  PkeyPtr key;
};

// Loads a certificate and its key; empty pointers when either is missing or they do not match.
Pair LoadPair(const fs::path& dir, const char* cert_file, const char* key_file) {
  Pair pair{CertificateFromPem(ReadOrEmpty(dir / cert_file)),
            PrivateKeyFromPem(ReadOrEmpty(dir / key_file))};
  if (!pair.cert || !pair.key || X509_check_private_key(pair.cert.get(), pair.key.get()) != 1) {
    return {};
  }
  return pair;
}

bool CaUsable(const Pair& ca) {
  return ca.cert && X509_check_ca(ca.cert.get()) >= 1 && !ExpiresSoon(ca.cert.get());
}

bool ServerUsable(const Pair& server, const Pair& ca, const std::string& hostname) {
  if (!server.cert || ExpiresSoon(server.cert.get())) return false;
  if (X509_verify(server.cert.get(), X509_get0_pubkey(ca.cert.get())) != 1) return false;
  bool host_ok = IsIpLiteral(hostname)
                     ? X509_check_ip_asc(server.cert.get(), hostname.c_str(), 0) == 1
                     : X509_check_host(server.cert.get(), hostname.c_str(), 0, 0, nullptr) == 1;
  return host_ok && X509_check_host(server.cert.get(), "localhost", 0, 0, nullptr) == 1 &&
         X509_check_ip_asc(server.cert.get(), "127.0.0.1", 0) == 1;
}

Pair CreateCa(const fs::path& dir) {
  Pair ca{nullptr, GenerateRsaKey(kKeyBits)};
  ca.cert = NewCertificate(ca.key.get(), "AzsCsp Emulator Test CA", kCaDays);
  X509_set_issuer_name(ca.cert.get(), X509_get_subject_name(ca.cert.get()));
  AddExtension(ca.cert.get(), ca.cert.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
  AddExtension(ca.cert.get(), ca.cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  AddExtension(ca.cert.get(), ca.cert.get(), NID_subject_key_identifier, "hash");
  Sign(ca.cert.get(), ca.key.get());
  WriteFileAtomic(dir / kCaKeyFile, PrivateKeyToPem(ca.key.get()), true);
  WriteFileAtomic(dir / kCaFile, CertificateToPem(ca.cert.get()));
  return ca;
}

Pair CreateServer(const fs::path& dir, const Pair& ca, const std::string& hostname) {
  Pair server{nullptr, GenerateRsaKey(kKeyBits)};
  server.cert = NewCertificate(server.key.get(), hostname, kServerDays);
  X509_set_issuer_name(server.cert.get(), X509_get_subject_name(ca.cert.get()));
  std::string san;
  for (const auto& name : SubjectAltNames(hostname)) san += (san.empty() ? "" : ",") + name;
  AddExtension(server.cert.get(), ca.cert.get(), NID_basic_constraints, "critical,CA:FALSE");
  AddExtension(server.cert.get(), ca.cert.get(), NID_key_usage,
               "critical,digitalSignature,keyEncipherment");
  AddExtension(server.cert.get(), ca.cert.get(), NID_ext_key_usage, "serverAuth");
  AddExtension(server.cert.get(), ca.cert.get(), NID_subject_alt_name, san);
  AddExtension(server.cert.get(), ca.cert.get(), NID_subject_key_identifier, "hash");
  AddExtension(server.cert.get(), ca.cert.get(), NID_authority_key_identifier, "keyid:always");
  Sign(server.cert.get(), ca.key.get());
  WriteFileAtomic(dir / kServerKeyFile, PrivateKeyToPem(server.key.get()), true);
  WriteFileAtomic(dir / kServerFile, CertificateToPem(server.cert.get()));
  return server;
}

}  // namespace

TlsMaterial EnsureTlsMaterial(const fs::path& data_dir, const std::string& hostname) {
  Pair ca = LoadPair(data_dir, kCaFile, kCaKeyFile);
  bool new_ca = !CaUsable(ca);
  if (new_ca) ca = CreateCa(data_dir);
  Pair server = LoadPair(data_dir, kServerFile, kServerKeyFile);
  if (new_ca || !ServerUsable(server, ca, hostname)) server = CreateServer(data_dir, ca, hostname);

  TlsMaterial material;
  material.ca_certificate_path = fs::absolute(data_dir / kCaFile);
  material.server_chain_pem = CertificateToPem(server.cert.get()) + CertificateToPem(ca.cert.get());
  material.server_key_pem = PrivateKeyToPem(server.key.get());
  return material;
}

std::string EnsureTokenSigningKey(const fs::path& data_dir) {
  PkeyPtr key = PrivateKeyFromPem(ReadOrEmpty(data_dir / kSigningKeyFile));
  if (key && EVP_PKEY_base_id(key.get()) == EVP_PKEY_RSA) return PrivateKeyToPem(key.get());
  std::string pem = PrivateKeyToPem(GenerateRsaKey(kKeyBits).get());
  WriteFileAtomic(data_dir / kSigningKeyFile, pem, true);
  return pem;
}

}  // namespace azscsp::emulator
