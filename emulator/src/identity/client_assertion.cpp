// client_credentials with a certificate: a JWT client assertion (auth.md §5). The assertion must
// name a certificate registered for the service principal (x5t = base64url SHA-1 of the DER, or
// x5t#S256 = base64url SHA-256), be signed by its key (RS256 or PS256; AD FS: RS256 only), have
// aud = the token endpoint that was called, iss = sub = client id, be within exp/nbf, and carry a
// jti not seen before.
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <boost/json.hpp>

#include "identity/token_endpoint.hpp"
#include "service_context.hpp"
#include "tls/pki.hpp"
#include "util/base64.hpp"
#include "util/ids.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

constexpr char kJwtBearer[] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
constexpr int64_t kNotBeforeToleranceSeconds = 300;

using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

std::optional<json::object> JsonPart(const std::string& part) {
  std::optional<std::string> text = Base64Decode(part);
  if (!text) return std::nullopt;
  boost::system::error_code ec;
  json::value value = json::parse(*text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return value.get_object();
}

std::string StringOf(const json::object& o, const char* name) {
  const json::value* v = o.if_contains(name);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::optional<int64_t> NumberOf(const json::object& o, const char* name) {
  const json::value* v = o.if_contains(name);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64()) return static_cast<int64_t>(v->get_uint64());
  if (v->is_double()) return static_cast<int64_t>(v->get_double());
  return std::nullopt;
}

std::string Der(X509* cert) {
  int length = i2d_X509(cert, nullptr);
  if (length <= 0) return {};
  std::string der(static_cast<size_t>(length), '\0');
  unsigned char* out = reinterpret_cast<unsigned char*>(der.data());
  i2d_X509(cert, &out);
  return der;
}

std::string Sha1(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha1(), nullptr);
  return std::string(reinterpret_cast<char*>(digest), length);
}

bool VerifySignature(EVP_PKEY* key, const std::string& alg, const std::string& signing_input,
                     const std::string& signature) {
  MdCtxPtr ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_PKEY_CTX* pctx = nullptr;
  bool ok = ctx && EVP_DigestVerifyInit(ctx.get(), &pctx, EVP_sha256(), nullptr, key) == 1;
  if (ok && alg == "PS256") {
    ok = EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
         EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1 &&
         EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) == 1;
  }
  ok = ok && EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                              signature.size(),
                              reinterpret_cast<const unsigned char*>(signing_input.data()),
                              signing_input.size()) == 1;
  ERR_clear_error();
  return ok;
}

AadFailure InvalidClient(long code, const std::string& description) {
  return {401, "invalid_client", code, description};
}

AadFailure Malformed(const std::string& why) {
  return {400, "invalid_request", 50027, "JWT token is invalid or malformed: " + why + "."};
}

std::string TrimSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

GrantOutcome ClientAssertionGrant(ServiceContext& context, const TokenRequest& request,
                                  const World& world, const std::string& resource) {
  std::string assertion_type = request.Field("client_assertion_type");
  std::string assertion = request.Field("client_assertion");
  if (assertion.empty()) return MissingParameter("client_assertion");
  if (assertion_type.empty()) return MissingParameter("client_assertion_type");
  if (assertion_type != kJwtBearer) {
    return AadFailure{400, "invalid_request", 50027,
                      "Invalid client_assertion_type '" + assertion_type + "'. Expected '" +
                          std::string(kJwtBearer) + "'."};
  }

  size_t first = assertion.find('.');
  size_t second = first == std::string::npos ? first : assertion.find('.', first + 1);
  if (second == std::string::npos || assertion.find('.', second + 1) != std::string::npos) {
    return Malformed("a JWS in compact serialization has three parts");
  }
  std::optional<json::object> header = JsonPart(assertion.substr(0, first));
  std::optional<json::object> claims = JsonPart(assertion.substr(first + 1, second - first - 1));
  std::optional<std::string> signature = Base64Decode(assertion.substr(second + 1));
  if (!header || !claims || !signature) return Malformed("header or payload is not base64url JSON");

  std::string issuer = StringOf(*claims, "iss");
  std::string subject = StringOf(*claims, "sub");
  std::string client_id = request.ClientId();
  if (client_id.empty()) client_id = issuer;  // AD FS: client_id optional
  if (!IEquals(issuer, client_id)) {
    return InvalidClient(700021, "Client assertion application identifier '" + issuer +
                                     "' doesn't match 'client_id' parameter '" + client_id + "'.");
  }
  if (!IEquals(subject, issuer)) {
    return InvalidClient(50048,
                         "Subject mismatches Issuer claim in the client assertion for "
                         "application '" +
                             client_id + "'.");
  }
  const ServicePrincipal* principal = world.FindServicePrincipal(request.tenant->id, client_id);
  if (!principal) return AppNotFound(client_id, *request.tenant);

  // Which registered certificate does the header name?
  std::string x5t = StringOf(*header, "x5t");
  std::string x5t256 = StringOf(*header, "x5t#S256");
  if (x5t.empty() && x5t256.empty()) {
    return InvalidClient(700027,
                         "Client assertion failed signature validation. The assertion "
                         "header names no certificate (x5t or x5t#S256).");
  }
  X509Ptr certificate;
  for (const std::string& pem : principal->certificates) {
    X509Ptr candidate = CertificateFromPem(pem);
    if (!candidate) continue;
    std::string der = Der(candidate.get());
    bool matches = (!x5t256.empty() && x5t256 == Base64UrlEncode(Sha256(der))) ||
                   (x5t256.empty() && x5t == Base64UrlEncode(Sha1(der)));
    if (matches) {
      certificate = std::move(candidate);
      break;
    }
  }
  if (!certificate) {
    return InvalidClient(
        700027,
        "Client assertion failed signature validation. Trace ID: none. The certificate "
        "with identifier used to sign the client assertion is not registered on "
        "application. [Reason - The key was not found., Thumbprint of key used by "
        "client: '" +
            (x5t256.empty() ? x5t : x5t256) +
            "', Please visit the Azure Portal, Graph "
            "Explorer or directly use MS Graph to see configured keys for app Id '" +
            principal->app_id + "'.]");
  }

  std::string alg = StringOf(*header, "alg");
  bool alg_allowed = alg == "RS256" || (alg == "PS256" && !request.adfs);
  if (!alg_allowed) {
    return InvalidClient(700027,
                         "Client assertion failed signature validation. Unsupported "
                         "signing algorithm '" +
                             alg + "' (expected " + (request.adfs ? "RS256" : "RS256 or PS256") +
                             ").");
  }
  PkeyPtr key(X509_get_pubkey(certificate.get()));
  if (!key || !VerifySignature(key.get(), alg, assertion.substr(0, second), *signature)) {
    return InvalidClient(700027,
                         "Client assertion failed signature validation. [Reason - The "
                         "signature does not verify with the registered certificate.]");
  }

  // Audience: the token endpoint that was called.
  std::string audience;
  if (const json::value* aud = claims->if_contains("aud")) {
    if (aud->is_string()) audience = std::string(aud->get_string());
    if (aud->is_array() && aud->get_array().size() == 1 && aud->get_array()[0].is_string()) {
      audience = std::string(aud->get_array()[0].get_string());
    }
  }
  bool audience_ok = false;
  for (const std::string& url : request.endpoint_urls) {
    audience_ok |= !audience.empty() && IEquals(TrimSlash(audience), TrimSlash(url));
  }
  if (!audience_ok) {
    return InvalidClient(50012,
                         "AuthenticationFailed: the client assertion audience claim 'aud' "
                         "with value '" +
                             audience + "' is invalid. Expected '" + request.endpoint_urls.front() +
                             "'.");
  }

  int64_t now = IdentityNow(context.options);
  std::optional<int64_t> exp = NumberOf(*claims, "exp");
  std::optional<int64_t> nbf = NumberOf(*claims, "nbf");
  if (!exp || *exp <= now || (nbf && *nbf > now + kNotBeforeToleranceSeconds)) {
    std::string detail =
        !exp ? "the assertion has no exp claim"
             : "Current time: " + Iso8601(Clock::time_point(std::chrono::seconds(now))) +
                   ", expiry time of assertion " +
                   Iso8601(Clock::time_point(std::chrono::seconds(*exp))) +
                   (nbf ? ", not before " + Iso8601(Clock::time_point(std::chrono::seconds(*nbf)))
                        : std::string());
    return InvalidClient(500133,
                         "Assertion is not within its valid time range. Ensure that the access "
                         "token is not expired before using it for user assertion, or request a "
                         "new token. " +
                             detail + ".");
  }

  std::string jti = StringOf(*claims, "jti");
  if (jti.empty()) return Malformed("the client assertion has no jti claim");
  {
    std::lock_guard<std::mutex> lock(context.identity.mutex);
    auto& seen = context.identity.seen_assertions;
    for (auto it = seen.begin(); it != seen.end();) {
      it = it->second < now ? seen.erase(it) : std::next(it);
    }
    std::string key_id = ToLower(principal->app_id) + "|" + jti;
    if (seen.count(key_id)) {
      return InvalidClient(50012, "AuthenticationFailed: the client assertion with jti '" + jti +
                                      "' was already used. Sign a new assertion (new jti) for "
                                      "every token request.");
    }
    seen.emplace(key_id, *exp);
  }

  TokenGrant grant;
  grant.object_id = principal->object_id;
  grant.app_id = principal->app_id;
  grant.resource = resource;
  grant.certificate = true;
  return grant;
}

}  // namespace azscsp::emulator
