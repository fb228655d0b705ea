#include "router.hpp"

#include <chrono>

#include "arm/arm_router.hpp"
#include "control/control_endpoints.hpp"
#include "control/fault_response.hpp"
#include "graph/graph_router.hpp"
#include "http/responses.hpp"
#include "identity/identity_routes.hpp"
#include "metadata.hpp"
#include "partnercenter/pc_router.hpp"
#include "service_context.hpp"
#include "stamp/stamp_router.hpp"
#include "util/ids.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace azscsp::emulator {
namespace {

void AddCommonHeaders(HttpResponse& response, const HttpRequest& request, const RequestInfo& info) {
  Headers& h = response.headers;
  h.Set("x-ms-request-id", info.request_id);
  h.Set("x-ms-correlation-request-id", info.correlation_id);
  h.Set("x-ms-routing-request-id",
        "LOCAL:" + RoutingTimestamp(Clock::now()) + ":" + info.request_id);
  if (const std::string* client = request.headers.Find("x-ms-client-request-id")) {
    h.Set("x-ms-client-request-id", *client);
  }
  if (const std::string* client = request.headers.Find("client-request-id")) {
    h.Set("client-request-id", *client);
  }
  if (!h.Find("Cache-Control")) h.Set("Cache-Control", "no-cache");
  h.Set("Pragma", "no-cache");
  h.Set("Expires", "-1");
  h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  h.Set("X-Content-Type-Options", "nosniff");
  h.Set("Date", HttpDate(Clock::now()));
  h.Set("Server", "azscsp-emulator");
}

// ARM and stamp metadata exchanges are recorded; token endpoints (secrets) and control calls not.
// Microsoft.Subscription aliases (Partner Center's Azure side) have no vendored spec: not recorded.
bool IsRecorded(const RequestTarget& target) {
  if (target.segments.size() >= 2 && IEquals(target.segments[0], "providers") &&
      IEquals(target.segments[1], "Microsoft.Subscription")) {
    return false;
  }
  return IsArmPath(target) || (!target.segments.empty() && IEquals(target.segments[0], "metadata"));
}

HttpResponse Route(ServiceContext& context, const HttpRequest& request, const RequestInfo& info) {
  switch (info.host) {
    case Host::kAdminArm:
    case Host::kTenantArm:
      return HandleStampArm(context, request, info);
    case Host::kGraph:
      return HandleGraph(context, request, info);
    case Host::kPartnerCenter:
      return HandlePartnerCenter(context, request, info);
    case Host::kMain:
      break;
  }
  if (IsArmPath(info.target)) return HandleArm(context, request, info);
  if (auto metadata = HandleMetadata(context, request, info)) return *metadata;
  if (auto identity = HandleIdentity(context, request, info)) return *identity;
  return ArmError(404, "NotFound",
                  "The requested path '" + info.target.Path() + "' was not found.");
}

}  // namespace

HttpResponse HandleRequest(ServiceContext& context, const HttpRequest& request, Host host) {
  auto started = std::chrono::steady_clock::now();
  RequestInfo info;
  info.host = host;
  info.base_url = host == Host::kAdminArm        ? context.admin_base_url
                  : host == Host::kTenantArm     ? context.tenant_base_url
                  : host == Host::kGraph         ? context.graph_url
                  : host == Host::kPartnerCenter ? context.partner_center_url
                                                 : context.base_url;
  info.target = ParseTarget(request.target);
  info.request_id = NewGuid();
  info.correlation_id = request.headers.Get("x-ms-correlation-request-id");
  if (info.correlation_id.empty()) info.correlation_id = request.headers.Get("client-request-id");
  if (info.correlation_id.empty()) info.correlation_id = info.request_id;

  if (host == Host::kMain &&
      IsControlPath(info.target)) {  // control calls are neither faulted nor logged
    HttpResponse response = HandleControl(context, request, info);
    AddCommonHeaders(response, request, info);
    return response;
  }

  HttpResponse response;
  bool faulted = false;
  std::optional<FaultRule> fault =
      context.faults.Match(request.method, info.target.raw_path + "?" + info.target.raw_query);
  if (fault && fault->close_connection) {
    response.drop_connection = true;
    faulted = true;
  } else if (fault && fault->status != 0) {
    response = FaultResponse(*fault, info, host == Host::kMain && IsIdentityPath(info.target));
    faulted = true;
  } else {
    try {
      response = Route(context, request, info);
    } catch (const std::exception& e) {
      // A failing handler (say, state.json not writable) must not take the server down.
      response = ArmError(500, "InternalServerError",
                          std::string("azscsp-emulator failed to handle the request: ") + e.what());
    }
  }
  if (fault) response.delay_ms = fault->delay_ms;
  if (faulted && host == Host::kPartnerCenter) AddPartnerCenterHeaders(response, request);
  AddCommonHeaders(response, request, info);
  // A fault whose body a test wrote, or a "fault" with a success status, is not the emulator's
  // behaviour (real services do not answer 2xx with an error body): it is not recorded as traffic.
  const bool test_authored =
      fault && fault->status != 0 && (fault->body.has_value() || fault->status < 400);
  if (context.recorder && !response.drop_connection && !test_authored &&
      host != Host::kPartnerCenter &&  // no OpenAPI spec for Partner Center
      (host != Host::kMain || IsRecorded(info.target))) {
    // Every exchange on the stamp and Graph listeners (no secrets travel there). Repeated '/'
    // in the path (Get-AzsHealthReport sends '//subscriptions') is recorded collapsed, as the
    // service routes it, so the exchange matches its operation in the specs.
    std::string path = request.target.substr(0, request.target.find('?'));
    if (path.find("//") == std::string::npos) {
      context.recorder->Record(info.base_url, request, response);
    } else {
      HttpRequest routed = request;
      std::string collapsed;
      for (char c : path) {
        if (!(c == '/' && !collapsed.empty() && collapsed.back() == '/')) collapsed += c;
      }
      routed.target = collapsed + request.target.substr(path.size());
      context.recorder->Record(info.base_url, routed, response);
    }
  }

  RequestLogEntry entry;
  entry.time = Iso8601(Clock::now());
  entry.method = request.method;
  entry.host = host == Host::kAdminArm        ? "admin"
               : host == Host::kTenantArm     ? "tenant"
               : host == Host::kGraph         ? "graph"
               : host == Host::kPartnerCenter ? "partnerCenter"
                                              : "main";
  entry.path = info.target.raw_path;
  entry.query = RequestLog::SafeQuery(info.target.raw_query);
  entry.status = response.drop_connection ? 0 : response.status;
  entry.fault = faulted;
  entry.duration_ms = static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                            std::chrono::steady_clock::now() - started)
                                            .count());
  entry.request_id = info.request_id;
  entry.headers = RequestLog::SafeHeaders(request.headers);
  if (context.options.request_logger) {
    context.options.request_logger((host == Host::kMain ? "" : "[" + entry.host + "] ") +
                                   request.method + " " + info.target.raw_path + " " +
                                   std::to_string(entry.status) + (faulted ? " (fault)" : ""));
  }
  context.requests.Add(std::move(entry));
  return response;
}

}  // namespace azscsp::emulator
