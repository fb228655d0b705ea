// JSON requests to Azure Resource Manager: builds URLs with api-version, turns error answers into
// ServiceError (ARM envelope, x-ms-request-id, correlation id) and follows nextLink paging.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "azscsp/errors.hpp"
#include "azscsp/http/pipeline.hpp"

namespace azscsp::arm {

// Reads the ARM (or Graph) error envelope of a failed response.
ServiceError ParseServiceError(const http::Response& response);

// The JSON body of a successful response; ServiceError "InvalidResponse" when it is not JSON.
boost::json::value ReadBody(const http::Response& response);

class ArmClient {
 public:
  ArmClient(std::shared_ptr<const http::Pipeline> pipeline, std::string resource_manager_url);

  // `path` starts with '/', segments already percent-encoded (see util::PercentEncode).
  // Returns the response for 2xx; throws ServiceError otherwise.
  http::Response Send(http::Method method, const std::string& path, const std::string& api_version,
                      const std::optional<boost::json::value>& body,
                      const util::Context& context) const;

  // Calls `on_item` for each element of every page's "value", following "nextLink" to the end.
  // An empty body or 204 is an empty list. Stops early when `on_item` returns false.
  void ForEachInList(const std::string& path, const std::string& api_version,
                     const std::function<bool(const boost::json::value&)>& on_item,
                     const util::Context& context) const;

  // GET of a nextLink (absolute URL) the service returned; ServiceError "UntrustedNextLink" when it
  // points to another scheme, host or port than the resource manager URL.
  http::Response GetNextLink(const std::string& next_link, const util::Context& context) const;

  const std::string& ResourceManagerUrl() const { return base_url_; }

 private:
  http::Response SendUrl(http::Method method, const http::Url& url,
                         const std::optional<boost::json::value>& body,
                         const util::Context& context) const;

  std::shared_ptr<const http::Pipeline> pipeline_;
  std::string base_url_;  // no trailing '/'
  http::Url base_;
};

}  // namespace azscsp::arm
