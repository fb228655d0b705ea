function Get-AzsCspGuestOwner {
    <#
    .SYNOPSIS
    Lists the guest users that are Owner of Azure Stack Hub subscriptions in a customer directory.

    .DESCRIPTION
    Get-AzsCspGuestOwner shows where Grant-AzsCspGuestOwner is in place: for each stamp subscription
    the signed-in account sees on the user Resource Manager, the Owner role assignments whose principal
    is a guest user of the directory. One AzsCsp.GuestOwnerAssignment per assignment
    (SubscriptionId, SubscriptionName, UserPrincipalName, Mail, UserId, RoleAssignmentId).
    -InvitedUserEmailAddress keeps only that guest.

    Sign-in as for Grant-AzsCspGuestOwner.

    .PARAMETER TenantResourceManagerEndpoint
    The stamp's user Resource Manager endpoint, for example https://management.local.azurestack.external/. Must be https.

    .PARAMETER DirectoryTenantName
    The customer's directory (for example fabrikam.onmicrosoft.com).

    .PARAMETER InvitedUserEmailAddress
    Only the guest with this e-mail address.

    .PARAMETER AutomationCredential
    Signs in non-interactively with this user name and password.

    .PARAMETER MicrosoftGraphEndpoint
    The Microsoft Graph endpoint of the directory's cloud, when AzsCsp cannot find it.

    .PARAMETER Context
    The AzsCsp context (name or object) to use instead of finding or making one.

    .PARAMETER CaCertificatePath
    A PEM file with the certificate authorities to trust for the stamp's endpoints, used when the
    command signs in itself.

    .EXAMPLE
    PS> Get-AzsCspGuestOwner -TenantResourceManagerEndpoint https://management.local.azurestack.external -DirectoryTenantName fabrikam.onmicrosoft.com

    Lists the guest owners of Fabrikam's stamp subscriptions.

    .EXAMPLE
    PS> Get-AzsCspGuestOwner -TenantResourceManagerEndpoint $userArm -DirectoryTenantName fabrikam.onmicrosoft.com -InvitedUserEmailAddress admin@contosocsp.onmicrosoft.com -AutomationCredential $fabrikamAdmin

    Checks that the CSP's account is an Owner.

    .INPUTS
    None.

    .OUTPUTS
    AzsCsp.GuestOwnerAssignment

    .LINK
    Grant-AzsCspGuestOwner
    #>
    [CmdletBinding(PositionalBinding = $false)]
    [OutputType('AzsCsp.GuestOwnerAssignment')]
    param(
        [Parameter(Mandatory)]
        [ValidateScript({ $_.IsAbsoluteUri -and $_.Scheme -eq 'https' }, ErrorMessage = "The endpoint '{0}' is not an absolute https URL (for example https://management.local.azurestack.external/).")]
        [uri] $TenantResourceManagerEndpoint,

        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string] $DirectoryTenantName,

        [ValidateNotNullOrEmpty()]
        [string] $InvitedUserEmailAddress,

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
    $entry = Resolve-AzsCspStampContext -Cmdlet $PSCmdlet -Endpoint $TenantResourceManagerEndpoint -DirectoryTenantName $directory `
        -AutomationCredential $AutomationCredential -Context $Context -CaCertificatePath $CaCertificatePath `
        -MicrosoftGraphEndpoint $MicrosoftGraphEndpoint -EnvironmentName AzureStackUser
    $target = Get-AzsCspStampTarget -Endpoint $TenantResourceManagerEndpoint -DirectoryTenantName $directory -Stamp Tenant
    $arguments = [ordered]@{}
    if ($InvitedUserEmailAddress) { $arguments.invitedUserEmailAddress = $InvitedUserEmailAddress.Trim() }
    Invoke-AzsCspStampOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'guestOwner.list' -Arguments $arguments `
        -Target $target -TargetObject $directory -Activity 'Listing guest owners' |
        ForEach-Object { ConvertTo-AzsCspGuestOwner -Data $_ -ContextName $entry.Name -Assignment }
}
