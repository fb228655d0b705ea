// partnerCenter.connect and the customer, domain, address, agreement and catalog operations
// (README.md, Partner Center (issue 7)).
#include "arguments.hpp"
#include "azscsp/auth/token_claims.hpp"
#include "azscsp/errors.hpp"
#include "azscsp/partnercenter/agreements_client.hpp"
#include "azscsp/partnercenter/catalog_client.hpp"
#include "azscsp/partnercenter/customer_creation.hpp"
#include "azscsp/partnercenter/customers_client.hpp"
#include "azscsp/util/log.hpp"
#include "azscsp/util/time_format.hpp"
#include "client_state.hpp"
#include "operation_handlers.hpp"
#include "partner_center_arguments.hpp"

namespace json = boost::json;
namespace pc = azscsp::partnercenter;

namespace azscsp::shim::_detail {

void ConnectPartnerCenter(ClientState& client, const json::object&, const Emit& emit,
                          const util::Context& context) {
  const auto partner_center = client.PartnerCenter(context);
  const auth::AccessToken token = partner_center->Token(context);
  const auto claims = auth::ReadTokenClaims(token.token);
  std::string account = claims ? claims->user_principal_name : std::string();
  if (account.empty() && claims) account = claims->app_id;
  if (account.empty()) account = client.EffectiveClientId(context);
  std::string tenant_id = claims ? claims->tenant_id : std::string();
  if (tenant_id.empty()) tenant_id = client.EffectiveTenantId(context);
  emit({{"account", account},
        {"tenantId", tenant_id},
        {"appOnly", claims ? claims->IsAppOnly() : false},
        {"partnerCenterUrl", partner_center->BaseUrl()},
        {"expiresOn", util::FormatIso8601(token.expires_on)}});
}

void ListPartnerCustomers(ClientState& client, const json::object& arguments, const Emit& emit,
                          const util::Context& context) {
  pc::CustomerListOptions options;
  options.domain_prefix = OptionalString(arguments, "domain").value_or("");
  options.company_name_prefix = OptionalString(arguments, "companyName").value_or("");
  options.page_size = static_cast<int>(OptionalInteger(arguments, "pageSize", 1, 1000).value_or(0));
  pc::CustomersClient(client.PartnerCenter(context))
      .List(
          options,
          [&](const pc::Customer& customer) {
            emit(customer.ToJson());
            return true;
          },
          context);
}

void GetPartnerCustomer(ClientState& client, const json::object& arguments, const Emit& emit,
                        const util::Context& context) {
  pc::CustomersClient customers(client.PartnerCenter(context));
  if (auto customer_id = OptionalGuid(arguments, "customerId")) {
    emit(customers.Get(*customer_id, context).ToJson());
    return;
  }
  const std::string domain = OptionalString(arguments, "domain").value_or("");
  if (domain.empty())
    throw InvalidArgumentError(
        "Name the customer: the argument 'customerId' or 'domain' is required.");
  auto found = customers.FindByDomain(domain, context);
  if (!found)
    throw ServiceError(
        ErrorKind::NotFound,
        {404, "CustomerNotFound",
         "No Partner Center customer of this partner has the domain '" + domain + "'."});
  emit(found->ToJson());
}

void CheckPartnerDomain(ClientState& client, const json::object& arguments, const Emit& emit,
                        const util::Context& context) {
  const auto partner_center = client.PartnerCenter(context);
  const std::string domain =
      pc::FullDomain(RequiredString(arguments, "domain"), partner_center->DomainSuffix());
  const bool available = pc::CustomersClient(partner_center).DomainAvailable(domain, context);
  emit({{"domain", domain}, {"available", available}});
}

void ValidatePartnerAddress(ClientState& client, const json::object& arguments, const Emit& emit,
                            const util::Context& context) {
  const json::object* address = OptionalObject(arguments, "address");
  if (!address) throw InvalidArgumentError("The argument 'address' is required.");
  for (const char* field : {"addressLine1", "city", "postalCode", "country"})
    if (pc::StringField(json::value(*address), field).empty())
      throw InvalidArgumentError(std::string("The argument 'address.") + field + "' is required.");
  emit(pc::CustomersClient(client.PartnerCenter(context))
           .ValidateAddress(pc::AddressForValidation(*address), context)
           .ToJson());
}

void CreatePartnerCustomer(ClientState& client, const json::object& arguments, const Emit& emit,
                           const util::Context& context) {
  const pc::NewCustomer request = NewCustomerFrom(arguments, "");
  emit(pc::CreateCustomer(request, client.PartnerCenter(context), context).ToJson());
}

void DeletePartnerCustomer(ClientState& client, const json::object& arguments, const Emit& emit,
                           const util::Context& context) {
  const std::string customer_id = RequiredGuid(arguments, "customerId");
  pc::CustomersClient(client.PartnerCenter(context)).Delete(customer_id, context);
  emit({{"customerId", customer_id}, {"deleted", true}});
}

void ListPartnerAgreements(ClientState& client, const json::object& arguments, const Emit& emit,
                           const util::Context& context) {
  const std::string customer_id = RequiredGuid(arguments, "customerId");
  for (const auto& agreement :
       pc::AgreementsClient(client.PartnerCenter(context))
           .List(customer_id, OptionalString(arguments, "agreementType").value_or(""), context)) {
    json::object item = agreement.ToJson();
    item["customerId"] = customer_id;
    emit(std::move(item));
  }
}

void EnsurePartnerAgreement(ClientState& client, const json::object& arguments, const Emit& emit,
                            const util::Context& context) {
  const std::string customer_id = RequiredGuid(arguments, "customerId");
  const json::object* contact = OptionalObject(arguments, "contact");
  if (!contact) throw InvalidArgumentError("The argument 'contact' is required.");
  const pc::AgreementContact parsed = ContactFrom(*contact, "contact.");
  const auto partner_center = client.PartnerCenter(context);
  const pc::EnsuredAgreement ensured =
      pc::EnsureCustomerAgreement(pc::AgreementsClient(partner_center), customer_id, parsed,
                                  OptionalGuid(arguments, "templateId").value_or(""),
                                  OptionalString(arguments, "dateAgreed").value_or(""), context);
  json::object item = ensured.agreement.ToJson();
  item["customerId"] = customer_id;
  item["status"] = ensured.already_done ? "AlreadyDone" : "Done";
  emit(std::move(item));
}

void GetAzurePlanOffer(ClientState& client, const json::object& arguments, const Emit& emit,
                       const util::Context& context) {
  std::string country = OptionalString(arguments, "country").value_or("US");
  if (country.empty()) country = "US";
  if (country.size() != 2)
    throw InvalidArgumentError("The argument 'country' is '" + country +
                               "'; expected a two-letter ISO country code such as US.");
  emit(pc::CatalogClient(client.PartnerCenter(context))
           .AzurePlanAvailability(OptionalGuid(arguments, "customerId").value_or(""), country,
                                  context)
           .ToJson());
}

}  // namespace azscsp::shim::_detail
