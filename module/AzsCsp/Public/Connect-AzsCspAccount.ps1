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

    $null = Initialize-AzsCspNative -Cmdlet $PSCmdlet
    $set = $PSCmdlet.ParameterSetName

    # --- Environment -----------------------------------------------------------------------------
    $builtIn = @('AzureCloud', 'AzureChinaCloud', 'AzureUSGovernment')
    $environmentName = $Environment
    if (-not $PSBoundParameters.ContainsKey('Environment') -and $ResourceManagerEndpoint) {
        $environmentName = 'Custom'
    }
    $match = $builtIn | Where-Object { $_ -eq $environmentName } | Select-Object -First 1
    if ($match) {
        $environmentName = $match
        if ($ResourceManagerEndpoint -or $ActiveDirectoryAuthority -or $ActiveDirectoryResourceId) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.BuiltInEnvironmentEndpoints' -Argument 'Environment' -TargetObject $Environment `
                -Message ("'{0}' is a built-in environment with fixed endpoints; -ResourceManagerEndpoint, -ActiveDirectoryAuthority and -ActiveDirectoryResourceId describe a custom one." -f $match) `
                -RecommendedAction 'Give the custom cloud its own name with -Environment (for example -Environment AzureStackUser), or omit the endpoint parameters.'
            $PSCmdlet.ThrowTerminatingError($record)
        }
    }
    elseif (-not $ResourceManagerEndpoint) {
        $problem = $null
        $stored = Read-AzsCspEnvironmentStore -Problem ([ref]$problem) | Where-Object { $_.Name -eq $environmentName } | Select-Object -First 1
        if ($problem) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.EnvironmentStoreInvalid' -Message $problem `
                -Category ([System.Management.Automation.ErrorCategory]::ReadError) -Kind 'Internal' -TargetObject (Get-AzsCspEnvironmentStorePath) `
                -RecommendedAction 'Fix or delete the file, then run the command again.'
            $PSCmdlet.ThrowTerminatingError($record)
        }
        if (-not $stored) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.ResourceManagerEndpointRequired' -Argument 'ResourceManagerEndpoint' -TargetObject $Environment `
                -Message ("'{0}' is neither a built-in environment (AzureCloud, AzureChinaCloud, AzureUSGovernment) nor a stored custom environment; a custom environment needs -ResourceManagerEndpoint." -f $Environment) `
                -RecommendedAction 'Store it once with Add-AzsCspEnvironment -Name <name> -ResourceManagerEndpoint <https://management.../>, or pass -ResourceManagerEndpoint (and optionally -ActiveDirectoryAuthority and -ActiveDirectoryResourceId), or use a built-in -Environment.'
            $PSCmdlet.ThrowTerminatingError($record)
        }
        Write-Verbose ("Using the stored environment '{0}' ({1})." -f $stored.Name, $stored.ResourceManagerUrl)
        $environmentName = $stored.Name
        $ResourceManagerEndpoint = [uri]$stored.ResourceManagerUrl
        if (-not $ActiveDirectoryAuthority -and $stored.ActiveDirectoryAuthority) { $ActiveDirectoryAuthority = [uri]$stored.ActiveDirectoryAuthority }
        if (-not $ActiveDirectoryResourceId -and $stored.ActiveDirectoryResourceId) { $ActiveDirectoryResourceId = $stored.ActiveDirectoryResourceId }
    }
    foreach ($endpoint in @(@('ResourceManagerEndpoint', $ResourceManagerEndpoint), @('ActiveDirectoryAuthority', $ActiveDirectoryAuthority), @('MicrosoftGraphEndpoint', $MicrosoftGraphEndpoint))) {
        if ($endpoint[1] -and (-not $endpoint[1].IsAbsoluteUri -or $endpoint[1].Scheme -notin 'https', 'http')) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidEndpoint' -Argument $endpoint[0] -TargetObject ([string]$endpoint[1]) `
                -Message ("-{0} '{1}' is not an absolute https URL." -f $endpoint[0], $endpoint[1])
            $PSCmdlet.ThrowTerminatingError($record)
        }
    }

    $caPath = $null
    if ($PSBoundParameters.ContainsKey('CaCertificatePath')) {
        $caPath = $PSCmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($CaCertificatePath)
        if (-not (Test-Path -LiteralPath $caPath -PathType Leaf)) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.CaCertificateNotFound' -Argument 'CaCertificatePath' -TargetObject $CaCertificatePath `
                -Category ([System.Management.Automation.ErrorCategory]::ObjectNotFound) -Kind 'NotFound' `
                -Message ("The CA certificate file '{0}' does not exist (-CaCertificatePath)." -f $caPath) `
                -RecommendedAction 'Pass the path of a PEM file with the certificate(s) of the private certificate authority.'
            $PSCmdlet.ThrowTerminatingError($record)
        }
    }
    if ($Subscription -and -not (Test-AzsCspGuid $Subscription.Trim())) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidSubscriptionId' -Argument 'Subscription' -TargetObject $Subscription `
            -Message ("The subscription ID '{0}' is not a GUID." -f $Subscription)
        $PSCmdlet.ThrowTerminatingError($record)
    }
    if ($PSBoundParameters.ContainsKey('ContextName') -and $script:Contexts.Contains($ContextName) -and -not $Force) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.ContextExists' -Argument 'ContextName' -TargetObject $ContextName `
            -Category ([System.Management.Automation.ErrorCategory]::ResourceExists) -Kind 'Conflict' `
            -Message ("A context named '{0}' already exists." -f $ContextName) `
            -RecommendedAction 'Pass -Force to replace it, choose another -ContextName, or run Disconnect-AzsCspAccount -ContextName <name> first.'
        $PSCmdlet.ThrowTerminatingError($record)
    }

    # --- Credential ------------------------------------------------------------------------------
    # The options document never holds a secret: a one-off placeholder marks where the native interop
    # writes each one, straight from its SecureString into unmanaged memory.
    $secrets = [System.Collections.Hashtable]::new()
    function New-SecretSlot([System.Security.SecureString] $Value) {
        $placeholder = 'AZSCSP-SECRET-' + [guid]::NewGuid().ToString('N')
        $secrets[$placeholder] = $Value
        return $placeholder
    }
    $credentialOptions = [ordered]@{}
    $accountType = 'User'
    $credentialType = $null
    $account = $null
    $clientId = $null
    $temporaryPfx = $null
    $temporaryPfxPassword = $null

    switch ($set) {
        'ServicePrincipalSecret' {
            $clientId = [string]$Credential.UserName
            if ([string]::IsNullOrWhiteSpace($clientId) -or $null -eq $Credential.Password -or $Credential.Password.Length -eq 0) {
                $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidCredential' -Argument 'Credential' `
                    -Message '-Credential needs the application (client) ID as the user name and the client secret as the password.' `
                    -RecommendedAction "Create it with [pscredential]::new('<application id>', (Read-Host -AsSecureString 'Client secret'))."
                $PSCmdlet.ThrowTerminatingError($record)
            }
            $clientId = $clientId.Trim()
            $accountType = 'ServicePrincipal'
            $credentialType = 'ClientSecret'
            $account = $clientId
            $credentialOptions.type = 'clientSecret'
            $credentialOptions.tenantId = $Tenant
            $credentialOptions.clientId = $clientId
            $credentialOptions.clientSecret = New-SecretSlot $Credential.Password
        }
        { $_ -in 'ServicePrincipalCertificate', 'ServicePrincipalCertificateThumbprint' } {
            $clientId = $ApplicationId.Trim()
            $accountType = 'ServicePrincipal'
            $credentialType = 'ClientCertificate'
            $account = $clientId
            $credentialOptions.type = 'clientCertificate'
            $credentialOptions.tenantId = $Tenant
            $credentialOptions.clientId = $clientId
            if ($set -eq 'ServicePrincipalCertificate') {
                $certificateFile = $PSCmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($CertificatePath)
                if (-not (Test-Path -LiteralPath $certificateFile -PathType Leaf)) {
                    $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.CertificateNotFound' -Argument 'CertificatePath' -TargetObject $CertificatePath `
                        -Category ([System.Management.Automation.ErrorCategory]::ObjectNotFound) -Kind 'NotFound' `
                        -Message ("The certificate file '{0}' does not exist (-CertificatePath)." -f $certificateFile) `
                        -RecommendedAction 'Pass a PEM file with the certificate and its private key, or a PFX file (with -CertificatePassword).'
                    $PSCmdlet.ThrowTerminatingError($record)
                }
                $credentialOptions.certificatePath = $certificateFile
                if ($CertificatePassword) {
                    $credentialOptions.certificatePassword = New-SecretSlot $CertificatePassword
                }
            }
            else {
                $exported = Export-AzsCspStoreCertificate -Cmdlet $PSCmdlet -Thumbprint $CertificateThumbprint
                $temporaryPfx = $exported.Path
                $temporaryPfxPassword = $exported.Password
                $credentialOptions.certificatePath = $temporaryPfx
                $credentialOptions.certificatePassword = New-SecretSlot $temporaryPfxPassword
            }
            $credentialOptions.assertionAlgorithm = if ($AssertionAlgorithm -eq 'Auto') { 'auto' } else { $AssertionAlgorithm }
        }
        'DeviceCode' {
            $credentialType = 'DeviceCode'
            $credentialOptions.type = 'deviceCode'
            $credentialOptions.tenantId = $Tenant
            if ($ApplicationId) { $clientId = $ApplicationId.Trim(); $credentialOptions.clientId = $clientId }
        }
        'RefreshToken' {
            if ($RefreshToken.Length -eq 0) {
                $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidRefreshToken' -Argument 'RefreshToken' -Message '-RefreshToken is empty.'
                $PSCmdlet.ThrowTerminatingError($record)
            }
            $credentialType = 'RefreshToken'
            $credentialOptions.type = 'refreshToken'
            $credentialOptions.tenantId = $Tenant
            $credentialOptions.refreshToken = New-SecretSlot $RefreshToken
            if ($ApplicationId) { $clientId = $ApplicationId.Trim(); $credentialOptions.clientId = $clientId }
        }
        'UserPassword' {
            $userName = [string]$AutomationCredential.UserName
            if ([string]::IsNullOrWhiteSpace($userName) -or $null -eq $AutomationCredential.Password -or $AutomationCredential.Password.Length -eq 0) {
                $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidCredential' -Argument 'AutomationCredential' `
                    -Message '-AutomationCredential needs the user name (for example operator@contoso.onmicrosoft.com) and the password.' `
                    -RecommendedAction 'Create it with Get-Credential -UserName <user@domain>.'
                $PSCmdlet.ThrowTerminatingError($record)
            }
            $userName = $userName.Trim()
            $account = $userName
            $credentialType = 'UsernamePassword'
            $credentialOptions.type = 'usernamePassword'
            $credentialOptions.tenantId = $Tenant
            $credentialOptions.username = $userName
            $credentialOptions.password = New-SecretSlot $AutomationCredential.Password
            if ($ApplicationId) { $clientId = $ApplicationId.Trim(); $credentialOptions.clientId = $clientId }
        }
        'AccessToken' {
            $tokenValue = $AccessToken.psobject.BaseObject
            if ($tokenValue -is [string]) {
                $secure = [System.Security.SecureString]::new()
                foreach ($character in $tokenValue.Trim().ToCharArray()) { $secure.AppendChar($character) }
                $secure.MakeReadOnly()
                $tokenValue = $secure
            }
            if ($tokenValue -isnot [System.Security.SecureString] -or $tokenValue.Length -eq 0) {
                $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidAccessToken' -Argument 'AccessToken' `
                    -Message '-AccessToken must be a non-empty SecureString or string.' `
                    -RecommendedAction "Pass the token as a SecureString, for example (Read-Host -AsSecureString 'Access token')."
                $PSCmdlet.ThrowTerminatingError($record)
            }
            $accountType = 'Token'
            $credentialType = 'AccessToken'
            $credentialOptions.type = 'accessToken'
            $credentialOptions.accessToken = New-SecretSlot $tokenValue
            if ($Tenant) { $credentialOptions.tenantId = $Tenant }
        }
        'EnvironmentVariables' {
            $accountType = 'ServicePrincipal'
            $credentialType = 'Environment'
            $credentialOptions.type = 'environment'
            # The core reads them with getenv; $env:AZURE_* set in this session must reach it.
            $unsynced = @([AzsCsp.NativeEnvironment]::Sync([string[]]@('AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET',
                        'AZURE_CLIENT_CERTIFICATE_PATH', 'AZURE_CLIENT_CERTIFICATE_PASSWORD', 'AZURE_AUTHORITY_HOST')))
            if ($unsynced.Count -gt 0) {
                Write-Debug ('AzsCsp: could not pass these variables to the native core: ' + ($unsynced -join ', '))
            }
            $clientId = $env:AZURE_CLIENT_ID
            $account = $clientId
        }
    }
    if ($TokenVersion) { $credentialOptions.tokenVersion = $TokenVersion }

    $environmentOptions = [ordered]@{ name = $environmentName }
    if ($ResourceManagerEndpoint) { $environmentOptions.resourceManagerUrl = $ResourceManagerEndpoint.AbsoluteUri }
    if ($ActiveDirectoryAuthority) { $environmentOptions.activeDirectoryAuthority = $ActiveDirectoryAuthority.AbsoluteUri }
    if ($ActiveDirectoryResourceId) { $environmentOptions.activeDirectoryResourceId = $ActiveDirectoryResourceId }
    if ($MicrosoftGraphEndpoint) { $environmentOptions.graphUrl = $MicrosoftGraphEndpoint.AbsoluteUri }
    $tlsOptions = [ordered]@{ verify = -not $SkipCertificateCheck }
    if ($caPath) { $tlsOptions.caBundlePath = $caPath }
    $options = [ordered]@{
        environment = $environmentOptions
        credential  = $credentialOptions
        tls         = $tlsOptions
        logLevel    = (Get-AzsCspLogLevel)
    }
    $tokenCachePath = $null
    $tokenCacheOptions = [ordered]@{}
    if ($PSBoundParameters.ContainsKey('TokenRefreshMarginSeconds')) { $tokenCacheOptions.refreshMarginSeconds = $TokenRefreshMarginSeconds }
    if ($PersistTokenCache) {
        $tokenCachePath = Get-AzsCspTokenCacheDefaultPath
        $null = New-AzsCspConfigDirectory -Path (Split-Path -Parent $tokenCachePath)
        $tokenCacheOptions.persistPath = $tokenCachePath
        if ($accountType -ne 'User') {
            Write-Verbose '-PersistTokenCache: only the refresh tokens of user sign-ins are stored; this sign-in has none.'
        }
    }
    if ($tokenCacheOptions.Count -gt 0) { $options.tokenCache = $tokenCacheOptions }
    if ($SkipCertificateCheck) {
        $PSCmdlet.WriteWarning('-SkipCertificateCheck: TLS server certificates will not be validated for this context. Anyone on the network path can impersonate the server; use this only against test endpoints.')
    }
    $optionsJson = ConvertTo-Json -InputObject $options -Compress -Depth 5

    $who = switch ($set) {
        'DeviceCode' { 'a user (device code)' }
        'RefreshToken' { 'a user (refresh token)' }
        'UserPassword' { "user $account" }
        'AccessToken' { 'the given access token' }
        'EnvironmentVariables' { 'the AZURE_* environment variables' }
        default { "application $clientId" }
    }
    $tenantText = if ($Tenant) { " in tenant $Tenant" } else { '' }
    Write-Verbose ("Signing in to '{0}' as {1}{2}." -f $environmentName, $who, $tenantText)

    $client = $null
    $stored = $false
    try {
        $err = $null
        $client = [AzsCsp.NativeClient]::OpenWithSecrets($optionsJson, $secrets, [ref]$err)
        if ($null -eq $client) {
            $PSCmdlet.WriteError((New-AzsCspErrorRecord -NativeError $err -TargetObject $(if ($ContextName) { $ContextName } else { $environmentName }) -CredentialType $credentialType))
            return
        }

        $pendingName = if ($PSBoundParameters.ContainsKey('ContextName')) { $ContextName } else { '(signing in)' }
        $entry = [pscustomobject]@{ Name = $pendingName; Client = $client; Context = $null }
        $connected = @(if ($Deferred) {
            # No request now: the first operation signs in (and shows a device code prompt then).
            @([AzsCsp.Context]@{
                    Environment        = $environmentName
                    TenantId           = $Tenant
                    ClientId           = $clientId
                    Account            = $account
                    CredentialType     = $credentialType
                    ResourceManagerUrl = $(if ($ResourceManagerEndpoint) { $ResourceManagerEndpoint.AbsoluteUri } else { $null })
                    Authority          = $(if ($ActiveDirectoryAuthority) { $ActiveDirectoryAuthority.AbsoluteUri } else { $null })
                    ConnectedOn        = [DateTimeOffset]::Now
                })
        }
        else {
            @(Invoke-AzsCspOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'account.connect' -Arguments @{} `
                    -OutputKind 'Context' -TargetObject $pendingName -Activity 'Signing in' -CredentialType $credentialType)
            })
        if ($connected.Count -eq 0) {
            return
        }
        $context = $connected[0]
        $context.Tenant = $Tenant
        if (-not $context.AccountType) { $context.AccountType = $accountType }
        if (-not $context.CredentialType) { $context.CredentialType = $credentialType }
        if ($context.CredentialType -in 'ClientSecret', 'ClientCertificate') { $context.AccountType = 'ServicePrincipal' }
        if (-not $context.Environment) { $context.Environment = $environmentName }
        if (-not $context.ClientId -and $clientId) { $context.ClientId = $clientId }
        if (-not $context.Account -and $account) { $context.Account = $account }
        if (-not $context.TenantId -and $Tenant) { $context.TenantId = $Tenant }
        if (-not $context.Tenant) { $context.Tenant = $context.TenantId }
        if (-not $context.ResourceManagerUrl -and $ResourceManagerEndpoint) { $context.ResourceManagerUrl = $ResourceManagerEndpoint.AbsoluteUri }
        if ($Subscription) { $context.SubscriptionId = $Subscription.Trim() }
        $context.CaCertificatePath = $caPath
        $context.SkipCertificateCheck = [bool]$SkipCertificateCheck
        $context.TokenCachePath = $tokenCachePath

        $name = $ContextName
        if (-not $PSBoundParameters.ContainsKey('ContextName')) {
            $accountText = if ($context.Account) { $context.Account } elseif ($context.ClientId) { $context.ClientId } else { $credentialType }
            $tenantName = if ($Tenant) { $Tenant } elseif ($context.TenantId) { $context.TenantId } else { 'unknown tenant' }
            $name = '{0}@{1} ({2})' -f $accountText, $tenantName, $environmentName
        }
        $context.Name = $name
        $entry.Name = $name
        $entry.Context = $context

        if ($script:Contexts.Contains($name)) {
            Write-Verbose ("Replacing the context '{0}'." -f $name)
            $old = $script:Contexts[$name]
            $script:Contexts.Remove($name)
            try { $old.Client.Dispose() } catch { Write-Debug "AzsCsp: closing the replaced client failed: $_" }
        }
        $script:Contexts[$name] = $entry
        $script:DefaultContextName = $name
        Update-AzsCspDefaultFlag
        $stored = $true
        Write-Verbose ("Signed in: context '{0}' is the default context." -f $name)
        $context
    }
    finally {
        # Runs on Ctrl+C too: the sign-in (a device code wait) is cancelled and the client closed.
        if (-not $stored -and $null -ne $client) {
            $client.Dispose()
        }
        if ($temporaryPfx) {
            Remove-AzsCspTemporaryFile -Path $temporaryPfx
        }
        if ($temporaryPfxPassword) {
            $temporaryPfxPassword.Dispose()
        }
    }
}
