function Update-AzsHomeDirectoryTenant {
    <#
    .SYNOPSIS
    Installs and configures an Azure Stack Hub's applications in its home directory after an update (operator).

    .DESCRIPTION
    Update-AzsHomeDirectoryTenant does for the home directory what Register-AzsWithMyDirectoryTenant
    does for a guest directory: it reads the stamp's applicationRegistrations from the admin Resource
    Manager and, through Microsoft Graph v1.0, creates the missing service principals, tags,
    application permissions and delegated permissions. Run it when the administrator portal says the
    home directory "requires an update" (after a stamp update or a new resource provider).

    It is idempotent and reports what it changed: one AzsCsp.DirectoryConfigurationReport, per
    application Status AlreadyConfigured or Configured with its Changes.

    Sign-in as for Register-AzsGuestDirectoryTenant: an existing context of -AdminResourceManagerEndpoint
    in the home directory, -AutomationCredential, or a device code; or -Context. The account needs
    Global Administrator or Application Administrator in the home directory.

    .PARAMETER AdminResourceManagerEndpoint
    The stamp's admin Resource Manager endpoint, for example https://adminmanagement.local.azurestack.external/. Must be https.

    .PARAMETER DirectoryTenantName
    The home directory of the stamp (for example contoso.onmicrosoft.com).

    .PARAMETER AutomationCredential
    Signs in non-interactively with this user name and password (fails for accounts that need MFA).

    .PARAMETER MicrosoftGraphEndpoint
    The Microsoft Graph endpoint of the directory's cloud, when AzsCsp cannot find it.

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
    PS> Update-AzsHomeDirectoryTenant -AdminResourceManagerEndpoint https://adminmanagement.local.azurestack.external -DirectoryTenantName contoso.onmicrosoft.com

    The documented command; signs in with a device code when no context is there.

    .EXAMPLE
    PS> (Update-AzsHomeDirectoryTenant $adminArm contoso.onmicrosoft.com -AutomationCredential $operator).Applications | Where-Object Status -eq Configured

    Unattended; shows what the update changed.

    .INPUTS
    None.

    .OUTPUTS
    AzsCsp.DirectoryConfigurationReport

    .LINK
    Register-AzsWithMyDirectoryTenant

    .LINK
    Get-AzsHealthReport
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium', PositionalBinding = $false)]
    [OutputType('AzsCsp.DirectoryConfigurationReport')]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ValidateScript({ $_.IsAbsoluteUri -and $_.Scheme -eq 'https' }, ErrorMessage = "The endpoint '{0}' is not an absolute https URL (for example https://adminmanagement.local.azurestack.external/).")]
        [uri] $AdminResourceManagerEndpoint,

        [Parameter(Mandatory, Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string] $DirectoryTenantName,

        [Parameter(Position = 2)]
        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $AutomationCredential,

        [ValidateScript({ $_.IsAbsoluteUri -and $_.Scheme -eq 'https' }, ErrorMessage = "The endpoint '{0}' is not an absolute https URL (for example https://graph.microsoft.com/).")]
        [uri] $MicrosoftGraphEndpoint,

        [object] $Context,

        [ValidateNotNullOrEmpty()]
        [string] $CaCertificatePath
    )

    Assert-AzsCspDirectoryName -Cmdlet $PSCmdlet -Name $DirectoryTenantName
    $directory = $DirectoryTenantName.Trim()
    $action = "Install and configure the Azure Stack Hub applications of $($AdminResourceManagerEndpoint.AbsoluteUri) (service principals, application and delegated permissions)"
    if (-not $PSCmdlet.ShouldProcess("Home directory '$directory'", $action)) {
        return
    }

    $entry = Resolve-AzsCspStampContext -Cmdlet $PSCmdlet -Endpoint $AdminResourceManagerEndpoint -DirectoryTenantName $directory `
        -AutomationCredential $AutomationCredential -Context $Context -CaCertificatePath $CaCertificatePath `
        -MicrosoftGraphEndpoint $MicrosoftGraphEndpoint -EnvironmentName AzureStackAdmin
    $target = Get-AzsCspStampTarget -Endpoint $AdminResourceManagerEndpoint -DirectoryTenantName $directory -Stamp Admin
    $item = @(Invoke-AzsCspStampOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'directory.install' -Arguments ([ordered]@{ directoryTenantName = $directory }) `
            -Target $target -TargetObject $directory -Activity "Configuring home directory $directory") | Select-Object -First 1
    if ($null -eq $item) {
        return
    }
    $report = ConvertTo-AzsCspDirectoryReport -Data $item -DirectoryTenantName $directory -ResourceManagerEndpoint $AdminResourceManagerEndpoint.AbsoluteUri -ContextName $entry.Name
    Write-Verbose ('Home directory {0}: {1} application(s) configured now, {2} already configured, {3} change(s).' -f $directory, $report.Configured, $report.AlreadyConfigured, $report.ChangeCount)
    $report
}
