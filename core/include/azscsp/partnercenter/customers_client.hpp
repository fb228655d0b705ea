// Partner Center customers (partner-center.md §7.1-§7.6): list with the starts_with filters
// (seek paged), get, find by domain, create, delete (sandbox), domain availability and address
// validation.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "azscsp/partnercenter/partner_center_client.hpp"
#include "azscsp/partnercenter/partner_center_models.hpp"

namespace azscsp::partnercenter {

// "contoso" -> "contoso" + `suffix` (".onmicrosoft.com", or ".partner.onmschina.cn" in
// AzureChinaCloud: PartnerCenterClient::DomainSuffix); a name with a dot is kept (lower case
// either way).
std::string FullDomain(const std::string& domain, const std::string& suffix = ".onmicrosoft.com");

struct CustomerListOptions {
  std::string domain_prefix;        // Domain starts_with (sent to the service)
  std::string company_name_prefix;  // CompanyName starts_with (sent when no domain prefix)
  int page_size = 0;                // 0: the service's default
};

class CustomersClient {
 public:
  explicit CustomersClient(std::shared_ptr<const PartnerCenterClient> client);

  // Every customer matching the prefixes (both apply, any case), page by page; stops early when
  // `on_customer` returns false.
  void List(const CustomerListOptions& options,
            const std::function<bool(const Customer&)>& on_customer,
            const util::Context& context) const;
  Customer Get(const std::string& customer_id, const util::Context& context) const;
  // The customer whose domain is exactly `domain` (or its .onmicrosoft.com form), any case.
  std::optional<Customer> FindByDomain(const std::string& domain,
                                       const util::Context& context) const;
  // POST customers; the answer keeps userCredentials (a secret: never log it).
  Customer Create(const boost::json::object& body, const util::Context& context) const;
  void Delete(const std::string& customer_id, const util::Context& context) const;
  // HEAD domains/{domain}: 404 = available, 200 = taken.
  bool DomainAvailable(const std::string& domain, const util::Context& context) const;
  AddressValidation ValidateAddress(const boost::json::object& address,
                                    const util::Context& context) const;

 private:
  std::shared_ptr<const PartnerCenterClient> client_;
};

}  // namespace azscsp::partnercenter
