#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "azscsp/cloud/environment.hpp"
#include "azscsp/graph/directory_client.hpp"
#include "fake_graph.hpp"

using namespace azscsp;
using namespace azscsp::testing;

namespace {

struct GraphFixture {
  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
  graph::GraphClient graph{
      std::make_shared<http::Pipeline>(std::vector<std::shared_ptr<http::Policy>>{}, transport),
      "https://graph.microsoft.com/"};
};

cloud::Environment Stamp(const std::string& login, const std::string& graph_url) {
  cloud::Environment environment;
  environment.name = "AzureStackUser";
  environment.resource_manager_url = "https://management.local.azurestack.external/";
  environment.authority_host = login;
  environment.graph_url = graph_url;
  return environment;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(graph_client, GraphFixture)

BOOST_AUTO_TEST_CASE(odata_literals_double_single_quotes) {
  BOOST_TEST(graph::ODataString("abc") == "'abc'");
  BOOST_TEST(graph::ODataString("O'Neil") == "'O''Neil'");
  BOOST_TEST(graph::ODataString("' or 1 eq 1 or ''='") == "''' or 1 eq 1 or ''''='''");
  // Whatever the input, the literal reads back as exactly that input.
  BOOST_TEST(ODataLiterals("mail eq " + graph::ODataString("x' or mail eq 'y")).at(0) ==
             "x' or mail eq 'y");
}

BOOST_AUTO_TEST_CASE(filters_are_escaped_and_percent_encoded_in_the_url) {
  transport->Enqueue(MakeResponse(200, R"({"value":[]})"));
  auto shared = std::make_shared<graph::GraphClient>(graph);
  graph::DirectoryClient(shared).FindUserByMail("o'neil@contoso.com", {});
  BOOST_TEST(
      transport->Requests().at(0).url.ToString() ==
      "https://graph.microsoft.com/v1.0/users?$filter=mail%20eq%20%27o%27%27neil%40contoso.com%27");
}

BOOST_AUTO_TEST_CASE(follows_odata_next_links_verbatim_across_empty_pages) {
  transport->Enqueue(MakeResponse(
      200,
      R"({"value":[{"id":"1"}],"@odata.nextLink":"https://graph.microsoft.com/v1.0/servicePrincipals?$skiptoken=A"})"));
  transport->Enqueue(MakeResponse(
      200,
      R"({"value":[],"@odata.nextLink":"https://graph.microsoft.com/v1.0/servicePrincipals?$skiptoken=B"})"));
  transport->Enqueue(MakeResponse(200, R"({"value":[{"id":"2"},{"id":"3"}]})"));
  std::vector<std::string> ids;
  graph.ForEach("/servicePrincipals",
                [&](const boost::json::value& item) {
                  ids.emplace_back(item.at("id").as_string());
                  return true;
                },
                {});
  BOOST_TEST(ids == (std::vector<std::string>{"1", "2", "3"}), boost::test_tools::per_element());
  BOOST_TEST(transport->Requests().at(2).url.target == "/v1.0/servicePrincipals?$skiptoken=B");
}

BOOST_AUTO_TEST_CASE(refuses_next_links_to_another_host_or_the_same_link_twice) {
  transport->Enqueue(MakeResponse(
      200, R"({"value":[],"@odata.nextLink":"https://evil.example/v1.0/users?$skiptoken=A"})"));
  try {
    graph.ForEach("/users", [](const boost::json::value&) { return true; }, {});
    BOOST_FAIL("expected UntrustedNextLink");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Details().code == "UntrustedNextLink");
  }
  const std::string loop =
      R"({"value":[],"@odata.nextLink":"https://graph.microsoft.com/v1.0/users?$skiptoken=A"})";
  transport->Enqueue(MakeResponse(200, loop));
  transport->Enqueue(MakeResponse(200, loop));
  try {
    graph.ForEach("/users", [](const boost::json::value&) { return true; }, {});
    BOOST_FAIL("expected RepeatedNextLink");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Details().code == "RepeatedNextLink");
  }
}

BOOST_AUTO_TEST_CASE(graph_errors_carry_code_message_and_inner_request_id) {
  transport->Enqueue(
      MakeResponse(403, GraphErrorBody("Authorization_RequestDenied",
                                       "Insufficient privileges to complete the operation.")));
  try {
    graph.Send(http::Method::Post, "/servicePrincipals", boost::json::value{{"appId", "x"}}, {});
    BOOST_FAIL("expected a ServiceError");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Kind() == ErrorKind::PermissionDenied);
    BOOST_TEST(error.Details().http_status == 403);
    BOOST_TEST(error.Details().code == "Authorization_RequestDenied");
    BOOST_TEST(error.Details().message == "Insufficient privileges to complete the operation.");
    BOOST_TEST(error.Details().request_id == "graph-request-1");
  }
  transport->Enqueue(
      MakeResponse(404, GraphErrorBody("Request_ResourceNotFound", "Resource does not exist.")));
  try {
    graph.Send(http::Method::Get, "/users/x", std::nullopt, {});
    BOOST_FAIL("expected a ServiceError");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Kind() == ErrorKind::NotFound);
    BOOST_TEST(error.Details().code == "Request_ResourceNotFound");
  }
}

BOOST_AUTO_TEST_CASE(json_requests_and_the_v1_base) {
  transport->Enqueue(MakeResponse(201, R"({"id":"sp","appId":"a","tags":["t"]})"));
  const auto created = graph::ServicePrincipal::FromJson(graph.SendJson(
      http::Method::Post, "/servicePrincipals", boost::json::value{{"appId", "a"}}, {}));
  BOOST_TEST(created.tags.at(0) == "t");
  const auto& request = transport->Requests().at(0);
  BOOST_TEST(request.url.ToString() == "https://graph.microsoft.com/v1.0/servicePrincipals");
  BOOST_TEST(request.headers.at("Content-Type") == "application/json");
  BOOST_TEST(request.body == R"({"appId":"a"})");
}

BOOST_AUTO_TEST_CASE(microsoft_graph_url_by_cloud_and_stamp_metadata) {
  BOOST_TEST(cloud::MicrosoftGraphUrl(*cloud::Environment::BuiltIn("AzureCloud")) ==
             "https://graph.microsoft.com/");
  BOOST_TEST(cloud::MicrosoftGraphUrl(*cloud::Environment::BuiltIn("AzureUSGovernment")) ==
             "https://graph.microsoft.us/");
  // A stamp naming retired Azure AD Graph: mapped by its login endpoint.
  BOOST_TEST(
      cloud::MicrosoftGraphUrl(Stamp("https://login.windows.net/", "https://graph.windows.net/")) ==
      "https://graph.microsoft.com/");
  BOOST_TEST(cloud::MicrosoftGraphUrl(
                 Stamp("https://login.chinacloudapi.cn/", "https://graph.chinacloudapi.cn/")) ==
             "https://graph.chinacloudapi.cn/");
  // Any other graph endpoint (the emulator's, an explicit graphUrl) is used as is.
  BOOST_TEST(cloud::MicrosoftGraphUrl(Stamp("https://localhost:8443/", "https://localhost:8446")) ==
             "https://localhost:8446/");
  try {
    cloud::MicrosoftGraphUrl(
        Stamp("https://adfs.local.azurestack.external/adfs/", "https://graph.windows.net/"));
    BOOST_FAIL("expected MicrosoftGraphUnknown");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Details().code == "MicrosoftGraphUnknown");
    BOOST_TEST(std::string(error.what()).find("graphUrl") != std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()
