// checkIdentityHealth on the stamp admin ARM (api.md §4.2): the stamp's view of whether each
// directory (home and guests) has its applications installed. Both wire shapes of
// directoryTenants are read (spec: {"value":[...]}, docs script: a plain array; §11 row 23).
#pragma once

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "azscsp/arm/arm_client.hpp"

namespace azscsp::services {

constexpr const char* kIdentityHealthApiVersion = "2018-05-01";
constexpr const char* kIdentityHealthFallbackApiVersion = "2015-11-01";

struct ApplicationHealth {
  std::string app_id, service_principal_object_id, status;
  std::vector<std::string> unhealthy;  // one line per item whose status is not Healthy
};

struct DirectoryHealth {
  std::string tenant_id, tenant_name, status;
  std::vector<ApplicationHealth> applications;
};

struct IdentityHealthReport {
  std::string report_start_time_utc, report_end_time_utc, status;
  std::vector<DirectoryHealth> directory_tenants;

  boost::json::object ToJson() const;
};

// Normalizes a report in either shape (collections as {"value":[...]} or as plain arrays).
IdentityHealthReport ParseIdentityHealthReport(const boost::json::value& json);

class IdentityHealthClient {
 public:
  explicit IdentityHealthClient(std::shared_ptr<const arm::ArmClient> arm) : arm_(std::move(arm)) {}

  // POST .../providers/Microsoft.Subscriptions.Admin/checkIdentityHealth with 2018-05-01, again
  // with 2015-11-01 when the stamp answers NoRegisteredProviderFound.
  IdentityHealthReport Check(const std::string& subscription_id,
                             const util::Context& context) const;

 private:
  std::shared_ptr<const arm::ArmClient> arm_;
};

}  // namespace azscsp::services
