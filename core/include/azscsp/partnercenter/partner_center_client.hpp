// JSON requests to the Partner Center REST API (partner-center.md §1-§6): relative paths under
// /v1, the headers it expects, its three error shapes, seek paging through links.next and the
// app+user check of the operations that refuse app-only tokens.
//
// One client per logical operation: it carries one MS-CorrelationId for every call it makes.
// Every call gets a new MS-RequestId that stays the same across the pipeline's retries, so the
// service can recognise a repeated POST (idempotency).
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "azscsp/auth/token_credential.hpp"
#include "azscsp/http/pipeline.hpp"

namespace azscsp::partnercenter {

struct CallOptions {
  // The operation needs an app+user token (agreements, subscription provisioning status): an
  // app-only token fails before sending with PartnerCenterAppUserRequired, and the service's own
  // 401/403 refusal of such a token maps to the same code.
  bool app_user_required = false;
  std::string operation;  // for messages: "GET customers/{id}/agreements"
  // Extra request headers (MS-ContinuationToken, If-Match).
  std::vector<std::pair<std::string, std::string>> headers;
};

class PartnerCenterClient {
 public:
  // `pipeline` authenticates for `resource` (its bearer policy); `credential` is the same one,
  // used only to read the token's claims for the app+user check. `base_url` like
  // "https://api.partnercenter.microsoft.com/". `correlation_id` empty: a new GUID.
  // `domain_suffix`: the cloud's initial domain suffix for new customers (empty:
  // ".onmicrosoft.com"; cloud::PartnerCenterDomainSuffix).
  PartnerCenterClient(std::shared_ptr<const http::Pipeline> pipeline, std::string base_url,
                      std::shared_ptr<auth::TokenCredential> credential, std::string resource,
                      std::string correlation_id = {}, std::string domain_suffix = {});

  // `path` relative to /v1 ("customers/{id}"; a leading '/' and "/v1" are accepted), segments and
  // query already encoded. Returns the response for 2xx; throws ServiceError otherwise.
  http::Response Send(http::Method method, const std::string& path,
                      const std::optional<boost::json::value>& body, const util::Context& context,
                      const CallOptions& options = {}) const;
  // Send and read the JSON body (null for an empty body, such as 202/204).
  boost::json::value SendJson(http::Method method, const std::string& path,
                              const std::optional<boost::json::value>& body,
                              const util::Context& context, const CallOptions& options = {}) const;

  // Calls `on_item` for each element of "items" of every page, following links.next (its uri,
  // with or without /v1, and its headers such as MS-ContinuationToken) until a page has none.
  // The same next link and token twice: ServiceError "RepeatedNextLink"; a link to another host:
  // "UntrustedNextLink"; a page without items that has a next link, or more than kMaxPages
  // pages: "PagingLoop". Stops early when `on_item` returns false.
  void ForEach(const std::string& path,
               const std::function<bool(const boost::json::value&)>& on_item,
               const util::Context& context, const CallOptions& options = {}) const;

  static constexpr int kMaxPages = 10000;

  // Throws PartnerCenterAppUserRequired when the token is a JWT without delegated scopes.
  void RequireAppUser(const std::string& operation, const util::Context& context) const;
  // True when the token is a JWT without delegated scopes (an opaque token counts as app+user).
  bool IsAppOnly(const util::Context& context) const;
  // The token (for partnerCenter.connect), obtained through the credential's cache.
  auth::AccessToken Token(const util::Context& context) const;

  const std::string& BaseUrl() const { return base_url_; }  // ends in '/'
  const std::string& CorrelationId() const { return correlation_id_; }
  // ".onmicrosoft.com", or ".partner.onmschina.cn" in AzureChinaCloud.
  const std::string& DomainSuffix() const { return domain_suffix_; }

  // "/v1/..." for a link or path as Partner Center writes it ("/customers?x", "v1/customers").
  static std::string V1Path(const std::string& path);

 private:
  http::Response SendTarget(http::Method method, const std::string& target,
                            const std::optional<boost::json::value>& body,
                            const util::Context& context, const CallOptions& options) const;

  std::shared_ptr<const http::Pipeline> pipeline_;
  std::string base_url_;
  std::shared_ptr<auth::TokenCredential> credential_;
  std::string resource_;
  std::string correlation_id_;
  std::string domain_suffix_;
};

}  // namespace azscsp::partnercenter
