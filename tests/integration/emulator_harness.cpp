#include "emulator_harness.hpp"

#include <boost/json.hpp>
#include <filesystem>
#include <random>
#include <stdexcept>

namespace azscsp::integration {
namespace {

std::string MakeTempDir() {
  std::random_device device;
  const auto dir = std::filesystem::temp_directory_path() /
                   ("azscsp-integration-" + std::to_string(device()) + std::to_string(device()));
  std::filesystem::create_directories(dir);
  return dir.string();
}

http::TransportOptions ControlTransportOptions(const std::string& ca_path) {
  http::TransportOptions options;
  options.ca_bundle_path = ca_path;
  options.proxy = http::ProxyOptions{};  // never through a proxy from the environment
  return options;
}

}  // namespace

EmulatorHarness::EmulatorHarness(emulator::EmulatorOptions options)
    : data_dir_(MakeTempDir()),
      emulator_([&] {
        options.data_dir = data_dir_;
        auto emulator = std::make_unique<emulator::Emulator>(options);
        emulator->Start();
        return emulator;
      }()),
      control_transport_(ControlTransportOptions(emulator_->CaCertificatePath())) {}

EmulatorHarness::~EmulatorHarness() {
  emulator_->Stop();
  std::error_code ignored;
  std::filesystem::remove_all(data_dir_, ignored);
}

std::string EmulatorHarness::Control(const std::string& method, const std::string& path,
                                     const std::string& body) {
  http::Request request;
  request.method = method == "GET"      ? http::Method::Get
                   : method == "DELETE" ? http::Method::Delete
                                        : http::Method::Post;
  request.url = http::Url::Parse(BaseUrl() + path);
  request.headers["Content-Type"] = "application/json";
  request.body = body;
  const http::Response response = control_transport_.Send(request, {});
  if (response.status >= 300)
    throw std::runtime_error("control call " + path + " answered " +
                             std::to_string(response.status));
  return response.body;
}

int EmulatorHarness::CountRequests(const std::string& method, const std::string& fragment) {
  const boost::json::value log = boost::json::parse(Control("GET", "/_emulator/requests"));
  const boost::json::array* entries = log.is_array() ? &log.as_array() : nullptr;
  if (entries == nullptr && log.is_object()) {
    if (const auto* value = log.as_object().if_contains("requests"); value && value->is_array())
      entries = &value->as_array();
    else if (const auto* items = log.as_object().if_contains("value"); items && items->is_array())
      entries = &items->as_array();
  }
  if (entries == nullptr) throw std::runtime_error("unexpected /_emulator/requests shape");
  int count = 0;
  for (const auto& entry : *entries) {
    const auto& object = entry.as_object();
    const std::string entry_method(object.at("method").as_string());
    const std::string path(object.at("path").as_string());
    if (entry_method == method && path.find(fragment) != std::string::npos) ++count;
  }
  return count;
}

}  // namespace azscsp::integration
