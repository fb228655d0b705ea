// The typed errors the core throws. Every error says what was wrong and, for a bad value, names it
// and what was expected. Nothing in an error message may contain a secret or a token.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace azscsp {

enum class ErrorKind {
  InvalidArgument,   // bad input, caught before any request is sent
  Authentication,    // token endpoint refused the credential, or ARM refused the token
  NotFound,          // 404 or an ARM *NotFound code
  PermissionDenied,  // 403
  Conflict,          // 409
  Throttled,         // 429 after retries ran out
  Service,           // any other service error (4xx/5xx)
  Transport,         // connect/read/write failure, DNS, proxy
  Tls,               // handshake or certificate verification failure
  Timeout,           // connect, read or total deadline passed
  Cancelled,         // the caller cancelled
  Internal,          // a bug in AzsCsp
};

const char* ErrorKindName(ErrorKind kind);

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind Kind() const { return kind_; }

  // Extra named string fields that travel with the error to the caller (the shim adds them to the
  // error JSON), e.g. the usage continuation token to resume from. Set while unwinding:
  // catch (Error& e) { e.SetField(...); throw; }
  void SetField(const std::string& name, const std::string& value) {
    for (auto& field : fields_)
      if (field.first == name) {
        field.second = value;
        return;
      }
    fields_.emplace_back(name, value);
  }
  const std::vector<std::pair<std::string, std::string>>& Fields() const { return fields_; }

 private:
  ErrorKind kind_;
  std::vector<std::pair<std::string, std::string>> fields_;
};

class InvalidArgumentError : public Error {
 public:
  explicit InvalidArgumentError(const std::string& message)
      : Error(ErrorKind::InvalidArgument, message) {}
};
class TransportError : public Error {
 public:
  explicit TransportError(const std::string& message) : Error(ErrorKind::Transport, message) {}
};
class TlsError : public Error {
 public:
  explicit TlsError(const std::string& message) : Error(ErrorKind::Tls, message) {}
};
class TimeoutError : public Error {
 public:
  explicit TimeoutError(const std::string& message) : Error(ErrorKind::Timeout, message) {}
};
class CancelledError : public Error {
 public:
  CancelledError() : Error(ErrorKind::Cancelled, "The operation was cancelled.") {}
};

struct ErrorDetail {
  std::string code;
  std::string message;
  std::string target;
};

// A service (ARM, Graph or token endpoint) answered with an error.
class ServiceError : public Error {
 public:
  struct Info {
    Info() = default;
    Info(int status, std::string error_code, std::string error_message)
        : http_status(status), code(std::move(error_code)), message(std::move(error_message)) {}
    int http_status = 0;
    std::string code;  // ARM error.code, AAD "error", Graph error.code
    std::string message;
    std::string target;
    std::vector<ErrorDetail> details;
    std::string request_id;      // x-ms-request-id (or AAD trace_id)
    std::string correlation_id;  // x-ms-correlation-request-id (or AAD correlation_id)
    std::vector<long long> aadsts_codes;
  };
  ServiceError(ErrorKind kind, Info info);
  const Info& Details() const { return info_; }

 private:
  Info info_;
};

// Maps an HTTP status and service code onto a kind (404 -> NotFound, 403 -> PermissionDenied, ...).
ErrorKind KindForServiceError(int http_status, const std::string& code);

}  // namespace azscsp
