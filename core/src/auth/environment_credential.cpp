#include "azscsp/auth/environment_credential.hpp"

#include <cstdlib>
#include <vector>

#include "azscsp/auth/client_secret_credential.hpp"
#include "azscsp/errors.hpp"

namespace azscsp::auth {

EnvironmentCredential CreateEnvironmentCredential(const std::string& default_authority_host,
                                                  TokenVersion version,
                                                  std::shared_ptr<const http::Pipeline> pipeline,
                                                  util::Clock& clock,
                                                  const GetEnvironmentVariable& getenv,
                                                  AssertionAlgorithm algorithm) {
  const auto read = [&](const char* name) -> std::string {
    std::optional<std::string> value;
    if (getenv) {
      value = getenv(name);
    } else if (const char* raw = std::getenv(name)) {
      value = raw;
    }
    return value.value_or(std::string());
  };
  EnvironmentCredential result;
  result.tenant_id = read("AZURE_TENANT_ID");
  result.client_id = read("AZURE_CLIENT_ID");
  std::string secret = read("AZURE_CLIENT_SECRET");
  const std::string certificate_path = read("AZURE_CLIENT_CERTIFICATE_PATH");
  result.authority_host = read("AZURE_AUTHORITY_HOST");
  if (result.authority_host.empty()) result.authority_host = default_authority_host;

  std::vector<std::string> missing;
  const bool adfs = Authority::LooksLikeAdfs(result.authority_host);
  if (result.tenant_id.empty() && !adfs) missing.push_back("AZURE_TENANT_ID");
  if (result.client_id.empty()) missing.push_back("AZURE_CLIENT_ID");
  if (secret.empty() && certificate_path.empty())
    missing.push_back("AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH");
  if (!missing.empty()) {
    std::string names;
    for (const auto& name : missing) names += (names.empty() ? "" : ", ") + name;
    throw InvalidArgumentError(
        "The environment credential needs these environment variables, "
        "which are not set: " +
        names + ".");
  }
  Authority authority(result.authority_host, result.tenant_id);
  if (!secret.empty()) {
    result.type = "clientSecret";
    result.credential = std::make_shared<ClientSecretCredential>(
        authority, result.client_id, std::move(secret), version, std::move(pipeline), clock);
  } else {
    result.type = "clientCertificate";
    std::string password = read("AZURE_CLIENT_CERTIFICATE_PASSWORD");
    auto certificate = ClientCertificate::Load(certificate_path, password);
    std::fill(password.begin(), password.end(), '\0');
    result.credential = std::make_shared<ClientCertificateCredential>(
        authority, result.client_id, std::move(certificate), algorithm, version,
        std::move(pipeline), clock);
  }
  return result;
}

}  // namespace azscsp::auth
