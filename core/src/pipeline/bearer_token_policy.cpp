#include "azscsp/auth/token_credential.hpp"
#include "azscsp/errors.hpp"
#include "azscsp/http/policies.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/log.hpp"

namespace azscsp::http {
namespace {

// ARM says why it refused a token in WWW-Authenticate and in error.code; both mean "try a new one".
bool SaysTokenIsStale(const Response& response) {
  if (response.status != 401) return false;
  if (auto challenge = response.Header("WWW-Authenticate")) {
    if (challenge->find("invalid_token") != std::string::npos) return true;
  }
  return response.body.find("ExpiredAuthenticationToken") != std::string::npos ||
         response.body.find("InvalidAuthenticationToken") != std::string::npos;
}

}  // namespace

BearerTokenPolicy::BearerTokenPolicy(std::shared_ptr<auth::TokenCredential> credential,
                                     std::string resource)
    : credential_(std::move(credential)), resource_(std::move(resource)) {}

Response BearerTokenPolicy::Send(Request& request, const NextPolicy& next,
                                 const util::Context& context) {
  if (!util::EqualsIgnoreCase(request.url.scheme, "https")) {
    throw InvalidArgumentError("Refusing to send a bearer token to '" + request.url.ToString() +
                               "': only https:// endpoints may receive tokens.");
  }
  const auth::TokenRequest token_request{resource_};
  request.headers["Authorization"] =
      "Bearer " + credential_->GetToken(token_request, context).token;
  Response response = next.Send(request, context);
  if (!SaysTokenIsStale(response)) return response;

  util::Log(
      context, util::LogLevel::Verbose,
      "The service refused the access token (HTTP 401); getting a new token and retrying once.");
  credential_->Invalidate(token_request);
  request.headers["Authorization"] =
      "Bearer " + credential_->GetToken(token_request, context).token;
  return next.Send(request, context);
}

}  // namespace azscsp::http
