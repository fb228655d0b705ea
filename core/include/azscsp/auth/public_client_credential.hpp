// Common part of the user sign-ins (device code, user name/password, refresh token): a public
// client that keeps the newest refresh token it was given (rotation) and serves any later
// GetToken, for any resource, through the refresh-token grant (v1 refresh tokens are
// multi-resource; v2 asks for "{resource}/.default offline_access"). With a PersistentTokenStore
// the refresh token is also kept on disk under "authority|tenant|client|account".
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "azscsp/auth/authority.hpp"
#include "azscsp/auth/persistent_token_store.hpp"
#include "azscsp/auth/token_credential.hpp"
#include "azscsp/http/pipeline.hpp"
#include "azscsp/util/clock.hpp"

namespace azscsp::auth {

// The Azure PowerShell client: the default client ID of user sign-ins (auth.md §13).
inline constexpr const char* kAzurePowerShellClientId = "1950a258-227b-4e31-a9cf-717495945fc2";

// What a token endpoint gave back: the access token and, for user sign-ins, a refresh token.
struct TokenGrant {
  AccessToken access;
  std::string refresh_token;  // empty when none was issued
  std::string id_token;       // empty when none was issued
};

struct PublicClientOptions {
  std::string client_id = kAzurePowerShellClientId;  // empty also means the default
  TokenVersion version = TokenVersion::V2;           // AD FS always uses v1
  std::shared_ptr<PersistentTokenStore> store;       // optional
  // A confidential client's secret (Partner Center's "-ApplicationId -RefreshToken -Credential"):
  // sent as client_secret on the refresh-token grant; empty for a public client. Never logged.
  std::string client_secret;
};

class PublicClientCredential : public TokenCredential {
 public:
  ~PublicClientCredential() override;
  AccessToken GetToken(const TokenRequest& request, const util::Context& context) final;

  // The signed-in user (upn) once known, else empty.
  std::string Account() const;
  const std::string& ClientId() const { return client_id_; }
  // The newest refresh token (empty before the first sign-in). For handing to a caller that needs
  // the user's sign-in itself (Set-AzsRegistration passes it to the stamp); never log it.
  std::string CurrentRefreshToken() const;

 protected:
  PublicClientCredential(Authority authority, PublicClientOptions options,
                         std::shared_ptr<const http::Pipeline> pipeline, util::Clock& clock);

  // A full sign-in for `request`, when there is no usable refresh token.
  virtual TokenGrant SignIn(const TokenRequest& request, const util::Context& context) = 0;
  // Whether SignIn can replace a refresh token the authority refused (false: the refusal is final).
  virtual bool CanSignIn() const { return true; }
  // The account whose saved refresh token may be used before signing in ("" = the newest one).
  virtual std::string KnownAccount() const { return {}; }
  // Whether to look in the store at all before the first sign-in.
  virtual bool UsesStoredSignIn() const { return true; }

  // "&scope=…" (v2, with offline_access and `extra_scopes`) or "&resource=…" (v1 and AD FS).
  std::string ResourceParams(const std::string& resource, const std::string& extra_scopes) const;
  TokenGrant Redeem(std::string form, const util::Context& context);
  void SetRefreshToken(std::string refresh_token);

  Authority authority_;
  std::string client_id_;
  TokenVersion version_;
  std::shared_ptr<const http::Pipeline> pipeline_;
  util::Clock& clock_;

 private:
  void Accept(const TokenGrant& grant, const util::Context& context);

  std::shared_ptr<PersistentTokenStore> store_;
  std::string client_secret_;  // empty: public client
  mutable std::mutex mutex_;   // one sign-in or refresh at a time
  std::string refresh_token_;
  mutable std::mutex account_mutex_;  // account_ alone: Description() runs under mutex_
  std::string account_;
  std::string store_key_;  // where the current refresh token came from or was saved
  bool store_checked_ = false;
};

}  // namespace azscsp::auth
