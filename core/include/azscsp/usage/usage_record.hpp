// One usage aggregate row of Microsoft.Commerce.Admin/subscriberUsageAggregates or
// Microsoft.Commerce/usageAggregates (usage.md §5), read leniently: `quantity` as a number or a
// numeric string, `instanceData` as the JSON string it is, parsed a second time. Nothing depends
// on `type` or the path of `id` (they differ between the spec and real stamps).
#pragma once

#include <boost/json.hpp>
#include <string>

namespace azscsp::usage {

struct UsageRecord {
  std::string id, name, subscription_id, meter_id;
  std::string meter_name, unit;  // only when the row carries them (tenant API on Azure)
  std::string usage_start_time, usage_end_time;  // as sent
  double quantity = 0;
  std::string instance_data;  // raw
  // From instanceData."Microsoft.Resources"; empty when absent or not parseable.
  std::string resource_uri, resource_group, resource_type, resource_name, location;
  boost::json::value tags = boost::json::object();  // object; "" and null read as {}
  boost::json::value additional_info = nullptr;     // object or string as sent, else null

  // Throws ServiceError "InvalidResponse" when quantity is a string that is not a number.
  static UsageRecord FromJson(const boost::json::value& json);
};

// resourceUri parsed by keyword (subscriptions, resourceGroups, providers; any case): resource
// group, full type "Namespace/type[/child]..." and the last name.
struct ResourceUriParts {
  std::string subscription_id, resource_group, resource_type, resource_name;
};
ResourceUriParts ParseResourceUri(const std::string& uri);

}  // namespace azscsp::usage
