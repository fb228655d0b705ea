#include "azscsp/errors.hpp"

#include <utility>

namespace azscsp {

const char* ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::InvalidArgument:
      return "InvalidArgument";
    case ErrorKind::Authentication:
      return "Authentication";
    case ErrorKind::NotFound:
      return "NotFound";
    case ErrorKind::PermissionDenied:
      return "PermissionDenied";
    case ErrorKind::Conflict:
      return "Conflict";
    case ErrorKind::Throttled:
      return "Throttled";
    case ErrorKind::Service:
      return "Service";
    case ErrorKind::Transport:
      return "Transport";
    case ErrorKind::Tls:
      return "Tls";
    case ErrorKind::Timeout:
      return "Timeout";
    case ErrorKind::Cancelled:
      return "Cancelled";
    case ErrorKind::Internal:
      return "Internal";
  }
  return "Internal";
}

ServiceError::ServiceError(ErrorKind kind, Info info)
    : Error(kind, info.message.empty() ? info.code : info.message), info_(std::move(info)) {}

namespace {
bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

ErrorKind KindForServiceError(int http_status, const std::string& code) {
  // The code wins over the status: CSP codes come with statuses the docs never fixed.
  if (EndsWith(code, "NotFound")) return ErrorKind::NotFound;
  if (code == "InvalidAuthenticationToken" || code == "ExpiredAuthenticationToken" ||
      code == "AuthenticationFailed")
    return ErrorKind::Authentication;
  switch (http_status) {
    case 400:
      return ErrorKind::Service;
    case 401:
      return ErrorKind::Authentication;
    case 403:
      return ErrorKind::PermissionDenied;
    case 404:
      return ErrorKind::NotFound;
    case 409:
      return ErrorKind::Conflict;
    case 429:
      return ErrorKind::Throttled;
    default:
      return ErrorKind::Service;
  }
}

}  // namespace azscsp
