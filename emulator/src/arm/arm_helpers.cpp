#include "arm/arm_helpers.hpp"

#include <algorithm>
#include <boost/json.hpp>

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

std::variant<json::object, HttpResponse> Page(const ArmCall& call, const json::array& items) {
  size_t offset = 0;
  if (const std::string* token = call.info.target.Query("$skipToken")) {
    std::optional<std::string> decoded = Base64Decode(*token);
    bool valid = decoded && !decoded->empty() && IStartsWith(*decoded, "offset:");
    if (valid) {
      try {
        offset = std::stoul(decoded->substr(7));
      } catch (...) {
        valid = false;
      }
    }
    if (!valid) {
      return ArmError(400, "InvalidSkipToken", "The skip token '" + *token + "' is invalid.");
    }
  }
  size_t page_size = static_cast<size_t>(std::max(1, call.context.options.page_size));
  json::array page;
  for (size_t i = offset; i < items.size() && i < offset + page_size; ++i) page.push_back(items[i]);
  json::object body{{"value", std::move(page)}};
  if (offset + page_size < items.size()) {
    std::string token = Base64UrlEncode("offset:" + std::to_string(offset + page_size));
    body["nextLink"] = call.context.base_url + call.info.target.EncodedPath() +
                       "?api-version=" + PercentEncode(call.api_version) + "&$skipToken=" + token;
  }
  return body;
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
