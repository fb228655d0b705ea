// A throw-away PKI for transport tests: a root CA generated at run time and leaf certificates it
// issues for chosen DNS names and IP addresses. Header-only (tests/CMakeLists.txt compiles only
// tests/unit/*.cpp). EC P-256 keys keep generation fast.
#pragma once

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace azscsp::testing {

namespace pki_detail {

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Cert = std::unique_ptr<X509, X509Free>;

inline void Check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test PKI: ") + what + " failed");
}

inline Pkey NewKey() {
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_EC, nullptr));
  Check(ctx != nullptr, "EVP_PKEY_CTX_new_id");
  Check(EVP_PKEY_keygen_init(ctx.get()) == 1, "EVP_PKEY_keygen_init");
  Check(EVP_PKEY_CTX_set_ec_paramgen_curve_nid(ctx.get(), NID_X9_62_prime256v1) == 1, "set curve");
  EVP_PKEY* key = nullptr;
  Check(EVP_PKEY_keygen(ctx.get(), &key) == 1, "EVP_PKEY_keygen");
  return Pkey(key);
}

inline void AddExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  Check(ext != nullptr, "X509V3_EXT_conf_nid");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

inline Cert NewCert(EVP_PKEY* key, const std::string& common_name, X509* issuer,
                    EVP_PKEY* issuer_key, bool is_ca, const std::string& subject_alt_names) {
  Cert cert(X509_new());
  Check(cert != nullptr, "X509_new");
  X509_set_version(cert.get(), 2);
  unsigned char serial[16];
  RAND_bytes(serial, sizeof(serial));
  serial[0] &= 0x7f;
  BIGNUM* bn = BN_bin2bn(serial, sizeof(serial), nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 86400L * 2);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("AzsCsp tests"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  X509* signer = issuer != nullptr ? issuer : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  if (is_ca) {
    AddExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE");
    AddExtension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    AddExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE");
    AddExtension(cert.get(), signer, NID_key_usage, "critical,digitalSignature");
    AddExtension(cert.get(), signer, NID_ext_key_usage, "serverAuth");
    if (!subject_alt_names.empty()) {
      AddExtension(cert.get(), signer, NID_subject_alt_name, subject_alt_names);
    }
  }
  AddExtension(cert.get(), signer, NID_subject_key_identifier, "hash");
  if (issuer != nullptr) {
    AddExtension(cert.get(), signer, NID_authority_key_identifier, "keyid:always");
  }
  Check(X509_sign(cert.get(), issuer_key != nullptr ? issuer_key : key, EVP_sha256()) > 0,
        "X509_sign");
  return cert;
}

inline std::string ToPem(X509* cert) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

inline std::string ToPem(EVP_PKEY* key) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

}  // namespace pki_detail

struct TestCertificate {
  std::string cert_pem;   // leaf only
  std::string chain_pem;  // leaf followed by the CA, as a server sends it
  std::string key_pem;
};

class TestPki {
 public:
  explicit TestPki(const std::string& ca_name = "AzsCsp Test Root CA")
      : ca_key_(pki_detail::NewKey()),
        ca_cert_(pki_detail::NewCert(ca_key_.get(), ca_name, nullptr, nullptr, true, "")) {
    static std::atomic<int> counter{0};
    ca_file_ = std::filesystem::temp_directory_path() /
               ("azscsp-test-ca-" +
                std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "-" +
                std::to_string(counter++) + ".pem");
    std::ofstream(ca_file_, std::ios::binary) << CaPem();
  }
  ~TestPki() {
    std::error_code ignored;
    std::filesystem::remove(ca_file_, ignored);
  }
  TestPki(const TestPki&) = delete;
  TestPki& operator=(const TestPki&) = delete;

  std::string CaPem() const { return pki_detail::ToPem(ca_cert_.get()); }
  // A PEM file holding the CA certificate, removed with this object.
  std::string CaFile() const { return ca_file_.string(); }

  // `alt_names` in OpenSSL syntax: "DNS:localhost,IP:127.0.0.1".
  TestCertificate Issue(const std::string& common_name, const std::string& alt_names) const {
    auto key = pki_detail::NewKey();
    auto cert = pki_detail::NewCert(key.get(), common_name, ca_cert_.get(), ca_key_.get(), false,
                                    alt_names);
    TestCertificate result;
    result.cert_pem = pki_detail::ToPem(cert.get());
    result.chain_pem = result.cert_pem + CaPem();
    result.key_pem = pki_detail::ToPem(key.get());
    return result;
  }

 private:
  pki_detail::Pkey ca_key_;
  pki_detail::Cert ca_cert_;
  std::filesystem::path ca_file_;
};

}  // namespace azscsp::testing
