// Helpers shared by the sign-in tests (device code, password, refresh, certificate, AD FS).
#pragma once

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <string>

#include "emulator_fixture.hpp"

namespace azscsp::emulator::test {

namespace fx {
inline const std::string kPublicClient = "1950a258-227b-4e31-a9cf-717495945fc2";
inline const std::string kOperatorUpn = "operator@contosocsp.onmicrosoft.com";
inline const std::string kOperatorPassword = "emulator-operator-password";
inline const std::string kOperatorObject = "9291468e-4be4-4779-a407-7346b4963ebc";
inline const std::string kMfaUpn = "mfa-admin@contosocsp.onmicrosoft.com";
inline const std::string kMfaPassword = "emulator-mfa-password";
inline const std::string kCertApp = "555f8509-e75d-4158-a4a0-7893fb35c3ea";
inline const std::string kCertObject = "74ad199c-0093-4681-9435-03f92dff9d6e";
inline const std::string kAdfsAudience =
    "https://management.adfs.azurestack.local/8c6e3b54-2f1a-4d8e-9b7c-5e4a3f2d1c0b";
}  // namespace fx

boost::json::object JwtClaims(const std::string& token);
// Checks an Entra error body: status, error, AADSTS code (0: no code expected).
void CheckAadError(const HttpResult& r, int status, const std::string& error, long code);
// Checks an AD FS error body: only error and error_description.
void CheckAdfsError(const HttpResult& r, int status, const std::string& error);
HttpResult PostForm(EmulatorUnderTest& emu, const std::string& path, const std::string& form);
HttpResult Control(EmulatorUnderTest& emu, const std::string& method, const std::string& path,
                   const std::string& body = {});
// GET /subscriptions/{registration sub} with this bearer token.
int ArmStatus(EmulatorUnderTest& emu, const std::string& token);
std::string Str(const boost::json::value& v, const char* name);

}  // namespace azscsp::emulator::test
