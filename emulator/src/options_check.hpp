// Validation of EmulatorOptions shared by Emulator::Start and the command line.
#pragma once

#include <string>

#include "azscsp_emulator/emulator.hpp"

namespace azscsp::emulator {

// "" when the options are usable, otherwise a message naming the bad value.
std::string CheckOptions(const EmulatorOptions& options);
bool IsLoopbackAddress(const std::string& address);

}  // namespace azscsp::emulator
