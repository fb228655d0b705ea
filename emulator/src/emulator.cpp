// Emulator: wires fixtures, state, TLS material, the token signer and the HTTPS server, and
// announces readiness through {data_dir}/emulator.json.
#include "azscsp_emulator/emulator.hpp"

#include <boost/json.hpp>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <stdexcept>

#include "identity/identity_state.hpp"
#include "options_check.hpp"
#include "router.hpp"
#include "server/https_server.hpp"
#include "service_context.hpp"
#include "tls/certificates.hpp"
#include "util/files.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;

namespace azscsp::emulator {

std::string EmbeddedDefaultFixtures();  // generated from fixtures/default.json

namespace {

json::value ParseJsonFile(const std::string& text, const std::string& what) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec) throw std::runtime_error(what + " is not valid JSON: " + ec.message());
  return value;
}

World LoadWorld(const std::string& text, const std::string& what) {
  try {
    return ParseWorld(ParseJsonFile(text, what));
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(what + ": " + e.what());
  }
}

std::string UrlHost(const std::string& hostname) {
  return hostname.find(':') != std::string::npos ? "[" + hostname + "]" : hostname;
}

}  // namespace

class Emulator::Impl {
 public:
  explicit Impl(EmulatorOptions options) : options_(std::move(options)) {}
  ~Impl() { Stop(); }

  void Start() {
    if (server_) throw std::logic_error("the emulator is already running");
    if (std::string problem = CheckOptions(options_); !problem.empty()) {
      throw std::runtime_error(problem);
    }
    fs::path data_dir = fs::absolute(options_.data_dir);
    fs::create_directories(data_dir);
    status_file_ = data_dir / "emulator.json";
    std::error_code ignored;
    fs::remove(status_file_, ignored);  // never announce a previous run

    std::string fixtures_name = "default";
    std::string fixtures_text = EmbeddedDefaultFixtures();
    if (!options_.fixtures_path.empty()) {
      std::optional<std::string> text = ReadFileIfExists(options_.fixtures_path);
      if (!text)
        throw std::runtime_error("cannot read fixtures file '" + options_.fixtures_path + "'");
      fixtures_text = *text;
      fixtures_name = fs::path(options_.fixtures_path).stem().string();
    }
    World fixtures = LoadWorld(fixtures_text, "fixtures '" + fixtures_name + "'");
    std::optional<World> persisted;
    if (options_.persist) {
      if (auto saved = ReadFileIfExists(StateFilePath(data_dir))) {
        persisted = LoadWorld(*saved, StateFilePath(data_dir).string());
      }
    }

    TlsMaterial tls = EnsureTlsMaterial(data_dir, options_.hostname);
    ca_path_ = tls.ca_certificate_path.string();
    EmulatorOptions context_options = options_;
    context_options.data_dir = data_dir.string();
    context_ = std::make_unique<ServiceContext>(context_options, std::move(fixtures), fixtures_name,
                                                EnsureTokenSigningKey(data_dir));
    if (persisted) context_->world = std::move(*persisted);
    if (std::string record_dir = RecordDirectory(); !record_dir.empty()) {
      context_->recorder = std::make_unique<TrafficRecorder>(fs::absolute(record_dir));
    }
    context_->on_shutdown_requested = [this] { RequestShutdown(); };

    ServiceContext* context = context_.get();
    auto listen = [&](uint16_t port, Host host) {
      return std::make_unique<HttpsServer>(options_.bind_address, port, tls.server_chain_pem,
                                           tls.server_key_pem,
                                           [context, host](const HttpRequest& request) {
                                             return HandleRequest(*context, request, host);
                                           });
    };
    try {
      server_ = listen(options_.port, Host::kMain);
      admin_server_ = listen(options_.admin_port, Host::kAdminArm);
      tenant_server_ = listen(options_.tenant_port, Host::kTenantArm);
      graph_server_ = listen(options_.graph_port, Host::kGraph);
      partner_center_server_ = listen(options_.partner_center_port, Host::kPartnerCenter);
    } catch (...) {
      server_.reset();
      admin_server_.reset();
      tenant_server_.reset();
      graph_server_.reset();
      partner_center_server_.reset();
      throw;
    }
    port_ = server_->Port();
    context_->base_url = BaseUrl();
    context_->admin_base_url = UrlOf(admin_server_->Port());
    context_->tenant_base_url = UrlOf(tenant_server_->Port());
    context_->graph_url = UrlOf(graph_server_->Port());
    context_->partner_center_url = UrlOf(partner_center_server_->Port());
    server_->Run(options_.threads);
    admin_server_->Run(1);
    tenant_server_->Run(1);
    graph_server_->Run(1);
    partner_center_server_->Run(1);
    WriteStatusFile(fixtures_name);
  }

  void Stop() {
    if (!server_) return;
    for (auto* extra : {&admin_server_, &tenant_server_, &graph_server_, &partner_center_server_}) {
      if (*extra) (*extra)->Stop();
      extra->reset();
    }
    server_->Stop();
    server_.reset();
    std::error_code ignored;
    fs::remove(status_file_, ignored);
  }

  uint16_t Port() const { return port_; }
  std::string BaseUrl() const { return UrlOf(port_); }
  std::string UrlOf(uint16_t port) const {
    return "https://" + UrlHost(options_.hostname) + ":" + std::to_string(port);
  }
  uint16_t AdminPort() const { return admin_server_ ? admin_server_->Port() : 0; }
  uint16_t TenantPort() const { return tenant_server_ ? tenant_server_->Port() : 0; }
  uint16_t GraphPort() const { return graph_server_ ? graph_server_->Port() : 0; }
  uint16_t PartnerCenterPort() const {
    return partner_center_server_ ? partner_center_server_->Port() : 0;
  }
  std::string CaCertificatePath() const { return ca_path_; }
  std::string StatusFilePath() const { return status_file_.string(); }

  void RequestShutdown() {
    std::lock_guard<std::mutex> lock(shutdown_mutex_);
    shutdown_requested_ = true;
    shutdown_cv_.notify_all();
  }

  bool WaitForShutdownRequest(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(shutdown_mutex_);
    return shutdown_cv_.wait_for(lock, timeout, [this] { return shutdown_requested_; });
  }

 private:
  // --record, else AZSCSP_EMULATOR_RECORD_DIR, so any harness can record without code changes.
  std::string RecordDirectory() const {
    if (!options_.record_dir.empty()) return options_.record_dir;
    const char* from_environment = std::getenv("AZSCSP_EMULATOR_RECORD_DIR");
    return from_environment ? from_environment : "";
  }

  void WriteStatusFile(const std::string& fixtures_name) {
    std::string base = BaseUrl();
    bool adfs = IsAdfsProfile(options_);
    json::object status{
        {"pid", CurrentProcessId()},
        {"port", port_},
        {"baseUrl", base},
        {"resourceManagerUrl", base + "/"},
        {"activeDirectoryAuthority", base + (adfs ? "/adfs/" : "/")},
        {"audience", adfs ? kAdfsAudience : kAadAudience},
        {"identitySystem", options_.identity_system},
        {"clockSkewSeconds", options_.clock_skew_seconds},
        {"caCertificatePath", ca_path_},
        {"fixtures", fixtures_name},
        {"metadataEndpoint", base + "/metadata/endpoints?api-version=2015-01-01"},
        {"docsMode", options_.docs_mode},
        {"usageSeed", options_.usage_seed},
        {"pageSize", options_.page_size},
        {"throttling", options_.throttling},
        {"tokenLifetimeSeconds", options_.token_lifetime_seconds},
        {"adminPort", AdminPort()},
        {"tenantPort", TenantPort()},
        {"graphPort", GraphPort()},
        {"adminResourceManagerUrl", context_->admin_base_url + "/"},
        {"tenantResourceManagerUrl", context_->tenant_base_url + "/"},
        {"graphUrl", context_->graph_url},
        {"partnerCenterPort", PartnerCenterPort()},
        {"partnerCenterUrl", context_->partner_center_url + "/"},
        {"audiences", {{"partnerCenter", "https://api.partnercenter.microsoft.com"}}}};
    {
      std::lock_guard<std::mutex> lock(context_->state_mutex);
      status["adminAudience"] = context_->world.stamp.admin_audience;
      status["tenantAudience"] = context_->world.stamp.tenant_audience;
    }
    status["recordDir"] = context_->recorder ? json::value(context_->recorder->directory().string())
                                             : json::value(nullptr);
    WriteFileAtomic(status_file_, json::serialize(status));
  }

  EmulatorOptions options_;
  std::unique_ptr<ServiceContext> context_;
  std::unique_ptr<HttpsServer> server_;
  std::unique_ptr<HttpsServer> admin_server_;
  std::unique_ptr<HttpsServer> tenant_server_;
  std::unique_ptr<HttpsServer> graph_server_;
  std::unique_ptr<HttpsServer> partner_center_server_;
  fs::path status_file_;
  std::string ca_path_;
  uint16_t port_ = 0;
  std::mutex shutdown_mutex_;
  std::condition_variable shutdown_cv_;
  bool shutdown_requested_ = false;
};

Emulator::Emulator(EmulatorOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Emulator::~Emulator() = default;
void Emulator::Start() {
  impl_->Start();
}
void Emulator::Stop() {
  impl_->Stop();
}
uint16_t Emulator::Port() const {
  return impl_->Port();
}
std::string Emulator::BaseUrl() const {
  return impl_->BaseUrl();
}
uint16_t Emulator::AdminPort() const {
  return impl_->AdminPort();
}
uint16_t Emulator::TenantPort() const {
  return impl_->TenantPort();
}
uint16_t Emulator::GraphPort() const {
  return impl_->GraphPort();
}
std::string Emulator::AdminBaseUrl() const {
  return impl_->UrlOf(impl_->AdminPort());
}
std::string Emulator::TenantBaseUrl() const {
  return impl_->UrlOf(impl_->TenantPort());
}
std::string Emulator::GraphUrl() const {
  return impl_->UrlOf(impl_->GraphPort());
}
uint16_t Emulator::PartnerCenterPort() const {
  return impl_->PartnerCenterPort();
}
std::string Emulator::PartnerCenterUrl() const {
  return impl_->UrlOf(impl_->PartnerCenterPort()) + "/";
}
std::string Emulator::CaCertificatePath() const {
  return impl_->CaCertificatePath();
}
std::string Emulator::StatusFilePath() const {
  return impl_->StatusFilePath();
}
void Emulator::RequestShutdown() {
  impl_->RequestShutdown();
}
void Emulator::WaitForShutdownRequest() {
  while (!impl_->WaitForShutdownRequest(std::chrono::hours(24))) {
  }
}
bool Emulator::WaitForShutdownRequest(std::chrono::milliseconds timeout) {
  return impl_->WaitForShutdownRequest(timeout);
}

}  // namespace azscsp::emulator
