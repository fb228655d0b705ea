#include "azscsp/services/registration_token.hpp"

#include <boost/json.hpp>
#include <cctype>

#include "azscsp/errors.hpp"
#include "azscsp/services/azurestack_models.hpp"
#include "azscsp/util/base64.hpp"
#include "azscsp/util/ids.hpp"
#include "azscsp/util/json.hpp"

namespace json = boost::json;

namespace azscsp::services {
namespace {

std::string StringAt(const json::object& object, const char* key) {
  const json::value* value = util::FindKeyIgnoreCase(object, key);
  if (value == nullptr) return {};
  if (value->is_string()) return std::string(value->as_string());
  if (value->is_number()) return json::serialize(*value);  // e.g. TokenVersion 4.0 unquoted
  return {};
}

}  // namespace

RegistrationToken RegistrationToken::Decode(const std::string& token) {
  std::string compact;
  compact.reserve(token.size());
  for (char c : token)
    if (!std::isspace(static_cast<unsigned char>(c))) compact += c;
  if (compact.empty())
    throw InvalidArgumentError(
        "The registration token is empty; expected the base64 text that "
        "New-RegistrationToken printed on the stamp.");
  const std::optional<std::string> decoded = util::Base64Decode(compact);
  if (!decoded)
    throw InvalidArgumentError(
        "The registration token is not base64 text; expected the output "
        "of New-RegistrationToken on the stamp's privileged endpoint.");
  boost::system::error_code ec;
  const json::value parsed = json::parse(*decoded, ec);
  if (ec || !parsed.is_object())
    throw InvalidArgumentError(
        "The registration token is base64 but not of a JSON object; "
        "expected the output of New-RegistrationToken.");
  const json::object& object = parsed.as_object();
  RegistrationToken result;
  result.cloud_id = StringAt(object, "CloudId");
  if (result.cloud_id.empty())
    throw InvalidArgumentError(
        "The registration token has no CloudId; expected the output of "
        "New-RegistrationToken.");
  if (!util::IsGuid(result.cloud_id))
    throw InvalidArgumentError("The registration token's CloudId '" + result.cloud_id +
                               "' is not a GUID.");
  result.billing_model = StringAt(object, "BillingModel");
  result.usage_reporting_enabled =
      ReadLenientBool(util::FindKeyIgnoreCase(object, "UsageReportingEnabled"));
  result.marketplace_syndication_enabled =
      ReadLenientBool(util::FindKeyIgnoreCase(object, "MarketplaceSyndicationEnabled"));
  result.agreement_number = StringAt(object, "AgreementNumber");
  result.ms_asset_tag = StringAt(object, "MsAssetTag");
  result.issue_date = StringAt(object, "IssueDate");
  result.token_version = StringAt(object, "TokenVersion");
  result.stamp_version = StringAt(object, "StampVersion");
  return result;
}

}  // namespace azscsp::services
