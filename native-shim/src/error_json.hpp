// Errors as the JSON of azscsp_last_error(), and the thread-local slot that holds it.
#pragma once

#include <exception>
#include <string>

#include "azscsp.h"

namespace azscsp::shim {

// Describes the exception being handled (call inside a catch block) and returns its status.
azscsp_status DescribeCurrentException(std::string& error_json);

void SetLastError(std::string error_json);
void ClearLastError();
const char* LastError();

}  // namespace azscsp::shim
