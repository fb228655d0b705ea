#include "usage/usage_routes.hpp"

#include <boost/json.hpp>
#include <optional>
#include <variant>

#include "http/responses.hpp"
#include "service_context.hpp"
#include "usage/usage_generator.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

constexpr char kUsageApiVersion[] = "2015-06-01-preview";

HttpResponse InvalidProperty(const std::string& message) {
  return ArmError(400, "InvalidProperty", message);
}

struct UsageQuery {
  usage::Granularity granularity = usage::Granularity::kDaily;
  int64_t start_bucket = 0;
  int64_t end_bucket = 0;
  std::optional<usage::Position> from;  // from continuationToken
};

std::variant<int64_t, HttpResponse> TimeParameter(const RequestInfo& info, const char* name) {
  const std::string* text = info.target.Query(name);
  if (!text || Trim(*text).empty()) {
    return InvalidProperty("The query parameter '" + std::string(name) +
                           "' is missing. It is required and must be a UTC date-time.");
  }
  std::optional<int64_t> t = usage::ParseTime(Trim(*text));
  if (!t) {
    return InvalidProperty("The value '" + *text + "' of the query parameter '" +
                           std::string(name) + "' is not a valid date-time.");
  }
  return *t;
}

// The checks shared by the provider and tenant usage APIs (usage.md §2-§4, api.md §10 item 21).
std::variant<UsageQuery, HttpResponse> ParseQuery(const RequestInfo& info,
                                                  const std::string& api_version,
                                                  const char* type) {
  if (!IEquals(api_version, kUsageApiVersion)) {
    return ArmError(400, "NoRegisteredProviderFound",
                    "No registered resource provider found for location 'local' and API version '" +
                        api_version + "' for type '" + type +
                        "'. The supported api-versions are '" + kUsageApiVersion +
                        "'. The supported locations are 'local'.");
  }
  auto start = TimeParameter(info, "reportedStartTime");
  if (HttpResponse* error = std::get_if<HttpResponse>(&start)) return *error;
  auto end = TimeParameter(info, "reportedEndTime");
  if (HttpResponse* error = std::get_if<HttpResponse>(&end)) return *error;
  UsageQuery q;
  const std::string* granularity = info.target.Query("aggregationGranularity");
  std::string g = granularity ? Trim(*granularity) : std::string();
  if (g.empty() || IEquals(g, "daily")) {
    q.granularity = usage::Granularity::kDaily;
  } else if (IEquals(g, "hourly")) {
    q.granularity = usage::Granularity::kHourly;
  } else {
    return ArmError(400, "InvalidAggregationGranularity",
                    "The aggregationGranularity '" + g +
                        "' is not valid. The supported values are 'Daily' and 'Hourly'.");
  }
  const bool hourly = q.granularity == usage::Granularity::kHourly;
  const int64_t unit = hourly ? 3600 : 86400;
  const int64_t t0 = std::get<int64_t>(start), t1 = std::get<int64_t>(end);
  for (auto [name, t] : {std::pair<const char*, int64_t>{"reportedStartTime", t0},
                         std::pair<const char*, int64_t>{"reportedEndTime", t1}}) {
    if (t % unit != 0) {
      return InvalidProperty(
          "The query parameter '" + std::string(name) + "' value '" + *info.target.Query(name) +
          "' is invalid: " +
          (hourly ? "with Hourly granularity it must be at the beginning of an hour (UTC), e.g. "
                    "13:00:00."
                  : "with Daily granularity it must be at midnight (UTC), e.g. 00:00:00."));
    }
  }
  if (t0 >= t1) {
    return InvalidProperty("The query parameter 'reportedStartTime' (" + usage::FormatTime(t0) +
                           ") must be earlier than 'reportedEndTime' (" + usage::FormatTime(t1) +
                           ").");
  }
  if (t1 > UnixSeconds(Clock::now())) {
    return ArmError(400, "RequestEndTimeIsInFuture",
                    "The reportedEndTime '" + usage::FormatTime(t1) +
                        "' is in the future. Usage can be queried only up to the current time.");
  }
  q.start_bucket = t0 / unit;
  q.end_bucket = t1 / unit;
  if (const std::string* token = info.target.Query("continuationToken"); token && !token->empty()) {
    std::string text = *token;
    if (text.find('%') != std::string::npos) text = PercentDecode(text, false);  // encoded twice
    std::optional<usage::Position> position = usage::DecodeToken(text, q.granularity);
    if (!position || position->bucket < q.start_bucket || position->bucket >= q.end_bucket) {
      return InvalidProperty("The query parameter 'continuationToken' value '" + *token +
                             "' is invalid for this query.");
    }
    q.from = position;
  }
  return q;
}

usage::SubscriptionUsage UsageOf(const Stamp& stamp, const UserSubscription& u) {
  usage::SubscriptionUsage s;
  s.id = u.id;
  if (!u.usage_meters.empty()) {
    s.meters = &u.usage_meters;
  } else if (u.usage_meter_count >= 0) {
    s.meter_count = static_cast<size_t>(u.usage_meter_count);
  } else {
    s.meters = &stamp.usage.meters;
  }
  s.first_hour = u.usage_first_hour.value_or(stamp.usage.first_hour);
  s.end_hour = u.usage_end_hour.value_or(usage::kNoEnd);
  return s;
}

// The page of `subscriptions` the query asks for, in the recorded shape (api.md §5).
HttpResponse UsagePage(ServiceContext& context, const Stamp& stamp, const RequestInfo& info,
                       const UsageQuery& q, const std::string& scope_subscription,
                       const std::vector<usage::SubscriptionUsage>& subscriptions) {
  const uint64_t seed = context.options.usage_seed;
  usage::Position from = q.from.value_or(usage::Position{q.start_bucket, 0, 0});
  if (from.subscription > subscriptions.size()) {
    return InvalidProperty("The query parameter 'continuationToken' is invalid for this query.");
  }
  usage::PageResult page =
      usage::GeneratePage(seed, subscriptions, q.granularity, q.start_bucket, q.end_bucket, from);
  json::array value;
  value.reserve(page.rows.size());
  for (const usage::Row& row : page.rows) {
    const usage::SubscriptionUsage& s = subscriptions[row.subscription];
    std::string sub(s.id);
    std::string name = sub + "-" + row.meter_id;
    json::object properties{
        {"subscriptionId", sub},
        {"usageStartTime", usage::FormatTime(row.usage_start_hour * 3600)},
        {"usageEndTime", usage::FormatTime((row.usage_start_hour + row.usage_hours) * 3600)},
        {"instanceData",
         usage::InstanceData(seed, sub, row.meter_id, row.meter_index, stamp.region)},
        {"quantity", row.quantity},
        {"meterId", row.meter_id},
        // Real answers (the recording) repeat the row name here although neither spec defines it;
        // tests/conformance/spec-exceptions.json documents it.
        {"name", name}};
    value.push_back(json::object{{"id", "/subscriptions/" + scope_subscription +
                                            "/providers/Microsoft.Commerce/UsageAggregate/" + name},
                                 {"name", name},
                                 {"type", "Microsoft.Commerce/UsageAggregate"},
                                 {"properties", std::move(properties)}});
  }
  json::object body{{"value", std::move(value)}};
  if (page.next) {
    // The same query (every parameter as sent, re-encoded) plus the token of the next row.
    std::string link = info.base_url + info.target.EncodedPath() + "?";
    bool first = true;
    for (const auto& [name, v] : info.target.query) {
      if (IEquals(name, "continuationToken")) continue;
      link += (first ? "" : "&") + PercentEncode(name) + "=" + PercentEncode(v);
      first = false;
    }
    link += std::string(first ? "" : "&") +
            "continuationToken=" + PercentEncode(usage::EncodeToken(q.granularity, *page.next));
    body["nextLink"] = link;
  }
  return JsonResponse(200, body);
}

std::variant<int64_t, HttpResponse> IntMember(const json::object& o, const char* key,
                                              int64_t fallback, int64_t min, int64_t max) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) {
    if (fallback >= min) return fallback;
    return ArmError(400, "InvalidUsageRequest", "'" + std::string(key) + "' is required.");
  }
  int64_t n = 0;
  if (v->is_int64()) {
    n = v->get_int64();
  } else if (v->is_uint64() && v->get_uint64() < (1ULL << 62)) {
    n = static_cast<int64_t>(v->get_uint64());
  } else {
    return ArmError(400, "InvalidUsageRequest", "'" + std::string(key) + "' must be an integer.");
  }
  if (n < min || n > max) {
    return ArmError(400, "InvalidUsageRequest",
                    "'" + std::string(key) + "' " + std::to_string(n) + " is out of range (" +
                        std::to_string(min) + "-" + std::to_string(max) + ").");
  }
  return n;
}

// POST /_emulator/usage/generate {"subscriptions": N, "meters": M, "hours": H, "start", "tenants"}
HttpResponse Generate(ServiceContext& context, const HttpRequest& request) {
  boost::system::error_code ec;
  json::value parsed = json::parse(request.body.empty() ? std::string("{}") : request.body, ec);
  if (ec || !parsed.is_object()) {
    return ArmError(400, "InvalidUsageRequest", "The body must be a JSON object.");
  }
  const json::object& o = parsed.get_object();
  auto n = IntMember(o, "subscriptions", -1, 1, 100000);
  if (HttpResponse* e = std::get_if<HttpResponse>(&n)) return *e;
  auto m = IntMember(o, "meters", -1, 1, 1000);
  if (HttpResponse* e = std::get_if<HttpResponse>(&m)) return *e;
  auto h = IntMember(o, "hours", -1, 1, 24 * 3660);
  if (HttpResponse* e = std::get_if<HttpResponse>(&h)) return *e;
  const int64_t subs = std::get<int64_t>(n), meters = std::get<int64_t>(m),
                hours = std::get<int64_t>(h);
  auto t = IntMember(o, "tenants", subs, 1, subs);
  if (HttpResponse* e = std::get_if<HttpResponse>(&t)) return *e;
  const int64_t tenants = std::get<int64_t>(t);
  int64_t now_hour = UnixSeconds(Clock::now()) / 3600;
  int64_t first_hour = now_hour - hours;
  if (const json::value* start = o.if_contains("start"); start && !start->is_null()) {
    std::optional<int64_t> ts =
        start->is_string() ? usage::ParseTime(start->get_string()) : std::nullopt;
    if (!ts || *ts % 3600 != 0) {
      return ArmError(400, "InvalidUsageRequest",
                      "'start' must be a UTC date-time at the beginning of an hour.");
    }
    first_hour = *ts / 3600;
  }

  std::lock_guard<std::mutex> lock(context.state_mutex);
  Stamp& stamp = context.world.stamp;
  if (stamp.admin_subscription_id.empty()) {
    return ArmError(409, "NoStamp", "The fixtures define no stamp ('stamp').");
  }
  const uint64_t seed = context.options.usage_seed;
  int64_t existing_subs = 0;
  for (const UserSubscription& u : stamp.user_subscriptions) existing_subs += u.synthetic ? 1 : 0;
  int64_t existing_tenants = 0;
  for (const DirectoryTenantRecord& d : stamp.directory_tenants) {
    existing_tenants += IStartsWith(d.name, "usage-tenant-") ? 1 : 0;
  }
  json::array created_tenants;
  for (int64_t j = 0; j < tenants; ++j) {
    int64_t index = existing_tenants + j;
    std::string domain = "usage-tenant-" + std::to_string(index) + ".onmicrosoft.com";
    std::string tenant_id = usage::SyntheticTenantId(seed, index);
    stamp.directory_tenants.push_back(
        {domain, tenant_id, stamp.region, stamp.admin_resource_group});
    created_tenants.push_back(json::object{{"tenantId", tenant_id}, {"directoryName", domain}});
  }
  json::array created;
  for (int64_t i = 0; i < subs; ++i) {
    int64_t index = existing_subs + i;
    int64_t tenant = existing_tenants + i % tenants;
    std::string domain = "usage-tenant-" + std::to_string(tenant) + ".onmicrosoft.com";
    UserSubscription u;
    u.id = usage::SyntheticSubscriptionId(seed, index);
    u.display_name = "usage-sub-" + std::to_string(index);
    u.owner = "admin@" + domain;
    u.tenant_id = usage::SyntheticTenantId(seed, tenant);
    u.offer_id =
        "/subscriptions/" + stamp.admin_subscription_id +
        "/resourceGroups/offers/providers/Microsoft.Subscriptions.Admin/offers/usage-offer";
    u.usage_meter_count = meters;
    u.usage_first_hour = first_hour;
    u.usage_end_hour = first_hour + hours;
    u.synthetic = true;
    created.push_back(json::object{
        {"subscriptionId", u.id}, {"tenantId", u.tenant_id}, {"directoryName", domain}});
    stamp.user_subscriptions.push_back(std::move(u));
  }
  context.StateChangedLocked();
  json::array meter_ids;
  for (int64_t k = 0; k < meters; ++k) {
    meter_ids.push_back(json::value(usage::SyntheticMeterId(static_cast<size_t>(k))));
  }
  return JsonResponse(201, json::object{{"rows", subs * meters * hours},
                                        {"start", usage::FormatTime(first_hour * 3600)},
                                        {"end", usage::FormatTime((first_hour + hours) * 3600)},
                                        {"meters", std::move(meter_ids)},
                                        {"tenants", std::move(created_tenants)},
                                        {"subscriptions", std::move(created)}});
}

}  // namespace

bool IsUsagePath(const RequestTarget& target) {
  const auto& s = target.segments;
  return s.size() == 5 && IEquals(s[0], "subscriptions") && IEquals(s[2], "providers") &&
         ((IEquals(s[3], "Microsoft.Commerce.Admin") &&
           IEquals(s[4], "subscriberUsageAggregates")) ||
          (IEquals(s[3], "Microsoft.Commerce") && IEquals(s[4], "usageAggregates")));
}

HttpResponse NoApiVersion() {
  return ArmError(400, "NoApiVersion",
                  "The api-version query parameter (?api-version=) is required for all requests.");
}

HttpResponse ProviderUsage(ServiceContext& context, World& world, const RequestInfo& info,
                           const std::string& api_version) {
  auto query = ParseQuery(info, api_version, "subscriberUsageAggregates");
  if (HttpResponse* error = std::get_if<HttpResponse>(&query)) return *error;
  const Stamp& stamp = world.stamp;
  std::vector<usage::SubscriptionUsage> subscriptions;
  if (const std::string* subscriber = info.target.Query("subscriberId");
      subscriber && !Trim(*subscriber).empty()) {
    // Every user subscription of the stamp (Deleted ones too) is a direct tenant of the Default
    // Provider Subscription; the emulator has no delegated providers.
    const UserSubscription* found = world.FindUserSubscription(Trim(*subscriber));
    if (!found) {
      return ArmError(400, "SubscriberIdIsNotDirectTenant",
                      "The subscriberId '" + *subscriber +
                          "' is not a direct tenant subscription of the provider subscription '" +
                          stamp.admin_subscription_id + "'.");
    }
    subscriptions.push_back(UsageOf(stamp, *found));
  } else {
    subscriptions.reserve(stamp.user_subscriptions.size());
    for (const UserSubscription& u : stamp.user_subscriptions) {
      subscriptions.push_back(UsageOf(stamp, u));
    }
  }
  return UsagePage(context, stamp, info, std::get<UsageQuery>(query), stamp.admin_subscription_id,
                   subscriptions);
}

HttpResponse TenantUsage(ServiceContext& context, World& world,
                         const UserSubscription& subscription, const RequestInfo& info,
                         const std::string& api_version) {
  auto query = ParseQuery(info, api_version, "usageAggregates");
  if (HttpResponse* error = std::get_if<HttpResponse>(&query)) return *error;
  return UsagePage(context, world.stamp, info, std::get<UsageQuery>(query), subscription.id,
                   {UsageOf(world.stamp, subscription)});
}

HttpResponse UsageControl(ServiceContext& context, const HttpRequest& request,
                          const RequestInfo& info) {
  const auto& s = info.target.segments;
  if (s.size() == 3 && IEquals(s[2], "generate")) {
    if (request.method == "POST") return Generate(context, request);
  } else if (s.size() == 2) {
    if (request.method == "GET") {
      std::lock_guard<std::mutex> lock(context.state_mutex);
      const Stamp& stamp = context.world.stamp;
      json::array meters;
      for (const std::string& m : stamp.usage.meters) meters.push_back(json::value(m));
      int64_t synthetic = 0;
      for (const UserSubscription& u : stamp.user_subscriptions) synthetic += u.synthetic ? 1 : 0;
      return JsonResponse(200,
                          json::object{{"seed", context.options.usage_seed},
                                       {"meters", std::move(meters)},
                                       {"start", usage::FormatTime(stamp.usage.first_hour * 3600)},
                                       {"syntheticSubscriptions", synthetic}});
    }
  } else {
    return ArmError(404, "NotFound",
                    "Unknown emulator control endpoint '" + info.target.Path() + "'.");
  }
  return ArmError(405, "MethodNotAllowed",
                  "The control endpoint does not support http method '" + request.method + "'.");
}

}  // namespace azscsp::emulator
