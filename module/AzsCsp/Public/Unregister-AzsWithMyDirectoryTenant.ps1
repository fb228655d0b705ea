function Unregister-AzsWithMyDirectoryTenant {
    <#
    .SYNOPSIS
    Removes an Azure Stack Hub's applications from your (guest) directory (the guest directory's administrator).

    .DESCRIPTION
    Unregister-AzsWithMyDirectoryTenant is step 1 of offboarding, run by an administrator of the guest
    directory: it reads the stamp's applicationRegistrations from the user Resource Manager and deletes
    each application's service principal in the directory through Microsoft Graph v1.0 (the stamp's
    Resource Manager application last). Step 2 is the operator's Unregister-AzsGuestDirectoryTenant;
    in the other order this step fails, because the stamp no longer accepts the directory's tokens.

    The output is one AzsCsp.DirectoryRemovalReport: per application whether its service principal was
    removed (Removed) or was not there. The command asks for confirmation (ConfirmImpact High); -Force
    skips the prompt, and so does -AutomationCredential (as the original's prompt was skipped for
    unattended runs) unless -Confirm is given. -WhatIf signs in to nothing and sends nothing.

    Sign-in as for Register-AzsWithMyDirectoryTenant.

    .PARAMETER TenantResourceManagerEndpoint
    The stamp's user Resource Manager endpoint, for example https://management.local.azurestack.external/. Must be https.

    .PARAMETER DirectoryTenantName
    The guest directory to clean up (for example fabrikam.onmicrosoft.com), where you are an administrator.

    .PARAMETER AutomationCredential
    Signs in non-interactively with this user name and password; also skips the confirmation prompt
    unless -Confirm is given.

    .PARAMETER CustomCloudAzureResourceManagerEndpoint
    Accepted for compatibility with the original script; see Register-AzsWithMyDirectoryTenant.

    .PARAMETER MicrosoftGraphEndpoint
    The Microsoft Graph endpoint of the directory's cloud, when AzsCsp cannot find it.

    .PARAMETER Context
    The AzsCsp context (name or object) to use instead of finding or making one.

    .PARAMETER CaCertificatePath
    A PEM file with the certificate authorities to trust for the stamp's endpoints, used when the
    command signs in itself.

    .PARAMETER Force
    Does not ask for confirmation (-WhatIf is still honoured).

    .PARAMETER WhatIf
    Shows what would be removed, without signing in or sending anything.

    .PARAMETER Confirm
    Asks for confirmation (the default for this command).

    .EXAMPLE
    PS> Unregister-AzsWithMyDirectoryTenant -TenantResourceManagerEndpoint https://management.local.azurestack.external -DirectoryTenantName fabrikam.onmicrosoft.com

    The documented command; asks for confirmation, then signs in with a device code.

    .EXAMPLE
    PS> Unregister-AzsWithMyDirectoryTenant https://management.local.azurestack.external fabrikam.onmicrosoft.com -AutomationCredential $fabrikamAdmin | Select-Object -ExpandProperty Applications

    Unattended; lists each application and whether its service principal was removed.

    .INPUTS
    None.

    .OUTPUTS
    AzsCsp.DirectoryRemovalReport

    .LINK
    Unregister-AzsGuestDirectoryTenant

    .LINK
    Register-AzsWithMyDirectoryTenant

    .LINK
    https://learn.microsoft.com/azure-stack/operator/enable-multitenancy
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High', PositionalBinding = $false)]
    [OutputType('AzsCsp.DirectoryRemovalReport')]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ValidateScript({ $_.IsAbsoluteUri -and $_.Scheme -eq 'https' }, ErrorMessage = "The endpoint '{0}' is not an absolute https URL (for example https://management.local.azurestack.external/).")]
        [uri] $TenantResourceManagerEndpoint,

        [Parameter(Mandatory, Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string] $DirectoryTenantName,

        [Parameter(Position = 2)]
        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $AutomationCredential,

        [Parameter(Position = 3)]
        [ValidateScript({ $_.IsAbsoluteUri -and $_.Scheme -eq 'https' }, ErrorMessage = "The endpoint '{0}' is not an absolute https URL.")]
        [uri] $CustomCloudAzureResourceManagerEndpoint,

        [ValidateScript({ $_.IsAbsoluteUri -and $_.Scheme -eq 'https' }, ErrorMessage = "The endpoint '{0}' is not an absolute https URL (for example https://graph.microsoft.com/).")]
        [uri] $MicrosoftGraphEndpoint,

        [object] $Context,

        [ValidateNotNullOrEmpty()]
        [string] $CaCertificatePath,

        [switch] $Force
    )

    Assert-AzsCspDirectoryName -Cmdlet $PSCmdlet -Name $DirectoryTenantName
    $directory = $DirectoryTenantName.Trim()
    $skipPrompt = $Force -or ($AutomationCredential -and -not $PSBoundParameters.ContainsKey('Confirm'))
    $action = "Remove the service principals of the Azure Stack Hub applications of $($TenantResourceManagerEndpoint.AbsoluteUri); users of the directory can no longer use that Azure Stack Hub"
    if (-not (Test-AzsCspShouldProcess -Cmdlet $PSCmdlet -Force $skipPrompt -Target "Directory '$directory'" -Action $action)) {
        return
    }

    $entry = Resolve-AzsCspStampContext -Cmdlet $PSCmdlet -Endpoint $TenantResourceManagerEndpoint -DirectoryTenantName $directory `
        -AutomationCredential $AutomationCredential -Context $Context -CaCertificatePath $CaCertificatePath `
        -MicrosoftGraphEndpoint $MicrosoftGraphEndpoint -EnvironmentName AzureStackUser -Deferred
    $target = Get-AzsCspStampTarget -Endpoint $TenantResourceManagerEndpoint -DirectoryTenantName $directory -Stamp Tenant
    $item = @(Invoke-AzsCspStampOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'directory.uninstall' -Arguments ([ordered]@{ directoryTenantName = $directory }) `
            -Target $target -TargetObject $directory -Activity "Removing the Azure Stack Hub applications from $directory") | Select-Object -First 1
    if ($null -eq $item) {
        return
    }
    $report = ConvertTo-AzsCspDirectoryReport -Data $item -DirectoryTenantName $directory -ResourceManagerEndpoint $TenantResourceManagerEndpoint.AbsoluteUri -ContextName $entry.Name -Removal
    Write-Verbose ('Directory {0}: removed {1} service principal(s).' -f $directory, $report.RemovedCount)
    $report
}
