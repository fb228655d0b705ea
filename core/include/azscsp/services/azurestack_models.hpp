// Typed Microsoft.AzureStack resources, read leniently from what the specs and the docs return.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>

namespace azscsp::services {

// Which registration: the parent of customerSubscriptions.
struct RegistrationRef {
  std::string subscription_id;
  std::string resource_group;
  std::string registration_name;
};

struct CustomerSubscriptionRef {
  RegistrationRef registration;
  std::string customer_subscription_id;
};

struct Registration {
  std::string id, name, type, location, etag;
  std::string subscription_id, resource_group;
  std::string cloud_id, object_id, billing_model;
  // Extra fields some services (the emulator) send; nullopt when absent (unknown).
  std::optional<bool> usage_reporting_enabled, marketplace_syndication_enabled;
  boost::json::object tags;
  boost::json::object properties;  // everything the service sent, for fields added later

  static Registration FromJson(const boost::json::value& json);
  boost::json::object ToJson() const;
};

// The answer of POST {registration}/getactivationkey.
struct ActivationKey {
  std::string activation_key;

  static ActivationKey FromJson(const boost::json::value& json);
};

// A JSON bool, or a "true"/"false" string in any case; nullopt otherwise.
std::optional<bool> ReadLenientBool(const boost::json::value* value);

struct CustomerSubscription {
  std::string id, name, type, etag;
  RegistrationRef registration;
  std::string customer_subscription_id;  // last segment of id, never taken from name (api.md §11)
  std::string tenant_id;
  boost::json::value system_data;  // 2020-06-01-preview only

  // `fallback` fills what an incomplete answer lacks (the Put example has "id": "").
  static CustomerSubscription FromJson(const boost::json::value& json,
                                       const CustomerSubscriptionRef& fallback);
  boost::json::object ToJson() const;
};

}  // namespace azscsp::services
