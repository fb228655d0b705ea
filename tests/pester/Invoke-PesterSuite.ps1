#Requires -Version 7.2
<#
.SYNOPSIS
Runs the AzsCsp Pester suite against azscsp-emulator and prints "Pester: N passed, N failed".

.DESCRIPTION
Registered with ctest as the test 'pester' (tests/pester/CMakeLists.txt). Needs Pester 5.7.1 in a
module folder of PowerShell (build-scripts install it). Exits 0 only when every test passed and at
least one ran; the last line of the output is exactly "Pester: <passed> passed, <failed> failed",
where failed also counts failed blocks and containers (a BeforeAll that throws, a file that does not
parse).

.PARAMETER EmulatorPath
The azscsp-emulator executable (sets $env:AZSCSP_EMULATOR).

.PARAMETER ModulePath
The AzsCsp module folder or manifest (sets $env:AZSCSP_TEST_MODULE). Default: <repo>/module/AzsCsp.

.PARAMETER NativeLibraryPath
The azscsp shared library to load (sets $env:AZSCSP_NATIVE_LIBRARY). Default: the module's bin folder.

.PARAMETER OutputDirectory
Where to write the NUnit XML result (pester-results.xml). Default: no result file.

.PARAMETER Path
Test files or folders to run. Default: every *.Tests.ps1 next to this script.

.PARAMETER FullNameFilter
Runs only the tests whose full name matches one of these wildcard patterns.

.EXAMPLE
pwsh -NoProfile -File tests/pester/Invoke-PesterSuite.ps1 -EmulatorPath build/emulator/azscsp-emulator -NativeLibraryPath build/native-shim/libazscsp.so
#>
[CmdletBinding()]
param(
    [string] $EmulatorPath,
    [string] $ModulePath,
    [string] $NativeLibraryPath,
    [string] $OutputDirectory,
    [string[]] $Path,
    [string[]] $FullNameFilter
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

function Write-Summary([int] $Passed, [int] $Failed) {
    # A CI parser reads this line alone: keep its exact form.
    [Console]::Out.WriteLine(('Pester: {0} passed, {1} failed' -f $Passed, $Failed))
}

$pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.7.1' -and $_.Version.Major -eq 5 } |
    Sort-Object Version -Descending | Select-Object -First 1
if (-not $pester) {
    [Console]::Error.WriteLine('Pester 5.7.1 or a later 5.x is not installed in a PowerShell module folder. Install it (build-scripts do) and run again.')
    Write-Summary 0 1
    exit 2
}
Import-Module $pester.Path -Force

if ($EmulatorPath) { $env:AZSCSP_EMULATOR = [System.IO.Path]::GetFullPath($EmulatorPath) }
if ($ModulePath) { $env:AZSCSP_TEST_MODULE = [System.IO.Path]::GetFullPath($ModulePath) }
if ($NativeLibraryPath) { $env:AZSCSP_NATIVE_LIBRARY = [System.IO.Path]::GetFullPath($NativeLibraryPath) }

$missing = @()
if ($env:AZSCSP_EMULATOR -and -not (Test-Path -LiteralPath $env:AZSCSP_EMULATOR -PathType Leaf)) { $missing += "emulator '$env:AZSCSP_EMULATOR'" }
if ($env:AZSCSP_NATIVE_LIBRARY -and -not (Test-Path -LiteralPath $env:AZSCSP_NATIVE_LIBRARY -PathType Leaf)) { $missing += "native library '$env:AZSCSP_NATIVE_LIBRARY'" }
if ($missing) {
    [Console]::Error.WriteLine('Not built: ' + ($missing -join ', ') + '. Build the azscsp and azscsp-emulator targets first.')
    Write-Summary 0 1
    exit 2
}

$configuration = New-PesterConfiguration
# 'pwsh -File' passes "a,b" as one string: split it.
$Path = @($Path | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
$FullNameFilter = @($FullNameFilter | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
$configuration.Run.Path = $(if ($Path) { $Path } else { @($PSScriptRoot) })
$configuration.Run.PassThru = $true
$configuration.Run.Exit = $false
$configuration.Output.Verbosity = 'Detailed'
$configuration.Output.RenderMode = 'Plaintext'
if ($FullNameFilter) {
    $configuration.Filter.FullName = $FullNameFilter
}
if ($OutputDirectory) {
    $null = New-Item -ItemType Directory -Path $OutputDirectory -Force
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputFormat = 'NUnitXml'
    $configuration.TestResult.OutputPath = Join-Path $OutputDirectory 'pester-results.xml'
}

$result = $null
try {
    $result = Invoke-Pester -Configuration $configuration
}
catch {
    [Console]::Error.WriteLine("Invoke-Pester failed: $_")
}
if (-not $result) {
    Write-Summary 0 1
    exit 1
}

$passed = [int]$result.PassedCount
$failed = [int]$result.FailedCount + [int]$result.FailedBlocksCount + [int]$result.FailedContainersCount
Write-Summary $passed $failed
# Run.Exit semantics: the exit code is the number of failures (at most 255); nothing run is a failure.
if ($failed -gt 0) {
    exit ([math]::Min($failed, 255))
}
if ($passed -eq 0) {
    exit 1
}
exit 0
