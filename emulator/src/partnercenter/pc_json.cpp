#include "partnercenter/pc_json.hpp"

#include <boost/json.hpp>

#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {

const json::value* PcMember(const json::object& o, std::string_view name) {
  if (const json::value* exact = o.if_contains(name)) return exact;
  for (const auto& entry : o) {
    if (IEquals(entry.key(), name)) return &entry.value();
  }
  return nullptr;
}

std::string MemberString(const json::object& o, std::string_view name) {
  const json::value* v = PcMember(o, name);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

const json::object* MemberObject(const json::object& o, std::string_view name) {
  const json::value* v = PcMember(o, name);
  return v && v->is_object() ? &v->get_object() : nullptr;
}

const json::array* MemberArray(const json::object& o, std::string_view name) {
  const json::value* v = PcMember(o, name);
  return v && v->is_array() ? &v->get_array() : nullptr;
}

std::optional<long long> MemberInt(const json::object& o, std::string_view name) {
  const json::value* v = PcMember(o, name);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64()) return static_cast<long long>(v->get_uint64());
  if (v->is_double() && v->get_double() == static_cast<long long>(v->get_double())) {
    return static_cast<long long>(v->get_double());
  }
  if (v->is_string()) {
    try {
      size_t used = 0;
      std::string text(v->get_string());
      long long n = std::stoll(text, &used);
      if (used == text.size()) return n;
    } catch (const std::exception&) {
    }
  }
  return std::nullopt;
}

std::optional<json::object> ParseObject(const std::string& body) {
  if (Trim(body).empty()) return std::nullopt;
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return v.get_object();
}

}  // namespace azscsp::emulator
