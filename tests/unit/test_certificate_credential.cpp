// ClientCertificateCredential: loading PEM and PFX, the JWT client assertion (header, claims,
// signature checked here with the certificate's public key), and the request it sends.
#define BOOST_TEST_DYN_LINK
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <set>

#include "auth/token_response.hpp"
#include "azscsp/auth/client_certificate_credential.hpp"
#include "azscsp/util/base64.hpp"
#include "azscsp/util/url_encode.hpp"
#include "fakes.hpp"

using namespace azscsp;
using testing::FakeTransport;
using testing::MakeResponse;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

constexpr const char* kClientId = "555f8509-e75d-4158-a4a0-7893fb35c3ea";
constexpr const char* kPfxPassword = "emulator-pfx-password";

fs::path CertDir() {
  return fs::path(__FILE__).parent_path() / ".." / ".." / "emulator" / "fixtures" / "certs";
}
std::string CertPath(const char* name) {
  return (CertDir() / name).string();
}
std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct TempFile {
  std::string path;
  explicit TempFile(const std::string& content) {
    std::random_device random;
    path =
        (fs::temp_directory_path() / ("azscsp-cert-" + std::to_string(random()) + ".pem")).string();
    std::ofstream(path, std::ios::binary) << content;
  }
  ~TempFile() {
    std::error_code ignored;
    fs::remove(path, ignored);
  }
};

struct Jwt {
  json::object header;
  json::object claims;
  std::string signing_input;
  std::string signature;
};

Jwt Split(const std::string& token) {
  const size_t a = token.find('.');
  const size_t b = token.find('.', a + 1);
  BOOST_REQUIRE(a != std::string::npos && b != std::string::npos);
  Jwt jwt;
  jwt.header = json::parse(*util::Base64Decode(token.substr(0, a))).as_object();
  jwt.claims = json::parse(*util::Base64Decode(token.substr(a + 1, b - a - 1))).as_object();
  jwt.signing_input = token.substr(0, b);
  jwt.signature = *util::Base64Decode(token.substr(b + 1));
  return jwt;
}

std::unique_ptr<X509, decltype(&X509_free)> ReadCertificate(const char* name) {
  const std::string pem = ReadAll(CertPath(name));
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), int(pem.size())),
                                                &BIO_free);
  return {PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), &X509_free};
}

// Verifies with the certificate's public key, as the authority does.
bool Verify(const Jwt& jwt, bool pss) {
  auto certificate = ReadCertificate("automation-cert.pem");
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(X509_get_pubkey(certificate.get()),
                                                          &EVP_PKEY_free);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_PKEY_CTX* ctx = nullptr;
  if (EVP_DigestVerifyInit(md.get(), &ctx, EVP_sha256(), nullptr, key.get()) != 1) return false;
  if (pss) {
    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING);
    EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, 32);  // salt length = SHA-256 digest length
  }
  EVP_DigestVerifyUpdate(md.get(), jwt.signing_input.data(), jwt.signing_input.size());
  return EVP_DigestVerifyFinal(md.get(),
                               reinterpret_cast<const unsigned char*>(jwt.signature.data()),
                               jwt.signature.size()) == 1;
}

std::string Thumbprint(const EVP_MD* md) {
  auto certificate = ReadCertificate("automation-cert.pem");
  unsigned char buffer[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  X509_digest(certificate.get(), md, buffer, &length);
  return auth::_detail::Base64UrlEncode(std::string(reinterpret_cast<char*>(buffer), length));
}

long long Seconds(util::Clock::SystemTime time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

std::string FormValue(const std::string& body, const std::string& name) {
  const std::string key = name + "=";
  size_t at = body.find(key);
  while (at != std::string::npos && at != 0 && body[at - 1] != '&') at = body.find(key, at + 1);
  if (at == std::string::npos) return {};
  const size_t end = body.find('&', at);
  return util::PercentDecode(
      body.substr(at + key.size(),
                  end == std::string::npos ? std::string::npos : end - at - key.size()),
      true);
}

struct CertFixture {
  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
  testing::ManualClock clock;
  std::shared_ptr<http::Pipeline> pipeline =
      std::make_shared<http::Pipeline>(std::vector<std::shared_ptr<http::Policy>>{}, transport);

  auth::ClientCertificateCredential Make(
      auth::AssertionAlgorithm algorithm = auth::AssertionAlgorithm::kAuto,
      const std::string& authority = "https://login.microsoftonline.com/",
      auth::TokenVersion version = auth::TokenVersion::V2) {
    return auth::ClientCertificateCredential(
        auth::Authority(authority, "contoso.onmicrosoft.com"), kClientId,
        auth::ClientCertificate::Load(CertPath("automation-cert.pfx"), kPfxPassword), algorithm,
        version, pipeline, clock);
  }
};

std::string ErrorText(const std::function<void()>& call) {
  try {
    call();
  } catch (const std::exception& error) {
    return error.what();
  }
  BOOST_FAIL("expected an error");
  return {};
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(client_certificate_credential, CertFixture)

BOOST_AUTO_TEST_CASE(loads_pem_pair_combined_pem_and_pfx_with_the_same_thumbprints) {
  const auto separate = auth::ClientCertificate::Load(CertPath("automation-cert.pem"), {},
                                                      CertPath("automation-cert.key.pem"));
  TempFile combined(ReadAll(CertPath("automation-cert.pem")) +
                    ReadAll(CertPath("automation-cert.key.pem")));
  const auto one_file = auth::ClientCertificate::Load(combined.path);
  const auto pfx = auth::ClientCertificate::Load(CertPath("automation-cert.pfx"), kPfxPassword);
  BOOST_TEST(separate->ThumbprintSha1() == Thumbprint(EVP_sha1()));
  BOOST_TEST(separate->ThumbprintSha256() == Thumbprint(EVP_sha256()));
  BOOST_TEST(one_file->ThumbprintSha1() == separate->ThumbprintSha1());
  BOOST_TEST(pfx->ThumbprintSha256() == separate->ThumbprintSha256());
  BOOST_TEST(separate->ThumbprintSha1().find('=') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(load_errors_name_the_path_and_never_the_password) {
  const std::string missing = (CertDir() / "no-such.pem").string();
  std::string text = ErrorText([&] { auth::ClientCertificate::Load(missing); });
  BOOST_TEST(text.find(missing) != std::string::npos);

  const std::string pfx = CertPath("automation-cert.pfx");
  text = ErrorText([&] { auth::ClientCertificate::Load(pfx, "not-the-password-xyz"); });
  BOOST_TEST(text.find(pfx) != std::string::npos);
  BOOST_TEST(text.find("password") != std::string::npos);
  BOOST_TEST(text.find("not-the-password-xyz") == std::string::npos);

  text = ErrorText([&] { auth::ClientCertificate::Load(pfx); });
  BOOST_TEST(text.find("password") != std::string::npos);

  const std::string certificate_only = CertPath("automation-cert.pem");
  text = ErrorText([&] { auth::ClientCertificate::Load(certificate_only); });
  BOOST_TEST(text.find(certificate_only) != std::string::npos);
  BOOST_TEST(text.find("no private key") != std::string::npos);

  text = ErrorText([&] {
    auth::ClientCertificate::Load(certificate_only, {}, CertPath("unregistered-cert.key.pem"));
  });
  BOOST_TEST(text.find("does not belong") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(entra_assertion_is_ps256_with_x5t_s256_and_verifies) {
  auto credential = Make();
  const Jwt jwt = Split(credential.CreateAssertion());
  BOOST_TEST(jwt.header.at("alg").as_string() == "PS256");
  BOOST_TEST(jwt.header.at("typ").as_string() == "JWT");
  BOOST_TEST(jwt.header.at("x5t#S256").as_string() == Thumbprint(EVP_sha256()));
  BOOST_TEST(!jwt.header.contains("x5t"));
  BOOST_TEST(Verify(jwt, true));
  BOOST_TEST(!Verify(jwt, false));

  const long long now = Seconds(clock.Now());
  BOOST_TEST(jwt.claims.at("aud").as_string() ==
             "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
  BOOST_TEST(jwt.claims.at("iss").as_string() == kClientId);
  BOOST_TEST(jwt.claims.at("sub").as_string() == kClientId);
  BOOST_TEST(jwt.claims.at("nbf").as_int64() == now - 60);
  BOOST_TEST(jwt.claims.at("exp").as_int64() == now + 600);
  BOOST_TEST(jwt.claims.at("iat").as_int64() == now);
}

BOOST_AUTO_TEST_CASE(adfs_assertion_is_rs256_with_x5t_and_verifies) {
  auto credential =
      Make(auth::AssertionAlgorithm::kAuto, "https://adfs.local.azurestack.external/adfs/");
  const Jwt jwt = Split(credential.CreateAssertion());
  BOOST_TEST(jwt.header.at("alg").as_string() == "RS256");
  BOOST_TEST(jwt.header.at("x5t").as_string() == Thumbprint(EVP_sha1()));
  BOOST_TEST(!jwt.header.contains("x5t#S256"));
  BOOST_TEST(Verify(jwt, false));
  BOOST_TEST(jwt.claims.at("aud").as_string() ==
             "https://adfs.local.azurestack.external/adfs/oauth2/token");
}

BOOST_AUTO_TEST_CASE(algorithm_can_be_forced) {
  BOOST_TEST(Split(Make(auth::AssertionAlgorithm::kRS256).CreateAssertion())
                 .header.at("alg")
                 .as_string() == "RS256");
  BOOST_TEST(
      Split(Make(auth::AssertionAlgorithm::kPS256, "https://adfs.local.azurestack.external/adfs/")
                .CreateAssertion())
          .header.at("alg")
          .as_string() == "PS256");
  BOOST_CHECK(auth::ParseAssertionAlgorithm("ps256") == auth::AssertionAlgorithm::kPS256);
  BOOST_CHECK_THROW(auth::ParseAssertionAlgorithm("ES256"), InvalidArgumentError);
}

BOOST_AUTO_TEST_CASE(every_assertion_has_a_fresh_jti) {
  auto credential = Make();
  std::set<std::string> ids;
  for (int i = 0; i < 5; ++i)
    ids.insert(std::string(Split(credential.CreateAssertion()).claims.at("jti").as_string()));
  BOOST_TEST(ids.size() == 5u);
}

BOOST_AUTO_TEST_CASE(request_carries_the_assertion_not_a_secret) {
  transport->Enqueue(MakeResponse(200, R"({"access_token":"tok","expires_in":3600})"));
  transport->Enqueue(MakeResponse(200, R"({"access_token":"tok2","expires_in":3600})"));
  auto credential = Make();
  BOOST_TEST(credential.GetToken({"https://management.azure.com/"}, {}).token == "tok");
  credential.GetToken({"https://management.azure.com/"}, {});
  const auto& request = transport->Requests().at(0);
  BOOST_TEST(request.sensitive_body);
  BOOST_TEST(FormValue(request.body, "grant_type") == "client_credentials");
  BOOST_TEST(FormValue(request.body, "client_id") == kClientId);
  BOOST_TEST(FormValue(request.body, "client_assertion_type") ==
             "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
  BOOST_TEST(FormValue(request.body, "scope") == "https://management.azure.com//.default");
  BOOST_TEST(request.body.find("client_secret") == std::string::npos);
  const Jwt first = Split(FormValue(request.body, "client_assertion"));
  const Jwt second = Split(FormValue(transport->Requests().at(1).body, "client_assertion"));
  BOOST_TEST(Verify(first, true));
  BOOST_TEST(first.claims.at("jti") != second.claims.at("jti"));
}

BOOST_AUTO_TEST_CASE(adfs_request_uses_resource_and_adfs_endpoint) {
  transport->Enqueue(MakeResponse(200, R"({"access_token":"tok","expires_in":"3600"})"));
  auto credential =
      Make(auth::AssertionAlgorithm::kAuto, "https://adfs.local.azurestack.external/adfs/");
  credential.GetToken({"https://management.adfs.azurestack.local/abc"}, {});
  const auto& request = transport->Requests().at(0);
  BOOST_TEST(request.url.ToString() == "https://adfs.local.azurestack.external/adfs/oauth2/token");
  BOOST_TEST(FormValue(request.body, "resource") == "https://management.adfs.azurestack.local/abc");
  BOOST_TEST(FormValue(request.body, "client_id") == kClientId);
}

BOOST_AUTO_TEST_CASE(unregistered_certificate_and_clock_skew_name_the_cause_not_the_assertion) {
  transport->Enqueue(MakeResponse(
      401,
      R"({"error":"invalid_client","error_description":"AADSTS700027: Client assertion failed signature validation.\r\nTrace ID: x","error_codes":[700027],"correlation_id":"c-1"})"));
  transport->Enqueue(MakeResponse(
      400,
      R"({"error":"invalid_client","error_description":"AADSTS500133: Assertion is not within its valid time range.","error_codes":[500133]})"));
  auto credential = Make();
  std::string text = ErrorText([&] { credential.GetToken({"https://management.azure.com/"}, {}); });
  BOOST_TEST(text.find("AADSTS700027") != std::string::npos);
  BOOST_TEST(text.find("not registered") != std::string::npos);
  const std::string assertion = FormValue(transport->Requests().at(0).body, "client_assertion");
  BOOST_TEST(text.find(assertion.substr(0, 20)) == std::string::npos);
  text = ErrorText([&] { credential.GetToken({"https://management.azure.com/"}, {}); });
  BOOST_TEST(text.find("check this machine's clock") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
