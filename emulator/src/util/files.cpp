#include "util/files.hpp"

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#ifdef _WIN32
#include <process.h>
#else
#include <unistd.h>
#endif

namespace azscsp::emulator {

std::optional<std::string> ReadFileIfExists(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void WriteFileAtomic(const std::filesystem::path& path, const std::string& content,
                     bool owner_only) {
  namespace fs = std::filesystem;
  fs::path temp = path;
  temp += ".tmp" + std::to_string(CurrentProcessId());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + temp.string());
    out << content;
    out.close();
    if (!out) throw std::runtime_error("cannot write " + temp.string());
  }
  std::error_code ec;
  if (owner_only) {
    fs::permissions(temp, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace,
                    ec);
  }
  // Replaces an existing file on POSIX and Windows; on Windows a reader holding the target open
  // makes the rename fail for a moment, so try a few times.
  for (int attempt = 0; attempt < 10; ++attempt) {
    fs::rename(temp, path, ec);
    if (!ec) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (ec) {
    fs::remove(temp, ec);
    throw std::runtime_error("cannot replace " + path.string() + ": " + ec.message());
  }
}

int CurrentProcessId() {
#ifdef _WIN32
  return _getpid();
#else
  return static_cast<int>(getpid());
#endif
}

}  // namespace azscsp::emulator
