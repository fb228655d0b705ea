// usage.subscriber, usage.tenant and usage.chargeback (README.md, Usage): provider and tenant usage
// streamed row by row, and the per-customer chargeback aggregated in the core.
#include <chrono>

#include "arguments.hpp"
#include "azscsp/errors.hpp"
#include "azscsp/services/admin_subscriptions_client.hpp"
#include "azscsp/services/directory_tenants_client.hpp"
#include "azscsp/usage/chargeback.hpp"
#include "azscsp/usage/usage_client.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/log.hpp"
#include "azscsp/util/url_encode.hpp"
#include "client_state.hpp"
#include "operation_handlers.hpp"

namespace json = boost::json;

namespace azscsp::shim::_detail {
namespace {

const json::array* OptionalArray(const json::object& arguments, const char* name) {
  const json::value* value = arguments.if_contains(name);
  if (!value || value->is_null()) return nullptr;
  if (!value->is_array())
    throw InvalidArgumentError(std::string("Argument '") + name + "' must be an array.");
  return &value->as_array();
}

std::string Field(const json::value& entry, const char* argument, const char* key, bool required) {
  if (!entry.is_object())
    throw InvalidArgumentError(std::string("Each entry of '") + argument + "' must be an object.");
  const json::value* value = util::FindKeyIgnoreCase(entry.as_object(), key);
  if (value && value->is_string() && !value->as_string().empty())
    return std::string(value->as_string());
  if (required)
    throw InvalidArgumentError(std::string("An entry of '") + argument + "' has no '" + key +
                               "': " + json::serialize(entry) + ".");
  return {};
}

usage::MeterCatalog CatalogFrom(const json::object& arguments) {
  usage::MeterCatalog catalog;
  if (const json::array* entries = OptionalArray(arguments, "meterCatalog"))
    for (const auto& entry : *entries)
      catalog.Set(Field(entry, "meterCatalog", "meterId", true),
                  Field(entry, "meterCatalog", "meterName", false),
                  Field(entry, "meterCatalog", "unit", false));
  return catalog;
}

std::string ProviderSubscriptionId(ClientState& client, const json::object& arguments,
                                   const util::Context& context) {
  if (auto id = OptionalString(arguments, "subscriptionId"); id && !id->empty()) return *id;
  std::string name = OptionalString(arguments, "subscriptionName").value_or("");
  if (name.empty()) name = services::kDefaultProviderSubscriptionName;
  return services::AdminSubscriptionsClient(client.Arm(context))
      .FindDefaultProvider(name, context)
      .subscription_id;
}

// The window and options common to the three operations; validated before anything is sent.
usage::UsageQuery QueryFrom(const json::object& arguments) {
  usage::UsageQuery query;
  const usage::Granularity granularity =
      usage::ParseGranularity(OptionalString(arguments, "aggregationGranularity").value_or(""));
  query.window = usage::ValidateWindow(RequiredString(arguments, "reportedStartTime"),
                                       RequiredString(arguments, "reportedEndTime"), granularity,
                                       std::chrono::system_clock::now());
  query.continuation_token = OptionalString(arguments, "continuationToken").value_or("");
  return query;
}

json::object ItemFor(const usage::UsageRecord& record, const usage::UsageProgress& progress,
                     const usage::MeterCatalog& catalog) {
  const usage::MeterInfo meter = catalog.Find(record.meter_id);
  const bool use_row = !record.meter_name.empty() && !meter.known;
  return {{"id", record.id},
          {"subscriptionId", record.subscription_id},
          {"meterId", record.meter_id},
          {"meterName", use_row ? record.meter_name : meter.name},
          {"unit", use_row ? record.unit : meter.unit},
          {"usageStartTime", record.usage_start_time},
          {"usageEndTime", record.usage_end_time},
          {"quantity", record.quantity},
          {"instanceData", record.instance_data},
          {"resourceUri", record.resource_uri},
          {"resourceGroup", record.resource_group},
          {"resourceType", record.resource_type},
          {"resourceName", record.resource_name},
          {"location", record.location},
          {"tags", record.tags},
          {"additionalInfo", record.additional_info},
          {"continuationToken",
           progress.page_token.empty() ? json::value(nullptr) : json::value(progress.page_token)}};
}

void PageLog(const util::Context& context, const usage::UsageProgress& progress) {
  util::Log(context, util::LogLevel::Verbose,
            "Usage page " + std::to_string(progress.pages) + " read (" +
                std::to_string(progress.rows) + " rows so far)" +
                (progress.complete ? "; last page." : "."));
}

// directoryTenants of the named resource group, else of every "system.*" resource group of the
// provider subscription (usage.md §9: tenantId -> directory name). Best effort: a failure is a
// warning and the names stay null.
std::map<std::string, std::string> DirectoryNames(ClientState& client,
                                                  const std::string& subscription_id,
                                                  const json::object& arguments,
                                                  const util::Context& context) {
  std::map<std::string, std::string> names;
  try {
    const auto arm = client.Arm(context);
    std::vector<std::string> groups;
    if (auto group = OptionalString(arguments, "directoryResourceGroupName");
        group && !group->empty()) {
      groups.push_back(*group);
    } else {
      arm->ForEachInList(
          "/subscriptions/" + util::PercentEncode(subscription_id) + "/resourcegroups",
          "2021-04-01",
          [&](const json::value& item) {
            const std::string name = util::GetString(item, "name");
            if (util::StartsWithIgnoreCase(name, "system.")) groups.push_back(name);
            return true;
          },
          context);
    }
    services::DirectoryTenantsClient tenants(arm);
    for (const auto& group : groups)
      for (const auto& tenant : tenants.List({subscription_id, group, ""}, context))
        names[tenant.tenant_id] = tenant.name;
  } catch (const CancelledError&) {
    throw;
  } catch (const Error& error) {
    util::Log(context, util::LogLevel::Warning,
              std::string("Directory names are not available: ") + error.what());
  }
  return names;
}

}  // namespace

void ListSubscriberUsage(ClientState& client, const json::object& arguments, const Emit& emit,
                         const util::Context& context) {
  usage::UsageQuery query = QueryFrom(arguments);
  query.subscriber_id = OptionalString(arguments, "subscriberId").value_or("");
  const usage::MeterCatalog catalog = CatalogFrom(arguments);
  query.subscription_id = ProviderSubscriptionId(client, arguments, context);
  usage::UsageClient(client.Arm(context))
      .ListProvider(
          query,
          [&](const usage::UsageRecord& record, const usage::UsageProgress& progress) {
            emit(ItemFor(record, progress, catalog));
            return true;
          },
          [&](const usage::UsageProgress& progress) { PageLog(context, progress); }, context);
}

void ListTenantUsage(ClientState& client, const json::object& arguments, const Emit& emit,
                     const util::Context& context) {
  usage::UsageQuery query = QueryFrom(arguments);
  query.subscription_id = RequiredString(arguments, "subscriptionId");
  query.show_details = OptionalBool(arguments, "showDetails");
  const usage::MeterCatalog catalog = CatalogFrom(arguments);
  usage::UsageClient(client.Arm(context))
      .ListTenant(
          query,
          [&](const usage::UsageRecord& record, const usage::UsageProgress& progress) {
            emit(ItemFor(record, progress, catalog));
            return true;
          },
          [&](const usage::UsageProgress& progress) { PageLog(context, progress); }, context);
}

void ComputeChargeback(ClientState& client, const json::object& arguments, const Emit& emit,
                       const util::Context& context) {
  usage::UsageQuery query = QueryFrom(arguments);
  usage::ChargebackInputs inputs;
  inputs.catalog = CatalogFrom(arguments);
  if (const json::array* mappings = OptionalArray(arguments, "mappings"))
    for (const auto& entry : *mappings)
      inputs.customer_subscriptions[Field(entry, "mappings", "tenantId", true)] =
          Field(entry, "mappings", "customerSubscriptionId", true);
  if (const json::array* prices = OptionalArray(arguments, "prices"))
    for (const auto& entry : *prices) {
      const json::value* price =
          entry.is_object() ? util::FindKeyIgnoreCase(entry.as_object(), "unitPrice") : nullptr;
      if (!price || !price->is_number())
        throw InvalidArgumentError(
            "An entry of 'prices' has no numeric 'unitPrice': " + json::serialize(entry) + ".");
      inputs.prices[Field(entry, "prices", "meterId", true)] =
          usage::MeterPrice{price->to_number<double>(), Field(entry, "prices", "currency", false)};
    }
  json::value registration = nullptr;
  if (const json::value* value = arguments.if_contains("registration")) registration = *value;

  query.subscription_id = ProviderSubscriptionId(client, arguments, context);
  const auto arm = client.Arm(context);
  inputs.subscriptions = usage::ListUserSubscriptions(*arm, query.subscription_id, context);
  inputs.directory_names = DirectoryNames(client, query.subscription_id, arguments, context);
  util::Progress(context, "Chargeback: " + std::to_string(inputs.subscriptions.size()) +
                              " user subscriptions, " +
                              std::to_string(inputs.directory_names.size()) + " directories, " +
                              std::to_string(inputs.customer_subscriptions.size()) + " mappings.");
  usage::ChargebackAggregator aggregator(std::move(inputs));
  const usage::UsageProgress progress = usage::UsageClient(arm).ListProvider(
      query,
      [&](const usage::UsageRecord& record, const usage::UsageProgress&) {
        aggregator.Add(record);
        return true;
      },
      [&](const usage::UsageProgress& page) {
        util::Progress(context, "Chargeback: usage page " + std::to_string(page.pages) + ", " +
                                    std::to_string(page.rows) + " rows.");
      },
      context);
  const std::vector<usage::ChargebackLine> lines = aggregator.Lines();
  for (const auto& line : lines) emit(line.ToJson());
  json::object unmapped;
  for (const auto& [meter, quantity] : aggregator.UnmappedQuantityByMeter())
    unmapped[meter] = quantity;
  json::object summary{
      {"rows", progress.rows},
      {"pages", progress.pages},
      {"lines", lines.size()},
      {"unmappedQuantityByMeter", std::move(unmapped)},
      {"continuationToken",
       progress.resume_token.empty() ? json::value(nullptr) : json::value(progress.resume_token)},
      {"reportedStartTime", query.window.StartText()},
      {"reportedEndTime", query.window.EndText()},
      {"aggregationGranularity", usage::GranularityName(query.window.granularity)},
      {"registration", registration}};
  emit({{"summary", std::move(summary)}});
}

}  // namespace azscsp::shim::_detail
