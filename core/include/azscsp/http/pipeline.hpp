// A chain of policies in front of a transport, after the Azure SDK for C++: each policy may change
// the request, call the next one (possibly several times) and inspect the response.
#pragma once

#include <memory>
#include <vector>

#include "azscsp/http/http_message.hpp"
#include "azscsp/http/transport.hpp"
#include "azscsp/util/context.hpp"

namespace azscsp::http {

class Policy;

class NextPolicy {
 public:
  NextPolicy(const std::vector<std::shared_ptr<Policy>>& policies, size_t index,
             Transport& transport)
      : policies_(policies), index_(index), transport_(transport) {}
  Response Send(Request& request, const util::Context& context) const;

 private:
  const std::vector<std::shared_ptr<Policy>>& policies_;
  size_t index_;
  Transport& transport_;
};

class Policy {
 public:
  virtual ~Policy() = default;
  virtual Response Send(Request& request, const NextPolicy& next, const util::Context& context) = 0;
};

class Pipeline {
 public:
  Pipeline(std::vector<std::shared_ptr<Policy>> policies, std::shared_ptr<Transport> transport);
  // The request is copied per call so retries always start from what the caller built.
  Response Send(const Request& request, const util::Context& context) const;

 private:
  std::vector<std::shared_ptr<Policy>> policies_;
  std::shared_ptr<Transport> transport_;
};

}  // namespace azscsp::http
