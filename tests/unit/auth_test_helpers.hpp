// Shared helpers of the credential tests: unsigned JWTs with chosen claims, form parsing, and a
// sink that records prompts separately.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "auth/token_response.hpp"
#include "azscsp/util/log.hpp"
#include "azscsp/util/url_encode.hpp"

namespace azscsp::testing {

// "header.payload.signature" with the given claims (signature not meaningful).
inline std::string MakeJwt(const boost::json::object& claims) {
  return auth::_detail::Base64UrlEncode(R"({"alg":"RS256","typ":"JWT"})") + "." +
         auth::_detail::Base64UrlEncode(boost::json::serialize(claims)) + ".c2ln";
}

// The decoded value of `name` in an x-www-form-urlencoded body, or empty.
inline std::string FormField(const std::string& body, const std::string& name) {
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('&', start);
    if (end == std::string::npos) end = body.size();
    const std::string pair = body.substr(start, end - start);
    const size_t eq = pair.find('=');
    if (eq != std::string::npos && pair.substr(0, eq) == name)
      return util::PercentDecode(pair.substr(eq + 1), true);
    start = end + 1;
  }
  return {};
}

class PromptSink final : public util::LogSink {
 public:
  util::LogLevel Level() const override { return util::LogLevel::Debug; }
  void Write(util::LogLevel, const std::string& message) override {
    std::lock_guard<std::mutex> lock(mutex_);
    lines_ += message + "\n";
  }
  void Prompt(const std::string& message) override {
    std::lock_guard<std::mutex> lock(mutex_);
    prompts_.push_back(message);
  }
  std::vector<std::string> Prompts() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return prompts_;
  }
  std::string Lines() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return lines_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> prompts_;
  std::string lines_;
};

// Asserts that none of `secrets` appears in `text` (error messages, log lines).
inline std::string FirstLeak(const std::string& text, const std::vector<std::string>& secrets) {
  for (const auto& secret : secrets)
    if (!secret.empty() && text.find(secret) != std::string::npos) return secret;
  return {};
}

}  // namespace azscsp::testing
