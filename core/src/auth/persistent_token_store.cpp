#include "azscsp/auth/persistent_token_store.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#ifdef _WIN32
#include <cstdio>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#endif

#include "azscsp/errors.hpp"
#include "azscsp/util/json.hpp"

namespace json = boost::json;

namespace azscsp::auth {
namespace {

long long NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void WriteFileAtomically(const std::string& path, const std::string& content) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  std::error_code ec;
  if (target.has_parent_path() && !fs::exists(target.parent_path(), ec)) {
    fs::create_directories(target.parent_path(), ec);
#ifndef _WIN32
    if (!ec) ::chmod(target.parent_path().c_str(), 0700);
#endif
  }
  std::random_device random;
  const std::string temp = path + ".tmp-" + std::to_string(random()) + std::to_string(random());
#ifdef _WIN32
  // The file lives under the user's profile, whose ACL is the user's own.
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out)
      throw InvalidArgumentError("The token cache file '" + path + "' could not be written.");
  }
#else
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    throw InvalidArgumentError("The token cache file '" + path +
                               "' could not be written: " + std::strerror(errno) + ".");
  size_t written = 0;
  bool ok = true;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      ok = false;
      break;
    }
    written += static_cast<size_t>(n);
  }
  ok = ::fsync(fd) == 0 && ok;
  ::close(fd);
  if (!ok) {
    ::unlink(temp.c_str());
    throw InvalidArgumentError("The token cache file '" + path + "' could not be written.");
  }
#endif
  fs::rename(temp, target, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw InvalidArgumentError("The token cache file '" + path + "' could not be replaced.");
  }
}

}  // namespace

PersistentTokenStore::PersistentTokenStore(std::string path) : path_(std::move(path)) {
  if (path_.empty()) throw InvalidArgumentError("No path was given for the token cache file.");
  Load();
}

std::string PersistentTokenStore::Key(const std::string& authority_key,
                                      const std::string& client_id, const std::string& account) {
  return authority_key + "|" + client_id + "|" + account;
}

void PersistentTokenStore::Load() {
  std::ifstream file(path_, std::ios::binary);
  if (!file) return;
  const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  boost::system::error_code ec;
  const json::value root = json::parse(text, ec);
  if (ec || !root.is_object()) return;
  const json::value* tokens = root.as_object().if_contains("refreshTokens");
  if (tokens == nullptr || !tokens->is_object()) return;
  for (const auto& [key, value] : tokens->as_object()) {
    Entry entry;
    entry.refresh_token = util::GetString(value, "refreshToken");
    entry.updated_on = util::GetInteger(value, "updatedOn").value_or(0);
    entry.sequence = next_sequence_++;
    if (!entry.refresh_token.empty()) entries_[std::string(key)] = std::move(entry);
  }
}

void PersistentTokenStore::Save() const {
  json::object tokens;
  for (const auto& [key, entry] : entries_)
    tokens[key] = {{"refreshToken", entry.refresh_token}, {"updatedOn", entry.updated_on}};
  const json::object root{
      {"_comment",
       "AzsCsp token cache: refresh tokens of user sign-ins. Anyone who can read this file can "
       "act as these users. Delete it to sign out everywhere."},
      {"version", 1},
      {"refreshTokens", std::move(tokens)}};
  WriteFileAtomically(path_, json::serialize(root));
}

std::optional<std::string> PersistentTokenStore::Find(const std::string& key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  return it->second.refresh_token;
}

std::optional<std::pair<std::string, std::string>> PersistentTokenStore::FindNewest(
    const std::string& key_prefix) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const Entry* best = nullptr;
  const std::string* best_key = nullptr;
  for (const auto& [key, entry] : entries_) {
    if (key.compare(0, key_prefix.size(), key_prefix) != 0) continue;
    if (best == nullptr || entry.updated_on > best->updated_on ||
        (entry.updated_on == best->updated_on && entry.sequence > best->sequence)) {
      best = &entry;
      best_key = &key;
    }
  }
  if (best == nullptr) return std::nullopt;
  return std::make_pair(*best_key, best->refresh_token);
}

void PersistentTokenStore::Put(const std::string& key, const std::string& refresh_token) {
  std::lock_guard<std::mutex> lock(mutex_);
  Entry& entry = entries_[key];
  entry.refresh_token = refresh_token;
  entry.updated_on = NowSeconds();
  entry.sequence = next_sequence_++;
  Save();
}

void PersistentTokenStore::Remove(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (entries_.erase(key) == 0) return;
  Save();
}

size_t PersistentTokenStore::Size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

}  // namespace azscsp::auth
