<#
.SYNOPSIS
    Builds AzsCsp on Windows (or any OS with PowerShell 7 and a C++17 toolchain).
.DESCRIPTION
    Configures and builds the native core, the shim (azscsp.dll, copied into module\AzsCsp\bin),
    the emulator and the tests with CMake. C++ dependencies come from vcpkg in manifest mode
    (vcpkg.json at the repository root): pass -VcpkgRoot or set VCPKG_ROOT.
.EXAMPLE
    git clone https://github.com/microsoft/vcpkg C:\vcpkg; C:\vcpkg\bootstrap-vcpkg.bat
    .\build-scripts\setup.ps1 -VcpkgRoot C:\vcpkg
.EXAMPLE
    .\build-scripts\setup.ps1 -Test      # build, then run every test suite through CTest
#>
[CmdletBinding()]
param(
    [string] $VcpkgRoot = $env:VCPKG_ROOT,
    [string] $BuildDirectory = (Join-Path $PSScriptRoot '..' 'build'),
    [ValidateSet('Debug', 'Release', 'RelWithDebInfo')] [string] $Configuration = 'RelWithDebInfo',
    [switch] $Test
)
$ErrorActionPreference = 'Stop'
$root = Resolve-Path (Join-Path $PSScriptRoot '..')

$configure = @('-S', $root, '-B', $BuildDirectory, "-DCMAKE_BUILD_TYPE=$Configuration")
if ($VcpkgRoot) {
    $toolchain = Join-Path $VcpkgRoot 'scripts' 'buildsystems' 'vcpkg.cmake'
    if (-not (Test-Path $toolchain)) { throw "No vcpkg toolchain at '$toolchain'; check -VcpkgRoot." }
    $configure += "-DCMAKE_TOOLCHAIN_FILE=$toolchain"
} elseif ($IsWindows) {
    throw 'Set VCPKG_ROOT or pass -VcpkgRoot: on Windows the C++ dependencies come from vcpkg (vcpkg.json).'
}
if (-not (Get-Module -ListAvailable Pester | Where-Object Version -ge '5.7.0')) {
    Write-Warning 'Pester 5.7 or later is needed for the cmdlet tests: Install-Module Pester -MinimumVersion 5.7.1 (or from NuGet).'
}

# The conformance test validates recorded traffic with oav (npm); it needs Node.js 20 or later.
$oav = Join-Path $root 'tests' 'conformance' 'oav'
if (Get-Command npm -ErrorAction SilentlyContinue) {
    if (-not (Test-Path (Join-Path $oav 'node_modules' 'oav' 'dist' 'cli.js'))) {
        npm ci --prefix $oav --no-audit --no-fund --loglevel=error
        if ($LASTEXITCODE) { throw "npm ci in $oav failed ($LASTEXITCODE)." }
    }
} else {
    Write-Warning 'Node.js (npm) is needed for the conformance test (oav validate-traffic); install Node.js 20 or later.'
}

cmake @configure
if ($LASTEXITCODE) { throw "CMake configure failed ($LASTEXITCODE)." }
cmake --build $BuildDirectory --config $Configuration --parallel
if ($LASTEXITCODE) { throw "Build failed ($LASTEXITCODE)." }
if ($Test) {
    ctest --test-dir $BuildDirectory -C $Configuration --output-on-failure
    if ($LASTEXITCODE) { throw "Tests failed ($LASTEXITCODE)." }
}
Write-Host "Built. Import-Module $(Join-Path $root 'module' 'AzsCsp')"
