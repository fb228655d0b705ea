#include "azscsp/http/pipeline.hpp"

#include <utility>

namespace azscsp::http {

Response NextPolicy::Send(Request& request, const util::Context& context) const {
  context.ThrowIfDone();
  if (index_ == policies_.size()) return transport_.Send(request, context);
  return policies_[index_]->Send(request, NextPolicy(policies_, index_ + 1, transport_), context);
}

Pipeline::Pipeline(std::vector<std::shared_ptr<Policy>> policies,
                   std::shared_ptr<Transport> transport)
    : policies_(std::move(policies)), transport_(std::move(transport)) {}

Response Pipeline::Send(const Request& request, const util::Context& context) const {
  Request copy = request;
  return NextPolicy(policies_, 0, *transport_).Send(copy, context);
}

}  // namespace azscsp::http
