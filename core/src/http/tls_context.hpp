// Client TLS configuration: the shared SSL_CTX and per-connection SNI / host-name checks.
#pragma once

#include <string>

#include <boost/asio/ssl/context.hpp>
#include <boost/system/error_code.hpp>

#include <openssl/ssl.h>

#include "azscsp/http/transport.hpp"

namespace azscsp::http {

// TLS 1.2 minimum; with verify_tls, peer verification against the system trust store plus the
// PEM bundle at ca_bundle_path. Throws InvalidArgumentError naming the bundle path when it cannot
// be read or holds no certificate.
boost::asio::ssl::context MakeClientTlsContext(const TransportOptions& options);

// Sets SNI (not for IP literals) and, when verifying, the expected host name or IP address.
// Throws TlsError if OpenSSL refuses the values.
void PrepareTlsConnection(SSL* ssl, const std::string& host, bool verify);

// The TlsError message for a failed handshake with `host` (`authority` = "host:port"): an
// untrusted or mismatched certificate names the OpenSSL verify reason and -CaCertificatePath.
std::string DescribeHandshakeFailure(SSL* ssl, const std::string& host,
                                     const std::string& authority,
                                     const boost::system::error_code& error);

// Adds the Windows "ROOT" system store to `store`; no-op elsewhere (OpenSSL's default paths are
// the system store on Linux and macOS with Homebrew/system OpenSSL).
void AddPlatformTrustStore(X509_STORE* store);

}  // namespace azscsp::http
