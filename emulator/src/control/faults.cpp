#include "control/faults.hpp"

#include <boost/json.hpp>
#include <stdexcept>

#include "util/strings.hpp"

namespace json = boost::json;

namespace azscsp::emulator {
namespace {

int IntField(const json::object& o, std::string_view key, int fallback) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return fallback;
  if (v->is_int64()) return static_cast<int>(v->get_int64());
  if (v->is_uint64()) return static_cast<int>(v->get_uint64());
  if (v->is_double()) return static_cast<int>(v->get_double());
  throw std::invalid_argument("fault field '" + std::string(key) + "' must be a number");
}

// Header values may be given as a string or a number.
std::optional<std::string> HeaderField(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_int64()) return std::to_string(v->get_int64());
  if (v->is_uint64()) return std::to_string(v->get_uint64());
  if (v->is_double()) return json::serialize(*v);
  throw std::invalid_argument("fault field '" + std::string(key) + "' must be a string or number");
}

}  // namespace

FaultRule ParseFaultRule(const json::value& value) {
  if (!value.is_object()) throw std::invalid_argument("a fault must be a JSON object");
  const json::object& o = value.get_object();
  FaultRule rule;
  if (const json::value* m = o.if_contains("method"); m && m->is_string()) {
    rule.method = std::string(m->get_string());
  }
  if (const json::value* p = o.if_contains("pathContains"); p && p->is_string()) {
    rule.path_contains = std::string(p->get_string());
  }
  rule.status = IntField(o, "status", 0);
  rule.count = IntField(o, "count", 1);
  rule.skip = IntField(o, "skip", 0);
  rule.delay_ms = IntField(o, "delayMs", 0);
  rule.retry_after = HeaderField(o, "retryAfter");
  rule.retry_after_ms = HeaderField(o, "retryAfterMs");
  if (const json::value* c = o.if_contains("closeConnection"); c && c->is_bool()) {
    rule.close_connection = c->get_bool();
  }
  if (const json::value* b = o.if_contains("body"); b && !b->is_null()) rule.body = *b;
  if (rule.status != 0 && (rule.status < 100 || rule.status > 599)) {
    throw std::invalid_argument("fault field 'status' must be an HTTP status (100-599)");
  }
  if (rule.status == 0 && !rule.close_connection && rule.delay_ms <= 0) {
    throw std::invalid_argument("a fault needs 'status', 'closeConnection' or 'delayMs'");
  }
  if (rule.count == 0) throw std::invalid_argument("fault field 'count' must not be 0");
  return rule;
}

json::value FaultRuleToJson(const FaultRule& rule) {
  json::object o{{"method", rule.method.empty() ? "*" : rule.method},
                 {"pathContains", rule.path_contains},
                 {"status", rule.status},
                 {"count", rule.count},
                 {"skip", rule.skip},
                 {"closeConnection", rule.close_connection},
                 {"delayMs", rule.delay_ms}};
  o["retryAfter"] = rule.retry_after ? json::value(*rule.retry_after) : json::value(nullptr);
  o["retryAfterMs"] =
      rule.retry_after_ms ? json::value(*rule.retry_after_ms) : json::value(nullptr);
  o["body"] = rule.body ? *rule.body : json::value(nullptr);
  return o;
}

void FaultInjector::Add(FaultRule rule) {
  std::lock_guard<std::mutex> lock(mutex_);
  rules_.push_back(std::move(rule));
}

void FaultInjector::Clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  rules_.clear();
}

std::optional<FaultRule> FaultInjector::Match(const std::string& method,
                                              const std::string& path_and_query) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = rules_.begin(); it != rules_.end(); ++it) {
    bool method_matches = it->method.empty() || it->method == "*" || IEquals(it->method, method);
    if (!method_matches || !IContains(path_and_query, it->path_contains)) continue;
    if (it->skip > 0) {
      --it->skip;
      return std::nullopt;
    }
    FaultRule hit = *it;
    if (it->count > 0 && --it->count == 0) rules_.erase(it);
    return hit;
  }
  return std::nullopt;
}

json::array FaultInjector::List() {
  std::lock_guard<std::mutex> lock(mutex_);
  json::array out;
  for (const FaultRule& rule : rules_) out.push_back(FaultRuleToJson(rule));
  return out;
}

}  // namespace azscsp::emulator
