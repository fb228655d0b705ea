#include "arm/api_versions.hpp"

#include <cctype>
#include <vector>

#include "http/responses.hpp"
#include "util/strings.hpp"

namespace azscsp::emulator {
namespace {

const std::vector<std::string>& VersionsOf(ResourceKind kind) {
  static const std::vector<std::string> registrations = {"2016-01-01", "2017-06-01",
                                                         "2020-06-01-preview", "2022-06-01"};
  static const std::vector<std::string> customer_subscriptions = {
      "2017-06-01", "2020-06-01-preview", "2022-06-01"};
  // Microsoft.Resources accepts many versions; these are the ones clients send in practice.
  static const std::vector<std::string> resources = {
      "2014-04-01", "2015-01-01", "2016-02-01", "2016-06-01", "2016-09-01", "2017-05-10",
      "2018-02-01", "2018-05-01", "2019-05-01", "2019-06-01", "2019-07-01", "2019-08-01",
      "2019-10-01", "2020-01-01", "2020-06-01", "2020-10-01", "2021-01-01", "2021-04-01",
      "2022-01-01", "2022-09-01", "2022-12-01", "2023-07-01", "2024-03-01", "2024-07-01",
      "2024-11-01", "2025-01-01", "2025-03-01", "2025-04-01"};
  static const std::vector<std::string> locks = {"2015-01-01", "2016-09-01", "2020-05-01"};
  static const std::vector<std::string> authorization = {
      "2015-07-01",         "2018-01-01-preview", "2018-09-01-preview", "2020-04-01-preview",
      "2020-08-01-preview", "2020-10-01-preview", "2022-01-01-preview", "2022-04-01"};
  static const std::vector<std::string> aliases = {"2021-10-01"};
  switch (kind) {
    case ResourceKind::kSubscriptionAliases:
      return aliases;
    case ResourceKind::kRegistrations:
      return registrations;
    case ResourceKind::kLocks:
      return locks;
    case ResourceKind::kAuthorization:
      return authorization;
    case ResourceKind::kCustomerSubscriptions:
      return customer_subscriptions;
    default:
      return resources;
  }
}

// yyyy-mm-dd with an optional -preview/-beta/-alpha/-privatepreview suffix.
bool WellFormed(const std::string& v) {
  if (v.size() < 10) return false;
  for (size_t i = 0; i < 10; ++i) {
    bool dash = i == 4 || i == 7;
    if (dash ? v[i] != '-' : !std::isdigit(static_cast<unsigned char>(v[i]))) return false;
  }
  std::string suffix = ToLower(v.substr(10));
  return suffix.empty() || suffix == "-preview" || suffix == "-beta" || suffix == "-alpha" ||
         suffix == "-privatepreview";
}

}  // namespace

std::string SupportedVersionsOf(ResourceKind kind) {
  std::string list;
  for (const auto& v : VersionsOf(kind)) list += (list.empty() ? "" : ", ") + v;
  return list;
}

bool IsPreviewWithSystemData(const std::string& api_version) {
  return IEquals(api_version, "2020-06-01-preview");
}

HttpResponse MissingApiVersion() {
  return ArmError(400, "MissingApiVersionParameter",
                  "The api-version query parameter (?api-version=) is required for all requests.");
}

std::optional<HttpResponse> CheckApiVersion(ResourceKind kind, const std::string& type_name,
                                            const std::string& api_version) {
  if (!WellFormed(api_version)) {
    return ArmError(400, "InvalidApiVersionParameter",
                    "The api-version '" + api_version +
                        "' is invalid. The supported versions are '" + SupportedVersionsOf(kind) +
                        "'.");
  }
  for (const auto& v : VersionsOf(kind)) {
    if (IEquals(v, api_version)) return std::nullopt;
  }
  if (kind == ResourceKind::kResources && api_version.size() >= 10 &&
      api_version.substr(0, 10) >= "2014-04-01") {
    return std::nullopt;  // lenient: any dated Microsoft.Resources version after the first
  }
  return ArmError(400, "NoRegisteredProviderFound",
                  "No registered resource provider found for location 'global' and API version '" +
                      api_version + "' for type '" + type_name +
                      "'. The supported api-versions are '" + SupportedVersionsOf(kind) +
                      "'. The supported locations are 'global'.");
}

}  // namespace azscsp::emulator
