#include "arm/registration_token.hpp"

#include <boost/json.hpp>
#include <optional>

#include "arm/arm_helpers.hpp"
#include "state/model.hpp"
#include "util/base64.hpp"
#include "util/ids.hpp"
#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

const char* const kBillingModels[] = {"Capacity", "PayAsYouUse", "Development", "Custom",
                                      "Ruggedized"};

// Reads a boolean (JSON or "true"/"false" in any case) into `out`, which keeps its value when the
// key is absent. false when the value is something else.
bool ReadFlag(const json::object& token, std::string_view key, bool& out) {
  const json::value* v = Member(token, key);
  if (!v || v->is_null()) return true;
  if (v->is_bool()) {
    out = v->get_bool();
  } else if (v->is_string() && IEquals(v->get_string(), "true")) {
    out = true;
  } else if (v->is_string() && IEquals(v->get_string(), "false")) {
    out = false;
  } else {
    return false;
  }
  return true;
}

}  // namespace

std::variant<RegistrationToken, std::string> DecodeRegistrationToken(const std::string& token) {
  std::optional<std::string> decoded = Base64Decode(Trim(token));
  if (!decoded) return std::string("it is not base64");
  boost::system::error_code ec;
  json::value parsed = json::parse(*decoded, ec);
  if (ec || !parsed.is_object()) return std::string("it does not decode to a JSON object");
  const json::object& o = parsed.get_object();

  RegistrationToken out;
  out.cloud_id = StringMember(o, "CloudId");
  if (out.cloud_id.empty()) return std::string("'CloudId' is missing");
  if (!IsGuid(out.cloud_id)) return "'CloudId' '" + out.cloud_id + "' is not a GUID";

  std::string billing = StringMember(o, "BillingModel");
  if (billing.empty()) billing = "Development";
  for (const char* known : kBillingModels) {
    if (IEquals(billing, known)) out.billing_model = known;
  }
  if (out.billing_model.empty()) {
    return "'BillingModel' '" + billing +
           "' is not one of Capacity, PayAsYouUse, Development, Custom, Ruggedized";
  }
  out.usage_reporting_enabled = DefaultUsageReporting(out.billing_model);
  for (auto [key, flag] :
       {std::pair{"UsageReportingEnabled", &out.usage_reporting_enabled},
        std::pair{"MarketplaceSyndicationEnabled", &out.marketplace_syndication_enabled}}) {
    if (!ReadFlag(o, key, *flag)) return std::string("'") + key + "' must be true or false";
  }
  return out;
}

}  // namespace azscsp::emulator
