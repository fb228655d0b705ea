#include "azscsp/usage/usage_record.hpp"

#include <cerrno>
#include <cstdlib>
#include <vector>

#include "azscsp/errors.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/json.hpp"

namespace json = boost::json;

namespace azscsp::usage {
namespace {

std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> segments;
  size_t begin = 0;
  while (begin <= path.size()) {
    size_t end = path.find('/', begin);
    if (end == std::string::npos) end = path.size();
    if (end > begin) segments.push_back(path.substr(begin, end - begin));
    begin = end + 1;
  }
  return segments;
}

double ReadQuantity(const json::value& value, const std::string& row) {
  if (value.is_double()) return value.as_double();
  if (value.is_int64()) return static_cast<double>(value.as_int64());
  if (value.is_uint64()) return static_cast<double>(value.as_uint64());
  if (value.is_null()) return 0;
  if (value.is_string()) {
    const std::string text(value.as_string());
    errno = 0;
    char* end = nullptr;
    const double number = std::strtod(text.c_str(), &end);
    if (!text.empty() && end == text.c_str() + text.size() && errno == 0) return number;
  }
  throw ServiceError(ErrorKind::Service,
                     {200, "InvalidResponse",
                      "The usage row '" + row + "' has a quantity that is not a number: " +
                          json::serialize(value) + "."});
}

}  // namespace

ResourceUriParts ParseResourceUri(const std::string& uri) {
  ResourceUriParts parts;
  const std::vector<std::string> segments = Segments(uri.substr(0, uri.find('?')));
  size_t providers = segments.size();
  for (size_t i = 0; i + 1 < segments.size(); ++i) {
    if (util::EqualsIgnoreCase(segments[i], "subscriptions") && parts.subscription_id.empty())
      parts.subscription_id = segments[i + 1];
    else if (util::EqualsIgnoreCase(segments[i], "resourceGroups") && parts.resource_group.empty())
      parts.resource_group = segments[i + 1];
    else if (util::EqualsIgnoreCase(segments[i], "providers")) {
      providers = i;  // the last one wins (extension resources)
    }
  }
  if (providers + 1 < segments.size()) {
    // namespace, then type/name pairs
    std::string type = segments[providers + 1];
    for (size_t i = providers + 2; i < segments.size(); i += 2) {
      type += "/" + segments[i];
      if (i + 1 < segments.size()) parts.resource_name = segments[i + 1];
    }
    parts.resource_type = type;
  }
  return parts;
}

UsageRecord UsageRecord::FromJson(const json::value& json) {
  UsageRecord record;
  record.id = util::GetString(json, "id");
  record.name = util::GetString(json, "name");
  static const json::object kEmpty;
  const json::object* properties = &kEmpty;
  if (json.is_object()) {
    if (const json::value* found = json.as_object().if_contains("properties");
        found && found->is_object())
      properties = &found->as_object();
  }
  const auto field = [&](const char* key) -> std::string {
    const json::value* value = util::FindKeyIgnoreCase(*properties, key);
    return value && value->is_string() ? std::string(value->as_string()) : std::string();
  };
  record.subscription_id = field("subscriptionId");
  record.meter_id = field("meterId");
  record.meter_name = field("meterName");
  record.unit = field("unit");
  record.usage_start_time = field("usageStartTime");
  record.usage_end_time = field("usageEndTime");
  if (const json::value* quantity = util::FindKeyIgnoreCase(*properties, "quantity"))
    record.quantity = ReadQuantity(*quantity, record.id.empty() ? record.name : record.id);
  const json::value* instance = util::FindKeyIgnoreCase(*properties, "instanceData");
  if (instance && instance->is_string()) {
    record.instance_data = std::string(instance->as_string());
    json::value parsed;
    try {
      parsed = util::ParseJson(record.instance_data, "instanceData");
    } catch (const Error&) {
      parsed = nullptr;  // kept raw
    }
    if (parsed.is_object()) {
      const json::value* resources =
          util::FindKeyIgnoreCase(parsed.as_object(), "Microsoft.Resources");
      if (resources && resources->is_object()) {
        const json::object& r = resources->as_object();
        const auto text = [&](const char* key) {
          const json::value* value = util::FindKeyIgnoreCase(r, key);
          return value && value->is_string() ? std::string(value->as_string()) : std::string();
        };
        record.resource_uri = text("resourceUri");
        record.location = text("location");
        if (const json::value* tags = util::FindKeyIgnoreCase(r, "tags"); tags) {
          if (tags->is_object()) {
            record.tags = *tags;
          } else if (tags->is_string() && !tags->as_string().empty()) {
            // Some writers nest the tags as JSON text too.
            try {
              json::value nested = util::ParseJson(std::string(tags->as_string()), "tags");
              if (nested.is_object()) record.tags = std::move(nested);
            } catch (const Error&) {
            }
          }
        }
        if (const json::value* info = util::FindKeyIgnoreCase(r, "additionalInfo");
            info && (info->is_object() || info->is_string()))
          record.additional_info = *info;
        const ResourceUriParts parts = ParseResourceUri(record.resource_uri);
        record.resource_group = parts.resource_group;
        record.resource_type = parts.resource_type;
        record.resource_name = parts.resource_name;
      }
    }
  } else if (instance && instance->is_object()) {
    record.instance_data = json::serialize(*instance);
  }
  return record;
}

}  // namespace azscsp::usage
