// Lock checks the registration handlers apply before a write or a delete.
#pragma once

#include <optional>

#include "http/message.hpp"
#include "state/model.hpp"

namespace azscsp::emulator {

// 409 ScopeLocked when a lock forbids the operation on the registration.
std::optional<HttpResponse> CheckRegistrationLocks(const Registration& registration, bool deleting);

}  // namespace azscsp::emulator
