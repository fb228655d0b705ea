# PepStandIn.psm1 - a local stand-in for the Azure Stack Hub privileged endpoint (PEP), for the Pester
# suite. It defines the PEP commands that the AzsCsp registration cmdlets call, by name and parameter
# names, and is loaded into a Runspace that the tests pass as -PrivilegedEndpointSession.
# The bridge service principal is created in azscsp-emulator (POST /_emulator/servicePrincipals).
# Every call is recorded (Get-PepStandInCall); Set-PepStandInFault makes a command fail once (or N times).
Set-StrictMode -Version 3.0

$script:Config = @{
    Emulator     = $null
    CloudId      = 'c902d338-1d28-4c50-8283-1fdf0b326df6'
    StampVersion = '1.2311.0.25'
    AadTenantId  = '530c1840-90ce-4fab-b0f9-3be7428f67ec'
}
$script:Calls = [System.Collections.Generic.List[object]]::new()
$script:Faults = @{}
$script:Activation = $null
$script:LastRefreshToken = $null

function Set-PepStandInConfiguration {
    [CmdletBinding()]
    param([object] $Emulator, [string] $CloudId, [string] $StampVersion, [string] $AadTenantId)

    foreach ($key in 'Emulator', 'CloudId', 'StampVersion', 'AadTenantId') {
        if ($PSBoundParameters.ContainsKey($key)) { $script:Config[$key] = $PSBoundParameters[$key] }
    }
}

function Set-PepStandInFault {
    <# Makes -Command fail the next -Count times. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Command, [int] $Count = 1, [string] $Message = 'Action plan execution failed. Error: Execution timeout (stand-in fault).')

    $script:Faults[$Command] = @{ Count = $Count; Message = $Message }
}

function Get-PepStandInCall {
    [CmdletBinding()]
    param([string] $Command)

    @($script:Calls | Where-Object { -not $Command -or $_.Command -eq $Command })
}

function Clear-PepStandInCall {
    [CmdletBinding()]
    param()
    $script:Calls.Clear()
    $script:Faults.Clear()
}

function Get-PepStandInLastRefreshToken {
    [CmdletBinding()]
    param()
    $script:LastRefreshToken
}

function Get-PepStandInActivation {
    [CmdletBinding()]
    param()
    $script:Activation
}

function Register-PepStandInCall {
    param([string] $Command, [System.Collections.IDictionary] $Parameters)

    $types = @{}
    foreach ($key in $Parameters.Keys) {
        $types[$key] = if ($null -eq $Parameters[$key]) { $null } else { $Parameters[$key].GetType().FullName }
    }
    $script:Calls.Add([pscustomobject]@{ Command = $Command; Parameters = @($Parameters.Keys); ParameterTypes = $types; Succeeded = $false })
    $fault = $script:Faults[$Command]
    if ($fault -and $fault.Count -gt 0) {
        $fault.Count--
        throw $fault.Message
    }
    $script:Calls[$script:Calls.Count - 1].Succeeded = $true
}

function Get-AzureStackStampInformation {
    [CmdletBinding()]
    param()
    Register-PepStandInCall -Command $MyInvocation.MyCommand.Name -Parameters $PSBoundParameters
    [pscustomobject]@{
        CloudID             = $script:Config.CloudId
        DeploymentID        = $script:Config.CloudId
        StampVersion        = $script:Config.StampVersion
        AADTenantID         = $script:Config.AadTenantId
        ExternalDomainFQDN  = 'azurestack.local'
        RegionName          = 'local'
    }
}

function Set-RegistrationKeyPair {
    [CmdletBinding()]
    param()
    Register-PepStandInCall -Command $MyInvocation.MyCommand.Name -Parameters $PSBoundParameters
}

function New-RegistrationToken {
    [CmdletBinding()]
    param(
        [ValidateSet('Capacity', 'PayAsYouUse', 'Development', 'Custom', 'Ruggedized')] [string] $BillingModel = 'Development',
        [switch] $MarketplaceSyndicationEnabled,
        [switch] $UsageReportingEnabled,
        [string] $AgreementNumber,
        [string] $MsAssetTag,
        [string] $TokenVersion = '4.0'
    )
    Register-PepStandInCall -Command $MyInvocation.MyCommand.Name -Parameters $PSBoundParameters
    $token = [ordered]@{
        CloudId                       = $script:Config.CloudId
        BillingModel                  = $BillingModel
        UsageReportingEnabled         = [bool]$UsageReportingEnabled
        MarketplaceSyndicationEnabled = [bool]$MarketplaceSyndicationEnabled
        AgreementNumber               = [string]$AgreementNumber
        MsAssetTag                    = [string]$MsAssetTag
        IssueDate                     = [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ')
        TokenVersion                  = $TokenVersion
        StampVersion                  = $script:Config.StampVersion
    }
    [Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes((ConvertTo-Json -InputObject $token -Compress)))
}

function New-AzureBridgeServicePrincipal {
    [CmdletBinding()]
    param(
        # A string, as on the stamp (AzureStack-Tools passes [string] $RefreshToken).
        [Parameter(Mandatory)] [string] $RefreshToken,
        [string] $AzureEnvironment,
        [string] $TenantId,
        [int] $TimeoutInSeconds = 1800
    )
    Register-PepStandInCall -Command $MyInvocation.MyCommand.Name -Parameters $PSBoundParameters
    if ([string]::IsNullOrEmpty($RefreshToken)) { throw 'The refresh token is empty.' }
    # Kept in this test runspace only, so the suite can check that it leaks nowhere.
    $script:LastRefreshToken = $RefreshToken
    $emulator = $script:Config.Emulator
    if (-not $emulator) { throw 'The stand-in has no emulator configured (Set-PepStandInConfiguration -Emulator).' }
    $body = ConvertTo-Json -Compress -InputObject @{ displayName = ('AzureBridge-{0}' -f $script:Config.CloudId); tenantId = $(if ($TenantId) { $TenantId } else { $script:Config.AadTenantId }) }
    $result = [AzsCspTest.Http]::Send('POST', $emulator.baseUrl.TrimEnd('/') + '/_emulator/servicePrincipals', $body, 'application/json', $emulator.caCertificatePath)
    if ($result.Status -ge 400) { throw "Creating the service principal failed: HTTP $($result.Status) $($result.Body)" }
    $sp = ConvertFrom-Json -InputObject $result.Body
    [pscustomobject]@{ ObjectId = $sp.objectId; ApplicationId = $sp.appId; DisplayName = $sp.displayName }
}

function New-AzureStackActivation {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $ActivationKey, [int] $TimeoutInSeconds = 1800)
    Register-PepStandInCall -Command $MyInvocation.MyCommand.Name -Parameters $PSBoundParameters
    if ($ActivationKey.Split('.').Count -ne 3) { throw 'The activation key is malformed.' }
    $script:Activation = [pscustomobject]@{ ActivationKey = $ActivationKey; ActivatedOn = [DateTime]::UtcNow }
}

function Remove-AzureStackActivation {
    [CmdletBinding()]
    param()
    Register-PepStandInCall -Command $MyInvocation.MyCommand.Name -Parameters $PSBoundParameters
    $script:Activation = $null
}

function Get-AzureStackActivation {
    [CmdletBinding()]
    param()
    Register-PepStandInCall -Command $MyInvocation.MyCommand.Name -Parameters $PSBoundParameters
    $script:Activation
}

Export-ModuleMember -Function @(
    'Set-PepStandInConfiguration', 'Set-PepStandInFault', 'Get-PepStandInCall', 'Clear-PepStandInCall', 'Get-PepStandInActivation', 'Get-PepStandInLastRefreshToken'
    'Get-AzureStackStampInformation', 'Set-RegistrationKeyPair', 'New-RegistrationToken', 'New-AzureBridgeServicePrincipal'
    'New-AzureStackActivation', 'Remove-AzureStackActivation', 'Get-AzureStackActivation'
)
