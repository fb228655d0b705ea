function Connect-AzsCspAccount {
    <#
    .SYNOPSIS
    Signs in to Azure (or a custom cloud) for CSP tenant mapping and stores the sign-in as an AzsCsp context.

    .DESCRIPTION
    Connect-AzsCspAccount signs in with a service principal (application ID and client secret) to the
    directory (tenant) that owns the Azure Stack Hub registration, and keeps the sign-in as a named
    context in the current session. The new context becomes the default one used by
    Get-AzsRegistration, New-AzsCustomerSubscription, Get-AzsCustomerSubscription and
    Remove-AzsCustomerSubscription (pass -Context to use another one).

    It replaces the 'Connect-AzAccount' step of the documented CSP procedure and needs no Az module.
    The built-in environments are AzureCloud (default), AzureChinaCloud and AzureUSGovernment. For any
    other cloud, give a name with -Environment and its Azure Resource Manager endpoint with
    -ResourceManagerEndpoint; the sign-in authority and token audience are read from the endpoint's
    metadata unless -ActiveDirectoryAuthority and -ActiveDirectoryResourceId are given.

    Servers whose TLS certificate is issued by a private certificate authority are trusted with
    -CaCertificatePath. -SkipCertificateCheck turns certificate validation off (tests only).

    The client secret is handed to the native core without being turned into a plain string; it never
    appears in output, verbose or debug messages, or errors.

    The native log level of the context follows the preferences of this command: connect with -Verbose
    (or -Debug) to see the HTTP calls of the later commands in their -Verbose (or -Debug) output.
    Warnings (retries, throttling) are always shown.

    .PARAMETER ServicePrincipal
    Signs in as a service principal (application). Required in this version.

    .PARAMETER Credential
    The service principal: the user name is the application (client) ID, the password is the client secret.

    .PARAMETER Tenant
    The directory (tenant) ID or domain name (for example contoso.onmicrosoft.com) of the service principal.

    .PARAMETER Environment
    The cloud: AzureCloud (default), AzureChinaCloud, AzureUSGovernment, or the name of a custom cloud
    described by -ResourceManagerEndpoint.

    .PARAMETER ResourceManagerEndpoint
    The Azure Resource Manager endpoint of a custom cloud, for example https://management.contoso.local/.

    .PARAMETER ActiveDirectoryAuthority
    The sign-in authority of a custom cloud, for example https://login.contoso.local/ or
    https://adfs.contoso.local/adfs/. Read from the Resource Manager metadata when omitted.

    .PARAMETER ActiveDirectoryResourceId
    The token audience (resource) of the custom cloud's Resource Manager. Read from the Resource Manager
    metadata when omitted.

    .PARAMETER Subscription
    The default subscription ID of the context, used by Get-AzsRegistration when -SubscriptionId is omitted.

    .PARAMETER CaCertificatePath
    A PEM file with the certificate authorities to trust for this context, for a cloud whose
    certificates are issued by a private CA. The file must exist.

    .PARAMETER SkipCertificateCheck
    Does not validate TLS server certificates. Insecure: use only against test endpoints.

    .PARAMETER ContextName
    The name of the context. Default: '<application ID>@<tenant> (<environment>)'.

    .PARAMETER Force
    Replaces an existing context with the same -ContextName. (A context with the default name is always
    replaced by a new sign-in of the same principal.)

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
    https://learn.microsoft.com/azure-stack/operator/azure-stack-csp-howto-register-tenants
    #>
    [CmdletBinding(DefaultParameterSetName = 'ServicePrincipalSecret')]
    [OutputType([AzsCsp.Context])]
    param(
        [Parameter(ParameterSetName = 'ServicePrincipalSecret', Mandatory)]
        [switch] $ServicePrincipal,

        [Parameter(ParameterSetName = 'ServicePrincipalSecret', Mandatory)]
        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $Credential,

        [Parameter(ParameterSetName = 'ServicePrincipalSecret', Mandatory)]
        [Alias('TenantId', 'Domain')]
        [ValidateNotNullOrEmpty()]
        [string] $Tenant,

        [ArgumentCompleter({
                param($commandName, $parameterName, $wordToComplete)
                'AzureCloud', 'AzureChinaCloud', 'AzureUSGovernment' | Where-Object { $_ -like "$wordToComplete*" }
            })]
        [ValidateNotNullOrEmpty()]
        [string] $Environment = 'AzureCloud',

        [Alias('ArmEndpoint')]
        [uri] $ResourceManagerEndpoint,

        [uri] $ActiveDirectoryAuthority,

        [ValidateNotNullOrEmpty()]
        [string] $ActiveDirectoryResourceId,

        [Alias('SubscriptionId')]
        [string] $Subscription,

        [ValidateNotNullOrEmpty()]
        [string] $CaCertificatePath,

        [switch] $SkipCertificateCheck,

        [Alias('Name')]
        [ValidateNotNullOrEmpty()]
        [string] $ContextName,

        [switch] $Force,

        [Parameter(DontShow)]
        [ValidateSet('v1', 'v2')]
        [string] $TokenVersion
    )

    $null = Initialize-AzsCspNative -Cmdlet $PSCmdlet

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
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.ResourceManagerEndpointRequired' -Argument 'ResourceManagerEndpoint' -TargetObject $Environment `
            -Message ("'{0}' is not a built-in environment (AzureCloud, AzureChinaCloud, AzureUSGovernment); a custom environment needs -ResourceManagerEndpoint." -f $Environment) `
            -RecommendedAction 'Pass -ResourceManagerEndpoint <https://management.../> (and optionally -ActiveDirectoryAuthority and -ActiveDirectoryResourceId), or a built-in -Environment.'
        $PSCmdlet.ThrowTerminatingError($record)
    }
    foreach ($endpoint in @(@('ResourceManagerEndpoint', $ResourceManagerEndpoint), @('ActiveDirectoryAuthority', $ActiveDirectoryAuthority))) {
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
    if ($SkipCertificateCheck) {
        $PSCmdlet.WriteWarning('-SkipCertificateCheck: TLS server certificates will not be validated for this context. Anyone on the network path can impersonate the server; use this only against test endpoints.')
    }

    $applicationId = [string]$Credential.UserName
    if ([string]::IsNullOrWhiteSpace($applicationId) -or $null -eq $Credential.Password -or $Credential.Password.Length -eq 0) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidCredential' -Argument 'Credential' `
            -Message '-Credential needs the application (client) ID as the user name and the client secret as the password.' `
            -RecommendedAction "Create it with [pscredential]::new('<application id>', (Read-Host -AsSecureString 'Client secret'))."
        $PSCmdlet.ThrowTerminatingError($record)
    }
    $applicationId = $applicationId.Trim()
    if ($Subscription -and -not (Test-AzsCspGuid $Subscription.Trim())) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidSubscriptionId' -Argument 'Subscription' -TargetObject $Subscription `
            -Message ("The subscription ID '{0}' is not a GUID." -f $Subscription)
        $PSCmdlet.ThrowTerminatingError($record)
    }

    $derivedName = '{0}@{1} ({2})' -f $applicationId, $Tenant, $environmentName
    $name = if ($PSBoundParameters.ContainsKey('ContextName')) { $ContextName } else { $derivedName }
    if ($script:Contexts.Contains($name) -and $PSBoundParameters.ContainsKey('ContextName') -and -not $Force) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.ContextExists' -Argument 'ContextName' -TargetObject $name `
            -Category ([System.Management.Automation.ErrorCategory]::ResourceExists) -Kind 'Conflict' `
            -Message ("A context named '{0}' already exists." -f $name) `
            -RecommendedAction 'Pass -Force to replace it, choose another -ContextName, or run Disconnect-AzsCspAccount -ContextName <name> first.'
        $PSCmdlet.ThrowTerminatingError($record)
    }

    # The options document. The secret is not in it: a one-off placeholder marks where the native
    # interop writes it, straight from the SecureString into unmanaged memory.
    $placeholder = 'AZSCSP-SECRET-' + [guid]::NewGuid().ToString('N')
    $environmentOptions = [ordered]@{ name = $environmentName }
    if ($ResourceManagerEndpoint) { $environmentOptions.resourceManagerUrl = $ResourceManagerEndpoint.AbsoluteUri }
    if ($ActiveDirectoryAuthority) { $environmentOptions.activeDirectoryAuthority = $ActiveDirectoryAuthority.AbsoluteUri }
    if ($ActiveDirectoryResourceId) { $environmentOptions.activeDirectoryResourceId = $ActiveDirectoryResourceId }
    $credentialOptions = [ordered]@{
        type         = 'clientSecret'
        tenantId     = $Tenant
        clientId     = $applicationId
        clientSecret = $placeholder
    }
    if ($TokenVersion) { $credentialOptions.tokenVersion = $TokenVersion }
    $tlsOptions = [ordered]@{ verify = -not $SkipCertificateCheck }
    if ($caPath) { $tlsOptions.caBundlePath = $caPath }
    $options = [ordered]@{
        environment = $environmentOptions
        credential  = $credentialOptions
        tls         = $tlsOptions
        logLevel    = (Get-AzsCspLogLevel)
    }
    $optionsJson = ConvertTo-Json -InputObject $options -Compress -Depth 5

    Write-Verbose ("Signing in to '{0}' as application {1} in tenant {2}." -f $environmentName, $applicationId, $Tenant)
    $err = $null
    $client = [AzsCsp.NativeClient]::Open($optionsJson, $placeholder, $Credential.Password, [ref]$err)
    if ($null -eq $client) {
        $PSCmdlet.WriteError((New-AzsCspErrorRecord -NativeError $err -TargetObject $name))
        return
    }

    $stored = $false
    try {
        $entry = [pscustomobject]@{ Name = $name; Client = $client; Context = $null }
        $connected = @(Invoke-AzsCspOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'account.connect' -Arguments @{} `
                -OutputKind 'Context' -TargetObject $name -Activity 'Signing in')
        if ($connected.Count -eq 0) {
            return
        }
        $context = $connected[0]
        $context.Name = $name
        $context.Tenant = $Tenant
        $context.AccountType = 'ServicePrincipal'
        $context.CredentialType = 'ClientSecret'
        if (-not $context.Environment) { $context.Environment = $environmentName }
        if (-not $context.ClientId) { $context.ClientId = $applicationId }
        if (-not $context.TenantId) { $context.TenantId = $Tenant }
        if (-not $context.ResourceManagerUrl -and $ResourceManagerEndpoint) { $context.ResourceManagerUrl = $ResourceManagerEndpoint.AbsoluteUri }
        if ($Subscription) { $context.SubscriptionId = $Subscription.Trim() }
        $context.CaCertificatePath = $caPath
        $context.SkipCertificateCheck = [bool]$SkipCertificateCheck
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
        if (-not $stored) {
            $client.Dispose()
        }
    }
}
