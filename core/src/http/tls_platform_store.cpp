// The platform trust store for OpenSSL. Kept in its own file because the Windows headers it needs
// must come before OpenSSL's and must not be seen by the Asio code.
#ifdef _WIN32
#include <windows.h>
// <wincrypt.h> needs <windows.h> first; it defines macros that clash with OpenSSL's type names.
#include <wincrypt.h>
#undef X509_NAME
#undef X509_EXTENSIONS
#undef PKCS7_SIGNER_INFO
#undef OCSP_REQUEST
#undef OCSP_RESPONSE
#endif

#include <openssl/err.h>
#include <openssl/x509.h>

namespace azscsp::http {

void AddPlatformTrustStore(X509_STORE* store) {
#ifdef _WIN32
  HCERTSTORE system_store = CertOpenSystemStoreW(0, L"ROOT");
  if (system_store == nullptr) return;
  PCCERT_CONTEXT certificate = nullptr;
  while ((certificate = CertEnumCertificatesInStore(system_store, certificate)) != nullptr) {
    const unsigned char* encoded = certificate->pbCertEncoded;
    X509* x509 = d2i_X509(nullptr, &encoded, static_cast<long>(certificate->cbCertEncoded));
    if (x509 != nullptr) {
      X509_STORE_add_cert(store, x509);  // duplicates are ignored
      X509_free(x509);
    }
  }
  CertCloseStore(system_store, 0);
  ERR_clear_error();
#else
  (void)store;
#endif
}

}  // namespace azscsp::http
