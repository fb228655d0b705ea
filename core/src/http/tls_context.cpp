#include "http/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <fstream>

#include <boost/asio/ip/address.hpp>

#include "azscsp/errors.hpp"

namespace azscsp::http {
namespace {

namespace ssl = boost::asio::ssl;

bool IsIpLiteral(const std::string& host) {
  boost::system::error_code ec;
  boost::asio::ip::make_address(host, ec);
  return !ec;
}

std::string OpenSslErrors() {
  std::string text;
  while (const unsigned long code = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof(buffer));
    if (!text.empty()) text += "; ";
    text += buffer;
  }
  return text;
}

void LoadCaBundle(ssl::context& context, const std::string& path) {
  {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
      throw InvalidArgumentError("The CA certificate file '" + path +
                                 "' does not exist or cannot be read; expected a PEM file with "
                                 "one or more CA certificates.");
    }
  }
  ERR_clear_error();
  boost::system::error_code ec;
  context.load_verify_file(path, ec);
  if (ec) {
    const std::string details = OpenSslErrors();
    throw InvalidArgumentError("The CA certificate file '" + path +
                               "' holds no readable PEM certificate (" +
                               (details.empty() ? ec.message() : details) +
                               "); expected a PEM file with one or more CA certificates.");
  }
}

}  // namespace

ssl::context MakeClientTlsContext(const TransportOptions& options) {
  ssl::context context(ssl::context::tls_client);
  context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                      ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                      ssl::context::no_compression);
  SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION);
  if (!options.verify_tls) {
    context.set_verify_mode(ssl::verify_none);
    return context;
  }
  context.set_verify_mode(ssl::verify_peer);
  boost::system::error_code ignored;
  context.set_default_verify_paths(ignored);  // a machine without a store still gets the bundle
  AddPlatformTrustStore(SSL_CTX_get_cert_store(context.native_handle()));
  if (!options.ca_bundle_path.empty()) LoadCaBundle(context, options.ca_bundle_path);
  ERR_clear_error();
  return context;
}

void PrepareTlsConnection(SSL* ssl, const std::string& host, bool verify) {
  const bool ip = IsIpLiteral(host);
  // SNI carries host names only (RFC 6066); Azure Stack Hub endpoints need it behind a gateway.
  if (!ip && SSL_set_tlsext_host_name(ssl, host.c_str()) != 1) {
    throw TlsError("Could not set the TLS server name (SNI) for '" + host + "'.");
  }
  if (!verify) return;
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
  X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  const int ok = ip ? X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str())
                    : X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size());
  if (ok != 1) throw TlsError("Could not set the expected certificate name '" + host + "'.");
}

std::string DescribeHandshakeFailure(SSL* ssl, const std::string& host,
                                     const std::string& authority,
                                     const boost::system::error_code& error) {
  const long verify = SSL_get_verify_result(ssl);
  if (verify != X509_V_OK) {
    return "The TLS certificate of " + host +
           " was not trusted: " + X509_verify_cert_error_string(verify) +
           ". If the endpoint uses a certificate from a private CA (as Azure Stack Hub usually "
           "does), pass that CA certificate (PEM) with -CaCertificatePath.";
  }
  std::string reason = error.message();
  const std::string details = OpenSslErrors();
  if (!details.empty()) reason += " (" + details + ")";
  return "The TLS handshake with " + authority + " failed: " + reason + ".";
}

}  // namespace azscsp::http
