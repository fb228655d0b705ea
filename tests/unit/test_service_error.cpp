#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "azscsp/arm/arm_client.hpp"
#include "fakes.hpp"

using namespace azscsp;
using testing::MakeResponse;

BOOST_AUTO_TEST_SUITE(service_error)

BOOST_AUTO_TEST_CASE(reads_the_arm_envelope_and_request_ids) {
  const auto error = arm::ParseServiceError(MakeResponse(
      404,
      R"({"error":{"code":"CustomerSubscriptionNotFound","message":"Customer subscription identifier was not found.","target":"x","details":[{"code":"Inner","message":"m"}]}})",
      {{"x-ms-request-id", "req-1"}, {"x-ms-correlation-request-id", "corr-1"}}));
  BOOST_TEST(error.Kind() == ErrorKind::NotFound);
  BOOST_TEST(error.Details().code == "CustomerSubscriptionNotFound");
  BOOST_TEST(error.Details().http_status == 404);
  BOOST_TEST(error.Details().target == "x");
  BOOST_TEST(error.Details().request_id == "req-1");
  BOOST_TEST(error.Details().correlation_id == "corr-1");
  BOOST_REQUIRE_EQUAL(error.Details().details.size(), 1u);
  BOOST_TEST(error.Details().details[0].code == "Inner");
}

BOOST_AUTO_TEST_CASE(maps_codes_and_statuses_to_kinds) {
  auto kind = [](int status, const char* code) {
    return arm::ParseServiceError(MakeResponse(status, std::string(R"({"error":{"code":")") + code +
                                                           R"(","message":"m"}})"))
        .Kind();
  };
  BOOST_TEST(kind(403, "AuthorizationFailed") == ErrorKind::PermissionDenied);
  BOOST_TEST(kind(403, "UnauthorizedCspRegistration") == ErrorKind::PermissionDenied);
  BOOST_TEST(kind(400, "RegistrationNotFound") == ErrorKind::NotFound);
  BOOST_TEST(kind(409, "ScopeLocked") == ErrorKind::Conflict);
  BOOST_TEST(kind(429, "SubscriptionRequestsThrottled") == ErrorKind::Throttled);
  BOOST_TEST(kind(401, "ExpiredAuthenticationToken") == ErrorKind::Authentication);
  BOOST_TEST(kind(400, "BadCustomerSubscriptionId") == ErrorKind::Service);
  BOOST_TEST(kind(502, "MetadataResolverBadGatewayError") == ErrorKind::Service);
}

BOOST_AUTO_TEST_CASE(describes_non_json_bodies) {
  const auto error =
      arm::ParseServiceError(MakeResponse(502, "<html>Bad gateway from proxy</html>"));
  BOOST_TEST(error.Details().code == "HttpStatus502");
  BOOST_TEST(std::string(error.what()).find("HTTP 502") != std::string::npos);
  BOOST_TEST(std::string(error.what()).find("Bad gateway from proxy") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(reads_graph_inner_error_request_id) {
  const auto error = arm::ParseServiceError(MakeResponse(
      404,
      R"({"error":{"code":"Request_ResourceNotFound","message":"gone","innerError":{"request-id":"g-1","date":"x"}}})"));
  BOOST_TEST(error.Details().request_id == "g-1");
  BOOST_TEST(error.Kind() == ErrorKind::NotFound);
}

BOOST_AUTO_TEST_SUITE_END()
