// Create a customer (7.3): validation, then the customer record, its Entra tenant, a Graph
// directory and the admin user whose credentials the answer carries.
#include <boost/json.hpp>
#include <cctype>
#include <set>

#include "http/responses.hpp"
#include "partnercenter/pc_addresses.hpp"
#include "partnercenter/pc_call.hpp"
#include "partnercenter/pc_errors.hpp"
#include "partnercenter/pc_json.hpp"
#include "partnercenter/pc_tenants.hpp"
#include "partnercenter/pc_views.hpp"
#include "util/ids.hpp"
#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

// Countries whose customers need an organization registration number and a phone number
// (reference §4.2: 600049 / 600051).
bool NeedsRegistrationNumber(const std::string& country) {
  static const std::set<std::string> kCountries = {"AM", "AZ", "BY", "HU", "KZ", "KG",
                                                   "MD", "RU", "TJ", "UZ", "UA"};
  std::string upper;
  for (char c : country) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return kCountries.count(upper) > 0;
}

bool ValidDomainPrefix(const std::string& prefix) {
  if (prefix.empty() || prefix.size() > 27) return false;
  for (char c : prefix) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

HttpResponse Missing(const std::string& field) {
  return PcError(400, 3000, "Invalid property: " + field + " is required.");
}

}  // namespace

HttpResponse CreateCustomer(PcCall& call) {
  std::optional<json::object> body = ParseObject(call.http.body);
  if (!body) return PcError(400, 3000, "Invalid property: the request body must be a Customer.");
  const json::object* company = MemberObject(*body, "CompanyProfile");
  if (!company) return Missing("CompanyProfile");
  std::string domain_input = Trim(MemberString(*company, "Domain"));
  if (domain_input.empty()) return Missing("CompanyProfile.Domain");
  std::string domain = FullDomain(domain_input);
  std::string prefix = domain.substr(0, domain.find('.'));
  if (!ValidDomainPrefix(prefix)) {
    return PcError(400, 3000,
                   "Invalid property: CompanyProfile.Domain '" + domain_input +
                       "' is not a valid domain prefix (letters and digits, at most 27).");
  }
  const json::object* billing = MemberObject(*body, "BillingProfile");
  if (!billing) return Missing("BillingProfile");
  for (const char* field : {"Email", "Culture", "Language", "CompanyName"}) {
    if (Trim(MemberString(*billing, field)).empty()) {
      return Missing(std::string("BillingProfile.") + field);
    }
  }
  const json::object* address = MemberObject(*billing, "DefaultAddress");
  if (!address) return Missing("BillingProfile.DefaultAddress");
  for (const char* field : {"FirstName", "LastName"}) {
    if (Trim(MemberString(*address, field)).empty()) {
      return Missing(std::string("BillingProfile.DefaultAddress.") + field);
    }
  }
  AddressCheck check = CheckAddress(*address);
  if (!check.missing_field.empty()) {
    return Missing("BillingProfile.DefaultAddress." + check.missing_field);
  }
  std::string country = Trim(MemberString(*address, "Country"));
  if (IEquals(country, "US") && Trim(MemberString(*address, "State")).empty()) {
    return Missing("BillingProfile.DefaultAddress.State");
  }
  std::string registration_number = Trim(MemberString(*company, "OrganizationRegistrationNumber"));
  if (NeedsRegistrationNumber(country)) {
    if (registration_number.empty()) {
      return PcError(
          400, 600049,
          "OrganizationRegistrationNumber is required for customers in " + country + ".");
    }
    if (Trim(MemberString(*address, "PhoneNumber")).empty()) {
      return PcError(400, 600051,
                     "The customer's phone number (DefaultAddress.PhoneNumber) is required for "
                     "customers in " +
                         country + ".");
    }
  }
  if (DomainTaken(call.world, domain)) {
    return PcError(400, 3000, "The domain " + domain + " is not available.");
  }

  PcCustomer customer;
  customer.id = NewGuid();
  customer.commerce_id = NewGuid();
  customer.domain = domain;
  customer.company_name = Trim(MemberString(*billing, "CompanyName"));
  customer.partner_id = call.caller.partner_id;
  customer.relationship = "reseller";
  customer.organization_registration_number = registration_number;
  json::object default_address;
  for (const char* field : {"country", "region", "city", "state", "addressLine1", "addressLine2",
                            "addressLine3", "postalCode", "firstName", "lastName", "phoneNumber"}) {
    std::string value = MemberString(*address, field);
    if (!value.empty()) default_address[field] = value;
  }
  customer.billing_profile = json::object{{"id", NewGuid()},
                                          {"firstName", MemberString(*address, "FirstName")},
                                          {"lastName", MemberString(*address, "LastName")},
                                          {"email", MemberString(*billing, "Email")},
                                          {"culture", MemberString(*billing, "Culture")},
                                          {"language", MemberString(*billing, "Language")},
                                          {"companyName", customer.company_name},
                                          {"defaultAddress", std::move(default_address)}};
  std::string password =
      ProvisionCustomerTenant(call.world, customer.id, domain, customer.company_name);
  json::object answer = CustomerJson(customer);
  answer["userCredentials"] = json::object{{"userName", "admin@" + domain}, {"password", password}};
  call.pc().customers.push_back(std::move(customer));
  return JsonResponse(201, answer);
}

}  // namespace azscsp::emulator
