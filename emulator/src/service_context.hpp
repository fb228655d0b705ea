// Everything the request handlers share: options, the emulated world (guarded by state_mutex),
// the token signer, throttling, faults and the request log.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "arm/throttling.hpp"
#include "azscsp_emulator/emulator.hpp"
#include "control/faults.hpp"
#include "control/request_log.hpp"
#include "control/traffic_recorder.hpp"
#include "identity/identity_state.hpp"
#include "identity/token_signer.hpp"
#include "partnercenter/pc_idempotency.hpp"
#include "partnercenter/pc_rate_limiter.hpp"
#include "state/model.hpp"

namespace azscsp::emulator {

struct ServiceContext {
  ServiceContext(EmulatorOptions emulator_options, World fixtures, std::string fixtures_label,
                 const std::string& signing_key_pem);

  // Saves state.json when persistence is on. Call with state_mutex held, after a change.
  void StateChangedLocked();
  // Back to the fixtures: world, identity state, throttling buckets, faults and the request log.
  void Reset();

  EmulatorOptions options;
  std::filesystem::path data_dir;
  std::string base_url;            // https://{hostname}:{port}, set once the listener is bound
  std::string admin_base_url;      // stamp admin ARM listener, no trailing '/'
  std::string tenant_base_url;     // stamp tenant ARM listener
  std::string graph_url;           // Microsoft Graph listener (also the Graph token resource)
  std::string partner_center_url;  // Partner Center listener, no trailing '/'
  std::string fixtures_name;

  std::mutex state_mutex;
  World initial_world;
  World world;

  TokenSigner signer;
  IdentityState identity;  // device codes, refresh tokens, seen assertion ids
  Throttler throttler;
  FaultInjector faults;
  RequestLog requests;
  PcRateLimiter partner_center_limiter;
  PcIdempotencyCache partner_center_requests;  // MS-RequestId -> first answer
  std::unique_ptr<TrafficRecorder> recorder;   // set when recording (--record) is on
  std::function<void()> on_shutdown_requested;
};

std::filesystem::path StateFilePath(const std::filesystem::path& data_dir);

}  // namespace azscsp::emulator
