function Get-AzsCspNativeLibraryPath {
    <#
    .SYNOPSIS
    The native library to load: $env:AZSCSP_NATIVE_LIBRARY when set, else bin/<platform file name>.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()

    if (-not [string]::IsNullOrWhiteSpace($env:AZSCSP_NATIVE_LIBRARY)) {
        return [System.IO.Path]::GetFullPath($env:AZSCSP_NATIVE_LIBRARY)
    }
    $moduleRoot = Split-Path -Parent $PSScriptRoot
    return (Join-Path (Join-Path $moduleRoot 'bin') ([AzsCsp.Native]::DefaultLibraryFileName))
}

function Initialize-AzsCspNative {
    <#
    .SYNOPSIS
    Loads the native library once per process. With -Quiet returns $false on failure (and remembers
    why); otherwise throws a terminating error through -Cmdlet.
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [System.Management.Automation.PSCmdlet] $Cmdlet,
        [switch] $Quiet
    )

    if ([AzsCsp.Native]::IsLoaded) {
        return $true
    }
    $path = Get-AzsCspNativeLibraryPath
    try {
        [AzsCsp.Native]::Load($path)
        $script:NativeLoadError = $null
        Write-Verbose ("Loaded the AzsCsp native library {0} (version {1}, ABI {2})." -f $path, [AzsCsp.Native]::Version, [AzsCsp.Native]::LoadedAbiVersion)
        return $true
    }
    catch {
        $exception = $_.Exception
        while ($exception -is [System.Management.Automation.MethodInvocationException] -and $exception.InnerException) {
            $exception = $exception.InnerException
        }
        $script:NativeLoadError = $exception
        if ($Quiet) {
            return $false
        }

        $reason = if ($exception -is [AzsCsp.NativeLibraryException]) { $exception.Reason } else { 'LoadFailed' }
        $category = switch ($reason) {
            'NotFound' { [System.Management.Automation.ErrorCategory]::ObjectNotFound }
            'AbiMismatch' { [System.Management.Automation.ErrorCategory]::InvalidResult }
            default { [System.Management.Automation.ErrorCategory]::ResourceUnavailable }
        }
        $record = [System.Management.Automation.ErrorRecord]::new($exception, "AzsCsp.NativeLibrary$reason", $category, $path)
        $record.ErrorDetails = [System.Management.Automation.ErrorDetails]::new($exception.Message)
        $record.ErrorDetails.RecommendedAction = switch ($reason) {
            'NotFound' {
                "Build the native library (cmake --build <build dir> --target azscsp copies it into the module's bin folder), " +
                'reinstall the module, or set $env:AZSCSP_NATIVE_LIBRARY to the full path of ' + [AzsCsp.Native]::DefaultLibraryFileName + '.'
            }
            'AbiMismatch' { 'Use the native library built from the same AzsCsp version as this module.' }
            default { 'Check that the library and its dependencies (OpenSSL) are installed for this platform and architecture.' }
        }
        if ($Cmdlet) {
            $Cmdlet.ThrowTerminatingError($record)
        }
        throw $record
    }
}
