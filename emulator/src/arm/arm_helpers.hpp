// Helpers shared by the ARM handlers: request bodies, paging and resource ids.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string>
#include <variant>

#include "arm/arm_call.hpp"

namespace azscsp::emulator {

// The JSON object body; an empty body counts as {}. 400 InvalidRequestContent otherwise.
std::variant<boost::json::object, HttpResponse> ParseObjectBody(const HttpRequest& request);

// One page of `items` ({"value":[...], "nextLink":...}) for the page size and $skipToken of the
// call; nextLink is absolute and carries api-version and $skipToken. 400 InvalidSkipToken.
std::variant<boost::json::object, HttpResponse> Page(const ArmCall& call,
                                                     const boost::json::array& items);

// The registration named by the first three path captures (subscription, resource group, name),
// for routes under it (locks, role assignments, permissions); 404 ResourceNotFound when absent.
std::variant<Registration*, HttpResponse> ParentRegistration(ArmCall& call);

// "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.AzureStack/registrations/{name}"
std::string RegistrationId(const Registration& registration);

// String member of an object, or "" (keys compared case-insensitively).
std::string StringMember(const boost::json::object& object, std::string_view key);
const boost::json::value* Member(const boost::json::object& object, std::string_view key);

}  // namespace azscsp::emulator
