# The sign-in shared by Connect-AzsCspAccount (Azure Resource Manager) and Connect-AzsCspPartnerCenter
# (Partner Center): credential options (secrets handed to the native core from their SecureString),
# environment resolution (built-in, stored, or given by endpoints), TLS, token cache, the connect
# operation and the context store. Each public command keeps its own parameter sets and passes its
# bound parameters and set name here.

function Invoke-AzsCspSignIn {
    <#
    .SYNOPSIS
    Signs in with the parameters of Connect-AzsCspAccount (or Connect-AzsCspPartnerCenter with
    -PartnerCenter) and stores the context; writes the AzsCsp.Context.
    .PARAMETER PartnerCenter
    A Partner Center sign-in: runs partnerCenter.connect (a token for the Partner Center audience),
    stores the context as the current Partner Center context and leaves the default (Azure) context as it is.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [string] $ParameterSetName,
        [switch] $ServicePrincipal,
        [System.Management.Automation.PSCredential] $Credential,
        [string] $ApplicationId,
        [string] $CertificatePath,
        [System.Security.SecureString] $CertificatePassword,
        [string] $CertificateThumbprint,
        [string] $AssertionAlgorithm = 'Auto',
        [switch] $UseDeviceAuthentication,
        [System.Security.SecureString] $RefreshToken,
        # With -RefreshToken: the client secret of a confidential application (sent as client_secret on
        # every refresh grant; never shown).
        [System.Security.SecureString] $RefreshClientSecret,
        [System.Management.Automation.PSCredential] $AutomationCredential,
        [object] $AccessToken,
        [switch] $FromEnvironment,
        [string] $Tenant,
        [string] $Environment = 'AzureCloud',
        [uri] $ResourceManagerEndpoint,
        [uri] $ActiveDirectoryAuthority,
        [string] $ActiveDirectoryResourceId,
        [uri] $MicrosoftGraphEndpoint,
        [string] $Subscription,
        [string] $CaCertificatePath,
        [switch] $SkipCertificateCheck,
        [string] $ContextName,
        [switch] $Force,
        [switch] $PersistTokenCache,
        [int] $TokenRefreshMarginSeconds,
        [string] $TokenVersion,
        [switch] $Deferred,
        [switch] $PartnerCenter,
        [uri] $PartnerCenterEndpoint
    )

    $null = Initialize-AzsCspNative -Cmdlet $Cmdlet
    $set = $ParameterSetName

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
            $Cmdlet.ThrowTerminatingError($record)
        }
    }
    elseif (-not $ResourceManagerEndpoint) {
        $problem = $null
        $stored = Read-AzsCspEnvironmentStore -Problem ([ref]$problem) | Where-Object { $_.Name -eq $environmentName } | Select-Object -First 1
        if ($problem) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.EnvironmentStoreInvalid' -Message $problem `
                -Category ([System.Management.Automation.ErrorCategory]::ReadError) -Kind 'Internal' -TargetObject (Get-AzsCspEnvironmentStorePath) `
                -RecommendedAction 'Fix or delete the file, then run the command again.'
            $Cmdlet.ThrowTerminatingError($record)
        }
        if (-not $stored) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.ResourceManagerEndpointRequired' -Argument 'ResourceManagerEndpoint' -TargetObject $Environment `
                -Message ("'{0}' is neither a built-in environment (AzureCloud, AzureChinaCloud, AzureUSGovernment) nor a stored custom environment; a custom environment needs -ResourceManagerEndpoint." -f $Environment) `
                -RecommendedAction 'Store it once with Add-AzsCspEnvironment -Name <name> -ResourceManagerEndpoint <https://management.../>, or pass -ResourceManagerEndpoint (and optionally -ActiveDirectoryAuthority and -ActiveDirectoryResourceId), or use a built-in -Environment.'
            $Cmdlet.ThrowTerminatingError($record)
        }
        Write-Verbose ("Using the stored environment '{0}' ({1})." -f $stored.Name, $stored.ResourceManagerUrl)
        $environmentName = $stored.Name
        $ResourceManagerEndpoint = [uri]$stored.ResourceManagerUrl
        if (-not $ActiveDirectoryAuthority -and $stored.ActiveDirectoryAuthority) { $ActiveDirectoryAuthority = [uri]$stored.ActiveDirectoryAuthority }
        if (-not $ActiveDirectoryResourceId -and $stored.ActiveDirectoryResourceId) { $ActiveDirectoryResourceId = $stored.ActiveDirectoryResourceId }
        if ($PartnerCenter -and -not $PartnerCenterEndpoint -and $stored.PartnerCenterUrl) { $PartnerCenterEndpoint = [uri]$stored.PartnerCenterUrl }
    }
    if ($PartnerCenter -and -not $match -and -not $PartnerCenterEndpoint) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.PartnerCenterUnknown' -Argument 'PartnerCenterEndpoint' -TargetObject $environmentName `
            -Message ("The custom environment '{0}' has no Partner Center endpoint." -f $environmentName) `
            -RecommendedAction 'Pass -PartnerCenterEndpoint <https://.../> (the Partner Center API base URL), or store it with Add-AzsCspEnvironment -Name <name> -ResourceManagerEndpoint <url> -PartnerCenterEndpoint <url> -Force.'
        $Cmdlet.ThrowTerminatingError($record)
    }
    foreach ($endpoint in @(@('ResourceManagerEndpoint', $ResourceManagerEndpoint), @('ActiveDirectoryAuthority', $ActiveDirectoryAuthority), @('MicrosoftGraphEndpoint', $MicrosoftGraphEndpoint), @('PartnerCenterEndpoint', $PartnerCenterEndpoint))) {
        if ($endpoint[1] -and (-not $endpoint[1].IsAbsoluteUri -or $endpoint[1].Scheme -notin 'https', 'http')) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidEndpoint' -Argument $endpoint[0] -TargetObject ([string]$endpoint[1]) `
                -Message ("-{0} '{1}' is not an absolute https URL." -f $endpoint[0], $endpoint[1])
            $Cmdlet.ThrowTerminatingError($record)
        }
    }

    $caPath = $null
    if ($PSBoundParameters.ContainsKey('CaCertificatePath')) {
        $caPath = $Cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($CaCertificatePath)
        if (-not (Test-Path -LiteralPath $caPath -PathType Leaf)) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.CaCertificateNotFound' -Argument 'CaCertificatePath' -TargetObject $CaCertificatePath `
                -Category ([System.Management.Automation.ErrorCategory]::ObjectNotFound) -Kind 'NotFound' `
                -Message ("The CA certificate file '{0}' does not exist (-CaCertificatePath)." -f $caPath) `
                -RecommendedAction 'Pass the path of a PEM file with the certificate(s) of the private certificate authority.'
            $Cmdlet.ThrowTerminatingError($record)
        }
    }
    if ($Subscription -and -not (Test-AzsCspGuid $Subscription.Trim())) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidSubscriptionId' -Argument 'Subscription' -TargetObject $Subscription `
            -Message ("The subscription ID '{0}' is not a GUID." -f $Subscription)
        $Cmdlet.ThrowTerminatingError($record)
    }
    if ($PSBoundParameters.ContainsKey('ContextName') -and $script:Contexts.Contains($ContextName) -and -not $Force) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.ContextExists' -Argument 'ContextName' -TargetObject $ContextName `
            -Category ([System.Management.Automation.ErrorCategory]::ResourceExists) -Kind 'Conflict' `
            -Message ("A context named '{0}' already exists." -f $ContextName) `
            -RecommendedAction 'Pass -Force to replace it, choose another -ContextName, or run Disconnect-AzsCspAccount -ContextName <name> first.'
        $Cmdlet.ThrowTerminatingError($record)
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
                $Cmdlet.ThrowTerminatingError($record)
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
                $certificateFile = $Cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($CertificatePath)
                if (-not (Test-Path -LiteralPath $certificateFile -PathType Leaf)) {
                    $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.CertificateNotFound' -Argument 'CertificatePath' -TargetObject $CertificatePath `
                        -Category ([System.Management.Automation.ErrorCategory]::ObjectNotFound) -Kind 'NotFound' `
                        -Message ("The certificate file '{0}' does not exist (-CertificatePath)." -f $certificateFile) `
                        -RecommendedAction 'Pass a PEM file with the certificate and its private key, or a PFX file (with -CertificatePassword).'
                    $Cmdlet.ThrowTerminatingError($record)
                }
                $credentialOptions.certificatePath = $certificateFile
                if ($CertificatePassword) {
                    $credentialOptions.certificatePassword = New-SecretSlot $CertificatePassword
                }
            }
            else {
                $exported = Export-AzsCspStoreCertificate -Cmdlet $Cmdlet -Thumbprint $CertificateThumbprint
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
                $Cmdlet.ThrowTerminatingError($record)
            }
            $credentialType = 'RefreshToken'
            $credentialOptions.type = 'refreshToken'
            $credentialOptions.tenantId = $Tenant
            $credentialOptions.refreshToken = New-SecretSlot $RefreshToken
            if ($ApplicationId) { $clientId = $ApplicationId.Trim(); $credentialOptions.clientId = $clientId }
            if ($null -ne $RefreshClientSecret -and $RefreshClientSecret.Length -gt 0) {
                $credentialOptions.clientSecret = New-SecretSlot $RefreshClientSecret
            }
        }
        'UserPassword' {
            $userName = [string]$AutomationCredential.UserName
            if ([string]::IsNullOrWhiteSpace($userName) -or $null -eq $AutomationCredential.Password -or $AutomationCredential.Password.Length -eq 0) {
                $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidCredential' -Argument 'AutomationCredential' `
                    -Message '-AutomationCredential needs the user name (for example operator@contoso.onmicrosoft.com) and the password.' `
                    -RecommendedAction 'Create it with Get-Credential -UserName <user@domain>.'
                $Cmdlet.ThrowTerminatingError($record)
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
                $Cmdlet.ThrowTerminatingError($record)
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
    if ($PartnerCenterEndpoint) { $environmentOptions.partnerCenterUrl = $PartnerCenterEndpoint.AbsoluteUri }
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
        $Cmdlet.WriteWarning('-SkipCertificateCheck: TLS server certificates will not be validated for this context. Anyone on the network path can impersonate the server; use this only against test endpoints.')
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
    $service = if ($PartnerCenter) { 'Partner Center of ' } else { '' }
    Write-Verbose ("Signing in to {0}'{1}' as {2}{3}." -f $service, $environmentName, $who, $tenantText)

    $client = $null
    $stored = $false
    try {
        $err = $null
        $client = [AzsCsp.NativeClient]::OpenWithSecrets($optionsJson, $secrets, [ref]$err)
        if ($null -eq $client) {
            $Cmdlet.WriteError((New-AzsCspErrorRecord -NativeError $err -TargetObject $(if ($ContextName) { $ContextName } else { $environmentName }) -CredentialType $credentialType))
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
            $connectOperation = if ($PartnerCenter) { 'partnerCenter.connect' } else { 'account.connect' }
            @(Invoke-AzsCspOperation -Cmdlet $Cmdlet -Entry $entry -Operation $connectOperation -Arguments @{} `
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
        if ($PartnerCenter) {
            $context.Kind = 'PartnerCenter'
            if (-not $context.PartnerCenterUrl) {
                $context.PartnerCenterUrl = if ($PartnerCenterEndpoint) { $PartnerCenterEndpoint.AbsoluteUri } else { (Get-AzsCspBuiltInEnvironment | Where-Object Name -EQ $environmentName).PartnerCenterUrl }
            }
            if ($null -eq $context.AppOnly) { $context.AppOnly = ($accountType -eq 'ServicePrincipal') }
        }

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
        if ($PartnerCenter) {
            # Partner Center commands use the most recent Partner Center context; the default context
            # of the Azure commands stays what it was.
            $script:PartnerCenterContextName = $name
            if ($script:DefaultContextName -eq $name) { $script:DefaultContextName = $null }
            Update-AzsCspDefaultFlag
            $stored = $true
            Write-Verbose ("Signed in to Partner Center: context '{0}'{1}." -f $name, $(if ($context.AppOnly) { ' (app-only: operations that need app+user are refused)' } else { '' }))
        }
        else {
            $script:DefaultContextName = $name
            Update-AzsCspDefaultFlag
            $stored = $true
            Write-Verbose ("Signed in: context '{0}' is the default context." -f $name)
        }
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
