// Runs one C ABI operation to the end and collects its events: the helper the shim-level
// integration tests (registration, multi-tenancy, usage) share.
#pragma once

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "azscsp.h"

namespace azscsp::integration {

struct Events {
  azscsp_status status = AZSCSP_OK;
  std::vector<boost::json::object> items;
  std::vector<boost::json::object> logs;
  boost::json::object error;  // azscsp_last_error() when the operation failed
};

inline Events Run(azscsp_client* client, const char* name, const boost::json::object& arguments) {
  azscsp_operation* operation = nullptr;
  BOOST_REQUIRE_EQUAL(
      azscsp_operation_start(client, name, boost::json::serialize(arguments).c_str(), &operation),
      AZSCSP_OK);
  Events events;
  for (;;) {
    char* event = nullptr;
    const azscsp_status status = azscsp_operation_poll(operation, 100, &event);
    if (status == AZSCSP_PENDING) continue;
    if (status != AZSCSP_OK) {
      events.status = status;
      if (status != AZSCSP_DONE) events.error = boost::json::parse(azscsp_last_error()).as_object();
      break;
    }
    boost::json::object parsed = boost::json::parse(event).as_object();
    azscsp_free(event);
    if (parsed["kind"] == "item") events.items.push_back(parsed["data"].as_object());
    if (parsed["kind"] == "log") events.logs.push_back(parsed);
  }
  azscsp_operation_close(operation);
  return events;
}

inline std::string Str(const boost::json::value& value) {
  return value.is_string() ? std::string(value.as_string()) : std::string();
}
inline std::string Str(const boost::json::value* value) {
  return value ? Str(*value) : std::string();
}

}  // namespace azscsp::integration
