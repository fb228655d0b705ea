# Output objects of the multi-tenancy commands (guest directories, directory configuration reports,
# identity health, guest owners), built from the shim's items.

$script:HttpsEndpointMessage = "The endpoint '{0}' is not an absolute https URL (for example https://adminmanagement.local.azurestack.external/)."

function Test-AzsCspDirectoryName {
    <#
    .SYNOPSIS
    A directory named by domain (fabrikam.onmicrosoft.com) or tenant ID (GUID).
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param([AllowNull()] [AllowEmptyString()] [string] $Name)

    if ([string]::IsNullOrWhiteSpace($Name)) { return $false }
    $Name = $Name.Trim()
    return (Test-AzsCspGuid $Name) -or ($Name -match $script:DomainNamePattern)
}

function Assert-AzsCspDirectoryName {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [AllowEmptyString()] [string] $Name,
        [string] $Parameter = 'DirectoryTenantName'
    )

    if (-not (Test-AzsCspDirectoryName $Name)) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidDirectoryTenantName' -Argument $Parameter -TargetObject $Name `
            -Message ("-{0} '{1}' is neither a directory domain name (for example fabrikam.onmicrosoft.com) nor a tenant ID (GUID); nothing was sent." -f $Parameter, $Name)
        $Cmdlet.ThrowTerminatingError($record)
    }
}

function Assert-AzsCspResourceGroupName {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet, [AllowEmptyString()] [string] $ResourceGroupName)

    if ([string]::IsNullOrWhiteSpace($ResourceGroupName) -or $ResourceGroupName -notmatch $script:ResourceGroupPattern) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidResourceGroupName' -Argument 'ResourceGroupName' -TargetObject $ResourceGroupName `
            -Message ("The resource group name '{0}' is not valid." -f $ResourceGroupName) `
            -RecommendedAction "Pass the stamp's system resource group: system.<region> (system.local on an ASDK)."
        $Cmdlet.ThrowTerminatingError($record)
    }
}

function ConvertTo-AzsCspDirectoryTenant {
    <#
    .SYNOPSIS
    An AzsCsp.DirectoryTenant (a guest directory onboarded on the stamp) from a directoryTenants item.
    #>
    [CmdletBinding()]
    param([AllowNull()] [object] $Data, [string] $ContextName)

    if ($null -eq $Data) { return $null }
    $tenantId = Get-AzsCspMember $Data 'tenantId'
    if (-not $tenantId) { $tenantId = Get-AzsCspMember (Get-AzsCspMember $Data 'properties') 'tenantId' }
    $id = [string](Get-AzsCspMember $Data 'id')
    $subscriptionId = [string](Get-AzsCspMember $Data 'subscriptionId')
    $resourceGroup = [string](Get-AzsCspMember $Data 'resourceGroupName')
    if ($id -and -not $subscriptionId) { $subscriptionId = [AzsCsp.JsonValue]::IdSegment($id, 'subscriptions') }
    if ($id -and -not $resourceGroup) { $resourceGroup = [AzsCsp.JsonValue]::IdSegment($id, 'resourceGroups') }
    $type = [string](Get-AzsCspMember $Data 'type')
    return [pscustomobject]@{
        PSTypeName        = 'AzsCsp.DirectoryTenant'
        Name              = [string](Get-AzsCspMember $Data 'name')
        TenantId          = [string]$tenantId
        Location          = [string](Get-AzsCspMember $Data 'location')
        Type              = $(if ($type) { $type } else { 'Microsoft.Subscriptions.Admin/directoryTenants' })
        Id                = $id
        SubscriptionId    = $subscriptionId
        ResourceGroupName = $resourceGroup
        ContextName       = $ContextName
    }
}

function ConvertTo-AzsCspDirectoryReport {
    <#
    .SYNOPSIS
    An AzsCsp.DirectoryConfigurationReport from the item of directory.install (or, with -Removal, an
    AzsCsp.DirectoryRemovalReport from directory.uninstall).
    #>
    [CmdletBinding()]
    param(
        [AllowNull()] [object] $Data,
        [string] $DirectoryTenantName,
        [string] $ResourceManagerEndpoint,
        [string] $ContextName,
        [switch] $Removal
    )

    $applications = [System.Collections.Generic.List[object]]::new()
    foreach ($app in @(Get-AzsCspMember $Data 'applications')) {
        if ($null -eq $app) { continue }
        if ($Removal) {
            $applications.Add([pscustomobject]@{
                    PSTypeName         = 'AzsCsp.DirectoryApplicationRemoval'
                    AppId              = [string](Get-AzsCspMember $app 'appId')
                    ServicePrincipalId = [string](Get-AzsCspMember $app 'servicePrincipalId')
                    Removed            = [bool](Get-AzsCspMember $app 'removed')
                })
            continue
        }
        $applications.Add([pscustomobject]@{
                PSTypeName         = 'AzsCsp.DirectoryApplication'
                AppId              = [string](Get-AzsCspMember $app 'appId')
                DisplayName        = [string](Get-AzsCspMember $app 'displayName')
                ServicePrincipalId = [string](Get-AzsCspMember $app 'servicePrincipalId')
                Status             = [string](Get-AzsCspMember $app 'status')
                Changes            = [string[]]@(Get-AzsCspMember $app 'changes' | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ })
            })
    }
    $name = [string](Get-AzsCspMember $Data 'directoryTenantName')
    if (-not $name) { $name = $DirectoryTenantName }
    if ($Removal) {
        return [pscustomobject]@{
            PSTypeName              = 'AzsCsp.DirectoryRemovalReport'
            DirectoryTenantName     = $name
            ResourceManagerEndpoint = $ResourceManagerEndpoint
            RemovedCount            = @($applications | Where-Object Removed).Count
            Applications            = $applications.ToArray()
            ContextName             = $ContextName
        }
    }
    $changeCount = Get-AzsCspMember $Data 'changeCount'
    if ($null -eq $changeCount) { $changeCount = (@($applications | ForEach-Object { $_.Changes.Count }) | Measure-Object -Sum).Sum }
    return [pscustomobject]@{
        PSTypeName              = 'AzsCsp.DirectoryConfigurationReport'
        DirectoryTenantName     = $name
        TenantId                = [string](Get-AzsCspMember $Data 'tenantId')
        ResourceManagerEndpoint = $ResourceManagerEndpoint
        Configured              = @($applications | Where-Object Status -EQ 'Configured').Count
        AlreadyConfigured       = @($applications | Where-Object Status -EQ 'AlreadyConfigured').Count
        ChangeCount             = [int]$changeCount
        Applications            = $applications.ToArray()
        ContextName             = $ContextName
    }
}

function ConvertTo-AzsCspHealthReport {
    <#
    .SYNOPSIS
    An AzsCsp.IdentityHealthReport from identity.healthReport's normalized item. DirectoryTenants is a
    plain array, so the documented '$report.directoryTenants | Where-Object status -ne Healthy' works.
    #>
    [CmdletBinding()]
    param([AllowNull()] [object] $Data, [string] $ContextName)

    $unwrap = {
        param($value)
        # Both wire shapes: a plain array, or the spec's { value: [...] }.
        $inner = Get-AzsCspMember $value 'value'
        if ($null -ne $inner -and ($value -is [System.Collections.IDictionary])) { return @($inner) }
        return @($value)
    }
    $date = {
        param($value)
        if ($null -eq $value -or $value -is [datetime]) { return $value }
        $parsed = [DateTimeOffset]::MinValue
        if ([DateTimeOffset]::TryParse([string]$value, [System.Globalization.CultureInfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::AssumeUniversal, [ref]$parsed)) { return $parsed.UtcDateTime }
        return $null
    }
    $directories = [System.Collections.Generic.List[object]]::new()
    foreach ($tenant in (& $unwrap (Get-AzsCspMember $Data 'directoryTenants'))) {
        if ($null -eq $tenant) { continue }
        $applications = [System.Collections.Generic.List[object]]::new()
        foreach ($app in (& $unwrap (Get-AzsCspMember $tenant 'applications'))) {
            if ($null -eq $app) { continue }
            $applications.Add([pscustomobject]@{
                    PSTypeName               = 'AzsCsp.ApplicationHealth'
                    AppId                    = [string](Get-AzsCspMember $app 'appId')
                    ServicePrincipalObjectId = [string](Get-AzsCspMember $app 'servicePrincipalObjectId')
                    Status                   = [string](Get-AzsCspMember $app 'status')
                    Unhealthy                = [string[]]@(Get-AzsCspMember $app 'unhealthy' | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ })
                })
        }
        $directories.Add([pscustomobject]@{
                PSTypeName   = 'AzsCsp.DirectoryTenantHealth'
                TenantName   = [string](Get-AzsCspMember $tenant 'tenantName')
                TenantId     = [string](Get-AzsCspMember $tenant 'tenantId')
                Status       = [string](Get-AzsCspMember $tenant 'status')
                Applications = $applications.ToArray()
            })
    }
    return [pscustomobject]@{
        PSTypeName         = 'AzsCsp.IdentityHealthReport'
        ReportStartTimeUtc = (& $date (Get-AzsCspMember $Data 'reportStartTimeUtc'))
        ReportEndTimeUtc   = (& $date (Get-AzsCspMember $Data 'reportEndTimeUtc'))
        Status             = [string](Get-AzsCspMember $Data 'status')
        DirectoryTenants   = $directories.ToArray()
        ContextName        = $ContextName
    }
}

function ConvertTo-AzsCspGuestOwner {
    <#
    .SYNOPSIS
    AzsCsp.GuestOwner (guestOwner.grant) or, with -Assignment, AzsCsp.GuestOwnerAssignment (guestOwner.list).
    #>
    [CmdletBinding()]
    param([AllowNull()] [object] $Data, [string] $ContextName, [switch] $Assignment)

    if ($null -eq $Data) { return $null }
    if ($Assignment) {
        return [pscustomobject]@{
            PSTypeName        = 'AzsCsp.GuestOwnerAssignment'
            SubscriptionId    = [string](Get-AzsCspMember $Data 'subscriptionId')
            SubscriptionName  = [string](Get-AzsCspMember $Data 'subscriptionName')
            UserPrincipalName = [string](Get-AzsCspMember $Data 'userPrincipalName')
            Mail              = [string](Get-AzsCspMember $Data 'mail')
            UserId            = [string](Get-AzsCspMember $Data 'userId')
            RoleAssignmentId  = [string](Get-AzsCspMember $Data 'roleAssignmentId')
            ContextName       = $ContextName
        }
    }
    return [pscustomobject]@{
        PSTypeName              = 'AzsCsp.GuestOwner'
        SubscriptionId          = [string](Get-AzsCspMember $Data 'subscriptionId')
        InvitedUserEmailAddress = [string](Get-AzsCspMember $Data 'invitedUserEmailAddress')
        UserId                  = [string](Get-AzsCspMember $Data 'userId')
        InvitationStatus        = [string](Get-AzsCspMember $Data 'invitationStatus')
        InviteRedeemUrl         = [string](Get-AzsCspMember $Data 'inviteRedeemUrl')
        RoleAssignmentId        = [string](Get-AzsCspMember $Data 'roleAssignmentId')
        Status                  = [string](Get-AzsCspMember $Data 'status')
        ContextName             = $ContextName
    }
}
