#include "azscsp/auth/token_cache.hpp"

#include "azscsp/errors.hpp"

namespace azscsp::auth {

CachingCredential::CachingCredential(std::shared_ptr<TokenCredential> inner,
                                     std::string cache_key_prefix, util::Clock& clock,
                                     std::chrono::seconds refresh_margin)
    : inner_(std::move(inner)),
      prefix_(std::move(cache_key_prefix)),
      clock_(clock),
      margin_(refresh_margin) {}

bool CachingCredential::IsFresh(const AccessToken& token) const {
  const auto now = clock_.Now();
  if (token.refresh_on && now >= *token.refresh_on) return false;
  return now + margin_ < token.expires_on;
}

std::shared_ptr<CachingCredential::Entry> CachingCredential::EntryFor(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& entry = entries_[key];
  if (!entry) entry = std::make_shared<Entry>();
  return entry;
}

AccessToken CachingCredential::GetToken(const TokenRequest& request, const util::Context& context) {
  auto entry = EntryFor(prefix_ + "|" + request.resource);
  // Callers for the same key queue here, so only the first refreshes and the rest reuse it.
  std::lock_guard<std::mutex> refresh_lock(entry->refresh_mutex);
  if (entry->token && IsFresh(*entry->token)) return *entry->token;
  try {
    AccessToken fresh = inner_->GetToken(request, context);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++refresh_count_;
    }
    entry->token = fresh;
    return fresh;
  } catch (const CancelledError&) {
    throw;  // the caller asked to stop: do not carry on with the old token
  } catch (...) {
    // A proactive refresh that fails must not break a call while the old token is still valid.
    if (entry->token && clock_.Now() < entry->token->expires_on) return *entry->token;
    throw;
  }
}

void CachingCredential::Invalidate(const TokenRequest& request) {
  auto entry = EntryFor(prefix_ + "|" + request.resource);
  std::lock_guard<std::mutex> refresh_lock(entry->refresh_mutex);
  entry->token.reset();
  inner_->Invalidate(request);
}

int CachingCredential::RefreshCount() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return refresh_count_;
}

}  // namespace azscsp::auth
