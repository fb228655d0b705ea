#include "credential_factory.hpp"

#include <algorithm>
#include <vector>

#include "azscsp/auth/access_token_credential.hpp"
#include "azscsp/auth/client_certificate_credential.hpp"
#include "azscsp/auth/client_secret_credential.hpp"
#include "azscsp/auth/device_code_credential.hpp"
#include "azscsp/auth/environment_credential.hpp"
#include "azscsp/auth/refresh_token_credential.hpp"
#include "azscsp/auth/username_password_credential.hpp"
#include "azscsp/errors.hpp"

namespace azscsp::shim {
namespace {

constexpr const char* kTypes =
    "clientSecret, clientCertificate, deviceCode, refreshToken, usernamePassword, accessToken or "
    "environment";

void Require(std::vector<std::string>& missing, const std::string& value, const char* name) {
  if (value.empty()) missing.push_back(std::string("credential.") + name);
}

void Clear(std::string& secret) {
  std::fill(secret.begin(), secret.end(), '\0');
  secret.clear();
}

}  // namespace

void CredentialOptions::Validate() const {
  std::vector<std::string> missing;
  if (type == "clientSecret") {
    Require(missing, client_id, "clientId");
    Require(missing, client_secret, "clientSecret");
  } else if (type == "clientCertificate") {
    Require(missing, client_id, "clientId");
    Require(missing, certificate_path, "certificatePath");
    auth::ParseAssertionAlgorithm(assertion_algorithm);
  } else if (type == "deviceCode") {
  } else if (type == "refreshToken") {
    Require(missing, refresh_token, "refreshToken");
  } else if (type == "usernamePassword") {
    Require(missing, username, "username");
    Require(missing, password, "password");
  } else if (type == "accessToken") {
    Require(missing, access_token, "accessToken");
  } else if (type == "environment") {
  } else {
    throw InvalidArgumentError("The credential type '" + type + "' is not supported; expected " +
                               kTypes + ".");
  }
  if (!missing.empty()) {
    std::string names;
    for (const auto& name : missing) names += (names.empty() ? "" : ", ") + name;
    throw InvalidArgumentError("The credential type '" + type + "' needs " + names + ".");
  }
  if (token_version != "v1" && token_version != "v2")
    throw InvalidArgumentError("The token version '" + token_version + "' is not v1 or v2.");
}

void CredentialOptions::Wipe() {
  for (std::string* secret :
       {&client_secret, &certificate_password, &refresh_token, &password, &access_token})
    Clear(*secret);
}

BuiltCredential BuildCredential(const CredentialOptions& options,
                                const cloud::Environment& environment,
                                std::shared_ptr<const http::Pipeline> pipeline,
                                std::shared_ptr<auth::PersistentTokenStore> store,
                                util::Clock& clock) {
  const auth::TokenVersion version =
      options.token_version == "v1" ? auth::TokenVersion::V1 : auth::TokenVersion::V2;
  BuiltCredential built;
  built.tenant_id = options.tenant_id;
  built.client_id = options.client_id;

  if (options.type == "accessToken") {
    built.credential = std::make_shared<auth::AccessTokenCredential>(options.access_token, clock);
    built.cache_key = "accessToken";
    return built;
  }
  if (options.type == "environment") {
    auto result = auth::CreateEnvironmentCredential(
        environment.authority_host, version, std::move(pipeline), clock, {},
        auth::ParseAssertionAlgorithm(options.assertion_algorithm));
    const auth::Authority authority(result.authority_host, result.tenant_id);
    built.credential = std::move(result.credential);
    built.tenant_id = result.tenant_id;
    built.client_id = result.client_id;
    built.cache_key = authority.Key() + "|" + result.client_id;
    return built;
  }

  const auth::Authority authority(environment.authority_host, options.tenant_id);
  if (options.type == "clientSecret") {
    built.credential = std::make_shared<auth::ClientSecretCredential>(
        authority, options.client_id, options.client_secret, version, std::move(pipeline), clock);
  } else if (options.type == "clientCertificate") {
    built.credential = std::make_shared<auth::ClientCertificateCredential>(
        authority, options.client_id,
        auth::ClientCertificate::Load(options.certificate_path, options.certificate_password),
        auth::ParseAssertionAlgorithm(options.assertion_algorithm), version, std::move(pipeline),
        clock);
  } else {
    auth::PublicClientOptions user_options;
    user_options.client_id =
        options.client_id.empty() ? auth::kAzurePowerShellClientId : options.client_id;
    user_options.version = version;
    user_options.store = std::move(store);
    // A confidential client's refresh token (Partner Center): its secret goes on the grant.
    if (options.type == "refreshToken") user_options.client_secret = options.client_secret;
    built.client_id = user_options.client_id;
    if (options.type == "deviceCode") {
      built.credential = std::make_shared<auth::DeviceCodeCredential>(
          authority, std::move(user_options), std::move(pipeline), clock);
    } else if (options.type == "refreshToken") {
      built.credential = std::make_shared<auth::RefreshTokenCredential>(
          authority, options.refresh_token, std::move(user_options), std::move(pipeline), clock);
    } else if (options.type == "usernamePassword") {
      built.credential = std::make_shared<auth::UsernamePasswordCredential>(
          authority, options.username, options.password, std::move(user_options),
          std::move(pipeline), clock);
    } else {
      throw InvalidArgumentError("The credential type '" + options.type +
                                 "' is not supported; expected " + kTypes + ".");
    }
  }
  built.cache_key = authority.Key() + "|" + built.client_id;
  return built;
}

}  // namespace azscsp::shim
