// Address validation (7.1) and domain availability (7.2), also used by customer creation.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string>

#include "state/model.hpp"

namespace azscsp::emulator {

struct AddressCheck {
  std::string missing_field;  // "AddressLine1", ... ("" when every required field is there)
  std::string status;         // VerifiedShippable | Verified | InteractionRequired | None
  boost::json::array suggestions;
};

// Field names are read case-insensitively. `prefix` prefixes missing_field ("DefaultAddress.").
AddressCheck CheckAddress(const boost::json::object& address);

// "contoso" -> "contoso.onmicrosoft.com"; a name with a dot is kept as is.
std::string FullDomain(const std::string& domain);
// Taken by an identity tenant or a Partner Center customer (any partner), any case.
bool DomainTaken(const World& world, const std::string& full_domain);

}  // namespace azscsp::emulator
