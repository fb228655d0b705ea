// HTTP request and response values shared by every layer of the core.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "azscsp/util/case_insensitive.hpp"

namespace azscsp::http {

enum class Method { Get, Put, Post, Patch, Delete, Head };

const char* MethodName(Method method);

// Header names compare case-insensitively, as HTTP requires.
using Headers = std::map<std::string, std::string, util::CaseInsensitiveLess>;

// An absolute https:// (or http:// for proxies) URL split into the parts the transport needs.
struct Url {
  std::string scheme;  // "https" or "http", lower case
  std::string host;    // without brackets for IPv6
  uint16_t port = 0;   // always set (443/80 when the URL had none)
  std::string target;  // path and query, percent-encoded as sent, starts with '/'

  // Parses an absolute URL; throws InvalidArgumentError naming the value when it is not one.
  static Url Parse(const std::string& absolute_url);
  std::string ToString() const;
  // "host:port" as used for connection pooling and the CONNECT line.
  std::string Authority() const;
};

struct Request {
  Method method = Method::Get;
  Url url;
  Headers headers;
  std::string body;
  // Token-endpoint requests carry secrets: their bodies are never logged, whatever the level.
  bool sensitive_body = false;
  // GET, PUT, DELETE and HEAD may always be sent again. Set this for a POST or PATCH that is safe
  // to repeat (a token request) so it is retried after transport failures too.
  bool idempotent = false;

  bool IsIdempotent() const;
};

struct Response {
  int status = 0;
  std::string reason;
  Headers headers;
  std::string body;

  std::optional<std::string> Header(const std::string& name) const;
};

}  // namespace azscsp::http
