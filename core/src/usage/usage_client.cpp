#include "azscsp/usage/usage_client.hpp"

#include <set>

#include "azscsp/arm/resource_id.hpp"
#include "azscsp/errors.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/url_encode.hpp"

namespace json = boost::json;

namespace azscsp::usage {
namespace {

constexpr const char* kTokenField = "continuationToken";

}  // namespace

std::optional<std::string> ContinuationTokenOf(const std::string& next_link) {
  const size_t query = next_link.find('?');
  if (query == std::string::npos) return std::nullopt;
  size_t begin = query + 1;
  while (begin <= next_link.size()) {
    size_t end = next_link.find('&', begin);
    if (end == std::string::npos) end = next_link.size();
    const std::string pair = next_link.substr(begin, end - begin);
    const size_t equals = pair.find('=');
    if (equals != std::string::npos && util::EqualsIgnoreCase(pair.substr(0, equals), kTokenField))
      return util::PercentDecode(pair.substr(equals + 1));  // once (usage.md §4)
    begin = end + 1;
  }
  return std::nullopt;
}

UsageProgress UsageClient::ListProvider(const UsageQuery& query, const UsageRowHandler& on_row,
                                        const UsagePageHandler& on_page,
                                        const util::Context& context) const {
  arm::ValidateSubscriptionId(query.subscription_id, "subscriptionId");
  return Run("/subscriptions/" + util::PercentEncode(query.subscription_id) +
                 "/providers/Microsoft.Commerce.Admin/subscriberUsageAggregates",
             query, true, on_row, on_page, context);
}

UsageProgress UsageClient::ListTenant(const UsageQuery& query, const UsageRowHandler& on_row,
                                      const UsagePageHandler& on_page,
                                      const util::Context& context) const {
  arm::ValidateSubscriptionId(query.subscription_id, "subscriptionId");
  return Run("/subscriptions/" + util::PercentEncode(query.subscription_id) +
                 "/providers/Microsoft.Commerce/usageAggregates",
             query, false, on_row, on_page, context);
}

UsageProgress UsageClient::Run(const std::string& base_path, const UsageQuery& query, bool provider,
                               const UsageRowHandler& on_row, const UsagePageHandler& on_page,
                               const util::Context& context) const {
  std::string fixed = base_path +
                      "?reportedStartTime=" + util::PercentEncode(query.window.StartText()) +
                      "&reportedEndTime=" + util::PercentEncode(query.window.EndText()) +
                      "&aggregationGranularity=" + GranularityName(query.window.granularity);
  if (provider && !query.subscriber_id.empty())
    fixed += "&subscriberId=" + util::PercentEncode(query.subscriber_id);
  if (!provider && query.show_details)
    fixed += std::string("&showDetails=") + (*query.show_details ? "true" : "false");

  UsageProgress progress;
  progress.page_token = query.continuation_token;
  progress.resume_token = query.continuation_token;
  std::optional<std::string> verbatim_link;  // a nextLink without a continuation token
  std::set<std::string> seen;
  try {
    for (;;) {
      http::Response response =
          verbatim_link
              ? arm_->GetNextLink(*verbatim_link, context)
              : arm_->Send(
                    http::Method::Get,
                    progress.page_token.empty()
                        ? fixed
                        : fixed + "&continuationToken=" + util::PercentEncode(progress.page_token),
                    kUsageApiVersion, std::nullopt, context);
      std::string next_link;
      if (response.status != 204 && !response.body.empty()) {
        const json::value body = arm::ReadBody(response);
        if (body.is_object()) {
          if (const json::value* value = body.as_object().if_contains("value");
              value && value->is_array()) {
            for (const auto& item : value->as_array()) {
              const UsageRecord record = UsageRecord::FromJson(item);
              ++progress.rows;
              if (on_row && !on_row(record, progress)) {
                ++progress.pages;
                return progress;
              }
            }
          }
        }
        next_link = util::GetString(body, "nextLink");
      }
      ++progress.pages;
      if (next_link.empty()) {
        progress.resume_token.clear();
        progress.complete = true;
        if (on_page) on_page(progress);
        return progress;
      }
      if (!seen.insert(next_link).second)
        throw ServiceError(ErrorKind::Service,
                           {response.status, "RepeatedNextLink",
                            "The usage service returned the same nextLink twice; stopping there."});
      const std::optional<std::string> token = ContinuationTokenOf(next_link);
      if (token && !token->empty()) {
        verbatim_link.reset();
        progress.resume_token = *token;
      } else {
        verbatim_link = next_link;
      }
      if (on_page) on_page(progress);
      progress.page_token = progress.resume_token;
    }
  } catch (Error& error) {
    if (!progress.resume_token.empty()) error.SetField(kTokenField, progress.resume_token);
    throw;
  }
}

}  // namespace azscsp::usage
