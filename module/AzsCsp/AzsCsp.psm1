# AzsCsp.psm1 - loads the native interop, the private helpers and the public cmdlets.
Set-StrictMode -Version 3.0

# --- Native interop ------------------------------------------------------------------------------
# The C# below is process-wide once compiled: a second import (another runspace, Import-Module -Force)
# reuses the types when they are the same version.
$script:InteropVersion = 4
$interopType = 'AzsCsp.Native' -as [type]
if (-not $interopType) {
    Add-Type -Path (Join-Path $PSScriptRoot 'Interop/AzsCspNative.cs') -ErrorAction Stop
}
elseif ([AzsCsp.Native]::InteropVersion -ne $script:InteropVersion) {
    Write-Warning ("An AzsCsp interop of another version ({0}) is already loaded in this process; start a new PowerShell session to use this AzsCsp version." -f [AzsCsp.Native]::InteropVersion)
}
Remove-Variable -Name interopType

# --- Module state --------------------------------------------------------------------------------
# Contexts: name -> [pscustomobject]@{ Name; Client ([AzsCsp.NativeClient]); Context ([AzsCsp.Context]) }
$script:Contexts = [System.Collections.Specialized.OrderedDictionary]::new([System.StringComparer]::OrdinalIgnoreCase)
$script:DefaultContextName = $null
# The most recent Partner Center context (Connect-AzsCspPartnerCenter), the default of -PartnerCenterContext.
$script:PartnerCenterContextName = $null
$script:LocalClient = $null   # a native client for operations that send no request (Get-AzsCspLocalClient)
# Why the last attempt to load the native library failed (reported by Connect-AzsCspAccount).
$script:NativeLoadError = $null

# --- Functions -----------------------------------------------------------------------------------
# The PowerShell 7.3+ 'clean' block cancels native operations when a pipeline stops. PowerShell 7.2
# cannot parse it, so there the block (between the '#region clean' markers) is removed before the
# file is loaded, and the try/finally in process/end does the cleanup.
$script:HasCleanBlock = $PSVersionTable.PSVersion -ge [version]'7.3'
$privateFiles = @(Get-ChildItem -Path (Join-Path $PSScriptRoot 'Private') -Filter '*.ps1' -File -ErrorAction SilentlyContinue)
$publicFiles = @(Get-ChildItem -Path (Join-Path $PSScriptRoot 'Public') -Filter '*.ps1' -File -ErrorAction SilentlyContinue)
foreach ($file in $privateFiles) { . $file.FullName }
foreach ($file in $publicFiles) {
    if ($script:HasCleanBlock) {
        . $file.FullName
    }
    else {
        $text = [System.IO.File]::ReadAllText($file.FullName)
        $text = [regex]::Replace($text, '(?ms)^[ \t]*#region clean\b.*?#endregion clean[^\r\n]*', '')
        . ([scriptblock]::Create($text))
    }
}

# Try to load the native library now; Connect-AzsCspAccount reports a failure (and retries, in case
# AZSCSP_NATIVE_LIBRARY was set after the import). Help, Get-Command and formatting work without it.
$null = Initialize-AzsCspNative -Quiet

# --- Unload --------------------------------------------------------------------------------------
$ExecutionContext.SessionState.Module.OnRemove = {
    foreach ($entry in @($script:Contexts.Values)) {
        try { $entry.Client.Dispose() } catch { }
    }
    $script:Contexts.Clear()
    $script:DefaultContextName = $null
    $script:PartnerCenterContextName = $null
    if ($null -ne $script:LocalClient) {
        try { $script:LocalClient.Dispose() } catch { }
        $script:LocalClient = $null
    }
}

Export-ModuleMember -Function @($publicFiles | ForEach-Object { $_.BaseName })
