// Command line of azscsp-emulator (kept in the library so it can be unit-tested).
#pragma once

#include <string>

#include "azscsp_emulator/emulator.hpp"

namespace azscsp::emulator {

struct CommandLine {
  enum class Action { kRun, kHelp, kError };
  Action action = Action::kRun;
  EmulatorOptions options;
  bool quiet = false;   // do not print one line per request
  std::string message;  // usage text (kHelp) or the error (kError)
};

// Exit code 2 is expected for kError.
CommandLine ParseCommandLine(int argc, const char* const argv[]);

}  // namespace azscsp::emulator
