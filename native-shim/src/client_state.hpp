// One signed-in context behind an azscsp_client handle: options, transport, pipelines, credential
// and the clients of each service. Shared by the operations it starts (they may outlive the
// handle).
#pragma once

#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "azscsp/arm/arm_client.hpp"
#include "azscsp/auth/token_credential.hpp"
#include "azscsp/cloud/environment.hpp"
#include "azscsp/graph/graph_client.hpp"
#include "azscsp/http/pipeline.hpp"
#include "azscsp/http/policies.hpp"
#include "azscsp/http/transport.hpp"
#include "azscsp/partnercenter/partner_center_client.hpp"
#include "azscsp/util/log.hpp"
#include "credential_factory.hpp"

namespace azscsp::shim {

class Operation;

struct TokenCacheOptions {
  std::chrono::seconds refresh_margin{300};
  std::string persist_path;  // empty: in memory only
};

struct ClientOptions {
  cloud::Environment environment;
  bool custom_environment = false;
  CredentialOptions credential;
  TokenCacheOptions token_cache;
  http::TransportOptions transport;
  http::RetryOptions retry;
  util::LogLevel log_level = util::LogLevel::None;

  // Throws InvalidArgumentError naming the faulty option.
  static ClientOptions FromJson(const std::string& options_json);
};

class ClientState {
 public:
  // Builds transport and pipelines; does no network I/O.
  explicit ClientState(ClientOptions options);
  ~ClientState();

  // The environment, completed from metadata/endpoints on first use for a custom cloud.
  cloud::Environment Environment(const util::Context& context);
  std::shared_ptr<auth::TokenCredential> Credential(const util::Context& context);
  std::shared_ptr<const arm::ArmClient> Arm(const util::Context& context);
  // Microsoft Graph in the signed-in directory (cloud::MicrosoftGraphUrl; token resource is the
  // Graph URL without its trailing '/').
  std::shared_ptr<const graph::GraphClient> Graph(const util::Context& context);
  // Partner Center (cloud::PartnerCenterUrl; token resource cloud::PartnerCenterResource): a new
  // client per call, so each operation has its own MS-CorrelationId; the pipeline is shared.
  std::shared_ptr<const partnercenter::PartnerCenterClient> PartnerCenter(
      const util::Context& context);
  // The credential as built, without the access token cache (the user sign-ins keep their
  // refresh token there).
  std::shared_ptr<auth::TokenCredential> InnerCredential(const util::Context& context);
  // Sign-in and discovery pipeline: never sends a bearer token (OpenID discovery).
  std::shared_ptr<const http::Pipeline> PlainPipeline() const { return plain_pipeline_; }
  util::LogLevel LogLevel() const { return options_.log_level; }
  const CredentialOptions& Credentials() const { return options_.credential; }
  // Tenant and client as the credential uses them (after EnsureReady; environment: from AZURE_*).
  std::string EffectiveTenantId(const util::Context& context);
  std::string EffectiveClientId(const util::Context& context);

  void Track(const std::shared_ptr<Operation>& operation);
  void CancelAll();

 private:
  void EnsureReady(const util::Context& context);

  ClientOptions options_;
  std::shared_ptr<http::Transport> transport_;
  std::shared_ptr<const http::Pipeline> plain_pipeline_;  // sign-in and discovery: no bearer

  std::mutex ready_mutex_;  // held during discovery; never needed to cancel
  bool ready_ = false;
  cloud::Environment environment_;
  std::shared_ptr<auth::TokenCredential> credential_;
  BuiltCredential built_;  // its credential is wrapped by credential_
  std::shared_ptr<auth::PersistentTokenStore> token_store_;
  std::shared_ptr<const arm::ArmClient> arm_;
  std::shared_ptr<const graph::GraphClient> graph_;
  std::shared_ptr<const http::Pipeline> partner_center_pipeline_;

  std::mutex operations_mutex_;
  std::vector<std::weak_ptr<Operation>> operations_;
};

}  // namespace azscsp::shim
