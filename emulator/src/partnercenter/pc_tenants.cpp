#include "partnercenter/pc_tenants.hpp"

#include "util/ids.hpp"
#include "util/strings.hpp"

namespace azscsp::emulator {
namespace {

constexpr char kGraphAppId[] = "00000003-0000-0000-c000-000000000000";
constexpr char kAzurePowerShellAppId[] = "1950a258-227b-4e31-a9cf-717495945fc2";

// 16 characters from a fresh GUID, with an upper-case letter, a digit and a symbol.
std::string RandomPassword() {
  std::string hex;
  for (char c : NewGuid()) {
    if (c != '-') hex += c;
  }
  std::string password = "Pc";
  for (size_t i = 0; i < 12; ++i) {
    char c = hex[i];
    password += (i % 3 == 0 && c >= 'a' && c <= 'f') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return password + "!9";
}

}  // namespace

std::string ProvisionCustomerTenant(World& world, const std::string& tenant_id,
                                    const std::string& domain, const std::string& company_name) {
  world.tenants.push_back({tenant_id, domain, company_name, ""});
  // Every directory has these first-party service principals; copy the home directory's.
  const std::string home = world.HomeTenantId();
  for (const char* app_id : {kGraphAppId, kAzurePowerShellAppId}) {
    const ServicePrincipal* model = world.FindServicePrincipal(home, app_id);
    if (!model) continue;
    ServicePrincipal sp = *model;
    sp.tenant_id = tenant_id;
    sp.object_id = DeterministicGuid("sp:" + ToLower(tenant_id) + ":" + app_id);
    sp.secrets.clear();
    sp.certificates.clear();
    sp.visible_from_ms = 0;
    sp.graph_visible_from_ms = 0;
    world.service_principals.push_back(std::move(sp));
  }
  User admin;
  admin.user_principal_name = "admin@" + domain;
  admin.display_name = company_name + " Admin";
  admin.password = RandomPassword();
  admin.object_id = NewGuid();
  admin.tenant_id = tenant_id;
  admin.mail = admin.user_principal_name;
  admin.directory_roles = {"Global Administrator"};
  world.users.push_back(admin);
  return admin.password;
}

}  // namespace azscsp::emulator
