#include "azscsp/auth/device_code_credential.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "auth/token_response.hpp"
#include "azscsp/errors.hpp"
#include "azscsp/util/json.hpp"
#include "azscsp/util/log.hpp"

namespace json = boost::json;

namespace azscsp::auth {
namespace {

constexpr long long kDefaultIntervalSeconds = 5;
constexpr long long kDefaultExpiresInSeconds = 900;
constexpr long long kSlowDownSeconds = 5;  // RFC 8628 §3.5
constexpr auto kSleepStep = std::chrono::milliseconds(1000);

[[noreturn]] void Stop(const http::Response& response, const std::string& code,
                       const std::string& who, const std::string& what) {
  ServiceError::Info info(response.status, code, "Sign-in failed for " + who + ": " + what);
  boost::system::error_code ec;
  const json::value body = json::parse(response.body, ec);
  if (!ec && body.is_object()) {
    info.correlation_id = util::GetString(body, "correlation_id");
    info.request_id = util::GetString(body, "trace_id");
    if (const json::value* codes = body.as_object().if_contains("error_codes");
        codes && codes->is_array())
      for (const auto& value : codes->as_array())
        if (value.is_int64()) info.aadsts_codes.push_back(value.as_int64());
  }
  if (!info.correlation_id.empty()) info.message += " Correlation ID: " + info.correlation_id + ".";
  throw ServiceError(ErrorKind::Authentication, std::move(info));
}

}  // namespace

DeviceCodeCredential::DeviceCodeCredential(Authority authority, PublicClientOptions options,
                                           std::shared_ptr<const http::Pipeline> pipeline,
                                           util::Clock& clock)
    : PublicClientCredential(std::move(authority), std::move(options), std::move(pipeline), clock) {
}

std::string DeviceCodeCredential::Description() const {
  const std::string account = Account();
  return (account.empty() ? std::string("device code sign-in")
                          : "user '" + account + "' (device code)") +
         " in tenant '" + authority_.Tenant() + "'";
}

TokenGrant DeviceCodeCredential::SignIn(const TokenRequest& request, const util::Context& context) {
  const std::string who = "device code sign-in in tenant '" + authority_.Tenant() + "'";
  const http::Response answer = _detail::PostForm(
      *pipeline_, authority_.DeviceCodeEndpoint(version_),
      _detail::FormParam("client_id", client_id_) + ResourceParams(request.resource, {}), context);
  if (answer.status != 200) _detail::ThrowTokenError(answer, who);
  json::value body;
  try {
    body = util::ParseJson(answer.body, "The device code endpoint's answer");
  } catch (const InvalidArgumentError& error) {
    throw ServiceError(ErrorKind::Authentication,
                       {answer.status, "InvalidDeviceCodeResponse", error.what()});
  }
  std::string device_code = util::GetString(body, "device_code");
  const std::string user_code = util::GetString(body, "user_code");
  std::string uri = util::GetString(body, "verification_uri");
  if (uri.empty()) uri = util::GetString(body, "verification_url");  // v1
  std::string message = util::GetString(body, "message");
  if (device_code.empty() || user_code.empty())
    throw ServiceError(ErrorKind::Authentication,
                       {answer.status, "InvalidDeviceCodeResponse",
                        "The device code endpoint answered without a device_code or user_code."});
  if (message.empty())
    message = "To sign in, use a web browser to open the page " + uri + " and enter the code " +
              user_code + " to authenticate.";
  if (const std::string complete = util::GetString(body, "verification_uri_complete");
      !complete.empty() && message.find(complete) == std::string::npos)
    message += " (Or open " + complete + ".)";
  long long interval =
      std::max<long long>(1, util::GetInteger(body, "interval").value_or(kDefaultIntervalSeconds));
  const long long expires_in = std::max<long long>(
      1, util::GetInteger(body, "expires_in").value_or(kDefaultExpiresInSeconds));
  const auto expires_at = clock_.Now() + std::chrono::seconds(expires_in);

  if (util::LogSink* sink = context.Log()) sink->Prompt(message);
  util::Log(context, util::LogLevel::Verbose,
            "Waiting for the device code sign-in (polling every " + std::to_string(interval) +
                " s, for up to " + std::to_string(expires_in) + " s).");

  const std::string expired =
      "the device code expired before anyone signed in; run the command "
      "again.";
  struct WipeOnExit {
    std::string& secret;
    ~WipeOnExit() { _detail::Wipe(secret); }
  } wipe{device_code};
  for (;;) {
    // Wait `interval` in small steps, so that cancellation ends the wait at once.
    auto remaining = std::chrono::milliseconds(std::chrono::seconds(interval));
    while (remaining.count() > 0) {
      const auto step = std::min(remaining, std::chrono::milliseconds(kSleepStep));
      clock_.SleepFor(step, context);
      remaining -= step;
    }
    context.ThrowIfDone();
    if (clock_.Now() >= expires_at) Stop(http::Response{}, "expired_token", who, expired);

    const http::Response response = _detail::PostForm(
        *pipeline_, authority_.TokenEndpoint(version_),
        _detail::FormParam("grant_type", "urn:ietf:params:oauth:grant-type:device_code") +
            _detail::FormParam("client_id", client_id_) +
            _detail::FormParam("device_code", device_code) +
            (version_ == TokenVersion::V1 ? _detail::FormParam("resource", request.resource)
                                          : std::string()),
        context);
    if (response.status == 200) return _detail::ParseTokenGrant(response, clock_.Now());
    const std::string code = _detail::OAuthErrorCode(response);
    if (code == "authorization_pending") continue;
    if (code == "slow_down") {
      interval += kSlowDownSeconds;
      util::Log(
          context, util::LogLevel::Verbose,
          "The authority asked to poll more slowly; now every " + std::to_string(interval) + " s.");
      continue;
    }
    if (code == "expired_token" || code == "code_expired") Stop(response, code, who, expired);
    if (code == "authorization_declined" || code == "access_denied")
      Stop(response, code, who,
           "the sign-in was declined on the device code page; run the command again to retry.");
    if (code == "bad_verification_code")
      Stop(response, code, who,
           "the authority did not accept the device code; run the command again.");
    _detail::ThrowTokenError(response, who);
  }
}

}  // namespace azscsp::auth
