# Input validation done before any request, so a malformed value never reaches the service.

$script:GuidPattern = '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$'
# ARM resource group names: 1-90 of letters, digits, '_', '-', '.', '(', ')'; not ending in '.'.
$script:ResourceGroupPattern = '^[-\w\._\(\)]{0,89}[-\w_\(\)]$'
$script:SupportedApiVersions = @('2017-06-01', '2020-06-01-preview', '2022-06-01')
$script:CustomerSubscriptionIdPattern = '^/?subscriptions/(?<sub>[^/]+)/resourceGroups/(?<rg>[^/]+)/providers/Microsoft\.AzureStack/registrations/(?<reg>[^/]+)/customerSubscriptions(?:/(?<cs>[^/]+))?/?$'

function Test-AzsCspGuid {
    [CmdletBinding()]
    [OutputType([bool])]
    param([AllowNull()] [AllowEmptyString()] [string] $Value)

    return (-not [string]::IsNullOrEmpty($Value)) -and ($Value -match $script:GuidPattern)
}

function ConvertFrom-AzsCspResourceId {
    <#
    .SYNOPSIS
    Splits the documented New-AzResource resource ID of a customer subscription (or, with
    -AllowCollection, of the customerSubscriptions collection), with or without the leading '/'.
    Returns $null when the string has another shape.
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [AllowNull()] [AllowEmptyString()] [string] $ResourceId,
        [switch] $AllowCollection
    )

    if ([string]::IsNullOrWhiteSpace($ResourceId)) {
        return $null
    }
    $m = [regex]::Match($ResourceId.Trim(), $script:CustomerSubscriptionIdPattern, [System.Text.RegularExpressions.RegexOptions]::IgnoreCase)
    if (-not $m.Success) {
        return $null
    }
    $isItem = $m.Groups['cs'].Success
    if (-not $isItem -and -not $AllowCollection) {
        return $null
    }
    return @{
        RegistrationSubscriptionId = $m.Groups['sub'].Value
        ResourceGroupName          = $m.Groups['rg'].Value
        RegistrationName           = $m.Groups['reg'].Value
        CustomerSubscriptionId     = $(if ($isItem) { $m.Groups['cs'].Value } else { $null })
    }
}

function Get-AzsCspCustomerSubscriptionResourceId {
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [hashtable] $Target)

    $id = '/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.AzureStack/registrations/{2}/customerSubscriptions' -f `
        $Target.RegistrationSubscriptionId, $Target.ResourceGroupName, $Target.RegistrationName
    if (-not [string]::IsNullOrEmpty($Target.CustomerSubscriptionId)) {
        $id += '/' + $Target.CustomerSubscriptionId
    }
    return $id
}

function Resolve-AzsCspCustomerTarget {
    <#
    .SYNOPSIS
    Builds and validates the target of a customer-subscription cmdlet from its bound parameters.
    Writes a non-terminating InvalidArgument error through -Cmdlet and returns $null when invalid.
    .PARAMETER Mode
    Item: a customer subscription ID is required. Collection: it must be absent. Either: both allowed.
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [ValidateSet('Item', 'Collection', 'Either')] [string] $Mode,
        [string] $ResourceId,
        [string] $RegistrationSubscriptionId,
        [string] $ResourceGroupName,
        [string] $RegistrationName,
        [string] $CustomerSubscriptionId,
        [string] $TenantId,
        [object] $TargetObject
    )

    if ($null -eq $TargetObject) {
        $TargetObject = $(if ($ResourceId) { $ResourceId } else { $CustomerSubscriptionId })
    }

    if ($Cmdlet.ParameterSetName -eq 'ByResourceId') {
        $parsed = ConvertFrom-AzsCspResourceId -ResourceId $ResourceId -AllowCollection:($Mode -ne 'Item')
        if ($null -eq $parsed -or ($Mode -eq 'Collection' -and $parsed.CustomerSubscriptionId)) {
            $expected = 'subscriptions/{registrationSubscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.AzureStack/registrations/{registrationName}/customerSubscriptions'
            if ($Mode -ne 'Collection') { $expected += '/{customerSubscriptionId}' }
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidResourceId' -Argument 'ResourceId' -TargetObject $TargetObject `
                -Message ("'{0}' is not a customer subscription resource ID. Expected '{1}' (with or without the leading '/')." -f $ResourceId, $expected) `
                -RecommendedAction 'Pass the resource ID used with New-AzResource/Get-AzResource/Remove-AzResource, or use -RegistrationSubscriptionId, -ResourceGroupName, -RegistrationName and -CustomerSubscriptionId.'
            $Cmdlet.WriteError($record)
            return $null
        }
        $target = $parsed
    }
    else {
        $target = @{
            RegistrationSubscriptionId = $RegistrationSubscriptionId
            ResourceGroupName          = $(if ([string]::IsNullOrWhiteSpace($ResourceGroupName)) { 'azurestack' } else { $ResourceGroupName })
            RegistrationName           = $RegistrationName
            CustomerSubscriptionId     = $(if ([string]::IsNullOrWhiteSpace($CustomerSubscriptionId)) { $null } else { $CustomerSubscriptionId.Trim() })
        }
    }
    $target.TenantId = $(if ([string]::IsNullOrWhiteSpace($TenantId)) { $null } else { $TenantId.Trim() })
    if ($target.RegistrationSubscriptionId) { $target.RegistrationSubscriptionId = $target.RegistrationSubscriptionId.Trim() }

    $problem = $null
    if (-not (Test-AzsCspGuid $target.RegistrationSubscriptionId)) {
        $problem = @('AzsCsp.InvalidRegistrationSubscriptionId', 'RegistrationSubscriptionId',
            ("The registration subscription ID '{0}' is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)." -f $target.RegistrationSubscriptionId),
            'Pass the ID of the Azure subscription used to register the Azure Stack Hub.')
    }
    elseif ($target.ResourceGroupName -notmatch $script:ResourceGroupPattern) {
        $problem = @('AzsCsp.InvalidResourceGroupName', 'ResourceGroupName',
            ("The resource group name '{0}' is not valid." -f $target.ResourceGroupName),
            "Pass the resource group of the registration (by default 'azurestack').")
    }
    elseif ([string]::IsNullOrWhiteSpace($target.RegistrationName) -or $target.RegistrationName -match '[/\\?#]') {
        $problem = @('AzsCsp.InvalidRegistrationName', 'RegistrationName',
            ("The registration name '{0}' is not valid." -f $target.RegistrationName),
            'Pass the name of the registration (usually azurestack-<CloudID>); list them with Get-AzsRegistration.')
    }
    elseif ($Mode -eq 'Item' -and [string]::IsNullOrEmpty($target.CustomerSubscriptionId)) {
        $problem = @('AzsCsp.InvalidCustomerSubscriptionId', 'CustomerSubscriptionId',
            'A customer subscription ID is required.',
            "Pass the customer's Azure subscription ID (a GUID) from Partner Center.")
    }
    elseif ($target.CustomerSubscriptionId -and -not (Test-AzsCspGuid $target.CustomerSubscriptionId)) {
        $problem = @('AzsCsp.InvalidCustomerSubscriptionId', 'CustomerSubscriptionId',
            ("The customer subscription ID '{0}' is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx); nothing was sent." -f $target.CustomerSubscriptionId),
            "Pass the customer's Azure subscription ID (a GUID) created in the CSP offer through Partner Center.")
    }
    elseif ($target.TenantId -and -not (Test-AzsCspGuid $target.TenantId)) {
        $problem = @('AzsCsp.InvalidTenantId', 'TenantId',
            ("The tenant ID '{0}' is neither a GUID nor a domain name; nothing was sent." -f $target.TenantId),
            "Pass the customer's directory (tenant) ID or its domain (-CustomerDomain fabrikam.onmicrosoft.com), or leave TenantId empty to let the service fill it in.")
    }
    if ($problem) {
        $record = New-AzsCspLocalErrorRecord -ErrorId $problem[0] -Argument $problem[1] -Message $problem[2] -RecommendedAction $problem[3] -TargetObject $TargetObject
        $Cmdlet.WriteError($record)
        return $null
    }

    $target.ResourceId = Get-AzsCspCustomerSubscriptionResourceId -Target $target
    return $target
}

function Get-AzsCspTenantIdFromProperties {
    <#
    .SYNOPSIS
    Reads tenantId from a New-AzResource style -Properties value (hashtable or object; either the
    properties themselves or a resource body with a 'properties' member).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([object] $Properties)

    if ($null -eq $Properties) {
        return $null
    }
    if ($Properties -is [string]) {
        if ([string]::IsNullOrWhiteSpace($Properties)) { return $null }
        try { $Properties = ConvertFrom-Json -InputObject $Properties -AsHashtable -ErrorAction Stop } catch { return $null }
    }
    foreach ($source in @($Properties, (Get-AzsCspMember -InputObject $Properties -Name 'properties'))) {
        $value = Get-AzsCspMember -InputObject $source -Name 'tenantId'
        if (-not [string]::IsNullOrWhiteSpace([string]$value)) {
            return [string]$value
        }
    }
    return $null
}

function Get-AzsCspMember {
    <#
    .SYNOPSIS
    A member of a dictionary or an object, case-insensitively; $null when absent.
    #>
    [CmdletBinding()]
    param([object] $InputObject, [string] $Name)

    if ($null -eq $InputObject) {
        return $null
    }
    if ($InputObject -is [System.Collections.IDictionary]) {
        foreach ($key in $InputObject.Keys) {
            if ([string]$key -eq $Name) { return $InputObject[$key] }
        }
        return $null
    }
    $property = $InputObject.PSObject.Properties[$Name]
    if ($property) {
        return $property.Value
    }
    return $null
}

function Test-AzsCspShouldProcess {
    <#
    .SYNOPSIS
    ShouldProcess with -Force: -Force skips the confirmation prompt, but -WhatIf is still honoured.
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [bool] $Force,
        [Parameter(Mandatory)] [string] $Target,
        [Parameter(Mandatory)] [string] $Action
    )

    if ($Force -and -not $WhatIfPreference) {
        return $true
    }
    return $Cmdlet.ShouldProcess($Target, $Action)
}
