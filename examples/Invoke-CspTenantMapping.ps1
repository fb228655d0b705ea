#Requires -Version 7.2
<#
.SYNOPSIS
Walks the documented CSP tenant-mapping flow with AzsCsp: sign in, check the registration, map
customers one by one and from a CSV file, list, remove one, list again.

.DESCRIPTION
The same script runs against real Azure (pass your values) and against azscsp-emulator (pass
-EmulatorInfo <data dir>/emulator.json, which fills in the endpoints, the CA certificate and the ids
and test secret of the emulator's default fixtures).

Steps (Azure Stack Hub operator docs, "Add tenant for usage and billing to Azure Stack Hub"):
  1. Sign in as the service principal that can write the registration (Connect-AzsCspAccount).
  2. Show the registration and run the CSP pre-flight: registration found, billing model
     PayAsYouUse, caller may write it, multi-tenant billing approved (Get-AzsRegistration,
     Test-AzsCspRegistration). New-AzsCustomerSubscription repeats the cheap checks itself.
  3. Map three customer subscriptions one by one (New-AzsCustomerSubscription).
  4. Map a batch from a CSV file with the columns CustomerSubscriptionId and TenantId.
  5. List the mappings (Get-AzsCustomerSubscription).
  6. Remove one mapping (Remove-AzsCustomerSubscription).
  7. List again.
  Partner Center (issue 7), unless -SkipPartnerCenter:
  8. Sign in to Partner Center as a user (app+user: the customer agreement needs it).
  9. Onboard a new customer in one command (Register-AzsCspCustomer): create it, confirm the
     Microsoft Customer Agreement, buy the Azure plan, map its Azure subscription on the registration.
 10. Run the same command again: every step is already done, nothing is written.

.PARAMETER EmulatorInfo
Path of the emulator.json that azscsp-emulator writes into its data directory. Fills in every value
that is not given explicitly.

.PARAMETER Environment
AzureCloud (default), AzureChinaCloud, AzureUSGovernment, or a custom cloud name with -ResourceManagerEndpoint.

.PARAMETER ResourceManagerEndpoint
Resource Manager endpoint of a custom cloud.

.PARAMETER Tenant
Directory (tenant) ID or domain of the service principal.

.PARAMETER ApplicationId
Application (client) ID of the service principal (with -ClientSecret).

.PARAMETER ClientSecret
Client secret of the service principal, as a SecureString. Asked for when missing and the session is interactive.

.PARAMETER Credential
The service principal as a PSCredential (user name = application ID, password = secret), instead of
-ApplicationId and -ClientSecret.

.PARAMETER CaCertificatePath
PEM file of a private certificate authority to trust.

.PARAMETER RegistrationSubscriptionId
The Azure subscription used to register the Azure Stack Hub.

.PARAMETER ResourceGroupName
The resource group of the registration. Default: azurestack.

.PARAMETER RegistrationName
The registration name, usually azurestack-<CloudID>.

.PARAMETER CustomerSubscriptionId
The customer subscriptions to map one by one (three in the demo).

.PARAMETER CustomerTenantId
The tenants of -CustomerSubscriptionId, in the same order (optional: the service fills them in).

.PARAMETER CustomerCsvPath
CSV file with the columns CustomerSubscriptionId and TenantId, mapped in one batch. Default: customers.csv next to this script.

.PARAMETER PartnerCenterCredential
A Partner Center user (user name and password; app+user) for steps 8-10. Without it (and without
-EmulatorInfo) the sign-in uses a device code.

.PARAMETER PartnerCenterEndpoint
The Partner Center API of a custom cloud (the emulator's partnerCenterUrl). Built-in clouds know theirs.

.PARAMETER NewCustomerDomain
The domain prefix of the customer created in step 9. Default: tailwindtraders.

.PARAMETER SkipPartnerCenter
Skips steps 8-10.

.PARAMETER ModulePath
The AzsCsp module to import. Default: the module of this repository, or an installed AzsCsp.

.EXAMPLE
./examples/Invoke-CspTenantMapping.ps1 -EmulatorInfo /tmp/azscsp-emulator/emulator.json

Runs the demo against a running azscsp-emulator.

.EXAMPLE
$secret = Read-Host -AsSecureString 'Client secret'
./examples/Invoke-CspTenantMapping.ps1 -Tenant contoso.onmicrosoft.com -ApplicationId $appId -ClientSecret $secret `
    -RegistrationSubscriptionId $registrationSubscriptionId -RegistrationName azurestack-$cloudId `
    -CustomerSubscriptionId $sub1, $sub2, $sub3 -CustomerCsvPath ./my-customers.csv

Runs the same flow against global Azure.
#>
[CmdletBinding()]
param(
    [string] $EmulatorInfo,
    [string] $Environment,
    [uri] $ResourceManagerEndpoint,
    [string] $Tenant,
    [string] $ApplicationId,
    [securestring] $ClientSecret,
    [pscredential] $Credential,
    [string] $CaCertificatePath,
    [string] $RegistrationSubscriptionId,
    [string] $ResourceGroupName = 'azurestack',
    [string] $RegistrationName,
    [string[]] $CustomerSubscriptionId,
    [string[]] $CustomerTenantId,
    [string] $CustomerCsvPath = (Join-Path $PSScriptRoot 'customers.csv'),
    [pscredential] $PartnerCenterCredential,
    [uri] $PartnerCenterEndpoint,
    [string] $NewCustomerDomain = 'tailwindtraders',
    [switch] $SkipPartnerCenter,
    [string] $ModulePath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

function Write-Step([string] $Text) {
    Write-Host ''
    Write-Host "== $Text ==" -ForegroundColor Cyan
}

# --- Defaults from the emulator -------------------------------------------------------------------
if ($EmulatorInfo) {
    $info = Get-Content -LiteralPath $EmulatorInfo -Raw | ConvertFrom-Json
    # The emulator's default fixtures (emulator/fixtures/default.json): test values known to everyone.
    if (-not $Environment) { $Environment = 'AzsCspEmulator' }
    if (-not $ResourceManagerEndpoint) { $ResourceManagerEndpoint = $info.resourceManagerUrl }
    if (-not $CaCertificatePath) { $CaCertificatePath = $info.caCertificatePath }
    if (-not $Tenant) { $Tenant = '530c1840-90ce-4fab-b0f9-3be7428f67ec' }
    if (-not $Credential -and -not $ApplicationId) {
        $ApplicationId = '5a0bec8c-2de1-4669-be79-dc35df07444b'
        $ClientSecret = ConvertTo-SecureString -String 'emulator-owner-secret' -AsPlainText -Force
    }
    if (-not $RegistrationSubscriptionId) { $RegistrationSubscriptionId = '414f12af-d3bb-44fd-a278-d0aff47d869b' }
    if (-not $RegistrationName) { $RegistrationName = 'myreg' }
    if (-not $PartnerCenterEndpoint -and $info.PSObject.Properties['partnerCenterUrl'] -and $info.partnerCenterUrl) { $PartnerCenterEndpoint = $info.partnerCenterUrl }
    if (-not $PartnerCenterCredential) {
        # The emulator's partner operator (a user: app+user sign-in).
        $PartnerCenterCredential = [pscredential]::new('operator@contosocsp.onmicrosoft.com', (ConvertTo-SecureString -String 'emulator-operator-password' -AsPlainText -Force))
    }
    if (-not $PartnerCenterEndpoint) { $SkipPartnerCenter = $true }
    if (-not $CustomerSubscriptionId) {
        # Fabrikam, Adatum and Northwind: CSP subscriptions of the partner.
        $CustomerSubscriptionId = 'fd6f3b4e-ca7e-4807-8b42-cb4ec0d55f3c', '7d7b7c70-8909-4c01-a082-0e2106b4a48b', '8e06e68b-f5b3-4420-a4f1-2e6a4f5a2ce8'
        $CustomerTenantId = 'e40189a3-e640-46a3-b8ff-16b642010b0d', 'f5a12742-f96c-4f7a-9a01-f2ad9beb4efc', 'dccc98f3-4196-4752-8115-902216d99374'
    }
}
if (-not $Environment) { $Environment = 'AzureCloud' }

$missing = @()
if (-not $Tenant) { $missing += '-Tenant' }
if (-not $Credential -and -not $ApplicationId) { $missing += '-Credential (or -ApplicationId and -ClientSecret)' }
if (-not $RegistrationSubscriptionId) { $missing += '-RegistrationSubscriptionId' }
if (-not $RegistrationName) { $missing += '-RegistrationName' }
if (-not $CustomerSubscriptionId) { $missing += '-CustomerSubscriptionId' }
if ($missing) {
    throw "Missing: $($missing -join ', '). Pass them, or -EmulatorInfo <emulator.json> to use azscsp-emulator."
}
if (-not $Credential) {
    if (-not $ClientSecret) {
        $ClientSecret = Read-Host -AsSecureString -Prompt "Client secret of application $ApplicationId"
    }
    $Credential = [pscredential]::new($ApplicationId, $ClientSecret)
}

# --- Module ---------------------------------------------------------------------------------------
if (-not $ModulePath) {
    $repositoryModule = Join-Path $PSScriptRoot '../module/AzsCsp/AzsCsp.psd1'
    $ModulePath = if (Test-Path -LiteralPath $repositoryModule) { $repositoryModule } else { 'AzsCsp' }
}
Import-Module $ModulePath

$registration = @{
    RegistrationSubscriptionId = $RegistrationSubscriptionId
    ResourceGroupName          = $ResourceGroupName
    RegistrationName           = $RegistrationName
}

try {
    # 1 ---------------------------------------------------------------------------------------------
    Write-Step '1. Sign in (service principal)'
    $connect = @{
        Environment      = $Environment
        ServicePrincipal = $true
        Credential       = $Credential
        Tenant           = $Tenant
    }
    if ($ResourceManagerEndpoint) { $connect.ResourceManagerEndpoint = $ResourceManagerEndpoint }
    if ($CaCertificatePath) { $connect.CaCertificatePath = $CaCertificatePath }
    $context = Connect-AzsCspAccount @connect
    $context | Format-Table Environment, Account, TenantId -AutoSize | Out-Host
    Write-Host "Context '$($context.Name)' at $($context.ResourceManagerUrl)"

    # 2 ---------------------------------------------------------------------------------------------
    Write-Step '2. The registration'
    $stamp = Get-AzsRegistration -SubscriptionId $RegistrationSubscriptionId -ResourceGroupName $ResourceGroupName -Name $RegistrationName
    $stamp | Format-Table Name, BillingModel, CloudId, ResourceGroupName -AutoSize | Out-Host
    $preflight = Test-AzsCspRegistration -SubscriptionId $RegistrationSubscriptionId -ResourceGroupName $ResourceGroupName -RegistrationName $RegistrationName
    $preflight.Checks | Format-Table Name, Status, Message -AutoSize -Wrap | Out-Host
    if (-not $preflight.Passed) {
        $preflight.Checks | Where-Object Status -EQ 'Failed' | ForEach-Object { Write-Warning "$($_.Name): $($_.RecommendedAction)" }
        throw "The CSP pre-flight failed for registration '$RegistrationName'; fix the failed checks above first."
    }

    # 3 ---------------------------------------------------------------------------------------------
    Write-Step '3. Map three customers, one by one'
    $single = for ($i = 0; $i -lt $CustomerSubscriptionId.Count; $i++) {
        $tenantId = if ($CustomerTenantId -and $i -lt $CustomerTenantId.Count) { $CustomerTenantId[$i] } else { $null }
        New-AzsCustomerSubscription @registration -CustomerSubscriptionId $CustomerSubscriptionId[$i] -TenantId $tenantId
    }
    $single | Format-Table CustomerSubscriptionId, TenantId -AutoSize | Out-Host

    # 4 ---------------------------------------------------------------------------------------------
    Write-Step "4. Map a batch from $(Split-Path -Leaf $CustomerCsvPath)"
    $rows = @(Import-Csv -LiteralPath $CustomerCsvPath)
    $batch = @($rows | New-AzsCustomerSubscription @registration -ErrorVariable batchErrors -ErrorAction Continue)
    $batch | Format-Table CustomerSubscriptionId, TenantId -AutoSize | Out-Host
    Write-Host ('{0} of {1} rows mapped.' -f $batch.Count, $rows.Count)
    if ($batchErrors) {
        $batchErrors | ForEach-Object {
            [pscustomobject]@{ Row = $_.TargetObject.CustomerSubscriptionId; ErrorId = $_.FullyQualifiedErrorId.Split(',')[0]; Next = $_.ErrorDetails.RecommendedAction }
        } | Format-Table -Wrap | Out-Host
    }

    # 5 ---------------------------------------------------------------------------------------------
    Write-Step '5. Mappings of the registration'
    $mappings = @(Get-AzsCustomerSubscription @registration)
    $mappings | Format-Table CustomerSubscriptionId, TenantId -AutoSize | Out-Host
    Write-Host "$($mappings.Count) customer subscription(s) mapped to '$RegistrationName'."

    # 6 ---------------------------------------------------------------------------------------------
    Write-Step '6. Remove one mapping'
    $removed = Remove-AzsCustomerSubscription @registration -CustomerSubscriptionId $CustomerSubscriptionId[0] -Force -PassThru
    $removed | Format-Table CustomerSubscriptionId, RegistrationName, Existed -AutoSize | Out-Host

    # 7 ---------------------------------------------------------------------------------------------
    Write-Step '7. Mappings after the removal'
    $mappings = @(Get-AzsCustomerSubscription @registration)
    $mappings | Format-Table CustomerSubscriptionId, TenantId -AutoSize | Out-Host
    Write-Host "$($mappings.Count) customer subscription(s) mapped to '$RegistrationName'."

    if (-not $SkipPartnerCenter) {
        # 8 -----------------------------------------------------------------------------------------
        Write-Step '8. Sign in to Partner Center (app+user)'
        $pcConnect = @{ Environment = $Environment; Tenant = $Tenant }
        if ($PartnerCenterCredential) { $pcConnect.Credential = $PartnerCenterCredential } else { $pcConnect.UseDeviceAuthentication = $true }
        if ($ResourceManagerEndpoint) { $pcConnect.ResourceManagerEndpoint = $ResourceManagerEndpoint }
        if ($PartnerCenterEndpoint) { $pcConnect.PartnerCenterEndpoint = $PartnerCenterEndpoint }
        if ($CaCertificatePath) { $pcConnect.CaCertificatePath = $CaCertificatePath }
        $partnerCenter = Connect-AzsCspPartnerCenter @pcConnect
        $partnerCenter | Format-Table Name, Account, AppOnly, PartnerCenterUrl -AutoSize | Out-Host
        Write-Host "Default context is still '$((Get-AzsCspContext).Name)'; $(@(Get-AzsCspPartnerCustomer).Count) Partner Center customers."

        # 9 -----------------------------------------------------------------------------------------
        Write-Step "9. Onboard the new customer $NewCustomerDomain in one command"
        $onboarding = @{
            Domain                   = $NewCustomerDomain
            Name                     = 'Tailwind Traders'
            BillingAddressLine1      = '1 Microsoft Way'
            BillingAddressCity       = 'Redmond'
            BillingAddressState      = 'WA'
            BillingAddressPostalCode = '98052'
            BillingAddressCountry    = 'US'
            ContactEmail             = "it@$NewCustomerDomain.com"
            ContactFirstName         = 'Tia'
            ContactLastName          = 'Wind'
        }
        $steps = @(Register-AzsCspCustomer @onboarding @registration)
        $steps | Format-Table Step, Status, Detail -AutoSize -Wrap | Out-Host
        $azureSubscription = ($steps | Where-Object Step -EQ 'AzureSubscription').AzureSubscriptionId
        Write-Host ("Onboarding: {0} steps, {1} failed; Azure subscription {2}." -f $steps.Count, @($steps | Where-Object Status -EQ 'Failed').Count, $azureSubscription)

        # 10 ----------------------------------------------------------------------------------------
        Write-Step '10. The same command again: nothing left to do'
        $again = @(Register-AzsCspCustomer @onboarding @registration)
        $again | Format-Table Step, Status, Detail -AutoSize -Wrap | Out-Host
        $pending = @($again | Where-Object { $_.Status -notin 'Found', 'AlreadyDone', 'Skipped' })
        Write-Host ("Re-run: {0} step(s) needed work." -f $pending.Count)
        $mappings = @(Get-AzsCustomerSubscription @registration)
        Write-Host "$($mappings.Count) customer subscription(s) mapped to '$RegistrationName' after onboarding."
    }
}
finally {
    Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
}
