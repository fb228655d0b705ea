// Provider usage (Microsoft.Commerce.Admin/subscriberUsageAggregates, admin ARM) and tenant usage
// (Microsoft.Commerce/usageAggregates, the user's ARM): api.md §5-6, usage.md §1-5. Every page is
// followed; rows stream to a callback as pages arrive, so memory does not grow with the window.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "azscsp/arm/arm_client.hpp"
#include "azscsp/usage/time_window.hpp"
#include "azscsp/usage/usage_record.hpp"

namespace azscsp::usage {

constexpr const char* kUsageApiVersion = "2015-06-01-preview";

struct UsageQuery {
  std::string subscription_id;  // provider: the (default) provider subscription; tenant: own
  TimeWindow window;
  std::string subscriber_id;         // provider only; empty: all direct tenants (deleted included)
  std::optional<bool> show_details;  // tenant only
  std::string continuation_token;    // resume from here (decoded form); empty: from the start
};

// Where a query stands. `page_token` is the token that fetched the page being read (empty for
// the first page of a query started without one): re-issuing the query with it returns that page
// again. `resume_token` is where to resume after the last completed page (the next page's token,
// empty when the query is complete).
struct UsageProgress {
  long long pages = 0;
  long long rows = 0;
  std::string page_token;
  std::string resume_token;
  bool complete = false;
};

// Called per row; `progress.page_token` is the row's page. Return false to stop.
using UsageRowHandler =
    std::function<bool(const UsageRecord& record, const UsageProgress& progress)>;
// Called after each page was fully handed to the row handler.
using UsagePageHandler = std::function<void(const UsageProgress& progress)>;

// The value of "continuationToken" in a nextLink, percent-decoded once; nullopt when absent.
std::optional<std::string> ContinuationTokenOf(const std::string& next_link);

class UsageClient {
 public:
  explicit UsageClient(std::shared_ptr<const arm::ArmClient> arm) : arm_(std::move(arm)) {}

  // The query's pages are fetched by re-issuing it with the continuation token taken from each
  // nextLink (a nextLink without one is followed verbatim on the same host). On failure the error
  // carries the field "continuationToken" (UsageProgress::resume_token, or the starting token
  // when no page completed) so the caller can resume exactly there.
  UsageProgress ListProvider(const UsageQuery& query, const UsageRowHandler& on_row,
                             const UsagePageHandler& on_page, const util::Context& context) const;
  UsageProgress ListTenant(const UsageQuery& query, const UsageRowHandler& on_row,
                           const UsagePageHandler& on_page, const util::Context& context) const;

 private:
  UsageProgress Run(const std::string& base_path, const UsageQuery& query, bool provider,
                    const UsageRowHandler& on_row, const UsagePageHandler& on_page,
                    const util::Context& context) const;

  std::shared_ptr<const arm::ArmClient> arm_;
};

}  // namespace azscsp::usage
