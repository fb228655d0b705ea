function Register-AzsWithMyDirectoryTenant {
    <#
    .SYNOPSIS
    Installs and configures an Azure Stack Hub's applications in your (guest) directory (the guest directory's administrator).

    .DESCRIPTION
    Register-AzsWithMyDirectoryTenant is step 2 of multi-tenancy, run by an administrator of the guest
    directory after the stamp operator onboarded it (Register-AzsGuestDirectoryTenant). Through the
    stamp's user Resource Manager and Microsoft Graph v1.0 (not the retired Azure AD Graph) it:
    reads /metadata/identity and creates the service principal of the stamp's Resource Manager
    application; grants the Azure PowerShell client user_impersonation on it; reads the stamp's
    applicationRegistrations; and for each application creates the missing service principal, tags,
    application permissions (app role assignments) and delegated permissions (admin consent grants).

    It is idempotent: what exists is left alone, so re-running it after a stamp update (or a new
    resource provider) adds only what is missing. The output is one AzsCsp.DirectoryConfigurationReport:
    per application Status AlreadyConfigured or Configured, with the changes made (Changes), and the
    counts. Each change is also written to the verbose stream. Nothing is written to the module folder
    or the console host.

    The signed-in account needs Global Administrator or Application Administrator in the directory
    (else ErrorId AzsCsp.Authorization_RequestDenied, with the recommended action). A directory the
    operator has not onboarded is refused by the stamp (AzsCsp.InvalidAuthenticationTokenTenant, with
    the recommended action to ask the operator).

    Sign-in: a context of -TenantResourceManagerEndpoint in -DirectoryTenantName is reused; else the
    command signs in itself with -AutomationCredential (non-interactive) or a device code. The stamp's
    token for this directory exists only once its application is installed, so the command signs in
    at its first request (Microsoft Graph) rather than up front.

    .PARAMETER TenantResourceManagerEndpoint
    The stamp's user Resource Manager endpoint, for example https://management.local.azurestack.external/. Must be https.

    .PARAMETER DirectoryTenantName
    The guest directory to configure (for example fabrikam.onmicrosoft.com), where you are an administrator.

    .PARAMETER AutomationCredential
    Signs in non-interactively with this user name and password (fails for accounts that need MFA).

    .PARAMETER CustomCloudAzureResourceManagerEndpoint
    Accepted for compatibility with the original script (where it named the public cloud of the
    directory). AzsCsp finds Microsoft Graph from the stamp's metadata and login endpoint; when it cannot
    (AzsCsp.MicrosoftGraphUnknown), pass -MicrosoftGraphEndpoint.

    .PARAMETER MicrosoftGraphEndpoint
    The Microsoft Graph endpoint of the directory's cloud (for example https://graph.microsoft.com/),
    when AzsCsp cannot find it. Used when the command signs in itself.

    .PARAMETER Context
    The AzsCsp context (name or object) to use instead of finding or making one.

    .PARAMETER CaCertificatePath
    A PEM file with the certificate authorities to trust for the stamp's endpoints, used when the
    command signs in itself.

    .PARAMETER WhatIf
    Shows what would be configured, without signing in or sending anything.

    .PARAMETER Confirm
    Asks for confirmation first.

    .EXAMPLE
    PS> Register-AzsWithMyDirectoryTenant -TenantResourceManagerEndpoint https://management.local.azurestack.external -DirectoryTenantName fabrikam.onmicrosoft.com

    The documented command, run by Fabrikam's administrator; signs in with a device code.

    .EXAMPLE
    PS> $report = Register-AzsWithMyDirectoryTenant https://management.local.azurestack.external fabrikam.onmicrosoft.com -AutomationCredential $fabrikamAdmin
    PS> $report.Applications | Where-Object Status -eq Configured | Format-List DisplayName, Changes

    Re-run after a stamp update: shows only the applications it changed and what it did.

    .INPUTS
    None.

    .OUTPUTS
    AzsCsp.DirectoryConfigurationReport

    .LINK
    Register-AzsGuestDirectoryTenant

    .LINK
    Unregister-AzsWithMyDirectoryTenant

    .LINK
    Get-AzsHealthReport

    .LINK
    https://learn.microsoft.com/azure-stack/operator/enable-multitenancy
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium', PositionalBinding = $false)]
    [OutputType('AzsCsp.DirectoryConfigurationReport')]
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
        [string] $CaCertificatePath
    )

    Assert-AzsCspDirectoryName -Cmdlet $PSCmdlet -Name $DirectoryTenantName
    $directory = $DirectoryTenantName.Trim()
    if ($CustomCloudAzureResourceManagerEndpoint) {
        Write-Verbose ('-CustomCloudAzureResourceManagerEndpoint {0} is not needed: Microsoft Graph is found from the stamp (pass -MicrosoftGraphEndpoint if it cannot be).' -f $CustomCloudAzureResourceManagerEndpoint)
    }
    $action = "Install and configure the Azure Stack Hub applications of $($TenantResourceManagerEndpoint.AbsoluteUri) (service principals, application and delegated permissions)"
    if (-not $PSCmdlet.ShouldProcess("Directory '$directory'", $action)) {
        return
    }

    $entry = Resolve-AzsCspStampContext -Cmdlet $PSCmdlet -Endpoint $TenantResourceManagerEndpoint -DirectoryTenantName $directory `
        -AutomationCredential $AutomationCredential -Context $Context -CaCertificatePath $CaCertificatePath `
        -MicrosoftGraphEndpoint $MicrosoftGraphEndpoint -EnvironmentName AzureStackUser -Deferred
    $target = Get-AzsCspStampTarget -Endpoint $TenantResourceManagerEndpoint -DirectoryTenantName $directory -Stamp Tenant
    $item = @(Invoke-AzsCspStampOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'directory.install' -Arguments ([ordered]@{ directoryTenantName = $directory }) `
            -Target $target -TargetObject $directory -Activity "Configuring directory $directory") | Select-Object -First 1
    if ($null -eq $item) {
        return
    }
    $report = ConvertTo-AzsCspDirectoryReport -Data $item -DirectoryTenantName $directory -ResourceManagerEndpoint $TenantResourceManagerEndpoint.AbsoluteUri -ContextName $entry.Name
    Write-Verbose ('Directory {0}: {1} application(s) configured now, {2} already configured, {3} change(s).' -f $directory, $report.Configured, $report.AlreadyConfigured, $report.ChangeCount)
    $report
}
