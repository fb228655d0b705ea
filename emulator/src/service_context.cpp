#include "service_context.hpp"

#include <boost/json.hpp>

#include "util/files.hpp"

namespace azscsp::emulator {

std::filesystem::path StateFilePath(const std::filesystem::path& data_dir) {
  return data_dir / "state.json";
}

ServiceContext::ServiceContext(EmulatorOptions emulator_options, World fixtures,
                               std::string fixtures_label, const std::string& signing_key_pem)
    : options(std::move(emulator_options)),
      data_dir(options.data_dir),
      fixtures_name(std::move(fixtures_label)),
      initial_world(fixtures),
      world(std::move(fixtures)),
      signer(signing_key_pem),
      throttler(options.throttling, options.read_limits, options.write_limits,
                options.delete_limits),
      partner_center_limiter(options.partner_center_rate_limit) {}

void ServiceContext::StateChangedLocked() {
  if (!options.persist) return;
  WriteFileAtomic(StateFilePath(data_dir), boost::json::serialize(WorldToJson(world)));
}

void ServiceContext::Reset() {
  {
    std::lock_guard<std::mutex> lock(state_mutex);
    world = initial_world;
    StampPartnerCenterDates(world.partner_center);  // "created N days ago" counts from the reset
    StateChangedLocked();
  }
  identity.Clear();
  throttler.Reset();
  partner_center_limiter.Reset();
  partner_center_requests.Clear();
  faults.Clear();
  requests.Clear();
}

}  // namespace azscsp::emulator
