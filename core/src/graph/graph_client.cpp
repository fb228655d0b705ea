#include "azscsp/graph/graph_client.hpp"

#include <set>

#include "azscsp/arm/arm_client.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/url_encode.hpp"

namespace json = boost::json;

namespace azscsp::graph {

std::string ODataString(const std::string& value) {
  std::string literal = "'";
  for (char c : value) {
    literal += c;
    if (c == '\'') literal += '\'';
  }
  return literal + "'";
}

std::string WithFilter(const std::string& path, const std::string& filter) {
  return path + (path.find('?') == std::string::npos ? "?" : "&") +
         "$filter=" + util::PercentEncode(filter);
}

GraphClient::GraphClient(std::shared_ptr<const http::Pipeline> pipeline, std::string graph_url)
    : pipeline_(std::move(pipeline)), base_url_(std::move(graph_url)) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
  base_url_ += "/v1.0";
  base_ = http::Url::Parse(base_url_ + "/");
}

http::Response GraphClient::SendUrl(http::Method method, const http::Url& url,
                                    const std::optional<json::value>& body,
                                    const util::Context& context) const {
  http::Request request;
  request.method = method;
  request.url = url;
  request.headers["Accept"] = "application/json";
  if (body) {
    request.headers["Content-Type"] = "application/json";
    request.body = json::serialize(*body);
  } else if (method == http::Method::Post || method == http::Method::Patch ||
             method == http::Method::Put) {
    request.headers["Content-Length"] = "0";
  }
  http::Response response = pipeline_->Send(request, context);
  // The Graph envelope is {"error":{code,message,innerError:{request-id}}}, which the ARM parser
  // reads too.
  if (response.status < 200 || response.status >= 300) throw arm::ParseServiceError(response);
  return response;
}

http::Response GraphClient::Send(http::Method method, const std::string& path,
                                 const std::optional<json::value>& body,
                                 const util::Context& context) const {
  return SendUrl(method, http::Url::Parse(base_url_ + path), body, context);
}

json::value GraphClient::SendJson(http::Method method, const std::string& path,
                                  const std::optional<json::value>& body,
                                  const util::Context& context) const {
  const http::Response response = Send(method, path, body, context);
  if (response.status == 204 || response.body.empty()) return nullptr;
  return arm::ReadBody(response);
}

void GraphClient::ForEach(const std::string& path,
                          const std::function<bool(const json::value&)>& on_item,
                          const util::Context& context) const {
  http::Response page = Send(http::Method::Get, path, std::nullopt, context);
  std::set<std::string> links_followed;
  for (;;) {
    if (page.status == 204 || page.body.empty()) return;
    const json::value body = arm::ReadBody(page);
    if (body.is_object())
      if (const json::value* value = body.as_object().if_contains("value");
          value && value->is_array())
        for (const auto& item : value->as_array())
          if (!on_item(item)) return;
    const std::string next_link = util::GetString(body, "@odata.nextLink");
    if (next_link.empty()) return;
    if (!links_followed.insert(next_link).second)
      throw ServiceError(ErrorKind::Service,
                         {page.status, "RepeatedNextLink",
                          "Microsoft Graph returned the same @odata.nextLink twice; stopping "
                          "the list there."});
    const http::Url next = http::Url::Parse(next_link);
    // The Graph token must only go to the Graph endpoint.
    if (next.scheme != base_.scheme || !util::EqualsIgnoreCase(next.host, base_.host) ||
        next.port != base_.port)
      throw ServiceError(ErrorKind::Service,
                         {page.status, "UntrustedNextLink",
                          "Microsoft Graph returned an @odata.nextLink to another host ('" +
                              next.host + "'); refusing to send the access token there."});
    page = SendUrl(http::Method::Get, next, std::nullopt, context);
  }
}

}  // namespace azscsp::graph
