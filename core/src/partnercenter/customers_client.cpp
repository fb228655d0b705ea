#include "azscsp/partnercenter/customers_client.hpp"

#include "azscsp/errors.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/url_encode.hpp"

namespace json = boost::json;

namespace azscsp::partnercenter {

std::string FullDomain(const std::string& domain, const std::string& suffix) {
  std::string full = Lower(domain);
  if (!full.empty() && full.find('.') == std::string::npos) full += Lower(suffix);
  return full;
}

CustomersClient::CustomersClient(std::shared_ptr<const PartnerCenterClient> client)
    : client_(std::move(client)) {}

void CustomersClient::List(const CustomerListOptions& options,
                           const std::function<bool(const Customer&)>& on_customer,
                           const util::Context& context) const {
  // One filter per query (the service's rule); the other prefix is applied here.
  std::string field, value;
  if (!options.domain_prefix.empty()) {
    field = "Domain";
    value = options.domain_prefix;
  } else if (!options.company_name_prefix.empty()) {
    field = "CompanyName";
    value = options.company_name_prefix;
  }
  // As the SDK: size=N when asked, size=0 (the service's default) with a filter, else none.
  std::string path = "customers";
  if (options.page_size > 0)
    path += "?size=" + std::to_string(options.page_size);
  else if (!field.empty())
    path += "?size=0";
  if (!field.empty())
    path += std::string(path.find('?') == std::string::npos ? "?" : "&") + "filter=" +
            util::PercentEncode(json::serialize(
                json::object{{"Field", field}, {"Value", value}, {"Operator", "starts_with"}}));
  CallOptions call;
  call.operation = "GET customers";
  client_->ForEach(
      path,
      [&](const json::value& item) {
        const Customer customer = Customer::FromJson(item);
        if (!options.domain_prefix.empty() &&
            !util::StartsWithIgnoreCase(customer.domain, options.domain_prefix))
          return true;
        if (!options.company_name_prefix.empty() &&
            !util::StartsWithIgnoreCase(customer.company_name, options.company_name_prefix))
          return true;
        return on_customer(customer);
      },
      context, call);
}

Customer CustomersClient::Get(const std::string& customer_id, const util::Context& context) const {
  CallOptions call;
  call.operation = "GET customers/" + customer_id;
  return Customer::FromJson(client_->SendJson(http::Method::Get,
                                              "customers/" + util::PercentEncode(customer_id),
                                              std::nullopt, context, call));
}

std::optional<Customer> CustomersClient::FindByDomain(const std::string& domain,
                                                      const util::Context& context) const {
  const std::string wanted = Lower(domain);
  const std::string full = FullDomain(domain, client_->DomainSuffix());
  std::optional<Customer> found;
  CustomerListOptions options;
  options.domain_prefix = wanted;
  List(
      options,
      [&](const Customer& customer) {
        if (util::EqualsIgnoreCase(customer.domain, wanted) ||
            util::EqualsIgnoreCase(customer.domain, full)) {
          found = customer;
          return false;
        }
        return true;
      },
      context);
  return found;
}

Customer CustomersClient::Create(const json::object& body, const util::Context& context) const {
  CallOptions call;
  call.operation = "POST customers";
  return Customer::FromJson(
      client_->SendJson(http::Method::Post, "customers", body, context, call));
}

void CustomersClient::Delete(const std::string& customer_id, const util::Context& context) const {
  CallOptions call;
  call.operation = "DELETE customers/" + customer_id;
  client_->Send(http::Method::Delete, "customers/" + util::PercentEncode(customer_id), std::nullopt,
                context, call);
}

bool CustomersClient::DomainAvailable(const std::string& domain,
                                      const util::Context& context) const {
  CallOptions call;
  call.operation = "HEAD domains/" + domain;
  try {
    client_->Send(http::Method::Head, "domains/" + util::PercentEncode(domain), std::nullopt,
                  context, call);
    return false;
  } catch (const ServiceError& error) {
    if (error.Details().http_status == 404) return true;
    throw;
  }
}

AddressValidation CustomersClient::ValidateAddress(const json::object& address,
                                                   const util::Context& context) const {
  CallOptions call;
  call.operation = "POST validations/address";
  return AddressValidation::FromJson(
      client_->SendJson(http::Method::Post, "validations/address", address, context, call));
}

}  // namespace azscsp::partnercenter
