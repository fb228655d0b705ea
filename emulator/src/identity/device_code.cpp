// Device code flow (auth.md §6): POST .../devicecode hands out a code; the token endpoint answers
// authorization_pending until a test approves it through /_emulator/devicecodes/approve (or
// declines it), slow_down when polled faster than the interval, expired_token after expires_in.
#include <algorithm>
#include <boost/json.hpp>

#include "http/responses.hpp"
#include "identity/token_endpoint.hpp"
#include "service_context.hpp"
#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

std::string VerificationUri(const ServiceContext& context, bool adfs) {
  return context.base_url + (adfs ? "/adfs/oauth2/deviceauth" : "/devicelogin");
}

std::map<std::string, std::string> ParseFormBody(const std::string& body) {
  std::map<std::string, std::string> form;
  for (const std::string& pair : Split(body, '&')) {
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    form.emplace(PercentDecode(pair.substr(0, eq), true),
                 eq == std::string::npos ? "" : PercentDecode(pair.substr(eq + 1), true));
  }
  return form;
}

}  // namespace

HttpResponse HandleDeviceCodeRequest(ServiceContext& context, const HttpRequest& http,
                                     const RequestInfo& info, const std::string& tenant, bool v2) {
  TokenRequest request;
  request.v2 = v2;
  request.adfs = IEquals(tenant, "adfs");
  request.tenant_segment = tenant;
  World world = IdentitySnapshot(context);
  request.tenant = request.adfs ? AdfsHomeTenant(world) : world.FindTenant(tenant);
  if (!request.tenant) {
    return AadError({400, "invalid_request", 90002,
                     "Tenant '" + tenant +
                         "' not found. Check to make sure you have the correct tenant ID and are "
                         "signing into the correct cloud."},
                    info);
  }
  if (http.method != "POST") {
    return IdentityError(
        {400, "invalid_request", 900561,
         "The endpoint only accepts POST requests. Received a " + http.method + " request."},
        info, request.adfs);
  }
  request.form = ParseFormBody(http.body);
  std::string client_id = request.Field("client_id");
  if (auto failure = RequirePublicClient(client_id, *request.tenant, world)) {
    return IdentityError(*failure, info, request.adfs);
  }
  auto resource = UserResource(request);
  if (const AadFailure* failure = std::get_if<AadFailure>(&resource)) {
    return IdentityError(*failure, info, request.adfs);
  }

  const EmulatorOptions& options = context.options;
  DeviceCode code;
  code.device_code = NewOpaqueToken(request.adfs ? "adfsdc." : "DAQABAAEAAA");
  code.user_code = NewUserCode();
  code.grant.client_id = client_id;
  code.grant.tenant_id = request.tenant->id;
  code.grant.resource = std::get<std::string>(resource);
  code.grant.scope = request.Field("scope");
  code.grant.adfs = request.adfs;
  code.v2 = v2;
  code.offline_access = IssuesRefreshToken(request, code.grant.scope);
  code.created_at = IdentityNow(options);
  code.expires_at = code.created_at + options.device_code_lifetime_seconds;
  code.interval_seconds = options.device_code_interval_seconds;
  {
    std::lock_guard<std::mutex> lock(context.identity.mutex);
    auto& codes = context.identity.device_codes;
    // Forget codes expired over an hour ago, so long runs do not grow without bound.
    codes.erase(std::remove_if(
                    codes.begin(), codes.end(),
                    [&](const DeviceCode& old) { return old.expires_at + 3600 < code.created_at; }),
                codes.end());
    codes.push_back(code);
  }

  std::string uri = VerificationUri(context, request.adfs);
  std::string message = "To sign in, use a web browser to open the page " + uri +
                        " and enter the code " + code.user_code + " to authenticate.";
  json::object body;
  body["user_code"] = code.user_code;
  body["device_code"] = code.device_code;
  if (request.adfs) {  // AD FS 2019: verification_uri_complete, numbers
    body["verification_uri"] = uri;
    body["verification_uri_complete"] = uri + "?user_code=" + code.user_code;
    body["expires_in"] = options.device_code_lifetime_seconds;
    body["interval"] = options.device_code_interval_seconds;
  } else if (v2) {  // v2: verification_uri, numbers, no verification_uri_complete
    body["verification_uri"] = uri;
    body["expires_in"] = options.device_code_lifetime_seconds;
    body["interval"] = options.device_code_interval_seconds;
  } else {  // v1 (ADAL): verification_url, numbers as strings
    body["verification_url"] = uri;
    body["expires_in"] = std::to_string(options.device_code_lifetime_seconds);
    body["interval"] = std::to_string(options.device_code_interval_seconds);
  }
  body["message"] = message;
  HttpResponse response = JsonResponse(200, body);
  response.headers.Set("Cache-Control", "no-store, no-cache");
  return response;
}

GrantOutcome DeviceCodeGrant(ServiceContext& context, const TokenRequest& request,
                             const World& world) {
  std::string client_id = request.ClientId();
  if (auto failure = RequirePublicClient(client_id, *request.tenant, world)) return *failure;
  std::string presented = request.Field("device_code");
  if (presented.empty()) presented = request.Field("code");  // AD FS polling table names it code
  if (presented.empty()) return MissingParameter("device_code");

  int64_t now = IdentityNow(context.options);
  UserGrantInfo info;
  bool offline_access = false;
  {
    std::lock_guard<std::mutex> lock(context.identity.mutex);
    DeviceCode* code = context.identity.FindByDeviceCode(presented);
    if (!code || !IEquals(code->grant.client_id, client_id) ||
        !IEquals(code->grant.tenant_id, request.tenant->id) || code->grant.adfs != request.adfs) {
      return AadFailure{400, "bad_verification_code", 70018, "Invalid verification code entered."};
    }
    auto poll_time = std::chrono::steady_clock::now();
    std::optional<std::chrono::steady_clock::time_point> previous = code->last_poll;
    code->last_poll = poll_time;
    std::string status = IdentityState::EffectiveStatus(*code, now);
    if (status == "expired") {
      return AadFailure{400, "expired_token", 70019,
                        "Verification code expired. Sign in again with a new device code."};
    }
    if (status == "declined") {
      return AadFailure{400, "authorization_declined", 0, "The end user denied the request."};
    }
    if (status == "redeemed") {
      return AadFailure{400, "invalid_grant", 54005,
                        "OAuth2 Authorization code was already redeemed, please retry with a new "
                        "valid code or use an existing refresh token."};
    }
    if (previous && code->interval_seconds > 0) {
      auto elapsed =
          std::chrono::duration_cast<std::chrono::milliseconds>(poll_time - *previous).count();
      if (elapsed < code->interval_seconds * 1000L - 250) {
        return AadFailure{400, "slow_down", 0,
                          "The client is polling too quickly; wait at least " +
                              std::to_string(code->interval_seconds) +
                              " seconds between requests (add 5 seconds to the interval)."};
      }
    }
    if (status == "pending") {
      return AadFailure{400, "authorization_pending", 70016,
                        "OAuth 2.0 device flow error. Authorization is pending. Continue "
                        "polling."};
    }
    code->status = "redeemed";  // approved: this poll gets the tokens
    info = code->grant;
    offline_access = code->offline_access;
  }

  // The resource was fixed when the code was issued.
  TokenGrant grant;
  grant.user = true;
  grant.object_id = info.user_object_id;
  grant.app_id = client_id;
  grant.resource = info.resource;
  grant.user_principal_name = info.user_principal_name;
  grant.display_name = info.display_name;
  grant.amr = "mfa";
  grant.scope = info.resource + (IEndsWith(info.resource, "/") ? "" : "/") + "user_impersonation" +
                (offline_access && request.v2 ? " offline_access" : "");
  if (offline_access) grant.refresh = info;
  return grant;
}

}  // namespace azscsp::emulator
