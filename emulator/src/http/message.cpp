#include "http/message.hpp"

#include <algorithm>

#include "util/strings.hpp"

namespace azscsp::emulator {

const std::string* Headers::Find(std::string_view name) const {
  for (const auto& [key, value] : entries_) {
    if (IEquals(key, name)) return &value;
  }
  return nullptr;
}

std::string Headers::Get(std::string_view name) const {
  const std::string* value = Find(name);
  return value ? *value : std::string();
}

void Headers::Set(std::string name, std::string value) {
  Remove(name);
  entries_.emplace_back(std::move(name), std::move(value));
}

void Headers::Add(std::string name, std::string value) {
  entries_.emplace_back(std::move(name), std::move(value));
}

void Headers::Remove(std::string_view name) {
  entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                [&](const auto& entry) { return IEquals(entry.first, name); }),
                 entries_.end());
}

}  // namespace azscsp::emulator
