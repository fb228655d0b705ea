// Handlers of the operations table, grouped in files by area (operations_*.cpp); each has the
// Handler signature. operations.cpp lists them by name.
#pragma once

#include "operation.hpp"

namespace azscsp::shim::_detail {

#define AZSCSP_SHIM_HANDLER(name)                                                        \
  void name(ClientState& client, const boost::json::object& arguments, const Emit& emit, \
            const util::Context& context)

// operations_registration.cpp
AZSCSP_SHIM_HANDLER(RegisterRegistration);
AZSCSP_SHIM_HANDLER(PutRegistration);
AZSCSP_SHIM_HANDLER(DeleteRegistration);
AZSCSP_SHIM_HANDLER(UnregisterRegistration);
AZSCSP_SHIM_HANDLER(GetActivationKey);
AZSCSP_SHIM_HANDLER(DecodeRegistrationToken);

// operations_authorization.cpp
AZSCSP_SHIM_HANDLER(ListLocks);
AZSCSP_SHIM_HANDLER(PutLock);
AZSCSP_SHIM_HANDLER(DeleteLock);
AZSCSP_SHIM_HANDLER(ListRoleAssignments);
AZSCSP_SHIM_HANDLER(EnsureRoleAssignment);

// operations_csp.cpp
AZSCSP_SHIM_HANDLER(ResolveTenant);
AZSCSP_SHIM_HANDLER(RunCspPreflight);
AZSCSP_SHIM_HANDLER(GetRefreshToken);

// operations_directory.cpp
AZSCSP_SHIM_HANDLER(GetDefaultProviderSubscription);
AZSCSP_SHIM_HANDLER(ListDirectoryTenants);
AZSCSP_SHIM_HANDLER(GetDirectoryTenant);
AZSCSP_SHIM_HANDLER(RegisterDirectoryTenant);
AZSCSP_SHIM_HANDLER(DeleteDirectoryTenant);
AZSCSP_SHIM_HANDLER(GetIdentityHealthReport);

// operations_graph.cpp
AZSCSP_SHIM_HANDLER(ListStampApplications);
AZSCSP_SHIM_HANDLER(InstallDirectory);
AZSCSP_SHIM_HANDLER(UninstallDirectory);
AZSCSP_SHIM_HANDLER(GrantGuestOwner);
AZSCSP_SHIM_HANDLER(ListGuestOwners);

// operations_usage.cpp
AZSCSP_SHIM_HANDLER(ListSubscriberUsage);
AZSCSP_SHIM_HANDLER(ListTenantUsage);
AZSCSP_SHIM_HANDLER(ComputeChargeback);

// operations_partner_center.cpp
AZSCSP_SHIM_HANDLER(ConnectPartnerCenter);
AZSCSP_SHIM_HANDLER(ListPartnerCustomers);
AZSCSP_SHIM_HANDLER(GetPartnerCustomer);
AZSCSP_SHIM_HANDLER(CheckPartnerDomain);
AZSCSP_SHIM_HANDLER(ValidatePartnerAddress);
AZSCSP_SHIM_HANDLER(CreatePartnerCustomer);
AZSCSP_SHIM_HANDLER(DeletePartnerCustomer);
AZSCSP_SHIM_HANDLER(ListPartnerAgreements);
AZSCSP_SHIM_HANDLER(EnsurePartnerAgreement);
AZSCSP_SHIM_HANDLER(GetAzurePlanOffer);

// operations_partner_center_subscriptions.cpp
AZSCSP_SHIM_HANDLER(PurchaseAzurePlan);
AZSCSP_SHIM_HANDLER(ListPartnerSubscriptions);
AZSCSP_SHIM_HANDLER(GetPartnerSubscription);
AZSCSP_SHIM_HANDLER(SetPartnerSubscriptionStatus);
AZSCSP_SHIM_HANDLER(ListAzureEntitlements);
AZSCSP_SHIM_HANDLER(CancelAzureEntitlement);
AZSCSP_SHIM_HANDLER(ListPartnerAzureSubscriptions);

// operations_partner_center_onboarding.cpp
AZSCSP_SHIM_HANDLER(OnboardPartnerCustomer);

#undef AZSCSP_SHIM_HANDLER

}  // namespace azscsp::shim::_detail
