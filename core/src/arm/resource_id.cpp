#include "azscsp/arm/resource_id.hpp"

#include <cctype>

#include "azscsp/errors.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/ids.hpp"
#include "azscsp/util/url_encode.hpp"

namespace azscsp::arm {
namespace {

std::vector<std::string> SplitPath(const std::string& text) {
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t slash = text.find('/', start);
    const size_t end = slash == std::string::npos ? text.size() : slash;
    if (end > start) segments.push_back(text.substr(start, end - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return segments;
}

[[noreturn]] void Malformed(const std::string& id, const std::string& why) {
  throw InvalidArgumentError(
      "The resource ID '" + id + "' is not valid: " + why +
      ". Expected subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/"
      "Microsoft.AzureStack/registrations/{registrationName}[/customerSubscriptions/{id}].");
}

}  // namespace

void ValidateSubscriptionId(const std::string& value, const char* argument) {
  if (!util::IsGuid(value)) {
    throw InvalidArgumentError(std::string("The ") + argument + " '" + value +
                               "' is not a subscription ID; expected a GUID such as "
                               "00000000-0000-0000-0000-000000000000.");
  }
}

void ValidateResourceGroupName(const std::string& value, const char* argument) {
  // ARM: 1-90 characters of letters, digits, '-', '_', '.', '(', ')', not ending in '.'.
  bool ok = !value.empty() && value.size() <= 90 && value.back() != '.';
  for (unsigned char c : value)
    ok = ok &&
         (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '(' || c == ')' || c >= 0x80);
  if (!ok) {
    throw InvalidArgumentError(std::string("The ") + argument + " '" + value +
                               "' is not a resource group name; expected 1 to 90 letters, digits, "
                               "'-', '_', '.', '(' or ')', not ending in '.'.");
  }
}

void ValidateResourceName(const std::string& value, const char* argument) {
  bool ok = !value.empty() && value.size() <= 260;
  for (unsigned char c : value)
    ok = ok && c >= 0x20 && c != '/' && c != '\\' && c != '?' && c != '#' && c != '%' && c != '&';
  if (!ok) {
    throw InvalidArgumentError(std::string("The ") + argument + " '" + value +
                               "' is not a valid resource name; expected 1 to 260 characters "
                               "without / \\ ? # % &.");
  }
}

std::string ScopePath(const std::string& scope, const char* argument) {
  const std::vector<std::string> segments = SplitPath(scope);
  bool ok = segments.size() >= 2 && util::EqualsIgnoreCase(segments[0], "subscriptions") &&
            util::IsGuid(segments[1]) && scope.find("//") == std::string::npos &&
            scope.find_first_of("?#") == std::string::npos;
  for (const auto& segment : segments)
    for (unsigned char c : segment) ok = ok && c > 0x20 && c != '\\';
  if (!ok) {
    throw InvalidArgumentError(std::string("The ") + argument + " '" + scope +
                               "' is not a scope; expected /subscriptions/{subscriptionId}"
                               "[/resourceGroups/{resourceGroup}[/providers/{namespace}/{type}/"
                               "{name}]].");
  }
  std::string path;
  for (const auto& segment : segments) path += "/" + util::PercentEncode(segment);
  return path;
}

std::string SubscriptionOfScope(const std::string& scope) {
  const std::vector<std::string> segments = SplitPath(scope);
  return segments.size() >= 2 ? segments[1] : std::string();
}

ResourceId ResourceId::Parse(const std::string& text) {
  const std::vector<std::string> s = SplitPath(text);
  if (s.size() < 4 || !util::EqualsIgnoreCase(s[0], "subscriptions") ||
      !util::EqualsIgnoreCase(s[2], "resourceGroups"))
    Malformed(text, "it must start with subscriptions/{id}/resourceGroups/{name}");
  ResourceId id;
  id.subscription_id_ = s[1];
  if (!util::IsGuid(id.subscription_id_))
    Malformed(text, "'" + s[1] + "' is not a subscription ID (a GUID)");
  id.resource_group_ = s[3];
  try {
    ValidateResourceGroupName(id.resource_group_, "resource group");
  } catch (const InvalidArgumentError&) {
    Malformed(text, "'" + s[3] + "' is not a resource group name");
  }
  if (s.size() == 4) return id;
  if (s.size() < 6 || !util::EqualsIgnoreCase(s[4], "providers"))
    Malformed(text, "a provider namespace and resource type must follow 'providers'");
  id.namespace_ = s[5];
  for (size_t i = 6; i < s.size(); i += 2) {
    ResourceType pair{s[i], i + 1 < s.size() ? s[i + 1] : std::string()};
    id.types_.push_back(pair);
  }
  if (id.types_.empty()) Malformed(text, "no resource type follows the provider namespace");
  return id;
}

std::string ResourceId::ToString() const {
  std::string out = "/subscriptions/" + subscription_id_ + "/resourceGroups/" + resource_group_;
  if (namespace_.empty()) return out;
  out += "/providers/" + namespace_;
  for (const auto& pair : types_) {
    out += "/" + pair.type;
    if (!pair.name.empty()) out += "/" + pair.name;
  }
  return out;
}

}  // namespace azscsp::arm
