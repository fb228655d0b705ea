// The exported C functions: each validates its handles, calls into the core inside a catch-all,
// and reports failures through the thread-local last error. Nothing is thrown across the ABI.
#include <cstdlib>
#include <cstring>
#include <memory>

#include "azscsp.h"
#include "azscsp/errors.hpp"
#include "azscsp/util/json.hpp"
#include "client_state.hpp"
#include "error_json.hpp"
#include "operation.hpp"
#include "operations.hpp"

#ifndef AZSCSP_VERSION
#define AZSCSP_VERSION "0.0.0"
#endif

namespace json = boost::json;
using azscsp::shim::ClientState;
using azscsp::shim::Operation;

struct azscsp_client {
  std::shared_ptr<ClientState> state;
};

struct azscsp_operation {
  std::shared_ptr<Operation> operation;
};

namespace {

azscsp_status Fail() {
  std::string error_json;
  const azscsp_status status = azscsp::shim::DescribeCurrentException(error_json);
  azscsp::shim::SetLastError(std::move(error_json));
  return status;
}

char* CopyOut(const std::string& text) {
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy != nullptr) std::memcpy(copy, text.c_str(), text.size() + 1);
  return copy;
}

void RequireNotNull(const void* pointer, const char* what) {
  if (pointer == nullptr)
    throw azscsp::InvalidArgumentError(std::string(what) + " must not be NULL.");
}

json::object ArgumentsObject(const char* arguments_json) {
  if (arguments_json == nullptr || *arguments_json == '\0') return {};
  json::value value = azscsp::util::ParseJson(arguments_json, "The operation arguments");
  if (!value.is_object())
    throw azscsp::InvalidArgumentError("The operation arguments must be a JSON object.");
  return std::move(value.as_object());
}

}  // namespace

extern "C" {

int azscsp_abi_version(void) {
  return AZSCSP_ABI_VERSION;
}

const char* azscsp_version(void) {
  return AZSCSP_VERSION;
}

azscsp_status azscsp_client_open(const char* options_json, azscsp_client** out_client) {
  try {
    azscsp::shim::ClearLastError();
    RequireNotNull(out_client, "out_client");
    *out_client = nullptr;
    RequireNotNull(options_json, "options_json");
    auto state = std::make_shared<ClientState>(azscsp::shim::ClientOptions::FromJson(options_json));
    *out_client = new azscsp_client{std::move(state)};
    return AZSCSP_OK;
  } catch (...) {
    return Fail();
  }
}

void azscsp_client_close(azscsp_client* client) {
  if (client == nullptr) return;
  try {
    client->state->CancelAll();
  } catch (...) {
  }
  delete client;
}

azscsp_status azscsp_operation_start(azscsp_client* client, const char* operation_name,
                                     const char* arguments_json, azscsp_operation** out_operation) {
  try {
    azscsp::shim::ClearLastError();
    RequireNotNull(out_operation, "out_operation");
    *out_operation = nullptr;
    RequireNotNull(client, "client");
    RequireNotNull(operation_name, "operation_name");
    const auto& handler = azscsp::shim::FindOperation(operation_name);
    auto operation = std::make_shared<Operation>(client->state, handler);
    client->state->Track(operation);
    operation->StartSingle(ArgumentsObject(arguments_json));
    *out_operation = new azscsp_operation{std::move(operation)};
    return AZSCSP_OK;
  } catch (...) {
    return Fail();
  }
}

azscsp_status azscsp_batch_start(azscsp_client* client, const char* operation_name, int concurrency,
                                 azscsp_operation** out_operation) {
  try {
    azscsp::shim::ClearLastError();
    RequireNotNull(out_operation, "out_operation");
    *out_operation = nullptr;
    RequireNotNull(client, "client");
    RequireNotNull(operation_name, "operation_name");
    if (concurrency < 1 || concurrency > 64)
      throw azscsp::InvalidArgumentError("The concurrency " + std::to_string(concurrency) +
                                         " is out of range; expected 1 to 64.");
    const auto& handler = azscsp::shim::FindOperation(operation_name);
    auto operation = std::make_shared<Operation>(client->state, handler);
    client->state->Track(operation);
    operation->StartBatch(concurrency);
    *out_operation = new azscsp_operation{std::move(operation)};
    return AZSCSP_OK;
  } catch (...) {
    return Fail();
  }
}

azscsp_status azscsp_batch_push(azscsp_operation* operation, const char* tag,
                                const char* arguments_json) {
  try {
    azscsp::shim::ClearLastError();
    RequireNotNull(operation, "operation");
    if (!operation->operation->IsBatch())
      throw azscsp::InvalidArgumentError("The operation is not a batch.");
    operation->operation->Push(tag ? tag : "", ArgumentsObject(arguments_json));
    return AZSCSP_OK;
  } catch (...) {
    return Fail();
  }
}

azscsp_status azscsp_batch_end_input(azscsp_operation* operation) {
  try {
    azscsp::shim::ClearLastError();
    RequireNotNull(operation, "operation");
    operation->operation->EndInput();
    return AZSCSP_OK;
  } catch (...) {
    return Fail();
  }
}

azscsp_status azscsp_operation_poll(azscsp_operation* operation, int timeout_ms,
                                    char** out_event_json) {
  try {
    azscsp::shim::ClearLastError();
    RequireNotNull(operation, "operation");
    RequireNotNull(out_event_json, "out_event_json");
    *out_event_json = nullptr;
    std::string event_json, error_json;
    const azscsp_status status = operation->operation->Poll(timeout_ms, event_json, error_json);
    if (status == AZSCSP_OK) {
      *out_event_json = CopyOut(event_json);
      if (*out_event_json == nullptr) throw std::bad_alloc();
    } else if (status != AZSCSP_PENDING && status != AZSCSP_DONE) {
      azscsp::shim::SetLastError(std::move(error_json));
    }
    return status;
  } catch (...) {
    return Fail();
  }
}

void azscsp_operation_cancel(azscsp_operation* operation) {
  if (operation == nullptr) return;
  try {
    operation->operation->Cancel();
  } catch (...) {
  }
}

void azscsp_operation_close(azscsp_operation* operation) {
  if (operation == nullptr) return;
  try {
    operation->operation->Close();
  } catch (...) {
  }
  delete operation;
}

const char* azscsp_last_error(void) {
  return azscsp::shim::LastError();
}

void azscsp_free(void* pointer) {
  std::free(pointer);
}

}  // extern "C"
