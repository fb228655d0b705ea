#include "azscsp/auth/public_client_credential.hpp"

#include "auth/token_response.hpp"
#include "azscsp/auth/token_claims.hpp"
#include "azscsp/errors.hpp"
#include "azscsp/util/log.hpp"

namespace azscsp::auth {
namespace {

// Refusals that a new sign-in can fix (an expired, revoked or unusable refresh token).
bool NeedsNewSignIn(const ServiceError& error) {
  const std::string& code = error.Details().code;
  return error.Kind() == ErrorKind::Authentication &&
         (code == "invalid_grant" || code == "interaction_required");
}

std::string AccountOf(const TokenGrant& grant) {
  for (const std::string* token : {&grant.access.token, &grant.id_token}) {
    if (auto claims = ReadTokenClaims(*token); claims && !claims->user_principal_name.empty())
      return claims->user_principal_name;
  }
  return {};
}

}  // namespace

PublicClientCredential::PublicClientCredential(Authority authority, PublicClientOptions options,
                                               std::shared_ptr<const http::Pipeline> pipeline,
                                               util::Clock& clock)
    : authority_(std::move(authority)),
      client_id_(options.client_id.empty() ? kAzurePowerShellClientId : options.client_id),
      version_(authority_.IsAdfs() ? TokenVersion::V1 : options.version),
      pipeline_(std::move(pipeline)),
      clock_(clock),
      store_(std::move(options.store)),
      client_secret_(std::move(options.client_secret)) {}

PublicClientCredential::~PublicClientCredential() {
  _detail::Wipe(refresh_token_);
  _detail::Wipe(client_secret_);
}

std::string PublicClientCredential::Account() const {
  std::lock_guard<std::mutex> lock(account_mutex_);
  return account_;
}

std::string PublicClientCredential::CurrentRefreshToken() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return refresh_token_;
}

void PublicClientCredential::SetRefreshToken(std::string refresh_token) {
  std::lock_guard<std::mutex> lock(mutex_);
  _detail::Wipe(refresh_token_);
  refresh_token_ = std::move(refresh_token);
}

std::string PublicClientCredential::ResourceParams(const std::string& resource,
                                                   const std::string& extra_scopes) const {
  if (version_ == TokenVersion::V1) return _detail::FormParam("resource", resource);
  std::string scope = _detail::V2Scope(resource) + " offline_access";
  if (!extra_scopes.empty()) scope += " " + extra_scopes;
  return _detail::FormParam("scope", scope);
}

TokenGrant PublicClientCredential::Redeem(std::string form, const util::Context& context) {
  return _detail::RedeemGrant(*pipeline_, authority_.TokenEndpoint(version_), std::move(form),
                              Description(), clock_, context);
}

void PublicClientCredential::Accept(const TokenGrant& grant, const util::Context& context) {
  // Caller holds mutex_. Rotation: the newest refresh token always replaces the previous one.
  if (!grant.refresh_token.empty()) {
    _detail::Wipe(refresh_token_);
    refresh_token_ = grant.refresh_token;
  }
  if (std::string account = AccountOf(grant); !account.empty()) {
    std::lock_guard<std::mutex> account_lock(account_mutex_);
    account_ = std::move(account);
  }
  if (!store_ || grant.refresh_token.empty()) return;
  const std::string account = Account();
  const std::string key = PersistentTokenStore::Key(authority_.Key(), client_id_,
                                                    account.empty() ? KnownAccount() : account);
  try {
    if (!store_key_.empty() && store_key_ != key) store_->Remove(store_key_);
    store_->Put(key, grant.refresh_token);
    store_key_ = key;
  } catch (const Error& error) {
    // Saving is a convenience: the sign-in itself worked.
    util::Log(context, util::LogLevel::Warning,
              std::string("The sign-in could not be saved: ") + error.what());
  }
}

AccessToken PublicClientCredential::GetToken(const TokenRequest& request,
                                             const util::Context& context) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (refresh_token_.empty() && store_ && !store_checked_ && UsesStoredSignIn()) {
    store_checked_ = true;
    const std::string prefix = PersistentTokenStore::Key(authority_.Key(), client_id_, "");
    std::optional<std::pair<std::string, std::string>> saved;
    if (const std::string account = KnownAccount(); !account.empty()) {
      if (auto token = store_->Find(prefix + account))
        saved = std::make_pair(prefix + account, *token);
    } else {
      saved = store_->FindNewest(prefix);
    }
    if (saved) {
      store_key_ = saved->first;
      refresh_token_ = saved->second;
      const std::string account = saved->first.substr(prefix.size());
      {
        std::lock_guard<std::mutex> account_lock(account_mutex_);
        account_ = account;
      }
      util::Log(context, util::LogLevel::Verbose,
                "Using the saved sign-in of '" + account + "' from the token cache file.");
    }
  }
  if (!refresh_token_.empty()) {
    try {
      TokenGrant grant = Redeem(
          _detail::FormParam("grant_type", "refresh_token") +
              _detail::FormParam("client_id", client_id_) +
              _detail::FormParam("refresh_token", refresh_token_) +
              (client_secret_.empty() ? std::string()
                                      : _detail::FormParam("client_secret", client_secret_)) +
              ResourceParams(request.resource, {}),
          context);
      Accept(grant, context);
      return grant.access;
    } catch (const ServiceError& error) {
      if (!CanSignIn() || !NeedsNewSignIn(error)) throw;
      util::Log(context, util::LogLevel::Verbose,
                std::string("The saved sign-in can no longer be used (") + error.Details().code +
                    "); signing in again.");
      _detail::Wipe(refresh_token_);
      if (store_ && !store_key_.empty()) {
        try {
          store_->Remove(store_key_);
        } catch (const Error&) {
        }
        store_key_.clear();
      }
    }
  }
  TokenGrant grant = SignIn(request, context);
  Accept(grant, context);
  return grant.access;
}

}  // namespace azscsp::auth
