// Partner Center's error answers (partner-center.md §4) as ServiceError: the PartnerFD shape
// {code (number or string), description, data, source}, the MCA shape {code, message, description,
// errorName, isRetryable, ...} and throttling {statusCode, message}.
#pragma once

#include <string>

#include "azscsp/errors.hpp"
#include "azscsp/http/http_message.hpp"

namespace azscsp::partnercenter {

// The error code of an operation that needs an app+user token when the token is app-only.
constexpr const char* kAppUserRequiredCode = "PartnerCenterAppUserRequired";

// Reads a failed response: `code` as a string ("13605"; throttling: "429"), `description` else
// `message`, requestId from MS-RequestId, correlationId from MS-CorrelationId. Extra fields of the
// error JSON: errorName, isRetryable ("true"/"false"), source, data (serialized JSON array),
// retryAfter (seconds, throttling). A body that is not JSON becomes the message.
ServiceError ParsePartnerCenterError(const http::Response& response);

// PartnerCenterAppUserRequired (Authentication) naming the operation and how to sign in.
ServiceError AppUserRequiredError(const std::string& operation);

}  // namespace azscsp::partnercenter
