// JSON views of Partner Center resources (camelCase, enums lower snake case, attributes).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string>

#include "state/model.hpp"

namespace azscsp::emulator {

boost::json::object Attributes(const char* object_type);
boost::json::object Link(const std::string& uri, const char* method = "GET");
// {"totalCount","items","links":{"self"},"attributes":{"objectType":"Collection"}}.
boost::json::object Collection(boost::json::array items, const std::string& self_uri);

boost::json::object CustomerListItem(const PcCustomer& customer);
boost::json::object CustomerJson(const PcCustomer& customer);
boost::json::object SubscriptionJson(const PcCustomer& customer, const PcSubscription& s);
boost::json::object EntitlementJson(const PcCustomer& customer, const PcSubscription& plan,
                                    const PcEntitlement& e);
boost::json::object OrderJson(const PcCustomer& customer, const PcOrder& order);
boost::json::object CartJson(const PcCustomer& customer, const PcCart& cart);
boost::json::object AgreementJson(const PcCustomer& customer, const PcAgreement& a);

}  // namespace azscsp::emulator
