// ARM resource IDs: parsed and built with validation. Provider namespaces, resource types and the
// "resourceGroups" segment compare case-insensitively; names keep their case.
#pragma once

#include <string>
#include <vector>

namespace azscsp::arm {

struct ResourceType {
  std::string type;  // e.g. "registrations"
  std::string name;  // e.g. "myreg"
};

class ResourceId {
 public:
  // Parses
  // "[/]subscriptions/{guid}/resourceGroups/{rg}[/providers/{namespace}/{type}/{name}[/{type}/{name}]*]"
  // and the collection form ending in a type with no name. Throws InvalidArgumentError naming the
  // ID and the faulty segment.
  static ResourceId Parse(const std::string& text);

  const std::string& SubscriptionId() const { return subscription_id_; }
  const std::string& ResourceGroup() const { return resource_group_; }
  const std::string& ProviderNamespace() const { return namespace_; }
  // Type/name pairs after the namespace; the last may have an empty name (a collection).
  const std::vector<ResourceType>& Types() const { return types_; }
  bool IsCollection() const { return !types_.empty() && types_.back().name.empty(); }

  // Canonical form with a leading '/', "resourceGroups", and the namespace as given.
  std::string ToString() const;

 private:
  std::string subscription_id_;
  std::string resource_group_;
  std::string namespace_;
  std::vector<ResourceType> types_;
};

// Validation shared by parameters and IDs; each throws InvalidArgumentError naming `argument`,
// the value and what is expected.
void ValidateSubscriptionId(const std::string& value, const char* argument);
void ValidateResourceGroupName(const std::string& value, const char* argument);
void ValidateResourceName(const std::string& value, const char* argument);

// A scope for extension resources (locks, role assignments, permissions): a subscription, a
// resource group or a resource ID, leading '/' optional. Returns the path to append to the ARM
// URL: leading '/', no trailing '/', each segment percent-encoded. Throws InvalidArgumentError
// naming `argument` unless it starts with subscriptions/{guid} and has no empty segment or query.
std::string ScopePath(const std::string& scope, const char* argument);
// The subscription GUID of a scope accepted by ScopePath.
std::string SubscriptionOfScope(const std::string& scope);

}  // namespace azscsp::arm
