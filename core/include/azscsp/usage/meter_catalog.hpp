// The meter table of usage.md §7 compiled in, extendable (or overridden) per meter ID. Meter IDs
// compare case-insensitively and ignoring dashes.
#pragma once

#include <map>
#include <string>

namespace azscsp::usage {

struct MeterInfo {
  std::string meter_id;  // as given by the catalogue (or the row, for an unknown meter)
  std::string name;
  std::string unit;
  bool known = false;
};

// Upper case without dashes: the key meter IDs are compared by.
std::string NormalizeMeterId(const std::string& meter_id);

class MeterCatalog {
 public:
  // The built-in table (usage.md §7).
  MeterCatalog();

  // Adds or replaces the entry of `meter_id`.
  void Set(const std::string& meter_id, const std::string& name, const std::string& unit);
  // The entry; unknown meters are named "Unknown (<id>)" with an empty unit, never dropped.
  MeterInfo Find(const std::string& meter_id) const;
  size_t Size() const { return meters_.size(); }

 private:
  std::map<std::string, MeterInfo> meters_;  // by NormalizeMeterId
};

}  // namespace azscsp::usage
