#Requires -Version 7.2
# Every sign-in method of Connect-AzsCspAccount against azscsp-emulator: certificate (PEM, PFX,
# algorithms, not registered, clock skew), device code (approved, declined, expired, Ctrl+C, shown
# with InformationPreference SilentlyContinue), refresh token (rotation), -AutomationCredential (wrong
# password, MFA), access token, AZURE_* variables, AD FS stamp, persistent token cache, two contexts
# on two emulators, and a sweep of every stream for secrets.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AzsCspTestModulePath) -Force
    $ProgressPreference = 'SilentlyContinue'
    $savedConfigDir = $env:AZSCSP_CONFIG_DIR
    $env:AZSCSP_CONFIG_DIR = Join-Path $TestDrive 'config'
    $emulatorArguments = @()
    if ((& (Get-AzsCspTestEmulatorPath) --help 2>&1 | Out-String) -match 'device-code-interval') {
        $emulatorArguments = @('--device-code-interval', '1', '--reject-reused-refresh-tokens')
    }
    $emulator = Start-AzsCspTestEmulator -ArgumentList $emulatorArguments
    $fixture = Get-AzsCspTestFixture
    $sub = $fixture.RegistrationSubscriptionId
    $reg = $fixture.RegistrationName
    $tenant = $fixture.PartnerTenantId
    $certAppId = '555f8509-e75d-4158-a4a0-7893fb35c3ea'
    $publicClientId = '1950a258-227b-4e31-a9cf-717495945fc2'
    $operator = 'operator@contosocsp.onmicrosoft.com'
    $operatorPassword = 'emulator-operator-password'
    $mfaUser = 'mfa-admin@contosocsp.onmicrosoft.com'
    $mfaPassword = 'emulator-mfa-password'
    $pfxPassword = 'emulator-pfx-password'
    $certs = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../emulator/fixtures/certs'))
    $pfxPath = Join-Path $certs 'automation-cert.pfx'
    # PEM with certificate and key in one file.
    $pemPath = Join-Path $TestDrive 'automation-cert.combined.pem'
    Set-Content -LiteralPath $pemPath -Value ((Get-Content -LiteralPath (Join-Path $certs 'automation-cert.pem') -Raw) + (Get-Content -LiteralPath (Join-Path $certs 'automation-cert.key.pem') -Raw)) -NoNewline
    $unregisteredPemPath = Join-Path $TestDrive 'unregistered-cert.combined.pem'
    Set-Content -LiteralPath $unregisteredPemPath -Value ((Get-Content -LiteralPath (Join-Path $certs 'unregistered-cert.pem') -Raw) + (Get-Content -LiteralPath (Join-Path $certs 'unregistered-cert.key.pem') -Raw)) -NoNewline

    function Get-EmulatorEndpoint([object] $Emu, [string] $ContextName) {
        $p = @{
            Environment               = 'AzsCspEmulator'
            ResourceManagerEndpoint   = $Emu.resourceManagerUrl
            ActiveDirectoryAuthority  = $Emu.activeDirectoryAuthority
            ActiveDirectoryResourceId = $Emu.audience
            CaCertificatePath         = $Emu.caCertificatePath
        }
        if ($ContextName) { $p.ContextName = $ContextName; $p.Force = $true }
        return $p
    }

    $ep = Get-EmulatorEndpoint $emulator

    function ConvertTo-Secure([string] $Text) { ConvertTo-SecureString -String $Text -AsPlainText -Force }

    function Get-FirstError([scriptblock] $Script) {
        # The first error record of the script: a terminating one, or the first non-terminating one.
        try {
            $records = @(& $Script 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
        catch {
            return $_
        }
        if ($records.Count -gt 0) { return $records[0] }
        return $null
    }

    function Get-TestRefreshToken([object] $Emu) {
        # A refresh token of the public client for the operator (password grant straight to the emulator).
        $authority = $Emu.activeDirectoryAuthority.TrimEnd('/')
        $scope = $Emu.audience.TrimEnd('/') + '/.default offline_access'
        $form = 'grant_type=password&client_id={0}&username={1}&password={2}&scope={3}' -f $publicClientId,
            [uri]::EscapeDataString($operator), [uri]::EscapeDataString($operatorPassword), [uri]::EscapeDataString($scope)
        $result = Invoke-AzsCspTestHttp -Emulator $Emu -Method POST -Url "$authority/$tenant/oauth2/v2.0/token" -Body $form -ContentType 'application/x-www-form-urlencoded'
        if ($result.Status -ne 200) { throw "Password grant failed: HTTP $($result.Status) $($result.Body)" }
        return (ConvertFrom-Json -InputObject $result.Body).refresh_token
    }

    function Start-DeviceCodeDecision([object] $Emulator, [ValidateSet('approve', 'decline')] [string] $Action, [string] $UserPrincipalName = $operator, [int] $TimeoutSeconds = 30) {
        # A runspace of its own polls GET /_emulator/devicecodes and approves or declines the first pending code.
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($BaseUrl, $Ca, $Action, $Upn, $TimeoutSeconds)
                $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
                while ([DateTime]::UtcNow -lt $deadline) {
                    $list = [AzsCspTest.Http]::Send('GET', "$BaseUrl/_emulator/devicecodes", '', 'application/json', $Ca)
                    $pending = @((ConvertFrom-Json -InputObject $list.Body).value | Where-Object { $_.status -eq 'pending' })
                    if ($pending.Count -gt 0) {
                        $body = ConvertTo-Json -Compress -InputObject @{ userCode = $pending[-1].userCode; userPrincipalName = $Upn }
                        $answer = [AzsCspTest.Http]::Send('POST', "$BaseUrl/_emulator/devicecodes/$Action", $body, 'application/json', $Ca)
                        return [pscustomobject]@{ Status = $answer.Status; UserCode = $pending[-1].userCode }
                    }
                    Start-Sleep -Milliseconds 100
                }
                return [pscustomobject]@{ Status = 'timeout'; UserCode = $null }
            }).AddArgument($Emulator.baseUrl.TrimEnd('/')).AddArgument($Emulator.caCertificatePath).AddArgument($Action).AddArgument($UserPrincipalName).AddArgument($TimeoutSeconds)
        return [pscustomobject]@{ PowerShell = $ps; Handle = $ps.BeginInvoke() }
    }

    function Receive-DeviceCodeDecision([object] $Decision) {
        try { return @($Decision.PowerShell.EndInvoke($Decision.Handle))[0] } finally { $Decision.PowerShell.Dispose() }
    }
}

AfterAll {
    Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
    Stop-AzsCspTestEmulator -Emulator $emulator
    $env:AZSCSP_CONFIG_DIR = $savedConfigDir
}

Describe 'Connect-AzsCspAccount parameter sets' {
    It 'has one parameter set per credential type, the client secret set being the default' {
        $command = Get-Command Connect-AzsCspAccount
        $command.DefaultParameterSet | Should -Be 'ServicePrincipalSecret'
        @($command.ParameterSets.Name | Sort-Object) | Should -Be @('AccessToken', 'DeviceCode', 'EnvironmentVariables', 'RefreshToken',
            'ServicePrincipalCertificate', 'ServicePrincipalCertificateThumbprint', 'ServicePrincipalSecret', 'UserPassword')
        $command.Parameters['RefreshToken'].ParameterType | Should -Be ([System.Security.SecureString])
        $command.Parameters['CertificatePassword'].ParameterType | Should -Be ([System.Security.SecureString])
        $command.Parameters['AutomationCredential'].ParameterType | Should -Be ([pscredential])
        $command.Parameters['AssertionAlgorithm'].Attributes.Where({ $_ -is [System.Management.Automation.ValidateSetAttribute] }).ValidValues | Should -Be @('Auto', 'RS256', 'PS256')
    }

    It 'documents that -AutomationCredential fails under MFA and the token cache risk' {
        $help = Get-Help Connect-AzsCspAccount -Full
        ($help.parameters.parameter | Where-Object Name -EQ 'AutomationCredential').description | Out-String | Should -Match 'multi-factor'
        ($help.parameters.parameter | Where-Object Name -EQ 'PersistTokenCache').description | Out-String | Should -Match '0600'
        ($help.parameters.parameter | Where-Object Name -EQ 'PersistTokenCache').description | Out-String | Should -Match 'anyone who can read it'
        @($help.examples.example).Count | Should -BeGreaterOrEqual 10
    }

    It 'refuses a missing certificate file and, off Windows, -CertificateThumbprint' {
        $thrown = Get-FirstError { Connect-AzsCspAccount @ep -ServicePrincipal -ApplicationId $certAppId -CertificatePath (Join-Path $TestDrive 'missing.pem') -Tenant $tenant }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'AzsCsp.CertificateNotFound,*'
        $thrown = Get-FirstError { Connect-AzsCspAccount -ServicePrincipal -ApplicationId $certAppId -CertificateThumbprint '00112233445566778899AABBCCDDEEFF00112233' -Tenant $tenant }
        if ($IsWindows) {
            $thrown.FullyQualifiedErrorId | Should -BeLike 'AzsCsp.CertificateNotFound,*'
        }
        else {
            $thrown.FullyQualifiedErrorId | Should -BeLike 'AzsCsp.CertificateStoreNotSupported,*'
            $thrown.ErrorDetails.RecommendedAction | Should -Match '-CertificatePath'
        }
    }
}

Describe 'Sign-in with a certificate' {
    BeforeEach {
        Disconnect-AzsCspAccount -All
        Reset-AzsCspTestEmulator -Emulator $emulator
    }

    It 'signs in with a PEM file (certificate and key) and calls Resource Manager' {
        $context = Connect-AzsCspAccount @ep -ServicePrincipal -ApplicationId $certAppId -CertificatePath $pemPath -Tenant $tenant
        $context.CredentialType | Should -Be 'ClientCertificate'
        $context.AccountType | Should -Be 'ServicePrincipal'
        $context.Account | Should -Be $certAppId
        $context.ClientId | Should -Be $certAppId
        $context.Name | Should -Be ('{0}@{1} (AzsCspEmulator)' -f $certAppId, $tenant)
        (Get-AzsRegistration -SubscriptionId $sub -Name $reg).Name | Should -Be $reg
    }

    It 'signs in with a password-protected PFX file' {
        $context = Connect-AzsCspAccount @ep -ServicePrincipal -ApplicationId $certAppId -CertificatePath $pfxPath -CertificatePassword (ConvertTo-Secure $pfxPassword) -Tenant $tenant
        $context.CredentialType | Should -Be 'ClientCertificate'
        (Get-AzsRegistration -SubscriptionId $sub -Name $reg).Name | Should -Be $reg
    }

    It 'signs the assertion with <_>' -ForEach @('RS256', 'PS256') {
        $context = Connect-AzsCspAccount @ep -ServicePrincipal -ApplicationId $certAppId -CertificatePath $pemPath -Tenant $tenant -AssertionAlgorithm $_
        $context.CredentialType | Should -Be 'ClientCertificate'
    }

    It 'fails with a PFX password that does not open the file' {
        $thrown = Get-FirstError { Connect-AzsCspAccount @ep -ServicePrincipal -ApplicationId $certAppId -CertificatePath $pfxPath -CertificatePassword (ConvertTo-Secure 'not-the-pfx-password') -Tenant $tenant }
        $thrown | Should -Not -BeNullOrEmpty
        $thrown.FullyQualifiedErrorId | Should -BeLike 'AzsCsp.*'
        ($thrown | Out-String) | Should -Not -Match 'not-the-pfx-password'
        @(Get-AzsCspContext -ListAvailable).Count | Should -Be 0
    }

    It 'names a certificate that is not registered as the cause (AuthenticationError)' {
        $thrown = Get-FirstError { Connect-AzsCspAccount @ep -ServicePrincipal -ApplicationId $certAppId -CertificatePath $unregisteredPemPath -Tenant $tenant }
        $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $thrown.FullyQualifiedErrorId | Should -BeLike 'AzsCsp.*'
        $thrown.Exception.Message | Should -Match '(?i)certificate|AADSTS700027|AADSTS50012|signature'
        $thrown.ErrorDetails.RecommendedAction | Should -Match '(?i)certificate'
        @(Get-AzsCspContext -ListAvailable).Count | Should -Be 0
    }

    It 'names clock skew as the cause when the assertion is outside its valid time range' {
        $skewed = Start-AzsCspTestEmulator -ArgumentList @('--clock-skew-seconds', '3600')
        try {
            $skewedEndpoint = Get-EmulatorEndpoint $skewed
            $thrown = Get-FirstError { Connect-AzsCspAccount @skewedEndpoint -ServicePrincipal -ApplicationId $certAppId -CertificatePath $pemPath -Tenant $tenant }
            $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $thrown.Exception.Message | Should -Match '(?i)clock|time range|500133'
            $thrown.ErrorDetails.RecommendedAction | Should -Match '(?i)clock'
        }
        finally {
            Stop-AzsCspTestEmulator -Emulator $skewed
        }
    }
}

Describe 'Sign-in with a device code' {
    BeforeEach {
        Disconnect-AzsCspAccount -All
        Reset-AzsCspTestEmulator -Emulator $emulator
    }

    It 'writes the instructions to the information stream (tag AzsCsp.DeviceCode) and signs in once approved' {
        $decision = Start-DeviceCodeDecision -Emulator $emulator -Action approve
        $context = Connect-AzsCspAccount @ep -UseDeviceAuthentication -Tenant $tenant -InformationVariable shown
        $answer = Receive-DeviceCodeDecision $decision
        $answer.Status | Should -Be 200
        $context.CredentialType | Should -Be 'DeviceCode'
        $context.AccountType | Should -Be 'User'
        $context.Account | Should -Be $operator
        $context.ClientId | Should -Be $publicClientId
        $context.Name | Should -Be ('{0}@{1} (AzsCspEmulator)' -f $operator, $tenant)
        $prompts = @($shown | Where-Object { $_.Tags -contains 'AzsCsp.DeviceCode' })
        $prompts.Count | Should -BeGreaterOrEqual 1
        [string]$prompts[0].MessageData | Should -Match ([regex]::Escape($answer.UserCode))
        (Get-AzsRegistration -SubscriptionId $sub -Name $reg).Name | Should -Be $reg
    }

    It 'shows the instructions even when $InformationPreference is SilentlyContinue' {
        # A child pwsh: what reaches its console (stdout) is what a user sees.
        $outFile = Join-Path $TestDrive 'devicecode.out.txt'
        $errFile = Join-Path $TestDrive 'devicecode.err.txt'
        $endpoint = Get-EmulatorEndpoint $emulator
        $script = @"
`$ErrorActionPreference = 'Stop'
`$InformationPreference = 'SilentlyContinue'
Import-Module '$(Get-AzsCspTestModulePath)'
`$c = Connect-AzsCspAccount -Environment AzsCspEmulator -ResourceManagerEndpoint '$($endpoint.ResourceManagerEndpoint)' -ActiveDirectoryAuthority '$($endpoint.ActiveDirectoryAuthority)' -ActiveDirectoryResourceId '$($endpoint.ActiveDirectoryResourceId)' -CaCertificatePath '$($endpoint.CaCertificatePath)' -UseDeviceAuthentication -Tenant '$tenant'
'CONNECTED ' + `$c.Account
"@
        $pwsh = [Environment]::ProcessPath
        $prefix = @()
        if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $prefix = @([Environment]::GetCommandLineArgs()[0]) }
        $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($script))
        $decision = Start-DeviceCodeDecision -Emulator $emulator -Action approve -TimeoutSeconds 60
        $process = Start-Process -FilePath $pwsh -ArgumentList (@($prefix) + @('-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded)) -RedirectStandardOutput $outFile -RedirectStandardError $errFile -PassThru
        $process.WaitForExit(90000) | Should -BeTrue
        $answer = Receive-DeviceCodeDecision $decision
        $answer.Status | Should -Be 200
        $out = Get-Content -LiteralPath $outFile -Raw
        $out | Should -Match ("CONNECTED " + [regex]::Escape($operator))
        $out | Should -Match ([regex]::Escape($answer.UserCode))
    }

    It 'fails as an AuthenticationError when the sign-in is declined' {
        $decision = Start-DeviceCodeDecision -Emulator $emulator -Action decline
        $thrown = Get-FirstError { Connect-AzsCspAccount @ep -UseDeviceAuthentication -Tenant $tenant -InformationAction Ignore }
        (Receive-DeviceCodeDecision $decision).Status | Should -Be 200
        $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $thrown.FullyQualifiedErrorId | Should -BeLike 'AzsCsp.*'
        $thrown.Exception.Message | Should -Match '(?i)declin|denied'
        $thrown.ErrorDetails.RecommendedAction | Should -Match 'UseDeviceAuthentication'
        @(Get-AzsCspContext -ListAvailable).Count | Should -Be 0
    }

    It 'fails as an AuthenticationError when the code expires' {
        $short = Start-AzsCspTestEmulator -ArgumentList @('--device-code-interval', '1', '--device-code-lifetime', '3')
        try {
            $shortEndpoint = Get-EmulatorEndpoint $short
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $thrown = Get-FirstError { Connect-AzsCspAccount @shortEndpoint -UseDeviceAuthentication -Tenant $tenant -InformationAction Ignore }
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 30
            $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $thrown.Exception.Message | Should -Match '(?i)expire'
            $thrown.ErrorDetails.RecommendedAction | Should -Match '(?i)again'
        }
        finally {
            Stop-AzsCspTestEmulator -Emulator $short
        }
    }

    It 'stops waiting promptly when the pipeline is stopped (Ctrl+C)' {
        $endpoint = Get-EmulatorEndpoint $emulator
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($ModulePath, $Endpoint, $Tenant)
                    Import-Module $ModulePath
                    Connect-AzsCspAccount @Endpoint -UseDeviceAuthentication -Tenant $Tenant -InformationAction Ignore
                }).AddArgument((Get-AzsCspTestModulePath)).AddArgument($endpoint).AddArgument($tenant)
            $handle = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            do {
                Start-Sleep -Milliseconds 100
                $pending = @((Invoke-AzsCspEmulatorControl -Emulator $emulator -Path '/_emulator/devicecodes').value | Where-Object status -EQ 'pending')
            } while ($pending.Count -eq 0 -and [DateTime]::UtcNow -lt $deadline)
            $pending.Count | Should -Be 1
            Start-Sleep -Milliseconds 1500   # at least one poll of the token endpoint
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
            $handle.IsCompleted | Should -BeTrue
            $polls = @(Get-AzsCspTestRequest -Emulator $emulator -PathContains '/token' -Method POST).Count
            Start-Sleep -Milliseconds 2500
            @(Get-AzsCspTestRequest -Emulator $emulator -PathContains '/token' -Method POST).Count | Should -Be $polls -Because 'the core stopped polling'
        }
        finally {
            $ps.Dispose()
        }
    }
}

Describe 'Sign-in with a refresh token, a user name and password, an access token, AZURE_* variables' {
    BeforeEach {
        Disconnect-AzsCspAccount -All
        Reset-AzsCspTestEmulator -Emulator $emulator
    }

    It 'signs in with a refresh token and keeps the newest one as it rotates' {
        $refreshToken = Get-TestRefreshToken $emulator
        $context = Connect-AzsCspAccount @ep -RefreshToken (ConvertTo-Secure $refreshToken) -Tenant $tenant -TokenRefreshMarginSeconds 3600
        $context.CredentialType | Should -Be 'RefreshToken'
        $context.AccountType | Should -Be 'User'
        $context.Account | Should -Be $operator
        # The margin exceeds the token lifetime: every call redeems the newest refresh token (the
        # emulator rejects a reused one).
        (Get-AzsRegistration -SubscriptionId $sub -Name $reg).Name | Should -Be $reg
        (Get-AzsRegistration -SubscriptionId $sub -Name $reg).Name | Should -Be $reg
        @(Get-AzsCspTestRequest -Emulator $emulator -PathContains '/token' -Method POST | Where-Object status -EQ 200).Count | Should -BeGreaterOrEqual 3
        # The first refresh token was rotated away: reusing it fails.
        $thrown = Get-FirstError { Connect-AzsCspAccount @ep -ContextName 'reused' -Force -RefreshToken (ConvertTo-Secure $refreshToken) -Tenant $tenant }
        $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
    }

    It 'fails with an invalid refresh token and recommends a device code sign-in' {
        $thrown = Get-FirstError { Connect-AzsCspAccount @ep -RefreshToken (ConvertTo-Secure 'not-a-refresh-token') -Tenant $tenant }
        $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $thrown.FullyQualifiedErrorId | Should -BeLike 'AzsCsp.*'
        $thrown.ErrorDetails.RecommendedAction | Should -Match 'UseDeviceAuthentication'
    }

    It 'signs in with -AutomationCredential (user name and password)' {
        $automation = [pscredential]::new($operator, (ConvertTo-Secure $operatorPassword))
        $context = Connect-AzsCspAccount @ep -AutomationCredential $automation -Tenant $tenant
        $context.CredentialType | Should -Be 'UsernamePassword'
        $context.AccountType | Should -Be 'User'
        $context.Account | Should -Be $operator
        $context.Name | Should -Be ('{0}@{1} (AzsCspEmulator)' -f $operator, $tenant)
        (Get-AzsRegistration -SubscriptionId $sub -Name $reg).Name | Should -Be $reg
        (Get-AzsCspContext | Format-Table | Out-String -Width 200) | Should -Match 'UsernamePassword'
    }

    It 'names a wrong password as the cause' {
        $automation = [pscredential]::new($operator, (ConvertTo-Secure 'wrong-password'))
        $thrown = Get-FirstError { Connect-AzsCspAccount @ep -AutomationCredential $automation -Tenant $tenant }
        $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $thrown.FullyQualifiedErrorId | Should -Match '^AzsCsp\.[A-Za-z_]+,'
        $thrown.Exception.Message | Should -Match '(?i)password|50126'
        $thrown.ErrorDetails.RecommendedAction | Should -Match '(?i)password'
    }

    It 'names multi-factor authentication as the cause and recommends a device code sign-in' {
        $automation = [pscredential]::new($mfaUser, (ConvertTo-Secure $mfaPassword))
        $thrown = Get-FirstError { Connect-AzsCspAccount @ep -AutomationCredential $automation -Tenant $tenant }
        $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $thrown.Exception.Message | Should -Match '(?i)multi-factor|MFA|50076|50079'
        $thrown.ErrorDetails.RecommendedAction | Should -Match 'UseDeviceAuthentication'
    }

    It 'names a wrong tenant as the cause' {
        $automation = [pscredential]::new($operator, (ConvertTo-Secure $operatorPassword))
        $thrown = Get-FirstError { Connect-AzsCspAccount @ep -AutomationCredential $automation -Tenant 'unknown-tenant.onmicrosoft.com' }
        $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $thrown.ErrorDetails.RecommendedAction | Should -Match '(?i)tenant'
    }

    It 'signs in with an access token given as a SecureString or a string' {
        $token = Get-AzsCspTestAccessToken -Emulator $emulator -ClientId $fixture.OwnerAppId -ClientSecret $fixture.OwnerSecret -Tenant $tenant
        $context = Connect-AzsCspAccount @ep -ContextName 'secure-token' -Force -AccessToken (ConvertTo-Secure $token)
        $context.CredentialType | Should -Be 'AccessToken'
        (Get-AzsRegistration -SubscriptionId $sub -Name $reg -Context 'secure-token').Name | Should -Be $reg
        $context = Connect-AzsCspAccount @ep -ContextName 'string-token' -Force -AccessToken $token
        $context.CredentialType | Should -Be 'AccessToken'
        (Get-AzsRegistration -SubscriptionId $sub -Name $reg -Context 'string-token').Name | Should -Be $reg
        @(Get-AzsCspTestRequest -Emulator $emulator -PathContains '/token' -Method POST).Count | Should -Be 1 -Because 'only the test asked for a token'
    }

    It 'fails without a token or with one Resource Manager does not accept' {
        { Connect-AzsCspAccount @ep -AccessToken 42 } | Should -Throw -ErrorId 'AzsCsp.InvalidAccessToken,*'
        $thrown = Get-FirstError {
            $null = Connect-AzsCspAccount @ep -ContextName 'bad-token' -Force -AccessToken 'not-a-token' -ErrorAction Stop
            Get-AzsRegistration -SubscriptionId $sub -Name $reg -Context 'bad-token' -ErrorAction Stop
        }
        $thrown | Should -Not -BeNullOrEmpty
        $thrown.CategoryInfo.Category | Should -BeIn @('AuthenticationError', 'InvalidArgument')
    }

    It 'signs in with the AZURE_* environment variables (secret and certificate) and reports missing ones' {
        $names = 'AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH', 'AZURE_CLIENT_CERTIFICATE_PASSWORD', 'AZURE_AUTHORITY_HOST'
        $saved = @{}
        foreach ($n in $names) { $saved[$n] = [Environment]::GetEnvironmentVariable($n); [Environment]::SetEnvironmentVariable($n, $null) }
        try {
            $env:AZURE_TENANT_ID = $tenant
            $env:AZURE_CLIENT_ID = $fixture.OwnerAppId
            $env:AZURE_CLIENT_SECRET = $fixture.OwnerSecret
            $env:AZURE_AUTHORITY_HOST = $emulator.activeDirectoryAuthority
            $context = Connect-AzsCspAccount @ep -ContextName 'env-secret' -Force -FromEnvironment
            $context.AccountType | Should -Be 'ServicePrincipal'
            $context.ClientId | Should -Be $fixture.OwnerAppId
            $context.CredentialType | Should -BeIn @('Environment', 'ClientSecret')
            (Get-AzsRegistration -SubscriptionId $sub -Name $reg -Context 'env-secret').Name | Should -Be $reg

            $env:AZURE_CLIENT_SECRET = $null
            $env:AZURE_CLIENT_ID = $certAppId
            $env:AZURE_CLIENT_CERTIFICATE_PATH = $pemPath
            $context = Connect-AzsCspAccount @ep -ContextName 'env-cert' -Force -FromEnvironment
            $context.ClientId | Should -Be $certAppId
            (Get-AzsRegistration -SubscriptionId $sub -Name $reg -Context 'env-cert').Name | Should -Be $reg

            $env:AZURE_TENANT_ID = $null
            $thrown = Get-FirstError { Connect-AzsCspAccount @ep -ContextName 'env-missing' -Force -FromEnvironment }
            $thrown | Should -Not -BeNullOrEmpty
            $thrown.Exception.Message | Should -Match 'AZURE_TENANT_ID'
        }
        finally {
            foreach ($n in $names) { [Environment]::SetEnvironmentVariable($n, $saved[$n]) }
        }
    }
}

Describe 'Persistent token cache' {
    BeforeEach {
        Disconnect-AzsCspAccount -All
        Reset-AzsCspTestEmulator -Emulator $emulator
        Remove-Item -LiteralPath $env:AZSCSP_CONFIG_DIR -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'is off by default: no file is written' {
        $automation = [pscredential]::new($operator, (ConvertTo-Secure $operatorPassword))
        $context = Connect-AzsCspAccount @ep -AutomationCredential $automation -Tenant $tenant
        $context.TokenCachePath | Should -BeNullOrEmpty
        Test-Path -LiteralPath (Join-Path $env:AZSCSP_CONFIG_DIR 'tokencache.json') | Should -BeFalse
    }

    It 'keeps the refresh token of a user sign-in in a per-user file readable by the owner only' {
        $automation = [pscredential]::new($operator, (ConvertTo-Secure $operatorPassword))
        $context = Connect-AzsCspAccount @ep -AutomationCredential $automation -Tenant $tenant -PersistTokenCache
        $path = Join-Path $env:AZSCSP_CONFIG_DIR 'tokencache.json'
        $context.TokenCachePath | Should -Be $path
        Test-Path -LiteralPath $path -PathType Leaf | Should -BeTrue
        if (-not $IsWindows) {
            (Get-Item -LiteralPath $path).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
            (Get-Item -LiteralPath $env:AZSCSP_CONFIG_DIR).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
        }
        Get-Content -LiteralPath $path -Raw | Should -Not -Match ([regex]::Escape($operatorPassword))
    }
}

Describe 'AD FS stamp' {
    BeforeAll {
        $adfs = Start-AzsCspTestEmulator -ArgumentList @('--identity-system', 'adfs')
    }
    AfterAll {
        Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
        Stop-AzsCspTestEmulator -Emulator $adfs
        Remove-Item -LiteralPath (Join-Path $env:AZSCSP_CONFIG_DIR 'environments.json') -Force -ErrorAction SilentlyContinue
    }

    It 'signs in to a stored environment with only its Resource Manager endpoint (tenant adfs, v1 token endpoint)' {
        Add-AzsCspEnvironment -Name AdfsStamp -ResourceManagerEndpoint $adfs.resourceManagerUrl -Force | Out-Null
        $credential = New-AzsCspTestCredential -ApplicationId $fixture.OwnerAppId -Secret $fixture.OwnerSecret
        $context = Connect-AzsCspAccount -Environment AdfsStamp -CaCertificatePath $adfs.caCertificatePath -ServicePrincipal -Credential $credential -Tenant adfs
        $context.Authority.TrimEnd('/') | Should -Match '/adfs$'
        @(Get-AzsCspTestRequest -Emulator $adfs -PathContains '/adfs/oauth2/token' -Method POST | Where-Object status -EQ 200).Count | Should -Be 1
        (Get-AzsRegistration -SubscriptionId $sub -Name $reg).Name | Should -Be $reg
    }

    It 'signs in to AD FS with a certificate (RS256 with x5t)' {
        $context = Connect-AzsCspAccount -Environment AdfsStamp -CaCertificatePath $adfs.caCertificatePath -ServicePrincipal -ApplicationId $certAppId -CertificatePath $pfxPath -CertificatePassword (ConvertTo-Secure $pfxPassword) -Tenant adfs
        $context.CredentialType | Should -Be 'ClientCertificate'
        (Get-AzsRegistration -SubscriptionId $sub -Name $reg).Name | Should -Be $reg
    }
}

Describe 'Two contexts on two emulators' {
    BeforeAll {
        $second = Start-AzsCspTestEmulator
        $ep2 = Get-EmulatorEndpoint $second
    }
    AfterAll {
        Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
        Stop-AzsCspTestEmulator -Emulator $second
    }

    It 'sends each context''s calls to its own emulator with its own token' {
        Disconnect-AzsCspAccount -All
        Reset-AzsCspTestEmulator -Emulator $emulator
        Reset-AzsCspTestEmulator -Emulator $second
        $owner = New-AzsCspTestCredential -ApplicationId $fixture.OwnerAppId -Secret $fixture.OwnerSecret
        $reader = New-AzsCspTestCredential -ApplicationId $fixture.ReaderAppId -Secret $fixture.ReaderSecret
        $one = Connect-AzsCspAccount @ep -ContextName 'one' -Force -ServicePrincipal -Credential $owner -Tenant $tenant
        $two = Connect-AzsCspAccount @ep2 -ContextName 'two' -Force -AutomationCredential ([pscredential]::new($operator, (ConvertTo-Secure $operatorPassword))) -Tenant $tenant
        $three = Connect-AzsCspAccount @ep2 -ContextName 'three' -Force -ServicePrincipal -Credential $reader -Tenant $tenant
        @(Get-AzsCspContext -ListAvailable).Name | Should -Be @('three', 'two', 'one')
        (Get-AzsCspContext -ContextName one).CredentialType | Should -Be 'ClientSecret'
        (Get-AzsCspContext -ContextName two).CredentialType | Should -Be 'UsernamePassword'
        (Get-AzsCspContext -ContextName two).Account | Should -Be $operator
        Clear-AzsCspTestRequest -Emulator $emulator
        Clear-AzsCspTestRequest -Emulator $second

        $customer = $fixture.Customers[0].CustomerSubscriptionId
        New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName $reg -CustomerSubscriptionId $customer -Context one | Should -Not -BeNullOrEmpty
        (Get-AzsRegistration -SubscriptionId $sub -Name $reg -Context two).Name | Should -Be $reg
        $denied = Get-FirstError { New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName $reg -CustomerSubscriptionId $customer -Context three }
        $denied.FullyQualifiedErrorId | Should -BeLike 'AzsCsp.AuthorizationFailed,*'

        $firstPuts = @(Get-AzsCspTestRequest -Emulator $emulator -PathContains 'customerSubscriptions' -Method PUT)
        $secondPuts = @(Get-AzsCspTestRequest -Emulator $second -PathContains 'customerSubscriptions' -Method PUT)
        $firstPuts.Count | Should -Be 1
        $firstPuts[0].status | Should -BeLessThan 300
        $secondPuts.Count | Should -Be 1
        $secondPuts[0].status | Should -Be 403
        @(Get-AzsCspTestRequest -Emulator $second -PathContains "registrations/$reg" -Method GET | Where-Object status -EQ 200).Count | Should -BeGreaterOrEqual 1
        @(Get-AzsCspTestRequest -Emulator $emulator -PathContains '/token' -Method POST).Count | Should -Be 0 -Because 'the tokens are cached per context'
        @(Get-AzsCspTestRequest -Emulator $second -PathContains '/token' -Method POST).Count | Should -Be 0
    }
}

Describe 'No secret in any stream of any sign-in method' {
    BeforeAll {
        Disconnect-AzsCspAccount -All
        Reset-AzsCspTestEmulator -Emulator $emulator
        $refreshToken = Get-TestRefreshToken $emulator
        $accessToken = Get-AzsCspTestAccessToken -Emulator $emulator -ClientId $fixture.OwnerAppId -ClientSecret $fixture.OwnerSecret -Tenant $tenant
        $wrongSecret = 'wrong-secret-' + [guid]::NewGuid().ToString('N')
        $wrongPfxPassword = 'wrong-pfx-' + [guid]::NewGuid().ToString('N')
        $wrongUserPassword = 'wrong-user-' + [guid]::NewGuid().ToString('N')
        $e = Get-EmulatorEndpoint $emulator
        $decision = Start-DeviceCodeDecision -Emulator $emulator -Action approve
        $records = @(& {
                Connect-AzsCspAccount @e -ContextName dc -UseDeviceAuthentication -Tenant $tenant -Verbose -Debug
                Connect-AzsCspAccount @e -ContextName pem -ServicePrincipal -ApplicationId $certAppId -CertificatePath $pemPath -Tenant $tenant -Verbose -Debug
                Connect-AzsCspAccount @e -ContextName pfx -ServicePrincipal -ApplicationId $certAppId -CertificatePath $pfxPath -CertificatePassword (ConvertTo-Secure $pfxPassword) -Tenant $tenant -Verbose -Debug
                Connect-AzsCspAccount @e -ContextName pfxbad -ServicePrincipal -ApplicationId $certAppId -CertificatePath $pfxPath -CertificatePassword (ConvertTo-Secure $wrongPfxPassword) -Tenant $tenant -Verbose -Debug -ErrorAction Continue
                Connect-AzsCspAccount @e -ContextName unreg -ServicePrincipal -ApplicationId $certAppId -CertificatePath $unregisteredPemPath -Tenant $tenant -Verbose -Debug -ErrorAction Continue
                Connect-AzsCspAccount @e -ContextName secretbad -ServicePrincipal -Credential (New-AzsCspTestCredential -ApplicationId $fixture.OwnerAppId -Secret $wrongSecret) -Tenant $tenant -Verbose -Debug -ErrorAction Continue
                Connect-AzsCspAccount @e -ContextName rt -RefreshToken (ConvertTo-Secure $refreshToken) -Tenant $tenant -Verbose -Debug
                Connect-AzsCspAccount @e -ContextName rtbad -RefreshToken (ConvertTo-Secure $refreshToken) -Tenant $tenant -Verbose -Debug -ErrorAction Continue
                Connect-AzsCspAccount @e -ContextName user -AutomationCredential ([pscredential]::new($operator, (ConvertTo-Secure $operatorPassword))) -Tenant $tenant -PersistTokenCache -Verbose -Debug
                Connect-AzsCspAccount @e -ContextName userbad -AutomationCredential ([pscredential]::new($operator, (ConvertTo-Secure $wrongUserPassword))) -Tenant $tenant -Verbose -Debug -ErrorAction Continue
                Connect-AzsCspAccount @e -ContextName mfa -AutomationCredential ([pscredential]::new($mfaUser, (ConvertTo-Secure $mfaPassword))) -Tenant $tenant -Verbose -Debug -ErrorAction Continue
                Connect-AzsCspAccount @e -ContextName token -AccessToken $accessToken -Verbose -Debug
                Get-AzsCspContext -ListAvailable -Verbose -Debug
                Get-AzsCspContext -ListAvailable | Format-List * | Out-String
                foreach ($name in 'dc', 'pem', 'pfx', 'rt', 'user', 'token') {
                    Get-AzsRegistration -SubscriptionId $sub -Name $reg -Context $name -Verbose -Debug
                }
                Disconnect-AzsCspAccount -All -Verbose -Debug
            } *>&1)
        $null = Receive-DeviceCodeDecision $decision
        $builder = [System.Text.StringBuilder]::new()
        foreach ($record in $records) {
            $null = $builder.AppendLine(($record | Out-String -Width 4096))
            if ($record -is [System.Management.Automation.ErrorRecord]) {
                $null = $builder.AppendLine(($record | Format-List * -Force | Out-String -Width 4096))
                $null = $builder.AppendLine(($record.Exception | Format-List * -Force | Out-String -Width 4096))
                if ($record.Exception -is [AzsCsp.AzsCspException]) { $null = $builder.AppendLine($record.Exception.Error.Json) }
                $null = $builder.AppendLine([string]$record.ErrorDetails.RecommendedAction)
            }
            elseif ($record -is [System.Management.Automation.InformationRecord]) {
                $null = $builder.AppendLine([string]$record.MessageData)
            }
            elseif ($record -is [System.Management.Automation.InformationalRecord]) {
                $null = $builder.AppendLine($record.Message)
            }
            elseif ($null -ne $record -and $record -isnot [string]) {
                $null = $builder.AppendLine(($record | Format-List * -Force | Out-String -Width 4096))
                $null = $builder.AppendLine((ConvertTo-Json -InputObject $record -Depth 5 -WarningAction SilentlyContinue))
            }
        }
        $text = $builder.ToString()
    }

    It 'captured every flow, its debug output and its errors' {
        @($records | Where-Object { $_ -is [AzsCsp.Context] }).Count | Should -BeGreaterOrEqual 6
        @($records | Where-Object { $_ -is [AzsCsp.Registration] }).Count | Should -Be 6
        @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -BeGreaterOrEqual 6
        @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Count | Should -BeGreaterThan 0
        @($records | Where-Object { $_ -is [System.Management.Automation.InformationRecord] -and $_.Tags -contains 'AzsCsp.DeviceCode' }).Count | Should -Be 1
    }

    It 'never shows a password, a secret or a refresh token' {
        foreach ($secret in @($operatorPassword, $mfaPassword, $wrongUserPassword, $pfxPassword, $wrongPfxPassword, $wrongSecret, $fixture.OwnerSecret, $refreshToken)) {
            $text | Should -Not -Match ([regex]::Escape($secret))
        }
        $text | Should -Not -Match '(?i)(password|client_secret|refresh_token|client_assertion|device_code)=[^&\s]{6,}'
        $text | Should -Not -Match 'AZSCSP-SECRET-'
    }

    It 'never shows an access token or an assertion' {
        $text | Should -Not -Match ([regex]::Escape($accessToken))
        $text | Should -Not -Match 'eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}'
        $text | Should -Not -Match '(?i)bearer\s+[A-Za-z0-9._~+/-]{16,}'
        $text | Should -Not -Match '(?i)"(access|refresh)_token"'
    }
}
