// The stamp admin ARM services: Default Provider Subscription, directoryTenants, identity health
// (both wire shapes, version fallback) and the stamp's application registrations.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "azscsp/services/admin_subscriptions_client.hpp"
#include "azscsp/services/directory_tenants_client.hpp"
#include "azscsp/services/identity_health_client.hpp"
#include "azscsp/services/stamp_identity_client.hpp"
#include "service_fixture.hpp"

using namespace azscsp;
using namespace azscsp::testing;

namespace {

const std::string kDps = "8ab2551d-41e5-489b-9273-1cdf1cbc7dc6";
const std::string kGroup = "/subscriptions/" + kDps + "/resourcegroups/system.local";
const std::string kTenants = kGroup + "/providers/Microsoft.Subscriptions.Admin/directoryTenants";
const std::string kHealth =
    "/subscriptions/" + kDps + "/providers/Microsoft.Subscriptions.Admin/checkIdentityHealth";
const std::string kFabrikamTenant = "e40189a3-e640-46a3-b8ff-16b642010b0d";

std::string Tenant(const std::string& name, const std::string& tenant_id) {
  return R"({"id":"/subscriptions/)" + kDps +
         R"(/resourceGroups/system.local/providers/Microsoft.Subscriptions.Admin/directoryTenants/)" +
         name + R"(","name":")" + name +
         R"(","type":"Microsoft.Subscriptions.Admin/directoryTenants","location":"local","properties":{"tenantId":")" +
         tenant_id + R"("}})";
}

struct StampFixture : RoutedService {
  services::TenantResolver resolver{
      std::make_shared<http::Pipeline>(std::vector<std::shared_ptr<http::Policy>>{}, transport),
      "https://login.microsoftonline.com/"};
  services::DirectoryTenantRef Ref(const std::string& name = "fabrikam.onmicrosoft.com") {
    return {kDps, "system.local", name};
  }
  void RouteFabrikamDiscovery() {
    Route("GET /fabrikam.onmicrosoft.com/.well-known/openid-configuration", 200,
          R"({"token_endpoint":"https://login.microsoftonline.com/)" + kFabrikamTenant +
              R"(/oauth2/token","issuer":"https://sts.windows.net/)" + kFabrikamTenant + R"(/"})");
  }
};

// The spec's shape: every collection is {"value":[...]}.
const char* kSpecReport = R"({
  "reportStartTimeUtc":"2026-11-27T10:00:00Z","reportEndTimeUtc":"2026-11-27T10:00:05Z",
  "status":"Unhealthy",
  "directoryTenants":{"value":[
    {"tenantId":"530c1840-90ce-4fab-b0f9-3be7428f67ec","tenantName":"contosocsp.onmicrosoft.com",
     "status":"Healthy","applications":{"value":[{"appId":"a1","servicePrincipalObjectId":"s1",
       "status":"Healthy","appRoleAssignments":{"value":[]},"oAuth2PermissionGrants":{"value":[]},
       "servicePrincipalTags":{"value":[{"servicePrincipalTag":"AzureStack","status":"Healthy"}]}}]}},
    {"tenantId":"e40189a3-e640-46a3-b8ff-16b642010b0d","tenantName":"fabrikam.onmicrosoft.com",
     "status":"Unhealthy","applications":{"value":[{"appId":"a1","servicePrincipalObjectId":"s2",
       "status":"Unhealthy",
       "appRoleAssignments":{"value":[{"appRoleAssignment":{"resource":"r1","client":"a1","roleId":"role1"},"status":"Unhealthy"}]},
       "oAuth2PermissionGrants":{"value":[{"oAuth2PermissionGrant":{"resource":"r2","client":"a1","scope":"User.Read"},"status":"Unhealthy"}]},
       "servicePrincipalTags":{"value":[{"servicePrincipalTag":"AzureStack","status":"Unhealthy"}]}}]}}]}})";

// The docs script's shape: directoryTenants (and its applications) as plain arrays.
const char* kArrayReport = R"({
  "reportStartTimeUtc":"2026-11-27T10:00:00Z","reportEndTimeUtc":"2026-11-27T10:00:05Z",
  "status":"Healthy",
  "directoryTenants":[{"tenantId":"e40189a3-e640-46a3-b8ff-16b642010b0d",
    "tenantName":"fabrikam.onmicrosoft.com","status":"Healthy",
    "applications":[{"appId":"a1","servicePrincipalObjectId":"s2","status":"Healthy"}]}]})";

}  // namespace

BOOST_FIXTURE_TEST_SUITE(stamp_admin_clients, StampFixture)

BOOST_AUTO_TEST_CASE(default_provider_subscription_by_display_name) {
  Route(
      "GET /subscriptions", 200,
      R"({"value":[{"subscriptionId":"11111111-1111-1111-1111-111111111111","displayName":"Metering"},
                     {"subscriptionId":")" +
          kDps + R"(","displayName":"Default Provider Subscription","state":"Enabled"}]})");
  const auto dps = services::AdminSubscriptionsClient(arm).FindDefaultProvider(
      services::kDefaultProviderSubscriptionName, {});
  BOOST_TEST(dps.subscription_id == kDps);
  BOOST_TEST(dps.state == "Enabled");
  BOOST_TEST(transport->Requests().at(0).url.target == "/subscriptions?api-version=2016-05-01");
  try {
    services::AdminSubscriptionsClient(arm).FindDefaultProvider("Nope", {});
    BOOST_FAIL("expected DefaultProviderSubscriptionNotFound");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Details().code == "DefaultProviderSubscriptionNotFound");
    BOOST_TEST(error.Kind() == ErrorKind::NotFound);
  }
}

BOOST_AUTO_TEST_CASE(directory_tenants_list_all_pages_with_ids_split) {
  routes["GET " + kTenants] = [&, first = true](const http::Request&) mutable {
    if (first) {
      first = false;
      return MakeResponse(200, R"({"value":[)" +
                                   Tenant("fabrikam.onmicrosoft.com", kFabrikamTenant) +
                                   R"(],"nextLink":"https://management.azure.com)" + kTenants +
                                   R"(?api-version=2015-11-01&$skipToken=2"})");
    }
    return MakeResponse(200, R"({"value":[)" + Tenant("adatum.onmicrosoft.com", "t2") + "]}");
  };
  const auto tenants = services::DirectoryTenantsClient(arm).List(Ref(""), {});
  BOOST_REQUIRE_EQUAL(tenants.size(), 2u);
  BOOST_TEST(tenants[0].tenant_id == kFabrikamTenant);
  BOOST_TEST(tenants[0].subscription_id == kDps);
  BOOST_TEST(tenants[0].resource_group_name == "system.local");
  BOOST_TEST(tenants[1].name == "adatum.onmicrosoft.com");
  BOOST_TEST(transport->Requests().at(0).url.target == kTenants + "?api-version=2015-11-01");
}

BOOST_AUTO_TEST_CASE(register_resolves_creates_the_group_and_puts_the_tenant) {
  RouteFabrikamDiscovery();
  Route("GET " + kTenants, 200, R"({"value":[]})");
  Route("PUT " + kGroup, 201,
        R"({"id":")" + kGroup + R"(","name":"system.local","location":"local"})");
  std::string put_body;
  routes["PUT " + kTenants + "/fabrikam.onmicrosoft.com"] = [&](const http::Request& request) {
    put_body = request.body;
    return MakeResponse(201, Tenant("fabrikam.onmicrosoft.com", kFabrikamTenant));
  };
  const auto result = services::DirectoryTenantsClient(arm).Register(Ref(), "local", resolver, {});
  BOOST_TEST(!result.already_done);
  BOOST_TEST(result.tenant.tenant_id == kFabrikamTenant);
  BOOST_TEST(put_body ==
             R"({"location":"local","properties":{"tenantId":")" + kFabrikamTenant + R"("}})");
  BOOST_TEST(Count("PUT " + kGroup) == 1);
}

BOOST_AUTO_TEST_CASE(register_is_already_done_when_the_tenant_is_there_with_the_same_guid) {
  RouteFabrikamDiscovery();
  Route("GET " + kGroup, 200,
        R"({"id":")" + kGroup + R"(","name":"system.local","location":"local"})");
  Route("GET " + kTenants, 200,
        R"({"value":[)" + Tenant("adatum.onmicrosoft.com", "t2") + "," +
            Tenant("fabrikam.onmicrosoft.com", kFabrikamTenant) + "]}");
  const auto result = services::DirectoryTenantsClient(arm).Register(Ref(), "local", resolver, {});
  BOOST_TEST(result.already_done);
  BOOST_TEST(Count("PUT " + kGroup) == 0);
  BOOST_TEST(Count("PUT " + kTenants + "/fabrikam.onmicrosoft.com") == 0);
  BOOST_TEST(Count("GET " + kTenants + "/fabrikam.onmicrosoft.com") == 0);
}

BOOST_AUTO_TEST_CASE(register_of_an_unresolvable_domain_sends_nothing_to_the_stamp) {
  Route(
      "GET /nowhere.example/.well-known/openid-configuration", 400,
      R"({"error":"invalid_tenant","error_description":"AADSTS90002: Tenant 'nowhere.example' not found."})");
  try {
    services::DirectoryTenantsClient(arm).Register(Ref("nowhere.example"), "local", resolver, {});
    BOOST_FAIL("expected TenantNotFound");
  } catch (const ServiceError& error) {
    BOOST_TEST(error.Details().code == "TenantNotFound");
  }
  for (const auto& call : calls) BOOST_TEST(call.find("/subscriptions/") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(delete_reports_whether_it_existed) {
  Route("DELETE " + kTenants + "/fabrikam.onmicrosoft.com", 200);
  BOOST_TEST(*services::DirectoryTenantsClient(arm).Delete(Ref(), {}).existed);
  Route("DELETE " + kTenants + "/fabrikam.onmicrosoft.com", 204);
  BOOST_TEST(!services::DirectoryTenantsClient(arm).Delete(Ref(), {}).existed.has_value());
  Route("DELETE " + kTenants + "/fabrikam.onmicrosoft.com", 404, ArmErrorBody("ResourceNotFound"));
  BOOST_TEST(!*services::DirectoryTenantsClient(arm).Delete(Ref(), {}).existed);
}

BOOST_AUTO_TEST_CASE(health_report_in_the_spec_shape_lists_each_unhealthy_item) {
  Route("POST " + kHealth, 200, kSpecReport);
  const auto report = services::IdentityHealthClient(arm).Check(kDps, {});
  BOOST_TEST(transport->Requests().at(0).url.target == kHealth + "?api-version=2018-05-01");
  BOOST_TEST(report.status == "Unhealthy");
  BOOST_REQUIRE_EQUAL(report.directory_tenants.size(), 2u);
  BOOST_TEST(report.directory_tenants[0].status == "Healthy");
  BOOST_TEST(report.directory_tenants[0].applications.at(0).unhealthy.empty());
  const auto& app = report.directory_tenants[1].applications.at(0);
  BOOST_TEST(app.service_principal_object_id == "s2");
  BOOST_REQUIRE_EQUAL(app.unhealthy.size(), 3u);
  BOOST_TEST(app.unhealthy[0] == "appRoleAssignment resource r1 role role1: Unhealthy");
  BOOST_TEST(app.unhealthy[1] == "oAuth2PermissionGrant resource r2 scope 'User.Read': Unhealthy");
  BOOST_TEST(app.unhealthy[2] == "servicePrincipalTag AzureStack: Unhealthy");
  const auto json = report.ToJson();
  BOOST_TEST(json.at("directoryTenants").as_array().size() == 2u);
}

BOOST_AUTO_TEST_CASE(health_report_as_plain_arrays_reads_the_same) {
  Route("POST " + kHealth, 200, kArrayReport);
  const auto report = services::IdentityHealthClient(arm).Check(kDps, {});
  BOOST_TEST(report.status == "Healthy");
  BOOST_REQUIRE_EQUAL(report.directory_tenants.size(), 1u);
  BOOST_TEST(report.directory_tenants[0].tenant_name == "fabrikam.onmicrosoft.com");
  BOOST_TEST(report.directory_tenants[0].applications.at(0).app_id == "a1");
}

BOOST_AUTO_TEST_CASE(health_report_falls_back_to_2015_11_01) {
  routes["POST " + kHealth] = [&](const http::Request& request) {
    if (request.url.target.find("2018-05-01") != std::string::npos)
      return MakeResponse(400, ArmErrorBody("NoRegisteredProviderFound"));
    return MakeResponse(200, kArrayReport);
  };
  const auto report = services::IdentityHealthClient(arm).Check(kDps, {});
  BOOST_TEST(report.status == "Healthy");
  BOOST_TEST(transport->Requests().at(1).url.target == kHealth + "?api-version=2015-11-01");
  // Other errors are not retried.
  Route("POST " + kHealth, 403, ArmErrorBody("AuthorizationFailed"));
  BOOST_CHECK_THROW(services::IdentityHealthClient(arm).Check(kDps, {}), ServiceError);
  BOOST_TEST(Count("POST " + kHealth) == 3);
}

BOOST_AUTO_TEST_CASE(application_registrations_match_keys_in_any_case) {
  Route("GET /applicationRegistrations", 200, R"({"value":[
    {"appId":"a1","Tags":["AzureStack"],
     "AppRoleAssignments":[{"client":"a1","resource":"00000003-0000-0000-c000-000000000000","roleId":"r1"}],
     "oauth2PermissionGrants":[{"client":"a1","resource":"arm","scope":"user_impersonation"}]},
    {"appId":"a2","oAuth2PermissionGrants":[{"resource":"00000003-0000-0000-c000-000000000000","scope":"User.Read"}]}]})");
  Route("GET /metadata/identity", 200, R"({"applicationId":"arm-app","extra":1})");
  auto pipeline =
      std::make_shared<http::Pipeline>(std::vector<std::shared_ptr<http::Policy>>{}, transport);
  services::StampIdentityClient stamp(pipeline, arm);
  BOOST_TEST(stamp.ArmApplicationId({}) == "arm-app");
  const auto apps = stamp.ApplicationRegistrations({});
  BOOST_REQUIRE_EQUAL(apps.size(), 2u);
  BOOST_TEST(apps[0].tags.at(0) == "AzureStack");
  BOOST_TEST(apps[0].app_role_assignments.at(0).role_id == "r1");
  BOOST_TEST(apps[0].oauth2_permission_grants.at(0).scope == "user_impersonation");
  BOOST_TEST(apps[1].oauth2_permission_grants.at(0).client == "a2");  // missing: its own appId
  BOOST_TEST(transport->Requests().back().url.target ==
             "/applicationRegistrations?api-version=2014-04-01-preview");
}

BOOST_AUTO_TEST_SUITE_END()
