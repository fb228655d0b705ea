// Reading the Partner Center operations' arguments (README.md, Partner Center): customer and
// subscription GUIDs, the new-customer and contact objects, whole numbers.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "azscsp/partnercenter/agreements_client.hpp"
#include "azscsp/partnercenter/customer_creation.hpp"

namespace azscsp::shim::_detail {

// A GUID argument (any case), lower-cased; InvalidArgument naming it when it is not one.
std::optional<std::string> OptionalGuid(const boost::json::object& arguments, const char* name);
std::string RequiredGuid(const boost::json::object& arguments, const char* name);
// A whole number from `minimum` to `maximum`; InvalidArgument naming it otherwise.
std::optional<long long> OptionalInteger(const boost::json::object& arguments, const char* name,
                                         long long minimum, long long maximum);
// An object argument; nullptr when absent; InvalidArgument when not an object.
const boost::json::object* OptionalObject(const boost::json::object& arguments, const char* name);

// companyName, domain, email, culture?, language?, address{...}, organizationRegistrationNumber?,
// skipValidation? of `object` (the arguments, or onboardCustomer's "create"); `where` prefixes
// argument names in errors ("create.").
partnercenter::NewCustomer NewCustomerFrom(const boost::json::object& object,
                                           const std::string& where);
// {firstName, lastName, email, phoneNumber?}; InvalidArgument naming a missing field.
partnercenter::AgreementContact ContactFrom(const boost::json::object& contact,
                                            const std::string& where);

}  // namespace azscsp::shim::_detail
