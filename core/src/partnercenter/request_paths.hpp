// Shared by the Partner Center area clients: relative request paths and named call options.
#pragma once

#include <string>
#include <utility>

#include "azscsp/partnercenter/partner_center_client.hpp"
#include "azscsp/util/url_encode.hpp"

namespace azscsp::partnercenter::_detail {

// Call options that only name the operation (for messages and the app+user check).
inline CallOptions Named(std::string operation) {
  CallOptions call;
  call.operation = std::move(operation);
  return call;
}

// "customers/{id}", the customer's id percent-encoded.
inline std::string CustomerPath(const std::string& customer_id) {
  return "customers/" + util::PercentEncode(customer_id);
}

}  // namespace azscsp::partnercenter::_detail
