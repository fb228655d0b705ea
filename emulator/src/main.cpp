// azscsp-emulator: runs until SIGINT/SIGTERM or POST /_emulator/shutdown, then exits 0.
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <iostream>
#include <mutex>
#include <thread>

#include "azscsp_emulator/emulator.hpp"
#include "cli.hpp"

int main(int argc, char* argv[]) {
  using azscsp::emulator::CommandLine;
  CommandLine command = azscsp::emulator::ParseCommandLine(argc, argv);
  if (command.action == CommandLine::Action::kHelp) {
    std::cout << command.message << std::endl;
    return 0;
  }
  if (command.action == CommandLine::Action::kError) {
    std::cerr << "azscsp-emulator: " << command.message << std::endl;
    return 2;
  }
  if (!command.quiet) {
    static std::mutex output;
    command.options.request_logger = [](const std::string& line) {
      std::lock_guard<std::mutex> lock(output);
      std::cout << line << std::endl;
    };
  }

  azscsp::emulator::Emulator emulator(command.options);
  try {
    emulator.Start();
  } catch (const std::exception& e) {
    std::cerr << "azscsp-emulator: " << e.what() << std::endl;
    return 1;
  }
  std::cout << "azscsp-emulator listening on " << emulator.BaseUrl()
            << "\n  admin ARM:      " << emulator.AdminBaseUrl()
            << "\n  tenant ARM:     " << emulator.TenantBaseUrl()
            << "\n  Graph:          " << emulator.GraphUrl()
            << "\n  Partner Center: " << emulator.PartnerCenterUrl()
            << "\n  CA certificate: " << emulator.CaCertificatePath()
            << "\n  status file:    " << emulator.StatusFilePath() << std::endl;

  boost::asio::io_context signals_io;
  boost::asio::signal_set signals(signals_io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (!ec) emulator.RequestShutdown();
  });
  std::thread signal_thread([&] { signals_io.run(); });

  emulator.WaitForShutdownRequest();
  // Give an in-flight POST /_emulator/shutdown answer a moment to reach its client.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  signals_io.stop();
  signal_thread.join();
  emulator.Stop();
  std::cout << "azscsp-emulator stopped" << std::endl;
  return 0;
}
