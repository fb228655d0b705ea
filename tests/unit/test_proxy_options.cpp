#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <string>

#include "azscsp/http/transport.hpp"

using azscsp::http::ProxyOptions;

namespace {

ProxyOptions WithNoProxy(const std::string& no_proxy) {
  ProxyOptions options;
  options.url = "http://proxy:3128";
  options.no_proxy = no_proxy;
  return options;
}

void SetEnv(const char* name, const char* value) {
#ifdef _WIN32
  _putenv_s(name, value == nullptr ? "" : value);
#else
  if (value == nullptr) {
    unsetenv(name);
  } else {
    setenv(name, value, 1);
  }
#endif
}

// Restores the proxy variables a test changes.
struct ProxyEnvironment {
  static constexpr const char* kNames[] = {"HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy"};
  std::string saved[4];
  bool had[4] = {};
  ProxyEnvironment() {
    for (int i = 0; i < 4; ++i) {
      const char* value = std::getenv(kNames[i]);
      had[i] = value != nullptr;
      if (value != nullptr) saved[i] = value;
      SetEnv(kNames[i], nullptr);
    }
  }
  ~ProxyEnvironment() {
    for (int i = 0; i < 4; ++i) SetEnv(kNames[i], had[i] ? saved[i].c_str() : nullptr);
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(proxy_options)

BOOST_AUTO_TEST_CASE(empty_no_proxy_bypasses_nothing) {
  BOOST_TEST(!WithNoProxy("").Bypasses("management.contoso.com"));
  BOOST_TEST(!WithNoProxy(" , ,").Bypasses("management.contoso.com"));
}

BOOST_AUTO_TEST_CASE(star_bypasses_everything) {
  BOOST_TEST(WithNoProxy("*").Bypasses("anything.example"));
  BOOST_TEST(WithNoProxy("a.com, *").Bypasses("10.0.0.1"));
}

BOOST_AUTO_TEST_CASE(domains_match_themselves_and_subdomains) {
  for (const std::string entry : {"contoso.com", ".contoso.com", "*.contoso.com"}) {
    const ProxyOptions options = WithNoProxy("foo.example, " + entry);
    BOOST_TEST(options.Bypasses("contoso.com"), entry);
    BOOST_TEST(options.Bypasses("management.contoso.com"), entry);
    BOOST_TEST(options.Bypasses("a.b.contoso.com"), entry);
    BOOST_TEST(!options.Bypasses("notcontoso.com"), entry);
    BOOST_TEST(!options.Bypasses("contoso.com.evil.example"), entry);
  }
}

BOOST_AUTO_TEST_CASE(matching_is_case_insensitive_and_trims) {
  const ProxyOptions options = WithNoProxy("  Local.AzureStack.External ,LOCALHOST");
  BOOST_TEST(options.Bypasses("management.local.azurestack.external"));
  BOOST_TEST(options.Bypasses("MANAGEMENT.LOCAL.AZURESTACK.EXTERNAL"));
  BOOST_TEST(options.Bypasses("localhost"));
  BOOST_TEST(options.Bypasses("localhost."));
}

BOOST_AUTO_TEST_CASE(ip_addresses_match_exactly) {
  const ProxyOptions options = WithNoProxy("10.1.2.3,::1,[fe80::1]");
  BOOST_TEST(options.Bypasses("10.1.2.3"));
  BOOST_TEST(!options.Bypasses("10.1.2.30"));
  BOOST_TEST(!options.Bypasses("110.1.2.3"));
  BOOST_TEST(options.Bypasses("::1"));
  BOOST_TEST(options.Bypasses("[::1]:443"));
  BOOST_TEST(options.Bypasses("0:0:0:0:0:0:0:1"));
  BOOST_TEST(options.Bypasses("fe80::1"));
  BOOST_TEST(!options.Bypasses("::2"));
}

BOOST_AUTO_TEST_CASE(networks_in_cidr_notation) {
  const ProxyOptions options = WithNoProxy("192.168.0.0/16, fd00::/8");
  BOOST_TEST(options.Bypasses("192.168.10.20"));
  BOOST_TEST(!options.Bypasses("192.169.0.1"));
  BOOST_TEST(options.Bypasses("fd12::5"));
  BOOST_TEST(!options.Bypasses("fe80::1"));
  BOOST_TEST(!options.Bypasses("host.example"));
}

BOOST_AUTO_TEST_CASE(entries_with_a_port_match_only_that_port) {
  const ProxyOptions options = WithNoProxy("contoso.com:8443,10.0.0.1:443");
  BOOST_TEST(options.Bypasses("a.contoso.com:8443"));
  BOOST_TEST(!options.Bypasses("a.contoso.com:443"));
  BOOST_TEST(!options.Bypasses("a.contoso.com"));
  BOOST_TEST(options.Bypasses("10.0.0.1:443"));
  BOOST_TEST(!options.Bypasses("10.0.0.1:8443"));
  // Entries without a port match every port.
  BOOST_TEST(WithNoProxy("contoso.com").Bypasses("contoso.com:8443"));
}

BOOST_AUTO_TEST_CASE(reads_the_environment_upper_case_first) {
  ProxyEnvironment environment;
  BOOST_TEST(ProxyOptions::FromEnvironment().url.empty());
  BOOST_TEST(ProxyOptions::FromEnvironment().no_proxy.empty());

  SetEnv("https_proxy", "http://lower:3128");
  SetEnv("no_proxy", "lower.example");
  BOOST_TEST(ProxyOptions::FromEnvironment().url == "http://lower:3128");
  BOOST_TEST(ProxyOptions::FromEnvironment().no_proxy == "lower.example");

  SetEnv("HTTPS_PROXY", "http://upper:8080");
  SetEnv("NO_PROXY", ".upper.example");
  const ProxyOptions options = ProxyOptions::FromEnvironment();
  BOOST_TEST(options.url == "http://upper:8080");
  BOOST_TEST(options.no_proxy == ".upper.example");
  BOOST_TEST(options.Bypasses("a.upper.example"));
}

BOOST_AUTO_TEST_SUITE_END()
