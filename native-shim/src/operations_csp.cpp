// tenants.resolve, csp.preflight and account.refreshToken (README.md, Operations).
#include <memory>

#include "arguments.hpp"
#include "azscsp/auth/public_client_credential.hpp"
#include "azscsp/auth/token_claims.hpp"
#include "azscsp/errors.hpp"
#include "azscsp/services/csp_preflight.hpp"
#include "azscsp/services/tenant_resolver.hpp"
#include "client_state.hpp"
#include "operation_handlers.hpp"

namespace json = boost::json;

namespace azscsp::shim::_detail {
namespace {

std::shared_ptr<services::TenantResolver> ResolverFor(ClientState& client,
                                                      const util::Context& context) {
  return std::make_shared<services::TenantResolver>(client.PlainPipeline(),
                                                    client.Environment(context).authority_host);
}

}  // namespace

// Get-AzsDirectoryTenantIdentifier -Authority names any authority, signed in or not.
std::string ExplicitAuthority(const std::string& authority) {
  if (authority.rfind("https://", 0) != 0 || authority.size() <= 8) {
    throw InvalidArgumentError("The authority '" + authority +
                               "' is not valid: expected an https URL such as "
                               "https://login.microsoftonline.com/.");
  }
  return authority.back() == '/' ? authority : authority + "/";
}

void ResolveTenant(ClientState& client, const json::object& arguments, const Emit& emit,
                   const util::Context& context) {
  const auto authority = OptionalString(arguments, "authority");
  const auto resolver = authority && !authority->empty()
                            ? std::make_shared<services::TenantResolver>(
                                  client.PlainPipeline(), ExplicitAuthority(*authority))
                            : ResolverFor(client, context);
  const services::ResolvedTenant tenant =
      resolver->Resolve(RequiredString(arguments, "domain"), context);
  emit({{"domain", tenant.domain},
        {"tenantId", tenant.tenant_id},
        {"issuer", tenant.issuer},
        {"tokenEndpoint", tenant.token_endpoint}});
}

void RunCspPreflight(ClientState& client, const json::object& arguments, const Emit& emit,
                     const util::Context& context) {
  services::PreflightOptions options;
  options.registration = RegistrationFrom(arguments);
  options.api_version = ApiVersion(arguments);
  auto non_empty = [&](const char* name) {
    auto value = OptionalString(arguments, name);
    return value && !value->empty() ? value : std::nullopt;
  };
  options.customer_subscription_id = non_empty("customerSubscriptionId");
  options.customer_domain = non_empty("customerDomain");
  options.tenant_id = non_empty("tenantId");
  for (const auto& check : OptionalStringList(arguments, "checks")) options.checks.insert(check);
  services::CspPreflight preflight(client.Arm(context), ResolverFor(client, context));
  emit(preflight.Run(options, context).ToJson());
}

void GetRefreshToken(ClientState& client, const json::object&, const Emit& emit,
                     const util::Context& context) {
  auto user =
      std::dynamic_pointer_cast<auth::PublicClientCredential>(client.InnerCredential(context));
  if (!user) {
    throw ServiceError(
        ErrorKind::InvalidArgument,
        {0, "UserSignInRequired",
         "This needs a user sign-in (device code, refresh token or user name and password), not "
         "a " +
             client.Credentials().type +
             " credential: Set-AzsRegistration hands the user's "
             "refresh token to the stamp, which creates its Azure Bridge application with it. Sign "
             "in "
             "as a user, or use the disconnected path (registration token and activation key), "
             "which "
             "works with a service principal."});
  }
  // Signs in (or refreshes) first, so there is a refresh token and the newest one is returned.
  const auth::AccessToken token =
      client.Credential(context)->GetToken({client.Environment(context).arm_resource}, context);
  const std::string refresh_token = user->CurrentRefreshToken();
  if (refresh_token.empty())
    throw ServiceError(ErrorKind::Authentication,
                       {0, "NoRefreshToken",
                        "The sign-in did not return a refresh token; sign in again as a user."});
  const auto claims = auth::ReadTokenClaims(token.token);
  std::string account = user->Account();
  if (account.empty() && claims) account = claims->user_principal_name;
  const std::string tenant_id =
      claims && !claims->tenant_id.empty() ? claims->tenant_id : client.EffectiveTenantId(context);
  emit({{"refreshToken", refresh_token}, {"account", account}, {"tenantId", tenant_id}});
}

}  // namespace azscsp::shim::_detail
