// JSON requests to Microsoft Graph v1.0 (api.md §7): error envelope into ServiceError (request id
// from innerError), @odata.nextLink paging, and OData string literals for $filter.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "azscsp/errors.hpp"
#include "azscsp/http/pipeline.hpp"

namespace azscsp::graph {

// An OData string literal: quoted, single quotes doubled ("O'Neil" -> 'O''Neil'). Every value put
// into a $filter goes through this.
std::string ODataString(const std::string& value);

// `path` with "$filter=" + the percent-encoded filter, e.g.
// WithFilter("/servicePrincipals", "appId eq " + ODataString(app_id)).
std::string WithFilter(const std::string& path, const std::string& filter);

class GraphClient {
 public:
  // `pipeline` carries a bearer token for the Graph resource; `graph_url` like
  // "https://graph.microsoft.com/" (cloud::MicrosoftGraphUrl).
  GraphClient(std::shared_ptr<const http::Pipeline> pipeline, std::string graph_url);

  // `path` is relative to /v1.0 and starts with '/', segments and query already encoded.
  // Returns the response for 2xx; throws ServiceError otherwise (Graph error code, message,
  // innerError request-id).
  http::Response Send(http::Method method, const std::string& path,
                      const std::optional<boost::json::value>& body,
                      const util::Context& context) const;
  // Send and read the JSON body (null for an empty body, such as 204).
  boost::json::value SendJson(http::Method method, const std::string& path,
                              const std::optional<boost::json::value>& body,
                              const util::Context& context) const;

  // Calls `on_item` for each element of "value" of every page, following @odata.nextLink verbatim
  // (same host only, never the same link twice). Stops early when `on_item` returns false.
  void ForEach(const std::string& path,
               const std::function<bool(const boost::json::value&)>& on_item,
               const util::Context& context) const;

  const std::string& BaseUrl() const { return base_url_; }  // ".../v1.0", no trailing '/'

 private:
  http::Response SendUrl(http::Method method, const http::Url& url,
                         const std::optional<boost::json::value>& body,
                         const util::Context& context) const;

  std::shared_ptr<const http::Pipeline> pipeline_;
  std::string base_url_;
  http::Url base_;
};

}  // namespace azscsp::graph
