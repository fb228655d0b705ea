// Partner Center input is read case-insensitively (property names and enum values; reference
// §1): these helpers look members up ignoring case.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace azscsp::emulator {

const boost::json::value* PcMember(const boost::json::object& o, std::string_view name);
std::string MemberString(const boost::json::object& o, std::string_view name);  // "" if absent
const boost::json::object* MemberObject(const boost::json::object& o, std::string_view name);
const boost::json::array* MemberArray(const boost::json::object& o, std::string_view name);
// Integers (or integral strings); nullopt when absent or not a number.
std::optional<long long> MemberInt(const boost::json::object& o, std::string_view name);
// The body as a JSON object; nullopt when empty or not an object.
std::optional<boost::json::object> ParseObject(const std::string& body);

}  // namespace azscsp::emulator
