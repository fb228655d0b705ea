// ProxyOptions: reading the proxy from the environment and NO_PROXY matching.
#include <array>
#include <cstdlib>
#include <string>
#include <string_view>

#include <boost/url/ipv4_address.hpp>
#include <boost/url/ipv6_address.hpp>

#include "azscsp/http/transport.hpp"

namespace azscsp::http {
namespace {

std::string GetEnv(const char* name) {
#ifdef _MSC_VER
  char* value = nullptr;
  size_t size = 0;
  if (_dupenv_s(&value, &size, name) != 0 || value == nullptr) return {};
  std::string result(value);
  std::free(value);
  return result;
#else
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
#endif
}

std::string Trim(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const size_t last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::string ToLower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::string FirstNonEmptyEnv(const char* upper, const char* lower) {
  std::string value = Trim(GetEnv(upper));
  if (value.empty()) value = Trim(GetEnv(lower));
  return value;
}

// A host with an optional port: "contoso.com", "contoso.com:8443", "10.0.0.1:80", "[::1]:443",
// "::1". Lower case, without brackets and without a trailing dot.
struct HostPort {
  std::string host;
  int port = -1;  // -1 = none given
};

bool ParsePort(std::string_view text, int& port) {
  if (text.empty() || text.size() > 5) return false;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  if (value == 0 || value > 65535) return false;
  port = value;
  return true;
}

HostPort SplitHostPort(std::string text) {
  HostPort result;
  text = ToLower(Trim(text));
  if (!text.empty() && text[0] == '[') {
    const size_t close = text.find(']');
    if (close == std::string::npos) {
      result.host = text;
      return result;
    }
    result.host = text.substr(1, close - 1);
    if (close + 1 < text.size() && text[close + 1] == ':') {
      ParsePort(std::string_view(text).substr(close + 2), result.port);
    }
    return result;
  }
  const size_t colon = text.find(':');
  if (colon != std::string::npos && text.find(':', colon + 1) == std::string::npos) {
    result.host = text.substr(0, colon);
    if (!ParsePort(std::string_view(text).substr(colon + 1), result.port)) result.port = -1;
  } else {
    result.host = text;  // no port, or a bare IPv6 address
  }
  while (!result.host.empty() && result.host.back() == '.') result.host.pop_back();
  return result;
}

// An IP address as 16 bytes (IPv4 mapped into the IPv4-mapped IPv6 range) for exact and CIDR
// comparisons; false when `text` is not an IP literal.
bool ToAddressBytes(const std::string& text, std::array<unsigned char, 16>& bytes, bool& is_v4) {
  if (auto v4 = boost::urls::parse_ipv4_address(text)) {
    const auto b = v4->to_bytes();
    bytes.fill(0);
    bytes[10] = bytes[11] = 0xff;
    for (size_t i = 0; i < 4; ++i) bytes[12 + i] = b[i];
    is_v4 = true;
    return true;
  }
  if (auto v6 = boost::urls::parse_ipv6_address(text)) {
    bytes = v6->to_bytes();
    is_v4 = false;
    return true;
  }
  return false;
}

bool InNetwork(const std::string& host, const std::string& entry) {
  const size_t slash = entry.find('/');
  std::string address = entry.substr(0, slash);
  if (!address.empty() && address.front() == '[' && address.back() == ']') {
    address = address.substr(1, address.size() - 2);
  }
  std::array<unsigned char, 16> network{};
  std::array<unsigned char, 16> candidate{};
  bool network_v4 = false;
  bool candidate_v4 = false;
  if (!ToAddressBytes(address, network, network_v4) ||
      !ToAddressBytes(host, candidate, candidate_v4)) {
    return false;
  }
  int prefix = 0;
  const std::string prefix_text = entry.substr(slash + 1);
  if (prefix_text.empty() || prefix_text.size() > 3) return false;
  for (char c : prefix_text) {
    if (c < '0' || c > '9') return false;
    prefix = prefix * 10 + (c - '0');
  }
  if (prefix > (network_v4 ? 32 : 128)) return false;
  if (network_v4) prefix += 96;
  for (int bit = 0; bit < prefix; ++bit) {
    const int byte = bit / 8;
    const int mask = 0x80 >> (bit % 8);
    if ((network[byte] & mask) != (candidate[byte] & mask)) return false;
  }
  return true;
}

bool SameAddress(const std::string& a, const std::string& b) {
  std::array<unsigned char, 16> x{};
  std::array<unsigned char, 16> y{};
  bool v4 = false;
  return ToAddressBytes(a, x, v4) && ToAddressBytes(b, y, v4) && x == y;
}

bool EntryMatches(const HostPort& target, std::string entry) {
  if (entry.find('/') != std::string::npos) return InNetwork(target.host, entry);
  if (entry.rfind("*.", 0) == 0) entry.erase(0, 1);  // "*.contoso.com" -> ".contoso.com"
  if (!entry.empty() && entry[0] == '.') entry.erase(0, 1);
  const HostPort pattern = SplitHostPort(entry);
  if (pattern.host.empty()) return false;
  if (pattern.port != -1 && pattern.port != target.port) return false;
  if (pattern.host == target.host || SameAddress(pattern.host, target.host)) return true;
  // Domain entries match the domain and every subdomain, with or without a leading dot.
  const std::string suffix = "." + pattern.host;
  return target.host.size() > suffix.size() &&
         target.host.compare(target.host.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

ProxyOptions ProxyOptions::FromEnvironment() {
  ProxyOptions options;
  options.url = FirstNonEmptyEnv("HTTPS_PROXY", "https_proxy");
  options.no_proxy = FirstNonEmptyEnv("NO_PROXY", "no_proxy");
  return options;
}

// `host` may carry a port ("contoso.com:8443", "[::1]:443"); entries with a port then only match
// that port. Entries: "*" (everything), "contoso.com" / ".contoso.com" / "*.contoso.com" (the
// domain and its subdomains), IP literals, "10.0.0.0/8" style networks; case-insensitive.
bool ProxyOptions::Bypasses(const std::string& host) const {
  const HostPort target = SplitHostPort(host);
  if (target.host.empty()) return false;
  size_t start = 0;
  while (start <= no_proxy.size()) {
    size_t end = no_proxy.find(',', start);
    if (end == std::string::npos) end = no_proxy.size();
    const std::string entry = ToLower(Trim(std::string_view(no_proxy).substr(start, end - start)));
    start = end + 1;
    if (entry.empty()) continue;
    if (entry == "*") return true;
    if (EntryMatches(target, entry)) return true;
  }
  return false;
}

}  // namespace azscsp::http
