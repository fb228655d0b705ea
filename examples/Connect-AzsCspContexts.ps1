#Requires -Version 7.2
<#
.SYNOPSIS
Signs in to the three places a CSP operator works with in one script: global Azure (the
registration), the stamp's admin Resource Manager, and a customer directory.

.DESCRIPTION
Shows the sign-in methods of Connect-AzsCspAccount side by side, each in its own named context:
* 'registration': a service principal with a certificate in global Azure (where the Azure Stack Hub
  registration and the CSP customer subscription mappings live);
* 'stamp': the operator, with a device code, on the stamp's admin Resource Manager endpoint, stored
  once with Add-AzsCspEnvironment (AD FS stamps: pass -Tenant adfs);
* 'customer': a customer directory, with a refresh token.
Then it lists the contexts and maps a customer subscription with the 'registration' context.

.EXAMPLE
./Connect-AzsCspContexts.ps1 -StampAdminEndpoint https://adminmanagement.local.azurestack.external/ -HomeTenant contosocsp.onmicrosoft.com -ApplicationId $appId -CertificatePath ./automation.pem -RegistrationSubscriptionId $sub -RegistrationName myreg -CustomerSubscriptionId $customer
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [uri] $StampAdminEndpoint,
    [Parameter(Mandatory)] [string] $HomeTenant,
    [Parameter(Mandatory)] [string] $ApplicationId,
    [Parameter(Mandatory)] [string] $CertificatePath,
    [Parameter(Mandatory)] [string] $RegistrationSubscriptionId,
    [Parameter(Mandatory)] [string] $RegistrationName,
    [Parameter(Mandatory)] [string] $CustomerSubscriptionId,
    [string] $CustomerTenant,
    [securestring] $CustomerRefreshToken
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../module/AzsCsp/AzsCsp.psd1')

# 1. Global Azure: a service principal with a certificate (PEM with key, or PFX + -CertificatePassword).
Connect-AzsCspAccount -ServicePrincipal -ApplicationId $ApplicationId -CertificatePath $CertificatePath -Tenant $HomeTenant -ContextName registration -Force | Out-Null

# 2. The stamp's admin Resource Manager: stored once, then named; login endpoint and audience come from
#    its /metadata/endpoints. The device code instructions are shown (information stream).
if (-not (Get-AzsCspEnvironment -Name AzureStackAdmin -ErrorAction SilentlyContinue)) {
    Add-AzsCspEnvironment -Name AzureStackAdmin -ResourceManagerEndpoint $StampAdminEndpoint | Out-Null
}
Connect-AzsCspAccount -Environment AzureStackAdmin -UseDeviceAuthentication -Tenant $HomeTenant -ContextName stamp -Force | Out-Null

# 3. A customer directory, with a refresh token (optional).
if ($CustomerTenant -and $CustomerRefreshToken) {
    Connect-AzsCspAccount -RefreshToken $CustomerRefreshToken -Tenant $CustomerTenant -ContextName customer -Force | Out-Null
}

Get-AzsCspContext -ListAvailable | Format-Table

# The mapping is made in global Azure, whatever the default context is.
New-AzsCustomerSubscription -Context registration -RegistrationSubscriptionId $RegistrationSubscriptionId -RegistrationName $RegistrationName -CustomerSubscriptionId $CustomerSubscriptionId
