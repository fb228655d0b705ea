// Reading operation arguments: camelCase JSON, with errors that name the argument.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "azscsp/services/azurestack_models.hpp"

namespace azscsp::shim {

std::optional<std::string> OptionalString(const boost::json::object& arguments, const char* name);
std::string RequiredString(const boost::json::object& arguments, const char* name);
std::optional<bool> OptionalBool(const boost::json::object& arguments, const char* name);
// An array of strings (a single string counts as one).
std::vector<std::string> OptionalStringList(const boost::json::object& arguments, const char* name);
// "apiVersion", or the Microsoft.AzureStack default.
std::string ApiVersion(const boost::json::object& arguments);

// From "resourceId" (the documented New-AzResource ID, leading '/' optional) or from
// subscriptionId/resourceGroupName/registrationName[/customerSubscriptionId].
services::RegistrationRef RegistrationFrom(const boost::json::object& arguments);
// `need_item`: the ID must name one mapping (not the collection).
services::CustomerSubscriptionRef CustomerSubscriptionFrom(const boost::json::object& arguments,
                                                           bool need_item);

}  // namespace azscsp::shim
