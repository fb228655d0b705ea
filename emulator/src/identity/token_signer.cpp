#include "identity/token_signer.hpp"

#include <openssl/err.h>
#include <boost/json.hpp>
#include <stdexcept>

#include "util/base64.hpp"
#include "util/ids.hpp"
#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

std::optional<json::object> DecodeJsonPart(const std::string& part) {
  std::optional<std::string> text = Base64Decode(part);
  if (!text) return std::nullopt;
  boost::system::error_code ec;
  json::value value = json::parse(*text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return value.get_object();
}

}  // namespace

TokenSigner::TokenSigner(const std::string& private_key_pem)
    : key_(PrivateKeyFromPem(private_key_pem)) {
  if (!key_) throw std::runtime_error("unreadable token signing key");
  // Key id: a short stable digest of the key, like Entra's kid/x5t values.
  key_id_ = Base64UrlEncode(Sha256(private_key_pem).substr(0, 20));
}

std::string TokenSigner::Sign(const json::object& claims) const {
  json::object header{{"typ", "JWT"}, {"alg", "RS256"}, {"x5t", key_id_}, {"kid", key_id_}};
  std::string signing_input =
      Base64UrlEncode(json::serialize(header)) + "." + Base64UrlEncode(json::serialize(claims));
  MdCtxPtr ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  size_t length = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &length,
                     reinterpret_cast<const unsigned char*>(signing_input.data()),
                     signing_input.size()) != 1) {
    throw std::runtime_error(OpenSslError("token signing failed"));
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(signing_input.data()),
                     signing_input.size()) != 1) {
    throw std::runtime_error(OpenSslError("token signing failed"));
  }
  signature.resize(length);
  return signing_input + "." + Base64UrlEncode(signature);
}

std::optional<json::object> TokenSigner::Verify(const std::string& token) const {
  size_t first = token.find('.');
  size_t second = first == std::string::npos ? first : token.find('.', first + 1);
  if (second == std::string::npos || token.find('.', second + 1) != std::string::npos) {
    return std::nullopt;
  }
  std::optional<json::object> header = DecodeJsonPart(token.substr(0, first));
  std::optional<json::object> claims = DecodeJsonPart(token.substr(first + 1, second - first - 1));
  std::optional<std::string> signature = Base64Decode(token.substr(second + 1));
  if (!header || !claims || !signature) return std::nullopt;
  const json::value* alg = header->if_contains("alg");
  if (!alg || !alg->is_string() || alg->get_string() != "RS256") return std::nullopt;

  std::string signing_input = token.substr(0, second);
  MdCtxPtr ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  bool ok =
      ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) == 1 &&
      EVP_DigestVerify(
          ctx.get(), reinterpret_cast<const unsigned char*>(signature->data()), signature->size(),
          reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) == 1;
  ERR_clear_error();
  if (!ok) return std::nullopt;
  return claims;
}

}  // namespace azscsp::emulator
