function Unregister-AzsGuestDirectoryTenant {
    <#
    .SYNOPSIS
    Offboards a guest directory from an Azure Stack Hub (operator, home directory).

    .DESCRIPTION
    Unregister-AzsGuestDirectoryTenant deletes Microsoft.Subscriptions.Admin/directoryTenants/{guest}
    (api-version 2015-11-01): users of that directory can no longer sign in to the stamp.

    Offboarding order (documented): first the guest directory's administrator runs
    Unregister-AzsWithMyDirectoryTenant, then the operator runs this command. Once the directory is
    offboarded, its administrator can no longer read the stamp's applications to remove them.

    The command asks for confirmation (ConfirmImpact High), naming the guest directory that will be
    offboarded (the original script's prompt named the home directory). -Force skips the prompt;
    -AutomationCredential also skips it, as the original's prompt was skipped for unattended runs
    (pass -Confirm to be asked anyway). -WhatIf shows what would be removed without signing in or
    sending anything. A guest directory that is not onboarded gives a warning, not an error.

    Sign-in as for Register-AzsGuestDirectoryTenant: an existing context of the endpoint and home
    directory, -AutomationCredential, or a device code; or -Context.

    .PARAMETER AdminResourceManagerEndpoint
    The stamp's admin Resource Manager endpoint, for example https://adminmanagement.local.azurestack.external/. Must be https.

    .PARAMETER DirectoryTenantName
    The home directory of the stamp (for example contoso.onmicrosoft.com), where the operator signs in.

    .PARAMETER GuestDirectoryTenantName
    The guest directory to offboard (the name of its directoryTenants resource, usually its domain).

    .PARAMETER ResourceGroupName
    The resource group of the directory tenants: system.<region> (ASDK: system.local).

    .PARAMETER SubscriptionId
    The admin subscription. Default: the subscription named -SubscriptionName.

    .PARAMETER SubscriptionName
    The name of the admin subscription. Default: 'Default Provider Subscription'.

    .PARAMETER AutomationCredential
    Signs in non-interactively with this user name and password; also skips the confirmation prompt
    unless -Confirm is given.

    .PARAMETER Context
    The AzsCsp context (name or object) to use instead of finding or making one.

    .PARAMETER CaCertificatePath
    A PEM file with the certificate authorities to trust for the stamp's endpoints (private CA), used
    when the command signs in itself.

    .PARAMETER Force
    Does not ask for confirmation (-WhatIf is still honoured).

    .PARAMETER PassThru
    Writes an AzsCsp.RemovedDirectoryTenant object (Name, Id, Existed).

    .PARAMETER WhatIf
    Shows which guest directory would be offboarded, without signing in or sending anything.

    .PARAMETER Confirm
    Asks for confirmation (the default for this command).

    .EXAMPLE
    PS> Unregister-AzsGuestDirectoryTenant -AdminResourceManagerEndpoint https://adminmanagement.local.azurestack.external -DirectoryTenantName contoso.onmicrosoft.com -GuestDirectoryTenantName fabrikam.onmicrosoft.com -ResourceGroupName system.local

    The documented command; asks "Offboard guest directory 'fabrikam.onmicrosoft.com' ..." first.

    .EXAMPLE
    PS> Unregister-AzsGuestDirectoryTenant $adminArm contoso.onmicrosoft.com fabrikam.onmicrosoft.com system.local -AutomationCredential $operator -PassThru

    Unattended (no prompt), positional as the original; writes what was removed.

    .EXAMPLE
    PS> Unregister-AzsGuestDirectoryTenant $adminArm contoso.onmicrosoft.com adatum.onmicrosoft.com system.local -WhatIf

    Shows the guest directory that would be offboarded.

    .INPUTS
    None.

    .OUTPUTS
    None, or AzsCsp.RemovedDirectoryTenant with -PassThru.

    .LINK
    Unregister-AzsWithMyDirectoryTenant

    .LINK
    Register-AzsGuestDirectoryTenant

    .LINK
    https://learn.microsoft.com/azure-stack/operator/enable-multitenancy
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High', PositionalBinding = $false)]
    [OutputType('AzsCsp.RemovedDirectoryTenant')]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ValidateScript({ $_.IsAbsoluteUri -and $_.Scheme -eq 'https' }, ErrorMessage = "The endpoint '{0}' is not an absolute https URL (for example https://adminmanagement.local.azurestack.external/).")]
        [uri] $AdminResourceManagerEndpoint,

        [Parameter(Mandatory, Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string] $DirectoryTenantName,

        [Parameter(Mandatory, Position = 2)]
        [ValidateNotNullOrEmpty()]
        [string] $GuestDirectoryTenantName,

        [Parameter(Mandatory, Position = 3)]
        [ValidateNotNullOrEmpty()]
        [string] $ResourceGroupName,

        [Parameter(Position = 4)]
        [string] $SubscriptionId,

        [Parameter(Position = 5)]
        [string] $SubscriptionName,

        [Parameter(Position = 6)]
        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $AutomationCredential,

        [object] $Context,

        [ValidateNotNullOrEmpty()]
        [string] $CaCertificatePath,

        [switch] $Force,

        [switch] $PassThru
    )

    Assert-AzsCspDirectoryName -Cmdlet $PSCmdlet -Name $DirectoryTenantName
    Assert-AzsCspResourceGroupName -Cmdlet $PSCmdlet -ResourceGroupName $ResourceGroupName
    Assert-AzsCspSubscriptionChoice -Cmdlet $PSCmdlet -SubscriptionId $SubscriptionId -SubscriptionName $SubscriptionName
    $guest = $GuestDirectoryTenantName.Trim()
    if ([string]::IsNullOrWhiteSpace($guest) -or $guest -match '[/\\?#%]') {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidDirectoryTenantName' -Argument 'GuestDirectoryTenantName' -TargetObject $GuestDirectoryTenantName `
            -Message ("The guest directory name '{0}' is not valid." -f $GuestDirectoryTenantName) `
            -RecommendedAction 'Pass the name of the directory tenant as Get-AzsDirectoryTenant lists it (usually the domain).'
        $PSCmdlet.ThrowTerminatingError($record)
    }

    # Unattended runs of the original (-AutomationCredential) were not prompted.
    $skipPrompt = $Force -or ($AutomationCredential -and -not $PSBoundParameters.ContainsKey('Confirm'))
    $action = "Offboard: delete the directory tenant in resource group '$ResourceGroupName'; users of '$guest' can no longer sign in to this Azure Stack Hub"
    if (-not (Test-AzsCspShouldProcess -Cmdlet $PSCmdlet -Force $skipPrompt -Target "Guest directory '$guest' on $($AdminResourceManagerEndpoint.AbsoluteUri)" -Action $action)) {
        return
    }

    $entry = Resolve-AzsCspStampContext -Cmdlet $PSCmdlet -Endpoint $AdminResourceManagerEndpoint -DirectoryTenantName $DirectoryTenantName `
        -AutomationCredential $AutomationCredential -Context $Context -CaCertificatePath $CaCertificatePath -EnvironmentName AzureStackAdmin
    $target = Get-AzsCspStampTarget -Endpoint $AdminResourceManagerEndpoint -DirectoryTenantName $DirectoryTenantName -GuestDirectoryTenantName $guest -Stamp Admin
    $subscription = Resolve-AzsCspAdminSubscription -Cmdlet $PSCmdlet -Entry $entry -SubscriptionId $SubscriptionId -SubscriptionName $SubscriptionName -Target $target
    $arguments = [ordered]@{ subscriptionId = $subscription; resourceGroupName = $ResourceGroupName; name = $guest }
    $item = @(Invoke-AzsCspStampOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'directoryTenants.delete' -Arguments $arguments `
            -Target $target -TargetObject $guest -Activity 'Offboarding the guest directory') | Select-Object -First 1
    if ($null -eq $item) {
        return
    }
    $existed = Get-AzsCspMember $item 'existed'
    if ($PassThru) {
        [pscustomobject]@{
            PSTypeName               = 'AzsCsp.RemovedDirectoryTenant'
            GuestDirectoryTenantName = $guest
            Id                       = [string](Get-AzsCspMember $item 'id')
            Existed                  = $(if ($null -eq $existed) { $null } else { [bool]$existed })
            ResourceGroupName        = $ResourceGroupName
            SubscriptionId           = $subscription
            ContextName              = $entry.Name
        }
    }
}
