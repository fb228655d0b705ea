#include "http/target.hpp"

#include "util/strings.hpp"

namespace azscsp::emulator {

RequestTarget ParseTarget(std::string_view target) {
  RequestTarget out;
  size_t question = target.find('?');
  out.raw_path = std::string(target.substr(0, question));
  if (question != std::string_view::npos) out.raw_query = std::string(target.substr(question + 1));
  size_t hash = out.raw_query.find('#');
  if (hash != std::string::npos) out.raw_query.resize(hash);

  for (const std::string& segment : Split(out.raw_path, '/')) {
    if (!segment.empty()) out.segments.push_back(PercentDecode(segment, false));
  }
  if (!out.raw_query.empty()) {
    for (const std::string& pair : Split(out.raw_query, '&')) {
      if (pair.empty()) continue;
      size_t eq = pair.find('=');
      std::string name = PercentDecode(pair.substr(0, eq), true);
      std::string value =
          eq == std::string::npos ? std::string() : PercentDecode(pair.substr(eq + 1), true);
      out.query.emplace_back(std::move(name), std::move(value));
    }
  }
  return out;
}

std::string RequestTarget::Path() const {
  std::string path;
  for (const auto& segment : segments) path += "/" + segment;
  return path.empty() ? "/" : path;
}

std::string RequestTarget::EncodedPath() const {
  std::string path;
  for (const auto& segment : segments) path += "/" + PercentEncode(segment);
  return path.empty() ? "/" : path;
}

const std::string* RequestTarget::Query(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (IEquals(key, name)) return &value;
  }
  return nullptr;
}

}  // namespace azscsp::emulator
