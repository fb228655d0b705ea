#include "metadata.hpp"

#include <boost/json.hpp>

#include "arm/api_versions.hpp"
#include "http/responses.hpp"
#include "service_context.hpp"
#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {

std::optional<HttpResponse> HandleMetadata(ServiceContext& context, const HttpRequest& request,
                                           const RequestInfo& info) {
  const auto& s = info.target.segments;
  if (s.size() != 2 || !IEquals(s[0], "metadata") || !IEquals(s[1], "endpoints")) {
    return std::nullopt;
  }
  if (request.method != "GET") {
    return ArmError(
        405, "MethodNotAllowed",
        "The requested resource does not support http method '" + request.method + "'.");
  }
  const std::string* version = info.target.Query("api-version");
  if (!version || version->empty()) return MissingApiVersion();
  if (*version != "2015-01-01" && *version != "1.0") {
    return ArmError(
        400, "NoRegisteredProviderFound",
        "No registered resource provider found for location 'global' and API version '" + *version +
            "' for type 'metadata'. The supported api-versions are '2015-01-01, 1.0'. "
            "The supported locations are 'global'.");
  }
  const std::string& base = context.base_url;
  return JsonResponse(
      200, json::object{{"galleryEndpoint", base + "/gallery/"},
                        {"graphEndpoint", base + "/graph/"},
                        {"portalEndpoint", base + "/portal/"},
                        {"authentication",
                         {{"loginEndpoint", base + "/"},
                          {"audiences", json::array{"https://management.core.windows.net/"}}}}});
}

}  // namespace azscsp::emulator
