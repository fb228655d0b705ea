#include "azscsp/partnercenter/customer_creation.hpp"

#include "azscsp/errors.hpp"
#include "azscsp/partnercenter/customers_client.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/log.hpp"

namespace json = boost::json;

namespace azscsp::partnercenter {

void NewCustomer::Validate(const std::string& where) const {
  auto require = [&](const std::string& value, const std::string& name) {
    if (value.empty())
      throw InvalidArgumentError("Argument '" + where + name +
                                 "' is required to create a Partner Center customer.");
  };
  require(company_name, "companyName");
  require(domain, "domain");
  require(email, "email");
  for (const char* field :
       {"addressLine1", "city", "postalCode", "country", "firstName", "lastName"})
    require(StringField(json::value(address), field), std::string("address.") + field);
}

json::object AddressForValidation(const json::object& address) {
  json::object result;
  for (const char* field :
       {"addressLine1", "addressLine2", "city", "state", "postalCode", "country", "region"}) {
    const std::string value = StringField(json::value(address), field);
    if (!value.empty()) result[field] = value;
  }
  return result;
}

void CheckNewCustomer(const NewCustomer& request,
                      const std::shared_ptr<const PartnerCenterClient>& client,
                      const util::Context& context) {
  if (request.skip_validation) return;
  CustomersClient customers(client);
  const std::string domain = FullDomain(request.domain, client->DomainSuffix());
  if (!customers.DomainAvailable(domain, context))
    throw ServiceError(ErrorKind::InvalidArgument,
                       {0, "DomainNotAvailable",
                        "The domain '" + domain +
                            "' is already taken; choose another domain for the new customer."});
  const AddressValidation validation =
      customers.ValidateAddress(AddressForValidation(request.address), context);
  if (!validation.Valid())
    throw ServiceError(
        ErrorKind::InvalidArgument,
        {0, "AddressNotValid",
         "Partner Center did not verify the address (status '" + validation.status + "'); " +
             (validation.suggested_addresses.empty()
                  ? std::string("no suggestion was made. ")
                  : "suggested: " + json::serialize(validation.suggested_addresses) + ". ") +
             "Correct the address, or skip validation."});
}

Customer CreateCustomer(const NewCustomer& request,
                        const std::shared_ptr<const PartnerCenterClient>& client,
                        const util::Context& context, bool checked) {
  if (!checked) CheckNewCustomer(request, client, context);
  CustomersClient customers(client);
  const std::string domain = FullDomain(request.domain, client->DomainSuffix());
  json::object address;
  for (const auto& entry : request.address)
    if (!entry.value().is_null()) address[entry.key()] = entry.value();
  json::object company{{"domain", domain}};
  if (!request.organization_registration_number.empty())
    company["organizationRegistrationNumber"] = request.organization_registration_number;
  const json::object body{{"companyProfile", std::move(company)},
                          {"billingProfile",
                           {{"culture", request.culture.empty() ? "en-US" : request.culture},
                            {"email", request.email},
                            {"language", request.language.empty() ? "en" : request.language},
                            {"companyName", request.company_name},
                            {"defaultAddress", std::move(address)}}}};
  Customer customer = customers.Create(body, context);
  util::Progress(context, "Customer " + customer.id + " (" + customer.domain + ") created.");
  return customer;
}

}  // namespace azscsp::partnercenter
