// Creating a Partner Center customer as New-PartnerCustomer does (partner-center.md §7.1-§7.3):
// unless validation is skipped, the domain must be available and the address valid; then
// POST customers with the company and billing profiles.
#pragma once

#include <boost/json.hpp>
#include <memory>
#include <string>

#include "azscsp/partnercenter/partner_center_client.hpp"
#include "azscsp/partnercenter/partner_center_models.hpp"

namespace azscsp::partnercenter {

struct NewCustomer {
  std::string company_name, domain, email;
  std::string culture = "en-US";
  std::string language = "en";
  // addressLine1, addressLine2?, city, state?, postalCode, country, region?, firstName, lastName,
  // phoneNumber? (camelCase as the API takes them).
  boost::json::object address;
  std::string organization_registration_number;
  bool skip_validation = false;

  // InvalidArgumentError naming the first missing field (`where` prefixes names: "create.").
  void Validate(const std::string& where) const;
};

// The address fields validations/address takes (no names or phone).
boost::json::object AddressForValidation(const boost::json::object& address);

// The read-only checks before a creation (unless skip_validation): the domain must be available
// (else DomainNotAvailable, InvalidArgument, naming it) and the address valid (else
// AddressNotValid, InvalidArgument, naming the status and the suggestions). Writes nothing.
void CheckNewCustomer(const NewCustomer& request,
                      const std::shared_ptr<const PartnerCenterClient>& client,
                      const util::Context& context);

// CheckNewCustomer (unless `checked`: the caller already ran it), then POST customers: the
// created customer with userCredentials (a secret).
Customer CreateCustomer(const NewCustomer& request,
                        const std::shared_ptr<const PartnerCenterClient>& client,
                        const util::Context& context, bool checked = false);

}  // namespace azscsp::partnercenter
