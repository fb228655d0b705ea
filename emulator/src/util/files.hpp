// File helpers: whole-file reads and atomic writes (temp file + rename).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace azscsp::emulator {

std::optional<std::string> ReadFileIfExists(const std::filesystem::path& path);
// Readers polling the file never see a partial write. Throws std::runtime_error on failure.
void WriteFileAtomic(const std::filesystem::path& path, const std::string& content,
                     bool owner_only = false);
int CurrentProcessId();

}  // namespace azscsp::emulator
