#include "arm/arm_helpers.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <vector>

#include "http/responses.hpp"
#include "service_context.hpp"
#include "util/base64.hpp"
#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {

std::variant<json::object, HttpResponse> ParseObjectBody(const HttpRequest& request) {
  if (Trim(request.body).empty()) return json::object{};
  boost::system::error_code ec;
  json::value value = json::parse(request.body, ec);
  if (ec || !value.is_object()) {
    return ArmError(400, "InvalidRequestContent",
                    "The request content was invalid and could not be deserialized: '" +
                        (ec ? ec.message() : std::string("expected a JSON object")) + "'.");
  }
  return std::move(value.get_object());
}

namespace {

std::string LowerId(const json::value& item) {
  std::string id = item.is_object() ? StringMember(item.as_object(), "id") : std::string();
  std::transform(id.begin(), id.end(), id.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return id;
}

}  // namespace

std::variant<json::object, HttpResponse> Page(const ArmCall& call, const json::array& items) {
  // Like ARM, the token names where the next page starts (the last id returned), not an offset,
  // so deleting items while a client pages through the list skips none of the rest.
  std::vector<std::pair<std::string, const json::value*>> sorted;
  sorted.reserve(items.size());
  for (const auto& item : items) sorted.emplace_back(LowerId(item), &item);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });

  auto first = sorted.begin();
  if (const std::string* token = call.info.target.Query("$skipToken")) {
    std::optional<std::string> decoded = Base64Decode(*token);
    if (!decoded || !IStartsWith(*decoded, "after:")) {
      return ArmError(400, "InvalidSkipToken", "The skip token '" + *token + "' is invalid.");
    }
    const std::string after = decoded->substr(6);
    first = std::upper_bound(
        sorted.begin(), sorted.end(), after,
        [](const std::string& key, const auto& entry) { return key < entry.first; });
  }
  const size_t page_size = static_cast<size_t>(std::max(1, call.context.options.page_size));
  json::array page;
  auto it = first;
  for (; it != sorted.end() && page.size() < page_size; ++it) page.push_back(*it->second);
  json::object body{{"value", std::move(page)}};
  if (it != sorted.end()) {
    std::string token = Base64UrlEncode("after:" + std::prev(it)->first);
    const std::string& base =
        call.info.base_url.empty() ? call.context.base_url : call.info.base_url;
    body["nextLink"] = base + call.info.target.EncodedPath() +
                       "?api-version=" + PercentEncode(call.api_version) + "&$skipToken=" + token;
  }
  return body;
}

std::variant<Registration*, HttpResponse> ParentRegistration(ArmCall& call) {
  Registration* r = call.world.FindRegistration(call.Param(0), call.Param(1), call.Param(2));
  if (r) return r;
  return ArmError(404, "ResourceNotFound",
                  "The Resource 'Microsoft.AzureStack/registrations/" + call.Param(2) +
                      "' under resource group '" + call.Param(1) +
                      "' was not found. For more details please go to "
                      "https://aka.ms/ARMResourceNotFoundFix");
}

std::string RegistrationId(const Registration& r) {
  return "/subscriptions/" + r.subscription_id + "/resourceGroups/" + r.resource_group +
         "/providers/Microsoft.AzureStack/registrations/" + r.name;
}

const json::value* Member(const json::object& object, std::string_view key) {
  for (const auto& entry : object) {
    if (IEquals(entry.key(), key)) return &entry.value();
  }
  return nullptr;
}

std::string StringMember(const json::object& object, std::string_view key) {
  const json::value* v = Member(object, key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace azscsp::emulator
