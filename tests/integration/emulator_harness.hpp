// Starts an emulator in this process on a free port with a fresh data folder, and gives tests the
// fixture values and an unauthenticated client for the emulator's control endpoints.
#pragma once

#include <memory>
#include <string>

#include "azscsp/http/beast_transport.hpp"
#include "azscsp_emulator/emulator.hpp"

namespace azscsp::integration {

// Values from emulator/fixtures/default.json.
struct Fixtures {
  static constexpr const char* kHomeTenant = "530c1840-90ce-4fab-b0f9-3be7428f67ec";
  static constexpr const char* kOwnerAppId = "5a0bec8c-2de1-4669-be79-dc35df07444b";
  static constexpr const char* kOwnerSecret = "emulator-owner-secret";
  static constexpr const char* kReaderAppId = "5ebb01bb-965c-4caa-9c4d-92187dad5277";
  static constexpr const char* kReaderSecret = "emulator-reader-secret";
  static constexpr const char* kRegistrationSubscription = "414f12af-d3bb-44fd-a278-d0aff47d869b";
  static constexpr const char* kFabrikamSubscription = "fd6f3b4e-ca7e-4807-8b42-cb4ec0d55f3c";
  static constexpr const char* kFabrikamTenant = "e40189a3-e640-46a3-b8ff-16b642010b0d";
  static constexpr const char* kOtherPartnerSubscription = "e92ea18c-3e63-4416-a6e6-b6abe1c075ab";
  static constexpr const char* kNonCspSubscription = "c3657abc-8da1-444e-a5d3-e51f3e6d97c3";
};

class EmulatorHarness {
 public:
  explicit EmulatorHarness(emulator::EmulatorOptions options = {});
  ~EmulatorHarness();

  std::string BaseUrl() const { return emulator_->BaseUrl(); }
  // The stamp's listeners (issue 5): admin ARM, tenant ARM, Microsoft Graph (no trailing '/').
  std::string AdminBaseUrl() const { return emulator_->AdminBaseUrl(); }
  std::string TenantBaseUrl() const { return emulator_->TenantBaseUrl(); }
  std::string GraphUrl() const { return emulator_->GraphUrl(); }
  // The Partner Center listener (issue 7), with its trailing '/'.
  std::string PartnerCenterUrl() const { return emulator_->PartnerCenterUrl(); }
  std::string CaPath() const { return emulator_->CaCertificatePath(); }
  // POST/GET to /_emulator/... (no authentication); returns the response body.
  std::string Control(const std::string& method, const std::string& path,
                      const std::string& body = {});
  // Number of requests the emulator saw whose path contains `fragment`.
  int CountRequests(const std::string& method, const std::string& fragment);

 private:
  std::string data_dir_;
  std::unique_ptr<emulator::Emulator> emulator_;
  http::BeastTransport control_transport_;
};

}  // namespace azscsp::integration
