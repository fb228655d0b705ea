#include "partnercenter/pc_router.hpp"

#include <boost/json.hpp>

#include "http/responses.hpp"
#include "partnercenter/pc_auth.hpp"
#include "partnercenter/pc_errors.hpp"
#include "partnercenter/pc_fulfilment.hpp"
#include "partnercenter/pc_routes.hpp"
#include "service_context.hpp"
#include "util/base64.hpp"
#include "util/ids.hpp"
#include "util/strings.hpp"

namespace azscsp::emulator {
namespace {

// MS-CV: a correlation vector derived from the request id ("base.1").
std::string CorrelationVector(const std::string& request_id) {
  return Base64UrlEncode(Sha256(request_id)).substr(0, 22) + ".1";
}

// MS-RequestId / MS-CorrelationId echoed (new ones when absent), MS-CV and MS-ServerId added.
void AddPartnerCenterHeaders(HttpResponse& response, const std::string& request_id,
                             const std::string& correlation_id) {
  response.headers.Set("MS-RequestId", request_id);
  response.headers.Set("MS-CorrelationId", correlation_id);
  response.headers.Set("MS-CV", CorrelationVector(request_id));
  response.headers.Set("MS-ServerId", "azscsp-emulator-pc");
}

// The customer a customers/{c}/... route addresses, or its 403 20002 / 404 60003.
std::variant<PcCustomer*, HttpResponse> ResolveCustomer(World& world, const PcCaller& caller,
                                                        const std::string& customer_id) {
  PcCustomer* customer = world.partner_center.FindCustomer(customer_id);
  if (customer && IEquals(customer->partner_id, caller.partner_id)) return customer;
  // Another partner's customer: in Partner Center, or a tenant with another partner's CSP
  // subscription (Woodgrove in the fixtures). Anything else is unknown.
  bool other_partner = customer != nullptr;
  for (const Subscription& s : world.subscriptions) {
    if (IEquals(s.tenant_id, customer_id) && IEquals(s.offer, "CSP") &&
        !world.PartnerOf(s).empty() && !IEquals(world.PartnerOf(s), caller.partner_id)) {
      other_partner = true;
    }
  }
  if (other_partner) return PcNoRelationship(caller.partner_id, customer_id);
  return PcCustomerNotFound();
}

HttpResponse Dispatch(ServiceContext& context, const HttpRequest& request, const RequestInfo& info,
                      const PcCaller& caller, const PcRoute& route,
                      std::vector<std::string> captures) {
  std::lock_guard<std::mutex> lock(context.state_mutex);
  PcCall call{context, context.world, request, info, caller, std::move(captures), nullptr};
  const auto& segments = info.target.segments;
  if (segments.size() > 2 && IEquals(segments[1], "customers")) {
    auto resolved = ResolveCustomer(context.world, caller, segments[2]);
    if (HttpResponse* error = std::get_if<HttpResponse>(&resolved)) return *error;
    call.customer = std::get<PcCustomer*>(resolved);
    SettleOrders(context, context.world, *call.customer);
  }
  HttpResponse response = route.handler(call);
  if (request.method != "GET" && request.method != "HEAD" && response.status < 400) {
    context.StateChangedLocked();
  }
  return response;
}

}  // namespace

void AddPartnerCenterHeaders(HttpResponse& response, const HttpRequest& request) {
  std::string request_id = Trim(request.headers.Get("MS-RequestId"));
  std::string correlation_id = Trim(request.headers.Get("MS-CorrelationId"));
  AddPartnerCenterHeaders(response, request_id.empty() ? NewGuid() : request_id,
                          correlation_id.empty() ? NewGuid() : correlation_id);
}

std::string PcCall::Query(const char* name) const {
  const std::string* value = info.target.Query(name);
  return value ? *value : std::string();
}

HttpResponse HandlePartnerCenter(ServiceContext& context, const HttpRequest& request,
                                 const RequestInfo& info) {
  std::string request_id = Trim(request.headers.Get("MS-RequestId"));
  const bool client_request_id = !request_id.empty();
  if (!client_request_id) request_id = NewGuid();
  std::string correlation_id = Trim(request.headers.Get("MS-CorrelationId"));
  if (correlation_id.empty()) correlation_id = NewGuid();

  auto answer = [&](HttpResponse response) {
    AddPartnerCenterHeaders(response, request_id, correlation_id);
    return response;
  };

  const auto& segments = info.target.segments;
  if (segments.empty() || !IEquals(segments[0], "v1")) {
    return answer(PcError(404, 1000, "Not found"));
  }
  auto authenticated = AuthenticatePartnerCenter(context, request);
  if (HttpResponse* failure = std::get_if<HttpResponse>(&authenticated)) {
    return answer(std::move(*failure));
  }
  const PcCaller& caller = std::get<PcCaller>(authenticated);

  std::vector<std::string> after_version(segments.begin() + 1, segments.end());
  std::vector<std::string> captures;
  bool path_known = false;
  const PcRoute* route = FindPcRoute(after_version, request.method, captures, path_known);
  if (!route) {
    return answer(path_known ? PcError(405, 1000,
                                       "The requested resource does not support http method '" +
                                           request.method + "'.")
                             : PcError(404, 1000, "Not found"));
  }
  if (route->app_user_only && caller.app_only) return answer(AppUserRequired(context));

  std::string customer_id =
      after_version.size() >= 2 && IEquals(after_version[0], "customers") ? after_version[1] : "";
  if (long retry_after = context.partner_center_limiter.Consume(caller.tenant_id, customer_id)) {
    return answer(PcThrottled(retry_after));
  }

  std::string idempotency_key;
  if (route->idempotent && client_request_id) {
    idempotency_key = ToLower(caller.tenant_id) + "|" + ToLower(request_id) + "|" + request.method +
                      "|" + ToLower(info.target.Path());
    if (auto first = context.partner_center_requests.Find(idempotency_key)) {
      return answer(std::move(*first));
    }
  }
  HttpResponse response = Dispatch(context, request, info, caller, *route, std::move(captures));
  if (!idempotency_key.empty() && response.status < 500) {
    context.partner_center_requests.Store(idempotency_key, response);
  }
  return answer(std::move(response));
}

}  // namespace azscsp::emulator
