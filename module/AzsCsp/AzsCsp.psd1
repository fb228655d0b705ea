@{
    RootModule           = 'AzsCsp.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = 'a3c9b1c3-28b4-42a9-b83a-bd25087e27a9'
    Author               = 'AzsCsp contributors'
    CompanyName          = 'AzsCsp'
    Copyright            = '(c) AzsCsp contributors. All rights reserved.'
    Description          = 'Map Cloud Solution Provider (CSP) customer subscriptions onto an Azure Stack Hub registration (Microsoft.AzureStack/registrations/customerSubscriptions) so usage is billed to the customer. Cross-platform, no Az module dependency: a native core does sign-in, TLS, retries and paging.'
    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '7.2'

    # No RequiredModules: AzsCsp does not depend on Az.Accounts, Az.Resources or AzureRM.
    FormatsToProcess     = @('AzsCsp.Format.ps1xml')

    FunctionsToExport    = @(
        'Connect-AzsCspAccount'
        'Disconnect-AzsCspAccount'
        'Get-AzsCspContext'
        'Add-AzsCspEnvironment'
        'Get-AzsCspEnvironment'
        'Remove-AzsCspEnvironment'
        'Get-AzsRegistration'
        'New-AzsCustomerSubscription'
        'Get-AzsCustomerSubscription'
        'Remove-AzsCustomerSubscription'
        'Test-AzsCspRegistration'
        'Register-AzsEnvironment'
        'Unregister-AzsEnvironment'
        'Get-AzsActivationKey'
        'Get-AzsRegistrationToken'
        'Set-AzsRegistration'
        'Remove-AzsRegistration'
        'ConvertFrom-AzsRegistrationToken'
        'New-AzsActivationResource'
        'Remove-AzsActivationResource'
        'Register-AzsGuestDirectoryTenant'
        'Unregister-AzsGuestDirectoryTenant'
        'Get-AzsDirectoryTenant'
        'Register-AzsWithMyDirectoryTenant'
        'Unregister-AzsWithMyDirectoryTenant'
        'Update-AzsHomeDirectoryTenant'
        'Get-AzsHealthReport'
        'Get-AzsDirectoryTenantIdentifier'
        'Grant-AzsCspGuestOwner'
        'Get-AzsCspGuestOwner'
        'Get-AzsSubscriberUsage'
        'Get-AzsTenantUsage'
        'Get-AzsCspChargeback'
        'Connect-AzsCspPartnerCenter'
        'Test-AzsCspPartnerDomainAvailability'
        'Test-AzsCspPartnerAddress'
        'Get-AzsCspPartnerCustomer'
        'New-AzsCspPartnerCustomer'
        'Remove-AzsCspPartnerCustomer'
        'Get-AzsCspPartnerCustomerAgreement'
        'New-AzsCspPartnerCustomerAgreement'
        'Get-AzsCspPartnerAzurePlanOffer'
        'New-AzsCspPartnerAzurePlan'
        'Get-AzsCspPartnerCustomerAzurePlanEntitlement'
        'Remove-AzsCspPartnerAzureEntitlement'
        'Get-AzsCspPartnerAzureSubscription'
        'Get-AzsCspPartnerCustomerSubscription'
        'Set-AzsCspPartnerCustomerSubscription'
        'Suspend-AzsCspPartnerCustomerSubscription'
        'Resume-AzsCspPartnerCustomerSubscription'
        'Remove-AzsCspPartnerCustomerSubscription'
        'Register-AzsCspCustomer'
    )
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @()

    PrivateData          = @{
        PSData = @{
            Tags         = @('AzureStack', 'AzureStackHub', 'CSP', 'CloudSolutionProvider', 'Billing', 'Registration', 'MultiTenancy', 'Usage', 'Chargeback', 'PartnerCenter', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ReleaseNotes = 'Sign-in with client secret, certificate (PEM, PFX, Windows certificate store), device code, refresh token, user name and password (-AutomationCredential), access token and AZURE_* variables; AD FS stamps; stored custom environments (Add/Get/Remove-AzsCspEnvironment); opt-in persistent token cache. Registrations, CSP customer subscription mapping (single and bulk) with pre-flight checks (Test-AzsCspRegistration) and -CustomerDomain; registration lifecycle: Register-/Unregister-AzsEnvironment, Get-AzsActivationKey, and on the privileged endpoint Get-AzsRegistrationToken, resumable Set-AzsRegistration, Remove-AzsRegistration. Disconnected registration: ConvertFrom-AzsRegistrationToken (what a token says, including the usage-reporting and syndication flags the registration resource does not carry; decoded locally), New-AzsActivationResource and Remove-AzsActivationResource (privileged endpoint only, no Azure call). Multi-tenancy with the documented commands on Microsoft Graph v1.0 (not the retired Azure AD Graph), each signing in by itself (-AutomationCredential or device code, or an existing context): Register-AzsGuestDirectoryTenant (many guests in one batch with progress, one result each, idempotent), Unregister-AzsGuestDirectoryTenant (confirms naming the guest directory), Get-AzsDirectoryTenant, Register-/Unregister-AzsWithMyDirectoryTenant and Update-AzsHomeDirectoryTenant (report what each application needed; re-run after a stamp update adds only what is missing), Get-AzsHealthReport, Get-AzsDirectoryTenantIdentifier; Grant-AzsCspGuestOwner and Get-AzsCspGuestOwner (the CSP as guest Owner of a customer subscription). Usage and chargeback: Get-AzsSubscriberUsage and Get-AzsTenantUsage (every page, streamed typed rows with InstanceData parsed, meter names and units from an extendable catalogue, time rules checked before sending, the continuation token in the error to resume), Get-AzsCspChargeback (per customer and meter, joined with the stamp subscriptions and directories and the registration CSP mappings, unmapped usage flagged, deleted subscriptions included, priced from a CSV price sheet, aggregated in the native core with flat memory; -OutFile CSV or JSON written atomically). Partner Center: Connect-AzsCspPartnerCenter (app+user or app-only, on the shared sign-in code), customers (list every page, get, create with domain and address checks, sandbox delete), the Microsoft Customer Agreement, the Azure plan (catalog, cart and checkout, its Azure subscriptions, cancel one), legacy MS-AZR-0145P subscriptions, subscription status changes (suspend, reactivate, cancel) with errors explained, and Register-AzsCspCustomer, the one-command onboarding of a CSP customer (customer, agreement, plan, Azure subscription, registration mapping, guest directory, guest Owner) that re-runs without doing anything twice. No console writes, no log files in the module folder.'
        }
    }
}
