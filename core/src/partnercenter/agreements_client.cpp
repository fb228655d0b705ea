#include "azscsp/partnercenter/agreements_client.hpp"

#include "azscsp/errors.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/time_format.hpp"
#include "azscsp/util/url_encode.hpp"

namespace json = boost::json;

namespace azscsp::partnercenter {
namespace {

CallOptions AppUser(std::string operation) {
  CallOptions call;
  call.app_user_required = true;
  call.operation = std::move(operation);
  return call;
}

std::vector<Agreement> Items(const json::value& page) {
  std::vector<Agreement> result;
  if (page.is_object())
    if (const json::value* items = util::FindKeyIgnoreCase(page.as_object(), "items");
        items && items->is_array())
      for (const auto& item : items->as_array()) result.push_back(Agreement::FromJson(item));
  return result;
}

}  // namespace

AgreementsClient::AgreementsClient(std::shared_ptr<const PartnerCenterClient> client)
    : client_(std::move(client)) {}

std::vector<Agreement> AgreementsClient::Templates(const std::string& agreement_type,
                                                   const util::Context& context) const {
  return Items(client_->SendJson(http::Method::Get,
                                 "agreements?agreementType=" + util::PercentEncode(agreement_type),
                                 std::nullopt, context, AppUser("GET agreements")));
}

std::vector<Agreement> AgreementsClient::List(const std::string& customer_id,
                                              const std::string& agreement_type,
                                              const util::Context& context) const {
  std::string path = "customers/" + util::PercentEncode(customer_id) + "/agreements";
  if (!agreement_type.empty()) path += "?agreementType=" + util::PercentEncode(agreement_type);
  return Items(client_->SendJson(http::Method::Get, path, std::nullopt, context,
                                 AppUser("GET customers/" + customer_id + "/agreements")));
}

Agreement AgreementsClient::Create(const std::string& customer_id, const AgreementContact& contact,
                                   const std::string& template_id, const std::string& date_agreed,
                                   const std::string& agreement_type,
                                   const util::Context& context) const {
  json::object primary{
      {"firstName", contact.first_name}, {"lastName", contact.last_name}, {"email", contact.email}};
  if (!contact.phone_number.empty()) primary["phoneNumber"] = contact.phone_number;
  const json::object body{{"primaryContact", std::move(primary)},
                          {"templateId", template_id},
                          {"dateAgreed", date_agreed},
                          {"type", agreement_type}};
  return Agreement::FromJson(client_->SendJson(
      http::Method::Post, "customers/" + util::PercentEncode(customer_id) + "/agreements", body,
      context, AppUser("POST customers/" + customer_id + "/agreements")));
}

EnsuredAgreement EnsureCustomerAgreement(const AgreementsClient& agreements,
                                         const std::string& customer_id,
                                         const AgreementContact& contact, std::string template_id,
                                         std::string date_agreed, const util::Context& context) {
  EnsuredAgreement result;
  const auto existing = agreements.List(customer_id, kMicrosoftCustomerAgreement, context);
  if (!existing.empty()) {
    result.agreement = existing.front();
    result.already_done = true;
    return result;
  }
  if (template_id.empty()) {
    const auto templates = agreements.Templates(kMicrosoftCustomerAgreement, context);
    template_id = templates.empty() || templates.front().template_id.empty()
                      ? std::string(kMcaTemplateId)
                      : templates.front().template_id;
  }
  if (date_agreed.empty()) date_agreed = util::FormatIso8601(std::chrono::system_clock::now());
  try {
    result.agreement = agreements.Create(customer_id, contact, template_id, date_agreed,
                                         kMicrosoftCustomerAgreement, context);
  } catch (const ServiceError& error) {
    if (error.Details().code != "600061") throw;
    const auto again = agreements.List(customer_id, kMicrosoftCustomerAgreement, context);
    if (!again.empty()) result.agreement = again.front();
    result.already_done = true;
  }
  return result;
}

}  // namespace azscsp::partnercenter
