#include "azscsp/auth/client_certificate_credential.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#if OPENSSL_VERSION_NUMBER >= 0x30000000L
#include <openssl/provider.h>
#endif

#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <iterator>
#include <sstream>

#include "auth/token_response.hpp"
#include "azscsp/errors.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/ids.hpp"

namespace json = boost::json;

namespace azscsp::auth {

struct ClientCertificate::Keys {
  X509* certificate = nullptr;
  EVP_PKEY* key = nullptr;
  ~Keys() {
    X509_free(certificate);
    EVP_PKEY_free(key);
  }
};

namespace {

constexpr auto kAssertionLifetime = std::chrono::minutes(10);
constexpr auto kNotBeforeBackdate = std::chrono::seconds(60);

std::string ReadFile(const std::string& path, const char* what) {
  std::ifstream file(path, std::ios::binary);
  if (!file)
    throw InvalidArgumentError(std::string("The ") + what + " file '" + path +
                               "' does not exist or cannot be read.");
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

std::unique_ptr<BIO, decltype(&BIO_free)> MemoryBio(const std::string& data) {
  return {BIO_new_mem_buf(data.data(), static_cast<int>(data.size())), &BIO_free};
}

int PasswordCallback(char* buffer, int size, int, void* user_data) {
  const auto* password = static_cast<const std::string*>(user_data);
  if (password == nullptr || password->empty()) return 0;
  const int length = std::min(size, static_cast<int>(password->size()));
  std::copy(password->data(), password->data() + length, buffer);
  return length;
}

bool LooksLikePem(const std::string& data) {
  return data.find("-----BEGIN ") != std::string::npos;
}

void LoadPem(const std::string& data, const std::string& path, const std::string& password,
             ClientCertificate::Keys& keys, bool want_certificate, bool want_key) {
  if (want_certificate) {
    auto bio = MemoryBio(data);
    keys.certificate = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
    ERR_clear_error();
  }
  if (want_key) {
    auto bio = MemoryBio(data);
    keys.key = PEM_read_bio_PrivateKey(bio.get(), nullptr, &PasswordCallback,
                                       const_cast<std::string*>(&password));
    const bool encrypted = data.find("ENCRYPTED") != std::string::npos;
    ERR_clear_error();
    if (keys.key == nullptr && encrypted)
      throw InvalidArgumentError("The private key in '" + path +
                                 "' is encrypted and the password is " +
                                 (password.empty() ? "missing." : "wrong."));
  }
}

void LoadPfx(const std::string& data, const std::string& path, const std::string& password,
             ClientCertificate::Keys& keys) {
  auto bio = MemoryBio(data);
  std::unique_ptr<PKCS12, decltype(&PKCS12_free)> p12(d2i_PKCS12_bio(bio.get(), nullptr),
                                                      &PKCS12_free);
  if (!p12) {
    ERR_clear_error();
    throw InvalidArgumentError("The certificate file '" + path +
                               "' is neither PEM nor a PFX (PKCS#12) file.");
  }
  // An empty password may have been encoded as no password or as "": try both.
  const char* pass = nullptr;
  if (!password.empty()) {
    pass = password.c_str();
    if (!PKCS12_verify_mac(p12.get(), pass, -1)) {
      ERR_clear_error();
      throw InvalidArgumentError("The password of the PFX file '" + path + "' is wrong.");
    }
  } else if (PKCS12_verify_mac(p12.get(), "", 0)) {
    pass = "";
  } else if (!PKCS12_verify_mac(p12.get(), nullptr, 0)) {
    ERR_clear_error();
    throw InvalidArgumentError("The PFX file '" + path +
                               "' is protected by a password; give -CertificatePassword.");
  }
  STACK_OF(X509)* chain = nullptr;
  int ok = PKCS12_parse(p12.get(), pass, &keys.key, &keys.certificate, &chain);
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
  if (!ok) {
    // Older PFX files (RC2/3DES, as Windows exports them) need OpenSSL 3's legacy provider.
    ERR_clear_error();
    static OSSL_PROVIDER* legacy = OSSL_PROVIDER_load(nullptr, "legacy");
    static OSSL_PROVIDER* fallback = legacy ? OSSL_PROVIDER_load(nullptr, "default") : nullptr;
    (void)fallback;
    if (legacy) ok = PKCS12_parse(p12.get(), pass, &keys.key, &keys.certificate, &chain);
  }
#endif
  sk_X509_pop_free(chain, X509_free);
  ERR_clear_error();
  if (!ok)
    throw InvalidArgumentError("The PFX file '" + path +
                               "' could not be read (unsupported encryption or damaged file).");
}

std::string Digest(X509* certificate, const EVP_MD* md) {
  unsigned char buffer[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!X509_digest(certificate, md, buffer, &length))
    throw Error(ErrorKind::Internal, "Could not hash the certificate.");
  return _detail::Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(buffer), length));
}

long long EpochSeconds(util::Clock::SystemTime time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

}  // namespace

AssertionAlgorithm ParseAssertionAlgorithm(const std::string& text) {
  if (text.empty() || util::EqualsIgnoreCase(text, "auto")) return AssertionAlgorithm::kAuto;
  if (util::EqualsIgnoreCase(text, "RS256")) return AssertionAlgorithm::kRS256;
  if (util::EqualsIgnoreCase(text, "PS256")) return AssertionAlgorithm::kPS256;
  throw InvalidArgumentError("The assertion algorithm '" + text + "' is not auto, RS256 or PS256.");
}

ClientCertificate::ClientCertificate(std::unique_ptr<Keys> keys) : keys_(std::move(keys)) {
  x5t_ = Digest(keys_->certificate, EVP_sha1());
  x5t_s256_ = Digest(keys_->certificate, EVP_sha256());
}

ClientCertificate::~ClientCertificate() = default;

std::shared_ptr<const ClientCertificate> ClientCertificate::Load(
    const std::string& certificate_path, const std::string& password, const std::string& key_path) {
  if (certificate_path.empty())
    throw InvalidArgumentError("No certificate file was given (certificatePath).");
  auto keys = std::make_unique<Keys>();
  std::string data = ReadFile(certificate_path, "certificate");
  if (LooksLikePem(data)) {
    LoadPem(data, certificate_path, password, *keys, true, key_path.empty());
    if (keys->certificate == nullptr)
      throw InvalidArgumentError("The PEM file '" + certificate_path +
                                 "' holds no certificate (-----BEGIN CERTIFICATE-----).");
  } else {
    LoadPfx(data, certificate_path, password, *keys);
    if (keys->certificate == nullptr)
      throw InvalidArgumentError("The PFX file '" + certificate_path + "' holds no certificate.");
  }
  _detail::Wipe(data);
  if (!key_path.empty() && keys->key == nullptr) {
    std::string key_data = ReadFile(key_path, "private key");
    LoadPem(key_data, key_path, password, *keys, false, true);
    _detail::Wipe(key_data);
  }
  const std::string& key_source = key_path.empty() ? certificate_path : key_path;
  if (keys->key == nullptr)
    throw InvalidArgumentError("'" + key_source +
                               "' holds no private key for the certificate; give a PEM file with "
                               "the certificate and its key, or a PFX file with the key.");
  if (EVP_PKEY_base_id(keys->key) != EVP_PKEY_RSA)
    throw InvalidArgumentError("The private key in '" + key_source +
                               "' is not an RSA key; Entra ID and AD FS need RSA certificates.");
  if (X509_check_private_key(keys->certificate, keys->key) != 1) {
    ERR_clear_error();
    throw InvalidArgumentError("The private key in '" + key_source +
                               "' does not belong to the certificate in '" + certificate_path +
                               "'.");
  }
  return std::shared_ptr<const ClientCertificate>(new ClientCertificate(std::move(keys)));
}

std::string ClientCertificate::Sign(const std::string& data, bool pss) const {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_PKEY_CTX* pkey_context = nullptr;
  bool ok =
      md && EVP_DigestSignInit(md.get(), &pkey_context, EVP_sha256(), nullptr, keys_->key) == 1;
  if (ok && pss) {
    ok = EVP_PKEY_CTX_set_rsa_padding(pkey_context, RSA_PKCS1_PSS_PADDING) > 0 &&
         EVP_PKEY_CTX_set_rsa_pss_saltlen(pkey_context, RSA_PSS_SALTLEN_DIGEST) > 0;
  }
  size_t length = 0;
  ok = ok && EVP_DigestSignUpdate(md.get(), data.data(), data.size()) == 1 &&
       EVP_DigestSignFinal(md.get(), nullptr, &length) == 1;
  std::string signature(length, '\0');
  ok = ok && EVP_DigestSignFinal(md.get(), reinterpret_cast<unsigned char*>(signature.data()),
                                 &length) == 1;
  ERR_clear_error();
  if (!ok) throw Error(ErrorKind::Internal, "Could not sign the client assertion with the key.");
  signature.resize(length);
  return signature;
}

ClientCertificateCredential::ClientCertificateCredential(
    Authority authority, std::string client_id,
    std::shared_ptr<const ClientCertificate> certificate, AssertionAlgorithm algorithm,
    TokenVersion version, std::shared_ptr<const http::Pipeline> pipeline, util::Clock& clock)
    : authority_(std::move(authority)),
      client_id_(std::move(client_id)),
      certificate_(std::move(certificate)),
      algorithm_(algorithm),
      version_(authority_.IsAdfs() ? TokenVersion::V1 : version),
      pipeline_(std::move(pipeline)),
      clock_(clock) {
  if (client_id_.empty())
    throw InvalidArgumentError("No application (client) ID was given for the service principal.");
  if (!certificate_)
    throw InvalidArgumentError("No certificate was given for '" + client_id_ + "'.");
}

std::string ClientCertificateCredential::Description() const {
  return "application '" + client_id_ + "' (certificate) in tenant '" + authority_.Tenant() + "'";
}

bool ClientCertificateCredential::UsesPss() const {
  if (algorithm_ == AssertionAlgorithm::kAuto) return !authority_.IsAdfs();
  return algorithm_ == AssertionAlgorithm::kPS256;
}

std::string ClientCertificateCredential::CreateAssertion() const {
  const bool pss = UsesPss();
  json::object header{{"alg", pss ? "PS256" : "RS256"}, {"typ", "JWT"}};
  if (pss)
    header["x5t#S256"] = certificate_->ThumbprintSha256();
  else
    header["x5t"] = certificate_->ThumbprintSha1();
  const long long now = EpochSeconds(clock_.Now());
  const json::object claims{
      {"aud", authority_.TokenEndpoint(version_)},
      {"iss", client_id_},
      {"sub", client_id_},
      {"jti", util::NewGuid()},
      {"nbf", now - std::chrono::duration_cast<std::chrono::seconds>(kNotBeforeBackdate).count()},
      {"iat", now},
      {"exp", now + std::chrono::duration_cast<std::chrono::seconds>(kAssertionLifetime).count()}};
  const std::string signing_input = _detail::Base64UrlEncode(json::serialize(header)) + "." +
                                    _detail::Base64UrlEncode(json::serialize(claims));
  return signing_input + "." + _detail::Base64UrlEncode(certificate_->Sign(signing_input, pss));
}

AccessToken ClientCertificateCredential::GetToken(const TokenRequest& request,
                                                  const util::Context& context) {
  // A new assertion per request: short-lived, fresh jti (the authority rejects replays).
  std::string assertion = CreateAssertion();
  std::string form = _detail::FormParam("grant_type", "client_credentials") +
                     _detail::FormParam("client_id", client_id_) +
                     _detail::FormParam("client_assertion_type",
                                        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") +
                     _detail::FormParam("client_assertion", assertion);
  _detail::Wipe(assertion);
  form += _detail::AudienceParam(version_, request.resource);
  return _detail::RedeemGrant(*pipeline_, authority_.TokenEndpoint(version_), std::move(form),
                              Description(), clock_, context)
      .access;
}

}  // namespace azscsp::auth
