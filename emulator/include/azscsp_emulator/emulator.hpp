// Public API of azscsp-emulator: embed the emulator in a process (tests) or run it from main.cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace azscsp::emulator {

// Size and refill rate of one throttling bucket. Zero means "the default of the throttling mode".
struct BucketLimits {
  double capacity = 0;
  double refill_per_second = 0;
};

struct EmulatorOptions {
  std::string bind_address = "127.0.0.1";  // loopback only
  uint16_t port = 0;                       // 0 = any free port
  // Extra listeners (same host name and CA), each a "host" of its own: the stamp's admin ARM,
  // the stamp's tenant (user) ARM and Microsoft Graph. 0 = any free port.
  uint16_t admin_port = 0;
  uint16_t tenant_port = 0;
  uint16_t graph_port = 0;
  uint16_t partner_center_port = 0;    // Partner Center API (README "Partner Center")
  std::string hostname = "localhost";  // name in the server certificate (SAN) and in announced URLs
  std::string data_dir;                // emulator.json, ca.pem, server cert, state.json; required
  std::string fixtures_path;           // empty = built-in copy of emulator/fixtures/default.json
  int page_size = 50;                  // ARM list page size
  bool docs_mode = false;  // customerSubscriptions PUT -> 201 empty body, DELETE -> always 204
  std::string throttling = "token-bucket";  // "off", "token-bucket", "hourly"
  int token_lifetime_seconds = 3600;

  // Identity profile: "aad" (Entra ID; /metadata/endpoints announces {base}/ and the global ARM
  // audience) or "adfs" (Azure Stack Hub AD FS; announces {base}/adfs/ and the AD FS audience).
  // The Entra endpoints stay available in both.
  std::string identity_system = "aad";
  // The identity side's clock is now + this (issued tokens, assertion exp/nbf, ARM token checks),
  // to test clients against a skewed server.
  int clock_skew_seconds = 0;
  int device_code_interval_seconds = 5;    // device code polling interval (slow_down below it)
  int device_code_lifetime_seconds = 900;  // device code expires_in
  // Stricter than Entra: redeeming a refresh token that was already redeemed fails (invalid_grant),
  // so tests can prove a client always keeps the newest one.
  bool reject_reused_refresh_tokens = false;
  bool persist = false;  // load state.json at start if present, save it on every change
  int threads = 2;

  // After POST .../providers/{ns}/register the provider answers "Registering" to this many GETs
  // before "Registered" (0: the first GET after the POST already says "Registered"), so clients
  // must poll as they do against Azure.
  int provider_registering_gets = 0;
  // A service principal created through POST /_emulator/servicePrincipals is unknown to role
  // assignment PUTs (400 PrincipalNotFound) for this long, like a directory that replicates.
  int principal_replication_delay_ms = 0;
  // Microsoft Graph: page size of lists (@odata.nextLink beyond it; $top may ask for fewer).
  int graph_page_size = 100;
  // A service principal created through Graph answers 404 to GET by id for this long.
  int graph_replication_delay_ms = 0;
  // checkIdentityHealth returns directoryTenants as a plain array (the docs' shape) instead of
  // the spec's {"value":[...]}.
  bool health_report_array = false;
  // Seed of the deterministic usage generator (usage rows are a pure function of seed,
  // subscription, meter and hour; README "Usage").
  uint64_t usage_seed = 1;
  // When set, every ARM and /metadata exchange is written there as one JSON file in the
  // `oav validate-traffic` format. Empty: the AZSCSP_EMULATOR_RECORD_DIR environment variable,
  // if set, is used instead (so test harnesses record without code changes).
  std::string record_dir;

  // Overrides of the per-principal bucket of each class (the global bucket stays at 15x),
  // so tests can exhaust a bucket in a few requests.
  BucketLimits read_limits;
  BucketLimits write_limits;
  BucketLimits delete_limits;

  // Partner Center (README "Partner Center"): customer list page size (cap of `size`), the delay
  // before a checked-out order completes, the request limit per partner tenant and per partner x
  // customer (capacity 0 = off), and the status answered to app-only tokens on app+user routes.
  int partner_center_page_size = 40;
  int partner_center_order_delay_ms = 0;
  BucketLimits partner_center_rate_limit{500, 8.4};
  int partner_center_app_only_status = 403;

  // Receives one line per request ("PUT /subscriptions/... 200 3ms"); never tokens or secrets.
  std::function<void(const std::string&)> request_logger;
};

class Emulator {
 public:
  explicit Emulator(EmulatorOptions options);
  ~Emulator();
  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;

  // Prepares TLS material and state, binds, serves on background threads, then writes
  // {data_dir}/emulator.json. Throws std::runtime_error with a readable message on failure.
  void Start();
  // Stops serving, joins the threads and removes emulator.json. Idempotent.
  void Stop();

  uint16_t Port() const;
  std::string BaseUrl() const;  // https://{hostname}:{port}
  uint16_t AdminPort() const;
  uint16_t TenantPort() const;
  uint16_t GraphPort() const;
  std::string AdminBaseUrl() const;   // stamp admin ARM: https://{hostname}:{admin port}
  std::string TenantBaseUrl() const;  // stamp tenant ARM
  std::string GraphUrl() const;       // Microsoft Graph (no trailing '/'; also the token resource)
  uint16_t PartnerCenterPort() const;
  std::string PartnerCenterUrl() const;  // https://{hostname}:{port}/ (trailing '/')
  std::string CaCertificatePath() const;
  std::string StatusFilePath() const;  // {data_dir}/emulator.json

  // POST /_emulator/shutdown (or RequestShutdown) wakes these; the owner then calls Stop().
  void RequestShutdown();
  void WaitForShutdownRequest();
  bool WaitForShutdownRequest(std::chrono::milliseconds timeout);  // false on timeout

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace azscsp::emulator
