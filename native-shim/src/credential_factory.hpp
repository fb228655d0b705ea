// Builds the core credential named by the client options' `credential.type` (native-shim/README.md,
// the credential table).
#pragma once

#include <memory>
#include <string>

#include "azscsp/auth/persistent_token_store.hpp"
#include "azscsp/auth/token_credential.hpp"
#include "azscsp/cloud/environment.hpp"
#include "azscsp/http/pipeline.hpp"
#include "azscsp/util/clock.hpp"

namespace azscsp::shim {

struct CredentialOptions {
  std::string type;  // clientSecret, clientCertificate, deviceCode, refreshToken,
                     // usernamePassword, accessToken, environment
  std::string tenant_id;
  std::string client_id;
  std::string client_secret;
  std::string token_version;  // "v1" or "v2"
  std::string certificate_path;
  std::string certificate_password;
  std::string assertion_algorithm;  // auto, RS256, PS256
  std::string refresh_token;
  std::string username;
  std::string password;
  std::string access_token;

  // Throws InvalidArgumentError naming the missing or unknown field.
  void Validate() const;
  // Overwrites every secret held here.
  void Wipe();
};

struct BuiltCredential {
  std::shared_ptr<auth::TokenCredential> credential;
  std::string cache_key;  // authority|tenant|client
  std::string tenant_id;  // as used (environment: AZURE_TENANT_ID)
  std::string client_id;  // as used (user flows: the default public client when none was given)
};

BuiltCredential BuildCredential(const CredentialOptions& options,
                                const cloud::Environment& environment,
                                std::shared_ptr<const http::Pipeline> pipeline,
                                std::shared_ptr<auth::PersistentTokenStore> store,
                                util::Clock& clock);

}  // namespace azscsp::shim
