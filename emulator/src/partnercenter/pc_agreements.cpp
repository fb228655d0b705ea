// Microsoft Customer Agreement (7.7): template metadata, confirmations, confirming. App+user only.
// Errors here use the MCA body shape (reference §4.1).
#include <boost/json.hpp>

#include "http/responses.hpp"
#include "partnercenter/pc_call.hpp"
#include "partnercenter/pc_errors.hpp"
#include "partnercenter/pc_json.hpp"
#include "partnercenter/pc_views.hpp"
#include "util/ids.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

constexpr char kMca[] = "MicrosoftCustomerAgreement";

// agreementType query: absent or MicrosoftCustomerAgreement (any case) lists the MCA.
bool WantsMca(const PcCall& call) {
  std::string type = call.Query("agreementType");
  return type.empty() || IEquals(type, kMca) || IEquals(type, "All");
}

HttpResponse InvalidAgreement(const std::string& message) {
  // Assumed (not documented): 400, code 600012, errorName InvalidAgreementInput.
  return PcMcaError(400, 600012, "InvalidAgreementInput", message);
}

}  // namespace

HttpResponse ListAgreementMetadata(PcCall& call) {
  json::array items;
  if (WantsMca(call)) {
    items.push_back(json::object{{"templateId", kMcaTemplateId},
                                 {"agreementType", kMca},
                                 {"agreementLink", "https://aka.ms/customeragreement"},
                                 {"versionRank", 0},
                                 {"attributes", Attributes("AgreementMetaData")}});
  }
  return JsonResponse(
      200, Collection(std::move(items), "/v1/agreements?agreementType=" + std::string(kMca)));
}

HttpResponse ListCustomerAgreements(PcCall& call) {
  json::array items;
  std::string type = call.Query("agreementType");
  for (const PcAgreement& a : call.customer->agreements) {
    if (type.empty() || IEquals(type, "All") || IEquals(type, a.type)) {
      items.push_back(AgreementJson(*call.customer, a));
    }
  }
  return JsonResponse(
      200, Collection(std::move(items), "/v1/customers/" + call.customer->id + "/agreements"));
}

HttpResponse CreateCustomerAgreement(PcCall& call) {
  std::optional<json::object> body = ParseObject(call.http.body);
  if (!body) return InvalidAgreement("The request body must be an Agreement.");
  std::string template_id = Trim(MemberString(*body, "templateId"));
  if (!IEquals(template_id, kMcaTemplateId)) {
    return InvalidAgreement("templateId '" + template_id +
                            "' is not the template of the Microsoft Customer Agreement (" +
                            kMcaTemplateId + ").");
  }
  std::string type = Trim(MemberString(*body, "type"));
  if (!type.empty() && !IEquals(type, kMca)) {
    return InvalidAgreement("type '" + type + "' is not supported (" + kMca + ").");
  }
  const json::object* contact = MemberObject(*body, "primaryContact");
  if (!contact) return InvalidAgreement("primaryContact is required.");
  PcAgreement agreement;
  agreement.template_id = kMcaTemplateId;
  agreement.first_name = Trim(MemberString(*contact, "firstName"));
  agreement.last_name = Trim(MemberString(*contact, "lastName"));
  agreement.email = Trim(MemberString(*contact, "email"));
  agreement.phone_number = Trim(MemberString(*contact, "phoneNumber"));
  if (agreement.first_name.empty())
    return InvalidAgreement("primaryContact.firstName is required.");
  if (agreement.last_name.empty()) return InvalidAgreement("primaryContact.lastName is required.");
  if (agreement.email.empty() || agreement.email.find('@') == std::string::npos) {
    return InvalidAgreement("primaryContact.email is required (an e-mail address).");
  }
  for (const PcAgreement& existing : call.customer->agreements) {
    if (IEquals(existing.type, kMca) && IEquals(existing.email, agreement.email) &&
        IEquals(existing.first_name, agreement.first_name) &&
        IEquals(existing.last_name, agreement.last_name)) {
      return PcMcaError(409, 600061, "PartnerConfirmedAgreementAlreadyExists",
                        "A partner confirmed agreement already exists for the customer.");
    }
  }
  agreement.date_agreed = Trim(MemberString(*body, "dateAgreed"));
  if (agreement.date_agreed.empty()) agreement.date_agreed = Iso8601(Clock::now());
  agreement.user_id = call.caller.object_id.empty() ? NewGuid() : call.caller.object_id;
  call.customer->agreements.push_back(agreement);
  return JsonResponse(201, AgreementJson(*call.customer, agreement));
}

}  // namespace azscsp::emulator
