// Test fixture: an in-process emulator on a free port with its own temporary data directory,
// a TLS client trusting its CA, and helpers for tokens and ARM calls.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "azscsp_emulator/emulator.hpp"
#include "https_client.hpp"

namespace azscsp::emulator::test {

// Ids and secrets of emulator/fixtures/default.json.
namespace fx {
inline const std::string kHomeTenant = "530c1840-90ce-4fab-b0f9-3be7428f67ec";
inline const std::string kHomeDomain = "contosocsp.onmicrosoft.com";
inline const std::string kFabrikamTenant = "e40189a3-e640-46a3-b8ff-16b642010b0d";
inline const std::string kAdatumTenant = "f5a12742-f96c-4f7a-9a01-f2ad9beb4efc";
inline const std::string kOwnerApp = "5a0bec8c-2de1-4669-be79-dc35df07444b";
inline const std::string kOwnerObject = "e70ed564-e799-4142-94d7-8216d112c335";
inline const std::string kOwnerSecret = "emulator-owner-secret";
inline const std::string kReaderApp = "5ebb01bb-965c-4caa-9c4d-92187dad5277";
inline const std::string kReaderSecret = "emulator-reader-secret";
inline const std::string kReaderObject = "5a8b6ca8-9d04-4f40-9cd2-7a7fea07ae99";
inline const std::string kRegistrationSub = "414f12af-d3bb-44fd-a278-d0aff47d869b";
inline const std::string kFabrikamSub = "fd6f3b4e-ca7e-4807-8b42-cb4ec0d55f3c";
inline const std::string kAdatumSub = "7d7b7c70-8909-4c01-a082-0e2106b4a48b";
inline const std::string kNorthwindSub = "8e06e68b-f5b3-4420-a4f1-2e6a4f5a2ce8";
inline const std::string kOtherPartnerSub = "e92ea18c-3e63-4416-a6e6-b6abe1c075ab";
inline const std::string kPayAsYouGoSub = "c3657abc-8da1-444e-a5d3-e51f3e6d97c3";
inline const std::string kArmResource = "https://management.core.windows.net/";
}  // namespace fx

class EmulatorUnderTest {
 public:
  explicit EmulatorUnderTest(const std::function<void(EmulatorOptions&)>& customize = {});
  ~EmulatorUnderTest();

  Emulator& emulator() { return *emulator_; }
  HttpsClient& client() { return *client_; }
  std::unique_ptr<HttpsClient> NewClient() const;
  const std::string& data_dir() const { return data_dir_; }

  // POST /{tenant}/oauth2/token (v1) with a client secret; the parsed response.
  HttpResult TokenRequest(const std::string& tenant, const std::string& form, bool v2 = false);
  // An access token for ARM (throws when the token endpoint refuses).
  std::string Token(const std::string& app, const std::string& secret);
  const std::string& OwnerToken();
  const std::string& ReaderToken();

  // ARM call with a bearer token (Owner by default; "" sends no Authorization header).
  HttpResult Arm(const std::string& method, const std::string& target, const std::string& body = {},
                 const std::string* token = nullptr, const HeaderList& headers = {});

  // /subscriptions/{registration sub}/resourceGroups/azurestack/providers/Microsoft.AzureStack/
  // registrations/{name}
  static std::string RegistrationPath(const std::string& name);
  static std::string MappingPath(const std::string& registration, const std::string& customer,
                                 const std::string& api_version = "2017-06-01");

 private:
  std::string data_dir_;
  std::unique_ptr<Emulator> emulator_;
  std::unique_ptr<HttpsClient> client_;
  std::string owner_token_;
  std::string reader_token_;
};

std::string UrlEncode(const std::string& text);

}  // namespace azscsp::emulator::test
