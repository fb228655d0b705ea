#include "partner_center_arguments.hpp"

#include "arguments.hpp"
#include "azscsp/errors.hpp"
#include "azscsp/partnercenter/partner_center_models.hpp"
#include "azscsp/util/ids.hpp"

namespace json = boost::json;

namespace azscsp::shim::_detail {

std::optional<std::string> OptionalGuid(const json::object& arguments, const char* name) {
  auto value = OptionalString(arguments, name);
  if (!value || value->empty()) return std::nullopt;
  std::string guid = *value;
  if (guid.size() == 38 && guid.front() == '{' && guid.back() == '}') guid = guid.substr(1, 36);
  if (!util::IsGuid(guid))
    throw InvalidArgumentError(std::string("The argument '") + name + "' is '" + *value +
                               "', which is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).");
  return partnercenter::Lower(guid);
}

std::string RequiredGuid(const json::object& arguments, const char* name) {
  auto value = OptionalGuid(arguments, name);
  if (!value) throw InvalidArgumentError(std::string("The argument '") + name + "' is required.");
  return *value;
}

std::optional<long long> OptionalInteger(const json::object& arguments, const char* name,
                                         long long minimum, long long maximum) {
  const json::value* value = arguments.if_contains(name);
  if (value == nullptr || value->is_null()) return std::nullopt;
  long long number = 0;
  if (value->is_int64())
    number = value->as_int64();
  else if (value->is_uint64() && value->as_uint64() <= 1'000'000'000'000ULL)
    number = static_cast<long long>(value->as_uint64());
  else if (value->is_double() && value->as_double() == static_cast<long long>(value->as_double()))
    number = static_cast<long long>(value->as_double());
  else
    number = minimum - 1;
  if (number < minimum || number > maximum)
    throw InvalidArgumentError(std::string("The argument '") + name +
                               "' must be a whole number from " + std::to_string(minimum) + " to " +
                               std::to_string(maximum) + ".");
  return number;
}

const json::object* OptionalObject(const json::object& arguments, const char* name) {
  const json::value* value = arguments.if_contains(name);
  if (value == nullptr || value->is_null()) return nullptr;
  if (!value->is_object())
    throw InvalidArgumentError(std::string("The argument '") + name + "' must be an object.");
  return &value->as_object();
}

partnercenter::NewCustomer NewCustomerFrom(const json::object& object, const std::string& where) {
  partnercenter::NewCustomer request;
  request.company_name = OptionalString(object, "companyName").value_or("");
  request.domain = OptionalString(object, "domain").value_or("");
  request.email = OptionalString(object, "email").value_or("");
  if (auto culture = OptionalString(object, "culture"); culture && !culture->empty())
    request.culture = *culture;
  if (auto language = OptionalString(object, "language"); language && !language->empty())
    request.language = *language;
  if (const json::object* address = OptionalObject(object, "address")) {
    for (const auto& entry : *address) {
      if (entry.value().is_null()) continue;
      if (!entry.value().is_string())
        throw InvalidArgumentError("The argument '" + where + "address." +
                                   std::string(entry.key()) + "' must be a string.");
      request.address[entry.key()] = entry.value();
    }
  }
  request.organization_registration_number =
      OptionalString(object, "organizationRegistrationNumber").value_or("");
  request.skip_validation = OptionalBool(object, "skipValidation").value_or(false);
  request.Validate(where);
  return request;
}

partnercenter::AgreementContact ContactFrom(const json::object& contact, const std::string& where) {
  partnercenter::AgreementContact result;
  auto required = [&](const char* name) {
    auto value = OptionalString(contact, name);
    if (!value || value->empty())
      throw InvalidArgumentError("The argument '" + where + name +
                                 "' is required for the Microsoft Customer Agreement contact.");
    return *value;
  };
  result.first_name = required("firstName");
  result.last_name = required("lastName");
  result.email = required("email");
  result.phone_number = OptionalString(contact, "phoneNumber").value_or("");
  return result;
}

}  // namespace azscsp::shim::_detail
