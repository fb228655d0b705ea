// customerSubscriptions: spec and docs modes, the one-subscription-per-tenant rule, paging and
// every CSP error of api.md §1.4.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <set>

#include "emulator_fixture.hpp"

namespace json = boost::json;
using namespace azscsp::emulator::test;

namespace {

const std::string kType = "Microsoft.AzureStack/registrations/customerSubscriptions";

std::string ListPath(const std::string& registration,
                     const std::string& api_version = "2017-06-01") {
  return EmulatorUnderTest::RegistrationPath(registration) +
         "/customerSubscriptions?api-version=" + api_version;
}

std::string ErrorMessage(const HttpResult& r) {
  return std::string(r.Json().at("error").at("message").as_string());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(customer_subscriptions)

BOOST_AUTO_TEST_CASE(put_returns_200_with_full_body_and_fills_tenant) {
  EmulatorUnderTest emu;
  HttpResult r = emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub),
                         R"({"properties":{}})");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::object body = r.Json().as_object();
  BOOST_TEST(body.at("id").as_string() == EmulatorUnderTest::RegistrationPath("myreg") +
                                              "/customerSubscriptions/" + fx::kFabrikamSub);
  BOOST_TEST(body.at("name").as_string() == "myreg/" + fx::kFabrikamSub);
  BOOST_TEST(body.at("type").as_string() == kType);
  BOOST_TEST(!body.at("etag").as_string().empty());
  BOOST_TEST(body.at("properties").at("tenantId").as_string() == fx::kFabrikamTenant);
  BOOST_TEST(!body.contains("systemData"));  // only in 2020-06-01-preview

  r = emu.Arm("GET", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub));
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.Json().at("properties").at("tenantId").as_string() == fx::kFabrikamTenant);
}

BOOST_AUTO_TEST_CASE(put_accepts_every_body_form) {
  EmulatorUnderTest emu;
  for (const std::string& body :
       {std::string(), std::string("{}"), std::string(R"({"properties":{}})"),
        R"({"properties":{"tenantId":")" + fx::kAdatumTenant + R"("}})",
        std::string(
            R"({"id":"x","name":"y","type":"z","systemData":{},"etag":"e","properties":{}})")}) {
    HttpResult r = emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", fx::kAdatumSub), body);
    BOOST_TEST(r.status == 200, body << " -> " << r.body);
    BOOST_TEST(r.Json().at("properties").at("tenantId").as_string() == fx::kAdatumTenant);
  }
  HttpResult r =
      emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", fx::kAdatumSub), "{not json");
  BOOST_TEST(r.status == 400);
}

BOOST_AUTO_TEST_CASE(preview_api_version_adds_system_data) {
  EmulatorUnderTest emu;
  HttpResult r = emu.Arm(
      "PUT", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub, "2020-06-01-preview"), "{}");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::object system_data = r.Json().at("systemData").as_object();
  BOOST_TEST(system_data.at("createdBy").as_string() == fx::kOwnerApp);
  BOOST_TEST(system_data.at("createdByType").as_string() == "Application");
  BOOST_TEST(emu.Arm("GET", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub, "2022-06-01"))
                 .status == 200);
}

BOOST_AUTO_TEST_CASE(docs_mode_put_201_empty_and_delete_always_204) {
  EmulatorUnderTest emu([](auto& o) { o.docs_mode = true; });
  HttpResult r = emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub), "{}");
  BOOST_TEST(r.status == 201);
  BOOST_TEST(r.body.empty());
  BOOST_TEST(emu.Arm("GET", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub)).status ==
             200);
  BOOST_TEST(emu.Arm("DELETE", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub)).status ==
             204);
  BOOST_TEST(emu.Arm("GET", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub)).status ==
             404);
  BOOST_TEST(emu.Arm("DELETE", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub)).status ==
             204);
}

BOOST_AUTO_TEST_CASE(get_absent_is_404_and_delete_is_200_then_204) {
  EmulatorUnderTest emu;
  HttpResult r = emu.Arm("GET", EmulatorUnderTest::MappingPath("myreg", fx::kNorthwindSub));
  BOOST_TEST(r.status == 404);
  BOOST_TEST(r.ErrorCode() == "CustomerSubscriptionNotFound");
  BOOST_TEST(ErrorMessage(r) == fx::kNorthwindSub +
                                    " was not found under myreg. Make sure a valid Azure "
                                    "subscription is being used and that the subscription ID was "
                                    "added to the registration using the PUT operation.");

  BOOST_TEST(emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", fx::kNorthwindSub)).status ==
             200);
  r = emu.Arm("DELETE", EmulatorUnderTest::MappingPath("myreg", fx::kNorthwindSub));
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.body.empty());
  BOOST_TEST(emu.Arm("DELETE", EmulatorUnderTest::MappingPath("myreg", fx::kNorthwindSub)).status ==
             204);
}

BOOST_AUTO_TEST_CASE(ids_match_case_insensitively_and_echo_the_stored_case) {
  EmulatorUnderTest emu;
  std::string upper = "FD6F3B4E-CA7E-4807-8B42-CB4EC0D55F3C";
  BOOST_TEST(emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", upper)).status == 200);
  HttpResult r = emu.Arm("GET", EmulatorUnderTest::MappingPath("MyReg", fx::kFabrikamSub));
  BOOST_TEST_REQUIRE(r.status == 200);
  BOOST_TEST(r.Json().at("name").as_string() == "myreg/" + upper);
  r = emu.Arm("GET", ListPath("myreg"));
  BOOST_TEST(r.Json().at("value").as_array().size() == 1u);  // the lower-case GUID is the same
}

BOOST_AUTO_TEST_CASE(one_subscription_per_tenant_overwrites_the_previous_mapping) {
  EmulatorUnderTest emu;
  const std::string second = "0b1f7c2e-41a6-4f0e-9a7e-3f1d2c4b5a69";  // unknown => CSP of contoso
  BOOST_TEST(emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub)).status ==
             200);
  BOOST_TEST(emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", fx::kAdatumSub)).status == 200);
  HttpResult r = emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", second),
                         R"({"properties":{"tenantId":")" + fx::kFabrikamTenant + R"("}})");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);

  r = emu.Arm("GET", ListPath("myreg"));
  std::set<std::string> names;
  json::value list = r.Json();
  for (const auto& item : list.at("value").as_array()) {
    names.insert(std::string(item.at("name").as_string()));
  }
  BOOST_TEST(names.size() == 2u);
  BOOST_TEST(names.count("myreg/" + second) == 1u);
  BOOST_TEST(names.count("myreg/" + fx::kAdatumSub) == 1u);
  BOOST_TEST(emu.Arm("GET", EmulatorUnderTest::MappingPath("myreg", fx::kFabrikamSub)).status ==
             404);
}

BOOST_AUTO_TEST_CASE(unknown_subscription_gets_a_deterministic_directory) {
  EmulatorUnderTest emu;
  const std::string customer = "3c2a1f0e-5b6d-4e7f-8a9b-0c1d2e3f4a5b";
  std::string tenant1(emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", customer))
                          .Json()
                          .at("properties")
                          .at("tenantId")
                          .as_string());
  EmulatorUnderTest other;
  std::string tenant2(other.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", customer))
                          .Json()
                          .at("properties")
                          .at("tenantId")
                          .as_string());
  BOOST_TEST(tenant1.size() == 36u);
  BOOST_TEST(tenant1 == tenant2);
}

BOOST_AUTO_TEST_CASE(empty_list_and_paging_with_next_link) {
  EmulatorUnderTest emu([](auto& o) { o.page_size = 3; });
  HttpResult r = emu.Arm("GET", ListPath("myreg"));
  BOOST_TEST_REQUIRE(r.status == 200);
  BOOST_TEST(r.body == R"({"value":[]})");

  std::set<std::string> created;
  for (int i = 0; i < 8; ++i) {
    char id[64];
    std::snprintf(id, sizeof id, "%08x-0000-4000-8000-%012x", 0xabc00000 + i, i);
    BOOST_TEST_REQUIRE(emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", id)).status == 200);
    created.insert(id);
  }
  std::set<std::string> seen;
  std::string next = ListPath("myreg");
  int pages = 0;
  while (!next.empty()) {
    r = emu.Arm("GET", next);
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    json::object page = r.Json().as_object();
    BOOST_TEST(page.at("value").as_array().size() <= 3u);
    for (const auto& item : page.at("value").as_array()) {
      std::string id(item.at("id").as_string());
      seen.insert(id.substr(id.rfind('/') + 1));
    }
    next.clear();
    if (const json::value* link = page.if_contains("nextLink")) {
      std::string url(link->as_string());
      BOOST_TEST_REQUIRE(url.rfind(emu.emulator().BaseUrl(), 0) == 0u, url);
      BOOST_TEST(url.find("api-version=2017-06-01") != std::string::npos);
      BOOST_TEST(url.find("$skipToken=") != std::string::npos);
      next = url.substr(emu.emulator().BaseUrl().size());
    }
    ++pages;
  }
  BOOST_TEST(pages == 3);
  BOOST_TEST(seen == created);
}

BOOST_AUTO_TEST_CASE(csp_error_codes) {
  EmulatorUnderTest emu;
  HttpResult r = emu.Arm("PUT", EmulatorUnderTest::MappingPath("nosuchreg", fx::kFabrikamSub));
  BOOST_TEST(r.status == 404);
  BOOST_TEST(r.ErrorCode() == "RegistrationNotFound");
  BOOST_TEST(ErrorMessage(r) ==
             "The provided registration was not found. Make sure the following information was "
             "provided correctly: 1. Subscription identifier (value provided: " +
                 fx::kRegistrationSub +
                 "), 2. Resource group (value provided: azurestack), 3. "
                 "Registration name (value provided: nosuchreg).");

  r = emu.Arm("PUT", EmulatorUnderTest::MappingPath("capacityreg", fx::kFabrikamSub));
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.ErrorCode() == "CustomerSubscriptionsNotAllowed");

  r = emu.Arm("PUT", EmulatorUnderTest::MappingPath("unapprovedreg", fx::kFabrikamSub));
  BOOST_TEST(r.status == 403);
  BOOST_TEST(r.ErrorCode() == "UnauthorizedCspRegistration");
  BOOST_TEST(ErrorMessage(r).find("unapprovedreg is not approved to use multi-tenancy") !=
             std::string::npos);

  r = emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", fx::kOtherPartnerSub));
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.ErrorCode() == "BadCustomerSubscriptionId");

  r = emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", "not-a-subscription-id"));
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.ErrorCode() == "InvalidCustomerSubscriptionId");

  r = emu.Arm("PUT", EmulatorUnderTest::MappingPath("myreg", fx::kPayAsYouGoSub));
  BOOST_TEST(r.status == 400);
  BOOST_TEST(r.ErrorCode() == "InvalidCSPSubscription");

  // The registration-level errors apply to reads as well.
  BOOST_TEST(emu.Arm("GET", ListPath("capacityreg")).ErrorCode() ==
             "CustomerSubscriptionsNotAllowed");
  BOOST_TEST(emu.Arm("GET", ListPath("nosuchreg")).ErrorCode() == "RegistrationNotFound");
  BOOST_TEST(emu.Arm("GET", ListPath("myreg")).status == 200);  // nothing was stored
  BOOST_TEST(emu.Arm("GET", ListPath("myreg")).body == R"({"value":[]})");
}

BOOST_AUTO_TEST_SUITE_END()
