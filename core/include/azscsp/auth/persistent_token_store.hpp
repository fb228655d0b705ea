// Opt-in persistence of user sign-ins (tokenCache.persistPath): refresh tokens of device code,
// user name/password and refresh-token sign-ins, keyed by "authority|tenant|client|account", in a
// small JSON file, so that a later run signs in silently. Never access tokens, never secrets.
//
// POSIX: the file is created with mode 0600 (open with O_CREAT and 0600) and replaced atomically
// (temporary file in the same folder, then rename). Windows: the file lives in the user's profile
// (e.g. %USERPROFILE%\.azscsp), whose ACL already restricts it to the user; it is written the same
// way. Anyone who can read the file can act as the user until the refresh tokens expire.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace azscsp::auth {

class PersistentTokenStore {
 public:
  // Loads the file if it exists; a missing file is an empty store and an unreadable or damaged one
  // is treated as empty (it is rewritten on the next Put).
  explicit PersistentTokenStore(std::string path);

  static std::string Key(const std::string& authority_key, const std::string& client_id,
                         const std::string& account);

  std::optional<std::string> Find(const std::string& key) const;
  // The most recently stored entry whose key starts with `key_prefix`: {key, refresh token}.
  std::optional<std::pair<std::string, std::string>> FindNewest(
      const std::string& key_prefix) const;
  // Store (or replace) and write the file at once. Throws InvalidArgumentError naming the path
  // when the file cannot be written.
  void Put(const std::string& key, const std::string& refresh_token);
  void Remove(const std::string& key);

  const std::string& Path() const { return path_; }
  size_t Size() const;

 private:
  struct Entry {
    std::string refresh_token;
    long long updated_on = 0;  // seconds since the epoch
    long long sequence = 0;    // order of writes within a second
  };
  void Load();
  void Save() const;  // caller holds mutex_

  std::string path_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;
  long long next_sequence_ = 0;
};

}  // namespace azscsp::auth
