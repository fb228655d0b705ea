#include "stamp/bearer.hpp"

#include <boost/json.hpp>

#include "identity/identity_state.hpp"
#include "service_context.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

int64_t NumberClaim(const json::object& claims, const char* name) {
  const json::value* v = claims.if_contains(name);
  if (!v) return 0;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64()) return static_cast<int64_t>(v->get_uint64());
  if (v->is_double()) return static_cast<int64_t>(v->get_double());
  return 0;
}

}  // namespace

std::string ClaimString(const json::object& claims, const char* name) {
  const json::value* v = claims.if_contains(name);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::string NormalizeResource(std::string resource) {
  if (IEndsWith(resource, "/.default")) resource.resize(resource.size() - 9);
  while (!resource.empty() && resource.back() == '/') resource.pop_back();
  return ToLower(resource);
}

std::variant<json::object, BearerFailure> VerifyBearer(const ServiceContext& context,
                                                       const HttpRequest& request,
                                                       const std::vector<std::string>& audiences) {
  const std::string* header = request.headers.Find("Authorization");
  if (!header) {
    return BearerFailure{"InvalidAuthenticationToken",
                         "Authentication failed. The 'Authorization' header is missing."};
  }
  std::string value = Trim(*header);
  if (!IStartsWith(value, "Bearer ") || Trim(value.substr(7)).empty()) {
    return BearerFailure{"InvalidAuthenticationToken",
                         "Authentication failed. The 'Authorization' header is provided in an "
                         "invalid format."};
  }
  std::optional<json::object> claims = context.signer.Verify(Trim(value.substr(7)));
  if (!claims) return BearerFailure{"InvalidAuthenticationToken", "The access token is invalid."};
  int64_t now = IdentityNow(context.options);
  int64_t exp = NumberClaim(*claims, "exp");
  if (exp <= now) {
    return BearerFailure{"ExpiredAuthenticationToken",
                         "The access token expiry UTC time '" +
                             Iso8601(Clock::time_point(std::chrono::seconds(exp))) +
                             "' is earlier than current UTC time '" +
                             Iso8601(Clock::time_point(std::chrono::seconds(now))) + "'."};
  }
  if (NumberClaim(*claims, "nbf") > now + 300) {
    return BearerFailure{"InvalidAuthenticationToken", "The access token is not yet valid."};
  }
  std::string audience = ClaimString(*claims, "aud");
  std::string allowed;
  for (const std::string& a : audiences) {
    if (NormalizeResource(audience) == NormalizeResource(a)) return *claims;
    allowed += (allowed.empty() ? "'" : ",'") + a + "'";
  }
  return BearerFailure{"InvalidAuthenticationToken",
                       "The access token has been obtained for wrong audience or resource '" +
                           audience +
                           "'. It should exactly match with one of the allowed "
                           "audiences " +
                           allowed + "."};
}

}  // namespace azscsp::emulator
