#include "partnercenter/pc_auth.hpp"

#include <boost/json.hpp>

#include "partnercenter/pc_errors.hpp"
#include "service_context.hpp"
#include "stamp/bearer.hpp"

namespace json = boost::json;

namespace azscsp::emulator {

std::variant<PcCaller, HttpResponse> AuthenticatePartnerCenter(const ServiceContext& context,
                                                               const HttpRequest& request) {
  auto verified = VerifyBearer(context, request, {kPartnerCenterAudience});
  if (std::holds_alternative<BearerFailure>(verified)) {
    return PcUnauthorized(400, "Access denied");
  }
  const json::object& claims = std::get<json::object>(verified);
  PcCaller caller;
  caller.tenant_id = ClaimString(claims, "tid");
  caller.object_id = ClaimString(claims, "oid");
  caller.app_only = !claims.contains("scp");
  {
    std::lock_guard<std::mutex> lock(const_cast<ServiceContext&>(context).state_mutex);
    caller.partner_id = context.world.PartnerIdOfTenant(caller.tenant_id);
  }
  if (caller.partner_id.empty()) {
    return PcUnauthorized(800001, "Partner Token missing in request context");
  }
  return caller;
}

HttpResponse AppUserRequired(const ServiceContext& context) {
  return PcError(context.options.partner_center_app_only_status, 2032,
                 "Access denied. This operation requires app+user authentication: sign in with a "
                 "user (app+user); an app-only token is not accepted.");
}

}  // namespace azscsp::emulator
