// The credential the Azure SDKs build from environment variables (auth.md §12): AZURE_TENANT_ID,
// AZURE_CLIENT_ID, and AZURE_CLIENT_SECRET (takes precedence) or AZURE_CLIENT_CERTIFICATE_PATH
// (+ AZURE_CLIENT_CERTIFICATE_PASSWORD); AZURE_AUTHORITY_HOST overrides the environment's
// authority.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "azscsp/auth/client_certificate_credential.hpp"
#include "azscsp/auth/token_credential.hpp"

namespace azscsp::auth {

using GetEnvironmentVariable = std::function<std::optional<std::string>(const char* name)>;

struct EnvironmentCredential {
  std::shared_ptr<TokenCredential> credential;
  std::string type;  // "clientSecret" or "clientCertificate"
  std::string tenant_id;
  std::string client_id;
  std::string authority_host;
};

// Throws InvalidArgumentError naming every missing variable. `getenv` defaults to the process
// environment.
EnvironmentCredential CreateEnvironmentCredential(
    const std::string& default_authority_host, TokenVersion version,
    std::shared_ptr<const http::Pipeline> pipeline, util::Clock& clock,
    const GetEnvironmentVariable& getenv = {},
    AssertionAlgorithm algorithm = AssertionAlgorithm::kAuto);

}  // namespace azscsp::auth
