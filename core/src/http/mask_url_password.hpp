// Shown in error messages instead of a URL that may carry credentials.
#pragma once

#include <string>

namespace azscsp::http::_detail {

// "https://user:secret@host/x" becomes "https://user:***@host/x"; other URLs are unchanged.
std::string MaskUrlPassword(const std::string& url);

}  // namespace azscsp::http::_detail
