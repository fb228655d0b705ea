#include "partner_center_test_helpers.hpp"

namespace json = boost::json;

namespace azscsp::emulator::test {
namespace {

std::string AccessToken(const HttpResult& r) {
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  return std::string(r.Json().at("access_token").as_string());
}

}  // namespace

PcFixture::PcFixture(const std::function<void(EmulatorOptions&)>& customize) : emu(customize) {
  pc = std::make_unique<HttpsClient>("localhost", emu.emulator().PartnerCenterPort(),
                                     emu.emulator().CaCertificatePath());
  app_token = AccessToken(
      emu.TokenRequest(fx::kHomeTenant, "grant_type=client_credentials&client_id=" + fx::kOwnerApp +
                                            "&client_secret=" + fx::kOwnerSecret +
                                            "&resource=" + UrlEncode(pcfx::kResource)));
  user_token = AccessToken(emu.client().Request(
      "POST", "/" + fx::kHomeTenant + "/oauth2/token",
      "grant_type=password&client_id=1950a258-227b-4e31-a9cf-717495945fc2&username=" +
          UrlEncode("operator@contosocsp.onmicrosoft.com") +
          "&password=emulator-operator-password&resource=" + UrlEncode(pcfx::kResource),
      {{"Content-Type", "application/x-www-form-urlencoded"}}));
}

HttpResult PcFixture::Call(const std::string& method, const std::string& path,
                           const std::string& body, const std::string* token,
                           const HeaderList& headers) {
  HeaderList all = headers;
  const std::string& bearer = token ? *token : user_token;
  if (!bearer.empty()) all.emplace_back("Authorization", "Bearer " + bearer);
  all.emplace_back("Accept", "application/json");
  if (!body.empty()) all.emplace_back("Content-Type", "application/json");
  return pc->Request(method, path, body, all);
}

HttpResult PcFixture::ConfirmMca(const std::string& customer, const std::string& email) {
  return Call("POST", "/v1/customers/" + customer + "/agreements",
              R"({"primaryContact":{"firstName":"Ada","lastName":"Lovelace","email":")" + email +
                  R"("},"templateId":")" + pcfx::kMcaTemplate +
                  R"(","dateAgreed":"2026-01-01T00:00:00Z","type":"MicrosoftCustomerAgreement"})");
}

std::pair<std::string, std::string> PcFixture::BuyAzurePlan(const std::string& customer,
                                                            bool confirm_mca) {
  if (confirm_mca) {
    HttpResult mca = ConfirmMca(customer);
    BOOST_REQUIRE_MESSAGE(mca.status == 201 || mca.status == 409, mca.body);
  }
  HttpResult cart = Call("POST", "/v1/customers/" + customer + "/carts",
                         R"({"lineItems":[{"id":0,"catalogItemId":")" + pcfx::kCatalogItem +
                             R"(","quantity":1,"billingCycle":"one_time"}]})");
  BOOST_REQUIRE_MESSAGE(cart.status == 201, cart.body);
  HttpResult checkout =
      Call("POST", "/v1/customers/" + customer + "/carts/" + JStr(cart.Json(), "id") + "/checkout");
  BOOST_REQUIRE_MESSAGE(checkout.status == 201, checkout.body);
  json::value order = checkout.Json().at("orders").at(0);
  std::string plan = JStr(order.at("lineItems").at(0), "subscriptionId");
  HttpResult got = Call("GET", "/v1/customers/" + customer + "/orders/" + JStr(order, "id"));
  BOOST_REQUIRE_MESSAGE(JStr(got.Json(), "status") == "completed", got.body);
  HttpResult entitlements =
      Call("GET", "/v1/customers/" + customer + "/subscriptions/" + plan + "/azureEntitlements");
  BOOST_REQUIRE_MESSAGE(entitlements.status == 200, entitlements.body);
  return {plan, JStr(entitlements.Json().at("items").at(0), "id")};
}

void CheckPcError(const HttpResult& r, int status, long code) {
  BOOST_TEST(r.status == status, r.body);
  json::value body = r.Json();
  BOOST_TEST_REQUIRE(body.is_object(), r.body);
  BOOST_TEST(body.at("code").to_number<long>() == code, r.body);
  BOOST_TEST(!JStr(body, "description").empty());
  BOOST_TEST(body.at("data").is_array());
  BOOST_TEST(JStr(body, "source") == "PartnerFD");
}

void CheckMcaError(const HttpResult& r, int status, long code) {
  BOOST_TEST(r.status == status, r.body);
  json::value body = r.Json();
  BOOST_TEST(body.at("code").to_number<long>() == code, r.body);
  BOOST_TEST(!JStr(body, "message").empty());
  BOOST_TEST(!JStr(body, "description").empty());
  BOOST_TEST(!JStr(body, "errorName").empty());
  BOOST_TEST(body.at("isRetryable").as_bool() == false);
  BOOST_TEST(body.at("parameters").is_object());
  BOOST_TEST(JStr(body, "errorMessageExtended") == "InternalErrorCode=" + std::to_string(code));
}

std::string JStr(const json::value& v, const char* name) {
  return std::string(v.at(name).as_string());
}

}  // namespace azscsp::emulator::test
