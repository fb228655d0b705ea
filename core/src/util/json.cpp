#include "azscsp/util/json.hpp"

#include <cstdlib>

#include "azscsp/errors.hpp"
#include "azscsp/util/case_insensitive.hpp"

namespace json = boost::json;

namespace azscsp::util {

json::value ParseJson(const std::string& text, const char* what) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec) {
    throw InvalidArgumentError(std::string(what) + " is not valid JSON: " + ec.message() + ".");
  }
  return value;
}

std::string GetString(const json::value& object, const char* key) {
  if (!object.is_object()) return {};
  const json::value* value = object.as_object().if_contains(key);
  if (value == nullptr || !value->is_string()) return {};
  return std::string(value->as_string());
}

const json::value* FindKeyIgnoreCase(const json::object& object, const char* key) {
  if (const json::value* exact = object.if_contains(key)) return exact;
  for (const auto& entry : object) {
    if (EqualsIgnoreCase(entry.key(), key)) return &entry.value();
  }
  return nullptr;
}

std::optional<long long> GetInteger(const json::value& object, const char* key) {
  if (!object.is_object()) return std::nullopt;
  const json::value* value = object.as_object().if_contains(key);
  if (value == nullptr) return std::nullopt;
  if (value->is_int64()) return value->as_int64();
  if (value->is_uint64()) return static_cast<long long>(value->as_uint64());
  if (value->is_double()) return static_cast<long long>(value->as_double());
  if (value->is_string()) {
    const std::string text(value->as_string());
    if (text.empty() || text.size() > 18) return std::nullopt;
    for (char c : text)
      if (c < '0' || c > '9') return std::nullopt;
    return std::atoll(text.c_str());
  }
  return std::nullopt;
}

}  // namespace azscsp::util
