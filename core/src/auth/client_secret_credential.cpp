#include "azscsp/auth/client_secret_credential.hpp"

#include <algorithm>

#include "auth/token_response.hpp"
#include "azscsp/errors.hpp"
#include "azscsp/util/url_encode.hpp"

namespace azscsp::auth {
namespace {

std::string V2Scope(const std::string& resource) {
  std::string scope = resource;
  // "https://management.core.windows.net/" -> "https://management.core.windows.net//.default" is
  // what Entra expects for v1 resources that end in '/': keep the slash, append "/.default".
  return scope + (scope.size() >= 9 && scope.compare(scope.size() - 9, 9, "/.default") == 0
                      ? ""
                      : "/.default");
}

}  // namespace

ClientSecretCredential::ClientSecretCredential(Authority authority, std::string client_id,
                                               std::string client_secret, TokenVersion version,
                                               std::shared_ptr<const http::Pipeline> pipeline,
                                               util::Clock& clock)
    : authority_(std::move(authority)),
      client_id_(std::move(client_id)),
      client_secret_(std::move(client_secret)),
      version_(authority_.IsAdfs() ? TokenVersion::V1 : version),
      pipeline_(std::move(pipeline)),
      clock_(clock) {
  if (client_id_.empty())
    throw InvalidArgumentError("No application (client) ID was given for the service principal.");
  if (client_secret_.empty())
    throw InvalidArgumentError("No client secret was given for application '" + client_id_ + "'.");
}

ClientSecretCredential::~ClientSecretCredential() {
  // Do not leave the secret in freed memory longer than needed.
  std::fill(client_secret_.begin(), client_secret_.end(), '\0');
}

std::string ClientSecretCredential::Description() const {
  return "application '" + client_id_ + "' in tenant '" + authority_.Tenant() + "'";
}

AccessToken ClientSecretCredential::GetToken(const TokenRequest& request,
                                             const util::Context& context) {
  http::Request token_request;
  token_request.method = http::Method::Post;
  token_request.url = http::Url::Parse(authority_.TokenEndpoint(version_));
  token_request.headers["Content-Type"] = "application/x-www-form-urlencoded";
  token_request.headers["Accept"] = "application/json";
  token_request.sensitive_body = true;
  token_request.body =
      "grant_type=client_credentials&client_id=" + util::PercentEncode(client_id_) +
      "&client_secret=" + util::PercentEncode(client_secret_);
  if (version_ == TokenVersion::V2)
    token_request.body += "&scope=" + util::PercentEncode(V2Scope(request.resource));
  else
    token_request.body += "&resource=" + util::PercentEncode(request.resource);

  const http::Response response = pipeline_->Send(token_request, context);
  std::fill(token_request.body.begin(), token_request.body.end(), '\0');
  if (response.status != 200) _detail::ThrowTokenError(response, Description());
  return _detail::ParseTokenResponse(response, clock_.Now());
}

}  // namespace azscsp::auth
