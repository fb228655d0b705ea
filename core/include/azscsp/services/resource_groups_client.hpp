// Resource groups and the subscription's locations (api.md §2 "Validate location", "Create RG").
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "azscsp/arm/arm_client.hpp"

namespace azscsp::services {

struct ResourceGroup {
  std::string id, name, location, provisioning_state;
};

struct CreateResourceGroupResult {
  ResourceGroup group;
  bool created = false;  // 201; 200 means it existed
};

class ResourceGroupsClient {
 public:
  explicit ResourceGroupsClient(std::shared_ptr<const arm::ArmClient> arm) : arm_(std::move(arm)) {}

  // nullopt when the group does not exist (404).
  std::optional<ResourceGroup> Get(const std::string& subscription_id, const std::string& name,
                                   const util::Context& context) const;
  CreateResourceGroupResult CreateOrUpdate(const std::string& subscription_id,
                                           const std::string& name, const std::string& location,
                                           const util::Context& context) const;

 private:
  std::shared_ptr<const arm::ArmClient> arm_;
};

struct Location {
  std::string name;          // "westcentralus"
  std::string display_name;  // "West Central US"
};

class LocationsClient {
 public:
  explicit LocationsClient(std::shared_ptr<const arm::ArmClient> arm) : arm_(std::move(arm)) {}

  std::vector<Location> List(const std::string& subscription_id,
                             const util::Context& context) const;

 private:
  std::shared_ptr<const arm::ArmClient> arm_;
};

// The location among `locations` that `wanted` names (by name or display name, any case, spaces
// ignored), or nullopt.
std::optional<Location> FindLocation(const std::vector<Location>& locations,
                                     const std::string& wanted);

}  // namespace azscsp::services
