#Requires -Version 7.2
<#
.SYNOPSIS
Benchmark (not a test): the chargeback through AzsCsp against a plain PowerShell baseline on the same
generated usage, wall time and peak memory of each, printed as a table with the ratio.

.DESCRIPTION
Starts azscsp-emulator, adds synthetic user subscriptions with POST /_emulator/usage/generate so the
window holds about -Rows usage rows (subscriptions x -Meters x -Hours, Hourly), then runs in turn,
each in its own pwsh process:
  AzsCsp    Get-AzsCspChargeback (the aggregation runs in the native core while pages stream in)
  Baseline  Invoke-RestMethod over every nextLink, rows collected, then Group-Object SubscriptionId, MeterId
and reads each process's peak memory (VmHWM in /proc/self/status on Linux, PeakWorkingSet64
elsewhere). Wall time is measured inside each process (Seconds: module import, sign-in and the work;
Setup s: the import and sign-in part) and around it (Process s, pwsh start included). Not registered
with ctest.

.PARAMETER Rows
About how many generated usage rows (default 1,000,000). The 15 fixture rows per hour come on top.

.PARAMETER Meters
Meters per synthetic subscription (default 10).

.PARAMETER Hours
Hours in the window (default 100).

.PARAMETER Run
Which runs to measure: AzsCsp, Baseline or both (default).

.PARAMETER EmulatorPath
The azscsp-emulator executable (default: $env:AZSCSP_EMULATOR, else <repo>/build/emulator/azscsp-emulator).

.PARAMETER NativeLibraryPath
The azscsp native library (default: the module's bin folder).

.PARAMETER ModulePath
The AzsCsp module folder or manifest (default: <repo>/module/AzsCsp).

.EXAMPLE
pwsh -NoProfile -File bench/chargeback/Invoke-ChargebackBenchmark.ps1 -Rows 100000 -EmulatorPath build/emulator/azscsp-emulator -NativeLibraryPath build/native-shim/libazscsp.so
#>
[CmdletBinding()]
param(
    [ValidateRange(1000, 100000000)] [int] $Rows = 1000000,
    [ValidateRange(1, 1000)] [int] $Meters = 10,
    [ValidateRange(1, 2000)] [int] $Hours = 100,
    [string] $EmulatorPath,
    [string] $NativeLibraryPath,
    [string] $ModulePath,
    [ValidateSet('AzsCsp', 'Baseline')] [string[]] $Run = @('AzsCsp', 'Baseline')
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$repo = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../..'))
if ($EmulatorPath) { $env:AZSCSP_EMULATOR = [System.IO.Path]::GetFullPath($EmulatorPath) }
if (-not $NativeLibraryPath) { $NativeLibraryPath = Join-Path $repo 'module/AzsCsp/bin/libazscsp.so' }
if (-not $ModulePath) { $ModulePath = Join-Path $repo 'module/AzsCsp/AzsCsp.psd1' }
elseif (Test-Path -LiteralPath $ModulePath -PathType Container) { $ModulePath = Join-Path $ModulePath 'AzsCsp.psd1' }
Import-Module (Join-Path $repo 'tests/pester/TestHelpers.psm1') -Force   # emulator start/stop and control calls

$subscriptions = [int][math]::Max(1, [math]::Ceiling($Rows / ($Meters * $Hours)))
$emulator = Start-AzsCspTestEmulator
$settingsPath = Join-Path $emulator.DataDirectory 'bench-settings.json'
try {
    $fixture = Get-AzsCspTestFixture
    $stamp = Get-AzsCspTestStampFixture
    $nowHour = [datetime]::SpecifyKind([datetime]::UtcNow.Date.AddHours([datetime]::UtcNow.Hour), [System.DateTimeKind]::Utc)
    $start = $nowHour.AddHours( - ($Hours + 1))
    $end = $start.AddHours($Hours)
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $generated = Invoke-AzsCspEmulatorControl -Emulator $emulator -Method POST -Path '/_emulator/usage/generate' -Body @{
        subscriptions = $subscriptions; meters = $Meters; hours = $Hours; start = $start.ToString('yyyy-MM-ddTHH:mm:ssZ'); tenants = [math]::Max(1, [int]($subscriptions / 2)) }
    Write-Verbose ("Generated {0} rows ({1} subscriptions x {2} meters x {3} hours) in {4:N1} s." -f $generated.rows, $subscriptions, $Meters, $Hours, $clock.Elapsed.TotalSeconds)

    $settings = [ordered]@{
        start = $start.ToString('o'); end = $end.ToString('o')
        nativeLibraryPath = [System.IO.Path]::GetFullPath($NativeLibraryPath); modulePath = [System.IO.Path]::GetFullPath($ModulePath)
        resourceManagerUrl = $emulator.resourceManagerUrl; authority = $emulator.activeDirectoryAuthority; audience = $emulator.audience
        adminResourceManagerUrl = $emulator.adminResourceManagerUrl; adminAudience = $emulator.adminAudience; caCertificatePath = $emulator.caCertificatePath
        tenant = $fixture.PartnerTenantId; tenantDomain = $fixture.PartnerTenantDomain
        azureAppId = $fixture.OwnerAppId; azureSecret = $fixture.OwnerSecret
        operatorUserName = $fixture.OperatorUserName; operatorPassword = $fixture.OperatorPassword
        registrationSubscriptionId = $fixture.RegistrationSubscriptionId; registrationName = $fixture.RegistrationName
        adminSubscriptionId = $stamp.AdminSubscriptionId
    }
    Set-Content -LiteralPath $settingsPath -Value (ConvertTo-Json $settings)

    $pwsh = [Environment]::ProcessPath
    $prefix = @()
    if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $prefix = @([Environment]::GetCommandLineArgs()[0]) }
    $results = [System.Collections.Generic.List[object]]::new()
    $modes = @('AzsCsp', 'Baseline' | Where-Object { $_ -in $Run })
    foreach ($mode in $modes) {
        # The baseline trusts the emulator's CA through SSL_CERT_FILE (read by .NET on Linux at start).
        $savedCertFile = $env:SSL_CERT_FILE
        if ($mode -eq 'Baseline') { $env:SSL_CERT_FILE = $emulator.caCertificatePath }
        try {
            $outer = [System.Diagnostics.Stopwatch]::StartNew()
            $output = & $pwsh @prefix -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Measure-Run.ps1') -Mode $mode -SettingsPath $settingsPath 2>&1
            $outer.Stop()
        }
        finally { $env:SSL_CERT_FILE = $savedCertFile }
        $line = @($output | ForEach-Object { [string]$_ } | Where-Object { $_ -like '{"mode":*' }) | Select-Object -Last 1
        if (-not $line) { throw "The $mode run failed:`n$($output | Out-String)" }
        $r = ConvertFrom-Json $line
        $results.Add([pscustomobject]@{
                Run          = $mode
                Rows         = $r.rows
                Groups       = $r.groups
                Quantity     = [math]::Round($r.quantity, 3)
                'Seconds'    = [math]::Round($r.seconds, 2)
                'Setup s'    = [math]::Round($r.setupSeconds, 2)
                'Process s'  = [math]::Round($outer.Elapsed.TotalSeconds, 2)
                'Peak MiB'   = [math]::Round($r.peakBytes / 1MB, 1)
            })
    }
    $table = $results | Format-Table -AutoSize | Out-String
    [Console]::Out.WriteLine(("Chargeback benchmark: {0} generated rows ({1} subscriptions x {2} meters x {3} hours, Hourly) + fixture rows" -f $generated.rows, $subscriptions, $Meters, $Hours))
    [Console]::Out.WriteLine($table.TrimEnd())
    if ($results.Count -eq 2) {
        $a = $results[0]; $b = $results[1]
        [Console]::Out.WriteLine(("Ratio baseline / AzsCsp: wall time {0:N1}x, peak memory {1:N1}x; same quantity: {2}" -f `
                    ($b.Seconds / [math]::Max($a.Seconds, 0.001)), ($b.'Peak MiB' / [math]::Max($a.'Peak MiB', 0.001)), ([math]::Abs($a.Quantity - $b.Quantity) -lt 0.01)))
    }
}
finally {
    Stop-AzsCspTestEmulator -Emulator $emulator
}
