function Get-AzsHealthReport {
    <#
    .SYNOPSIS
    Gets the identity health report of an Azure Stack Hub: which directories have its applications fully configured (operator).

    .DESCRIPTION
    Get-AzsHealthReport runs checkIdentityHealth on the Default Provider Subscription (api-version
    2018-05-01, or 2015-11-01 on stamps without it). For the home directory and each onboarded guest
    directory the stamp checks every application: its service principal, tags, application permissions
    and delegated permissions; a directory is Healthy only when all are in place.

    The output is one AzsCsp.IdentityHealthReport: ReportStartTimeUtc, ReportEndTimeUtc, Status and
    DirectoryTenants, a plain array of AzsCsp.DirectoryTenantHealth (TenantName, TenantId, Status,
    Applications with what is Unhealthy), whatever shape the stamp answered in. So the documented
    script works as written:
    $healthReport.directoryTenants | Where-Object status -ne 'Healthy'
    An Unhealthy guest directory needs Register-AzsWithMyDirectoryTenant (re-)run by its administrator;
    an Unhealthy home directory needs Update-AzsHomeDirectoryTenant.

    Sign-in as for Register-AzsGuestDirectoryTenant (fresh token each time; the original could read a
    stale one from a cache).

    .PARAMETER AdminResourceManagerEndpoint
    The stamp's admin Resource Manager endpoint, for example https://adminmanagement.local.azurestack.external/. Must be https.

    .PARAMETER DirectoryTenantName
    The home directory of the stamp (for example contoso.onmicrosoft.com).

    .PARAMETER AutomationCredential
    Signs in non-interactively with this user name and password.

    .PARAMETER SubscriptionId
    The admin subscription. Default: the 'Default Provider Subscription'.

    .PARAMETER Context
    The AzsCsp context (name or object) to use instead of finding or making one.

    .PARAMETER CaCertificatePath
    A PEM file with the certificate authorities to trust for the stamp's endpoints, used when the
    command signs in itself.

    .EXAMPLE
    PS> $healthReport = Get-AzsHealthReport -AdminResourceManagerEndpoint https://adminmanagement.local.azurestack.external -DirectoryTenantName contoso.onmicrosoft.com
    PS> $healthReport.directoryTenants | Where-Object status -ne 'Healthy' | Select-Object tenantName, tenantId, status

    The documented script: lists the directories that need their applications (re-)configured.

    .EXAMPLE
    PS> Get-AzsHealthReport $adminArm contoso.onmicrosoft.com -AutomationCredential $operator | Select-Object -ExpandProperty DirectoryTenants

    Shows each directory's status as a table.

    .EXAMPLE
    PS> (Get-AzsHealthReport $adminArm contoso.onmicrosoft.com).DirectoryTenants.Applications | Where-Object Status -ne Healthy | Format-List AppId, Unhealthy

    Shows what is missing for each unhealthy application.

    .INPUTS
    None.

    .OUTPUTS
    AzsCsp.IdentityHealthReport

    .LINK
    Register-AzsWithMyDirectoryTenant

    .LINK
    Update-AzsHomeDirectoryTenant
    #>
    [CmdletBinding(PositionalBinding = $false)]
    [OutputType('AzsCsp.IdentityHealthReport')]
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

        [string] $SubscriptionId,

        [object] $Context,

        [ValidateNotNullOrEmpty()]
        [string] $CaCertificatePath
    )

    Assert-AzsCspDirectoryName -Cmdlet $PSCmdlet -Name $DirectoryTenantName
    Assert-AzsCspSubscriptionChoice -Cmdlet $PSCmdlet -SubscriptionId $SubscriptionId
    $directory = $DirectoryTenantName.Trim()
    $entry = Resolve-AzsCspStampContext -Cmdlet $PSCmdlet -Endpoint $AdminResourceManagerEndpoint -DirectoryTenantName $directory `
        -AutomationCredential $AutomationCredential -Context $Context -CaCertificatePath $CaCertificatePath -EnvironmentName AzureStackAdmin
    $target = Get-AzsCspStampTarget -Endpoint $AdminResourceManagerEndpoint -DirectoryTenantName $directory -Stamp Admin
    $arguments = [ordered]@{}
    if (-not [string]::IsNullOrWhiteSpace($SubscriptionId)) { $arguments.subscriptionId = $SubscriptionId.Trim() }
    $item = @(Invoke-AzsCspStampOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'identity.healthReport' -Arguments $arguments `
            -Target $target -TargetObject $directory -Activity 'Checking the identity health') | Select-Object -First 1
    if ($null -eq $item) {
        return
    }
    ConvertTo-AzsCspHealthReport -Data $item -ContextName $entry.Name
}
