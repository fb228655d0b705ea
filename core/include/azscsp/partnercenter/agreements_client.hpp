// Microsoft Customer Agreement (partner-center.md §7.7): template metadata, a customer's
// confirmations and confirming one. App+user only: an app-only token fails before sending.
#pragma once

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "azscsp/partnercenter/partner_center_client.hpp"
#include "azscsp/partnercenter/partner_center_models.hpp"

namespace azscsp::partnercenter {

struct AgreementContact {
  std::string first_name, last_name, email, phone_number;
};

class AgreementsClient {
 public:
  explicit AgreementsClient(std::shared_ptr<const PartnerCenterClient> client);

  // GET agreements?agreementType=...
  std::vector<Agreement> Templates(const std::string& agreement_type,
                                   const util::Context& context) const;
  // GET customers/{c}/agreements[?agreementType=...] (empty type: all).
  std::vector<Agreement> List(const std::string& customer_id, const std::string& agreement_type,
                              const util::Context& context) const;
  // POST customers/{c}/agreements.
  Agreement Create(const std::string& customer_id, const AgreementContact& contact,
                   const std::string& template_id, const std::string& date_agreed,
                   const std::string& agreement_type, const util::Context& context) const;

 private:
  std::shared_ptr<const PartnerCenterClient> client_;
};

struct EnsuredAgreement {
  Agreement agreement;
  bool already_done = false;  // a confirmation existed (or the service said 600061)
};

// The customer's Microsoft Customer Agreement confirmation: an existing one is kept; else it is
// confirmed with `contact` (template looked up when `template_id` is empty; `date_agreed` empty:
// now, ISO 8601 UTC).
EnsuredAgreement EnsureCustomerAgreement(const AgreementsClient& agreements,
                                         const std::string& customer_id,
                                         const AgreementContact& contact, std::string template_id,
                                         std::string date_agreed, const util::Context& context);

}  // namespace azscsp::partnercenter
