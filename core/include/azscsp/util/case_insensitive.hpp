// ASCII case-insensitive comparison: HTTP header names, ARM namespaces, types and names.
#pragma once

#include <string_view>

namespace azscsp::util {

bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix);
bool EndsWithIgnoreCase(std::string_view text, std::string_view suffix);

struct CaseInsensitiveLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const;
};

}  // namespace azscsp::util
