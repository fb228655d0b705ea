function Get-AzsTenantUsage {
    <#
    .SYNOPSIS
    Gets a tenant's own usage on an Azure Stack Hub (Microsoft.Commerce/usageAggregates) as typed rows, following every page.

    .DESCRIPTION
    Get-AzsTenantUsage replaces the documented Get-UsageAggregates (AzureRM.UsageAggregates /
    Az.Billing) with the same parameters: -ReportedStartTime, -ReportedEndTime,
    -AggregationGranularity, -ShowDetails and -ContinuationToken. It reads usageAggregates
    (api-version 2015-06-01-preview) of one user subscription on the stamp's user (tenant) Resource
    Manager.

    Unlike Get-UsageAggregates, which returns one page per call and leaves the continuation token
    buried in NextLink, Get-AzsTenantUsage follows every page and writes one AzsCsp.UsageRecord per
    row as it arrives (InstanceData parsed, MeterName and Unit added, as Get-AzsSubscriberUsage does).
    -ContinuationToken starts from a token (the one a failed run reported) and still follows the
    remaining pages; to stop early, pipe to Select-Object -First.

    The time rules, the UTC conversion of the times and the error record with the continuation token
    are those of Get-AzsSubscriberUsage. Deleted subscriptions have no tenant usage; the provider
    (Get-AzsSubscriberUsage) sees them.

    Sign-in: with -TenantResourceManagerEndpoint and -DirectoryTenantName the command finds or makes
    the context (-AutomationCredential, else a device code); otherwise -Context or the default context.

    .PARAMETER ReportedStartTime
    The start of the reported window (inclusive), UTC; at the start of an hour (Hourly) or at UTC midnight (Daily).

    .PARAMETER ReportedEndTime
    The end of the reported window (exclusive), UTC; aligned like the start; not in the future.

    .PARAMETER AggregationGranularity
    Daily (default) or Hourly.

    .PARAMETER ShowDetails
    Whether rows are broken down into instance metadata (default $true, as in Get-UsageAggregates). Azure Stack Hub documents that it does not support $false; it is sent as given.

    .PARAMETER ContinuationToken
    Resumes a query where an earlier run stopped (the token its error reported).

    .PARAMETER SubscriptionId
    The user subscription on the stamp. Default: the subscription of the context.

    .PARAMETER MeterCatalogPath
    A CSV file with the columns meterId,meterName,unit that adds meters to the built-in catalogue or overrides them.

    .PARAMETER TenantResourceManagerEndpoint
    The stamp's user Resource Manager endpoint (https), for example https://management.local.azurestack.external/, for the command's own sign-in. Needs -DirectoryTenantName.

    .PARAMETER DirectoryTenantName
    The tenant's directory (for example fabrikam.onmicrosoft.com), with -TenantResourceManagerEndpoint.

    .PARAMETER AutomationCredential
    Signs in non-interactively with this user name and password (with -TenantResourceManagerEndpoint).

    .PARAMETER Context
    The AzsCsp context (name or object) to use. Default: the one found or made for -TenantResourceManagerEndpoint, else the default context.

    .PARAMETER CaCertificatePath
    A PEM file with the certificate authorities to trust for the stamp's endpoints, when the command signs in itself.

    .EXAMPLE
    PS> Get-AzsTenantUsage -ReportedStartTime 2024-05-01 -ReportedEndTime 2024-05-02 -AggregationGranularity Hourly

    The documented Get-UsageAggregates command with only the command name changed; every page.

    .EXAMPLE
    PS> Get-AzsTenantUsage -TenantResourceManagerEndpoint https://management.local.azurestack.external -DirectoryTenantName fabrikam.onmicrosoft.com -SubscriptionId $sub -ReportedStartTime 2024-05-01 -ReportedEndTime 2024-06-01 |
    >>   Group-Object MeterName | Select-Object Name, @{ n = 'Quantity'; e = { ($_.Group | Measure-Object Quantity -Sum).Sum } }

    A month of the tenant's usage per meter.

    .INPUTS
    None.

    .OUTPUTS
    AzsCsp.UsageRecord

    .LINK
    Get-AzsSubscriberUsage

    .LINK
    https://learn.microsoft.com/azure-stack/operator/azure-stack-tenant-resource-usage-api
    #>
    [CmdletBinding(PositionalBinding = $false)]
    [OutputType('AzsCsp.UsageRecord')]
    param(
        [Parameter(Mandatory)]
        [datetime] $ReportedStartTime,

        [Parameter(Mandatory)]
        [datetime] $ReportedEndTime,

        [ValidateSet('Daily', 'Hourly', ErrorMessage = "The aggregation granularity '{0}' is not valid. Use Daily (the default) or Hourly.")]
        [string] $AggregationGranularity = 'Daily',

        [bool] $ShowDetails = $true,

        [string] $ContinuationToken,

        [string] $SubscriptionId,

        [ValidateNotNullOrEmpty()]
        [string] $MeterCatalogPath,

        [ValidateScript({ $_.IsAbsoluteUri -and $_.Scheme -eq 'https' }, ErrorMessage = "The endpoint '{0}' is not an absolute https URL (for example https://management.local.azurestack.external/).")]
        [uri] $TenantResourceManagerEndpoint,

        [string] $DirectoryTenantName,

        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $AutomationCredential,

        [object] $Context,

        [ValidateNotNullOrEmpty()]
        [string] $CaCertificatePath
    )

    $granularity = if ($AggregationGranularity -eq 'Hourly') { 'Hourly' } else { 'Daily' }
    $window = Assert-AzsCspUsageWindow -Cmdlet $PSCmdlet -ReportedStartTime $ReportedStartTime -ReportedEndTime $ReportedEndTime -AggregationGranularity $granularity
    Assert-AzsCspSubscriptionChoice -Cmdlet $PSCmdlet -SubscriptionId $SubscriptionId
    $catalog = Read-AzsCspMeterCatalog -Cmdlet $PSCmdlet -Path $MeterCatalogPath
    $entry = Resolve-AzsCspUsageContext -Cmdlet $PSCmdlet -Endpoint $TenantResourceManagerEndpoint -EndpointParameter 'TenantResourceManagerEndpoint' `
        -DirectoryTenantName $DirectoryTenantName -AutomationCredential $AutomationCredential -Context $Context -CaCertificatePath $CaCertificatePath -EnvironmentName AzureStackUser
    $subscription = if (-not [string]::IsNullOrWhiteSpace($SubscriptionId)) { $SubscriptionId.Trim() } else { [string]$entry.Context.SubscriptionId }
    if ([string]::IsNullOrWhiteSpace($subscription)) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.SubscriptionIdRequired' -Argument 'SubscriptionId' -TargetObject $entry.Name `
            -Message ("The context '{0}' has no subscription: pass -SubscriptionId (the user subscription on the stamp); nothing was sent." -f $entry.Name)
        $PSCmdlet.ThrowTerminatingError($record)
    }
    $target = Get-AzsCspStampTarget -Endpoint $(if ($TenantResourceManagerEndpoint) { $TenantResourceManagerEndpoint } elseif ($entry.Context.ResourceManagerUrl) { [uri]$entry.Context.ResourceManagerUrl } else { $null }) `
        -DirectoryTenantName $DirectoryTenantName -Stamp Tenant -SubscriptionId $subscription

    $arguments = [ordered]@{
        subscriptionId         = $subscription
        reportedStartTime      = Format-AzsCspUsageTime $window.Start
        reportedEndTime        = Format-AzsCspUsageTime $window.End
        aggregationGranularity = $granularity
        showDetails            = $ShowDetails
    }
    if (-not [string]::IsNullOrWhiteSpace($ContinuationToken)) { $arguments.continuationToken = $ContinuationToken.Trim() }
    if ($catalog.Entries) { $arguments.meterCatalog = $catalog.Entries }
    $lookup = $catalog.Lookup
    $contextName = $entry.Name
    $convert = { param($data) ConvertTo-AzsCspUsageRecord -Data $data -Catalog $lookup -ContextName $contextName }
    Invoke-AzsCspUsageOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'usage.tenant' -Arguments $arguments -Convert $convert `
        -Target $target -TargetObject $subscription -Activity 'Reading tenant usage' -ResumeCommand 'Get-AzsTenantUsage'
}
