#include "error_json.hpp"

#include <boost/json.hpp>
#include <new>

#include "azscsp/errors.hpp"

namespace json = boost::json;

namespace azscsp::shim {
namespace {

thread_local std::string t_last_error = "{}";

azscsp_status StatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::InvalidArgument:
      return AZSCSP_E_INVALID_ARGUMENT;
    case ErrorKind::Authentication:
      return AZSCSP_E_AUTHENTICATION;
    case ErrorKind::NotFound:
      return AZSCSP_E_NOT_FOUND;
    case ErrorKind::PermissionDenied:
      return AZSCSP_E_PERMISSION_DENIED;
    case ErrorKind::Conflict:
      return AZSCSP_E_CONFLICT;
    case ErrorKind::Throttled:
      return AZSCSP_E_THROTTLED;
    case ErrorKind::Service:
      return AZSCSP_E_SERVICE;
    case ErrorKind::Transport:
      return AZSCSP_E_TRANSPORT;
    case ErrorKind::Tls:
      return AZSCSP_E_TLS;
    case ErrorKind::Timeout:
      return AZSCSP_E_TIMEOUT;
    case ErrorKind::Cancelled:
      return AZSCSP_E_CANCELLED;
    case ErrorKind::Internal:
      return AZSCSP_E_INTERNAL;
  }
  return AZSCSP_E_INTERNAL;
}

json::object Describe(ErrorKind kind, const std::string& message) {
  return {{"status", static_cast<int>(StatusFor(kind))},
          {"kind", ErrorKindName(kind)},
          {"message", message}};
}

}  // namespace

azscsp_status DescribeCurrentException(std::string& error_json) {
  json::object error;
  try {
    throw;
  } catch (const ServiceError& e) {
    const auto& info = e.Details();
    error = Describe(e.Kind(), info.message);
    error["code"] = info.code;
    error["httpStatus"] = info.http_status;
    error["requestId"] = info.request_id;
    error["correlationId"] = info.correlation_id;
    error["target"] = info.target;
    json::array details;
    for (const auto& detail : info.details)
      details.push_back(
          {{"code", detail.code}, {"message", detail.message}, {"target", detail.target}});
    error["details"] = std::move(details);
    if (!info.aadsts_codes.empty()) {
      json::array codes;
      for (long long code : info.aadsts_codes) codes.push_back(code);
      error["aadstsCodes"] = std::move(codes);
    }
  } catch (const Error& e) {
    error = Describe(e.Kind(), e.what());
  } catch (const std::bad_alloc&) {
    error = Describe(ErrorKind::Internal, "Out of memory.");
  } catch (const std::exception& e) {
    error = Describe(ErrorKind::Internal, std::string("Internal error: ") + e.what());
  } catch (...) {
    error = Describe(ErrorKind::Internal, "Internal error of an unknown kind.");
  }
  // Extra fields an error carries (e.g. a usage continuationToken to resume from).
  try {
    throw;
  } catch (const Error& e) {
    for (const auto& [name, value] : e.Fields())
      if (!error.contains(name)) error[name] = value;
  } catch (...) {
  }
  error_json = json::serialize(error);
  return static_cast<azscsp_status>(error["status"].as_int64());
}

void SetLastError(std::string error_json) {
  t_last_error = std::move(error_json);
}
void ClearLastError() {
  t_last_error = "{}";
}
const char* LastError() {
  return t_last_error.c_str();
}

}  // namespace azscsp::shim
