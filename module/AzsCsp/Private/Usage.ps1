# Usage reporting and chargeback (Get-AzsSubscriberUsage, Get-AzsTenantUsage, Get-AzsCspChargeback):
# time rules checked before anything is sent, the user's meter catalogue and price sheet, typed rows,
# error records that carry the continuation token, and an output file written atomically.

$script:UsageTimeFormat = 'yyyy-MM-ddTHH:mm:ssZ'

function ConvertTo-AzsCspUsageTime {
    <#
    .SYNOPSIS
    A reported time as UTC. Kind Local (a string with an offset or 'Z' binds as local time) is
    converted to UTC; Kind Unspecified (no offset) is taken as UTC. -Verbose says which.
    #>
    [CmdletBinding()]
    [OutputType([datetime])]
    param([Parameter(Mandatory)] [datetime] $Value, [Parameter(Mandatory)] [string] $Name)

    switch ($Value.Kind) {
        'Utc' { return $Value }
        'Local' {
            $utc = $Value.ToUniversalTime()
            Write-Verbose ("-{0} {1} is local time ({2}); using {3} UTC." -f $Name, $Value.ToString('yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture), [System.TimeZoneInfo]::Local.Id, $utc.ToString('yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture))
            return $utc
        }
        default {
            Write-Verbose ("-{0} {1} has no time zone; taken as UTC." -f $Name, $Value.ToString('yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture))
            return [datetime]::SpecifyKind($Value, [System.DateTimeKind]::Utc)
        }
    }
}

function Format-AzsCspUsageTime {
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [datetime] $Value)

    return $Value.ToString($script:UsageTimeFormat, [cultureinfo]::InvariantCulture)
}

function Assert-AzsCspUsageWindow {
    <#
    .SYNOPSIS
    The usage APIs' time rules (usage.md section 2), checked before sending: both times at the start of
    an hour (UTC midnight for Daily), start before end, end not in the future. Throws a terminating
    error naming the value. Returns the two UTC times.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [datetime] $ReportedStartTime,
        [Parameter(Mandatory)] [datetime] $ReportedEndTime,
        [Parameter(Mandatory)] [string] $AggregationGranularity
    )

    $start = ConvertTo-AzsCspUsageTime -Value $ReportedStartTime -Name 'ReportedStartTime'
    $end = ConvertTo-AzsCspUsageTime -Value $ReportedEndTime -Name 'ReportedEndTime'
    $daily = $AggregationGranularity -eq 'Daily'
    foreach ($pair in @(@('ReportedStartTime', $start), @('ReportedEndTime', $end))) {
        $value = [datetime]$pair[1]
        $aligned = if ($daily) { $value.TimeOfDay -eq [timespan]::Zero } else { $value.Minute -eq 0 -and $value.Second -eq 0 -and $value.Millisecond -eq 0 -and ($value.Ticks % [timespan]::TicksPerSecond) -eq 0 }
        if (-not $aligned) {
            $rule = if ($daily) { 'UTC midnight for Daily granularity (for example {0})' -f (Format-AzsCspUsageTime $value.Date) } else { 'the start of a UTC hour for Hourly granularity (for example {0})' -f (Format-AzsCspUsageTime ($value.Date.AddHours($value.Hour))) }
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.ReportedTimeNotAligned' -Argument $pair[0] -TargetObject $value `
                -Message ("-{0} {1} is not aligned: it must be {2}; nothing was sent." -f $pair[0], (Format-AzsCspUsageTime $value), $rule) `
                -RecommendedAction 'Round the reported times to whole days (Daily) or whole hours (Hourly), in UTC.'
            $Cmdlet.ThrowTerminatingError($record)
        }
    }
    if ($start -ge $end) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.ReportedTimeRange' -Argument 'ReportedEndTime' -TargetObject $end `
            -Message ("-ReportedEndTime {0} must be after -ReportedStartTime {1} (start inclusive, end exclusive); nothing was sent." -f (Format-AzsCspUsageTime $end), (Format-AzsCspUsageTime $start))
        $Cmdlet.ThrowTerminatingError($record)
    }
    $now = [datetime]::UtcNow
    if ($end -gt $now) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.RequestEndTimeIsInFuture' -Argument 'ReportedEndTime' -TargetObject $end `
            -Message ("-ReportedEndTime {0} is in the future (now {1} UTC); the usage service refuses it (RequestEndTimeIsInFuture). Nothing was sent." -f (Format-AzsCspUsageTime $end), $now.ToString('yyyy-MM-dd HH:mm', [cultureinfo]::InvariantCulture)) `
            -RecommendedAction 'Query closed windows only: an end at or before the start of the current UTC day (Daily) or hour (Hourly).'
        $Cmdlet.ThrowTerminatingError($record)
    }
    return [pscustomobject]@{ Start = $start; End = $end }
}

function ConvertTo-AzsCspMeterKey {
    [CmdletBinding()]
    [OutputType([string])]
    param([AllowNull()] [AllowEmptyString()] [string] $MeterId)

    if ([string]::IsNullOrWhiteSpace($MeterId)) { return '' }
    return $MeterId.Trim().Replace('-', '').Replace('{', '').Replace('}', '').ToLowerInvariant()
}

function Read-AzsCspUsageCsv {
    <#
    .SYNOPSIS
    Rows of a user's CSV file (meter catalogue or price sheet) with the required columns; a terminating
    error names the file, the missing column or the bad line.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string] $Parameter,
        [Parameter(Mandatory)] [string[]] $Required
    )

    $full = $Cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
    if (-not (Test-Path -LiteralPath $full -PathType Leaf)) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.FileNotFound' -Argument $Parameter -TargetObject $Path `
            -Category ([System.Management.Automation.ErrorCategory]::ObjectNotFound) -Kind 'NotFound' `
            -Message ("-{0}: the file '{1}' does not exist; nothing was sent." -f $Parameter, $full)
        $Cmdlet.ThrowTerminatingError($record)
    }
    $rows = @(Import-Csv -LiteralPath $full)
    $columns = if ($rows.Count -gt 0) { @($rows[0].PSObject.Properties.Name) } else { @() }
    foreach ($column in $Required) {
        if ($columns -notcontains $column) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidCsvFile' -Argument $Parameter -TargetObject $Path `
                -Message ("-{0}: the file '{1}' has no '{2}' column (it needs a header line with {3}); nothing was sent." -f $Parameter, $full, $column, ($Required -join ',')) 
            $Cmdlet.ThrowTerminatingError($record)
        }
    }
    return $rows
}

function Read-AzsCspMeterCatalog {
    <#
    .SYNOPSIS
    -MeterCatalogPath: CSV meterId,meterName,unit. Returns @{ Entries (for the core); Lookup (meter key -> entry) }.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet, [string] $Path)

    $result = @{ Entries = $null; Lookup = @{} }
    if ([string]::IsNullOrWhiteSpace($Path)) { return $result }
    $entries = [System.Collections.Generic.List[object]]::new()
    $line = 1
    foreach ($row in (Read-AzsCspUsageCsv -Cmdlet $Cmdlet -Path $Path -Parameter 'MeterCatalogPath' -Required 'meterId', 'meterName', 'unit')) {
        $line++
        if ([string]::IsNullOrWhiteSpace($row.meterId) -or [string]::IsNullOrWhiteSpace($row.meterName)) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidCsvFile' -Argument 'MeterCatalogPath' -TargetObject $Path `
                -Message ("-MeterCatalogPath: line {0} of '{1}' has no meterId or meterName; nothing was sent." -f $line, $Path)
            $Cmdlet.ThrowTerminatingError($record)
        }
        $entry = [ordered]@{ meterId = $row.meterId.Trim(); meterName = $row.meterName.Trim(); unit = [string]$row.unit }
        $entries.Add($entry)
        $result.Lookup[(ConvertTo-AzsCspMeterKey $entry.meterId)] = $entry
    }
    $result.Entries = $entries.ToArray()
    Write-Verbose ("Meter catalogue: {0} entries from {1} (they override the built-in catalogue by meter ID)." -f $entries.Count, $Path)
    return $result
}

function Read-AzsCspPriceSheet {
    <#
    .SYNOPSIS
    -PriceSheetPath: CSV meterId,unitPrice[,currency]; unitPrice in invariant culture (1.25).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet, [string] $Path)

    if ([string]::IsNullOrWhiteSpace($Path)) { return $null }
    $prices = [System.Collections.Generic.List[object]]::new()
    $line = 1
    foreach ($row in (Read-AzsCspUsageCsv -Cmdlet $Cmdlet -Path $Path -Parameter 'PriceSheetPath' -Required 'meterId', 'unitPrice')) {
        $line++
        $price = 0.0
        if ([string]::IsNullOrWhiteSpace($row.meterId) -or -not [double]::TryParse([string]$row.unitPrice, [System.Globalization.NumberStyles]::Float, [cultureinfo]::InvariantCulture, [ref]$price) -or $price -lt 0) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidCsvFile' -Argument 'PriceSheetPath' -TargetObject $Path `
                -Message ("-PriceSheetPath: line {0} of '{1}' needs a meterId and a non-negative unitPrice such as 1.25 (got '{2}'); nothing was sent." -f $line, $Path, $row.unitPrice)
            $Cmdlet.ThrowTerminatingError($record)
        }
        $entry = [ordered]@{ meterId = $row.meterId.Trim(); unitPrice = $price }
        if ($row.PSObject.Properties['currency'] -and -not [string]::IsNullOrWhiteSpace($row.currency)) { $entry.currency = $row.currency.Trim() }
        $prices.Add($entry)
    }
    Write-Verbose ("Price sheet: {0} meters from {1}." -f $prices.Count, $Path)
    return $prices.ToArray()
}

function ConvertFrom-AzsCspUsageDate {
    [CmdletBinding()]
    param([AllowNull()] [object] $Value)

    if ($null -eq $Value -or '' -eq $Value) { return $null }
    if ($Value -is [datetime]) { return $Value.ToUniversalTime() }
    $parsed = [DateTimeOffset]::MinValue
    if ([DateTimeOffset]::TryParse([string]$Value, [cultureinfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::AssumeUniversal, [ref]$parsed)) {
        return $parsed.UtcDateTime
    }
    return $null
}

function ConvertTo-AzsCspUsageRecord {
    <#
    .SYNOPSIS
    An AzsCsp.UsageRecord from an item of usage.subscriber / usage.tenant (the user's catalogue wins).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [AllowNull()] [object] $Data,
        [hashtable] $Catalog,
        [string] $ContextName
    )

    if ($null -eq $Data) { return }
    $meterId = [string](Get-AzsCspMember $Data 'meterId')
    $meterName = [string](Get-AzsCspMember $Data 'meterName')
    $unit = [string](Get-AzsCspMember $Data 'unit')
    if ($Catalog -and $Catalog.Count -gt 0) {
        $entry = $Catalog[(ConvertTo-AzsCspMeterKey $meterId)]
        if ($entry) { $meterName = $entry.meterName; $unit = $entry.unit }
    }
    if (-not $meterName) { $meterName = 'Unknown ({0})' -f $meterId }

    $instanceData = Get-AzsCspMember $Data 'instanceData'
    $resourceUri = [string](Get-AzsCspMember $Data 'resourceUri')
    $location = [string](Get-AzsCspMember $Data 'location')
    $tags = Get-AzsCspMember $Data 'tags'
    $additionalInfo = Get-AzsCspMember $Data 'additionalInfo'
    if (-not $resourceUri -and $instanceData -is [string] -and $instanceData) {
        # Fallback: the module parses instanceData (a JSON string) itself.
        try {
            $resources = (ConvertFrom-Json -InputObject $instanceData -AsHashtable -ErrorAction Stop)['Microsoft.Resources']
            if ($resources) {
                $resourceUri = [string]$resources['resourceUri']; $location = [string]$resources['location']
                $tags = $resources['tags']; $additionalInfo = $resources['additionalInfo']
            }
        }
        catch { Write-Debug "AzsCsp: instanceData is not JSON: $_" }
    }
    $resourceGroup = [string](Get-AzsCspMember $Data 'resourceGroup')
    $resourceType = [string](Get-AzsCspMember $Data 'resourceType')
    $resourceName = [string](Get-AzsCspMember $Data 'resourceName')
    if ($resourceUri -and -not ($resourceGroup -or $resourceType)) {
        $parts = $resourceUri.Trim('/').Split('/')
        for ($i = 0; $i -lt $parts.Count - 1; $i++) {
            if ($parts[$i] -eq 'resourceGroups') { $resourceGroup = $parts[$i + 1] }
            if ($parts[$i] -eq 'providers' -and $i + 2 -lt $parts.Count) {
                $names = [System.Collections.Generic.List[string]]::new(); $types = [System.Collections.Generic.List[string]]::new()
                $types.Add($parts[$i + 1])
                for ($j = $i + 2; $j + 1 -lt $parts.Count; $j += 2) { $types.Add($parts[$j]); $names.Add($parts[$j + 1]) }
                $resourceType = $types -join '/'; $resourceName = $names -join '/'
                break
            }
        }
    }
    if ($tags -is [string] -and $tags -eq '') { $tags = $null }
    if ($additionalInfo -is [string] -and $additionalInfo -eq '') { $additionalInfo = $null }
    $quantity = Get-AzsCspMember $Data 'quantity'

    return [pscustomobject]@{
        PSTypeName        = 'AzsCsp.UsageRecord'
        SubscriptionId    = [string](Get-AzsCspMember $Data 'subscriptionId')
        UsageStartTime    = ConvertFrom-AzsCspUsageDate (Get-AzsCspMember $Data 'usageStartTime')
        UsageEndTime      = ConvertFrom-AzsCspUsageDate (Get-AzsCspMember $Data 'usageEndTime')
        MeterId           = $meterId
        MeterName         = $meterName
        Unit              = $unit
        Quantity          = $(if ($null -eq $quantity) { 0.0 } else { [double]::Parse([string]$quantity, [cultureinfo]::InvariantCulture) })
        ResourceUri       = $resourceUri
        ResourceGroup     = $resourceGroup
        ResourceType      = $resourceType
        ResourceName      = $resourceName
        Location          = $location
        Tags              = $tags
        AdditionalInfo    = $additionalInfo
        InstanceData      = $instanceData
        Id                = [string](Get-AzsCspMember $Data 'id')
        ContinuationToken = [string](Get-AzsCspMember $Data 'continuationToken')
        ContextName       = $ContextName
    }
}

function Get-AzsCspUsageErrorToken {
    <#
    .SYNOPSIS
    The continuation token in a native error (the last completed page), or $null.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([AzsCsp.NativeError] $NativeError)

    if ($null -eq $NativeError -or [string]::IsNullOrWhiteSpace($NativeError.Json)) { return $null }
    try {
        $parsed = ConvertFrom-Json -InputObject $NativeError.Json -AsHashtable -ErrorAction Stop
        foreach ($key in 'continuationToken', 'ContinuationToken') {
            if ($parsed.ContainsKey($key) -and $parsed[$key]) { return [string]$parsed[$key] }
        }
        if ($parsed['details'] -is [hashtable] -and $parsed['details']['continuationToken']) { return [string]$parsed['details']['continuationToken'] }
    }
    catch { Write-Debug "AzsCsp: error JSON not parsed: $_" }
    return $null
}

function Invoke-AzsCspUsageOperation {
    <#
    .SYNOPSIS
    Runs a usage operation and writes each row (converted by -Convert) as it arrives. A failure is a
    non-terminating error record that carries the continuation token to resume with: in the message,
    the recommended action, and as TargetObject (a string), or, when no page completed, -TargetObject.
    Returns $true when it succeeded.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [object] $Entry,
        [Parameter(Mandatory)] [string] $Operation,
        [Parameter(Mandatory)] [System.Collections.IDictionary] $Arguments,
        [Parameter(Mandatory)] [scriptblock] $Convert,
        [hashtable] $Target,
        [object] $TargetObject,
        [string] $Activity = 'AzsCsp',
        [string] $ResumeCommand = 'this command',
        [hashtable] $State = @{}
    )

    $State.Failed = $false
    $State.Error = $null
    $State.LastToken = $null
    Invoke-AzsCspOperation -Cmdlet $Cmdlet -Entry $Entry -Operation $Operation -Arguments $Arguments -OutputKind 'Event' `
        -State $State -NoErrorRecord -Activity $Activity | ForEach-Object {
        $data = $_.DataAsObject()
        & $Convert $data
    }
    if (-not $State.Failed) { return }

    $nativeError = $State.Error
    if ($null -eq $nativeError) { $nativeError = [AzsCsp.NativeError]::Parse($null, 21, $Operation) }
    $token = Get-AzsCspUsageErrorToken -NativeError $nativeError
    $credentialType = if ($null -ne $Entry.Context) { $Entry.Context.CredentialType } else { $null }
    $record = New-AzsCspErrorRecord -NativeError $nativeError -TargetObject $(if ($token) { $token } else { $TargetObject }) -Target $Target -CredentialType $credentialType
    if ($token) {
        $State.LastToken = $token
        $message = '{0} The rows up to the last completed page were written; resume with -ContinuationToken ''{1}''.' -f $record.ErrorDetails.Message.TrimEnd(), $token
        $action = $record.ErrorDetails.RecommendedAction
        $resume = "Run $ResumeCommand again with the same parameters and -ContinuationToken '$token' (the error record's TargetObject) to get the remaining rows."
        $record.ErrorDetails = [System.Management.Automation.ErrorDetails]::new($message)
        $record.ErrorDetails.RecommendedAction = $(if ($action) { "$resume $action" } else { $resume })
    }
    $Cmdlet.WriteError($record)
}

function Resolve-AzsCspUsageContext {
    <#
    .SYNOPSIS
    The context of a usage command: the stamp sign-in (-Endpoint and -DirectoryTenantName, as the
    multi-tenancy commands) when an endpoint is given, else -Context or the default context.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [uri] $Endpoint,
        [string] $EndpointParameter,
        [string] $DirectoryTenantName,
        [System.Management.Automation.PSCredential] $AutomationCredential,
        [object] $Context,
        [string] $CaCertificatePath,
        [ValidateSet('AzureStackAdmin', 'AzureStackUser')] [string] $EnvironmentName = 'AzureStackAdmin'
    )

    if ($null -ne $Endpoint) {
        if ([string]::IsNullOrWhiteSpace($DirectoryTenantName)) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.DirectoryTenantNameRequired' -Argument 'DirectoryTenantName' -TargetObject $Endpoint.AbsoluteUri `
                -Message ("-{0} needs -DirectoryTenantName (the directory to sign in to, for example contoso.onmicrosoft.com); nothing was sent." -f $EndpointParameter)
            $Cmdlet.ThrowTerminatingError($record)
        }
        Assert-AzsCspDirectoryName -Cmdlet $Cmdlet -Name $DirectoryTenantName
        return Resolve-AzsCspStampContext -Cmdlet $Cmdlet -Endpoint $Endpoint -DirectoryTenantName $DirectoryTenantName.Trim() `
            -AutomationCredential $AutomationCredential -Context $Context -CaCertificatePath $CaCertificatePath -EnvironmentName $EnvironmentName
    }
    return Resolve-AzsCspContext -Cmdlet $Cmdlet -Context $Context
}

function Open-AzsCspOutFile {
    <#
    .SYNOPSIS
    -OutFile writer: rows stream into a temporary file next to the target, which Close-AzsCspOutFile
    renames (-Commit) or deletes; nothing half-written is left under the target name.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet, [Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string[]] $Property)

    $full = $Cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
    $extension = [System.IO.Path]::GetExtension($full).ToLowerInvariant()
    if ($extension -notin '.csv', '.json') {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidOutFile' -Argument 'OutFile' -TargetObject $Path `
            -Message ("-OutFile '{0}' must end in .csv or .json (the format follows the extension); nothing was sent." -f $Path)
        $Cmdlet.ThrowTerminatingError($record)
    }
    $directory = [System.IO.Path]::GetDirectoryName($full)
    if (-not [System.IO.Directory]::Exists($directory)) { $null = [System.IO.Directory]::CreateDirectory($directory) }
    $temporary = Join-Path $directory ('.{0}.{1}.tmp' -f [System.IO.Path]::GetFileName($full), [guid]::NewGuid().ToString('N'))
    $writer = [System.IO.StreamWriter]::new($temporary, $false, [System.Text.UTF8Encoding]::new($false))
    if ($extension -eq '.json') { $writer.Write('[') }
    else { $writer.WriteLine((@($Property | ForEach-Object { '"{0}"' -f $_ }) -join ',')) }
    return @{ Path = $full; Temporary = $temporary; Writer = $writer; Format = $extension.TrimStart('.'); Count = 0; Property = $Property; Closed = $false }
}

function Write-AzsCspOutFileRow {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [hashtable] $File, [Parameter(Mandatory)] [object] $Row)

    $selected = [ordered]@{}
    foreach ($name in $File.Property) {
        $value = $Row.$name
        if ($value -is [datetime]) { $value = $value.ToString('yyyy-MM-ddTHH:mm:ssZ', [cultureinfo]::InvariantCulture) }
        elseif ($value -is [double]) { $value = $(if ($File.Format -eq 'csv') { $value.ToString('R', [cultureinfo]::InvariantCulture) } else { $value }) }
        elseif ($File.Format -eq 'csv' -and $value -is [array]) { $value = $value -join ';' }
        $selected[$name] = $value
    }
    if ($File.Format -eq 'json') {
        if ($File.Count -gt 0) { $File.Writer.Write(',') }
        $File.Writer.Write([Environment]::NewLine + '  ' + (ConvertTo-Json -InputObject $selected -Compress -Depth 5))
    }
    else {
        $csv = @([pscustomobject]$selected | ConvertTo-Csv -NoTypeInformation)
        $File.Writer.WriteLine($csv[1])
    }
    $File.Count++
}

function Close-AzsCspOutFile {
    [CmdletBinding()]
    param([hashtable] $File, [switch] $Commit)

    if ($null -eq $File -or $File.Closed) { return }
    $File.Closed = $true
    try {
        if ($Commit) {
            if ($File.Format -eq 'json') { $File.Writer.Write($(if ($File.Count -gt 0) { [Environment]::NewLine + ']' } else { ']' }) + [Environment]::NewLine) }
            $File.Writer.Dispose()
            [System.IO.File]::Move($File.Temporary, $File.Path, $true)
            Write-Verbose ("Wrote {0} lines to {1}." -f $File.Count, $File.Path)
            return
        }
        $File.Writer.Dispose()
    }
    finally {
        if (Test-Path -LiteralPath $File.Temporary) { Remove-Item -LiteralPath $File.Temporary -Force -ErrorAction SilentlyContinue }
    }
}

$script:ChargebackFileColumns = @(
    'PeriodStart', 'PeriodEnd', 'AggregationGranularity', 'RegistrationName', 'TenantId', 'DirectoryName', 'MappingStatus', 'Mapped',
    'BilledSubscriptionId', 'CustomerSubscriptionId', 'SubscriptionIds', 'IncludesDeletedSubscription',
    'MeterId', 'MeterName', 'Unit', 'Quantity', 'UnitPrice', 'Amount', 'Currency')

function ConvertTo-AzsCspChargebackLine {
    <#
    .SYNOPSIS
    An AzsCsp.ChargebackLine from an item of usage.chargeback.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [object] $Data, [Parameter(Mandatory)] [hashtable] $Context)

    $meterId = [string](Get-AzsCspMember $Data 'meterId')
    $meterName = [string](Get-AzsCspMember $Data 'meterName')
    $unit = [string](Get-AzsCspMember $Data 'unit')
    if ($Context.Lookup -and $Context.Lookup.Count -gt 0) {
        $entry = $Context.Lookup[(ConvertTo-AzsCspMeterKey $meterId)]
        if ($entry) { $meterName = $entry.meterName; $unit = $entry.unit }
    }
    $mapped = [bool](Get-AzsCspMember $Data 'mapped')
    $customer = [string](Get-AzsCspMember $Data 'customerSubscriptionId')
    $toDouble = { param($v) if ($null -eq $v -or '' -eq $v) { $null } else { [double]::Parse([string]$v, [cultureinfo]::InvariantCulture) } }
    $tenantId = [string](Get-AzsCspMember $Data 'tenantId')
    $status = if ($mapped) { 'Mapped' } elseif ($tenantId) { 'Unmapped (registration subscription)' } else { 'Unattributed (registration subscription)' }
    return [pscustomobject]@{
        PSTypeName                  = 'AzsCsp.ChargebackLine'
        TenantId                    = $tenantId
        DirectoryName               = [string](Get-AzsCspMember $Data 'directoryName')
        Mapped                      = $mapped
        MappingStatus               = $status
        CustomerSubscriptionId      = $(if ($customer) { $customer } else { $null })
        BilledSubscriptionId        = $(if ($mapped -and $customer) { $customer } else { $Context.RegistrationSubscriptionId })
        SubscriptionIds             = [string[]]@(Get-AzsCspMember $Data 'subscriptionIds' | Where-Object { $_ } | ForEach-Object { [string]$_ })
        IncludesDeletedSubscription = [bool](Get-AzsCspMember $Data 'includesDeletedSubscription')
        MeterId                     = $meterId
        MeterName                   = $(if ($meterName) { $meterName } else { 'Unknown ({0})' -f $meterId })
        Unit                        = $unit
        Quantity                    = $(& $toDouble (Get-AzsCspMember $Data 'quantity'))
        UnitPrice                   = $(& $toDouble (Get-AzsCspMember $Data 'unitPrice'))
        Amount                      = $(& $toDouble (Get-AzsCspMember $Data 'amount'))
        Currency                    = $(if (Get-AzsCspMember $Data 'currency') { [string](Get-AzsCspMember $Data 'currency') } else { $null })
        PeriodStart                 = $Context.Start
        PeriodEnd                   = $Context.End
        AggregationGranularity      = $Context.Granularity
        RegistrationName            = $Context.RegistrationName
    }
}
