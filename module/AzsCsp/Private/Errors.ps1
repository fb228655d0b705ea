function Get-AzsCspErrorCategory {
    <#
    .SYNOPSIS
    Maps a shim error kind to an ErrorCategory.
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.ErrorCategory])]
    param([string] $Kind, [string] $Code)

    switch ($Code) {
        'ScopeLocked' { return [System.Management.Automation.ErrorCategory]::ResourceBusy }
        'CloudIdUpdateNotAllowed' { return [System.Management.Automation.ErrorCategory]::ResourceExists }
        'RegistrationNotFound' { return [System.Management.Automation.ErrorCategory]::ObjectNotFound }
        'TenantNotFound' { return [System.Management.Automation.ErrorCategory]::ObjectNotFound }
        'Authorization_RequestDenied' { return [System.Management.Automation.ErrorCategory]::PermissionDenied }
        'Request_ResourceNotFound' { return [System.Management.Automation.ErrorCategory]::ObjectNotFound }
        'DefaultProviderSubscriptionNotFound' { return [System.Management.Automation.ErrorCategory]::ObjectNotFound }
        'DirectoryTenantNotFound' { return [System.Management.Automation.ErrorCategory]::ObjectNotFound }
        'MicrosoftGraphUnknown' { return [System.Management.Automation.ErrorCategory]::NotSpecified }
        'UserSignInRequired' { return [System.Management.Automation.ErrorCategory]::AuthenticationError }
        'PartnerCenterAppUserRequired' { return [System.Management.Automation.ErrorCategory]::AuthenticationError }
        'CustomerNotFound' { return [System.Management.Automation.ErrorCategory]::ObjectNotFound }
        'AzureSubscriptionNotFound' { return [System.Management.Automation.ErrorCategory]::ObjectNotFound }
        'AzurePlanSuspended' { return [System.Management.Automation.ErrorCategory]::InvalidOperation }
        'SubscriptionAliasFailed' { return [System.Management.Automation.ErrorCategory]::InvalidResult }
        'SubscriptionAliasExhausted' { return [System.Management.Automation.ErrorCategory]::ResourceExists }
        'NotAzurePlanEntitlement' { return [System.Management.Automation.ErrorCategory]::InvalidOperation }
        'DomainNotAvailable' { return [System.Management.Automation.ErrorCategory]::ResourceExists }
        'AddressNotValid' { return [System.Management.Automation.ErrorCategory]::InvalidData }
        'AgreementContactRequired' { return [System.Management.Automation.ErrorCategory]::InvalidArgument }
        'OrderNotCompleted' { return [System.Management.Automation.ErrorCategory]::OperationTimeout }
        '13605' { return [System.Management.Automation.ErrorCategory]::PermissionDenied }
        '900115' { return [System.Management.Automation.ErrorCategory]::InvalidOperation }
        '900117' { return [System.Management.Automation.ErrorCategory]::InvalidOperation }
        '60003' { return [System.Management.Automation.ErrorCategory]::ObjectNotFound }
        '20002' { return [System.Management.Automation.ErrorCategory]::PermissionDenied }
    }
    switch ($Kind) {
        'NotFound' { return [System.Management.Automation.ErrorCategory]::ObjectNotFound }
        'PermissionDenied' { return [System.Management.Automation.ErrorCategory]::PermissionDenied }
        'InvalidArgument' { return [System.Management.Automation.ErrorCategory]::InvalidArgument }
        'Authentication' { return [System.Management.Automation.ErrorCategory]::AuthenticationError }
        'Conflict' { return [System.Management.Automation.ErrorCategory]::ResourceExists }
        'Throttled' { return [System.Management.Automation.ErrorCategory]::LimitsExceeded }
        'Timeout' { return [System.Management.Automation.ErrorCategory]::OperationTimeout }
        'Cancelled' { return [System.Management.Automation.ErrorCategory]::OperationStopped }
        'Tls' { return [System.Management.Automation.ErrorCategory]::ConnectionError }
        'Transport' { return [System.Management.Automation.ErrorCategory]::ConnectionError }
        default { return [System.Management.Automation.ErrorCategory]::InvalidOperation }
    }
}

function Get-AzsCspErrorId {
    <#
    .SYNOPSIS
    The stable ErrorId of a native error: AzsCsp.<code>, or AzsCsp.<kind> when there is no code.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([AzsCsp.NativeError] $NativeError)

    $name = $NativeError.Code
    if ([string]::IsNullOrWhiteSpace($name)) {
        $name = $NativeError.Kind
    }
    $name = [regex]::Replace([string]$name, '[^A-Za-z0-9_.-]', '')
    if ([string]::IsNullOrEmpty($name)) {
        $name = 'Internal'
    }
    return "AzsCsp.$name"
}

function Get-AzsCspRecommendedAction {
    <#
    .SYNOPSIS
    What to do next for an error code or kind; Target (hashtable) fills in registration details.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [string] $Code,
        [string] $Kind,
        [hashtable] $Target,
        [string] $Message,
        [string] $CredentialType
    )

    # Partner Center (issue 7): its numeric codes and the module's own codes for it.
    if (($Target -and $Target['PartnerCenter']) -or $Code -match '^\d+$' -or $Code -in 'PartnerCenterAppUserRequired', 'PartnerCenterUnknown', 'DomainNotAvailable',
        'AddressNotValid', 'CustomerNotFound', 'AgreementContactRequired', 'OrderNotCompleted', 'AzureSubscriptionNotFound') {
        $partnerAction = Get-AzsCspPartnerRecommendedAction -Code $Code -Kind $Kind -Target $Target -Message $Message
        if ($partnerAction) {
            return $partnerAction
        }
    }

    # A guest directory the stamp does not trust (yet): an authentication error, but the fix is the
    # operator's onboarding, not another sign-in.
    if ($Code -eq 'InvalidAuthenticationTokenTenant' -and (($Target -and $Target['Stamp'] -eq 'Tenant') -or $Message -match 'not registered with this Azure Stack|onboard')) {
        $guest = '<directory>'
        if ($Target -and $Target['GuestDirectoryTenantName']) { $guest = [string]$Target['GuestDirectoryTenantName'] }
        elseif ($Target -and $Target['DirectoryTenantName']) { $guest = [string]$Target['DirectoryTenantName'] }
        return ("Directory '{0}' is not onboarded on this Azure Stack Hub, so the stamp refuses its tokens. Ask the stamp operator to run " +
            "Register-AzsGuestDirectoryTenant -GuestDirectoryTenantName {0} (signed in to the home directory), then run this command again.") -f $guest
    }

    if ($Kind -eq 'Authentication' -or $Code -cmatch '^[a-z_]+$') {
        $authAction = Get-AzsCspSignInRecommendedAction -Code $Code -Message $Message -CredentialType $CredentialType
        if ($authAction) {
            return $authAction
        }
    }

    $t = @{
        RegistrationSubscriptionId = '<registration subscription ID>'
        ResourceGroupName          = '<resource group>'
        RegistrationName           = '<registration name>'
        CustomerSubscriptionId     = '<customer subscription ID>'
        CustomerDomain             = '<customer domain>'
        ResourceGroupLocation      = '<location>'
        PrincipalId                = '<principal ID>'
        CloudId                    = '<cloud ID>'
        # Multi-tenancy (StampContext.ps1): the directory signed in to, the guest directory, the stamp endpoint.
        DirectoryTenantName        = '<directory>'
        GuestDirectoryTenantName   = '<guest directory>'
        Endpoint                   = '<Resource Manager endpoint>'
        SubscriptionId             = '<subscription ID>'
    }
    if ($Target) {
        foreach ($key in @($t.Keys)) {
            if ($Target.ContainsKey($key) -and -not [string]::IsNullOrEmpty([string]$Target[$key])) {
                $t[$key] = [string]$Target[$key]
            }
        }
    }

    # Multi-tenancy: which stamp endpoint the command talked to ('Admin' or 'Tenant').
    $stamp = if ($Target -and $Target.ContainsKey('Stamp')) { [string]$Target['Stamp'] } else { $null }
    $directory = if ($Target -and $Target['GuestDirectoryTenantName']) { $t.GuestDirectoryTenantName } else { $t.DirectoryTenantName }

    switch ($Code) {
        'Authorization_RequestDenied' {
            return ("The account signed in to directory '{0}' may not make this change in Microsoft Graph: installing the Azure Stack Hub applications (service principals, " +
                'application and delegated permissions) needs Global Administrator or Application Administrator (or Cloud Application Administrator) in that directory; ' +
                "inviting a guest needs Global Administrator, User Administrator or Guest Inviter. Sign in as such an administrator of '{0}' (-AutomationCredential, " +
                'or the device code sign-in) and run the command again: it only adds what is still missing.') -f $t.DirectoryTenantName
        }
        'Request_ResourceNotFound' {
            return ("Microsoft Graph did not find an object in directory '{0}' yet: new service principals take a moment to replicate. Wait a minute and run the command " +
                'again; it only adds what is still missing.') -f $t.DirectoryTenantName
        }
        'DefaultProviderSubscriptionNotFound' {
            return ("The signed-in account sees no 'Default Provider Subscription' on {0}. Sign in as an Azure Stack Hub operator of the home directory (an Owner of the " +
                'Default Provider Subscription), or pass -SubscriptionId (or -SubscriptionName) of the admin subscription.') -f $t.Endpoint
        }
        'DirectoryTenantNotFound' {
            return ("Directory '{0}' is not onboarded on this Azure Stack Hub. List the guest directories with Get-AzsDirectoryTenant, and check -ResourceGroupName (system.<region>) and the name.") -f $directory
        }
        'MicrosoftGraphUnknown' {
            return ("AzsCsp cannot tell which Microsoft Graph serves this stamp's directory: the stamp's metadata names the retired Azure AD Graph and the login endpoint is not a " +
                'known cloud. Pass -MicrosoftGraphEndpoint (for example https://graph.microsoft.com/) to this command or to Connect-AzsCspAccount.')
        }
        'UnauthorizedCspRegistration' {
            return ("Registration '{0}' is not approved for multi-tenant (CSP) billing yet. Email azstcsp@microsoft.com with the registration subscription ID ({1}), " +
                "the resource group ({2}) and the registration name ({0}); approval takes 1-2 business days. Then run the command again.") -f $t.RegistrationName, $t.RegistrationSubscriptionId, $t.ResourceGroupName
        }
        'CustomerSubscriptionsNotAllowed' {
            return ("Registration '{0}' does not use the PayAsYouUse billing model (Capacity/disconnected registrations cannot map customer subscriptions). " +
                'Re-register the Azure Stack Hub with the PayAsYouUse billing model (Set-AzsRegistration -BillingModel PayAsYouUse) and map the customer subscriptions to that registration.') -f $t.RegistrationName
        }
        'BadCustomerSubscriptionId' {
            return ("Customer subscription '{0}' belongs to another CSP partner: the customer subscription and the registration subscription ({1}) must roll up to the same CSP partner. " +
                'Check the customer subscription ID in Partner Center; if it is correct, contact support.') -f $t.CustomerSubscriptionId, $t.RegistrationSubscriptionId
        }
        'InvalidCustomerSubscriptionId' {
            return "Check the customer subscription ID '{0}': it must be the customer's Azure subscription ID (a GUID) from Partner Center, not an Azure Stack Hub subscription." -f $t.CustomerSubscriptionId
        }
        'InvalidCSPSubscription' {
            return ("Subscription '{0}' is not a CSP subscription. Check it for typos; use the customer's Azure subscription created in the CSP offer through Partner Center " +
                '(a pay-as-you-go or EA subscription cannot be mapped).') -f $t.CustomerSubscriptionId
        }
        'CustomerSubscriptionNotFound' {
            return ("Customer subscription '{0}' is not mapped to registration '{1}'. Check the ID, or list the mappings with " +
                "Get-AzsCustomerSubscription -RegistrationSubscriptionId {2} -ResourceGroupName {3} -RegistrationName {1}.") -f $t.CustomerSubscriptionId, $t.RegistrationName, $t.RegistrationSubscriptionId, $t.ResourceGroupName
        }
        'RegistrationNotFound' {
            return ("Registration '{0}' was not found in resource group '{1}' of subscription '{2}'. Check -RegistrationSubscriptionId, -ResourceGroupName and -RegistrationName, " +
                'or list the registrations with Get-AzsRegistration -SubscriptionId {2}.') -f $t.RegistrationName, $t.ResourceGroupName, $t.RegistrationSubscriptionId
        }
        'MetadataResolverBadGatewayError' {
            return 'An upstream Azure service failed. This is transient: run the command again later; if it persists, contact support.'
        }
        'AuthorizationFailed' {
            return ("The signed-in principal lacks permission on registration '{0}'. Ask an owner of subscription {1} to grant it Owner, Contributor or a role with " +
                "'Microsoft.AzureStack/registrations/*' on the registration (or its resource group), or sign in with the account that made the registration.") -f $t.RegistrationName, $t.RegistrationSubscriptionId
        }
        'ResourceGroupNotFound' {
            return "Resource group '{0}' was not found in subscription '{1}'. The registration usually lives in resource group 'azurestack'; check -ResourceGroupName." -f $t.ResourceGroupName, $t.RegistrationSubscriptionId
        }
        'SubscriptionNotFound' {
            return "Subscription '{0}' was not found, or the signed-in principal has no access to it. Check the registration subscription ID and the tenant you signed in to." -f $t.RegistrationSubscriptionId
        }
        'ScopeLocked' {
            return ("Registration '{0}' is protected by a CanNotDelete lock (RegistrationResourceLock). Remove the lock first, or use UnRegister-AzsEnvironment " +
                '-RegistrationName {0} -ResourceGroupName {1}, which removes the lock and then deletes the registration.') -f $t.RegistrationName, $t.ResourceGroupName
        }
        'CloudIdUpdateNotAllowed' {
            return ("A registration holds one cloud ID, and a cloud ID can be registered once: registration '{0}' already exists with another cloud ID, or this stamp's cloud ID is registered under another name. " +
                'Use a unique -RegistrationName for each stamp registered with subscription {1}, or remove the old registration first (UnRegister-AzsEnvironment -CloudId <cloud ID>).') -f $t.RegistrationName, $t.RegistrationSubscriptionId
        }
        'TenantNotFound' {
            $name = if ($Target -and $Target['CustomerDomain']) { $t.CustomerDomain } elseif ($Target -and ($Target['GuestDirectoryTenantName'] -or $Target['DirectoryTenantName'])) { $directory } else { $t.CustomerDomain }
            return "The directory '{0}' was not found in this cloud. Check the domain (for example fabrikam.onmicrosoft.com) or pass the tenant ID (a GUID) instead." -f $name
        }
        'UnknownResourceGroupLocation' {
            return "The location '{0}' is not available to subscription {1}. Pass -ResourceGroupLocation with one of the locations the error lists (default by cloud: AzureCloud westcentralus, AzureChinaCloud ChinaEast, AzureUSGovernment usgovvirginia)." -f $t.ResourceGroupLocation, $t.RegistrationSubscriptionId
        }
        'PrincipalNotFound' {
            return "The service principal '{0}' is not known to the directory yet (a new principal takes a few minutes to replicate). Wait a few minutes and run the command again; it resumes where it stopped." -f $t.PrincipalId
        }
        'AmbiguousCloudId' {
            return "More than one registration in resource group '{0}' has cloud ID {1}. Remove the one you mean by name: UnRegister-AzsEnvironment -RegistrationName <name> -ResourceGroupName {0}." -f $t.ResourceGroupName, $t.CloudId
        }
        'UserSignInRequired' {
            return 'Creating the Azure Bridge service principal on the stamp needs a user refresh token: sign in as a user who may register applications in the directory (Connect-AzsCspAccount -UseDeviceAuthentication), then run the command again. A service principal sign-in cannot be used for this step.'
        }
        'RoleAssignmentExists' {
            return 'The role assignment already exists; nothing to do.'
        }
        'MissingSubscriptionRegistration' {
            return "Register the Microsoft.AzureStack resource provider on subscription '{0}' (Register-AzResourceProvider -ProviderNamespace Microsoft.AzureStack)." -f $t.RegistrationSubscriptionId
        }
        'NoRegisteredProviderFound' {
            return "Use a supported API version for -ApiVersion: 2017-06-01 (the default), 2020-06-01-preview or 2022-06-01."
        }
        { $_ -in 'InvalidAuthenticationToken', 'ExpiredAuthenticationToken', 'InvalidAuthenticationTokenTenant' } {
            return 'The sign-in is no longer valid for this request. Run Connect-AzsCspAccount again (check -Tenant and -Environment).'
        }
    }

    switch ($Kind) {
        'Authentication' {
            return (Get-AzsCspSignInRecommendedAction -Code 'Authentication' -CredentialType $CredentialType)
        }
        'PermissionDenied' {
            if ($stamp) {
                return 'The signed-in account is not allowed to do this on the Azure Stack Hub: sign in as an operator (Owner of the Default Provider Subscription) for the admin endpoint, or as an owner of the subscription for the user endpoint.'
            }
            return 'The signed-in principal is not allowed to do this. Grant it a role on the registration (Owner, Contributor or Microsoft.AzureStack/registrations/*) or sign in with another account.'
        }
        'Tls' {
            return 'The server certificate is not trusted. Pass the CA bundle of your private CA with Connect-AzsCspAccount -CaCertificatePath <file.pem>, or (for tests only) -SkipCertificateCheck.'
        }
        'Transport' {
            return 'Check the endpoint URL, the network, DNS and the proxy (HTTPS_PROXY / NO_PROXY), then try again.'
        }
        'Timeout' {
            return 'The request timed out. Try again; for bulk operations lower -ThrottleLimit.'
        }
        'Throttled' {
            return 'Azure Resource Manager is throttling the requests. Wait and try again, or lower -ThrottleLimit.'
        }
        'Service' {
            return 'The service failed. Try again later; if it persists, contact support with the request ID.'
        }
    }
    return $null
}

function New-AzsCspErrorRecord {
    <#
    .SYNOPSIS
    Turns a shim error (azscsp_last_error / batch result error) into an ErrorRecord.
    .PARAMETER Target
    Hashtable with RegistrationSubscriptionId, ResourceGroupName, RegistrationName, CustomerSubscriptionId
    used to write the recommended action.
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory)] [AzsCsp.NativeError] $NativeError,
        [object] $TargetObject,
        [hashtable] $Target,
        [string] $CredentialType
    )

    $facts = [System.Collections.Generic.List[string]]::new()
    if ($NativeError.Code) { $facts.Add("Code: $($NativeError.Code)") }
    if ($NativeError.HttpStatus) { $facts.Add("HTTP $($NativeError.HttpStatus)") }
    if ($NativeError.RequestId) { $facts.Add("RequestId: $($NativeError.RequestId)") }
    if ($NativeError.CorrelationId) { $facts.Add("CorrelationId: $($NativeError.CorrelationId)") }
    $message = [string]$NativeError.Message
    if ($facts.Count -gt 0) {
        $message = '{0} ({1})' -f $message.TrimEnd(), ($facts -join '; ')
    }
    if ($NativeError.Details) {
        $detailText = @($NativeError.Details | Where-Object { $_.Message -and $_.Message -ne $NativeError.Message } | ForEach-Object { $_.ToString() })
        if ($detailText.Count -gt 0) {
            $message += ' Details: ' + ($detailText -join ' | ')
        }
    }

    $exception = [AzsCsp.AzsCspException]::new($message, $NativeError)
    $record = [System.Management.Automation.ErrorRecord]::new(
        $exception,
        (Get-AzsCspErrorId -NativeError $NativeError),
        (Get-AzsCspErrorCategory -Kind $NativeError.Kind -Code $NativeError.Code),
        $TargetObject)
    $record.ErrorDetails = [System.Management.Automation.ErrorDetails]::new($message)
    $action = Get-AzsCspRecommendedAction -Code $NativeError.Code -Kind $NativeError.Kind -Target $Target -Message $NativeError.Message -CredentialType $CredentialType
    if ($action) {
        $record.ErrorDetails.RecommendedAction = $action
    }
    return $record
}

function New-AzsCspLocalErrorRecord {
    <#
    .SYNOPSIS
    An ErrorRecord for a problem found by the module itself (validation, missing context, ...).
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory)] [string] $ErrorId,
        [Parameter(Mandatory)] [string] $Message,
        [System.Management.Automation.ErrorCategory] $Category = [System.Management.Automation.ErrorCategory]::InvalidArgument,
        [object] $TargetObject,
        [string] $RecommendedAction,
        [string] $Kind = 'InvalidArgument',
        [string] $Argument
    )

    $nativeError = [AzsCsp.NativeError]@{
        Status   = 10
        Kind     = $Kind
        Message  = $Message
        Code     = ($ErrorId -replace '^AzsCsp\.', '')
        Argument = $Argument
    }
    $exception = if ($Category -eq [System.Management.Automation.ErrorCategory]::InvalidArgument) {
        [System.ArgumentException]::new($Message, $Argument)
    }
    else {
        [AzsCsp.AzsCspException]::new($Message, $nativeError)
    }
    $record = [System.Management.Automation.ErrorRecord]::new($exception, $ErrorId, $Category, $TargetObject)
    $record.ErrorDetails = [System.Management.Automation.ErrorDetails]::new($Message)
    if ($RecommendedAction) {
        $record.ErrorDetails.RecommendedAction = $RecommendedAction
    }
    return $record
}

function Get-AzsCspSignInRecommendedAction {
    <#
    .SYNOPSIS
    What to do about a sign-in failure: from the AADSTS number in the message, the OAuth error code,
    then the credential type. Returns nothing when nothing specific applies.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [string] $Code,
        [string] $Message,
        [string] $CredentialType
    )

    $again = 'then run Connect-AzsCspAccount again.'
    $aadsts = $null
    if ($Message -match 'AADSTS(\d+)') {
        $aadsts = $Matches[1]
    }
    switch ($aadsts) {
        { $_ -in '7000215', '70002' } { return "The client secret is wrong: use the secret's value (not its ID) and check that it was not replaced; $again" }
        '7000222' { return "The client secret has expired: create a new secret for the application (Certificates & secrets), $again" }
        { $_ -in '700016', '700011' } { return "The application is not known in this directory: check the application (client) ID and that -Tenant names the directory where it is registered (and -Environment the right cloud); $again" }
        '90002' { return "The tenant was not found: check -Tenant (GUID or domain) and that it belongs to the cloud chosen with -Environment; $again" }
        { $_ -in '700027', '50012', '700030', '50048', '700023' } { return "The certificate was not accepted: register its public key on the application (Entra ID: Certificates & secrets; AD FS: New-GraphApplication/Set-GraphApplication on the privileged endpoint), check -ApplicationId and -AssertionAlgorithm, $again" }
        '500133' { return "The client assertion was outside its valid time range: this machine's clock is off. Synchronise it (Windows: w32tm /resync; Linux: timedatectl / chrony), $again" }
        '500011' { return "The Azure Stack Hub's applications are not installed in this directory (AADSTS500011: its Resource Manager application has no service principal there). The directory's administrator runs Register-AzsWithMyDirectoryTenant -TenantResourceManagerEndpoint <https://management.<region>.<fqdn>> -DirectoryTenantName <directory> first, after the stamp operator onboarded the directory with Register-AzsGuestDirectoryTenant; $again" }
        { $_ -in '65001', '65004', '90094' } { return "Consent is missing: an administrator of the directory must grant the application its permissions (admin consent; for a guest directory of Azure Stack Hub run the onboarding, Register-AzsWithMyDirectoryTenant), $again" }
        { $_ -in '50076', '50079', '50158' } { return 'This account needs multi-factor authentication, which a user name and password (or a refresh token) cannot satisfy: sign in with Connect-AzsCspAccount -UseDeviceAuthentication.' }
        '53003' { return 'Conditional Access blocks this sign-in: sign in with Connect-AzsCspAccount -UseDeviceAuthentication from a compliant device, or ask the directory administrator.' }
        '50126' { return "The user name or password is wrong (-AutomationCredential); $again" }
        '50034' { return "The user does not exist in this directory: check the user name and -Tenant; $again" }
        { $_ -in '70008', '700082', '50173', '700084' } { return 'The refresh token has expired or was revoked: sign in again interactively with Connect-AzsCspAccount -UseDeviceAuthentication.' }
        '70019' { return 'The device code expired before the sign-in was completed: run Connect-AzsCspAccount -UseDeviceAuthentication again and complete the sign-in in the browser within the time given.' }
        { $_ -in '50196', '90055' } { return 'The directory is throttling sign-ins: wait a little and try again.' }
    }
    switch -Regex ($Code) {
        '^expired_token$|DeviceCodeExpired' { return 'The device code expired before the sign-in was completed: run Connect-AzsCspAccount -UseDeviceAuthentication again and complete the sign-in in the browser within the time given.' }
        '^authorization_declined$|^access_denied$|DeviceCodeDeclined' { return 'The sign-in was declined in the browser. Run Connect-AzsCspAccount -UseDeviceAuthentication again and approve it with the right account.' }
        '^bad_verification_code$' { return 'The device code was not recognised: run Connect-AzsCspAccount -UseDeviceAuthentication again.' }
        '^interaction_required$' { return 'This account needs an interactive sign-in (MFA, consent or a policy): sign in with Connect-AzsCspAccount -UseDeviceAuthentication.' }
        '^unauthorized_client$' { return "The application is not allowed to use this sign-in method in this directory (for device code or password sign-in it must be a public client): check -ApplicationId; $again" }
        '^invalid_resource$' { return "The resource (audience) is not known in this directory: check -Environment, -ActiveDirectoryResourceId and -Tenant; $again" }
        '^temporarily_unavailable$' { return 'The sign-in service is temporarily unavailable: try again later.' }
    }
    switch ($CredentialType) {
        'ClientSecret' { return "Check the application (client) ID, the client secret (it may have expired), -Tenant and -Environment, $again" }
        'ClientCertificate' { return "Check that the certificate is registered on the application (-ApplicationId), that it has not expired, the PFX password, -Tenant and -Environment, and this machine's clock; $again" }
        'DeviceCode' { return 'Run Connect-AzsCspAccount -UseDeviceAuthentication again and complete the sign-in in the browser before the code expires; check -Tenant and -Environment.' }
        'RefreshToken' { return 'The refresh token was not accepted (expired, revoked, issued to another client or tenant): sign in again with Connect-AzsCspAccount -UseDeviceAuthentication.' }
        'UsernamePassword' { return "Check the user name, the password and -Tenant. A user name and password cannot sign in accounts that need MFA or that Conditional Access blocks: use -UseDeviceAuthentication for them; $again" }
        'AccessToken' { return 'The access token was not accepted (expired, or issued for another audience or tenant): get a new token and run Connect-AzsCspAccount -AccessToken again, or sign in with another method.' }
        'Environment' { return "Check the AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH) environment variables and AZURE_AUTHORITY_HOST; $again" }
    }
    if ($Code -eq 'Authentication') {
        return "Check the credentials, -Tenant and -Environment, $again"
    }
    return $null
}
