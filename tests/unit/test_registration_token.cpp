#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "azscsp/services/azurestack_models.hpp"
#include "azscsp/services/registration_token.hpp"
#include "fakes.hpp"

using namespace azscsp;
using services::RegistrationToken;

namespace {

std::string Base64(const std::string& text) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : text) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += alphabet[(buffer >> bits) & 0x3F];
    }
  }
  if (bits > 0) out += alphabet[(buffer << (6 - bits)) & 0x3F];
  while (out.size() % 4) out += '=';
  return out;
}

std::string DecodeError(const std::string& token) {
  try {
    RegistrationToken::Decode(token);
  } catch (const InvalidArgumentError& error) {
    return error.what();
  }
  BOOST_FAIL("expected InvalidArgumentError");
  return {};
}

const char* kStampToken =
    R"({"CloudId":"c902d338-1d28-4c50-8283-1fdf0b326df6","BillingModel":"PayAsYouUse",)"
    R"("UsageReportingEnabled":true,"MarketplaceSyndicationEnabled":"False","AgreementNumber":"",)"
    R"("MsAssetTag":"","IssueDate":"2026-11-27T10:00:00Z","TokenVersion":"4.0",)"
    R"("StampVersion":"1.2311.0.25"})";

}  // namespace

BOOST_AUTO_TEST_SUITE(registration_token)

BOOST_AUTO_TEST_CASE(decodes_every_field_of_a_stamp_token) {
  const auto token = RegistrationToken::Decode(Base64(kStampToken));
  BOOST_TEST(token.cloud_id == "c902d338-1d28-4c50-8283-1fdf0b326df6");
  BOOST_TEST(token.billing_model == "PayAsYouUse");
  BOOST_TEST(token.usage_reporting_enabled.value() == true);
  BOOST_TEST(token.marketplace_syndication_enabled.value() == false);
  BOOST_TEST(token.agreement_number.empty());
  BOOST_TEST(token.issue_date == "2026-11-27T10:00:00Z");
  BOOST_TEST(token.token_version == "4.0");
  BOOST_TEST(token.stamp_version == "1.2311.0.25");
}

BOOST_AUTO_TEST_CASE(tolerates_line_breaks_and_any_key_case) {
  std::string text =
      Base64(R"({"cloudid":"C902D338-1D28-4C50-8283-1FDF0B326DF6","billingmodel":"Capacity",)"
             R"("usageReportingEnabled":"true","AGREEMENTNUMBER":"EA-1"})");
  text.insert(20, "\r\n  ");
  text.insert(8, " ");
  const auto token = RegistrationToken::Decode("  " + text + "\n");
  BOOST_TEST(token.cloud_id == "C902D338-1D28-4C50-8283-1FDF0B326DF6");
  BOOST_TEST(token.billing_model == "Capacity");
  BOOST_TEST(token.usage_reporting_enabled.value() == true);
  BOOST_TEST(!token.marketplace_syndication_enabled.has_value());
  BOOST_TEST(token.agreement_number == "EA-1");
}

BOOST_AUTO_TEST_CASE(names_what_is_wrong) {
  BOOST_TEST(DecodeError("").find("empty") != std::string::npos);
  BOOST_TEST(DecodeError("not*base64!").find("not base64") != std::string::npos);
  BOOST_TEST(DecodeError(Base64("hello, world")).find("not of a JSON object") != std::string::npos);
  BOOST_TEST(DecodeError(Base64("[1,2]")).find("not of a JSON object") != std::string::npos);
  BOOST_TEST(DecodeError(Base64(R"({"BillingModel":"Capacity"})")).find("no CloudId") !=
             std::string::npos);
  BOOST_TEST(DecodeError(Base64(R"({"CloudId":"stamp-1"})")).find("'stamp-1' is not a GUID") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(registration_reads_the_optional_flags_leniently) {
  auto registration = services::Registration::FromJson(boost::json::parse(
      R"({"id":"/subscriptions/414f12af-d3bb-44fd-a278-d0aff47d869b/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/r",)"
      R"("properties":{"cloudId":"x","usageReportingEnabled":"True","marketplaceSyndicationEnabled":false}})"));
  BOOST_TEST(registration.usage_reporting_enabled.value() == true);
  BOOST_TEST(registration.marketplace_syndication_enabled.value() == false);
  auto json = registration.ToJson();
  BOOST_TEST(json.at("usageReportingEnabled").as_bool() == true);

  registration = services::Registration::FromJson(boost::json::parse(R"({"properties":{}})"));
  json = registration.ToJson();
  BOOST_TEST(json.at("usageReportingEnabled").is_null());
  BOOST_TEST(json.at("marketplaceSyndicationEnabled").is_null());
}

BOOST_AUTO_TEST_SUITE_END()
