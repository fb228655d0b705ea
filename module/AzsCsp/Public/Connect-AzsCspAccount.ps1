function Connect-AzsCspAccount {
    <#
    .SYNOPSIS
    Signs in to Azure, Azure Stack Hub or another cloud and stores the sign-in as an AzsCsp context.

    .DESCRIPTION
    Connect-AzsCspAccount signs in and keeps the sign-in as a named context in the current session. The
    new context becomes the default one used by the other AzsCsp commands (pass -Context to use another
    one). Several contexts can be signed in at once, for example global Azure (the registration), a
    stamp's admin Resource Manager and a customer directory. It needs no Az module.

    Ways to sign in (parameter sets):
    * Service principal with a client secret: -ServicePrincipal -Credential -Tenant.
    * Service principal with a certificate: -ServicePrincipal -ApplicationId -CertificatePath
      [-CertificatePassword] -Tenant (PEM with certificate and key, or PFX). On Windows also
      -CertificateThumbprint (a certificate with private key in Cert:\CurrentUser\My). The core signs a
      short-lived JWT client assertion: RS256 with 'x5t' for AD FS, PS256 with 'x5t#S256' for Microsoft
      Entra ID (-AssertionAlgorithm to force one).
    * Device code: -UseDeviceAuthentication -Tenant. The instructions (a URL and a code) are written to
      the information stream with the tag 'AzsCsp.DeviceCode' and are always shown, even when
      $InformationPreference is SilentlyContinue. Complete the sign-in in a browser on any device.
      Ctrl+C cancels the wait.
    * Refresh token: -RefreshToken -Tenant. The newest refresh token is kept as it rotates.
    * User name and password: -AutomationCredential -Tenant, the parameter name of the Azure Stack Hub
      tools. This fails for accounts that need multi-factor authentication or that Conditional Access
      blocks: use -UseDeviceAuthentication for them.
    * Access token: -AccessToken. Used as is until it expires; it cannot be refreshed.
    * Environment variables: -FromEnvironment reads AZURE_TENANT_ID, AZURE_CLIENT_ID, and
      AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH (+ AZURE_CLIENT_CERTIFICATE_PASSWORD), and
      AZURE_AUTHORITY_HOST, as the Azure SDKs do.

    Clouds: AzureCloud (default), AzureChinaCloud and AzureUSGovernment are built in. A custom cloud is
    either stored with Add-AzsCspEnvironment and named with -Environment, or given here with
    -Environment <name> -ResourceManagerEndpoint <url>. An Azure Stack Hub admin or user Resource Manager
    endpoint is enough: the sign-in authority and token audience are read from its
    /metadata/endpoints unless -ActiveDirectoryAuthority and -ActiveDirectoryResourceId are given. A
    login endpoint ending in /adfs is an AD FS stamp (pass -Tenant adfs).

    Servers whose TLS certificate is issued by a private certificate authority are trusted with
    -CaCertificatePath. -SkipCertificateCheck turns certificate validation off (tests only).

    Secrets (client secret, certificate password, refresh token, password, access token) are handed to
    the native core from their SecureString without being turned into PowerShell strings; no secret,
    token or password appears in output, verbose or debug messages, or errors.

    Tokens live in memory and die with the context. -PersistTokenCache keeps the refresh tokens of
    user sign-ins in a per-user file so that later sessions sign in again without a prompt.

    Sign-in failures are AuthenticationError records with the ErrorId 'AzsCsp.<error code>' (for
    example AzsCsp.invalid_client), a message that names the cause (wrong secret, unknown application,
    wrong tenant, certificate not registered, clock skew, missing consent, device code expired or
    declined, MFA required) and a RecommendedAction.

    The native log level of the context follows the preferences of this command: connect with -Verbose
    (or -Debug) to see the HTTP calls of the later commands in their -Verbose (or -Debug) output.
    Warnings (retries, throttling) are always shown.

    .PARAMETER ServicePrincipal
    Signs in as a service principal (application), with -Credential (client secret), -CertificatePath
    or -CertificateThumbprint.

    .PARAMETER Credential
    The service principal with a client secret: the user name is the application (client) ID, the
    password is the client secret.

    .PARAMETER ApplicationId
    The application (client) ID. Required with a certificate. For -UseDeviceAuthentication,
    -RefreshToken and -AutomationCredential, the public client to sign in with (default: the Azure
    PowerShell client 1950a258-227b-4e31-a9cf-717495945fc2).

    .PARAMETER CertificatePath
    The certificate of the service principal: a PEM file with the certificate and its private key, or
    a PFX (PKCS#12) file (with -CertificatePassword when it is protected).

    .PARAMETER CertificatePassword
    The password of the PFX file given with -CertificatePath.

    .PARAMETER CertificateThumbprint
    Windows only: the thumbprint of a certificate with an exportable private key in
    Cert:\CurrentUser\My. The certificate is exported to a temporary PFX file protected by a random
    password, which is deleted as soon as the sign-in completed (or failed).

    .PARAMETER AssertionAlgorithm
    Advanced: the signature of the certificate's client assertion. Auto (default) uses RS256 with 'x5t'
    for AD FS and PS256 with 'x5t#S256' for Microsoft Entra ID; RS256 or PS256 forces one.

    .PARAMETER UseDeviceAuthentication
    Signs in a user with a device code: open the URL shown, enter the code and sign in (MFA works).
    The instructions go to the information stream (tag 'AzsCsp.DeviceCode') and are always displayed.
    Ctrl+C cancels.

    .PARAMETER RefreshToken
    Signs in a user with a refresh token (for example one issued to the Azure PowerShell client). The
    newest refresh token is kept as it rotates; the value given is never shown.

    .PARAMETER AutomationCredential
    Signs in a user non-interactively with a user name and password (resource owner password
    credentials), as the -AutomationCredential parameter of the Azure Stack Hub tools does. It fails
    for accounts that need multi-factor authentication or are blocked by Conditional Access (use
    -UseDeviceAuthentication), and for federated or AD FS-only accounts that do not allow it.

    .PARAMETER AccessToken
    Uses an access token obtained elsewhere (a SecureString, or a string). It is used as is until it
    expires; nothing can refresh it, so connect again with a new token then.

    .PARAMETER FromEnvironment
    Signs in with the environment variables the Azure SDKs read: AZURE_TENANT_ID, AZURE_CLIENT_ID,
    AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH (+ AZURE_CLIENT_CERTIFICATE_PASSWORD), and
    AZURE_AUTHORITY_HOST. The native core reads them; their values are never shown.

    .PARAMETER Tenant
    The directory (tenant) ID or domain name (for example contoso.onmicrosoft.com). For an AD FS stamp,
    'adfs'.

    .PARAMETER Environment
    The cloud: AzureCloud (default), AzureChinaCloud, AzureUSGovernment, a custom environment stored
    with Add-AzsCspEnvironment, or the name of a custom cloud described by -ResourceManagerEndpoint.

    .PARAMETER ResourceManagerEndpoint
    The Azure Resource Manager endpoint of a custom cloud, for example https://management.contoso.local/.

    .PARAMETER ActiveDirectoryAuthority
    The sign-in authority of a custom cloud, for example https://login.contoso.local/ or
    https://adfs.contoso.local/adfs/. Read from the Resource Manager metadata when omitted.

    .PARAMETER ActiveDirectoryResourceId
    The token audience (resource) of the custom cloud's Resource Manager. Read from the Resource Manager
    metadata when omitted.

    .PARAMETER MicrosoftGraphEndpoint
    The Microsoft Graph endpoint of the directory, for example https://graph.microsoft.com/. Needed only
    when AzsCsp cannot find it (error AzsCsp.MicrosoftGraphUnknown): built-in clouds and stamps whose
    metadata names Microsoft Graph or a known login host do not need it. Used by the multi-tenancy
    commands (Register-AzsWithMyDirectoryTenant, Grant-AzsCspGuestOwner, ...).

    .PARAMETER Subscription
    The default subscription ID of the context, used by Get-AzsRegistration when -SubscriptionId is omitted.

    .PARAMETER CaCertificatePath
    A PEM file with the certificate authorities to trust for this context, for a cloud whose
    certificates are issued by a private CA. The file must exist.

    .PARAMETER SkipCertificateCheck
    Does not validate TLS server certificates. Insecure: use only against test endpoints.

    .PARAMETER ContextName
    The name of the context. Default: '<account>@<tenant> (<environment>)'.

    .PARAMETER Force
    Replaces an existing context with the same -ContextName. (A context with the default name is always
    replaced by a new sign-in of the same account.)

    .PARAMETER PersistTokenCache
    Opt-in: keeps the refresh tokens of user sign-ins (device code, refresh token, user name and
    password) in a per-user file, so that a later session signs in again without a prompt. Linux and
    macOS: $env:XDG_CONFIG_HOME/AzsCsp/tokencache.json or ~/.config/AzsCsp/tokencache.json; Windows:
    $env:LOCALAPPDATA\AzsCsp\tokencache.json ($env:AZSCSP_CONFIG_DIR overrides the folder). The file is
    created with mode 0600 (owner only), but it is not encrypted: anyone who can read it (an
    administrator, a backup, a copied home folder) can act as the user until the refresh token
    expires or is revoked. Do not use it on shared machines; delete the file to sign out for good.

    .PARAMETER TokenRefreshMarginSeconds
    Advanced: how long before expiry an access token is renewed (default 300 seconds).

    .PARAMETER TokenVersion
    Advanced: the token endpoint version, v2 (default, 'scope') or v1 ('resource'). AD FS always uses v1.

    .EXAMPLE
    PS> $credential = Get-Credential -UserName 5a0bec8c-2de1-4669-be79-dc35df07444b -Message 'Client secret'
    PS> Connect-AzsCspAccount -ServicePrincipal -Credential $credential -Tenant contosocsp.onmicrosoft.com

    Signs in to global Azure as the application 5a0bec8c-... of the CSP's directory and makes it the default context.

    .EXAMPLE
    PS> $secret = Read-Host -AsSecureString -Prompt 'Client secret'
    PS> $credential = [pscredential]::new($env:AZSCSP_CLIENT_ID, $secret)
    PS> Connect-AzsCspAccount -Environment AzureChinaCloud -ServicePrincipal -Credential $credential -Tenant $env:AZSCSP_TENANT_ID -ContextName china

    Signs in to Azure operated by 21Vianet and names the context 'china'.

    .EXAMPLE
    PS> Connect-AzsCspAccount -ServicePrincipal -ApplicationId 555f8509-e75d-4158-a4a0-7893fb35c3ea -CertificatePath ./automation-cert.pem -Tenant contosocsp.onmicrosoft.com

    Signs in as a service principal with a certificate (PEM file with certificate and private key).

    .EXAMPLE
    PS> $pfxPassword = Read-Host -AsSecureString -Prompt 'PFX password'
    PS> Connect-AzsCspAccount -ServicePrincipal -ApplicationId $appId -CertificatePath ./automation.pfx -CertificatePassword $pfxPassword -Tenant adfs -Environment AzureStackAdmin

    Signs in to an AD FS stamp (stored with Add-AzsCspEnvironment) with a password-protected PFX; the
    assertion is signed RS256 with 'x5t', as AD FS requires.

    .EXAMPLE
    PS> Connect-AzsCspAccount -ServicePrincipal -ApplicationId $appId -CertificateThumbprint 3E1F8A0C2B7D4E9F8A6B5C4D3E2F1A0B9C8D7E6F -Tenant contoso.onmicrosoft.com

    Windows: signs in with a certificate of Cert:\CurrentUser\My.

    .EXAMPLE
    PS> Connect-AzsCspAccount -UseDeviceAuthentication -Tenant contosocsp.onmicrosoft.com -ContextName operator
    To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ABCD-EFGH to authenticate.

    Signs in a user (MFA works) with a device code. In a script, capture the instructions with
    -InformationVariable or 6>; they carry the tag 'AzsCsp.DeviceCode'.

    .EXAMPLE
    PS> $refreshToken = Read-Host -AsSecureString -Prompt 'Refresh token'
    PS> Connect-AzsCspAccount -RefreshToken $refreshToken -Tenant contosocsp.onmicrosoft.com

    Signs in a user with a refresh token of the Azure PowerShell client.

    .EXAMPLE
    PS> $automation = Get-Credential -UserName operator@contosocsp.onmicrosoft.com
    PS> Connect-AzsCspAccount -AutomationCredential $automation -Tenant contosocsp.onmicrosoft.com -Environment AzureStackAdmin

    Signs in a user with a user name and password, like the Azure Stack Hub tools' -AutomationCredential.
    Fails for accounts that need MFA or that Conditional Access blocks.

    .EXAMPLE
    PS> Connect-AzsCspAccount -AccessToken (Read-Host -AsSecureString 'Access token') -ContextName borrowed

    Uses an access token obtained elsewhere until it expires.

    .EXAMPLE
    PS> $env:AZURE_TENANT_ID = '...'; $env:AZURE_CLIENT_ID = '...'; $env:AZURE_CLIENT_CERTIFICATE_PATH = '/secrets/sp.pem'
    PS> Connect-AzsCspAccount -FromEnvironment

    Signs in with the AZURE_* environment variables (for example in a CI pipeline).

    .EXAMPLE
    PS> Connect-AzsCspAccount -UseDeviceAuthentication -Tenant contosocsp.onmicrosoft.com -PersistTokenCache

    Signs in with a device code once and keeps the refresh token in the per-user token cache file, so
    that the same command in a later session signs in without a prompt.

    .EXAMPLE
    PS> Connect-AzsCspAccount -Environment ContosoTest -ResourceManagerEndpoint https://management.contoso.local/ -CaCertificatePath ./contoso-root-ca.pem -ServicePrincipal -Credential $credential -Tenant contoso.local

    Signs in to a custom cloud whose certificates come from a private CA; the authority and audience
    are read from https://management.contoso.local/metadata/endpoints.

    .INPUTS
    None.

    .OUTPUTS
    AzsCsp.Context

    .LINK
    Disconnect-AzsCspAccount

    .LINK
    Get-AzsCspContext

    .LINK
    Add-AzsCspEnvironment

    .LINK
    https://learn.microsoft.com/azure-stack/operator/azure-stack-csp-howto-register-tenants
    #>
    [CmdletBinding(DefaultParameterSetName = 'ServicePrincipalSecret')]
    [OutputType([AzsCsp.Context])]
    param(
        [Parameter(ParameterSetName = 'ServicePrincipalSecret', Mandatory)]
        [Parameter(ParameterSetName = 'ServicePrincipalCertificate', Mandatory)]
        [Parameter(ParameterSetName = 'ServicePrincipalCertificateThumbprint', Mandatory)]
        [switch] $ServicePrincipal,

        [Parameter(ParameterSetName = 'ServicePrincipalSecret', Mandatory)]
        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $Credential,

        [Parameter(ParameterSetName = 'ServicePrincipalCertificate', Mandatory)]
        [Parameter(ParameterSetName = 'ServicePrincipalCertificateThumbprint', Mandatory)]
        [Parameter(ParameterSetName = 'DeviceCode')]
        [Parameter(ParameterSetName = 'RefreshToken')]
        [Parameter(ParameterSetName = 'UserPassword')]
        [Alias('ClientId', 'AppId')]
        [ValidateNotNullOrEmpty()]
        [string] $ApplicationId,

        [Parameter(ParameterSetName = 'ServicePrincipalCertificate', Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string] $CertificatePath,

        [Parameter(ParameterSetName = 'ServicePrincipalCertificate')]
        [System.Security.SecureString] $CertificatePassword,

        [Parameter(ParameterSetName = 'ServicePrincipalCertificateThumbprint', Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string] $CertificateThumbprint,

        [Parameter(ParameterSetName = 'ServicePrincipalCertificate')]
        [Parameter(ParameterSetName = 'ServicePrincipalCertificateThumbprint')]
        [ValidateSet('Auto', 'RS256', 'PS256')]
        [string] $AssertionAlgorithm = 'Auto',

        [Parameter(ParameterSetName = 'DeviceCode', Mandatory)]
        [Alias('DeviceCode', 'DeviceAuth')]
        [switch] $UseDeviceAuthentication,

        [Parameter(ParameterSetName = 'RefreshToken', Mandatory)]
        [System.Security.SecureString] $RefreshToken,

        [Parameter(ParameterSetName = 'UserPassword', Mandatory)]
        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $AutomationCredential,

        [Parameter(ParameterSetName = 'AccessToken', Mandatory)]
        [ValidateNotNull()]
        [object] $AccessToken,

        [Parameter(ParameterSetName = 'EnvironmentVariables', Mandatory)]
        [switch] $FromEnvironment,

        [Parameter(ParameterSetName = 'ServicePrincipalSecret', Mandatory)]
        [Parameter(ParameterSetName = 'ServicePrincipalCertificate', Mandatory)]
        [Parameter(ParameterSetName = 'ServicePrincipalCertificateThumbprint', Mandatory)]
        [Parameter(ParameterSetName = 'DeviceCode', Mandatory)]
        [Parameter(ParameterSetName = 'RefreshToken', Mandatory)]
        [Parameter(ParameterSetName = 'UserPassword', Mandatory)]
        [Parameter(ParameterSetName = 'AccessToken')]
        [Alias('TenantId', 'Domain')]
        [ValidateNotNullOrEmpty()]
        [string] $Tenant,

        [ArgumentCompleter({
                param($commandName, $parameterName, $wordToComplete)
                $names = @('AzureCloud', 'AzureChinaCloud', 'AzureUSGovernment')
                try { $names += @(Get-AzsCspEnvironment -ErrorAction Ignore | Where-Object Type -EQ 'Custom' | ForEach-Object Name) } catch { }
                $names | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object { if ($_ -match '\s') { "'$_'" } else { $_ } }
            })]
        [ValidateNotNullOrEmpty()]
        [string] $Environment = 'AzureCloud',

        [Alias('ArmEndpoint')]
        [uri] $ResourceManagerEndpoint,

        [uri] $ActiveDirectoryAuthority,

        [ValidateNotNullOrEmpty()]
        [string] $ActiveDirectoryResourceId,

        [uri] $MicrosoftGraphEndpoint,

        [Alias('SubscriptionId')]
        [string] $Subscription,

        [ValidateNotNullOrEmpty()]
        [string] $CaCertificatePath,

        [switch] $SkipCertificateCheck,

        [Alias('Name')]
        [ValidateNotNullOrEmpty()]
        [string] $ContextName,

        [switch] $Force,

        [switch] $PersistTokenCache,

        [ValidateRange(0, 3600)]
        [int] $TokenRefreshMarginSeconds,

        [Parameter(DontShow)]
        [ValidateSet('v1', 'v2')]
        [string] $TokenVersion,

        # Internal (Resolve-AzsCspStampContext): store the context without getting a Resource Manager
        # token now. A guest directory gets a token for the stamp's user endpoint only once
        # Register-AzsWithMyDirectoryTenant installed the stamp's application there (AADSTS500011
        # before), so that command signs in lazily, at its first request.
        [Parameter(DontShow)]
        [switch] $Deferred
    )
    $bound = @{}
    foreach ($key in $PSBoundParameters.Keys) {
        if ($key -notin [System.Management.Automation.PSCmdlet]::CommonParameters) { $bound[$key] = $PSBoundParameters[$key] }
    }
    Invoke-AzsCspSignIn -Cmdlet $PSCmdlet -ParameterSetName $PSCmdlet.ParameterSetName @bound
}
