#include "http/proxy_endpoint.hpp"

#include <openssl/evp.h>

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <cctype>
#include <vector>

#include "azscsp/errors.hpp"
#include "http/mask_url_password.hpp"

namespace azscsp::http {
namespace {

std::string Base64(const std::string& data) {
  std::vector<unsigned char> out(4 * ((data.size() + 2) / 3) + 1);
  const int n = EVP_EncodeBlock(out.data(), reinterpret_cast<const unsigned char*>(data.data()),
                                static_cast<int>(data.size()));
  return std::string(reinterpret_cast<const char*>(out.data()), static_cast<size_t>(n));
}

}  // namespace

ProxyEndpoint ParseProxyUrl(const std::string& url, const std::string& source) {
  const std::string text = url.find("://") == std::string::npos ? "http://" + url : url;
  const auto fail = [&](const std::string& why) {
    return InvalidArgumentError("The proxy URL '" + _detail::MaskUrlPassword(url) + "'" +
                                (source.empty() ? std::string() : " (from " + source + ")") +
                                " is not an http://[user:password@]host:port URL: " + why);
  };
  const auto parsed = boost::urls::parse_uri(text);
  if (!parsed) throw fail("it could not be parsed.");
  const boost::urls::url_view view = *parsed;
  std::string scheme(view.scheme());
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "http") {
    throw fail(
        "only http:// proxies (plain connection to the proxy, CONNECT tunnel) are supported.");
  }
  ProxyEndpoint proxy;
  proxy.host = view.host_address();
  if (proxy.host.empty()) throw fail("the host is missing.");
  for (char& c : proxy.host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  proxy.port = 80;
  if (view.has_port() && !view.port().empty()) {
    const std::string port(view.port());
    unsigned long value = 0;
    for (char c : port) {
      if (c < '0' || c > '9' || value > 65535) throw fail("the port must be a number.");
      value = value * 10 + static_cast<unsigned long>(c - '0');
    }
    if (value == 0 || value > 65535) throw fail("the port must be from 1 to 65535.");
    proxy.port = static_cast<uint16_t>(value);
  }
  if (view.has_userinfo()) {
    proxy.authorization = "Basic " + Base64(view.user() + ":" + view.password());
  }
  const bool v6 = proxy.host.find(':') != std::string::npos;
  proxy.display =
      "http://" + (v6 ? "[" + proxy.host + "]" : proxy.host) + ":" + std::to_string(proxy.port);
  return proxy;
}

}  // namespace azscsp::http
