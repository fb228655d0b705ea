// The identity side of a new Partner Center customer: its Entra tenant, a Graph directory like
// the fixture ones (Microsoft Graph and Azure PowerShell service principals) and its admin user.
#pragma once

#include <string>

#include "state/model.hpp"

namespace azscsp::emulator {

// Adds the tenant, its directory and admin@{domain} (Global Administrator) with a random
// password; returns that password.
std::string ProvisionCustomerTenant(World& world, const std::string& tenant_id,
                                    const std::string& domain, const std::string& company_name);

}  // namespace azscsp::emulator
