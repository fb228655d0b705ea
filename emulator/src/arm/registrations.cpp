// Microsoft.AzureStack/registrations (api.md §1.2, §10 items 8-9).
#include <boost/json.hpp>

#include "arm/arm_call.hpp"
#include "arm/arm_helpers.hpp"
#include "arm/locks.hpp"
#include "arm/registration_token.hpp"
#include "http/responses.hpp"
#include "service_context.hpp"
#include "util/base64.hpp"
#include "util/ids.hpp"
#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

// Exactly the spec's Registration: the usage-reporting and syndication flags decoded from the token
// are kept in state (the stamp's activation reports them) but are not registration properties, and
// oav validate-traffic rejects additional properties.
json::object RegistrationJson(const Registration& r) {
  json::object body{
      {"id", RegistrationId(r)},
      {"name", r.name},
      {"type", "Microsoft.AzureStack/registrations"},
      {"location", r.location},
      {"etag", r.etag},
      {"properties",
       {{"cloudId", r.cloud_id}, {"objectId", r.object_id}, {"billingModel", r.billing_model}}}};
  if (!r.tags.empty()) body["tags"] = r.tags;
  return body;
}

HttpResponse RegistrationResponse(int status, const Registration& r) {
  HttpResponse response = JsonResponse(status, RegistrationJson(r));
  response.headers.Set("ETag", r.etag);
  return response;
}

HttpResponse NotFound(const ArmCall& call) {
  return ArmError(404, "ResourceNotFound",
                  "The Resource 'Microsoft.AzureStack/registrations/" + call.Param(2) +
                      "' under resource group '" + call.Param(1) +
                      "' was not found. For more details please go to "
                      "https://aka.ms/ARMResourceNotFoundFix");
}

struct RegistrationInput {
  std::string location;
  RegistrationToken token;
  const json::object* tags = nullptr;
};

// RegistrationParameter: {"location":"global","properties":{"registrationToken":"<base64 JSON>"}}
// (required on PUT and PATCH alike). The token carries CloudId, BillingModel and the flags.
std::variant<RegistrationInput, HttpResponse> ReadInput(const json::object& body) {
  RegistrationInput input;
  input.location = StringMember(body, "location");
  if (input.location.empty()) {
    return ArmError(400, "LocationRequired",
                    "The location property is required for this definition.");
  }
  if (!IEquals(input.location, "global")) {
    return ArmError(400, "LocationNotAvailableForResourceType",
                    "The provided location '" + input.location +
                        "' is not available for resource type "
                        "'Microsoft.AzureStack/registrations'. List of available regions for the "
                        "resource type is 'global'.");
  }
  const json::value* properties = Member(body, "properties");
  std::string token = properties && properties->is_object()
                          ? StringMember(properties->get_object(), "registrationToken")
                          : "";
  if (token.empty()) {
    return ArmError(400, "InvalidRegistrationToken",
                    "The request must contain 'properties.registrationToken'.");
  }
  auto decoded = DecodeRegistrationToken(token);
  if (const std::string* reason = std::get_if<std::string>(&decoded)) {
    return ArmError(400, "InvalidRegistrationToken",
                    "The registration token is malformed: " + *reason +
                        ". Get a new token from the stamp's privileged endpoint "
                        "(New-RegistrationToken).");
  }
  input.token = std::get<RegistrationToken>(decoded);
  if (const json::value* tags = Member(body, "tags"); tags && tags->is_object()) {
    input.tags = &tags->get_object();
  }
  return input;
}

HttpResponse CloudIdConflict(const Registration& r, const std::string& cloud_id) {
  return ArmError(409, "CloudIdUpdateNotAllowed",
                  "Cloud identifier '" + cloud_id + "' does not match the cloud identifier '" +
                      r.cloud_id + "' of registration '" + r.name +
                      "'. Updating the cloud identifier of a registration is not allowed.");
}

// The docs: "Cloud identifier [GUID] is already registered. Reusing cloud identifiers is not
// allowed." Status and code are assumed (the docs quote only the message).
HttpResponse CloudIdAlreadyRegistered(const std::string& cloud_id) {
  return ArmError(409, "CloudIdAlreadyRegistered",
                  "Cloud identifier [" + cloud_id +
                      "] is already registered. Reusing cloud identifiers is not allowed.");
}

void ApplyToken(Registration& r, const RegistrationToken& token) {
  r.billing_model = token.billing_model;
  r.usage_reporting_enabled = token.usage_reporting_enabled;
  r.marketplace_syndication_enabled = token.marketplace_syndication_enabled;
}

HttpResponse Write(ArmCall& call, bool patch) {
  auto body = ParseObjectBody(call.http);
  if (HttpResponse* error = std::get_if<HttpResponse>(&body)) return *error;
  auto input = ReadInput(std::get<json::object>(body));
  if (HttpResponse* error = std::get_if<HttpResponse>(&input)) return *error;
  const RegistrationInput& in = std::get<RegistrationInput>(input);

  Registration* existing = call.world.FindRegistration(call.Param(0), call.Param(1), call.Param(2));
  if (!existing && patch) return NotFound(call);
  if (existing) {
    if (auto locked = CheckRegistrationLocks(*existing, false)) return *locked;
    if (!IEquals(existing->cloud_id, in.token.cloud_id)) {
      return CloudIdConflict(*existing, in.token.cloud_id);
    }
    ApplyToken(*existing, in.token);
    if (in.tags) {
      if (!patch) existing->tags.clear();
      for (const auto& tag : *in.tags) existing->tags[tag.key()] = tag.value();
    }
    existing->etag = NewEtag();
    call.context.StateChangedLocked();
    return RegistrationResponse(200, *existing);
  }
  if (call.world.FindRegistrationByCloudId(in.token.cloud_id)) {
    return CloudIdAlreadyRegistered(in.token.cloud_id);
  }
  Registration r;
  const Subscription* subscription = call.world.FindSubscription(call.Param(0));
  const ResourceGroup* group =
      FindResourceGroup(*call.world.FindSubscription(call.Param(0)), call.Param(1));
  r.subscription_id = subscription->id;  // echo stored case
  r.resource_group = group->name;
  r.name = call.Param(2);
  r.cloud_id = in.token.cloud_id;
  r.object_id = DeterministicGuid("registration-object:" + ToLower(r.cloud_id));
  ApplyToken(r, in.token);
  r.csp_approved = call.world.new_registrations_csp_approved;
  r.etag = NewEtag();
  if (in.tags) r.tags = *in.tags;
  call.world.registrations.push_back(std::move(r));
  call.context.StateChangedLocked();
  return RegistrationResponse(201, call.world.registrations.back());
}

HttpResponse List(ArmCall& call, bool by_resource_group) {
  json::array items;
  for (const Registration& r : call.world.registrations) {
    if (!IEquals(r.subscription_id, call.Param(0))) continue;
    if (by_resource_group && !IEquals(r.resource_group, call.Param(1))) continue;
    items.push_back(RegistrationJson(r));
  }
  auto page = Page(call, items);
  if (HttpResponse* error = std::get_if<HttpResponse>(&page)) return *error;
  return JsonResponse(200, std::get<json::object>(page));
}

}  // namespace

HttpResponse ListRegistrationsBySubscription(ArmCall& call) {
  return List(call, false);
}
HttpResponse ListRegistrationsByResourceGroup(ArmCall& call) {
  return List(call, true);
}

HttpResponse GetRegistration(ArmCall& call) {
  Registration* r = call.world.FindRegistration(call.Param(0), call.Param(1), call.Param(2));
  return r ? RegistrationResponse(200, *r) : NotFound(call);
}

HttpResponse PutRegistration(ArmCall& call) {
  return Write(call, false);
}
HttpResponse PatchRegistration(ArmCall& call) {
  return Write(call, true);
}

HttpResponse DeleteRegistration(ArmCall& call) {
  auto& all = call.world.registrations;
  for (auto it = all.begin(); it != all.end(); ++it) {
    if (IEquals(it->subscription_id, call.Param(0)) && IEquals(it->resource_group, call.Param(1)) &&
        IEquals(it->name, call.Param(2))) {
      if (auto locked = CheckRegistrationLocks(*it, true)) return *locked;
      all.erase(it);
      call.context.StateChangedLocked();
      return EmptyResponse(200);
    }
  }
  return EmptyResponse(204);
}

HttpResponse GetActivationKey(ArmCall& call) {
  Registration* r = call.world.FindRegistration(call.Param(0), call.Param(1), call.Param(2));
  if (!r) return NotFound(call);
  // Deterministic, JWT-shaped, and obviously fake: header.payload.signature.
  std::string header = Base64UrlEncode(R"({"alg":"RS256","typ":"JWT","kid":"azscsp-emulator"})");
  std::string payload =
      Base64UrlEncode(json::serialize(json::object{{"CloudId", r->cloud_id},
                                                   {"RegistrationName", r->name},
                                                   {"ResourceGroupName", r->resource_group},
                                                   {"SubscriptionId", r->subscription_id},
                                                   {"ObjectId", r->object_id},
                                                   {"BillingModel", r->billing_model},
                                                   {"Issuer", "azscsp-emulator"}}));
  std::string signature = Base64UrlEncode(Sha256(header + "." + payload + ":azscsp-emulator"));
  return JsonResponse(200,
                      json::object{{"activationKey", header + "." + payload + "." + signature}});
}

HttpResponse EnableRemoteManagement(ArmCall& call) {
  Registration* r = call.world.FindRegistration(call.Param(0), call.Param(1), call.Param(2));
  return r ? EmptyResponse(200) : NotFound(call);
}

}  // namespace azscsp::emulator
