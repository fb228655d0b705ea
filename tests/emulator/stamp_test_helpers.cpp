#include "stamp_test_helpers.hpp"

#include <boost/test/unit_test.hpp>

namespace azscsp::emulator::test {

StampClients::StampClients(EmulatorUnderTest& e) : emu(e) {
  const std::string ca = emu.emulator().CaCertificatePath();
  admin = std::make_unique<HttpsClient>("localhost", emu.emulator().AdminPort(), ca);
  tenant = std::make_unique<HttpsClient>("localhost", emu.emulator().TenantPort(), ca);
  graph = std::make_unique<HttpsClient>("localhost", emu.emulator().GraphPort(), ca);
}

HttpResult StampClients::UserTokenResult(const std::string& upn, const std::string& password,
                                         const std::string& resource, const std::string& tenant) {
  return emu.client().Request(
      "POST", "/" + tenant + "/oauth2/token",
      "grant_type=password&client_id=" + sfx::kPowerShellApp + "&username=" + UrlEncode(upn) +
          "&password=" + UrlEncode(password) + "&resource=" + UrlEncode(resource),
      {{"Content-Type", "application/x-www-form-urlencoded"}});
}

std::string StampClients::UserToken(const std::string& upn, const std::string& password,
                                    const std::string& resource, const std::string& tenant) {
  HttpResult r = UserTokenResult(upn, password, resource, tenant);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  return std::string(r.Json().at("access_token").as_string());
}

std::string StampClients::OperatorAdminToken() {
  return UserToken(sfx::kOperator, sfx::kOperatorPassword, sfx::kAdminAudience,
                   "contosocsp.onmicrosoft.com");
}

std::string StampClients::GraphUrl() const {
  return emu.emulator().GraphUrl();
}

std::string StampClients::GraphToken(const std::string& upn, const std::string& password,
                                     const std::string& tenant) {
  return UserToken(upn, password, GraphUrl(), tenant);
}

HttpResult StampClients::Call(HttpsClient& client, const std::string& method,
                              const std::string& target, const std::string& token,
                              const std::string& body) {
  HeaderList headers;
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
  return client.Request(method, target, body, headers);
}

std::string DirectoryTenantPath(const std::string& name, const std::string& rg) {
  return "/subscriptions/" + sfx::kDps + "/resourceGroups/" + rg +
         "/providers/Microsoft.Subscriptions.Admin/directoryTenants" +
         (name.empty() ? "" : "/" + name) + "?api-version=2015-11-01";
}

std::string GraphErrorCode(const HttpResult& r) {
  try {
    return std::string(r.Json().at("error").at("code").as_string());
  } catch (const std::exception&) {
    return "";
  }
}

}  // namespace azscsp::emulator::test
