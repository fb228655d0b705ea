// Request-target parsing with ARM's tolerance: '//' and a trailing '/' are ignored, segments
// and query parameters are percent-decoded, query names match case-insensitively in any order.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace azscsp::emulator {

struct RequestTarget {
  std::vector<std::string> segments;                       // decoded, no empty segments
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in request order
  std::string raw_path;                                    // as received
  std::string raw_query;                                   // as received, without '?'

  // "/a/b" built from the decoded segments (for messages and logs).
  std::string Path() const;
  // "/a/b" re-encoded (for URLs such as nextLink).
  std::string EncodedPath() const;
  const std::string* Query(std::string_view name) const;
};

RequestTarget ParseTarget(std::string_view target);

}  // namespace azscsp::emulator
