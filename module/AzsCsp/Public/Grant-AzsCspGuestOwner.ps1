function Grant-AzsCspGuestOwner {
    <#
    .SYNOPSIS
    Invites the CSP's account into a customer directory as a guest and makes it Owner of the customer's Azure Stack Hub subscription (the customer's administrator).

    .DESCRIPTION
    Grant-AzsCspGuestOwner is the last step of CSP onboarding, run by the end customer's administrator
    so that the Cloud Solution Provider can manage the customer's resources on the stamp:
    1. In the customer's directory (Microsoft Graph v1.0), it looks for a guest user with the given
       e-mail address, and invites one when there is none (no invitation e-mail is sent: hand the
       InviteRedeemUrl to the CSP, who opens it once to accept).
    2. On the stamp's user Resource Manager, it assigns that user the Owner role on
       /subscriptions/{SubscriptionId} (retried while the new user replicates).
    It is idempotent: an existing guest and an existing assignment are reused (Status AlreadyDone).

    The output is one AzsCsp.GuestOwner: UserId, InvitationStatus (PendingAcceptance, Accepted or
    Existing), InviteRedeemUrl, RoleAssignmentId and Status (Done or AlreadyDone).

    The account needs Global Administrator, User Administrator or Guest Inviter in the directory to
    invite (else AzsCsp.Authorization_RequestDenied), and Owner (or User Access Administrator) of the
    subscription. The directory must be onboarded on the stamp and configured
    (Register-AzsWithMyDirectoryTenant).

    Sign-in as for Register-AzsWithMyDirectoryTenant: an existing context of the endpoint and directory,
    -AutomationCredential, or a device code; or -Context.

    .PARAMETER TenantResourceManagerEndpoint
    The stamp's user Resource Manager endpoint, for example https://management.local.azurestack.external/. Must be https.

    .PARAMETER DirectoryTenantName
    The customer's directory (for example fabrikam.onmicrosoft.com), where you are an administrator.

    .PARAMETER SubscriptionId
    The customer's Azure Stack Hub subscription on which the guest becomes Owner.

    .PARAMETER InvitedUserEmailAddress
    The e-mail address of the CSP's account to invite (for example admin@contosocsp.onmicrosoft.com).

    .PARAMETER InviteRedirectUrl
    Where the guest lands after accepting. Default: the stamp's user portal for this directory
    (https://portal.<region>.<fqdn>/<directory>).

    .PARAMETER InvitedUserDisplayName
    The display name of the guest user.

    .PARAMETER AutomationCredential
    Signs in non-interactively with this user name and password.

    .PARAMETER MicrosoftGraphEndpoint
    The Microsoft Graph endpoint of the directory's cloud, when AzsCsp cannot find it.

    .PARAMETER Context
    The AzsCsp context (name or object) to use instead of finding or making one.

    .PARAMETER CaCertificatePath
    A PEM file with the certificate authorities to trust for the stamp's endpoints, used when the
    command signs in itself.

    .PARAMETER WhatIf
    Shows what would be granted, without signing in or sending anything.

    .PARAMETER Confirm
    Asks for confirmation first.

    .EXAMPLE
    PS> Grant-AzsCspGuestOwner -TenantResourceManagerEndpoint https://management.local.azurestack.external -DirectoryTenantName fabrikam.onmicrosoft.com -SubscriptionId 6c1f0b9e-0a4f-4d8e-9a51-0f4f2b7d3c11 -InvitedUserEmailAddress admin@contosocsp.onmicrosoft.com

    Fabrikam's administrator makes the CSP's admin account a guest Owner of Fabrikam's stamp subscription.

    .EXAMPLE
    PS> $grant = Grant-AzsCspGuestOwner -TenantResourceManagerEndpoint $userArm -DirectoryTenantName fabrikam.onmicrosoft.com -SubscriptionId $sub -InvitedUserEmailAddress admin@contosocsp.onmicrosoft.com -AutomationCredential $fabrikamAdmin
    PS> if ($grant.InvitationStatus -eq 'PendingAcceptance') { "Send this link to the CSP: $($grant.InviteRedeemUrl)" }

    Unattended; passes on the invitation link when the guest has not accepted yet.

    .INPUTS
    None.

    .OUTPUTS
    AzsCsp.GuestOwner

    .LINK
    Get-AzsCspGuestOwner

    .LINK
    Register-AzsWithMyDirectoryTenant
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium', PositionalBinding = $false)]
    [OutputType('AzsCsp.GuestOwner')]
    param(
        [Parameter(Mandatory)]
        [ValidateScript({ $_.IsAbsoluteUri -and $_.Scheme -eq 'https' }, ErrorMessage = "The endpoint '{0}' is not an absolute https URL (for example https://management.local.azurestack.external/).")]
        [uri] $TenantResourceManagerEndpoint,

        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string] $DirectoryTenantName,

        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string] $SubscriptionId,

        [Parameter(Mandatory)]
        [ValidatePattern('^[^@\s]+@[^@\s]+\.[^@\s]+$', ErrorMessage = "'{0}' is not an e-mail address.")]
        [string] $InvitedUserEmailAddress,

        [ValidateScript({ $_.IsAbsoluteUri -and $_.Scheme -eq 'https' }, ErrorMessage = "The redirect URL '{0}' is not an absolute https URL.")]
        [uri] $InviteRedirectUrl,

        [ValidateNotNullOrEmpty()]
        [string] $InvitedUserDisplayName,

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
    Assert-AzsCspSubscriptionChoice -Cmdlet $PSCmdlet -SubscriptionId $SubscriptionId
    $directory = $DirectoryTenantName.Trim()
    $subscription = $SubscriptionId.Trim()
    $email = $InvitedUserEmailAddress.Trim()
    $action = "Invite '$email' as a guest of directory '$directory' (if not there yet) and assign it Owner"
    if (-not $PSCmdlet.ShouldProcess("Subscription $subscription on $($TenantResourceManagerEndpoint.AbsoluteUri)", $action)) {
        return
    }

    $entry = Resolve-AzsCspStampContext -Cmdlet $PSCmdlet -Endpoint $TenantResourceManagerEndpoint -DirectoryTenantName $directory `
        -AutomationCredential $AutomationCredential -Context $Context -CaCertificatePath $CaCertificatePath `
        -MicrosoftGraphEndpoint $MicrosoftGraphEndpoint -EnvironmentName AzureStackUser
    $target = Get-AzsCspStampTarget -Endpoint $TenantResourceManagerEndpoint -DirectoryTenantName $directory -Stamp Tenant -SubscriptionId $subscription
    $arguments = [ordered]@{
        subscriptionId          = $subscription
        invitedUserEmailAddress = $email
        inviteRedirectUrl       = $(if ($InviteRedirectUrl) { $InviteRedirectUrl.AbsoluteUri } else { $null })
        invitedUserDisplayName  = $(if ($InvitedUserDisplayName) { $InvitedUserDisplayName } else { $null })
    }
    Invoke-AzsCspStampOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'guestOwner.grant' -Arguments $arguments `
        -Target $target -TargetObject $email -Activity "Making $email a guest Owner" |
        ForEach-Object { ConvertTo-AzsCspGuestOwner -Data $_ -ContextName $entry.Name }
}
