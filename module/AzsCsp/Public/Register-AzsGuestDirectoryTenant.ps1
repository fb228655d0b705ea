function Register-AzsGuestDirectoryTenant {
    <#
    .SYNOPSIS
    Onboards one or more customer directories as guest directories of an Azure Stack Hub (operator, home directory).

    .DESCRIPTION
    Register-AzsGuestDirectoryTenant is step 1 of multi-tenancy, run by the Azure Stack Hub operator
    signed in to the home directory. For each guest directory it resolves the directory's tenant ID
    from its domain (through the stamp's login endpoint), creates the resource group if it is missing,
    and creates Microsoft.Subscriptions.Admin/directoryTenants/{guest} (api-version 2015-11-01) in the
    admin subscription. Step 2 is Register-AzsWithMyDirectoryTenant, run by each guest directory's
    administrator.

    The command has the documented name, parameters and positions, so existing scripts run unchanged.
    Unlike the original it takes many guests in one call: they run as one batch (requests in parallel)
    with a progress bar, each guest gives one AzsCsp.DirectoryTenantRegistration object (Status Done,
    or AlreadyDone when the directory was already onboarded with the same tenant ID), and a guest that
    fails (for example a domain that does not resolve, ErrorId AzsCsp.TenantNotFound) is a
    non-terminating error that does not stop the others.

    Sign-in: the command reuses a context of -AdminResourceManagerEndpoint in -DirectoryTenantName
    (Connect-AzsCspAccount, or an earlier command), else signs in itself: with -AutomationCredential
    (user name and password, non-interactive), otherwise with a device code. Pass -Context to choose a
    context. Without -SubscriptionId the 'Default Provider Subscription' (or -SubscriptionName) is used,
    whatever the context's subscription.

    .PARAMETER AdminResourceManagerEndpoint
    The stamp's admin Resource Manager endpoint, for example https://adminmanagement.local.azurestack.external/. Must be https.

    .PARAMETER DirectoryTenantName
    The home directory of the stamp (for example contoso.onmicrosoft.com), where the operator signs in.

    .PARAMETER GuestDirectoryTenantName
    One or more guest directories to onboard, by domain (fabrikam.onmicrosoft.com) or tenant ID.

    .PARAMETER Location
    The stamp's region (ASDK: local).

    .PARAMETER SubscriptionId
    The admin subscription. Default: the subscription named -SubscriptionName.

    .PARAMETER SubscriptionName
    The name of the admin subscription. Default: 'Default Provider Subscription'.

    .PARAMETER ResourceGroupName
    The resource group of the directory tenants: system.<region> (ASDK: system.local). Created when missing.

    .PARAMETER AutomationCredential
    Signs in non-interactively with this user name and password (fails for accounts that need MFA).
    Without it, and without a context of this endpoint and directory, the command signs in with a device code.

    .PARAMETER Context
    The AzsCsp context (name or object) to use instead of finding or making one.

    .PARAMETER CaCertificatePath
    A PEM file with the certificate authorities to trust for the stamp's endpoints (private CA), used
    when the command signs in itself.

    .PARAMETER ThrottleLimit
    How many guests are onboarded in parallel. Default: 4.

    .PARAMETER WhatIf
    Shows which guest directories would be onboarded, without signing in or sending anything.

    .PARAMETER Confirm
    Asks for confirmation before each guest directory.

    .EXAMPLE
    PS> Register-AzsGuestDirectoryTenant -AdminResourceManagerEndpoint https://adminmanagement.local.azurestack.external -DirectoryTenantName contoso.onmicrosoft.com -GuestDirectoryTenantName fabrikam.onmicrosoft.com -Location local -ResourceGroupName system.local

    The documented command: onboards Fabrikam's directory; signs in with a device code when no context is there.

    .EXAMPLE
    PS> $guests = 'fabrikam.onmicrosoft.com', 'adatum.onmicrosoft.com'
    PS> Register-AzsGuestDirectoryTenant -AdminResourceManagerEndpoint $adminArm -DirectoryTenantName contoso.onmicrosoft.com -GuestDirectoryTenantName $guests -Location local -SubscriptionName 'Default Provider Subscription' -ResourceGroupName system.local -AutomationCredential $operator

    Onboards two guest directories in one call, non-interactively; one result object each.

    .EXAMPLE
    PS> Register-AzsGuestDirectoryTenant $adminArm contoso.onmicrosoft.com (Get-Content ./guests.txt) local -ResourceGroupName system.local -ErrorVariable failed

    Positional, as the original: onboards every directory listed in guests.txt; the ones that failed are in $failed.

    .INPUTS
    None.

    .OUTPUTS
    AzsCsp.DirectoryTenantRegistration

    .LINK
    Register-AzsWithMyDirectoryTenant

    .LINK
    Unregister-AzsGuestDirectoryTenant

    .LINK
    Get-AzsDirectoryTenant

    .LINK
    https://learn.microsoft.com/azure-stack/operator/enable-multitenancy
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium', PositionalBinding = $false)]
    [OutputType('AzsCsp.DirectoryTenantRegistration')]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ValidateScript({ $_.IsAbsoluteUri -and $_.Scheme -eq 'https' }, ErrorMessage = "The endpoint '{0}' is not an absolute https URL (for example https://adminmanagement.local.azurestack.external/).")]
        [uri] $AdminResourceManagerEndpoint,

        [Parameter(Mandatory, Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string] $DirectoryTenantName,

        [Parameter(Mandatory, Position = 2)]
        [ValidateNotNullOrEmpty()]
        [string[]] $GuestDirectoryTenantName,

        [Parameter(Mandatory, Position = 3)]
        [ValidateNotNullOrEmpty()]
        [string] $Location,

        [Parameter(Position = 4)]
        [string] $SubscriptionId,

        [Parameter(Position = 5)]
        [string] $SubscriptionName,

        [Parameter(Mandatory, Position = 6)]
        [ValidateNotNullOrEmpty()]
        [string] $ResourceGroupName,

        [Parameter(Position = 7)]
        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $AutomationCredential,

        [object] $Context,

        [ValidateNotNullOrEmpty()]
        [string] $CaCertificatePath,

        [ValidateRange(1, 32)]
        [int] $ThrottleLimit = 4
    )

    Assert-AzsCspDirectoryName -Cmdlet $PSCmdlet -Name $DirectoryTenantName
    Assert-AzsCspResourceGroupName -Cmdlet $PSCmdlet -ResourceGroupName $ResourceGroupName
    Assert-AzsCspSubscriptionChoice -Cmdlet $PSCmdlet -SubscriptionId $SubscriptionId -SubscriptionName $SubscriptionName

    # Validate and confirm every guest first: nothing is signed in or sent for -WhatIf.
    $accepted = [System.Collections.Generic.List[string]]::new()
    $seen = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)
    foreach ($raw in $GuestDirectoryTenantName) {
        $guest = ([string]$raw).Trim()
        if (-not (Test-AzsCspDirectoryName $guest)) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidDirectoryTenantName' -Argument 'GuestDirectoryTenantName' -TargetObject $raw `
                -Message ("The guest directory '{0}' is neither a domain name (for example fabrikam.onmicrosoft.com) nor a tenant ID (GUID); nothing was sent for it." -f $raw)
            $PSCmdlet.WriteError($record)
            continue
        }
        if (-not $seen.Add($guest)) {
            continue
        }
        $action = "Onboard as a guest directory of the Azure Stack Hub (directoryTenants in resource group '$ResourceGroupName', location '$Location')"
        if ($PSCmdlet.ShouldProcess("Guest directory '$guest' on $($AdminResourceManagerEndpoint.AbsoluteUri)", $action)) {
            $accepted.Add($guest)
        }
    }
    if ($accepted.Count -eq 0) {
        return
    }

    $entry = Resolve-AzsCspStampContext -Cmdlet $PSCmdlet -Endpoint $AdminResourceManagerEndpoint -DirectoryTenantName $DirectoryTenantName `
        -AutomationCredential $AutomationCredential -Context $Context -CaCertificatePath $CaCertificatePath -EnvironmentName AzureStackAdmin
    $baseTarget = Get-AzsCspStampTarget -Endpoint $AdminResourceManagerEndpoint -DirectoryTenantName $DirectoryTenantName -Stamp Admin
    $subscription = Resolve-AzsCspAdminSubscription -Cmdlet $PSCmdlet -Entry $entry -SubscriptionId $SubscriptionId -SubscriptionName $SubscriptionName -Target $baseTarget

    $contextName = $entry.Name
    $convert = {
        param($NativeEvent, $Pending)
        $data = $NativeEvent.DataAsObject()
        [pscustomobject]@{
            PSTypeName               = 'AzsCsp.DirectoryTenantRegistration'
            GuestDirectoryTenantName = [string]$Pending.TargetObject
            Name                     = [string](Get-AzsCspMember $data 'name')
            TenantId                 = [string](Get-AzsCspMember $data 'tenantId')
            Status                   = [string](Get-AzsCspMember $data 'status')
            Location                 = [string](Get-AzsCspMember $data 'location')
            ResourceGroupName        = [string]$Pending.Target.ResourceGroupName
            SubscriptionId           = [string]$Pending.Target.SubscriptionId
            Id                       = [string](Get-AzsCspMember $data 'id')
            ContextName              = $Pending.ContextName
        }
    }
    $state = New-AzsCspBatchState -Cmdlet $PSCmdlet -Operation 'directoryTenants.register' -Mode Item -Convert $convert `
        -ThrottleLimit $ThrottleLimit -Activity 'Onboarding guest directories'
    try {
        foreach ($guest in $accepted) {
            $target = $baseTarget.Clone()
            $target.GuestDirectoryTenantName = $guest
            $target.SubscriptionId = $subscription
            $target.ResourceGroupName = $ResourceGroupName
            $arguments = [ordered]@{
                subscriptionId           = $subscription
                resourceGroupName        = $ResourceGroupName
                location                 = $Location
                guestDirectoryTenantName = $guest
            }
            Add-AzsCspBatchItem -State $state -Entry $entry -Arguments $arguments -TargetObject $guest -Target $target
        }
        Complete-AzsCspBatch -State $state
        Write-Verbose ('Onboarded {0} of {1} guest directories (context {2}).' -f ($state.Completed - $state.Failed), $state.Pushed, $contextName)
    }
    finally {
        Close-AzsCspBatch -State $state
    }
}
