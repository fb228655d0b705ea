// --record DIR / AZSCSP_EMULATOR_RECORD_DIR: one oav validate-traffic JSON file per ARM or
// /metadata exchange, never a token endpoint or control call, never a credential.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <set>

#include "lifecycle_test_helpers.hpp"
#include "util/files.hpp"

namespace json = boost::json;
namespace fs = std::filesystem;
using namespace azscsp::emulator;
using namespace azscsp::emulator::test;

namespace {

fs::path NewRecordDir(const std::string& label) {
  fs::path dir =
      fs::temp_directory_path() /
      ("azscsp-emulator-tests-" + std::to_string(CurrentProcessId()) + "-record-" + label);
  fs::remove_all(dir);
  return dir;
}

struct Recorded {
  std::string file_name;
  std::string text;
  json::object exchange;
};

std::vector<Recorded> ReadRecords(const fs::path& dir) {
  std::vector<Recorded> out;
  if (!fs::exists(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    Recorded r;
    r.file_name = entry.path().filename().string();
    r.text = *ReadFileIfExists(entry.path());
    r.exchange = json::parse(r.text).as_object();  // throws (fails the test) if not JSON
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(),
            [](const Recorded& a, const Recorded& b) { return a.file_name < b.file_name; });
  return out;
}

void SetRecordEnvironment(const std::string& value) {
#ifdef _WIN32
  _putenv_s("AZSCSP_EMULATOR_RECORD_DIR", value.c_str());
#else
  if (value.empty()) {
    unsetenv("AZSCSP_EMULATOR_RECORD_DIR");
  } else {
    setenv("AZSCSP_EMULATOR_RECORD_DIR", value.c_str(), 1);
  }
#endif
}

}  // namespace

BOOST_AUTO_TEST_SUITE(traffic_recording)

BOOST_AUTO_TEST_CASE(arm_and_metadata_exchanges_are_recorded_without_credentials) {
  fs::path dir = NewRecordDir("option");
  EmulatorUnderTest emu([&](auto& o) { o.record_dir = dir.string(); });
  const std::string token = emu.OwnerToken();  // token endpoint: not recorded
  const std::string reg =
      EmulatorUnderTest::RegistrationPath("recorded") + "?api-version=2017-06-01";

  BOOST_TEST(emu.client().Request("GET", "/metadata/endpoints?api-version=2015-01-01").status ==
             200);
  BOOST_TEST(
      emu.Arm("PUT", reg, RegistrationBodyFor("48000000-2222-4333-8444-555555555555")).status ==
      201);
  BOOST_TEST(emu.Arm("GET", reg).status == 200);
  BOOST_TEST(emu.Arm("PATCH", reg, "this is not json").status == 400);
  BOOST_TEST(emu.client().Request("GET", "/_emulator/requests").status == 200);  // control
  BOOST_TEST(emu.client()
                 .Request("GET", "/" + fx::kHomeTenant + "/.well-known/openid-configuration")
                 .status == 200);  // identity

  std::vector<Recorded> records = ReadRecords(dir);
  BOOST_TEST_REQUIRE(records.size() == 4u);
  const std::regex name_shape(R"(^\d+-\d+-\d{6}-(GET|PUT|PATCH)-[A-Za-z0-9._-]+\.json$)");
  const std::string base = emu.emulator().BaseUrl();
  const char* methods[] = {"GET", "PUT", "GET", "PATCH"};
  const char* statuses[] = {"200", "201", "200", "400"};
  for (size_t i = 0; i < records.size(); ++i) {
    const Recorded& r = records[i];
    BOOST_TEST(std::regex_match(r.file_name, name_shape), r.file_name);
    const json::object& request = r.exchange.at("liveRequest").as_object();
    const json::object& response = r.exchange.at("liveResponse").as_object();
    BOOST_TEST(request.at("method").as_string() == methods[i]);
    BOOST_TEST(request.at("url").as_string().subview().substr(0, base.size()) == base);
    BOOST_TEST(request.at("headers").is_object());
    BOOST_TEST(request.contains("body"));
    BOOST_TEST(response.at("statusCode").as_string() == statuses[i]);  // a string, for oav
    BOOST_TEST(response.at("headers").is_object());
    BOOST_TEST(response.contains("body"));
    // Secrets never reach the file.
    BOOST_TEST(r.text.find(token) == std::string::npos);
    BOOST_TEST(r.text.find(token.substr(0, 40)) == std::string::npos);
    BOOST_TEST(r.text.find(fx::kOwnerSecret) == std::string::npos);
    BOOST_TEST(r.text.find("oauth2") == std::string::npos);
    if (i > 0) {
      BOOST_TEST(request.at("headers").at("authorization").as_string() == "Bearer [redacted]");
    }
  }
  // File order is exchange order (the sequence number).
  BOOST_TEST(records[0].exchange.at("liveRequest").at("url").as_string() ==
             base + "/metadata/endpoints?api-version=2015-01-01");
  BOOST_TEST(records[0].exchange.at("liveRequest").at("body").is_null());
  BOOST_TEST(records[1].exchange.at("liveRequest").at("url").as_string() == base + reg);
  BOOST_TEST(records[1].exchange.at("liveRequest").at("body").at("location").as_string() ==
             "global");
  BOOST_TEST(records[1].exchange.at("liveResponse").at("body").at("name").as_string() ==
             "recorded");
  BOOST_TEST(records[1].exchange.at("liveResponse").at("headers").at("content-type").as_string() ==
             "application/json; charset=utf-8");
  BOOST_TEST(records[3].exchange.at("liveRequest").at("body").is_null());  // not JSON
  BOOST_TEST(records[3].exchange.at("liveResponse").at("body").at("error").is_object());

  // No temporary files are left behind.
  for (const auto& entry : fs::directory_iterator(dir)) {
    BOOST_TEST(entry.path().extension() == ".json", entry.path().string());
  }
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(the_environment_variable_turns_recording_on_for_every_emulator) {
  fs::path dir = NewRecordDir("environment");
  SetRecordEnvironment(dir.string());
  {
    // Two emulators of one process writing one directory do not collide.
    EmulatorUnderTest first;
    EmulatorUnderTest second;
    SetRecordEnvironment("");
    json::object status =
        json::parse(*ReadFileIfExists(first.emulator().StatusFilePath())).as_object();
    BOOST_TEST(status.at("recordDir").as_string() == fs::absolute(dir).string());
    for (EmulatorUnderTest* emu : {&first, &second, &first}) {
      BOOST_TEST(
          emu->Arm("GET", EmulatorUnderTest::RegistrationPath("myreg") + "?api-version=2017-06-01")
              .status == 200);
    }
    std::vector<Recorded> records = ReadRecords(dir);
    BOOST_TEST(records.size() == 3u);
    std::set<std::string> prefixes;
    for (const Recorded& r : records) {
      prefixes.insert(r.file_name.substr(0, r.file_name.find('-', r.file_name.find('-') + 1)));
    }
    BOOST_TEST(prefixes.size() == 2u);  // {pid}-{instance}: one per emulator
  }
  // Off again: no recordDir.
  EmulatorUnderTest quiet;
  json::object status =
      json::parse(*ReadFileIfExists(quiet.emulator().StatusFilePath())).as_object();
  BOOST_TEST(status.at("recordDir").is_null());
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(an_unusable_record_directory_fails_the_start) {
  fs::path file = NewRecordDir("file");
  WriteFileAtomic(file, "not a directory");
  EmulatorOptions options;
  options.data_dir =
      (fs::temp_directory_path() /
       ("azscsp-emulator-tests-" + std::to_string(CurrentProcessId()) + "-record-start"))
          .string();
  options.record_dir = (file / "sub").string();
  Emulator emulator(options);
  BOOST_CHECK_THROW(emulator.Start(), std::exception);
  fs::remove(file);
  fs::remove_all(options.data_dir);
}

BOOST_AUTO_TEST_SUITE_END()
