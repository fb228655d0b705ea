#include "azscsp/partnercenter/partner_center_client.hpp"

#include <set>
#include <vector>

#include "azscsp/auth/token_claims.hpp"
#include "azscsp/partnercenter/partner_center_error.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/ids.hpp"
#include "azscsp/util/json.hpp"

namespace json = boost::json;

namespace azscsp::partnercenter {
namespace {

// The POSTs Partner Center de-duplicates by MS-RequestId (partner-center.md §5: the same request
// id within 15 minutes returns the first answer without a second effect): customers, carts,
// checkout, orders, agreements; and the address validation, which changes nothing. Only these
// may be sent again after the service may have acted on them (5xx, a lost connection). Others
// (PATCH subscriptions, POST azureEntitlements/{id}/cancel) are retried only when the service did
// not act (408, 429, 503), as any non-idempotent request.
bool DeduplicatedPost(const std::string& v1_target) {
  std::vector<std::string> segments;
  const std::string path = v1_target.substr(0, v1_target.find('?'));
  for (size_t start = 1; start <= path.size();) {
    const size_t slash = path.find('/', start);
    const size_t end = slash == std::string::npos ? path.size() : slash;
    if (end > start) segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  auto is = [&](size_t i, const char* name) {
    return i < segments.size() && util::EqualsIgnoreCase(segments[i], name);
  };
  if (!is(0, "v1")) return false;
  const size_t n = segments.size();
  if (n == 2) return is(1, "customers");
  if (n == 3) return is(1, "validations") && is(2, "address");
  if (n == 4 && is(1, "customers")) return is(3, "carts") || is(3, "orders") || is(3, "agreements");
  if (n == 6 && is(1, "customers")) return is(3, "carts") && is(5, "checkout");
  return false;
}

}  // namespace

PartnerCenterClient::PartnerCenterClient(std::shared_ptr<const http::Pipeline> pipeline,
                                         std::string base_url,
                                         std::shared_ptr<auth::TokenCredential> credential,
                                         std::string resource, std::string correlation_id,
                                         std::string domain_suffix)
    : pipeline_(std::move(pipeline)),
      base_url_(std::move(base_url)),
      credential_(std::move(credential)),
      resource_(std::move(resource)),
      correlation_id_(correlation_id.empty() ? util::NewGuid() : std::move(correlation_id)),
      domain_suffix_(domain_suffix.empty() ? std::string(".onmicrosoft.com")
                                           : std::move(domain_suffix)) {
  if (base_url_.empty() || base_url_.back() != '/') base_url_ += '/';
}

std::string PartnerCenterClient::V1Path(const std::string& path) {
  std::string result = path;
  if (result.empty() || result.front() != '/') result.insert(result.begin(), '/');
  // The SDK prepends /v1 when the path does not start with it (partner-center.md §1).
  if (!(util::StartsWithIgnoreCase(result, "/v1/") || util::EqualsIgnoreCase(result, "/v1") ||
        util::StartsWithIgnoreCase(result, "/v1?")))
    result = "/v1" + result;
  return result;
}

auth::AccessToken PartnerCenterClient::Token(const util::Context& context) const {
  return credential_->GetToken({resource_}, context);
}

bool PartnerCenterClient::IsAppOnly(const util::Context& context) const {
  if (!credential_) return false;
  const auto claims = auth::ReadTokenClaims(Token(context).token);
  return claims && claims->IsAppOnly();
}

void PartnerCenterClient::RequireAppUser(const std::string& operation,
                                         const util::Context& context) const {
  if (IsAppOnly(context)) throw AppUserRequiredError(operation);
}

http::Response PartnerCenterClient::SendTarget(http::Method method, const std::string& target,
                                               const std::optional<json::value>& body,
                                               const util::Context& context,
                                               const CallOptions& options) const {
  if (options.app_user_required) RequireAppUser(options.operation, context);
  std::string base = base_url_;
  base.pop_back();
  http::Request request;
  request.method = method;
  request.url = http::Url::Parse(base + V1Path(target));
  request.headers["Accept"] = "application/json";
  request.headers["MS-RequestId"] = util::NewGuid();  // the same across this call's retries
  request.headers["MS-CorrelationId"] = correlation_id_;
  request.headers["X-Locale"] = "en-US";
  request.headers["MS-Contract-Version"] = "v1";
  for (const auto& [name, value] : options.headers) request.headers[name] = value;
  if (body) {
    request.headers["Content-Type"] = "application/json";
    request.body = json::serialize(*body);
  } else if (method == http::Method::Post || method == http::Method::Patch ||
             method == http::Method::Put) {
    request.headers["Content-Length"] = "0";
  }
  // MS-RequestId makes a repeated POST of these return the first answer: safe to retry.
  request.idempotent = method == http::Method::Post && DeduplicatedPost(request.url.target);
  http::Response response = pipeline_->Send(request, context);
  if (response.status >= 200 && response.status < 300) return response;
  ServiceError error = ParsePartnerCenterError(response);
  if (options.app_user_required && (response.status == 401 || response.status == 403) &&
      (error.Details().code == "2032" || IsAppOnly(context)))
    throw AppUserRequiredError(options.operation);
  throw error;
}

http::Response PartnerCenterClient::Send(http::Method method, const std::string& path,
                                         const std::optional<json::value>& body,
                                         const util::Context& context,
                                         const CallOptions& options) const {
  return SendTarget(method, path, body, context, options);
}

json::value PartnerCenterClient::SendJson(http::Method method, const std::string& path,
                                          const std::optional<json::value>& body,
                                          const util::Context& context,
                                          const CallOptions& options) const {
  const http::Response response = Send(method, path, body, context, options);
  if (response.body.empty() || response.status == 204) return nullptr;
  boost::system::error_code ec;
  json::value value = json::parse(response.body, ec);
  if (ec)
    throw ServiceError(ErrorKind::Service, {response.status, "InvalidResponse",
                                            "Partner Center answered " + options.operation +
                                                " with a body that is not JSON."});
  return value;
}

void PartnerCenterClient::ForEach(const std::string& path,
                                  const std::function<bool(const json::value&)>& on_item,
                                  const util::Context& context, const CallOptions& options) const {
  std::string target = path;
  CallOptions page_options = options;
  std::set<std::string> followed;
  const std::string what = options.operation.empty() ? "GET " + path : options.operation;
  for (int pages = 1;; ++pages) {
    const json::value page =
        SendJson(http::Method::Get, target, std::nullopt, context, page_options);
    if (!page.is_object()) return;
    size_t item_count = 0;
    if (const json::value* items = util::FindKeyIgnoreCase(page.as_object(), "items");
        items && items->is_array()) {
      item_count = items->as_array().size();
      for (const auto& item : items->as_array())
        if (!on_item(item)) return;
    }
    const json::value* links = util::FindKeyIgnoreCase(page.as_object(), "links");
    const json::value* next =
        links && links->is_object() ? util::FindKeyIgnoreCase(links->as_object(), "next") : nullptr;
    if (next == nullptr || !next->is_object()) return;
    const std::string uri = util::GetString(*next, "uri");
    if (uri.empty()) return;
    page_options = options;
    std::string key = uri;
    if (const json::value* headers = util::FindKeyIgnoreCase(next->as_object(), "headers");
        headers && headers->is_array())
      for (const auto& header : headers->as_array()) {
        const std::string name = util::GetString(header, "key");
        if (name.empty()) continue;
        const std::string value = util::GetString(header, "value");
        page_options.headers.emplace_back(name, value);
        key += "\n" + name + ": " + value;
      }
    if (!followed.insert(key).second)
      throw ServiceError(ErrorKind::Service,
                         {200, "RepeatedNextLink",
                          "Partner Center returned the same next link and continuation token "
                          "twice; stopping the list there."});
    // Only a path: an absolute link to another host would get the token.
    if (util::StartsWithIgnoreCase(uri, "http://") || util::StartsWithIgnoreCase(uri, "https://")) {
      const http::Url link = http::Url::Parse(uri);
      const http::Url base = http::Url::Parse(base_url_);
      if (!util::EqualsIgnoreCase(link.host, base.host) || link.port != base.port ||
          link.scheme != base.scheme)
        throw ServiceError(ErrorKind::Service,
                           {200, "UntrustedNextLink",
                            "Partner Center returned a next link to another host ('" + link.host +
                                "'); refusing to send the access token there."});
      target = link.target;
    } else {
      target = uri;
    }
    // A page without items that still points further, or more pages than any list has: the
    // service is looping (new tokens each time, so the repeated-link guard cannot see it).
    if (item_count == 0)
      throw ServiceError(
          ErrorKind::Service,
          {200, "PagingLoop",
           "Partner Center returned an empty page that still has a next link (page " +
               std::to_string(pages) + " of " + what + "); stopping the list there."});
    if (pages >= kMaxPages)
      throw ServiceError(ErrorKind::Service,
                         {200, "PagingLoop",
                          "Partner Center returned more than " + std::to_string(kMaxPages) +
                              " pages for " + what + "; stopping the list there."});
  }
}

}  // namespace azscsp::partnercenter
