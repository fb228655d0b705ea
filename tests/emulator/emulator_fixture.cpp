#include "emulator_fixture.hpp"

#include <atomic>
#include <boost/json.hpp>
#include <filesystem>
#include <stdexcept>

#include "util/files.hpp"
#include "util/strings.hpp"

namespace fs = std::filesystem;

namespace azscsp::emulator::test {
namespace {

// TLS material generated once per test run and copied into each data directory: key generation
// is the slowest part of a start, and reuse is itself a feature under test.
const fs::path& TemplateDir() {
  static const fs::path dir = [] {
    fs::path path = fs::temp_directory_path() /
                    ("azscsp-emulator-tests-" + std::to_string(CurrentProcessId()) + "-template");
    fs::remove_all(path);
    EmulatorOptions options;
    options.data_dir = path.string();
    Emulator warmup(options);
    warmup.Start();
    warmup.Stop();
    return path;
  }();
  return dir;
}

std::string NewDataDir() {
  static std::atomic<int> counter{0};
  fs::path dir =
      fs::temp_directory_path() / ("azscsp-emulator-tests-" + std::to_string(CurrentProcessId()) +
                                   "-" + std::to_string(++counter));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const char* file :
       {"ca.pem", "ca-key.pem", "server.pem", "server-key.pem", "token-signing-key.pem"}) {
    fs::copy_file(TemplateDir() / file, dir / file);
  }
  return dir.string();
}

}  // namespace

std::string UrlEncode(const std::string& text) {
  return PercentEncode(text);
}

EmulatorUnderTest::EmulatorUnderTest(const std::function<void(EmulatorOptions&)>& customize)
    : data_dir_(NewDataDir()) {
  EmulatorOptions options;
  options.data_dir = data_dir_;
  if (customize) customize(options);
  emulator_ = std::make_unique<Emulator>(options);
  emulator_->Start();
  client_ = NewClient();
}

EmulatorUnderTest::~EmulatorUnderTest() {
  client_.reset();
  emulator_->Stop();
  std::error_code ignored;
  fs::remove_all(data_dir_, ignored);
}

std::unique_ptr<HttpsClient> EmulatorUnderTest::NewClient() const {
  return std::make_unique<HttpsClient>("localhost", emulator_->Port(),
                                       emulator_->CaCertificatePath());
}

HttpResult EmulatorUnderTest::TokenRequest(const std::string& tenant, const std::string& form,
                                           bool v2) {
  return client_->Request("POST", "/" + tenant + (v2 ? "/oauth2/v2.0/token" : "/oauth2/token"),
                          form, {{"Content-Type", "application/x-www-form-urlencoded"}});
}

std::string EmulatorUnderTest::Token(const std::string& app, const std::string& secret) {
  HttpResult result =
      TokenRequest(fx::kHomeTenant, "grant_type=client_credentials&client_id=" + app +
                                        "&client_secret=" + UrlEncode(secret) +
                                        "&resource=" + UrlEncode(fx::kArmResource));
  if (result.status != 200) throw std::runtime_error("token request failed: " + result.body);
  return std::string(result.Json().at("access_token").as_string());
}

const std::string& EmulatorUnderTest::OwnerToken() {
  if (owner_token_.empty()) owner_token_ = Token(fx::kOwnerApp, fx::kOwnerSecret);
  return owner_token_;
}

const std::string& EmulatorUnderTest::ReaderToken() {
  if (reader_token_.empty()) reader_token_ = Token(fx::kReaderApp, fx::kReaderSecret);
  return reader_token_;
}

HttpResult EmulatorUnderTest::Arm(const std::string& method, const std::string& target,
                                  const std::string& body, const std::string* token,
                                  const HeaderList& headers) {
  HeaderList all = headers;
  const std::string& bearer = token ? *token : OwnerToken();
  if (!bearer.empty()) all.emplace_back("Authorization", "Bearer " + bearer);
  if (!body.empty()) all.emplace_back("Content-Type", "application/json");
  return client_->Request(method, target, body, all);
}

std::string EmulatorUnderTest::RegistrationPath(const std::string& name) {
  return "/subscriptions/" + fx::kRegistrationSub +
         "/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/" + name;
}

std::string EmulatorUnderTest::MappingPath(const std::string& registration,
                                           const std::string& customer,
                                           const std::string& api_version) {
  return RegistrationPath(registration) + "/customerSubscriptions/" + customer +
         "?api-version=" + api_version;
}

}  // namespace azscsp::emulator::test
