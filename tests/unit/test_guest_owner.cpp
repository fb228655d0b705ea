// A CSP admin as guest Owner of a customer's stamp subscription: invite or find, then the Owner
// role on the tenant ARM; and listing guest owners.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "azscsp/services/guest_owner.hpp"
#include "fake_graph.hpp"

using namespace azscsp;
using namespace azscsp::testing;

namespace {

const std::string kSub = "6c1f0b9e-0a4f-4d8e-9a51-0f4f2b7d3c11";
const std::string kAssignments =
    "/subscriptions/" + kSub + "/providers/Microsoft.Authorization/roleAssignments";
const std::string kOwnerDefinition = "/subscriptions/" + kSub +
                                     "/providers/Microsoft.Authorization/roleDefinitions/" +
                                     services::kOwnerRoleId;

std::string Assignment(const std::string& name, const std::string& principal,
                       const std::string& role = services::kOwnerRoleId) {
  return R"({"id":")" + kAssignments + "/" + name + R"(","name":")" + name +
         R"(","properties":{"roleDefinitionId":"/subscriptions/)" + kSub +
         "/providers/Microsoft.Authorization/roleDefinitions/" + role + R"(","principalId":")" +
         principal + R"(","principalType":"User","scope":"/subscriptions/)" + kSub + R"("}})";
}

struct GuestFixture : GraphService {
  ManualClock clock;
  std::vector<std::string> assignments;  // JSON of the subscription's role assignments

  GuestFixture() {
    routes["GET " + kAssignments] = [this](const http::Request&) {
      std::string value;
      for (const auto& a : assignments) value += (value.empty() ? "" : ",") + a;
      return MakeResponse(200, R"({"value":[)" + value + "]}");
    };
  }
  services::GuestOwnerService Guests() {
    return services::GuestOwnerService(std::make_shared<graph::DirectoryClient>(graph_client), arm,
                                       clock);
  }
  services::GuestOwnerRequest Request() {
    return {kSub, "admin@contosocsp.onmicrosoft.com",
            "https://portal.local.azurestack.external/fabrikam.onmicrosoft.com", "CSP admin"};
  }
  std::string PutKeyPrefix() const { return "PUT " + kAssignments + "/"; }
  int Puts() const {
    int n = 0;
    for (const auto& call : calls) n += call.rfind(PutKeyPrefix(), 0) == 0;
    return n;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(guest_owner, GuestFixture)

BOOST_AUTO_TEST_CASE(invites_a_new_guest_and_makes_it_owner) {
  std::string put_body;
  // The GraphService routing, with a PUT catch-all for the new GUID name.
  transport->SetHandler([this, &put_body](const http::Request& request) {
    const std::string path = request.url.target.substr(0, request.url.target.find('?'));
    const std::string key = std::string(http::MethodName(request.method)) + " " + path;
    calls.push_back(key);
    if (path.rfind("/v1.0/", 0) == 0) return directory.Handle(request);
    if (key.rfind(PutKeyPrefix(), 0) == 0) {
      put_body = request.body;
      const std::string name = path.substr(path.find_last_of('/') + 1);
      return MakeResponse(201,
                          Assignment(name, directory.users.at(0).at("id").as_string().c_str()));
    }
    auto found = routes.find(key);
    return found == routes.end() ? MakeResponse(404, ArmErrorBody("ResourceNotFound"))
                                 : found->second(request);
  });
  const auto result = Guests().Grant(Request(), {}, {});
  BOOST_TEST(result.invitation_status == "PendingAcceptance");
  BOOST_TEST(result.invite_redeem_url == "https://login.example/redeem");
  BOOST_TEST(result.user_id == std::string(directory.users.at(0).at("id").as_string()));
  BOOST_TEST(!result.already_done);
  BOOST_TEST(!result.role_assignment_id.empty());
  BOOST_TEST(put_body.find(R"("principalType":"User")") != std::string::npos);
  BOOST_TEST(put_body.find(kOwnerDefinition) != std::string::npos);
  const auto& invitation = directory.writes.at(0);
  BOOST_TEST(invitation == "POST /invitations");
}

BOOST_AUTO_TEST_CASE(an_existing_guest_that_is_owner_already_is_already_done) {
  directory.users.push_back(
      {{"id", "11111111-2222-3333-4444-555555555555"},
       {"mail", "Admin@ContosoCsp.onmicrosoft.com"},
       {"userPrincipalName", "admin_contosocsp#EXT#@fabrikam.onmicrosoft.com"},
       {"userType", "Guest"}});
  assignments.push_back(Assignment("a1", "11111111-2222-3333-4444-555555555555"));
  const auto result = Guests().Grant(Request(), {}, {});
  BOOST_TEST(result.invitation_status == "Existing");
  BOOST_TEST(result.already_done);
  BOOST_TEST(result.role_assignment_id == kAssignments + "/a1");
  BOOST_TEST(directory.writes.empty());
  BOOST_TEST(Puts() == 0);
  BOOST_TEST(result.ToJson().at("status").as_string() == "AlreadyDone");
}

BOOST_AUTO_TEST_CASE(role_assignment_exists_counts_as_already_done) {
  directory.users.push_back({{"id", "11111111-2222-3333-4444-555555555555"},
                             {"mail", "admin@contosocsp.onmicrosoft.com"},
                             {"userPrincipalName", "x"},
                             {"userType", "Guest"}});
  transport->SetHandler([this](const http::Request& request) {
    const std::string path = request.url.target.substr(0, request.url.target.find('?'));
    const std::string key = std::string(http::MethodName(request.method)) + " " + path;
    calls.push_back(key);
    if (path.rfind("/v1.0/", 0) == 0) return directory.Handle(request);
    if (key.rfind(PutKeyPrefix(), 0) == 0)
      return MakeResponse(409, ArmErrorBody("RoleAssignmentExists"));
    return routes.at(key)(request);
  });
  const auto result = Guests().Grant(Request(), {}, {});
  BOOST_TEST(result.already_done);
  BOOST_TEST(Puts() == 1);
}

BOOST_AUTO_TEST_CASE(inviting_needs_a_redirect_url_and_the_address_is_checked) {
  auto request = Request();
  request.invite_redirect_url.clear();
  BOOST_CHECK_THROW(Guests().Grant(request, {}, {}), InvalidArgumentError);
  request = Request();
  request.invited_user_email_address = "not-an-address";
  BOOST_CHECK_THROW(Guests().Grant(request, {}, {}), InvalidArgumentError);
  BOOST_TEST(directory.writes.empty());
}

BOOST_AUTO_TEST_CASE(lists_guest_owners_of_each_visible_subscription) {
  Route("GET /subscriptions", 200,
        R"({"value":[{"subscriptionId":")" + kSub + R"(","displayName":"fabrikam-stamp-sub"}]})");
  directory.users.push_back(
      {{"id", "11111111-2222-3333-4444-555555555555"},
       {"mail", "admin@contosocsp.onmicrosoft.com"},
       {"userPrincipalName", "admin_contosocsp#EXT#@fabrikam.onmicrosoft.com"},
       {"userType", "Guest"}});
  directory.users.push_back({{"id", "22222222-2222-3333-4444-555555555555"},
                             {"mail", "owner@fabrikam.onmicrosoft.com"},
                             {"userPrincipalName", "owner@fabrikam.onmicrosoft.com"},
                             {"userType", "Member"}});
  assignments.push_back(Assignment("a1", "11111111-2222-3333-4444-555555555555"));
  assignments.push_back(Assignment("a2", "22222222-2222-3333-4444-555555555555"));
  assignments.push_back(Assignment("a3", "11111111-2222-3333-4444-555555555555",
                                   "acdd72a7-3385-48ef-bd42-f606fba81ae7"));  // Reader
  const auto owners = Guests().List(std::nullopt, {});
  BOOST_REQUIRE_EQUAL(owners.size(), 1u);
  BOOST_TEST(owners[0].subscription_name == "fabrikam-stamp-sub");
  BOOST_TEST(owners[0].mail == "admin@contosocsp.onmicrosoft.com");
  BOOST_TEST(owners[0].role_assignment_id == kAssignments + "/a1");
  BOOST_TEST(Guests().List(std::string("someone@else.example"), {}).empty());
}

BOOST_AUTO_TEST_SUITE_END()
