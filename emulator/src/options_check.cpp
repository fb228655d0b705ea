#include "options_check.hpp"

#include <boost/asio/ip/address.hpp>

namespace azscsp::emulator {

bool IsLoopbackAddress(const std::string& address) {
  if (address == "localhost") return true;
  boost::system::error_code ec;
  auto parsed = boost::asio::ip::make_address(address, ec);
  return !ec && parsed.is_loopback();
}

std::string CheckOptions(const EmulatorOptions& o) {
  if (o.data_dir.empty()) return "a data directory is required (--data-dir)";
  if (!IsLoopbackAddress(o.bind_address)) {
    return "refusing to listen on '" + o.bind_address +
           "': the emulator binds loopback addresses only (127.0.0.1, ::1 or localhost)";
  }
  if (o.hostname.empty()) return "the host name must not be empty";
  if (o.page_size < 1 || o.page_size > 1000) {
    return "page size " + std::to_string(o.page_size) + " is out of range (1-1000)";
  }
  if (o.throttling != "off" && o.throttling != "token-bucket" && o.throttling != "hourly") {
    return "unknown throttling mode '" + o.throttling + "' (expected off, token-bucket or hourly)";
  }
  if (o.token_lifetime_seconds < 1 || o.token_lifetime_seconds > 7 * 24 * 3600) {
    return "token lifetime " + std::to_string(o.token_lifetime_seconds) +
           " is out of range (1-604800 seconds)";
  }
  if (o.identity_system != "aad" && o.identity_system != "adfs") {
    return "unknown identity system '" + o.identity_system + "' (expected aad or adfs)";
  }
  if (o.clock_skew_seconds < -10 * 365 * 24 * 3600 || o.clock_skew_seconds > 10 * 365 * 24 * 3600) {
    return "clock skew " + std::to_string(o.clock_skew_seconds) + " is out of range (+-10 years)";
  }
  if (o.device_code_interval_seconds < 0 || o.device_code_interval_seconds > 3600) {
    return "device code interval " + std::to_string(o.device_code_interval_seconds) +
           " is out of range (0-3600 seconds)";
  }
  if (o.device_code_lifetime_seconds < 1 || o.device_code_lifetime_seconds > 24 * 3600) {
    return "device code lifetime " + std::to_string(o.device_code_lifetime_seconds) +
           " is out of range (1-86400 seconds)";
  }
  if (o.threads < 1 || o.threads > 64) {
    return "thread count " + std::to_string(o.threads) + " is out of range (1-64)";
  }
  if (o.provider_registering_gets < 0 || o.provider_registering_gets > 1000) {
    return "provider registering GET count " + std::to_string(o.provider_registering_gets) +
           " is out of range (0-1000)";
  }
  if (o.principal_replication_delay_ms < 0 || o.principal_replication_delay_ms > 3600 * 1000) {
    return "principal replication delay " + std::to_string(o.principal_replication_delay_ms) +
           " is out of range (0-3600000 ms)";
  }
  if (o.graph_page_size < 1 || o.graph_page_size > 999) {
    return "Graph page size " + std::to_string(o.graph_page_size) + " is out of range (1-999)";
  }
  if (o.graph_replication_delay_ms < 0 || o.graph_replication_delay_ms > 3600 * 1000) {
    return "Graph replication delay " + std::to_string(o.graph_replication_delay_ms) +
           " is out of range (0-3600000 ms)";
  }
  if (o.partner_center_page_size < 1 || o.partner_center_page_size > 1000) {
    return "Partner Center page size " + std::to_string(o.partner_center_page_size) +
           " is out of range (1-1000)";
  }
  if (o.partner_center_order_delay_ms < 0 || o.partner_center_order_delay_ms > 3600 * 1000) {
    return "Partner Center order delay " + std::to_string(o.partner_center_order_delay_ms) +
           " is out of range (0-3600000 ms)";
  }
  if (o.partner_center_app_only_status < 400 || o.partner_center_app_only_status > 599) {
    return "Partner Center app-only status " + std::to_string(o.partner_center_app_only_status) +
           " is out of range (400-599)";
  }
  if (o.partner_center_rate_limit.capacity < 0 ||
      o.partner_center_rate_limit.refill_per_second < 0) {
    return "the Partner Center rate limit must not be negative";
  }
  return "";
}

}  // namespace azscsp::emulator
