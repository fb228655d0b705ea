// Helpers for the Partner Center listener tests: tokens (app-only and app+user), calls with the
// Partner Center headers, and the fixture ids of emulator/fixtures/default.json "partnerCenter".
#pragma once

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <functional>
#include <memory>
#include <string>

#include "emulator_fixture.hpp"

namespace azscsp::emulator::test {

namespace pcfx {
inline const std::string kResource = "https://api.partnercenter.microsoft.com";
inline const std::string kFabrikam = "e40189a3-e640-46a3-b8ff-16b642010b0d";
inline const std::string kAdatum = "f5a12742-f96c-4f7a-9a01-f2ad9beb4efc";
inline const std::string kNorthwind = "dccc98f3-4196-4752-8115-902216d99374";
inline const std::string kWoodgrove = "fbaa2360-49b2-464f-b59f-013a219f8966";
inline const std::string kAdatumLegacy = "7D7B7C70-8909-4C01-A082-0E2106B4A48B";
inline const std::string kAdatumLicense = "a1c3e5f7-0b2d-4f6a-8c9e-1d3f5a7b9c01";
inline const std::string kNorthwindPlan = "b2d4f6a8-1c3e-4a5b-9d7f-2e4a6c8e0b01";
inline const std::string kNorthwindAzureSub = "8e06e68b-f5b3-4420-a4f1-2e6a4f5a2ce8";
inline const std::string kNorthwindOldLicense = "c3e5a7b9-2d4f-4b6c-8e0a-3f5b7d9f1c01";
inline const std::string kCatalogItem = "DZH318Z0BPS6:0001:DZH318Z0BML6";
inline const std::string kMcaTemplate = "117a77b0-9360-443b-8795-c6dedc750cf9";
}  // namespace pcfx

struct PcFixture {
  explicit PcFixture(const std::function<void(EmulatorOptions&)>& customize = {});

  EmulatorUnderTest emu;
  std::unique_ptr<HttpsClient> pc;
  std::string app_token;   // azscsp-automation (client credentials): app-only
  std::string user_token;  // operator@contosocsp (password grant): app+user

  // A Partner Center call; token nullptr = the app+user token, "" = no Authorization header.
  HttpResult Call(const std::string& method, const std::string& path, const std::string& body = {},
                  const std::string* token = nullptr, const HeaderList& headers = {});
  // The plan subscription of a completed Azure plan purchase for this customer (MCA first when
  // `confirm_mca`); returns {plan subscription id, Azure subscription id}.
  std::pair<std::string, std::string> BuyAzurePlan(const std::string& customer,
                                                   bool confirm_mca = true);
  HttpResult ConfirmMca(const std::string& customer, const std::string& email = "ada@example.com");
};

// Checks a PartnerFD error body: status, numeric code, source.
void CheckPcError(const HttpResult& r, int status, long code);
// Checks an MCA-shaped error body.
void CheckMcaError(const HttpResult& r, int status, long code);
std::string JStr(const boost::json::value& v, const char* name);

}  // namespace azscsp::emulator::test
