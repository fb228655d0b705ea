// client_credentials with a certificate (JWT client assertion, auth.md §5): signature (RS256,
// PS256), x5t / x5t#S256 against registered certificates, aud, iss/sub, exp/nbf, replayed jti.
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <stdexcept>

#include "sign_in_test_helpers.hpp"
#include "tls/pki.hpp"
#include "util/base64.hpp"
#include "util/files.hpp"
#include "util/ids.hpp"

namespace json = boost::json;
using namespace azscsp::emulator::test;
namespace emu_ns = azscsp::emulator;

namespace {

std::string ReadCertsFile(const std::string& name) {
  auto text = emu_ns::ReadFileIfExists(std::string(AZSCSP_EMULATOR_CERTS_DIR) + "/" + name);
  if (!text) throw std::runtime_error("missing fixture file " + name);
  return *text;
}

int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Assertion {
  std::string cert = "automation-cert";  // certificate named in the header
  std::string key = "automation-cert";   // key that signs
  std::string alg = "RS256";
  bool sha256_thumbprint = false;  // x5t#S256 instead of x5t
  std::string aud;
  std::string iss = fx::kCertApp;
  std::string sub = fx::kCertApp;
  int64_t nbf = Now();
  int64_t exp = Now() + 600;
  std::string jti = emu_ns::NewGuid();

  std::string Sign() const {
    emu_ns::X509Ptr certificate = emu_ns::CertificateFromPem(ReadCertsFile(cert + ".pem"));
    BOOST_REQUIRE(certificate);
    int length = i2d_X509(certificate.get(), nullptr);
    std::string der(static_cast<size_t>(length), '\0');
    unsigned char* out = reinterpret_cast<unsigned char*>(der.data());
    i2d_X509(certificate.get(), &out);
    json::object header{{"alg", alg}, {"typ", "JWT"}};
    if (sha256_thumbprint) {
      header["x5t#S256"] = emu_ns::Base64UrlEncode(emu_ns::Sha256(der));
    } else {
      unsigned char digest[EVP_MAX_MD_SIZE];
      unsigned int size = 0;
      EVP_Digest(der.data(), der.size(), digest, &size, EVP_sha1(), nullptr);
      header["x5t"] = emu_ns::Base64UrlEncode(std::string(reinterpret_cast<char*>(digest), size));
    }
    json::object claims{{"aud", aud}, {"iss", iss}, {"sub", sub},
                        {"jti", jti}, {"nbf", nbf}, {"exp", exp}};
    std::string input = emu_ns::Base64UrlEncode(json::serialize(header)) + "." +
                        emu_ns::Base64UrlEncode(json::serialize(claims));
    emu_ns::PkeyPtr pkey = emu_ns::PrivateKeyFromPem(ReadCertsFile(key + ".key.pem"));
    BOOST_REQUIRE(pkey);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX* pctx = nullptr;
    BOOST_REQUIRE(EVP_DigestSignInit(ctx, &pctx, EVP_sha256(), nullptr, pkey.get()) == 1);
    if (alg == "PS256") {
      EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
      EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
    }
    size_t size = 0;
    EVP_DigestSign(ctx, nullptr, &size, reinterpret_cast<const unsigned char*>(input.data()),
                   input.size());
    std::string signature(size, '\0');
    BOOST_REQUIRE(EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &size,
                                 reinterpret_cast<const unsigned char*>(input.data()),
                                 input.size()) == 1);
    EVP_MD_CTX_free(ctx);
    signature.resize(size);
    return input + "." + emu_ns::Base64UrlEncode(signature);
  }
};

std::string TokenUrl(EmulatorUnderTest& emu, const std::string& tenant, bool v2) {
  return emu.emulator().BaseUrl() + "/" + tenant + (v2 ? "/oauth2/v2.0/token" : "/oauth2/token");
}

HttpResult SendAssertion(
    EmulatorUnderTest& emu, const std::string& assertion, bool v2,
    const std::string& tenant = fx::kHomeTenant,
    const std::string& type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") {
  return PostForm(emu, "/" + tenant + (v2 ? "/oauth2/v2.0/token" : "/oauth2/token"),
                  "grant_type=client_credentials&client_id=" + fx::kCertApp +
                      "&client_assertion_type=" + UrlEncode(type) +
                      "&client_assertion=" + UrlEncode(assertion) + "&" +
                      (v2 ? "scope=" + UrlEncode("https://management.azure.com/.default")
                          : "resource=" + UrlEncode(fx::kArmResource)));
}

// An assertion for the v2 endpoint of the home tenant, signed as the defaults say.
Assertion V2(EmulatorUnderTest& emu) {
  Assertion a;
  a.aud = TokenUrl(emu, fx::kHomeTenant, true);
  return a;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(certificate_assertion)

BOOST_AUTO_TEST_CASE(rs256_with_x5t_gets_a_token_arm_accepts) {
  EmulatorUnderTest emu;
  HttpResult r = SendAssertion(emu, V2(emu).Sign(), true);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::object claims = JwtClaims(Str(r.Json(), "access_token"));
  BOOST_TEST(Str(claims, "oid") == fx::kCertObject);
  BOOST_TEST(Str(claims, "appid") == fx::kCertApp);
  BOOST_TEST(Str(claims, "appidacr") == "2");
  BOOST_TEST(!r.Json().as_object().contains("refresh_token"));
  BOOST_TEST(ArmStatus(emu, Str(r.Json(), "access_token")) == 200);
}

BOOST_AUTO_TEST_CASE(ps256_with_x5t_s256_on_v1_endpoint) {
  EmulatorUnderTest emu;
  Assertion a;
  a.alg = "PS256";
  a.sha256_thumbprint = true;
  a.aud = TokenUrl(emu, fx::kHomeTenant, false);
  HttpResult r = SendAssertion(emu, a.Sign(), false);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(r.Json().at("expires_in").is_string());
  // The tenant by domain in the URL and aud is the same endpoint.
  Assertion by_domain = a;
  by_domain.jti = emu_ns::NewGuid();
  by_domain.aud = TokenUrl(emu, fx::kHomeDomain, false);
  BOOST_TEST(SendAssertion(emu, by_domain.Sign(), false, fx::kHomeDomain).status == 200);
}

BOOST_AUTO_TEST_CASE(unregistered_certificate_is_700027) {
  EmulatorUnderTest emu;
  Assertion a = V2(emu);
  a.cert = a.key = "unregistered-cert";
  HttpResult r = SendAssertion(emu, a.Sign(), true);
  CheckAadError(r, 401, "invalid_client", 700027);
  BOOST_TEST(r.body.find("not registered") != std::string::npos);
  a.sha256_thumbprint = true;
  a.jti = emu_ns::NewGuid();
  CheckAadError(SendAssertion(emu, a.Sign(), true), 401, "invalid_client", 700027);
}

BOOST_AUTO_TEST_CASE(signature_by_another_key_is_700027) {
  EmulatorUnderTest emu;
  Assertion a = V2(emu);
  a.key = "unregistered-cert";  // registered thumbprint, wrong signer
  CheckAadError(SendAssertion(emu, a.Sign(), true), 401, "invalid_client", 700027);
  a.key = "automation-cert";
  a.alg = "PS256";
  std::string ps = a.Sign();
  std::string tampered = ps.substr(0, ps.rfind('.')) + ".AAAA" + ps.substr(ps.rfind('.') + 5);
  CheckAadError(SendAssertion(emu, tampered, true), 401, "invalid_client", 700027);
  a.alg = "HS256";
  a.jti = emu_ns::NewGuid();
  CheckAadError(SendAssertion(emu, a.Sign(), true), 401, "invalid_client", 700027);
}

BOOST_AUTO_TEST_CASE(expired_or_future_assertion_is_500133) {
  EmulatorUnderTest emu;
  Assertion expired = V2(emu);
  expired.nbf = Now() - 1200;
  expired.exp = Now() - 600;
  CheckAadError(SendAssertion(emu, expired.Sign(), true), 401, "invalid_client", 500133);
  Assertion future = V2(emu);
  future.nbf = Now() + 900;
  future.exp = Now() + 1500;
  CheckAadError(SendAssertion(emu, future.Sign(), true), 401, "invalid_client", 500133);
  Assertion slightly_early = V2(emu);  // within the 5 minute tolerance
  slightly_early.nbf = Now() + 120;
  BOOST_TEST(SendAssertion(emu, slightly_early.Sign(), true).status == 200);
}

BOOST_AUTO_TEST_CASE(server_clock_skew_applies_to_assertions) {
  EmulatorUnderTest emu([](emu_ns::EmulatorOptions& o) { o.clock_skew_seconds = 3600; });
  CheckAadError(SendAssertion(emu, V2(emu).Sign(), true), 401, "invalid_client", 500133);
}

BOOST_AUTO_TEST_CASE(wrong_audience_is_50012) {
  EmulatorUnderTest emu;
  Assertion a;
  a.aud = TokenUrl(emu, fx::kHomeTenant, false);  // v1 URL sent to the v2 endpoint
  CheckAadError(SendAssertion(emu, a.Sign(), true), 401, "invalid_client", 50012);
  a.aud = "https://login.microsoftonline.com/" + fx::kHomeTenant + "/oauth2/v2.0/token";
  a.jti = emu_ns::NewGuid();
  CheckAadError(SendAssertion(emu, a.Sign(), true), 401, "invalid_client", 50012);
}

BOOST_AUTO_TEST_CASE(replayed_jti_is_rejected) {
  EmulatorUnderTest emu;
  std::string assertion = V2(emu).Sign();
  BOOST_TEST_REQUIRE(SendAssertion(emu, assertion, true).status == 200);
  CheckAadError(SendAssertion(emu, assertion, true), 401, "invalid_client", 50012);
}

BOOST_AUTO_TEST_CASE(issuer_and_subject_must_be_the_client) {
  EmulatorUnderTest emu;
  Assertion a = V2(emu);
  a.iss = a.sub = fx::kOwnerApp;
  CheckAadError(SendAssertion(emu, a.Sign(), true), 401, "invalid_client", 700021);
  Assertion b = V2(emu);
  b.sub = fx::kOwnerApp;
  CheckAadError(SendAssertion(emu, b.Sign(), true), 401, "invalid_client", 50048);
  // A secret-only principal has no certificate.
  Assertion c = V2(emu);
  c.iss = c.sub = fx::kOwnerApp;
  HttpResult r = PostForm(emu, "/" + fx::kHomeTenant + "/oauth2/v2.0/token",
                          "grant_type=client_credentials&client_id=" + fx::kOwnerApp +
                              "&client_assertion_type=" +
                              UrlEncode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer") +
                              "&client_assertion=" + UrlEncode(c.Sign()) +
                              "&scope=" + UrlEncode("https://management.azure.com/.default"));
  CheckAadError(r, 401, "invalid_client", 700027);
}

BOOST_AUTO_TEST_CASE(malformed_assertions) {
  EmulatorUnderTest emu;
  CheckAadError(SendAssertion(emu, V2(emu).Sign(), true, fx::kHomeTenant, "urn:other"), 400,
                "invalid_request", 50027);
  CheckAadError(SendAssertion(emu, "abc.def", true), 400, "invalid_request", 50027);
  Assertion no_jti = V2(emu);
  no_jti.jti = "";
  CheckAadError(SendAssertion(emu, no_jti.Sign(), true), 400, "invalid_request", 50027);
}

BOOST_AUTO_TEST_CASE(adfs_rs256_without_client_id) {
  EmulatorUnderTest emu([](emu_ns::EmulatorOptions& o) { o.identity_system = "adfs"; });
  auto send = [&](const Assertion& a) {
    return PostForm(emu, "/adfs/oauth2/token",
                    "grant_type=client_credentials&client_assertion_type=" +
                        UrlEncode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer") +
                        "&client_assertion=" + UrlEncode(a.Sign()) +
                        "&resource=" + UrlEncode(fx::kAdfsAudience));
  };
  Assertion a;
  a.aud = emu.emulator().BaseUrl() + "/adfs/oauth2/token";
  a.nbf = Now() - 90;  // AzureStack-Tools backdates
  a.exp = Now() + 3600;
  HttpResult r = send(a);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(ArmStatus(emu, Str(r.Json(), "access_token")) == 200);
  // AD FS takes RS256 only; errors have no AADSTS fields.
  Assertion ps = a;
  ps.alg = "PS256";
  ps.jti = emu_ns::NewGuid();
  CheckAdfsError(send(ps), 401, "invalid_client");
  Assertion unregistered = a;
  unregistered.cert = unregistered.key = "unregistered-cert";
  unregistered.jti = emu_ns::NewGuid();
  CheckAdfsError(send(unregistered), 401, "invalid_client");
}

BOOST_AUTO_TEST_SUITE_END()
