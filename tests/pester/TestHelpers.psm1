# TestHelpers.psm1 - starts and drives azscsp-emulator for the AzsCsp Pester suite.
#
# Emulator: $env:AZSCSP_EMULATOR, else <repo>/build/emulator/azscsp-emulator.
# Module:   $env:AZSCSP_TEST_MODULE, else <repo>/module/AzsCsp/AzsCsp.psd1.
# Control calls (/_emulator/...) and test token requests go through a small HttpClient that trusts
# the emulator's CA (ca.pem) explicitly, so no certificate check is ever skipped.
Set-StrictMode -Version 3.0

$script:RepoRoot = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../..'))

if (-not ('AzsCspTest.Http' -as [type])) {
    Add-Type -TypeDefinition @'
using System;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace AzsCspTest
{
    public sealed class HttpResult
    {
        public int Status { get; set; }
        public string Body { get; set; }
    }

    public static class Http
    {
        private static readonly object Gate = new object();
        private static string clientCa;
        private static HttpClient client;

        private static HttpClient For(string caPath)
        {
            lock (Gate)
            {
                if (client != null && clientCa == caPath) return client;
                var trust = new X509Certificate2Collection();
                trust.ImportFromPemFile(caPath);
                var handler = new HttpClientHandler();
                handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                {
                    if (errors == SslPolicyErrors.None) return true;
                    if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0 || certificate == null) return false;
                    using (var custom = new X509Chain())
                    {
                        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                        custom.ChainPolicy.CustomTrustStore.AddRange(trust);
                        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                        return custom.Build(certificate);
                    }
                };
                if (client != null) client.Dispose();
                client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
                clientCa = caPath;
                return client;
            }
        }

        public static HttpResult Send(string method, string url, string body, string contentType, string caPath)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (body != null) request.Content = new StringContent(body, Encoding.UTF8, contentType ?? "application/json");
            using (var response = For(caPath).SendAsync(request).GetAwaiter().GetResult())
            {
                return new HttpResult
                {
                    Status = (int)response.StatusCode,
                    Body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
                };
            }
        }
    }
}
'@
}

function Get-AzsCspTestFixture {
    <#
    .SYNOPSIS
    The ids and secrets of the emulator's default fixtures (emulator/fixtures/default.json).
    #>
    [CmdletBinding()]
    param()

    return [pscustomobject]@{
        PartnerTenantId            = '530c1840-90ce-4fab-b0f9-3be7428f67ec'
        PartnerTenantDomain        = 'contosocsp.onmicrosoft.com'
        OwnerAppId                 = '5a0bec8c-2de1-4669-be79-dc35df07444b'
        OwnerSecret                = 'emulator-owner-secret'
        ReaderAppId                = '5ebb01bb-965c-4caa-9c4d-92187dad5277'
        ReaderSecret               = 'emulator-reader-secret'
        RegistrationSubscriptionId = '414f12af-d3bb-44fd-a278-d0aff47d869b'
        ResourceGroupName          = 'azurestack'
        RegistrationName           = 'myreg'
        CapacityRegistrationName   = 'capacityreg'
        UnapprovedRegistrationName = 'unapprovedreg'
        RegistrationCloudId        = 'c902d338-1d28-4c50-8283-1fdf0b326df6'
        CapacityCloudId            = '2f1c8a55-6f0d-4c7e-b2a9-7e3d5c1b9a40'
        UnapprovedCloudId          = '6b9e2d17-3a4f-4c85-9e61-0f8a7b2c3d5e'
        OperatorUserName           = 'operator@contosocsp.onmicrosoft.com'
        OperatorPassword           = 'emulator-operator-password'
        FabrikamDomain             = 'fabrikam.onmicrosoft.com'
        Customers                  = @(
            [pscustomobject]@{ Name = 'Fabrikam'; CustomerSubscriptionId = 'fd6f3b4e-ca7e-4807-8b42-cb4ec0d55f3c'; TenantId = 'e40189a3-e640-46a3-b8ff-16b642010b0d' }
            [pscustomobject]@{ Name = 'Adatum'; CustomerSubscriptionId = '7d7b7c70-8909-4c01-a082-0e2106b4a48b'; TenantId = 'f5a12742-f96c-4f7a-9a01-f2ad9beb4efc' }
            [pscustomobject]@{ Name = 'Northwind'; CustomerSubscriptionId = '8e06e68b-f5b3-4420-a4f1-2e6a4f5a2ce8'; TenantId = 'dccc98f3-4196-4752-8115-902216d99374' }
        )
        OtherPartnerSubscriptionId = 'e92ea18c-3e63-4416-a6e6-b6abe1c075ab'
        NotCspSubscriptionId       = 'c3657abc-8da1-444e-a5d3-e51f3e6d97c3'
        WoodgroveTenantId          = 'fbaa2360-49b2-464f-b59f-013a219f8966'
    }
}

function Get-AzsCspTestStampFixture {
    <#
    .SYNOPSIS
    The multi-tenancy ids and users of the emulator's default fixtures (stamp, directories, users).
    #>
    [CmdletBinding()]
    param()

    return [pscustomobject]@{
        AdminSubscriptionId     = '8ab2551d-41e5-489b-9273-1cdf1cbc7dc6'
        AdminSubscriptionName   = 'Default Provider Subscription'
        AdminResourceGroup      = 'system.local'
        Region                  = 'local'
        ApplicationIds          = @('b3c5d7e9-1a2b-4c3d-8e4f-5a6b7c8d9e01', 'e4f5a6b7-2c3d-4e5f-9a6b-7c8d9e0f1a04', 'b7c8d9e0-5f6a-4b7c-8d9e-0f1a2b3c4d07')
        FabrikamDomain          = 'fabrikam.onmicrosoft.com'
        FabrikamTenantId        = 'e40189a3-e640-46a3-b8ff-16b642010b0d'
        FabrikamSubscriptionId  = '6c1f0b9e-0a4f-4d8e-9a51-0f4f2b7d3c11'
        FabrikamAdminUserName   = 'admin@fabrikam.onmicrosoft.com'
        FabrikamAdminPassword   = 'emulator-fabrikam-admin-password'
        FabrikamReaderUserName  = 'reader@fabrikam.onmicrosoft.com'
        FabrikamReaderPassword  = 'emulator-fabrikam-reader-password'
        AdatumDomain            = 'adatum.onmicrosoft.com'
        AdatumTenantId          = 'f5a12742-f96c-4f7a-9a01-f2ad9beb4efc'
        AdatumSubscriptionId    = '7d2e1c0f-1b5a-4e9f-8b62-1a5a3c8e4d22'
        AdatumAdminUserName     = 'admin@adatum.onmicrosoft.com'
        AdatumAdminPassword     = 'emulator-adatum-admin-password'
    }
}

function New-AzsCspTestStampApplication {
    <#
    .SYNOPSIS
    A new stamp application (as in the fixtures' stamp.applications) for POST /_emulator/stamp/applications,
    the simulated stamp update: an application permission and a delegated grant on Microsoft Graph.
    #>
    [CmdletBinding()]
    param(
        [string] $AppId = ([guid]::NewGuid().ToString()),
        [string] $DisplayName = 'Azure Stack - Disk Resource Provider'
    )

    return [ordered]@{
        appId                  = $AppId
        displayName            = $DisplayName
        tags                   = @('AzureStack')
        appRoles               = @(@{ id = [guid]::NewGuid().ToString(); value = 'Disk.ReadWrite.All'; allowedMemberTypes = @('Application') })
        oauth2PermissionScopes = @(@{ id = [guid]::NewGuid().ToString(); value = 'user_impersonation'; type = 'User' })
        appRoleAssignments     = @(@{ resource = '00000003-0000-0000-c000-000000000000'; roleId = '7ab1d382-f21e-4acd-a863-ba3e13f7da61' })
        oauth2PermissionGrants = @(@{ resource = '00000003-0000-0000-c000-000000000000'; scope = 'User.Read' })
    }
}

function Get-AzsCspTestModulePath {
    [CmdletBinding()]
    param()

    if ($env:AZSCSP_TEST_MODULE) {
        $path = $env:AZSCSP_TEST_MODULE
        if (Test-Path -LiteralPath $path -PathType Container) {
            $path = Join-Path $path 'AzsCsp.psd1'
        }
        return [System.IO.Path]::GetFullPath($path)
    }
    return (Join-Path $script:RepoRoot 'module/AzsCsp/AzsCsp.psd1')
}

function Get-AzsCspTestEmulatorPath {
    [CmdletBinding()]
    param()

    $path = if ($env:AZSCSP_EMULATOR) { $env:AZSCSP_EMULATOR } else { Join-Path $script:RepoRoot 'build/emulator/azscsp-emulator' }
    if ($IsWindows -and -not $path.EndsWith('.exe') -and (Test-Path -LiteralPath "$path.exe")) {
        $path = "$path.exe"
    }
    return [System.IO.Path]::GetFullPath($path)
}

function Start-AzsCspTestEmulator {
    <#
    .SYNOPSIS
    Starts azscsp-emulator on a free port with a fresh data directory and waits for emulator.json.
    .OUTPUTS
    The parsed emulator.json plus DataDirectory, Process, StdOut, StdErr.
    #>
    [CmdletBinding()]
    param(
        [ValidateSet('off', 'token-bucket', 'hourly')]
        [string] $Throttling = 'off',
        [string[]] $ArgumentList = @(),
        [int] $TimeoutSeconds = 30
    )

    $exe = Get-AzsCspTestEmulatorPath
    if (-not (Test-Path -LiteralPath $exe -PathType Leaf)) {
        throw "azscsp-emulator not found at '$exe'. Build it (cmake --build <build dir> --target azscsp-emulator) or set `$env:AZSCSP_EMULATOR."
    }
    $dataDir = Join-Path ([System.IO.Path]::GetTempPath()) ('azscsp-pester-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    $null = New-Item -ItemType Directory -Path $dataDir -Force
    $stdout = Join-Path $dataDir 'emulator.stdout.log'
    $stderr = Join-Path $dataDir 'emulator.stderr.log'
    $arguments = @('--data-dir', $dataDir, '--port', '0', '--throttling', $Throttling, '--quiet') + $ArgumentList
    $process = Start-Process -FilePath $exe -ArgumentList $arguments -RedirectStandardOutput $stdout -RedirectStandardError $stderr -PassThru

    $statusFile = Join-Path $dataDir 'emulator.json'
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    $info = $null
    while ([DateTime]::UtcNow -lt $deadline) {
        if (Test-Path -LiteralPath $statusFile) {
            try {
                $info = Get-Content -LiteralPath $statusFile -Raw | ConvertFrom-Json -ErrorAction Stop
                if ($info.baseUrl -and $info.caCertificatePath) { break }
            }
            catch {
                $info = $null
            }
        }
        if ($process.HasExited) {
            break
        }
        Start-Sleep -Milliseconds 50
    }
    if (-not $info) {
        $log = (Get-Content -LiteralPath $stdout, $stderr -Raw -ErrorAction SilentlyContinue) -join "`n"
        if (-not $process.HasExited) { $process.Kill() }
        Remove-Item -LiteralPath $dataDir -Recurse -Force -ErrorAction SilentlyContinue
        throw "azscsp-emulator did not write $statusFile within $TimeoutSeconds s (exit: $(if ($process.HasExited) { $process.ExitCode } else { 'running' })). Output:`n$log"
    }
    $info | Add-Member -NotePropertyName DataDirectory -NotePropertyValue $dataDir
    $info | Add-Member -NotePropertyName Process -NotePropertyValue $process
    $info | Add-Member -NotePropertyName StdOut -NotePropertyValue $stdout
    $info | Add-Member -NotePropertyName StdErr -NotePropertyValue $stderr
    return $info
}

function Stop-AzsCspTestEmulator {
    [CmdletBinding()]
    param([object] $Emulator)

    if (-not $Emulator) {
        return
    }
    try {
        $null = Invoke-AzsCspEmulatorControl -Emulator $Emulator -Method POST -Path '/_emulator/shutdown'
    }
    catch {
        Write-Verbose "Emulator shutdown request failed: $_"
    }
    $process = $Emulator.Process
    if ($process -and -not $process.WaitForExit(10000)) {
        $process.Kill()
        $null = $process.WaitForExit(5000)
    }
    Remove-Item -LiteralPath $Emulator.DataDirectory -Recurse -Force -ErrorAction SilentlyContinue
}

function Invoke-AzsCspTestHttp {
    <#
    .SYNOPSIS
    One HTTPS request to the emulator that trusts only its CA. Returns Status and Body.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object] $Emulator,
        [Parameter(Mandatory)] [string] $Method,
        [Parameter(Mandatory)] [string] $Url,
        [string] $Body,
        [string] $ContentType = 'application/json'
    )

    return [AzsCspTest.Http]::Send($Method, $Url, $Body, $ContentType, $Emulator.caCertificatePath)
}

function Invoke-AzsCspEmulatorControl {
    <#
    .SYNOPSIS
    Calls an emulator control endpoint (no authentication) and returns the parsed JSON body.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object] $Emulator,
        [ValidateSet('GET', 'POST', 'DELETE')] [string] $Method = 'GET',
        [Parameter(Mandatory)] [string] $Path,
        [object] $Body
    )

    $json = if ($null -eq $Body) { $null } elseif ($Body -is [string]) { $Body } else { ConvertTo-Json -InputObject $Body -Depth 10 -Compress }
    $url = $Emulator.baseUrl.TrimEnd('/') + $Path
    $result = Invoke-AzsCspTestHttp -Emulator $Emulator -Method $Method -Url $url -Body $json
    if ($result.Status -ge 400) {
        throw "Emulator control call $Method $Path failed: HTTP $($result.Status) $($result.Body)"
    }
    if ([string]::IsNullOrWhiteSpace($result.Body)) {
        return $null
    }
    return (ConvertFrom-Json -InputObject $result.Body)
}

function Reset-AzsCspTestEmulator {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [object] $Emulator)

    $null = Invoke-AzsCspEmulatorControl -Emulator $Emulator -Method POST -Path '/_emulator/reset'
    $null = Invoke-AzsCspEmulatorControl -Emulator $Emulator -Method DELETE -Path '/_emulator/faults'
    $null = Invoke-AzsCspEmulatorControl -Emulator $Emulator -Method DELETE -Path '/_emulator/requests'
}

function Add-AzsCspTestFault {
    <#
    .SYNOPSIS
    Injects faults, e.g. @{ method = 'PUT'; pathContains = 'customerSubscriptions'; status = 429; count = 2; retryAfter = '1' }.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object] $Emulator,
        [Parameter(Mandatory)] [object] $Fault
    )

    $null = Invoke-AzsCspEmulatorControl -Emulator $Emulator -Method POST -Path '/_emulator/faults' -Body $Fault
}

function Clear-AzsCspTestRequest {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [object] $Emulator)

    $null = Invoke-AzsCspEmulatorControl -Emulator $Emulator -Method DELETE -Path '/_emulator/requests'
}

function Get-AzsCspTestRequest {
    <#
    .SYNOPSIS
    The emulator's recent requests (method, path, query, status, headers without Authorization).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object] $Emulator,
        [string] $PathContains,
        [string] $Method
    )

    $path = '/_emulator/requests'
    if ($PathContains) {
        $path += '?pathContains=' + [uri]::EscapeDataString($PathContains)
    }
    $result = Invoke-AzsCspEmulatorControl -Emulator $Emulator -Path $path
    $requests = @(if ($result -and $result.PSObject.Properties['value']) { $result.value } else { $result })
    $requests = @($requests | Where-Object { $null -ne $_ })
    if ($PathContains) {
        $requests = @($requests | Where-Object { $_.path -like "*$PathContains*" })
    }
    if ($Method) {
        $requests = @($requests | Where-Object { $_.method -eq $Method })
    }
    return $requests
}

function Get-AzsCspTestAccessToken {
    <#
    .SYNOPSIS
    Gets an access token from the emulator's token endpoint (client credentials), for leak checks.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object] $Emulator,
        [Parameter(Mandatory)] [string] $ClientId,
        [Parameter(Mandatory)] [string] $ClientSecret,
        [Parameter(Mandatory)] [string] $Tenant
    )

    $authority = $Emulator.activeDirectoryAuthority.TrimEnd('/')
    $scope = $Emulator.audience.TrimEnd('/') + '/.default'
    $form = 'grant_type=client_credentials&client_id={0}&client_secret={1}&scope={2}' -f `
        [uri]::EscapeDataString($ClientId), [uri]::EscapeDataString($ClientSecret), [uri]::EscapeDataString($scope)
    $result = Invoke-AzsCspTestHttp -Emulator $Emulator -Method POST -Url "$authority/$Tenant/oauth2/v2.0/token" -Body $form -ContentType 'application/x-www-form-urlencoded'
    if ($result.Status -ne 200) {
        throw "Token request failed: HTTP $($result.Status) $($result.Body)"
    }
    return (ConvertFrom-Json -InputObject $result.Body).access_token
}

function New-AzsCspTestCredential {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $ApplicationId,
        [Parameter(Mandatory)] [string] $Secret
    )

    return [pscredential]::new($ApplicationId, (ConvertTo-SecureString -String $Secret -AsPlainText -Force))
}

function Get-AzsCspTestConnectParameter {
    <#
    .SYNOPSIS
    Splatting table for Connect-AzsCspAccount against the emulator (custom environment by endpoints).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object] $Emulator,
        [switch] $Reader,
        [string] $ContextName
    )

    $fixture = Get-AzsCspTestFixture
    $parameters = @{
        Environment               = 'AzsCspEmulator'
        ResourceManagerEndpoint   = $Emulator.resourceManagerUrl
        ActiveDirectoryAuthority  = $Emulator.activeDirectoryAuthority
        ActiveDirectoryResourceId = $Emulator.audience
        CaCertificatePath         = $Emulator.caCertificatePath
        ServicePrincipal          = $true
        Tenant                    = $fixture.PartnerTenantId
        Credential                = $(if ($Reader) {
                New-AzsCspTestCredential -ApplicationId $fixture.ReaderAppId -Secret $fixture.ReaderSecret
            }
            else {
                New-AzsCspTestCredential -ApplicationId $fixture.OwnerAppId -Secret $fixture.OwnerSecret
            })
    }
    if ($ContextName) {
        $parameters.ContextName = $ContextName
        $parameters.Force = $true
    }
    return $parameters
}

function New-AzsCspTestCustomerCsv {
    <#
    .SYNOPSIS
    Writes a CSV (CustomerSubscriptionId,TenantId) of -Count new random subscriptions, which the
    emulator treats as CSP subscriptions of the partner. Returns the path.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [int] $Count
    )

    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add('CustomerSubscriptionId,TenantId')
    for ($i = 0; $i -lt $Count; $i++) {
        $lines.Add(('{0},{1}' -f [guid]::NewGuid(), [guid]::NewGuid()))
    }
    [System.IO.File]::WriteAllLines($Path, $lines)
    return $Path
}

function New-AzsCspTestRegistrationToken {
    <#
    .SYNOPSIS
    A registration token as the stamp makes it: base64 of UTF-8 JSON (contract: CloudId, BillingModel, ...).
    #>
    [CmdletBinding()]
    param(
        [string] $CloudId = ([guid]::NewGuid().ToString()),
        [string] $BillingModel = 'PayAsYouUse',
        [bool] $UsageReportingEnabled = $true,
        [bool] $MarketplaceSyndicationEnabled = $true,
        [string] $AgreementNumber = '',
        [string] $MsAssetTag = ''
    )

    $token = [ordered]@{
        CloudId                       = $CloudId
        BillingModel                  = $BillingModel
        UsageReportingEnabled         = $UsageReportingEnabled
        MarketplaceSyndicationEnabled = $MarketplaceSyndicationEnabled
        AgreementNumber               = $AgreementNumber
        MsAssetTag                    = $MsAssetTag
        IssueDate                     = [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ')
        TokenVersion                  = '4.0'
        StampVersion                  = '1.2311.0.25'
    }
    return [Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes((ConvertTo-Json -InputObject $token -Compress)))
}

function New-AzsCspTestPepStandIn {
    <#
    .SYNOPSIS
    A Runspace with the privileged endpoint stand-in (PepStandIn/PepStandIn.psm1) loaded and configured,
    to pass as -PrivilegedEndpointSession. Dispose it with Remove-AzsCspTestPepStandIn.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object] $Emulator,
        [string] $CloudId = ([guid]::NewGuid().ToString()),
        [string] $StampVersion = '1.2311.0.25'
    )

    $runspace = [runspacefactory]::CreateRunspace()
    $runspace.Name = 'PepStandIn'
    $runspace.Open()
    $ps = [powershell]::Create()
    try {
        $ps.Runspace = $runspace
        $null = $ps.AddCommand('Import-Module').AddParameter('Name', (Join-Path $PSScriptRoot 'TestHelpers.psm1')).AddStatement()
        $null = $ps.AddCommand('Import-Module').AddParameter('Name', (Join-Path $PSScriptRoot 'PepStandIn/PepStandIn.psm1')).AddStatement()
        $null = $ps.AddCommand('Set-PepStandInConfiguration').AddParameter('Emulator', $Emulator).AddParameter('CloudId', $CloudId).AddParameter('StampVersion', $StampVersion)
        $null = $ps.Invoke()
        if ($ps.Streams.Error.Count -gt 0) { throw $ps.Streams.Error[0] }
    }
    finally {
        $ps.Dispose()
    }
    return $runspace
}

function Invoke-AzsCspTestPepStandIn {
    <#
    .SYNOPSIS
    Runs a command of the stand-in (Set-PepStandInFault, Get-PepStandInCall, ...) in its runspace.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.Runspaces.Runspace] $StandIn,
        [Parameter(Mandatory)] [string] $Command,
        [hashtable] $Parameters = @{}
    )

    $ps = [powershell]::Create()
    try {
        $ps.Runspace = $StandIn
        $null = $ps.AddCommand($Command)
        foreach ($key in $Parameters.Keys) { $null = $ps.AddParameter($key, $Parameters[$key]) }
        $output = $ps.Invoke()
        if ($ps.Streams.Error.Count -gt 0) { throw $ps.Streams.Error[0] }
        return @($output)
    }
    finally {
        $ps.Dispose()
    }
}

function Remove-AzsCspTestPepStandIn {
    [CmdletBinding()]
    param([System.Management.Automation.Runspaces.Runspace] $StandIn)

    if ($StandIn) { $StandIn.Dispose() }
}

Export-ModuleMember -Function @(
    'Get-AzsCspTestFixture'
    'Get-AzsCspTestStampFixture'
    'New-AzsCspTestStampApplication'
    'Get-AzsCspTestModulePath'
    'Get-AzsCspTestEmulatorPath'
    'Start-AzsCspTestEmulator'
    'Stop-AzsCspTestEmulator'
    'Invoke-AzsCspTestHttp'
    'Invoke-AzsCspEmulatorControl'
    'Reset-AzsCspTestEmulator'
    'Add-AzsCspTestFault'
    'Clear-AzsCspTestRequest'
    'Get-AzsCspTestRequest'
    'Get-AzsCspTestAccessToken'
    'New-AzsCspTestCredential'
    'Get-AzsCspTestConnectParameter'
    'New-AzsCspTestCustomerCsv'
    'New-AzsCspTestRegistrationToken'
    'New-AzsCspTestPepStandIn'
    'Invoke-AzsCspTestPepStandIn'
    'Remove-AzsCspTestPepStandIn'
)
