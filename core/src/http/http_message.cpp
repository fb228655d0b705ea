#include "azscsp/http/http_message.hpp"

#include <boost/url/ipv6_address.hpp>

#include "azscsp/errors.hpp"
#include "http/mask_url_password.hpp"

namespace azscsp::http {
namespace {

constexpr uint16_t kHttpsPort = 443;
constexpr uint16_t kHttpPort = 80;

char Lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string ToLower(std::string text) {
  for (char& c : text) c = Lower(c);
  return text;
}

bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

[[noreturn]] void Fail(const std::string& value, const std::string& why) {
  throw InvalidArgumentError("'" + _detail::MaskUrlPassword(value) +
                             "' is not an absolute https:// URL: " + why);
}

uint16_t DefaultPort(const std::string& scheme) {
  return scheme == "https" ? kHttpsPort : kHttpPort;
}

bool IsValidRegNameChar(char c) {
  return IsAlpha(c) || IsDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

}  // namespace

bool Request::IsIdempotent() const {
  return idempotent || method == Method::Get || method == Method::Put || method == Method::Delete ||
         method == Method::Head;
}

const char* MethodName(Method method) {
  switch (method) {
    case Method::Get:
      return "GET";
    case Method::Put:
      return "PUT";
    case Method::Post:
      return "POST";
    case Method::Patch:
      return "PATCH";
    case Method::Delete:
      return "DELETE";
    case Method::Head:
      return "HEAD";
  }
  return "GET";
}

Url Url::Parse(const std::string& absolute_url) {
  const std::string& s = absolute_url;
  if (s.empty()) Fail(s, "the value is empty.");
  const size_t scheme_end = s.find("://");
  if (scheme_end == std::string::npos || scheme_end == 0) {
    Fail(s, "expected a URL such as https://management.local.azurestack.external/.");
  }
  Url url;
  url.scheme = ToLower(s.substr(0, scheme_end));
  if (url.scheme != "https" && url.scheme != "http") {
    Fail(s, "the scheme must be https (or http).");
  }

  const size_t authority_start = scheme_end + 3;
  size_t authority_end = s.find_first_of("/?#", authority_start);
  if (authority_end == std::string::npos) authority_end = s.size();
  const std::string authority = s.substr(authority_start, authority_end - authority_start);
  if (authority.empty()) Fail(s, "the host is missing.");
  if (authority.find('@') != std::string::npos) {
    Fail(s, "user information (user:password@) is not allowed in the URL.");
  }

  std::string port_text;
  bool has_port = false;
  if (authority[0] == '[') {
    const size_t close = authority.find(']');
    if (close == std::string::npos) Fail(s, "the IPv6 address is missing its closing ']'.");
    url.host = ToLower(authority.substr(1, close - 1));
    const auto v6 = boost::urls::parse_ipv6_address(url.host);
    if (!v6) Fail(s, "'" + url.host + "' is not a valid IPv6 address.");
    const std::string after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') Fail(s, "unexpected text after the IPv6 address.");
      has_port = true;
      port_text = after.substr(1);
    }
  } else {
    const size_t colon = authority.rfind(':');
    if (colon != std::string::npos) {
      has_port = true;
      port_text = authority.substr(colon + 1);
      url.host = ToLower(authority.substr(0, colon));
    } else {
      url.host = ToLower(authority);
    }
    if (url.host.empty()) Fail(s, "the host is missing.");
    for (char c : url.host) {
      if (!IsValidRegNameChar(c)) {
        Fail(s, "the host name contains the character '" + std::string(1, c) + "'.");
      }
    }
  }

  url.port = DefaultPort(url.scheme);
  if (has_port && !port_text.empty()) {
    if (port_text.size() > 5) Fail(s, "the port must be a number from 1 to 65535.");
    unsigned long value = 0;
    for (char c : port_text) {
      if (!IsDigit(c)) Fail(s, "the port must be a number from 1 to 65535.");
      value = value * 10 + static_cast<unsigned long>(c - '0');
    }
    if (value == 0 || value > 65535) Fail(s, "the port must be a number from 1 to 65535.");
    url.port = static_cast<uint16_t>(value);
  }

  // The target is kept exactly as given (callers percent-encode); only the fragment is dropped,
  // as it is never sent. Control characters, spaces and raw non-ASCII bytes would corrupt the
  // request line, so they are refused rather than silently re-encoded.
  size_t target_end = s.find('#', authority_end);
  if (target_end == std::string::npos) target_end = s.size();
  std::string target = s.substr(authority_end, target_end - authority_end);
  for (char c : target) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7f) {
      Fail(s,
           "the path and query must be percent-encoded (found a space, control or non-ASCII "
           "character).");
    }
  }
  if (target.empty()) {
    target = "/";
  } else if (target[0] == '?') {
    target.insert(target.begin(), '/');
  }
  url.target = std::move(target);
  return url;
}

std::string Url::ToString() const {
  std::string text = scheme + "://";
  text += host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (port != DefaultPort(scheme)) text += ":" + std::to_string(port);
  text += target.empty() ? "/" : target;
  return text;
}

std::string Url::Authority() const {
  const std::string bracketed = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return bracketed + ":" + std::to_string(port);
}

std::optional<std::string> Response::Header(const std::string& name) const {
  const auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

namespace _detail {

std::string MaskUrlPassword(const std::string& url) {
  const size_t scheme_end = url.find("://");
  const size_t start = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  const size_t authority_end = url.find_first_of("/?#", start);
  const size_t at = url.rfind('@', authority_end == std::string::npos ? url.size() : authority_end);
  if (at == std::string::npos || at < start) return url;
  const size_t colon = url.find(':', start);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace _detail

}  // namespace azscsp::http
