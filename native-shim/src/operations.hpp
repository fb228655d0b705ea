// The table of named operations the ABI can start (native-shim/README.md lists them).
#pragma once

#include <string>

#include "operation.hpp"

namespace azscsp::shim {

// The handler for `name`; throws InvalidArgumentError listing the known names otherwise.
const Handler& FindOperation(const std::string& name);

}  // namespace azscsp::shim
