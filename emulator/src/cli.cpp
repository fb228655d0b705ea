#include "cli.hpp"

#include <boost/program_options.hpp>
#include <sstream>

#include "options_check.hpp"

namespace po = boost::program_options;

namespace azscsp::emulator {
namespace {

struct BucketTexts {
  std::string reads, writes, deletes;
  std::string partner_center;
};

// "CAPACITY/REFILL" (e.g. "5/0.5") -> limits; false when malformed.
bool ParseBucket(const std::string& text, BucketLimits& out) {
  size_t slash = text.find('/');
  if (slash == std::string::npos) return false;
  try {
    size_t used = 0;
    double capacity = std::stod(text.substr(0, slash), &used);
    if (used != slash) return false;
    std::string refill_text = text.substr(slash + 1);
    double refill = std::stod(refill_text, &used);
    if (used != refill_text.size() || capacity < 1 || refill <= 0) return false;
    out = {capacity, refill};
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

int admin_port = 0, tenant_port = 0, graph_port = 0, partner_center_port = 0;

po::options_description Describe(EmulatorOptions& o, int& port, bool& quiet, BucketTexts& buckets) {
  po::options_description d(
      "azscsp-emulator: loopback HTTPS emulator of Azure AD token endpoints and Azure Resource\n"
      "Manager (Microsoft.AzureStack registrations and customerSubscriptions), plus an Azure\n"
      "Stack Hub stamp (admin ARM, tenant ARM) and Microsoft Graph on listeners of their own.\n\n"
      "Usage: azscsp-emulator --data-dir DIR [options]\n\nOptions");
  d.add_options()                            //
      ("help,h", "show this help and exit")  //
      ("data-dir", po::value(&o.data_dir)->value_name("DIR"),
       "directory for emulator.json, ca.pem, certificates and state.json (required)")  //
      ("port", po::value(&port)->value_name("N")->default_value(0),
       "TCP port; 0 picks a free port (see emulator.json)")  //
      ("admin-port", po::value(&admin_port)->value_name("N")->default_value(0),
       "stamp admin ARM listener port; 0 picks a free one")  //
      ("tenant-port", po::value(&tenant_port)->value_name("N")->default_value(0),
       "stamp tenant ARM listener port; 0 picks a free one")  //
      ("graph-port", po::value(&graph_port)->value_name("N")->default_value(0),
       "Microsoft Graph listener port; 0 picks a free one")  //
      ("partner-center-port", po::value(&partner_center_port)->value_name("N")->default_value(0),
       "Partner Center API listener port; 0 picks a free one")  //
      ("bind", po::value(&o.bind_address)->value_name("ADDR")->default_value("127.0.0.1"),
       "loopback address to listen on (127.0.0.1, ::1)")  //
      ("hostname", po::value(&o.hostname)->value_name("NAME")->default_value("localhost"),
       "host name in the server certificate and announced URLs")  //
      ("fixtures", po::value(&o.fixtures_path)->value_name("FILE"),
       "fixtures JSON file (default: the built-in default fixtures)")  //
      ("page-size", po::value(&o.page_size)->value_name("N")->default_value(50),
       "ARM list page size")  //
      ("docs-mode", po::bool_switch(&o.docs_mode),
       "customerSubscriptions PUT answers 201 with no body, DELETE always 204")  //
      ("throttling", po::value(&o.throttling)->value_name("MODE")->default_value("token-bucket"),
       "off, token-bucket or hourly")  //
      ("token-lifetime", po::value(&o.token_lifetime_seconds)->value_name("S")->default_value(3600),
       "access token lifetime in seconds")  //
      ("identity-system",
       po::value(&o.identity_system)->value_name("aad|adfs")->default_value("aad"),
       "identity profile announced by /metadata/endpoints: aad (Entra ID) or adfs (AD FS)")  //
      ("clock-skew-seconds", po::value(&o.clock_skew_seconds)->value_name("N")->default_value(0),
       "the identity clock is now + N seconds (issued tokens, assertion checks, ARM token "
       "checks)")  //
      ("device-code-interval",
       po::value(&o.device_code_interval_seconds)->value_name("S")->default_value(5),
       "device code polling interval in seconds")  //
      ("device-code-lifetime",
       po::value(&o.device_code_lifetime_seconds)->value_name("S")->default_value(900),
       "device code lifetime (expires_in) in seconds")  //
      ("reject-reused-refresh-tokens", po::bool_switch(&o.reject_reused_refresh_tokens),
       "refuse a refresh token that was already redeemed (stricter than Entra)")  //
      ("persist", po::bool_switch(&o.persist),
       "load {data-dir}/state.json at start and save it on every change")                      //
      ("threads", po::value(&o.threads)->value_name("N")->default_value(2), "worker threads")  //
      ("provider-registering-gets",
       po::value(&o.provider_registering_gets)->value_name("N")->default_value(0),
       "GETs of a provider that still answer Registering after POST register")  //
      ("principal-replication-delay-ms",
       po::value(&o.principal_replication_delay_ms)->value_name("MS")->default_value(0),
       "new service principals (POST /_emulator/servicePrincipals) are PrincipalNotFound to "
       "role assignments for this long")  //
      ("graph-page-size", po::value(&o.graph_page_size)->value_name("N")->default_value(100),
       "Microsoft Graph list page size")  //
      ("graph-replication-delay-ms",
       po::value(&o.graph_replication_delay_ms)->value_name("MS")->default_value(0),
       "service principals created through Graph answer 404 to GET by id for this long")  //
      ("health-report-array", po::bool_switch(&o.health_report_array),
       "checkIdentityHealth returns directoryTenants as a plain array (the docs' shape)")  //
      ("usage-seed", po::value(&o.usage_seed)->value_name("N")->default_value(1),
       "seed of the deterministic usage generator")  //
      ("record", po::value(&o.record_dir)->value_name("DIR"),
       "write every ARM and /metadata exchange to DIR as oav validate-traffic JSON files "
       "(default: $AZSCSP_EMULATOR_RECORD_DIR, else off)")  //
      ("bucket-reads", po::value(&buckets.reads)->value_name("CAP/REFILL"),
       "per-principal read bucket, e.g. 5/0.5 (default: the throttling mode's)")  //
      ("bucket-writes", po::value(&buckets.writes)->value_name("CAP/REFILL"),
       "per-principal write bucket")  //
      ("bucket-deletes", po::value(&buckets.deletes)->value_name("CAP/REFILL"),
       "per-principal delete bucket")  //
      ("partner-center-page-size",
       po::value(&o.partner_center_page_size)->value_name("N")->default_value(40),
       "Partner Center customer list page size (cap of size)")  //
      ("partner-center-order-delay-ms",
       po::value(&o.partner_center_order_delay_ms)->value_name("MS")->default_value(0),
       "a checked-out Partner Center order stays pending this long")  //
      ("partner-center-rate-limit", po::value(&buckets.partner_center)->value_name("CAP/REFILL"),
       "Partner Center bucket per partner and per partner x customer (default 500/8.4; off)")  //
      ("partner-center-app-only-status",
       po::value(&o.partner_center_app_only_status)->value_name("N")->default_value(403),
       "status answered to an app-only token on an app+user-only Partner Center route")  //
      ("quiet", po::bool_switch(&quiet), "do not print one line per request");
  return d;
}

}  // namespace

CommandLine ParseCommandLine(int argc, const char* const argv[]) {
  CommandLine result;
  int port = 0;
  BucketTexts buckets;
  po::options_description description = Describe(result.options, port, result.quiet, buckets);
  std::ostringstream usage;
  usage << description;
  try {
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(description).run(), vm);
    if (vm.count("help")) {
      result.action = CommandLine::Action::kHelp;
      result.message = usage.str();
      return result;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    result.action = CommandLine::Action::kError;
    result.message = std::string(e.what()) + "\nRun 'azscsp-emulator --help' for the options.";
    return result;
  }
  for (int p : {port, admin_port, tenant_port, graph_port, partner_center_port}) {
    if (p < 0 || p > 65535) {
      result.action = CommandLine::Action::kError;
      result.message = "port " + std::to_string(p) + " is out of range (0-65535)";
      return result;
    }
  }
  result.options.port = static_cast<uint16_t>(port);
  result.options.admin_port = static_cast<uint16_t>(admin_port);
  result.options.tenant_port = static_cast<uint16_t>(tenant_port);
  result.options.graph_port = static_cast<uint16_t>(graph_port);
  result.options.partner_center_port = static_cast<uint16_t>(partner_center_port);
  if (buckets.partner_center == "off") {
    result.options.partner_center_rate_limit = {0, 0};
  } else if (!buckets.partner_center.empty() &&
             !ParseBucket(buckets.partner_center, result.options.partner_center_rate_limit)) {
    result.action = CommandLine::Action::kError;
    result.message = "Partner Center rate limit '" + buckets.partner_center +
                     "' is invalid: expected CAPACITY/REFILL_PER_SECOND (e.g. 500/8.4) or off";
    return result;
  }
  const std::pair<const std::string*, BucketLimits*> bucket_options[] = {
      {&buckets.reads, &result.options.read_limits},
      {&buckets.writes, &result.options.write_limits},
      {&buckets.deletes, &result.options.delete_limits}};
  for (const auto& [text, limits] : bucket_options) {
    if (!text->empty() && !ParseBucket(*text, *limits)) {
      result.action = CommandLine::Action::kError;
      result.message =
          "bucket '" + *text + "' is invalid: expected CAPACITY/REFILL_PER_SECOND, e.g. 5/0.5";
      return result;
    }
  }
  if (std::string problem = CheckOptions(result.options); !problem.empty()) {
    result.action = CommandLine::Action::kError;
    result.message = problem;
  }
  return result;
}

}  // namespace azscsp::emulator
