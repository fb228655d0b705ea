#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "azscsp/services/csp_preflight.hpp"
#include "azscsp/services/tenant_resolver.hpp"
#include "service_fixture.hpp"

using namespace azscsp;
using namespace azscsp::testing;

namespace {

const std::string kMappings = kTestRegistrationPath + "/customerSubscriptions";
const std::string kPermissions =
    kTestRegistrationPath + "/providers/Microsoft.Authorization/permissions";
const std::string kFabrikamTenant = "e40189a3-e640-46a3-b8ff-16b642010b0d";
const std::string kCustomer = "fd6f3b4e-ca7e-4807-8b42-cb4ec0d55f3c";

std::string Registration(const std::string& billing_model) {
  return R"({"id":")" + kTestRegistrationPath +
         R"(","name":"myreg","properties":{"cloudId":"c902d338-1d28-4c50-8283-1fdf0b326df6","billingModel":")" +
         billing_model + R"("}})";
}

std::string Mapping(const std::string& customer, const std::string& tenant) {
  return R"({"id":")" + kMappings + "/" + customer + R"(","properties":{"tenantId":")" + tenant +
         R"("}})";
}

struct PreflightFixture : RoutedService {
  // The resolver talks to the same fake: login.microsoftonline.com paths.
  std::shared_ptr<services::TenantResolver> resolver = std::make_shared<services::TenantResolver>(
      std::make_shared<http::Pipeline>(std::vector<std::shared_ptr<http::Policy>>{}, transport),
      "https://login.microsoftonline.com/");

  void RouteAllPassing() {
    Route("GET " + kTestRegistrationPath, 200, Registration("PayAsYouUse"));
    Route("GET " + kPermissions, 200, R"({"value":[{"actions":["*"],"notActions":[]}]})");
    Route("GET " + kMappings, 200, R"({"value":[]})");
    Route("GET /fabrikam.onmicrosoft.com/.well-known/openid-configuration", 200,
          R"({"token_endpoint":"https://login.microsoftonline.com/)" + kFabrikamTenant +
              R"(/oauth2/token","issuer":"https://sts.windows.net/)" + kFabrikamTenant + R"(/"})");
  }
  services::PreflightOptions Options() {
    services::PreflightOptions options;
    options.registration = {kTestSubscription, "azurestack", "myreg"};
    options.customer_subscription_id = kCustomer;
    options.customer_domain = "fabrikam.onmicrosoft.com";
    return options;
  }
  services::PreflightResult Run(const services::PreflightOptions& options) {
    return services::CspPreflight(arm, resolver).Run(options, {});
  }
  static std::vector<std::string> Statuses(const services::PreflightResult& result) {
    std::vector<std::string> out;
    for (const auto& check : result.checks) out.push_back(check.name + "=" + check.status);
    return out;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(csp_preflight, PreflightFixture)

BOOST_AUTO_TEST_CASE(all_checks_pass_in_order) {
  RouteAllPassing();
  const auto result = Run(Options());
  const std::vector<std::string> expected = {
      "RegistrationExists=Passed",   "BillingModel=Passed",   "CanWrite=Passed",
      "MultiTenancyApproved=Passed", "CustomerTenant=Passed", "CustomerSubscriptionId=Passed"};
  BOOST_TEST(Statuses(result) == expected, boost::test_tools::per_element());
  BOOST_TEST(result.passed);
  BOOST_TEST(result.tenant_id.value() == kFabrikamTenant);
  BOOST_TEST(result.registration->name == "myreg");
  const auto json = result.ToJson();
  BOOST_TEST(json.at("checks").as_array().at(0).at("errorCode").is_null());
}

BOOST_AUTO_TEST_CASE(missing_registration_skips_what_depends_on_it) {
  RouteAllPassing();
  Route("GET " + kTestRegistrationPath, 404, ArmErrorBody("ResourceNotFound"));
  const auto result = Run(Options());
  const std::vector<std::string> expected = {
      "RegistrationExists=Failed",    "BillingModel=Skipped",  "CanWrite=Skipped",
      "MultiTenancyApproved=Skipped", "CustomerTenant=Passed", "CustomerSubscriptionId=Passed"};
  BOOST_TEST(Statuses(result) == expected, boost::test_tools::per_element());
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.checks[0].error_code == "RegistrationNotFound");
  BOOST_TEST(!result.registration.has_value());
  BOOST_TEST(Count("GET " + kMappings) == 0);
}

BOOST_AUTO_TEST_CASE(capacity_billing_fails_with_the_recommended_action) {
  RouteAllPassing();
  Route("GET " + kTestRegistrationPath, 200, Registration("Capacity"));
  const auto result = Run(Options());
  BOOST_TEST(result.checks[1].status == "Failed");
  BOOST_TEST(result.checks[1].error_code == "CustomerSubscriptionsNotAllowed");
  BOOST_TEST(result.checks[1].recommended_action.find("PayAsYouUse") != std::string::npos);
  BOOST_TEST(result.checks[3].status == "Skipped");
}

BOOST_AUTO_TEST_CASE(unapproved_registration_and_no_write_permission_fail) {
  RouteAllPassing();
  Route("GET " + kPermissions, 200, R"({"value":[{"actions":["*/read"],"notActions":[]}]})");
  Route("GET " + kMappings, 403, ArmErrorBody("UnauthorizedCspRegistration"));
  const auto result = Run(Options());
  BOOST_TEST(result.checks[2].status == "Failed");
  BOOST_TEST(result.checks[3].status == "Failed");
  BOOST_TEST(result.checks[3].error_code == "UnauthorizedCspRegistration");
  BOOST_TEST(result.checks[3].recommended_action.find("azstcsp@microsoft.com") !=
             std::string::npos);
  BOOST_TEST(result.checks[5].status == "Passed");  // shape only: the mappings are unknown
}

BOOST_AUTO_TEST_CASE(warns_when_the_put_would_replace_a_mapping) {
  RouteAllPassing();
  Route("GET " + kMappings, 200,
        R"({"value":[)" + Mapping(kCustomer, "dccc98f3-4196-4752-8115-902216d99374") + "]}");
  auto result = Run(Options());
  BOOST_TEST(result.checks[5].status == "Warning");
  BOOST_TEST(result.passed);  // warnings do not fail
  Route("GET " + kMappings, 200,
        R"({"value":[)" + Mapping("7d7b7c70-8909-4c01-a082-0e2106b4a48b", kFabrikamTenant) + "]}");
  result = Run(Options());
  BOOST_TEST(result.checks[5].status == "Warning");
  BOOST_TEST(result.checks[5].message.find("replace") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unknown_domain_and_bad_subscription_id_fail_their_checks) {
  RouteAllPassing();
  Route(
      "GET /nowhere.example/.well-known/openid-configuration", 400,
      R"({"error":"invalid_tenant","error_description":"AADSTS90002: Tenant 'nowhere.example' not found."})");
  auto options = Options();
  options.customer_domain = "nowhere.example";
  options.customer_subscription_id = "not-a-guid";
  const auto result = Run(options);
  BOOST_TEST(result.checks[4].status == "Failed");
  BOOST_TEST(result.checks[4].error_code == "TenantNotFound");
  BOOST_TEST(result.checks[5].status == "Failed");
  BOOST_TEST(result.checks[5].error_code == "InvalidCustomerSubscriptionId");
}

BOOST_AUTO_TEST_CASE(without_customer_details_those_checks_are_skipped) {
  RouteAllPassing();
  auto options = Options();
  options.customer_domain.reset();
  options.customer_subscription_id.reset();
  const auto result = Run(options);
  BOOST_TEST(result.checks[4].status == "Skipped");
  BOOST_TEST(result.checks[5].status == "Skipped");
  BOOST_TEST(result.passed);
  BOOST_TEST(!result.tenant_id.has_value());
}

BOOST_AUTO_TEST_CASE(selected_checks_report_alone_but_run_their_prerequisites) {
  RouteAllPassing();
  auto options = Options();
  options.checks = {"multitenancyapproved"};
  const auto result = Run(options);
  BOOST_TEST(result.checks.size() == 1u);
  BOOST_TEST(result.checks[0].name == "MultiTenancyApproved");
  BOOST_TEST(Count("GET " + kTestRegistrationPath) == 1);
  BOOST_TEST(Count("GET " + kPermissions) == 0);
  options.checks = {"Bogus"};
  BOOST_CHECK_THROW(Run(options), InvalidArgumentError);
}

BOOST_AUTO_TEST_CASE(authentication_failures_are_errors_not_results) {
  Route("GET " + kTestRegistrationPath, 401, ArmErrorBody("InvalidAuthenticationToken"));
  BOOST_CHECK_THROW(Run(Options()), ServiceError);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(tenant_resolver, PreflightFixture)

BOOST_AUTO_TEST_CASE(reads_the_tenant_from_the_token_endpoint_then_the_issuer) {
  RouteAllPassing();
  auto tenant = resolver->Resolve("fabrikam.onmicrosoft.com", {});
  BOOST_TEST(tenant.tenant_id == kFabrikamTenant);
  BOOST_TEST(transport->Requests().back().headers.count("Authorization") == 0u);
  Route(
      "GET /contoso.com/.well-known/openid-configuration", 200,
      R"({"token_endpoint":"https://login.example/common/token","issuer":"https://login.example/)" +
          kFabrikamTenant + R"(/v2.0"})");
  BOOST_TEST(resolver->Resolve("contoso.com", {}).tenant_id == kFabrikamTenant);
}

BOOST_AUTO_TEST_CASE(unknown_domain_is_tenant_not_found_naming_it) {
  Route("GET /nowhere.example/.well-known/openid-configuration", 400,
        R"({"error":"invalid_tenant","error_description":"AADSTS90002: not found"})");
  try {
    resolver->Resolve("nowhere.example", {});
    BOOST_FAIL("expected TenantNotFound");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Details().code == "TenantNotFound");
    BOOST_TEST(error.Kind() == ErrorKind::NotFound);
    BOOST_TEST(error.Details().message.find("'nowhere.example'") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(rejects_malformed_domains_before_any_request) {
  for (const char* bad : {"", "contoso", "contoso .com", "contoso.com/evil", "a..b", "-a.com",
                          "x@contoso.com", "contoso.com?x=1"})
    BOOST_CHECK_THROW(resolver->Resolve(bad, {}), InvalidArgumentError);
  BOOST_TEST(transport->Requests().empty());
  services::ValidateDomainOrTenant(kFabrikamTenant);
  services::ValidateDomainOrTenant("sub-1.contoso.co.uk");
}

BOOST_AUTO_TEST_CASE(adfs_has_one_directory) {
  services::TenantResolver adfs(
      std::make_shared<http::Pipeline>(std::vector<std::shared_ptr<http::Policy>>{}, transport),
      "https://adfs.local.azurestack.external/adfs/");
  BOOST_TEST(adfs.Resolve("contoso.com", {}).tenant_id == "adfs");
  BOOST_TEST(transport->Requests().empty());
}

BOOST_AUTO_TEST_SUITE_END()
