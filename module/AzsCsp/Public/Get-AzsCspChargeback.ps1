function Get-AzsCspChargeback {
    <#
    .SYNOPSIS
    Gets a per-customer, per-meter chargeback of an Azure Stack Hub's usage for a CSP: quantity, unit and amount, mapped to each customer's Azure subscription.

    .DESCRIPTION
    Get-AzsCspChargeback joins the stamp's provider usage for the reported window (every page, usage
    of deleted subscriptions included) with the stamp's user subscriptions (their directory tenant)
    and directory tenants, and with the CSP mappings (customerSubscriptions) of the Azure registration
    of the stamp. The aggregation runs in the native core while the pages stream in, so memory grows
    with the number of customers and meters, not with the number of usage rows.

    It writes one AzsCsp.ChargebackLine per customer directory tenant and meter: TenantId,
    DirectoryName, the billed Azure subscription (the customer's mapped CSP subscription, or the
    registration subscription when no mapping covers the tenant: Mapped is $false and MappingStatus
    says 'Unmapped (registration subscription)'), the stamp subscriptions that contributed,
    IncludesDeletedSubscription, MeterId, MeterName, Unit, Quantity and, with -PriceSheetPath,
    UnitPrice, Amount (Quantity x UnitPrice) and Currency.

    The mappings are read with Get-AzsCustomerSubscription through -AzureContext (the Azure sign-in),
    the usage through the stamp's admin Resource Manager (-AdminResourceManagerEndpoint and
    -DirectoryTenantName, or -Context).

    -OutFile writes the lines to a .csv or .json file as well (the format follows the extension) as
    they arrive, into a temporary file that is renamed when the report is complete: a failed run
    leaves no half-written report. The lines still go to the pipeline.

    The time rules and the UTC conversion are those of Get-AzsSubscriberUsage. A failure is an error
    record with the continuation token of the last completed page; the chargeback itself has no
    resume (its totals need every row): run it again, or read the rest with
    Get-AzsSubscriberUsage -ContinuationToken. The run's summary (rows, pages, unmapped quantity by
    meter) goes to the information stream (tag AzsCsp.ChargebackSummary) and to -Verbose.

    .PARAMETER ReportedStartTime
    The start of the reported window (inclusive), UTC; at the start of an hour (Hourly) or at UTC midnight (Daily).

    .PARAMETER ReportedEndTime
    The end of the reported window (exclusive), UTC; aligned like the start; not in the future.

    .PARAMETER AggregationGranularity
    Daily (default) or Hourly: the granularity of the usage read (the totals are the same; Hourly allows windows that are not whole days).

    .PARAMETER RegistrationSubscriptionId
    The Azure subscription used to register the Azure Stack Hub (billed for usage no mapping covers).

    .PARAMETER ResourceGroupName
    The resource group of the registration. Default: 'azurestack'.

    .PARAMETER RegistrationName
    The name of the registration of this stamp, usually 'azurestack-<CloudID>'.

    .PARAMETER AzureContext
    The AzsCsp context (name or object) signed in to Azure, used to read the registration's customer subscriptions. Default: the default context.

    .PARAMETER PriceSheetPath
    A CSV file with the columns meterId,unitPrice[,currency] (unitPrice like 1.25). Meters without a price have no Amount.

    .PARAMETER MeterCatalogPath
    A CSV file with the columns meterId,meterName,unit that adds meters to the built-in catalogue or overrides them.

    .PARAMETER OutFile
    A .csv or .json file to write the lines to (replaced when the report is complete).

    .PARAMETER SubscriptionId
    The provider subscription on the stamp. Default: the Default Provider Subscription.

    .PARAMETER AdminResourceManagerEndpoint
    The stamp's admin Resource Manager endpoint (https), for the command's own sign-in. Needs -DirectoryTenantName.

    .PARAMETER DirectoryTenantName
    The home directory of the stamp (for example contoso.onmicrosoft.com), with -AdminResourceManagerEndpoint.

    .PARAMETER AutomationCredential
    Signs in to the stamp non-interactively with this user name and password (with -AdminResourceManagerEndpoint).

    .PARAMETER Context
    The AzsCsp context (name or object) of the stamp's admin endpoint. Default: the one found or made for -AdminResourceManagerEndpoint, else the default context.

    .PARAMETER CaCertificatePath
    A PEM file with the certificate authorities to trust for the stamp's endpoints, when the command signs in itself.

    .EXAMPLE
    PS> Connect-AzsCspAccount -ServicePrincipal -Credential $azureApp -Tenant contosocsp.onmicrosoft.com -ContextName azure
    PS> Get-AzsCspChargeback -AdminResourceManagerEndpoint https://adminmanagement.local.azurestack.external -DirectoryTenantName contosocsp.onmicrosoft.com `
    >>   -ReportedStartTime 2024-05-01 -ReportedEndTime 2024-06-01 -RegistrationSubscriptionId $regSub -RegistrationName azurestack-$cloudId -AzureContext azure

    May's chargeback per customer and meter.

    .EXAMPLE
    PS> Get-AzsCspChargeback -Context stamp -AzureContext azure -ReportedStartTime 2024-05-01 -ReportedEndTime 2024-06-01 -RegistrationSubscriptionId $regSub -RegistrationName $reg -PriceSheetPath prices.csv -OutFile may.csv |
    >>   Group-Object DirectoryName | Select-Object Name, @{ n = 'Amount'; e = { ($_.Group | Measure-Object Amount -Sum).Sum } }

    Prices the usage, writes may.csv and shows the amount per customer.

    .EXAMPLE
    PS> Get-AzsCspChargeback @period -RegistrationSubscriptionId $regSub -RegistrationName $reg | Where-Object { -not $_.Mapped }

    The usage no customer mapping covers (billed to the registration subscription).

    .INPUTS
    None.

    .OUTPUTS
    AzsCsp.ChargebackLine

    .LINK
    Get-AzsSubscriberUsage

    .LINK
    Get-AzsCustomerSubscription

    .LINK
    https://learn.microsoft.com/azure-stack/operator/azure-stack-add-manage-billing-as-a-csp
    #>
    [CmdletBinding(PositionalBinding = $false)]
    [OutputType('AzsCsp.ChargebackLine')]
    param(
        [Parameter(Mandatory)]
        [datetime] $ReportedStartTime,

        [Parameter(Mandatory)]
        [datetime] $ReportedEndTime,

        [ValidateSet('Daily', 'Hourly', ErrorMessage = "The aggregation granularity '{0}' is not valid. Use Daily (the default) or Hourly.")]
        [string] $AggregationGranularity = 'Daily',

        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string] $RegistrationSubscriptionId,

        [Alias('ResourceGroup')]
        [ValidateNotNullOrEmpty()]
        [string] $ResourceGroupName = 'azurestack',

        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string] $RegistrationName,

        [object] $AzureContext,

        [ValidateNotNullOrEmpty()]
        [string] $PriceSheetPath,

        [ValidateNotNullOrEmpty()]
        [string] $MeterCatalogPath,

        [ValidateNotNullOrEmpty()]
        [string] $OutFile,

        [string] $SubscriptionId,

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

    $granularity = if ($AggregationGranularity -eq 'Hourly') { 'Hourly' } else { 'Daily' }
    $window = Assert-AzsCspUsageWindow -Cmdlet $PSCmdlet -ReportedStartTime $ReportedStartTime -ReportedEndTime $ReportedEndTime -AggregationGranularity $granularity
    Assert-AzsCspSubscriptionChoice -Cmdlet $PSCmdlet -SubscriptionId $SubscriptionId
    if (-not (Test-AzsCspGuid $RegistrationSubscriptionId.Trim())) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidSubscriptionId' -Argument 'RegistrationSubscriptionId' -TargetObject $RegistrationSubscriptionId `
            -Message ("-RegistrationSubscriptionId '{0}' is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx); nothing was sent." -f $RegistrationSubscriptionId)
        $PSCmdlet.ThrowTerminatingError($record)
    }
    if ($OutFile) {
        $extension = [System.IO.Path]::GetExtension($OutFile).ToLowerInvariant()
        if ($extension -notin '.csv', '.json') {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidOutFile' -Argument 'OutFile' -TargetObject $OutFile `
                -Message ("-OutFile '{0}' must end in .csv or .json (the format follows the extension); nothing was sent." -f $OutFile)
            $PSCmdlet.ThrowTerminatingError($record)
        }
    }
    $catalog = Read-AzsCspMeterCatalog -Cmdlet $PSCmdlet -Path $MeterCatalogPath
    $prices = Read-AzsCspPriceSheet -Cmdlet $PSCmdlet -Path $PriceSheetPath

    # --- Azure side: the registration's CSP mappings ---------------------------------------------
    $azureEntry = Resolve-AzsCspContext -Cmdlet $PSCmdlet -Context $AzureContext
    $mappingErrors = $null
    $mappings = @(Get-AzsCustomerSubscription -RegistrationSubscriptionId $RegistrationSubscriptionId.Trim() -ResourceGroupName $ResourceGroupName.Trim() `
            -RegistrationName $RegistrationName.Trim() -Context $azureEntry.Name -ErrorAction SilentlyContinue -ErrorVariable mappingErrors)
    $firstError = @($mappingErrors) | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | Select-Object -First 1
    if ($firstError) {
        $PSCmdlet.ThrowTerminatingError($firstError)
    }
    $mappingArgs = @($mappings | Where-Object { $_.TenantId } | ForEach-Object {
            [ordered]@{ customerSubscriptionId = $_.CustomerSubscriptionId; tenantId = $_.TenantId }
        })
    Write-Verbose ("Registration '{0}': {1} customer subscription mapping(s)." -f $RegistrationName, $mappingArgs.Count)

    # --- Stamp side: usage joined and aggregated in the core --------------------------------------
    $entry = Resolve-AzsCspUsageContext -Cmdlet $PSCmdlet -Endpoint $AdminResourceManagerEndpoint -EndpointParameter 'AdminResourceManagerEndpoint' `
        -DirectoryTenantName $DirectoryTenantName -AutomationCredential $AutomationCredential -Context $Context -CaCertificatePath $CaCertificatePath -EnvironmentName AzureStackAdmin
    $target = Get-AzsCspStampTarget -Endpoint $(if ($AdminResourceManagerEndpoint) { $AdminResourceManagerEndpoint } elseif ($entry.Context.ResourceManagerUrl) { [uri]$entry.Context.ResourceManagerUrl } else { $null }) `
        -DirectoryTenantName $DirectoryTenantName -Stamp Admin
    $target.RegistrationSubscriptionId = $RegistrationSubscriptionId.Trim()
    $target.ResourceGroupName = $ResourceGroupName.Trim()
    $target.RegistrationName = $RegistrationName.Trim()

    $arguments = [ordered]@{
        reportedStartTime      = Format-AzsCspUsageTime $window.Start
        reportedEndTime        = Format-AzsCspUsageTime $window.End
        aggregationGranularity = $granularity
        registration           = [ordered]@{ subscriptionId = $RegistrationSubscriptionId.Trim(); resourceGroupName = $ResourceGroupName.Trim(); registrationName = $RegistrationName.Trim() }
        mappings               = $mappingArgs
    }
    if (-not [string]::IsNullOrWhiteSpace($SubscriptionId)) { $arguments.subscriptionId = $SubscriptionId.Trim() }
    if ($prices) { $arguments.prices = $prices }
    if ($catalog.Entries) { $arguments.meterCatalog = $catalog.Entries }

    $file = $null
    if ($OutFile) {
        $file = Open-AzsCspOutFile -Cmdlet $PSCmdlet -Path $OutFile -Property $script:ChargebackFileColumns
    }
    $state = @{}
    $run = @{
        Start = $window.Start; End = $window.End; Granularity = $granularity; Lookup = $catalog.Lookup
        RegistrationSubscriptionId = $RegistrationSubscriptionId.Trim(); RegistrationName = $RegistrationName.Trim(); File = $file; Summary = $null
    }
    $convert = {
        param($data)
        $summary = Get-AzsCspMember $data 'summary'
        if ($null -ne $summary) { $run.Summary = $summary; return }
        $line = ConvertTo-AzsCspChargebackLine -Data $data -Context $run
        if ($run.File) { Write-AzsCspOutFileRow -File $run.File -Row $line }
        $line
    }
    $committed = $false
    try {
        Invoke-AzsCspUsageOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'usage.chargeback' -Arguments $arguments -Convert $convert `
            -Target $target -TargetObject $RegistrationName -Activity 'Computing the chargeback' -ResumeCommand 'Get-AzsSubscriberUsage' -State $state
        if (-not $state.Failed -and $file) {
            Close-AzsCspOutFile -File $file -Commit
            $committed = $true
        }
    }
    finally {
        if ($file -and -not $committed) {
            Close-AzsCspOutFile -File $file
        }
    }
    if ($null -ne $run.Summary) {
        $s = $run.Summary
        Write-Verbose ("Chargeback: {0} usage rows in {1} pages." -f (Get-AzsCspMember $s 'rows'), (Get-AzsCspMember $s 'pages'))
        Write-Information -MessageData ([pscustomobject]@{
                PSTypeName              = 'AzsCsp.ChargebackSummary'
                Rows                    = Get-AzsCspMember $s 'rows'
                Pages                   = Get-AzsCspMember $s 'pages'
                UnmappedQuantityByMeter = Get-AzsCspMember $s 'unmappedQuantityByMeter'
                Raw                     = $s
            }) -Tags 'AzsCsp.ChargebackSummary'
    }
}
