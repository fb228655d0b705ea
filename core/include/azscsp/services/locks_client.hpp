// Microsoft.Authorization/locks at a scope (api-version 2020-05-01; api.md §2). The registration
// carries a CanNotDelete "RegistrationResourceLock" that must go before it can be deleted.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "azscsp/arm/arm_client.hpp"

namespace azscsp::services {

constexpr const char* kLocksApiVersion = "2020-05-01";
constexpr const char* kRegistrationLockName = "RegistrationResourceLock";

struct ManagementLock {
  std::string id, name, level, notes;

  static ManagementLock FromJson(const boost::json::value& json);
  boost::json::object ToJson() const;
};

struct DeleteLockResult {
  std::string id;
  std::optional<bool> existed;  // true: 200; nullopt: 204 (nothing to say)
};

class LocksClient {
 public:
  explicit LocksClient(std::shared_ptr<const arm::ArmClient> arm) : arm_(std::move(arm)) {}

  // `scope`: see arm::ScopePath.
  std::vector<ManagementLock> List(const std::string& scope, const util::Context& context) const;
  // nullopt when there is no such lock (404 LockNotFound).
  std::optional<ManagementLock> Get(const std::string& scope, const std::string& name,
                                    const util::Context& context) const;
  // `level`: CanNotDelete or ReadOnly (any case; sent as ARM spells it).
  ManagementLock Put(const std::string& scope, const std::string& name, const std::string& level,
                     const std::string& notes, const util::Context& context) const;
  DeleteLockResult Delete(const std::string& scope, const std::string& name,
                          const util::Context& context) const;

 private:
  std::shared_ptr<const arm::ArmClient> arm_;
};

// The notes AzureStack-Tools puts on the registration's lock.
std::string RegistrationLockNotes(const std::string& registration_name);

}  // namespace azscsp::services
