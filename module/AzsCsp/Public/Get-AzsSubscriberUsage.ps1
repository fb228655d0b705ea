function Get-AzsSubscriberUsage {
    <#
    .SYNOPSIS
    Gets the usage of the stamp's direct tenants (provider usage, Microsoft.Commerce.Admin) as typed rows, following every page.

    .DESCRIPTION
    Get-AzsSubscriberUsage reads subscriberUsageAggregates (api-version 2015-06-01-preview) on the
    stamp's admin Resource Manager for the reported window [-ReportedStartTime, -ReportedEndTime)
    (start inclusive, end exclusive) and writes one AzsCsp.UsageRecord per usage row as soon as it
    arrives, following every page (1,000 rows each). Usage of deleted subscriptions is included when
    -SubscriberId is omitted.

    Each row has InstanceData parsed into ResourceUri, ResourceGroup, ResourceType (with its namespace,
    nested types kept), ResourceName, Location, Tags and AdditionalInfo (the raw JSON string stays in
    InstanceData), and MeterName and Unit from the built-in meter catalogue (the usage FAQ table);
    -MeterCatalogPath adds or overrides meters. An unknown meter is named 'Unknown (<meter ID>)'.

    Times: the window is selected by reported time, not usage time, so a row's UsageStartTime can be
    before -ReportedStartTime. Both times are sent as UTC: a DateTime of Kind Local (for example a
    string with 'Z' or an offset, which PowerShell turns into local time) is converted to UTC, a
    DateTime without a time zone is taken as UTC; -Verbose says which. Before anything is sent the
    times must be at the start of an hour (UTC midnight for Daily), the start before the end, and the
    end not in the future (RequestEndTimeIsInFuture); an error names the value.

    A failure after some pages (a gateway timeout on a large window) is an error record that carries
    the continuation token of the last completed page: in its message, its recommended action and as
    its TargetObject. Run the command again with the same parameters and -ContinuationToken to get the
    remaining rows.

    Sign-in: with -AdminResourceManagerEndpoint and -DirectoryTenantName the command finds or makes
    the context like the multi-tenancy commands (-AutomationCredential, else a device code); otherwise
    it uses -Context or the default context (Connect-AzsCspAccount to the admin endpoint).

    .PARAMETER ReportedStartTime
    The start of the reported window (inclusive), UTC; at the start of an hour (Hourly) or at UTC midnight (Daily).

    .PARAMETER ReportedEndTime
    The end of the reported window (exclusive), UTC; aligned like the start; not in the future.

    .PARAMETER AggregationGranularity
    Daily (default; rows per day) or Hourly (rows per hour).

    .PARAMETER SubscriberId
    One tenant (user) subscription on the stamp; omit it for every direct tenant, deleted subscriptions included.

    .PARAMETER ContinuationToken
    Resumes a query where an earlier run stopped: the token its error reported (a row's ContinuationToken is the token of its page, so resuming from it reads that page again).

    .PARAMETER SubscriptionId
    The provider subscription(s). Default: the Default Provider Subscription.

    .PARAMETER MeterCatalogPath
    A CSV file with the columns meterId,meterName,unit that adds meters to the built-in catalogue or overrides them (by meter ID, case and dashes ignored).

    .PARAMETER AdminResourceManagerEndpoint
    The stamp's admin Resource Manager endpoint (https), for the command's own sign-in. Needs -DirectoryTenantName.

    .PARAMETER DirectoryTenantName
    The home directory of the stamp (for example contoso.onmicrosoft.com), with -AdminResourceManagerEndpoint.

    .PARAMETER AutomationCredential
    Signs in non-interactively with this user name and password (with -AdminResourceManagerEndpoint).

    .PARAMETER Context
    The AzsCsp context (name or object) to use. Default: the one found or made for -AdminResourceManagerEndpoint, else the default context.

    .PARAMETER CaCertificatePath
    A PEM file with the certificate authorities to trust for the stamp's endpoints, when the command signs in itself.

    .EXAMPLE
    PS> Get-AzsSubscriberUsage -ReportedStartTime "2019-12-30T00:00:00Z" -ReportedEndTime "2019-12-31T00:00:00Z" -AggregationGranularity Daily

    The documented example: one day of usage of every direct tenant, with the default context.

    .EXAMPLE
    PS> Get-AzsSubscriberUsage -AdminResourceManagerEndpoint https://adminmanagement.local.azurestack.external -DirectoryTenantName contoso.onmicrosoft.com -ReportedStartTime 2024-05-01 -ReportedEndTime 2024-06-01 |
    >>   Group-Object SubscriptionId, MeterName | Select-Object Name, @{ n = 'Quantity'; e = { ($_.Group | Measure-Object Quantity -Sum).Sum } }

    A month of usage per subscription and meter.

    .EXAMPLE
    PS> Get-AzsSubscriberUsage -ReportedStartTime $start -ReportedEndTime $end -AggregationGranularity Hourly -ErrorVariable failed | Export-Csv usage.csv
    PS> if ($failed) { Get-AzsSubscriberUsage -ReportedStartTime $start -ReportedEndTime $end -AggregationGranularity Hourly -ContinuationToken $failed[0].TargetObject | Export-Csv usage.csv -Append }

    Resumes an interrupted run from the continuation token its error reported.

    .INPUTS
    None.

    .OUTPUTS
    AzsCsp.UsageRecord

    .LINK
    Get-AzsTenantUsage

    .LINK
    Get-AzsCspChargeback

    .LINK
    https://learn.microsoft.com/azure-stack/operator/azure-stack-provider-resource-api
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

        [string] $SubscriberId,

        [string] $ContinuationToken,

        [string[]] $SubscriptionId,

        [ValidateNotNullOrEmpty()]
        [string] $MeterCatalogPath,

        [ValidateScript({ $_.IsAbsoluteUri -and $_.Scheme -eq 'https' }, ErrorMessage = "The endpoint '{0}' is not an absolute https URL (for example https://adminmanagement.local.azurestack.external/).")]
        [uri] $AdminResourceManagerEndpoint,

        [string] $DirectoryTenantName,

        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $AutomationCredential,

        [object] $Context,

        [ValidateNotNullOrEmpty()]
        [string] $CaCertificatePath
    )

    # Title-case the granularity whatever the case typed (ValidateSet is case-insensitive).
    $granularity = if ($AggregationGranularity -eq 'Hourly') { 'Hourly' } else { 'Daily' }
    $window = Assert-AzsCspUsageWindow -Cmdlet $PSCmdlet -ReportedStartTime $ReportedStartTime -ReportedEndTime $ReportedEndTime -AggregationGranularity $granularity
    if (-not [string]::IsNullOrWhiteSpace($SubscriberId) -and -not (Test-AzsCspGuid $SubscriberId.Trim())) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidSubscriberId' -Argument 'SubscriberId' -TargetObject $SubscriberId `
            -Message ("-SubscriberId '{0}' is not a subscription ID (GUID); nothing was sent." -f $SubscriberId)
        $PSCmdlet.ThrowTerminatingError($record)
    }
    foreach ($id in @($SubscriptionId | Where-Object { -not [string]::IsNullOrWhiteSpace($_) })) {
        Assert-AzsCspSubscriptionChoice -Cmdlet $PSCmdlet -SubscriptionId $id
    }
    $catalog = Read-AzsCspMeterCatalog -Cmdlet $PSCmdlet -Path $MeterCatalogPath
    $entry = Resolve-AzsCspUsageContext -Cmdlet $PSCmdlet -Endpoint $AdminResourceManagerEndpoint -EndpointParameter 'AdminResourceManagerEndpoint' `
        -DirectoryTenantName $DirectoryTenantName -AutomationCredential $AutomationCredential -Context $Context -CaCertificatePath $CaCertificatePath -EnvironmentName AzureStackAdmin
    $target = Get-AzsCspStampTarget -Endpoint $(if ($AdminResourceManagerEndpoint) { $AdminResourceManagerEndpoint } elseif ($entry.Context.ResourceManagerUrl) { [uri]$entry.Context.ResourceManagerUrl } else { $null }) `
        -DirectoryTenantName $DirectoryTenantName -Stamp Admin

    $lookup = $catalog.Lookup
    $contextName = $entry.Name
    $convert = { param($data) ConvertTo-AzsCspUsageRecord -Data $data -Catalog $lookup -ContextName $contextName }
    $subscriptions = @($SubscriptionId | Where-Object { -not [string]::IsNullOrWhiteSpace($_) } | ForEach-Object { $_.Trim() })
    if ($subscriptions.Count -eq 0) { $subscriptions = @($null) }
    Write-Verbose ("Provider usage {0} to {1} ({2}){3}." -f (Format-AzsCspUsageTime $window.Start), (Format-AzsCspUsageTime $window.End), $granularity, $(if ($ContinuationToken) { ', resuming from a continuation token' } else { '' }))
    foreach ($sub in $subscriptions) {
        $arguments = [ordered]@{
            reportedStartTime      = Format-AzsCspUsageTime $window.Start
            reportedEndTime        = Format-AzsCspUsageTime $window.End
            aggregationGranularity = $granularity
        }
        if ($sub) { $arguments.subscriptionId = $sub }
        if (-not [string]::IsNullOrWhiteSpace($SubscriberId)) { $arguments.subscriberId = $SubscriberId.Trim() }
        if (-not [string]::IsNullOrWhiteSpace($ContinuationToken)) { $arguments.continuationToken = $ContinuationToken.Trim() }
        if ($catalog.Entries) { $arguments.meterCatalog = $catalog.Entries }
        Invoke-AzsCspUsageOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'usage.subscriber' -Arguments $arguments -Convert $convert `
            -Target $target -TargetObject $sub -Activity 'Reading provider usage' -ResumeCommand 'Get-AzsSubscriberUsage'
    }
}
