#include "partnercenter/pc_addresses.hpp"

#include <boost/json.hpp>
#include <cctype>
#include <set>

#include "http/responses.hpp"
#include "partnercenter/pc_call.hpp"
#include "partnercenter/pc_errors.hpp"
#include "partnercenter/pc_json.hpp"
#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

bool IsUsState(const std::string& state) {
  static const std::set<std::string> kStates = {
      "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL",
      "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE",
      "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD",
      "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI", "AS", "MP"};
  std::string upper;
  for (char c : state) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return kStates.count(upper) > 0;
}

bool AllDigits(const std::string& text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool IsUsPostalCode(const std::string& code) {
  if (code.size() == 5) return AllDigits(code);
  return code.size() == 10 && code[5] == '-' && AllDigits(code.substr(0, 5)) &&
         AllDigits(code.substr(6));
}

bool IsAlpha2(const std::string& country) {
  return country.size() == 2 && std::isalpha(static_cast<unsigned char>(country[0])) &&
         std::isalpha(static_cast<unsigned char>(country[1]));
}

json::object AddressJson(const json::object& in) {
  json::object out;
  for (const char* name : {"addressLine1", "addressLine2", "addressLine3", "city", "state",
                           "postalCode", "country", "region"}) {
    std::string value = MemberString(in, name);
    if (!value.empty()) out[name] = value;
  }
  return out;
}

}  // namespace

AddressCheck CheckAddress(const json::object& address) {
  AddressCheck check;
  for (const char* field : {"AddressLine1", "City", "PostalCode", "Country"}) {
    if (Trim(MemberString(address, field)).empty()) {
      check.missing_field = field;
      return check;
    }
  }
  std::string country = Trim(MemberString(address, "Country"));
  if (!IsAlpha2(country)) {
    check.missing_field = "Country";
    return check;
  }
  if (!IEquals(country, "US")) {
    check.status = "Verified";
    return check;
  }
  std::string state = Trim(MemberString(address, "State"));
  std::string postal = Trim(MemberString(address, "PostalCode"));
  if (!IsUsState(state) || !IsUsPostalCode(postal)) {
    check.status = "None";
    return check;
  }
  // The well-known test address with another postal code: one suggestion.
  if (IEquals(Trim(MemberString(address, "AddressLine1")), "One Microsoft Way") &&
      IEquals(Trim(MemberString(address, "City")), "Redmond") && IEquals(state, "WA") &&
      postal.substr(0, 5) != "98052") {
    json::object suggestion = AddressJson(address);
    suggestion["postalCode"] = "98052-6399";
    suggestion["state"] = "WA";
    suggestion["country"] = "US";
    check.status = "InteractionRequired";
    check.suggestions.push_back(std::move(suggestion));
    return check;
  }
  check.status = "VerifiedShippable";
  return check;
}

std::string FullDomain(const std::string& domain) {
  std::string d = ToLower(Trim(domain));
  return d.find('.') == std::string::npos ? d + ".onmicrosoft.com" : d;
}

bool DomainTaken(const World& world, const std::string& full_domain) {
  for (const Tenant& t : world.tenants) {
    if (!t.domain.empty() && IEquals(t.domain, full_domain)) return true;
  }
  for (const PcCustomer& c : world.partner_center.customers) {
    if (IEquals(c.domain, full_domain)) return true;
  }
  return false;
}

HttpResponse ValidateAddress(PcCall& call) {
  std::optional<json::object> body = ParseObject(call.http.body);
  if (!body) return PcError(400, 3000, "Invalid property: the request body must be an address.");
  AddressCheck check = CheckAddress(*body);
  if (!check.missing_field.empty()) {
    return PcError(400, 3000,
                   "Invalid property: " + check.missing_field +
                       (check.missing_field == "Country"
                            ? " is required and must be a two-letter ISO country code."
                            : " is required."));
  }
  return JsonResponse(200, json::object{{"originalAddress", AddressJson(*body)},
                                        {"suggestedAddresses", std::move(check.suggestions)},
                                        {"status", check.status}});
}

HttpResponse CheckDomain(PcCall& call) {
  return EmptyResponse(DomainTaken(call.world, FullDomain(call.Param(0))) ? 200 : 404);
}

}  // namespace azscsp::emulator
