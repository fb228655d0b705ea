#include "sign_in_test_helpers.hpp"

#include "util/base64.hpp"

namespace json = boost::json;

namespace azscsp::emulator::test {

json::object JwtClaims(const std::string& token) {
  size_t first = token.find('.');
  size_t second = token.find('.', first + 1);
  auto payload = azscsp::emulator::Base64Decode(token.substr(first + 1, second - first - 1));
  BOOST_REQUIRE(payload);
  return json::parse(*payload).as_object();
}

void CheckAadError(const HttpResult& r, int status, const std::string& error, long code) {
  BOOST_TEST(r.status == status, r.body);
  json::object body = r.Json().as_object();
  BOOST_TEST(body.at("error").as_string() == error, r.body);
  std::string description(body.at("error_description").as_string());
  if (code != 0) {
    BOOST_TEST(description.rfind("AADSTS" + std::to_string(code) + ": ", 0) == 0, description);
    BOOST_TEST(body.at("error_codes").as_array().at(0).to_number<long>() == code);
  }
  for (const char* field : {"timestamp", "trace_id", "correlation_id", "error_uri"}) {
    BOOST_TEST(body.contains(field), field);
  }
}

void CheckAdfsError(const HttpResult& r, int status, const std::string& error) {
  BOOST_TEST(r.status == status, r.body);
  json::object body = r.Json().as_object();
  BOOST_TEST(body.size() == 2u, r.body);
  BOOST_TEST(body.at("error").as_string() == error, r.body);
  BOOST_TEST(body.at("error_description").is_string());
}

HttpResult PostForm(EmulatorUnderTest& emu, const std::string& path, const std::string& form) {
  return emu.client().Request("POST", path, form,
                              {{"Content-Type", "application/x-www-form-urlencoded"}});
}

HttpResult Control(EmulatorUnderTest& emu, const std::string& method, const std::string& path,
                   const std::string& body) {
  HeaderList headers;
  if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
  return emu.client().Request(method, path, body, headers);
}

int ArmStatus(EmulatorUnderTest& emu, const std::string& token) {
  return emu
      .Arm("GET", "/subscriptions/" + fx::kRegistrationSub + "?api-version=2021-04-01", {}, &token)
      .status;
}

std::string Str(const json::value& v, const char* name) {
  return std::string(v.at(name).as_string());
}

}  // namespace azscsp::emulator::test
