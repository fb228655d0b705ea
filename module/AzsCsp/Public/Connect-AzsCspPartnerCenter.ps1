function Connect-AzsCspPartnerCenter {
    <#
    .SYNOPSIS
    Signs in to the Partner Center API (the parameters of Connect-PartnerCenter) and stores the sign-in as an AzsCsp Partner Center context.

    .DESCRIPTION
    Connect-AzsCspPartnerCenter gets a token for Partner Center (audience
    https://api.partnercenter.microsoft.com, in every cloud and also when the API is served elsewhere,
    such as the emulator) through the same sign-in code as Connect-AzsCspAccount, and keeps it as a
    named context (default name 'PartnerCenter'). The Partner Center commands (Get-AzsCspPartnerCustomer,
    Register-AzsCspCustomer, ...) use the most recent Partner Center context unless they are given
    -PartnerCenterContext. The default context of the Azure commands does not change.

    Ways to sign in (the parameter sets of Connect-PartnerCenter):
    * App+user with a device code: -UseDeviceAuthentication [-Tenant] (the default). The instructions
      go to the information stream (tag 'AzsCsp.DeviceCode'); Ctrl+C cancels the wait.
    * App+user with a refresh token: -ApplicationId -RefreshToken [-Credential] [-Tenant]; -Credential
      (application ID and client secret) for a confidential application, whose secret is sent on every
      refresh.
    * App-only with a client secret: -ServicePrincipal -Credential -Tenant.
    * App-only with a certificate: -ServicePrincipal -ApplicationId -CertificatePath|-CertificateThumbprint -Tenant.
    * Your own token: -AccessToken.
    * A user name and password (automation against test systems such as the emulator): -Credential -Tenant
      without -ServicePrincipal. It cannot work under MFA or Conditional Access.

    Some Partner Center operations need app+user (the Microsoft Customer Agreement, subscription
    provisioning status): with an app-only context they fail with AzsCsp.PartnerCenterAppUserRequired
    before anything is sent. The context's AppOnly property says which kind it is.

    The Partner Center endpoint: the built-in clouds have their own (AzureCloud and AzureUSGovernment
    https://api.partnercenter.microsoft.com/, AzureChinaCloud https://partner.partnercenterapi.microsoftonline.cn/);
    a custom environment takes it from -PartnerCenterEndpoint or from Add-AzsCspEnvironment
    -PartnerCenterEndpoint.

    .PARAMETER UseDeviceAuthentication
    Signs in a user (app+user) with a device code: open the URL shown, enter the code and sign in.

    .PARAMETER ApplicationId
    The application (client) ID: the public client of a device code or refresh token sign-in (default
    the Azure PowerShell client), or the service principal with a certificate.

    .PARAMETER RefreshToken
    Signs in a user (app+user) with a refresh token of -ApplicationId (for example one made with
    New-PartnerAccessToken). The value is never shown.

    .PARAMETER Credential
    With -ServicePrincipal: the application ID (user name) and client secret (password), app-only.
    With -RefreshToken: the application ID (user name, must equal -ApplicationId) and client secret
    (password) of a confidential application, as Connect-PartnerCenter takes them; the secret is sent as
    client_secret on every refresh of the token and never shown. Without it the refresh is made as a
    public client. Alone: a user name and password (app+user), for automation against test systems.

    .PARAMETER ServicePrincipal
    Signs in as an application (app-only), with -Credential or a certificate.

    .PARAMETER CertificatePath
    The certificate of the service principal: a PEM file with certificate and key, or a PFX file.

    .PARAMETER CertificatePassword
    The password of the PFX file given with -CertificatePath.

    .PARAMETER CertificateThumbprint
    Windows only: the thumbprint of a certificate with private key in Cert:\CurrentUser\My.

    .PARAMETER AccessToken
    A Partner Center access token (SecureString or string), used as is until it expires.

    .PARAMETER Tenant
    The partner's directory (domain or tenant ID). Optional for device code and refresh token
    ('organizations' when omitted).

    .PARAMETER Environment
    AzureCloud (default), AzureChinaCloud, AzureUSGovernment, or a custom environment (stored with
    Add-AzsCspEnvironment, or described here with -ResourceManagerEndpoint).

    .PARAMETER PartnerCenterEndpoint
    The Partner Center API base URL, for a custom environment (for example the emulator's partnerCenterUrl).

    .PARAMETER ResourceManagerEndpoint
    A custom environment's Resource Manager endpoint (used by Register-AzsCspCustomer to create an
    Azure subscription under an Azure plan). Its login endpoint is discovered from its metadata.

    .PARAMETER ActiveDirectoryAuthority
    A custom environment's sign-in authority, when it is not to be discovered.

    .PARAMETER ActiveDirectoryResourceId
    A custom environment's Resource Manager token audience, when it is not to be discovered.

    .PARAMETER ContextName
    The name of the context (default 'PartnerCenter'; an existing context of that name is replaced).

    .PARAMETER CaCertificatePath
    A PEM file with the certificate authorities to trust (a private CA).

    .PARAMETER SkipCertificateCheck
    Turns TLS certificate validation off (tests only).

    .PARAMETER Force
    Replaces an existing context named with -ContextName.

    .EXAMPLE
    PS> Connect-AzsCspPartnerCenter -UseDeviceAuthentication -Tenant contosocsp.onmicrosoft.com

    App+user sign-in with a device code; every Partner Center command works with it.

    .EXAMPLE
    PS> $app = Get-Credential   # application ID / client secret
    PS> Connect-AzsCspPartnerCenter -ServicePrincipal -Credential $app -Tenant contosocsp.onmicrosoft.com

    App-only sign-in: customers, orders and subscriptions work; the customer agreement does not.

    .EXAMPLE
    PS> $app = Get-Credential -UserName $appId   # client secret of the confidential application
    PS> Connect-AzsCspPartnerCenter -ApplicationId $appId -RefreshToken $refreshToken -Credential $app -Tenant contosocsp.onmicrosoft.com

    App+user sign-in with a refresh token of a confidential application (as with Connect-PartnerCenter
    -ApplicationId -RefreshToken -Credential); its secret goes with every refresh.

    .EXAMPLE
    PS> Add-AzsCspEnvironment -Name Emulator -ResourceManagerEndpoint $emu.resourceManagerUrl -PartnerCenterEndpoint $emu.partnerCenterUrl
    PS> Connect-AzsCspPartnerCenter -Environment Emulator -Credential $user -Tenant contosocsp.onmicrosoft.com -CaCertificatePath $emu.caCertificatePath

    Signs in to the emulator's Partner Center with a user name and password.

    .INPUTS
    None.

    .OUTPUTS
    AzsCsp.Context

    .LINK
    Connect-AzsCspAccount

    .LINK
    Register-AzsCspCustomer

    .LINK
    https://learn.microsoft.com/partner-center/developer/partner-center-authentication
    #>
    [CmdletBinding(DefaultParameterSetName = 'DeviceCode')]
    [OutputType([AzsCsp.Context])]
    param(
        [Parameter(ParameterSetName = 'DeviceCode')]
        [switch] $UseDeviceAuthentication,

        [Parameter(ParameterSetName = 'RefreshToken', Mandatory)]
        [Parameter(ParameterSetName = 'ServicePrincipalCertificate', Mandatory)]
        [Parameter(ParameterSetName = 'ServicePrincipalCertificateThumbprint', Mandatory)]
        [Parameter(ParameterSetName = 'DeviceCode')]
        [Alias('ClientId', 'AppId')]
        [ValidateNotNullOrEmpty()]
        [string] $ApplicationId,

        [Parameter(ParameterSetName = 'RefreshToken', Mandatory)]
        [System.Security.SecureString] $RefreshToken,

        [Parameter(ParameterSetName = 'ServicePrincipalSecret', Mandatory)]
        [Parameter(ParameterSetName = 'UserPassword', Mandatory)]
        [Parameter(ParameterSetName = 'RefreshToken')]
        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $Credential,

        [Parameter(ParameterSetName = 'ServicePrincipalSecret', Mandatory)]
        [Parameter(ParameterSetName = 'ServicePrincipalCertificate', Mandatory)]
        [Parameter(ParameterSetName = 'ServicePrincipalCertificateThumbprint', Mandatory)]
        [switch] $ServicePrincipal,

        [Parameter(ParameterSetName = 'ServicePrincipalCertificate', Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string] $CertificatePath,

        [Parameter(ParameterSetName = 'ServicePrincipalCertificate')]
        [System.Security.SecureString] $CertificatePassword,

        [Parameter(ParameterSetName = 'ServicePrincipalCertificateThumbprint', Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string] $CertificateThumbprint,

        [Parameter(ParameterSetName = 'AccessToken', Mandatory)]
        [ValidateNotNull()]
        [object] $AccessToken,

        [Parameter(ParameterSetName = 'ServicePrincipalSecret', Mandatory)]
        [Parameter(ParameterSetName = 'ServicePrincipalCertificate', Mandatory)]
        [Parameter(ParameterSetName = 'ServicePrincipalCertificateThumbprint', Mandatory)]
        [Parameter(ParameterSetName = 'UserPassword', Mandatory)]
        [Parameter(ParameterSetName = 'DeviceCode')]
        [Parameter(ParameterSetName = 'RefreshToken')]
        [Parameter(ParameterSetName = 'AccessToken')]
        [Alias('TenantId', 'Domain')]
        [ValidateNotNullOrEmpty()]
        [string] $Tenant,

        [ValidateNotNullOrEmpty()]
        [string] $Environment = 'AzureCloud',

        [uri] $PartnerCenterEndpoint,

        [Alias('ArmEndpoint')]
        [uri] $ResourceManagerEndpoint,

        [uri] $ActiveDirectoryAuthority,

        [ValidateNotNullOrEmpty()]
        [string] $ActiveDirectoryResourceId,

        [Alias('Name')]
        [ValidateNotNullOrEmpty()]
        [string] $ContextName = 'PartnerCenter',

        [ValidateNotNullOrEmpty()]
        [string] $CaCertificatePath,

        [switch] $SkipCertificateCheck,

        [switch] $Force
    )

    $set = $PSCmdlet.ParameterSetName
    $signIn = @{
        PartnerCenter = $true
        ContextName   = $ContextName
        # The default name is replaced on every sign-in; an explicit one only with -Force.
        Force         = ($Force -or -not $PSBoundParameters.ContainsKey('ContextName'))
    }
    foreach ($name in 'ApplicationId', 'RefreshToken', 'CertificatePath', 'CertificatePassword', 'CertificateThumbprint', 'AccessToken', 'Tenant',
        'Environment', 'PartnerCenterEndpoint', 'ResourceManagerEndpoint', 'ActiveDirectoryAuthority', 'ActiveDirectoryResourceId', 'CaCertificatePath', 'SkipCertificateCheck') {
        if ($PSBoundParameters.ContainsKey($name)) { $signIn[$name] = $PSBoundParameters[$name] }
    }
    switch ($set) {
        'DeviceCode' {
            $signIn.UseDeviceAuthentication = $true
            if (-not $Tenant) { $signIn.Tenant = 'organizations' }
        }
        'RefreshToken' {
            if (-not $Tenant) { $signIn.Tenant = 'organizations' }
            if ($Credential -and ([string]$Credential.UserName).Trim() -ne $ApplicationId.Trim()) {
                $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidCredential' -Argument 'Credential' `
                    -Message ("-Credential names application '{0}' but -ApplicationId is '{1}': the refresh token belongs to one application." -f $Credential.UserName, $ApplicationId) `
                    -RecommendedAction 'Pass the same application ID as -ApplicationId and as the user name of -Credential.'
                $PSCmdlet.ThrowTerminatingError($record)
            }
            # A confidential application: its secret goes with every refresh grant (client_secret).
            if ($Credential -and $null -ne $Credential.Password -and $Credential.Password.Length -gt 0) {
                $signIn.RefreshClientSecret = $Credential.Password
            }
        }
        'ServicePrincipalSecret' {
            $signIn.ServicePrincipal = $true
            $signIn.Credential = $Credential
        }
        { $_ -in 'ServicePrincipalCertificate', 'ServicePrincipalCertificateThumbprint' } {
            $signIn.ServicePrincipal = $true
        }
        'UserPassword' {
            $signIn.AutomationCredential = $Credential
        }
    }
    Invoke-AzsCspSignIn -Cmdlet $PSCmdlet -ParameterSetName $set @signIn
}
