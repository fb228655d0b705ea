#include "azscsp/arm/arm_client.hpp"

#include <set>

#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/url_encode.hpp"

namespace json = boost::json;

namespace azscsp::arm {

json::value ReadBody(const http::Response& response) {
  try {
    return util::ParseJson(response.body, "The service's answer");
  } catch (const InvalidArgumentError& error) {
    throw ServiceError(ErrorKind::Service, {response.status, "InvalidResponse", error.what()});
  }
}

ArmClient::ArmClient(std::shared_ptr<const http::Pipeline> pipeline,
                     std::string resource_manager_url)
    : pipeline_(std::move(pipeline)), base_url_(std::move(resource_manager_url)) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
  base_ = http::Url::Parse(base_url_ + "/");
}

http::Response ArmClient::SendUrl(http::Method method, const http::Url& url,
                                  const std::optional<json::value>& body,
                                  const util::Context& context) const {
  http::Request request;
  request.method = method;
  request.url = url;
  request.headers["Accept"] = "application/json";
  if (body) {
    request.headers["Content-Type"] = "application/json; charset=utf-8";
    request.body = json::serialize(*body);
  } else if (method == http::Method::Put || method == http::Method::Post ||
             method == http::Method::Patch) {
    request.headers["Content-Length"] = "0";
  }
  http::Response response = pipeline_->Send(request, context);
  if (response.status < 200 || response.status >= 300) throw ParseServiceError(response);
  return response;
}

http::Response ArmClient::Send(http::Method method, const std::string& path,
                               const std::string& api_version,
                               const std::optional<json::value>& body,
                               const util::Context& context) const {
  const std::string separator = path.find('?') == std::string::npos ? "?" : "&";
  const http::Url url = http::Url::Parse(base_url_ + path + separator +
                                         "api-version=" + util::PercentEncode(api_version));
  return SendUrl(method, url, body, context);
}

void ArmClient::ForEachInList(const std::string& path, const std::string& api_version,
                              const std::function<bool(const json::value&)>& on_item,
                              const util::Context& context) const {
  http::Response page = Send(http::Method::Get, path, api_version, std::nullopt, context);
  std::set<std::string> links_followed;
  for (;;) {
    if (page.status == 204 || page.body.empty()) return;  // docs: "you won't receive a response"
    const json::value body = ReadBody(page);
    if (body.is_object()) {
      if (const json::value* value = body.as_object().if_contains("value");
          value && value->is_array()) {
        for (const auto& item : value->as_array())
          if (!on_item(item)) return;
      }
    }
    std::string next_link = util::GetString(body, "nextLink");
    if (next_link.empty()) next_link = util::GetString(body, "@odata.nextLink");
    if (next_link.empty()) return;
    // A service that hands out the same link twice would otherwise keep us paging forever.
    if (!links_followed.insert(next_link).second) {
      throw ServiceError(
          ErrorKind::Service,
          {page.status, "RepeatedNextLink",
           "The service returned the same nextLink twice; stopping the list there."});
    }
    page = GetNextLink(next_link, context);
  }
}

http::Response ArmClient::GetNextLink(const std::string& next_link,
                                      const util::Context& context) const {
  http::Url next = http::Url::Parse(next_link);
  // The bearer token must only ever go to the endpoint the user chose.
  if (next.scheme != base_.scheme || !util::EqualsIgnoreCase(next.host, base_.host) ||
      next.port != base_.port) {
    throw ServiceError(ErrorKind::Service,
                       {200, "UntrustedNextLink",
                        "The service returned a nextLink to another host ('" + next.host +
                            "'); refusing to send the access token there."});
  }
  return SendUrl(http::Method::Get, next, std::nullopt, context);
}

}  // namespace azscsp::arm
