#include "control/control_endpoints.hpp"

#include <boost/json.hpp>

#include "http/responses.hpp"
#include "service_context.hpp"
#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

HttpResponse BadRequest(const std::string& message) {
  return ArmError(400, "InvalidFault", message);
}

HttpResponse AddFaults(ServiceContext& context, const HttpRequest& request) {
  boost::system::error_code ec;
  json::value body = json::parse(request.body, ec);
  if (ec) return BadRequest("The body must be a fault object or an array of them: " + ec.message());
  std::vector<FaultRule> rules;
  try {
    if (body.is_array()) {
      for (const json::value& item : body.get_array()) rules.push_back(ParseFaultRule(item));
    } else {
      rules.push_back(ParseFaultRule(body));
    }
  } catch (const std::invalid_argument& e) {
    return BadRequest(e.what());
  }
  for (FaultRule& rule : rules) context.faults.Add(std::move(rule));
  return JsonResponse(201, json::object{{"value", context.faults.List()}});
}

}  // namespace

bool IsControlPath(const RequestTarget& target) {
  return !target.segments.empty() && target.segments[0] == "_emulator";
}

HttpResponse HandleControl(ServiceContext& context, const HttpRequest& request,
                           const RequestInfo& info) {
  const auto& s = info.target.segments;
  std::string what = s.size() == 2 ? ToLower(s[1]) : std::string();
  const std::string& method = request.method;

  if (what == "faults") {
    if (method == "POST") return AddFaults(context, request);
    if (method == "GET") return JsonResponse(200, json::object{{"value", context.faults.List()}});
    if (method == "DELETE") {
      context.faults.Clear();
      return EmptyResponse(204);
    }
  } else if (what == "requests") {
    if (method == "GET") {
      const std::string* filter = info.target.Query("pathContains");
      return JsonResponse(
          200, json::object{{"value", context.requests.List(filter ? *filter : std::string())}});
    }
    if (method == "DELETE") {
      context.requests.Clear();
      return EmptyResponse(204);
    }
  } else if (what == "reset" && method == "POST") {
    context.Reset();
    return EmptyResponse(204);
  } else if (what == "state" && method == "GET") {
    std::lock_guard<std::mutex> lock(context.state_mutex);
    return JsonResponse(200, WorldToJson(context.world));
  } else if (what == "shutdown" && method == "POST") {
    if (context.on_shutdown_requested) context.on_shutdown_requested();
    HttpResponse response = JsonResponse(202, json::object{{"status", "shutting down"}});
    response.close_connection = true;
    return response;
  } else {
    return ArmError(404, "NotFound",
                    "Unknown emulator control endpoint '" + info.target.Path() + "'.");
  }
  return ArmError(405, "MethodNotAllowed",
                  "The control endpoint does not support http method '" + method + "'.");
}

}  // namespace azscsp::emulator
