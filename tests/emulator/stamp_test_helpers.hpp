// Helpers for the stamp (admin ARM, tenant ARM) and Microsoft Graph listener tests.
#pragma once

#include <boost/json.hpp>
#include <memory>
#include <string>

#include "emulator_fixture.hpp"

namespace azscsp::emulator::test {

// Stamp and Graph ids of emulator/fixtures/default.json.
namespace sfx {
inline const std::string kDps = "8ab2551d-41e5-489b-9273-1cdf1cbc7dc6";
inline const std::string kAdminRg = "system.local";
inline const std::string kArmApp = "a4f3e9d2-6c1b-4e8a-9f70-3b2d1c0e5f61";
inline const std::string kAdminAudience =
    "https://adminmanagement.contosocsp.onmicrosoft.com/a4f3e9d2-6c1b-4e8a-9f70-3b2d1c0e5f61";
inline const std::string kTenantAudience =
    "https://management.contosocsp.onmicrosoft.com/a4f3e9d2-6c1b-4e8a-9f70-3b2d1c0e5f61";
inline const std::string kFabrikamStampSub = "6c1f0b9e-0a4f-4d8e-9a51-0f4f2b7d3c11";
inline const std::string kAdatumStampSub = "7d2e1c0f-1b5a-4e9f-8b62-1a5a3c8e4d22";
inline const std::string kDeletedStampSub = "8e3f2d1a-2c6b-4fa0-9c73-2b6b4d9f5e33";
inline const std::string kFabrikamDomain = "fabrikam.onmicrosoft.com";
inline const std::string kAdatumDomain = "adatum.onmicrosoft.com";
inline const std::string kFabrikamAdmin = "admin@fabrikam.onmicrosoft.com";
inline const std::string kFabrikamAdminPassword = "emulator-fabrikam-admin-password";
inline const std::string kFabrikamReader = "reader@fabrikam.onmicrosoft.com";
inline const std::string kFabrikamReaderPassword = "emulator-fabrikam-reader-password";
inline const std::string kAdatumAdmin = "admin@adatum.onmicrosoft.com";
inline const std::string kAdatumAdminPassword = "emulator-adatum-admin-password";
inline const std::string kOperator = "operator@contosocsp.onmicrosoft.com";
inline const std::string kOperatorPassword = "emulator-operator-password";
inline const std::string kGraphApp = "00000003-0000-0000-c000-000000000000";
inline const std::string kPowerShellApp = "1950a258-227b-4e31-a9cf-717495945fc2";
inline const std::string kDirectoryReadAllRole = "7ab1d382-f21e-4acd-a863-ba3e13f7da61";
inline const std::string kApp1 = "b3c5d7e9-1a2b-4c3d-8e4f-5a6b7c8d9e01";  // Deployment
inline const std::string kApp2 = "e4f5a6b7-2c3d-4e5f-9a6b-7c8d9e0f1a04";  // Policy
inline const std::string kApp3 = "b7c8d9e0-5f6a-4b7c-8d9e-0f1a2b3c4d07";  // Portal
inline const std::string kOwnerRole = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
}  // namespace sfx

class StampClients {
 public:
  explicit StampClients(EmulatorUnderTest& emu);
  EmulatorUnderTest& emu;
  std::unique_ptr<HttpsClient> admin, tenant, graph;

  // Password grant (v1, public client) for `resource` in `tenant`; the raw result.
  HttpResult UserTokenResult(const std::string& upn, const std::string& password,
                             const std::string& resource, const std::string& tenant);
  // The access token (BOOST_REQUIRE on success).
  std::string UserToken(const std::string& upn, const std::string& password,
                        const std::string& resource, const std::string& tenant);
  std::string OperatorAdminToken();
  std::string GraphToken(const std::string& upn, const std::string& password,
                         const std::string& tenant);
  std::string GraphUrl() const;

  static HttpResult Call(HttpsClient& client, const std::string& method, const std::string& target,
                         const std::string& token, const std::string& body = {});
};

std::string DirectoryTenantPath(const std::string& name, const std::string& rg = sfx::kAdminRg);
std::string GraphErrorCode(const HttpResult& r);

}  // namespace azscsp::emulator::test
