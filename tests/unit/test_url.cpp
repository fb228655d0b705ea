#include <boost/test/unit_test.hpp>

#include <string>

#include "azscsp/errors.hpp"
#include "azscsp/http/http_message.hpp"
#include "azscsp/util/case_insensitive.hpp"

using azscsp::InvalidArgumentError;
using azscsp::http::Url;

namespace {

// The message of the InvalidArgumentError that parsing `text` throws ("" when none is thrown).
std::string ParseError(const std::string& text) {
  try {
    Url::Parse(text);
  } catch (const InvalidArgumentError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(url)

BOOST_AUTO_TEST_CASE(parses_https_with_default_port_and_root_target) {
  const Url url = Url::Parse("https://Management.Local.AzureStack.External");
  BOOST_TEST(url.scheme == "https");
  BOOST_TEST(url.host == "management.local.azurestack.external");
  BOOST_TEST(url.port == 443);
  BOOST_TEST(url.target == "/");
  BOOST_TEST(url.Authority() == "management.local.azurestack.external:443");
  BOOST_TEST(url.ToString() == "https://management.local.azurestack.external/");
}

BOOST_AUTO_TEST_CASE(keeps_target_exactly_as_given) {
  const std::string target =
      "/subscriptions/x/providers/Microsoft.Billing/usage?api-version=2015-06-01-preview&"
      "$filter=name%20eq%20%27a%27&continuationToken=a%2Bb%3D%3D";
  const Url url = Url::Parse("HTTPS://host.example:8443" + target + "#fragment");
  BOOST_TEST(url.scheme == "https");
  BOOST_TEST(url.port == 8443);
  BOOST_TEST(url.target == target);
  BOOST_TEST(url.ToString() == "https://host.example:8443" + target);
}

BOOST_AUTO_TEST_CASE(query_without_path_gets_a_slash) {
  BOOST_TEST(Url::Parse("https://h?a=1").target == "/?a=1");
}

BOOST_AUTO_TEST_CASE(http_default_port_and_explicit_ports) {
  BOOST_TEST(Url::Parse("http://proxy.contoso.com").port == 80);
  BOOST_TEST(Url::Parse("http://proxy.contoso.com:3128/").port == 3128);
  BOOST_TEST(Url::Parse("https://h:443/").ToString() == "https://h/");
  BOOST_TEST(Url::Parse("https://h:/x").port == 443);
}

BOOST_AUTO_TEST_CASE(ipv6_in_brackets) {
  const Url url = Url::Parse("https://[::1]:8443/a");
  BOOST_TEST(url.host == "::1");
  BOOST_TEST(url.port == 8443);
  BOOST_TEST(url.Authority() == "[::1]:8443");
  BOOST_TEST(url.ToString() == "https://[::1]:8443/a");
  BOOST_TEST(Url::Parse("https://[FE80::1]").Authority() == "[fe80::1]:443");
}

BOOST_AUTO_TEST_CASE(ipv4_literal) {
  const Url url = Url::Parse("https://127.0.0.1:1234");
  BOOST_TEST(url.host == "127.0.0.1");
  BOOST_TEST(url.Authority() == "127.0.0.1:1234");
}

BOOST_AUTO_TEST_CASE(rejects_other_schemes_naming_the_value) {
  const std::string message = ParseError("ftp://x");
  BOOST_TEST(message.find("'ftp://x' is not an absolute https:// URL") != std::string::npos,
             message);
}

BOOST_AUTO_TEST_CASE(rejects_bad_input) {
  for (const std::string bad :
       {"", "management.local.azurestack.external", "/relative/path", "https://", "https:///x",
        "https://host:0/", "https://host:65536/", "https://host:12ab/", "https://[::1/",
        "https://[not-v6]/", "https://ho st/", "https://host/a b", "https://host/\x01",
        "https://host/caf\xc3\xa9", "https://[::1]x/", "://host"}) {
    BOOST_TEST(!ParseError(bad).empty(), "accepted '" << bad << "'");
  }
}

BOOST_AUTO_TEST_CASE(rejects_user_info_without_echoing_the_password) {
  const std::string message = ParseError("https://admin:S3cret!@host/");
  BOOST_TEST(!message.empty());
  BOOST_TEST(message.find("S3cret") == std::string::npos, message);
  BOOST_TEST(message.find("admin:***@host") != std::string::npos, message);
}

BOOST_AUTO_TEST_CASE(method_names) {
  using azscsp::http::Method;
  using azscsp::http::MethodName;
  BOOST_TEST(MethodName(Method::Get) == std::string("GET"));
  BOOST_TEST(MethodName(Method::Put) == std::string("PUT"));
  BOOST_TEST(MethodName(Method::Post) == std::string("POST"));
  BOOST_TEST(MethodName(Method::Patch) == std::string("PATCH"));
  BOOST_TEST(MethodName(Method::Delete) == std::string("DELETE"));
  BOOST_TEST(MethodName(Method::Head) == std::string("HEAD"));
}

BOOST_AUTO_TEST_CASE(response_headers_are_case_insensitive) {
  azscsp::http::Response response;
  response.headers["x-ms-request-id"] = "abc";
  BOOST_TEST(response.Header("X-MS-Request-Id").value_or("") == "abc");
  BOOST_TEST(!response.Header("Retry-After").has_value());
}

BOOST_AUTO_TEST_CASE(case_insensitive_helpers) {
  using namespace azscsp::util;
  BOOST_TEST(EqualsIgnoreCase("Microsoft.Subscriptions", "microsoft.SUBSCRIPTIONS"));
  BOOST_TEST(!EqualsIgnoreCase("abc", "abcd"));
  BOOST_TEST(StartsWithIgnoreCase("Bearer xyz", "bearer "));
  BOOST_TEST(!StartsWithIgnoreCase("Be", "bearer"));
  BOOST_TEST(EndsWithIgnoreCase("Sub.Contoso.COM", ".contoso.com"));
  BOOST_TEST(!EndsWithIgnoreCase("com", ".contoso.com"));
  const CaseInsensitiveLess less;
  BOOST_TEST(!less("ABC", "abc"));
  BOOST_TEST(!less("abc", "ABC"));
  BOOST_TEST(less("abc", "ABD"));
  BOOST_TEST(less("ab", "ABC"));
  BOOST_TEST(less("Z", "a") == false);  // 'z' > 'a' ignoring case
}

BOOST_AUTO_TEST_SUITE_END()
