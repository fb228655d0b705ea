// Partner Center listener: emulator.json, authentication, headers, error shapes, customers
// (seek paging, filter, get, create with its tenant, domains, address validation) and reset.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <set>

#include "partner_center_test_helpers.hpp"
#include "util/files.hpp"

namespace json = boost::json;
using namespace azscsp::emulator::test;
using azscsp::emulator::EmulatorOptions;

namespace {

const std::string kAddress =
    R"("DefaultAddress":{"FirstName":"Tess","LastName":"Ter","AddressLine1":"One Microsoft Way",)"
    R"("City":"Redmond","State":"WA","PostalCode":"98052","Country":"US"})";

std::string NewCustomerBody(const std::string& domain, const std::string& address = kAddress) {
  return R"({"CompanyProfile":{"Domain":")" + domain +
         R"("},"BillingProfile":{"Culture":"EN-US","Email":"tess@example.com","Language":"en",)"
         R"("CompanyName":"Test Company",)" +
         address + "}}";
}

std::vector<std::string> Names(const json::value& page) {
  std::vector<std::string> names;
  for (const json::value& item : page.at("items").as_array()) {
    names.push_back(JStr(item.at("companyProfile"), "companyName"));
  }
  return names;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(partner_center_customers)

BOOST_FIXTURE_TEST_CASE(emulator_json_announces_the_listener, PcFixture) {
  std::string text = *azscsp::emulator::ReadFileIfExists(emu.emulator().StatusFilePath());
  json::value status = json::parse(text);
  std::string url = JStr(status, "partnerCenterUrl");
  BOOST_TEST(url == emu.emulator().PartnerCenterUrl());
  BOOST_TEST(url.back() == '/');
  BOOST_TEST(url.find(std::to_string(emu.emulator().PartnerCenterPort())) != std::string::npos);
  BOOST_TEST(JStr(status.at("audiences"), "partnerCenter") == pcfx::kResource);
}

BOOST_FIXTURE_TEST_CASE(authentication_errors, PcFixture) {
  const std::string none;
  HttpResult r = Call("GET", "/v1/customers", {}, &none);
  CheckPcError(r, 401, 400);
  BOOST_TEST(r.Header("WWW-Authenticate").rfind("OAuth realm=urn:cpsvc:cpid:", 0) == 0u);
  const std::string garbage = "not-a-jwt";
  CheckPcError(Call("GET", "/v1/customers", {}, &garbage), 401, 400);
  // An ARM token (other audience) is refused.
  std::string arm = emu.OwnerToken();
  CheckPcError(Call("GET", "/v1/customers", {}, &arm), 401, 400);
  // The v2 scope form works and trailing '/' on the audience is tolerated.
  HttpResult v2 = emu.TokenRequest(fx::kHomeTenant,
                                   "grant_type=client_credentials&client_id=" + fx::kOwnerApp +
                                       "&client_secret=" + fx::kOwnerSecret +
                                       "&scope=" + UrlEncode(pcfx::kResource + "/.default"),
                                   true);
  std::string v2_token = JStr(v2.Json(), "access_token");
  BOOST_TEST(Call("GET", "/v1/customers", {}, &v2_token).status == 200);
  // A token of a tenant that is not a partner: 800001.
  HttpResult fabrikam = emu.client().Request(
      "POST", "/" + fx::kFabrikamTenant + "/oauth2/token",
      "grant_type=password&client_id=1950a258-227b-4e31-a9cf-717495945fc2&username=" +
          UrlEncode("admin@fabrikam.onmicrosoft.com") +
          "&password=emulator-fabrikam-admin-password&resource=" + UrlEncode(pcfx::kResource),
      {{"Content-Type", "application/x-www-form-urlencoded"}});
  std::string customer_token = JStr(fabrikam.Json(), "access_token");
  CheckPcError(Call("GET", "/v1/customers", {}, &customer_token), 401, 800001);
}

BOOST_FIXTURE_TEST_CASE(headers_are_echoed_or_generated, PcFixture) {
  HttpResult r = Call("GET", "/v1/customers/" + pcfx::kFabrikam, {}, nullptr,
                      {{"MS-RequestId", "11111111-2222-3333-4444-555555555555"},
                       {"MS-CorrelationId", "66666666-7777-8888-9999-000000000000"}});
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.Header("MS-RequestId") == "11111111-2222-3333-4444-555555555555");
  BOOST_TEST(r.Header("MS-CorrelationId") == "66666666-7777-8888-9999-000000000000");
  BOOST_TEST(!r.Header("MS-CV").empty());
  BOOST_TEST(!r.Header("MS-ServerId").empty());
  BOOST_TEST(!r.Header("Date").empty());
  r = Call("GET", "/v1/customers/" + pcfx::kFabrikam);
  BOOST_TEST(r.Header("MS-RequestId").size() == 36u);
  BOOST_TEST(r.Header("MS-CorrelationId").size() == 36u);
  // Errors carry them too; unknown paths and methods.
  r = Call("GET", "/v1/nothing-here");
  CheckPcError(r, 404, 1000);
  BOOST_TEST(!r.Header("MS-RequestId").empty());
  CheckPcError(Call("PUT", "/v1/customers"), 405, 1000);
  CheckPcError(Call("GET", "/customers"), 404, 1000);
  // Paths are case-insensitive.
  BOOST_TEST(Call("GET", "/V1/Customers/" + pcfx::kFabrikam).status == 200);
}

BOOST_AUTO_TEST_CASE(customers_are_seek_paged) {
  PcFixture small([](EmulatorOptions& o) { o.partner_center_page_size = 5; });
  HttpResult first = small.Call("GET", "/v1/customers?size=40");
  BOOST_TEST_REQUIRE(first.status == 200, first.body);
  json::value page = first.Json();
  BOOST_TEST(page.at("items").as_array().size() == 5u);
  BOOST_TEST(JStr(page.at("attributes"), "objectType") == "Collection");
  json::value item = page.at("items").at(0);
  for (const char* key : {"id", "commerceId", "relationshipToPartner"}) {
    BOOST_TEST(item.as_object().contains(key), key);
  }
  BOOST_TEST(JStr(item.at("companyProfile"), "tenantId") == JStr(item, "id"));
  std::vector<std::string> all = Names(page);
  int pages = 1;
  while (page.at("links").as_object().contains("next")) {
    json::value next = page.at("links").at("next");
    BOOST_TEST(JStr(next, "uri") == "/v1/customers?size=5&seekOperation=Next");
    BOOST_TEST(JStr(next, "method") == "GET");
    json::value header = next.at("headers").at(0);
    BOOST_TEST(JStr(header, "key") == "MS-ContinuationToken");
    BOOST_TEST(JStr(header, "value") == JStr(page, "continuationToken"));
    HttpResult r = small.Call("GET", JStr(next, "uri"), {}, nullptr,
                              {{"MS-ContinuationToken", JStr(header, "value")}});
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    page = r.Json();
    for (const std::string& n : Names(page)) all.push_back(n);
    BOOST_TEST_REQUIRE(++pages <= 5);
  }
  BOOST_TEST(pages == 3);
  BOOST_TEST(all.size() == 12u);
  BOOST_TEST(!page.as_object().contains("continuationToken"));
  std::vector<std::string> sorted = all;
  std::sort(sorted.begin(), sorted.end());
  BOOST_TEST(all == sorted, "ordered by company name");
  BOOST_TEST(std::set<std::string>(all.begin(), all.end()).count("Woodgrove Bank") == 0u);
  // Bad and missing continuation tokens.
  CheckPcError(small.Call("GET", "/v1/customers?seekOperation=Next"), 400, 800002);
  CheckPcError(small.Call("GET", "/v1/customers?seekOperation=Next", {}, nullptr,
                          {{"MS-ContinuationToken", "bm9wZQ.xxxxxxxxxxxx"}}),
               400, 800002);
  // size=0 or absent = the page size; smaller sizes are honoured.
  BOOST_TEST(small.Call("GET", "/v1/customers?size=0").Json().at("items").as_array().size() == 5u);
  BOOST_TEST(small.Call("GET", "/v1/customers?size=2").Json().at("items").as_array().size() == 2u);
  CheckPcError(small.Call("GET", "/v1/customers?size=abc"), 400, 3000);
  // The default page size is 40: one page.
  PcFixture defaults;
  HttpResult whole = defaults.Call("GET", "/v1/customers");
  BOOST_TEST(whole.Json().at("items").as_array().size() == 12u);
  BOOST_TEST(!whole.Json().at("links").as_object().contains("next"));
}

BOOST_FIXTURE_TEST_CASE(customers_filter_starts_with, PcFixture) {
  auto filter = [&](const std::string& json_filter) {
    return Call("GET", "/v1/customers?size=0&filter=" + UrlEncode(json_filter));
  };
  HttpResult r =
      filter(R"({"Field":"Domain","Value":"FABRIKAM.onmicrosoft","Operator":"starts_with"})");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(r.Json().at("items").as_array().size() == 1u);
  BOOST_TEST(JStr(r.Json().at("items").at(0), "id") == pcfx::kFabrikam);
  r = filter(R"({"field":"companyname","value":"w","operator":"STARTS_WITH"})");
  BOOST_TEST(Names(r.Json()) == std::vector<std::string>{"Wingtip Toys"});
  r = filter(R"({"Field":"Domain","Value":"nobody","Operator":"starts_with"})");
  BOOST_TEST(r.Json().at("items").as_array().empty());
  CheckPcError(filter(R"({"Field":"Domain","Value":"x","Operator":"equals"})"), 400, 3000);
  CheckPcError(filter(R"({"Field":"Country","Value":"x","Operator":"starts_with"})"), 400, 3000);
  CheckPcError(filter("not json"), 400, 3000);
}

BOOST_FIXTURE_TEST_CASE(get_customer_and_relationship_errors, PcFixture) {
  HttpResult r = Call("GET", "/v1/customers/" + pcfx::kAdatum);
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  json::value c = r.Json();
  BOOST_TEST(JStr(c, "id") == pcfx::kAdatum);
  BOOST_TEST(JStr(c.at("companyProfile"), "domain") == "adatum.onmicrosoft.com");
  BOOST_TEST(JStr(c.at("billingProfile").at("defaultAddress"), "country") == "US");
  BOOST_TEST(JStr(c.at("billingProfile").at("attributes"), "objectType") ==
             "CustomerBillingProfile");
  BOOST_TEST(c.at("allowDelegatedAccess").as_bool());
  BOOST_TEST(JStr(c, "relationshipToPartner") == "reseller");
  BOOST_TEST(JStr(c.at("attributes"), "objectType") == "Customer");
  // App-only tokens may read customers.
  BOOST_TEST(Call("GET", "/v1/customers/" + pcfx::kAdatum, {}, &app_token).status == 200);
  CheckPcError(Call("GET", "/v1/customers/" + pcfx::kWoodgrove), 403, 20002);
  CheckPcError(Call("GET", "/v1/customers/" + pcfx::kWoodgrove + "/subscriptions"), 403, 20002);
  CheckPcError(Call("GET", "/v1/customers/00000000-0000-0000-0000-000000000001"), 404, 60003);
  CheckPcError(Call("GET", "/v1/customers/00000000-0000-0000-0000-000000000001/orders"), 404,
               60003);
}

BOOST_FIXTURE_TEST_CASE(domains_and_addresses, PcFixture) {
  BOOST_TEST(Call("HEAD", "/v1/domains/fabrikam.onmicrosoft.com").status == 200);
  BOOST_TEST(Call("HEAD", "/v1/domains/FABRIKAM").status == 200);
  BOOST_TEST(Call("HEAD", "/v1/domains/contosocsp").status == 200);  // an identity tenant
  BOOST_TEST(Call("HEAD", "/v1/domains/tailspintoys").status == 200);
  BOOST_TEST(Call("HEAD", "/v1/domains/brand-new-customer-1").status == 404);
  BOOST_TEST(Call("HEAD", "/v1/domains/brandnew.onmicrosoft.com", {}, &app_token).status == 404);

  auto validate = [&](const std::string& body) {
    return Call("POST", "/v1/validations/address", body);
  };
  HttpResult r = validate(
      R"({"AddressLine1":"One Microsoft Way","City":"Redmond","State":"WA","PostalCode":"98052","Country":"US"})");
  BOOST_TEST_REQUIRE(r.status == 200, r.body);
  BOOST_TEST(JStr(r.Json(), "status") == "VerifiedShippable");
  BOOST_TEST(JStr(r.Json().at("originalAddress"), "city") == "Redmond");
  BOOST_TEST(r.Json().at("suggestedAddresses").as_array().empty());
  r = validate(
      R"({"addressline1":"One Microsoft Way","city":"Redmond","state":"WA","postalcode":"98000","country":"us"})");
  BOOST_TEST(JStr(r.Json(), "status") == "InteractionRequired");
  BOOST_TEST(r.Json().at("suggestedAddresses").as_array().size() == 1u);
  r = validate(
      R"({"AddressLine1":"1 Main St","City":"Nowhere","State":"ZZ","PostalCode":"98052","Country":"US"})");
  BOOST_TEST(JStr(r.Json(), "status") == "None");
  r = validate(
      R"({"AddressLine1":"1 Main St","City":"Nowhere","State":"WA","PostalCode":"9805","Country":"US"})");
  BOOST_TEST(JStr(r.Json(), "status") == "None");
  r = validate(
      R"({"AddressLine1":"Unter den Linden 1","City":"Berlin","PostalCode":"10117","Country":"DE"})");
  BOOST_TEST(JStr(r.Json(), "status") == "Verified");
  r = validate(R"({"AddressLine1":"x","PostalCode":"10117","Country":"DE"})");
  CheckPcError(r, 400, 3000);
  BOOST_TEST(JStr(r.Json(), "description").find("City") != std::string::npos);
  CheckPcError(validate(R"({"AddressLine1":"x","City":"y","PostalCode":"1","Country":"DEU"})"), 400,
               3000);
}

BOOST_FIXTURE_TEST_CASE(create_customer_makes_a_tenant_directory_and_admin, PcFixture) {
  HttpResult r = Call("POST", "/v1/customers", NewCustomerBody("newco"));
  BOOST_TEST_REQUIRE(r.status == 201, r.body);
  json::value c = r.Json();
  std::string id = JStr(c, "id");
  BOOST_TEST(JStr(c.at("companyProfile"), "tenantId") == id);
  BOOST_TEST(JStr(c.at("companyProfile"), "domain") == "newco.onmicrosoft.com");
  BOOST_TEST(JStr(c, "relationshipToPartner") == "reseller");
  BOOST_TEST(!JStr(c, "commerceId").empty());
  BOOST_TEST(JStr(c.at("billingProfile"), "companyName") == "Test Company");
  std::string user = JStr(c.at("userCredentials"), "userName");
  std::string password = JStr(c.at("userCredentials"), "password");
  BOOST_TEST(user == "admin@newco.onmicrosoft.com");
  BOOST_TEST(password.size() >= 12u);
  // Listed, readable, and its domain is now taken.
  BOOST_TEST(Call("GET", "/v1/customers/" + id).status == 200);
  BOOST_TEST(Call("HEAD", "/v1/domains/newco").status == 200);
  CheckPcError(Call("POST", "/v1/customers", NewCustomerBody("NEWCO.onmicrosoft.com")), 400, 3000);
  // The tenant resolves and its admin signs in; Graph knows its directory.
  HttpResult openid =
      emu.client().Request("GET", "/newco.onmicrosoft.com/.well-known/openid-configuration");
  BOOST_TEST(openid.status == 200, openid.body);
  BOOST_TEST(JStr(openid.Json(), "issuer").find(id) != std::string::npos);
  HttpResult token = emu.client().Request(
      "POST", "/" + id + "/oauth2/token",
      "grant_type=password&client_id=1950a258-227b-4e31-a9cf-717495945fc2&username=" +
          UrlEncode(user) + "&password=" + UrlEncode(password) +
          "&resource=https%3A%2F%2Fmanagement.core.windows.net%2F",
      {{"Content-Type", "application/x-www-form-urlencoded"}});
  BOOST_TEST(token.status == 200, token.body);
  // Its Graph directory has the first-party service principals; the admin may read it.
  HttpResult graph_token = emu.client().Request(
      "POST", "/" + id + "/oauth2/token",
      "grant_type=password&client_id=1950a258-227b-4e31-a9cf-717495945fc2&username=" +
          UrlEncode(user) + "&password=" + UrlEncode(password) +
          "&resource=" + UrlEncode(emu.emulator().GraphUrl()),
      {{"Content-Type", "application/x-www-form-urlencoded"}});
  BOOST_TEST_REQUIRE(graph_token.status == 200, graph_token.body);
  HttpsClient graph("localhost", emu.emulator().GraphPort(), emu.emulator().CaCertificatePath());
  HttpResult sp =
      graph.Request("GET", "/v1.0/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')",
                    {}, {{"Authorization", "Bearer " + JStr(graph_token.Json(), "access_token")}});
  BOOST_TEST(sp.status == 200, sp.body);
  // App-only may create customers too.
  BOOST_TEST(Call("POST", "/v1/customers", NewCustomerBody("newco2"), &app_token).status == 201);
}

BOOST_FIXTURE_TEST_CASE(create_customer_validation, PcFixture) {
  auto create = [&](const std::string& body) { return Call("POST", "/v1/customers", body); };
  HttpResult r = create(NewCustomerBody("fabrikam"));
  CheckPcError(r, 400, 3000);
  BOOST_TEST(JStr(r.Json(), "description") ==
             "The domain fabrikam.onmicrosoft.com is not available.");
  r = create(R"({"BillingProfile":{}})");
  CheckPcError(r, 400, 3000);
  BOOST_TEST(JStr(r.Json(), "description").find("CompanyProfile") != std::string::npos);
  r = create(NewCustomerBody(
      "x1",
      R"("DefaultAddress":{"FirstName":"a","LastName":"b","AddressLine1":"l","PostalCode":"98052","Country":"US","State":"WA"})"));
  CheckPcError(r, 400, 3000);
  BOOST_TEST(JStr(r.Json(), "description").find("City") != std::string::npos);
  r = create(
      R"({"CompanyProfile":{"Domain":"x2"},"BillingProfile":{"Culture":"en-US","Language":"en","CompanyName":"c",)" +
      kAddress + "}}");
  CheckPcError(r, 400, 3000);
  BOOST_TEST(JStr(r.Json(), "description").find("Email") != std::string::npos);
  // Countries that need an organization registration number and a phone number.
  const std::string hu =
      R"("DefaultAddress":{"FirstName":"a","LastName":"b","AddressLine1":"Fo utca 1","City":"Budapest","PostalCode":"1011","Country":"HU"})";
  CheckPcError(create(NewCustomerBody("hu1", hu)), 400, 600049);
  r = create(
      R"({"CompanyProfile":{"Domain":"hu2","OrganizationRegistrationNumber":"123456789"},)"
      R"("BillingProfile":{"Culture":"hu-HU","Email":"a@b.hu","Language":"hu","CompanyName":"H",)" +
      hu + "}}");
  CheckPcError(r, 400, 600051);
  CheckPcError(create("not json"), 400, 3000);
}

BOOST_FIXTURE_TEST_CASE(delete_customer_and_reset, PcFixture) {
  HttpResult created = Call("POST", "/v1/customers", NewCustomerBody("tobedeleted"));
  BOOST_TEST_REQUIRE(created.status == 201);
  std::string id = JStr(created.Json(), "id");
  BOOST_TEST(Call("DELETE", "/v1/customers/" + id).status == 204);
  CheckPcError(Call("GET", "/v1/customers/" + id), 404, 60003);
  BOOST_TEST(Call("DELETE", "/v1/customers/" + pcfx::kFabrikam).status == 204);
  BOOST_TEST(Call("GET", "/v1/customers").Json().at("items").as_array().size() == 11u);
  // Reset brings back the fixtures.
  BOOST_TEST(emu.client().Request("POST", "/_emulator/reset").status == 204);
  HttpResult list = Call("GET", "/v1/customers");
  BOOST_TEST(list.Json().at("items").as_array().size() == 12u);
  BOOST_TEST(Call("GET", "/v1/customers/" + pcfx::kFabrikam).status == 200);
  BOOST_TEST(Call("HEAD", "/v1/domains/tobedeleted").status == 404);
  // The state carries Partner Center.
  HttpResult state = emu.client().Request("GET", "/_emulator/state");
  BOOST_TEST(state.Json().at("partnerCenter").at("customers").as_array().size() == 12u);
}

BOOST_AUTO_TEST_CASE(requests_are_logged_but_not_recorded) {
  namespace fs = std::filesystem;
  fs::path record = fs::temp_directory_path() /
                    ("azscsp-pc-traffic-" + std::to_string(azscsp::emulator::CurrentProcessId()));
  fs::remove_all(record);
  {
    PcFixture recorded([&](EmulatorOptions& o) { o.record_dir = record.string(); });
    BOOST_TEST(recorded.Call("GET", "/v1/customers").status == 200);
    BOOST_TEST(recorded.Call("HEAD", "/v1/domains/fabrikam").status == 200);
    HttpResult log = recorded.emu.client().Request("GET", "/_emulator/requests");
    bool seen = false;
    json::value entries = log.Json();
    for (const json::value& e : entries.at("value").as_array()) {
      seen |= JStr(e, "host") == "partnerCenter" && JStr(e, "path") == "/v1/customers";
    }
    BOOST_TEST(seen, log.body);
  }
  size_t partner_center_files = 0;
  if (fs::exists(record)) {
    for (const auto& entry : fs::directory_iterator(record)) {
      std::string text = *azscsp::emulator::ReadFileIfExists(entry.path());
      if (text.find("/v1/customers") != std::string::npos ||
          text.find("/v1/domains") != std::string::npos) {
        ++partner_center_files;
      }
    }
  }
  BOOST_TEST(partner_center_files == 0u);
  fs::remove_all(record);
}

BOOST_AUTO_TEST_SUITE_END()
