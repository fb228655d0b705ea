#include "metadata.hpp"

#include <boost/json.hpp>

#include "arm/api_versions.hpp"
#include "http/responses.hpp"
#include "identity/identity_state.hpp"
#include "service_context.hpp"
#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {

std::optional<HttpResponse> HandleMetadata(ServiceContext& context, const HttpRequest& request,
                                           const RequestInfo& info) {
  const auto& s = info.target.segments;
  if (s.size() != 2 || !IEquals(s[0], "metadata") ||
      (!IEquals(s[1], "endpoints") && !IEquals(s[1], "identity"))) {
    return std::nullopt;
  }
  bool identity = IEquals(s[1], "identity");
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
  bool adfs = IsAdfsProfile(context.options);
  if (identity) {  // the stamp ARM application (auth.md §1)
    return JsonResponse(
        200, json::object{{"applicationId", adfs ? kAdfsArmApplicationId : kAadArmApplicationId},
                          {"audience", adfs ? kAdfsAudience : kAadAudience},
                          {"loginEndpoint", base + (adfs ? "/adfs/" : "/")},
                          {"identitySystem", adfs ? "adfs" : "azure_ad"}});
  }
  return JsonResponse(
      200, json::object{{"galleryEndpoint", base + "/gallery/"},
                        {"graphEndpoint", base + "/graph/"},
                        {"portalEndpoint", base + "/portal/"},
                        {"authentication",
                         {{"loginEndpoint", base + (adfs ? "/adfs/" : "/")},
                          {"audiences", json::array{adfs ? kAdfsAudience : kAadAudience}}}}});
}

}  // namespace azscsp::emulator
