#include "client_state.hpp"

#include <algorithm>

#include "azscsp/auth/token_cache.hpp"
#include "azscsp/errors.hpp"
#include "azscsp/http/beast_transport.hpp"
#include "azscsp/util/case_insensitive.hpp"
#include "azscsp/util/clock.hpp"
#include "azscsp/util/json.hpp"
#include "operation.hpp"

namespace json = boost::json;

namespace azscsp::shim {
namespace {

const json::object& ObjectAt(const json::object& parent, const char* key) {
  static const json::object empty;
  const json::value* value = parent.if_contains(key);
  if (value == nullptr || value->is_null()) return empty;
  if (!value->is_object())
    throw InvalidArgumentError(std::string("The option '") + key + "' must be a JSON object.");
  return value->as_object();
}

std::string StringAt(const json::object& object, const char* key, const char* where) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) return {};
  if (!value->is_string())
    throw InvalidArgumentError(std::string("The option '") + where + "." + key +
                               "' must be a string.");
  return std::string(value->as_string());
}

std::optional<long long> IntegerAt(const json::object& object, const char* key, const char* where,
                                   long long minimum, long long maximum) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_int64() || value->as_int64() < minimum || value->as_int64() > maximum)
    throw InvalidArgumentError(std::string("The option '") + where + "." + key +
                               "' must be a whole number from " + std::to_string(minimum) + " to " +
                               std::to_string(maximum) + ".");
  return value->as_int64();
}

std::vector<std::shared_ptr<http::Policy>> BasePolicies(const ClientOptions& options) {
  return {std::make_shared<http::TelemetryPolicy>(), std::make_shared<http::RequestIdPolicy>(),
          std::make_shared<http::RetryPolicy>(options.retry, util::SystemClock::Instance())};
}

}  // namespace

ClientOptions ClientOptions::FromJson(const std::string& options_json) {
  const json::value root = util::ParseJson(options_json, "The client options");
  if (!root.is_object()) throw InvalidArgumentError("The client options must be a JSON object.");
  const json::object& options = root.as_object();
  ClientOptions result;

  const json::object& environment = ObjectAt(options, "environment");
  const std::string name = StringAt(environment, "name", "environment");
  if (name.empty())
    throw InvalidArgumentError(std::string("No environment was named; expected ") +
                               cloud::Environment::BuiltInNames() + " or a custom name.");
  if (auto built_in = cloud::Environment::BuiltIn(name)) {
    result.environment = *built_in;
  } else {
    result.custom_environment = true;
    result.environment.name = name;
    result.environment.resource_manager_url =
        StringAt(environment, "resourceManagerUrl", "environment");
    result.environment.authority_host =
        StringAt(environment, "activeDirectoryAuthority", "environment");
    result.environment.arm_resource =
        StringAt(environment, "activeDirectoryResourceId", "environment");
    result.environment.portal_url = StringAt(environment, "portalUrl", "environment");
    if (result.environment.resource_manager_url.empty())
      throw InvalidArgumentError("The environment '" + name + "' is not one of " +
                                 cloud::Environment::BuiltInNames() +
                                 "; a custom environment needs its resource manager endpoint.");
  }

  // Partner Center: required for its operations in custom clouds (cloud::PartnerCenterUrl).
  if (std::string url = StringAt(environment, "partnerCenterUrl", "environment"); !url.empty())
    result.environment.partner_center_url = url;
  if (std::string resource = StringAt(environment, "partnerCenterResource", "environment");
      !resource.empty())
    result.environment.partner_center_resource = resource;

  // Microsoft Graph, for clouds where it cannot be derived (cloud::MicrosoftGraphUrl).
  if (std::string graph = StringAt(environment, "graphUrl", "environment"); !graph.empty())
    result.environment.graph_url = graph;

  const json::object& credential = ObjectAt(options, "credential");
  CredentialOptions& c = result.credential;
  c.type = StringAt(credential, "type", "credential");
  c.tenant_id = StringAt(credential, "tenantId", "credential");
  c.client_id = StringAt(credential, "clientId", "credential");
  c.client_secret = StringAt(credential, "clientSecret", "credential");
  c.token_version = StringAt(credential, "tokenVersion", "credential");
  if (c.token_version.empty()) c.token_version = "v2";
  c.certificate_path = StringAt(credential, "certificatePath", "credential");
  c.certificate_password = StringAt(credential, "certificatePassword", "credential");
  c.assertion_algorithm = StringAt(credential, "assertionAlgorithm", "credential");
  c.refresh_token = StringAt(credential, "refreshToken", "credential");
  c.username = StringAt(credential, "username", "credential");
  c.password = StringAt(credential, "password", "credential");
  c.access_token = StringAt(credential, "accessToken", "credential");
  c.Validate();

  const json::object& token_cache = ObjectAt(options, "tokenCache");
  if (auto n = IntegerAt(token_cache, "refreshMarginSeconds", "tokenCache", 0, 86400))
    result.token_cache.refresh_margin = std::chrono::seconds(*n);
  result.token_cache.persist_path = StringAt(token_cache, "persistPath", "tokenCache");

  const json::object& tls = ObjectAt(options, "tls");
  if (const json::value* verify = tls.if_contains("verify"); verify && !verify->is_null()) {
    if (!verify->is_bool())
      throw InvalidArgumentError("The option 'tls.verify' must be true or false.");
    result.transport.verify_tls = verify->as_bool();
  }
  result.transport.ca_bundle_path = StringAt(tls, "caBundlePath", "tls");

  if (const json::value* proxy = options.if_contains("proxy"); proxy && !proxy->is_null()) {
    const json::object& proxy_object = ObjectAt(options, "proxy");
    result.transport.proxy = http::ProxyOptions{StringAt(proxy_object, "url", "proxy"),
                                                StringAt(proxy_object, "noProxy", "proxy")};
  }

  const json::object& retry = ObjectAt(options, "retry");
  if (auto n = IntegerAt(retry, "maxRetries", "retry", 0, 20)) result.retry.max_retries = int(*n);
  if (auto n = IntegerAt(retry, "baseDelayMs", "retry", 0, 600000))
    result.retry.base_delay = std::chrono::milliseconds(*n);
  if (auto n = IntegerAt(retry, "maxDelayMs", "retry", 0, 3600000))
    result.retry.max_delay = std::chrono::milliseconds(*n);

  const json::object& timeouts = ObjectAt(options, "timeouts");
  if (auto n = IntegerAt(timeouts, "connectMs", "timeouts", 1, 3600000))
    result.transport.connect_timeout = std::chrono::milliseconds(*n);
  if (auto n = IntegerAt(timeouts, "readMs", "timeouts", 1, 3600000))
    result.transport.read_timeout = std::chrono::milliseconds(*n);
  if (auto n = IntegerAt(timeouts, "totalMs", "timeouts", 1, 86400000))
    result.transport.total_timeout = std::chrono::milliseconds(*n);

  if (const json::value* level = options.if_contains("logLevel"); level && level->is_string())
    result.log_level = util::ParseLogLevel(std::string(level->as_string()));
  return result;
}

ClientState::ClientState(ClientOptions options) : options_(std::move(options)) {
  transport_ = std::make_shared<http::BeastTransport>(options_.transport);
  auto policies = BasePolicies(options_);
  policies.push_back(std::make_shared<http::LoggingPolicy>());
  plain_pipeline_ = std::make_shared<http::Pipeline>(std::move(policies), transport_);
  // Saved sign-ins are read now, so a later run signs in silently.
  if (!options_.token_cache.persist_path.empty())
    token_store_ = std::make_shared<auth::PersistentTokenStore>(options_.token_cache.persist_path);
}

ClientState::~ClientState() {
  options_.credential.Wipe();
}

void ClientState::EnsureReady(const util::Context& context) {
  // Caller holds ready_mutex_. Discovery is network I/O, so it happens here, not in client_open.
  if (ready_) return;
  environment_ = options_.custom_environment ? cloud::CompleteCustomEnvironment(
                                                   options_.environment, *plain_pipeline_, context)
                                             : options_.environment;
  built_ = BuildCredential(options_.credential, environment_, plain_pipeline_, token_store_,
                           util::SystemClock::Instance());
  credential_ = std::make_shared<auth::CachingCredential>(built_.credential, built_.cache_key,
                                                          util::SystemClock::Instance(),
                                                          options_.token_cache.refresh_margin);

  auto policies = BasePolicies(options_);
  policies.push_back(
      std::make_shared<http::BearerTokenPolicy>(credential_, environment_.arm_resource));
  policies.push_back(std::make_shared<http::LoggingPolicy>());
  arm_ = std::make_shared<arm::ArmClient>(
      std::make_shared<http::Pipeline>(std::move(policies), transport_),
      environment_.resource_manager_url);
  ready_ = true;
}

cloud::Environment ClientState::Environment(const util::Context& context) {
  std::lock_guard<std::mutex> lock(ready_mutex_);
  EnsureReady(context);
  return environment_;
}

std::shared_ptr<auth::TokenCredential> ClientState::Credential(const util::Context& context) {
  std::lock_guard<std::mutex> lock(ready_mutex_);
  EnsureReady(context);
  return credential_;
}

std::shared_ptr<auth::TokenCredential> ClientState::InnerCredential(const util::Context& context) {
  std::lock_guard<std::mutex> lock(ready_mutex_);
  EnsureReady(context);
  return built_.credential;
}

std::string ClientState::EffectiveTenantId(const util::Context& context) {
  std::lock_guard<std::mutex> lock(ready_mutex_);
  EnsureReady(context);
  return built_.tenant_id;
}

std::string ClientState::EffectiveClientId(const util::Context& context) {
  std::lock_guard<std::mutex> lock(ready_mutex_);
  EnsureReady(context);
  return built_.client_id;
}

std::shared_ptr<const arm::ArmClient> ClientState::Arm(const util::Context& context) {
  std::lock_guard<std::mutex> lock(ready_mutex_);
  EnsureReady(context);
  return arm_;
}

std::shared_ptr<const graph::GraphClient> ClientState::Graph(const util::Context& context) {
  std::lock_guard<std::mutex> lock(ready_mutex_);
  EnsureReady(context);
  if (!graph_) {
    std::string graph_url = cloud::MicrosoftGraphUrl(environment_);
    std::string resource = graph_url;
    while (!resource.empty() && resource.back() == '/') resource.pop_back();
    auto policies = BasePolicies(options_);
    policies.push_back(std::make_shared<http::BearerTokenPolicy>(credential_, resource));
    policies.push_back(std::make_shared<http::LoggingPolicy>());
    graph_ = std::make_shared<graph::GraphClient>(
        std::make_shared<http::Pipeline>(std::move(policies), transport_), std::move(graph_url));
  }
  return graph_;
}

std::shared_ptr<const partnercenter::PartnerCenterClient> ClientState::PartnerCenter(
    const util::Context& context) {
  std::lock_guard<std::mutex> lock(ready_mutex_);
  EnsureReady(context);
  const std::string url = cloud::PartnerCenterUrl(environment_);
  const std::string resource = cloud::PartnerCenterResource(environment_);
  if (!partner_center_pipeline_) {
    // No RequestIdPolicy: Partner Center's MS-RequestId is set per call by the client.
    std::vector<std::shared_ptr<http::Policy>> policies{
        std::make_shared<http::TelemetryPolicy>(),
        std::make_shared<http::RetryPolicy>(options_.retry, util::SystemClock::Instance()),
        std::make_shared<http::BearerTokenPolicy>(credential_, resource),
        std::make_shared<http::LoggingPolicy>()};
    partner_center_pipeline_ = std::make_shared<http::Pipeline>(std::move(policies), transport_);
  }
  return std::make_shared<partnercenter::PartnerCenterClient>(
      partner_center_pipeline_, url, credential_, resource, std::string(),
      cloud::PartnerCenterDomainSuffix(environment_));
}

void ClientState::Track(const std::shared_ptr<Operation>& operation) {
  std::lock_guard<std::mutex> lock(operations_mutex_);
  operations_.erase(std::remove_if(operations_.begin(), operations_.end(),
                                   [](const auto& weak) { return weak.expired(); }),
                    operations_.end());
  operations_.push_back(operation);
}

void ClientState::CancelAll() {
  std::vector<std::shared_ptr<Operation>> running;
  {
    std::lock_guard<std::mutex> lock(operations_mutex_);
    for (auto& weak : operations_)
      if (auto operation = weak.lock()) running.push_back(operation);
  }
  for (auto& operation : running) operation->Cancel();
}

}  // namespace azscsp::shim
