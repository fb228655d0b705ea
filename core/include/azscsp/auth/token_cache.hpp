// Caches the tokens of any credential. Keyed by (authority, tenant, client, resource) through the
// wrapped credential's identity; refreshes `margin` before expiry or at refresh_in; concurrent
// callers for one key wait for a single refresh. Thread-safe. Tokens live in memory only.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "azscsp/auth/token_credential.hpp"
#include "azscsp/util/clock.hpp"

namespace azscsp::auth {

class CachingCredential final : public TokenCredential {
 public:
  CachingCredential(std::shared_ptr<TokenCredential> inner, std::string cache_key_prefix,
                    util::Clock& clock,
                    std::chrono::seconds refresh_margin = std::chrono::minutes(5));

  AccessToken GetToken(const TokenRequest& request, const util::Context& context) override;
  void Invalidate(const TokenRequest& request) override;
  std::string Description() const override { return inner_->Description(); }

  // How many times the inner credential was asked (for tests of caching).
  int RefreshCount() const;

 private:
  struct Entry {
    std::mutex refresh_mutex;  // one refresh per key at a time
    std::optional<AccessToken> token;
  };
  bool IsFresh(const AccessToken& token) const;
  std::shared_ptr<Entry> EntryFor(const std::string& key);

  std::shared_ptr<TokenCredential> inner_;
  std::string prefix_;
  util::Clock& clock_;
  std::chrono::seconds margin_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Entry>> entries_;
  int refresh_count_ = 0;
};

}  // namespace azscsp::auth
