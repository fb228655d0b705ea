// registrations.register / put / delete / unregister / activationKey (README.md, Operations).
#include "arguments.hpp"
#include "azscsp/errors.hpp"
#include "azscsp/services/registration_lifecycle.hpp"
#include "azscsp/services/registration_token.hpp"
#include "azscsp/services/registrations_client.hpp"
#include "azscsp/util/log.hpp"
#include "client_state.hpp"
#include "operation_handlers.hpp"

namespace json = boost::json;

namespace azscsp::shim::_detail {
namespace {

json::value OptionalBoolJson(const std::optional<bool>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

// What the stamp put in the token: the registration resource does not report the usage-reporting
// and syndication flags, so the token is where a caller sees them.
json::object TokenJson(const services::RegistrationToken& token) {
  return {
      {"cloudId", token.cloud_id},
      {"billingModel", token.billing_model},
      {"usageReportingEnabled", OptionalBoolJson(token.usage_reporting_enabled)},
      {"marketplaceSyndicationEnabled", OptionalBoolJson(token.marketplace_syndication_enabled)},
      {"agreementNumber", token.agreement_number},
      {"msAssetTag", token.ms_asset_tag},
      {"issueDate", token.issue_date},
      {"tokenVersion", token.token_version},
      {"stampVersion", token.stamp_version}};
}

}  // namespace

void RegisterRegistration(ClientState& client, const json::object& arguments, const Emit& emit,
                          const util::Context& context) {
  services::RegisterOptions options;
  options.registration = RegistrationFrom(arguments);
  options.registration_token = RequiredString(arguments, "registrationToken");
  options.api_version = ApiVersion(arguments);
  options.lock = OptionalBool(arguments, "lock").value_or(true);
  const auto location = OptionalString(arguments, "resourceGroupLocation");
  options.resource_group_location =
      location && !location->empty()
          ? *location
          : services::DefaultResourceGroupLocation(client.Environment(context).name);
  services::RegistrationLifecycle lifecycle(client.Arm(context));
  const services::RegisterResult result = lifecycle.Register(
      options,
      [&](const services::StepResult& step) {
        util::Progress(context, "Step: " + step.name + ": " + step.detail +
                                    (step.status == "Done" ? "" : " (" + step.status + ")"));
      },
      context);
  json::array steps;
  for (const auto& step : result.steps)
    steps.push_back({{"name", step.name}, {"status", step.status}, {"detail", step.detail}});
  emit({{"registration", result.registration.ToJson()},
        {"token", TokenJson(services::RegistrationToken::Decode(options.registration_token))},
        {"steps", std::move(steps)}});
}

void DecodeRegistrationToken(ClientState&, const json::object& arguments, const Emit& emit,
                             const util::Context&) {
  emit(TokenJson(
      services::RegistrationToken::Decode(RequiredString(arguments, "registrationToken"))));
}

void PutRegistration(ClientState& client, const json::object& arguments, const Emit& emit,
                     const util::Context& context) {
  services::RegistrationsClient registrations(client.Arm(context));
  const services::PutRegistrationResult result =
      registrations.Put(RegistrationFrom(arguments), RequiredString(arguments, "registrationToken"),
                        ApiVersion(arguments), context);
  emit(result.registration.ToJson());
}

void DeleteRegistration(ClientState& client, const json::object& arguments, const Emit& emit,
                        const util::Context& context) {
  services::RegistrationLifecycle lifecycle(client.Arm(context));
  const services::DeleteWithLockResult result = lifecycle.Delete(
      RegistrationFrom(arguments), OptionalBool(arguments, "removeLock").value_or(true),
      ApiVersion(arguments), context);
  emit({{"id", result.id},
        {"existed", OptionalBoolJson(result.existed)},
        {"lockRemoved", result.lock_removed}});
}

void UnregisterRegistration(ClientState& client, const json::object& arguments, const Emit& emit,
                            const util::Context& context) {
  services::UnregisterOptions options;
  if (OptionalString(arguments, "resourceId")) {
    const services::RegistrationRef ref = RegistrationFrom(arguments);
    options.subscription_id = ref.subscription_id;
    options.resource_group = ref.resource_group;
    options.registration_name = ref.registration_name;
  } else {
    options.subscription_id = RequiredString(arguments, "subscriptionId");
    options.resource_group = OptionalString(arguments, "resourceGroupName").value_or("azurestack");
    auto non_empty = [&](const char* name) {
      auto value = OptionalString(arguments, name);
      return value && !value->empty() ? value : std::nullopt;
    };
    options.registration_name = non_empty("registrationName");
    options.registration_token = non_empty("registrationToken");
    options.cloud_id = non_empty("cloudId");
  }
  options.api_version = ApiVersion(arguments);
  services::RegistrationLifecycle lifecycle(client.Arm(context));
  const services::UnregisterResult result = lifecycle.Unregister(options, context);
  emit({{"id", result.id},
        {"registrationName", result.registration_name},
        {"cloudId", result.cloud_id},
        {"lockRemoved", result.lock_removed},
        {"existed", OptionalBoolJson(result.existed)}});
}

void GetActivationKey(ClientState& client, const json::object& arguments, const Emit& emit,
                      const util::Context& context) {
  const services::RegistrationRef ref = RegistrationFrom(arguments);
  services::RegistrationsClient registrations(client.Arm(context));
  const services::ActivationKey key =
      registrations.GetActivationKey(ref, ApiVersion(arguments), context);
  emit({{"activationKey", key.activation_key},
        {"registrationName", ref.registration_name},
        {"id", services::RegistrationPath(ref)}});
}

}  // namespace azscsp::shim::_detail
