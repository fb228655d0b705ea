#include "azscsp/http/policies.hpp"
#include "azscsp/util/ids.hpp"

namespace azscsp::http {

Response RequestIdPolicy::Send(Request& request, const NextPolicy& next,
                               const util::Context& context) {
  if (request.headers.find("x-ms-client-request-id") == request.headers.end())
    request.headers["x-ms-client-request-id"] = util::NewGuid();
  request.headers["x-ms-return-client-request-id"] = "true";
  return next.Send(request, context);
}

}  // namespace azscsp::http
