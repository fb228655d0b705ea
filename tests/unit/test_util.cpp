#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "azscsp/util/ids.hpp"
#include "azscsp/util/time_format.hpp"
#include "azscsp/util/url_encode.hpp"

using namespace azscsp::util;

BOOST_AUTO_TEST_SUITE(formats)

BOOST_AUTO_TEST_CASE(http_dates_round_trip_in_all_three_forms) {
  const auto expected = SystemTime(std::chrono::seconds(784111777));  // 1994-11-06 08:49:37 UTC
  BOOST_TEST((ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT").value() == expected));
  BOOST_TEST((ParseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT").value() == expected));
  BOOST_TEST((ParseHttpDate("Sun Nov  6 08:49:37 1994").value() == expected));
  BOOST_TEST(FormatHttpDate(expected) == "Sun, 06 Nov 1994 08:49:37 GMT");
  BOOST_TEST(FormatIso8601(expected) == "1994-11-06T08:49:37Z");
  BOOST_TEST(!ParseHttpDate("tomorrow").has_value());
  BOOST_TEST(!ParseHttpDate("Sun, 06 Foo 1994 08:49:37 GMT").has_value());
}

BOOST_AUTO_TEST_CASE(guids) {
  BOOST_TEST(IsGuid(NewGuid()));
  BOOST_TEST(NewGuid() != NewGuid());
  BOOST_TEST(IsGuid("E09A4E93-29A7-4EBA-A6D4-76202383F07F"));
  BOOST_TEST(!IsGuid("E09A4E93-29A7-4EBA-A6D4-76202383F07"));
  BOOST_TEST(!IsGuid("E09A4E93_29A7-4EBA-A6D4-76202383F07F"));
  BOOST_TEST(!IsGuid("G09A4E93-29A7-4EBA-A6D4-76202383F07F"));
}

BOOST_AUTO_TEST_CASE(percent_encoding) {
  BOOST_TEST(PercentEncode("a b&c=d/é~") == "a%20b%26c%3Dd%2F%C3%A9~");
  BOOST_TEST(PercentDecode("a%20b%3d%3D+c", true) == "a b== c");
  BOOST_TEST(PercentDecode("100%") == "100%");
}

BOOST_AUTO_TEST_SUITE_END()

#include "azscsp/auth/token_claims.hpp"
#include "azscsp/util/base64.hpp"

BOOST_AUTO_TEST_SUITE(token_claims)

BOOST_AUTO_TEST_CASE(base64_decodes_both_alphabets_with_or_without_padding) {
  BOOST_TEST(Base64Decode("aGk/Pz8=").value() == "hi???");
  BOOST_TEST(Base64Decode("aGk_Pz8").value() == "hi???");
  BOOST_TEST(!Base64Decode("a$b").has_value());
  BOOST_TEST(!Base64Decode("a").has_value());
}

BOOST_AUTO_TEST_CASE(reads_tid_oid_and_app_id_from_a_jwt) {
  // {"tid":"t-1","oid":"o-1","appid":"a-1"} base64url, between a header and a signature.
  const auto claims = azscsp::auth::ReadTokenClaims(
      "eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiJ0LTEiLCJvaWQiOiJvLTEiLCJhcHBpZCI6ImEtMSJ9.c2ln");
  BOOST_REQUIRE(claims.has_value());
  BOOST_TEST(claims->tenant_id == "t-1");
  BOOST_TEST(claims->object_id == "o-1");
  BOOST_TEST(claims->app_id == "a-1");
  BOOST_TEST(!azscsp::auth::ReadTokenClaims("opaque-token").has_value());
  BOOST_TEST(!azscsp::auth::ReadTokenClaims("a.!!!.c").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
