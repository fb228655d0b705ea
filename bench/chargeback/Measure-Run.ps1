#Requires -Version 7.2
<#
.SYNOPSIS
One measured run of the chargeback benchmark, in its own PowerShell process (started by
Invoke-ChargebackBenchmark.ps1): -Mode AzsCsp (Get-AzsCspChargeback) or Baseline (Invoke-RestMethod
paging over nextLink, then Group-Object). Prints one JSON line: mode, seconds, setupSeconds (module import and sign-in), peakBytes, rows, groups, quantity.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [ValidateSet('AzsCsp', 'Baseline')] [string] $Mode,
    [Parameter(Mandatory)] [string] $SettingsPath
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$s = Get-Content -LiteralPath $SettingsPath -Raw | ConvertFrom-Json
$start = [datetime]::SpecifyKind([datetime]$s.start, [System.DateTimeKind]::Utc)
$end = [datetime]::SpecifyKind([datetime]$s.end, [System.DateTimeKind]::Utc)

function Get-PeakBytes {
    if (Test-Path -LiteralPath '/proc/self/status') {
        $line = Select-String -LiteralPath '/proc/self/status' -Pattern '^VmHWM:\s+(\d+)\s+kB' | Select-Object -First 1
        if ($line) { return [long]$line.Matches[0].Groups[1].Value * 1024 }
    }
    $p = [System.Diagnostics.Process]::GetCurrentProcess()
    $p.Refresh()
    return $p.PeakWorkingSet64
}

$clock = [System.Diagnostics.Stopwatch]::StartNew()
$rows = 0L
$groups = 0
$quantity = 0.0
if ($Mode -eq 'AzsCsp') {
    $env:AZSCSP_NATIVE_LIBRARY = $s.nativeLibraryPath
    Import-Module $s.modulePath -Force
    $secret = ConvertTo-SecureString -String $s.azureSecret -AsPlainText -Force
    $null = Connect-AzsCspAccount -Environment AzsCspBench -ResourceManagerEndpoint $s.resourceManagerUrl -ActiveDirectoryAuthority $s.authority `
        -ActiveDirectoryResourceId $s.audience -CaCertificatePath $s.caCertificatePath -ServicePrincipal -Tenant $s.tenant `
        -Credential ([pscredential]::new($s.azureAppId, $secret)) -ContextName azure -Force
    $operator = [pscredential]::new($s.operatorUserName, (ConvertTo-SecureString -String $s.operatorPassword -AsPlainText -Force))
    $summary = $null
    $setup = $clock.Elapsed.TotalSeconds
    Get-AzsCspChargeback -ReportedStartTime $start -ReportedEndTime $end -AggregationGranularity Hourly -AzureContext azure `
        -RegistrationSubscriptionId $s.registrationSubscriptionId -RegistrationName $s.registrationName `
        -AdminResourceManagerEndpoint $s.adminResourceManagerUrl -DirectoryTenantName $s.tenantDomain -AutomationCredential $operator `
        -CaCertificatePath $s.caCertificatePath -InformationVariable summary | ForEach-Object {
        $groups++
        $quantity += $_.Quantity
    }
    $info = @($summary | Where-Object { $_.Tags -contains 'AzsCsp.ChargebackSummary' }) | Select-Object -First 1
    if ($info) { $rows = [long]$info.MessageData.Rows }
}
else {
    # The plain PowerShell way: a token, Invoke-RestMethod over every nextLink, Group-Object.
    # The emulator's CA is trusted through SSL_CERT_FILE, set by the driver before this process started.
    $form = @{ grant_type = 'client_credentials'; client_id = $s.azureAppId; client_secret = $s.azureSecret; scope = ($s.adminAudience.TrimEnd('/') + '/.default') }
    $token = (Invoke-RestMethod -Method Post -Uri ('{0}/{1}/oauth2/v2.0/token' -f $s.authority.TrimEnd('/'), $s.tenant) -Body $form).access_token
    $headers = @{ Authorization = "Bearer $token" }
    $setup = $clock.Elapsed.TotalSeconds
    $uri = '{0}/subscriptions/{1}/providers/Microsoft.Commerce.Admin/subscriberUsageAggregates?api-version=2015-06-01-preview&reportedStartTime={2}&reportedEndTime={3}&aggregationGranularity=Hourly' -f `
        $s.adminResourceManagerUrl.TrimEnd('/'), $s.adminSubscriptionId, [uri]::EscapeDataString($start.ToString('yyyy-MM-ddTHH:mm:ssZ')), [uri]::EscapeDataString($end.ToString('yyyy-MM-ddTHH:mm:ssZ'))
    $all = [System.Collections.Generic.List[object]]::new()
    while ($uri) {
        $page = Invoke-RestMethod -Uri $uri -Headers $headers
        foreach ($r in $page.value) {
            $all.Add([pscustomobject]@{ SubscriptionId = $r.properties.subscriptionId; MeterId = $r.properties.meterId; Quantity = [double]$r.properties.quantity })
        }
        $uri = $page.nextLink
    }
    $rows = $all.Count
    foreach ($g in ($all | Group-Object SubscriptionId, MeterId)) {
        $groups++
        $quantity += ($g.Group | Measure-Object Quantity -Sum).Sum
    }
}
$clock.Stop()
[Console]::Out.WriteLine((ConvertTo-Json -Compress -InputObject ([ordered]@{
                mode = $Mode; seconds = $clock.Elapsed.TotalSeconds; setupSeconds = $setup; peakBytes = (Get-PeakBytes); rows = $rows; groups = $groups; quantity = $quantity })))
