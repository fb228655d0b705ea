# Helpers of the registration cmdlets (Register-/UnRegister-AzsEnvironment, Get-AzsActivationKey,
# Test-AzsCspRegistration, Set-/Remove-AzsRegistration, Get-AzsRegistrationToken).

# Azure Stack Registration Owner (built-in role), assigned to the Azure Bridge service principal.
$script:RegistrationOwnerRoleId = '6f12a6df-dd06-4f3e-bcb1-ce8be600526a'
$script:RegistrationLockName = 'RegistrationResourceLock'
$script:DomainNamePattern = '^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$'

function Resolve-AzsCspSubscriptionId {
    <#
    .SYNOPSIS
    The registration subscription: -SubscriptionId, else the context's subscription; a terminating
    AzsCsp.SubscriptionIdRequired / AzsCsp.InvalidSubscriptionId error through -Cmdlet otherwise.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [object] $Entry,
        [string] $SubscriptionId
    )

    if ([string]::IsNullOrWhiteSpace($SubscriptionId)) {
        $SubscriptionId = $Entry.Context.SubscriptionId
    }
    if ([string]::IsNullOrWhiteSpace($SubscriptionId)) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.SubscriptionIdRequired' -Argument 'SubscriptionId' `
            -Message 'Pass -SubscriptionId: the Azure subscription used to register the Azure Stack Hub.' `
            -RecommendedAction 'Pass -SubscriptionId, or connect with Connect-AzsCspAccount -Subscription <id> to set a default.'
        $Cmdlet.ThrowTerminatingError($record)
    }
    $SubscriptionId = $SubscriptionId.Trim()
    if (-not (Test-AzsCspGuid $SubscriptionId)) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidSubscriptionId' -Argument 'SubscriptionId' -TargetObject $SubscriptionId `
            -Message ("The subscription ID '{0}' is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)." -f $SubscriptionId)
        $Cmdlet.ThrowTerminatingError($record)
    }
    return $SubscriptionId
}

function Test-AzsCspRegistrationAddress {
    <#
    .SYNOPSIS
    Validates a resource group and registration name; throws a terminating InvalidArgument error through -Cmdlet.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [string] $ResourceGroupName,
        [string] $RegistrationName,
        [switch] $NameOptional
    )

    if ($ResourceGroupName -and $ResourceGroupName -notmatch $script:ResourceGroupPattern) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidResourceGroupName' -Argument 'ResourceGroupName' -TargetObject $ResourceGroupName `
            -Message ("The resource group name '{0}' is not valid." -f $ResourceGroupName)
        $Cmdlet.ThrowTerminatingError($record)
    }
    if ((-not $NameOptional -or $RegistrationName) -and ([string]::IsNullOrWhiteSpace($RegistrationName) -or $RegistrationName -match '[/\\?#%]')) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidRegistrationName' -Argument 'RegistrationName' -TargetObject $RegistrationName `
            -Message ("The registration name '{0}' is not valid." -f $RegistrationName) `
            -RecommendedAction 'Pass the name of the registration (usually azurestack-<CloudID>); list them with Get-AzsRegistration.'
        $Cmdlet.ThrowTerminatingError($record)
    }
}

function Get-AzsCspRegistrationResourceId {
    [CmdletBinding()]
    [OutputType([string])]
    param([string] $SubscriptionId, [string] $ResourceGroupName, [string] $RegistrationName)

    return '/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.AzureStack/registrations/{2}' -f $SubscriptionId, $ResourceGroupName, $RegistrationName
}

function Get-AzsCspLocalClient {
    <#
    .SYNOPSIS
    A native client for operations that send no request (registrationToken.decode), so that they work
    without Connect-AzsCspAccount: opened once per session with a placeholder access token that is never
    sent anywhere. Returns an entry like a context's (Name, Client).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet)

    if ($null -ne $script:LocalClient -and -not $script:LocalClient.IsClosed) {
        return [pscustomobject]@{ Name = $null; Client = $script:LocalClient }
    }
    $null = Initialize-AzsCspNative -Cmdlet $Cmdlet
    $err = $null
    $options = '{"environment":{"name":"AzureCloud"},"credential":{"type":"accessToken","accessToken":"azscsp-local-no-requests"},"logLevel":"none"}'
    $client = [AzsCsp.NativeClient]::OpenWithSecrets($options, @{}, [ref]$err)
    if ($null -eq $client) {
        $Cmdlet.ThrowTerminatingError((New-AzsCspErrorRecord -NativeError $err))
    }
    $script:LocalClient = $client
    return [pscustomobject]@{ Name = $null; Client = $client }
}

function ConvertFrom-AzsCspRegistrationToken {
    <#
    .SYNOPSIS
    Decodes a registration token with the shim's registrationToken.decode (no request is sent), using
    the client of -Entry or a local one. Returns an AzsCsp.RegistrationToken object, or $null with the
    shim's reason in -Problem when it is not a token.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [AllowNull()] [AllowEmptyString()] [string] $Token,
        [object] $Entry,
        [ref] $Problem
    )

    if ($Problem) { $Problem.Value = $null }
    if ([string]::IsNullOrWhiteSpace($Token)) {
        if ($Problem) { $Problem.Value = 'The registration token is empty.' }
        return $null
    }
    if ($null -eq $Entry -or $null -eq $Entry.Client -or $Entry.Client.IsClosed) {
        $Entry = Get-AzsCspLocalClient -Cmdlet $Cmdlet
    }
    $run = Invoke-AzsCspNativeStep -Cmdlet $Cmdlet -Entry $Entry -Operation 'registrationToken.decode' -Arguments ([ordered]@{ registrationToken = $Token.Trim() }) -Activity 'Decoding the registration token'
    if ($run.Failed) {
        if ($Problem) { $Problem.Value = if ($run.Error) { [string]$run.Error.Message } else { 'The registration token could not be decoded.' } }
        return $null
    }
    $data = @($run.Items) | Select-Object -First 1
    if ($null -eq $data) {
        if ($Problem) { $Problem.Value = 'The registration token could not be decoded.' }
        return $null
    }
    return (ConvertTo-AzsCspRegistrationTokenInfo -Data $data)
}

function ConvertTo-AzsCspRegistrationTokenInfo {
    <#
    .SYNOPSIS
    An AzsCsp.RegistrationToken object from the shim's decoded token (registrationToken.decode, or the
    token of registrations.register). Flags the token does not carry stay $null.
    #>
    [CmdletBinding()]
    param([AllowNull()] [object] $Data)

    if ($null -eq $Data) { return $null }
    $flag = {
        param($value)
        if ($null -eq $value) { return $null }
        if ($value -is [bool]) { return $value }
        $b = $false
        if ([bool]::TryParse([string]$value, [ref]$b)) { return $b }
        return $null
    }
    $issued = Get-AzsCspMember $Data 'issueDate'
    if ($null -ne $issued -and $issued -isnot [datetime] -and $issued -isnot [DateTimeOffset]) {
        $parsed = [DateTimeOffset]::MinValue
        $issued = if ([DateTimeOffset]::TryParse([string]$issued, [System.Globalization.CultureInfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::AssumeUniversal, [ref]$parsed)) { $parsed.UtcDateTime } else { $null }
    }
    elseif ($issued -is [DateTimeOffset]) {
        $issued = $issued.UtcDateTime
    }
    $text = {
        param($value)
        if ([string]::IsNullOrEmpty([string]$value)) { return $null }
        return [string]$value
    }
    return [pscustomobject]@{
        PSTypeName                    = 'AzsCsp.RegistrationToken'
        CloudId                       = [string](Get-AzsCspMember $Data 'cloudId')
        BillingModel                  = (& $text (Get-AzsCspMember $Data 'billingModel'))
        UsageReportingEnabled         = (& $flag (Get-AzsCspMember $Data 'usageReportingEnabled'))
        MarketplaceSyndicationEnabled = (& $flag (Get-AzsCspMember $Data 'marketplaceSyndicationEnabled'))
        AgreementNumber               = (& $text (Get-AzsCspMember $Data 'agreementNumber'))
        MsAssetTag                    = (& $text (Get-AzsCspMember $Data 'msAssetTag'))
        IssueDate                     = $issued
        TokenVersion                  = (& $text (Get-AzsCspMember $Data 'tokenVersion'))
        StampVersion                  = (& $text (Get-AzsCspMember $Data 'stampVersion'))
    }
}

function Format-AzsCspTokenProblem {
    <#
    .SYNOPSIS
    The message of a token the shim could not decode: its reason as a sentence about the token.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([AllowNull()] [AllowEmptyString()] [string] $Problem)

    $why = ([string]$Problem).Trim().TrimEnd('.')
    if ([string]::IsNullOrEmpty($why)) { return 'The registration token is malformed.' }
    if ($why -match '^The registration token') { return "$why." }
    return "The registration token is malformed: $why."
}

function Assert-AzsCspRegistrationToken {
    <#
    .SYNOPSIS
    Decodes -Token or throws a terminating AzsCsp.InvalidRegistrationToken error through -Cmdlet.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [AllowEmptyString()] [string] $Token,
        [object] $Entry
    )

    $problem = $null
    $info = ConvertFrom-AzsCspRegistrationToken -Cmdlet $Cmdlet -Entry $Entry -Token $Token -Problem ([ref]$problem)
    if ($null -eq $info) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidRegistrationToken' -Argument 'RegistrationToken' `
            -Message ('{0} Nothing was sent.' -f (Format-AzsCspTokenProblem -Problem $problem)) `
            -RecommendedAction 'Pass the whole token that Get-AzsRegistrationToken (New-RegistrationToken on the privileged endpoint) returned, for example from the file written with -TokenOutputFilePath.'
        $Cmdlet.ThrowTerminatingError($record)
    }
    return $info
}

function ConvertTo-AzsCspRegistration {
    <#
    .SYNOPSIS
    An AzsCsp.Registration from the data (Hashtable) of a shim item.
    #>
    [CmdletBinding()]
    param([object] $Data, [string] $ContextName)

    if ($null -eq $Data) { return $null }
    $json = ConvertTo-Json -InputObject $Data -Depth 20 -Compress
    $document = [System.Text.Json.JsonDocument]::Parse($json)
    try {
        return [AzsCsp.Registration]::FromJson($document.RootElement, $ContextName)
    }
    finally {
        $document.Dispose()
    }
}

function New-AzsCspStep {
    <#
    .SYNOPSIS
    One step of a multi-step registration cmdlet (AzsCsp.RegistrationStep).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string] $Status,
        [string] $Detail,
        [string] $Where = 'Azure'
    )

    return [pscustomobject]@{
        PSTypeName = 'AzsCsp.RegistrationStep'
        Name       = $Name
        Status     = $Status
        Where      = $Where
        Detail     = $Detail
    }
}

function ConvertTo-AzsCspStepList {
    [CmdletBinding()]
    param([object[]] $Steps)

    foreach ($s in @($Steps | Where-Object { $null -ne $_ })) {
        New-AzsCspStep -Name ([string](Get-AzsCspMember $s 'name')) -Status ([string](Get-AzsCspMember $s 'status')) -Detail ([string](Get-AzsCspMember $s 'detail'))
    }
}

function Write-AzsCspFileAtomic {
    <#
    .SYNOPSIS
    Writes text to a file atomically (temporary file in the same folder, then a rename), creating the
    folder; with -Private the file is mode 0600 on Linux and macOS.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [AllowEmptyString()] [string] $Text,
        [switch] $Private
    )

    $full = [System.IO.Path]::GetFullPath($Path)
    $directory = [System.IO.Path]::GetDirectoryName($full)
    if (-not [System.IO.Directory]::Exists($directory)) {
        $null = [System.IO.Directory]::CreateDirectory($directory)
    }
    $temporary = Join-Path $directory ('.{0}.{1}.tmp' -f [System.IO.Path]::GetFileName($full), [guid]::NewGuid().ToString('N'))
    try {
        if ($Private -and -not $IsWindows) {
            $options = [System.IO.FileStreamOptions]::new()
            $options.Mode = [System.IO.FileMode]::CreateNew
            $options.Access = [System.IO.FileAccess]::Write
            if ($options.PSObject.Properties['UnixCreateMode']) {
                $options.UnixCreateMode = [System.Enum]::Parse(('System.IO.UnixFileMode' -as [type]), 'UserRead, UserWrite')
            }
            $stream = [System.IO.FileStream]::new($temporary, $options)
            try {
                $bytes = [System.Text.UTF8Encoding]::new($false).GetBytes($Text)
                $stream.Write($bytes, 0, $bytes.Length)
            }
            finally {
                $stream.Dispose()
            }
            if (-not $options.PSObject.Properties['UnixCreateMode']) {
                & chmod 600 -- $temporary 2>$null
            }
        }
        else {
            [System.IO.File]::WriteAllText($temporary, $Text, [System.Text.UTF8Encoding]::new($false))
        }
        $attempt = 0
        while ($true) {
            try {
                [System.IO.File]::Move($temporary, $full, $true)
                break
            }
            catch [System.IO.IOException] {
                if (++$attempt -ge 5) { throw }
                Start-Sleep -Milliseconds 50
            }
        }
    }
    finally {
        if ([System.IO.File]::Exists($temporary)) {
            [System.IO.File]::Delete($temporary)
        }
    }
    return $full
}

function Get-AzsCspRecommendedActionForCode {
    <#
    .SYNOPSIS
    The recommended action of an error code for a registration target (used by the pre-flight checks).
    #>
    [CmdletBinding()]
    param([string] $Code, [hashtable] $Target)

    if ([string]::IsNullOrEmpty($Code)) { return $null }
    return (Get-AzsCspRecommendedAction -Code $Code -Target $Target)
}

function Invoke-AzsCspPreflight {
    <#
    .SYNOPSIS
    Runs csp.preflight. Returns Failed, ErrorRecord (when the checks could not run) and Result: an
    AzsCsp.RegistrationCheckResult with AzsCsp.RegistrationCheck objects.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [object] $Entry,
        [Parameter(Mandatory)] [string] $SubscriptionId,
        [Parameter(Mandatory)] [string] $ResourceGroupName,
        [Parameter(Mandatory)] [string] $RegistrationName,
        [string] $CustomerSubscriptionId,
        [string] $CustomerDomain,
        [string] $TenantId,
        [string[]] $Check,
        [string] $ApiVersion = '2017-06-01'
    )

    if ($TenantId -and -not (Test-AzsCspGuid $TenantId.Trim()) -and -not $CustomerDomain) {
        # A domain name given as the tenant: resolve it as a domain.
        $CustomerDomain = $TenantId
        $TenantId = $null
    }
    $arguments = [ordered]@{
        subscriptionId         = $SubscriptionId
        resourceGroupName      = $ResourceGroupName
        registrationName       = $RegistrationName
        customerSubscriptionId = $(if ($CustomerSubscriptionId) { $CustomerSubscriptionId.Trim() } else { $null })
        customerDomain         = $(if ($CustomerDomain) { $CustomerDomain.Trim() } else { $null })
        tenantId               = $(if ($TenantId) { $TenantId.Trim() } else { $null })
        checks                 = $(if ($Check) { @($Check) } else { $null })
        apiVersion             = $ApiVersion
    }
    $target = @{
        RegistrationSubscriptionId = $SubscriptionId; ResourceGroupName = $ResourceGroupName; RegistrationName = $RegistrationName
        CustomerSubscriptionId = $CustomerSubscriptionId; CustomerDomain = $(if ($CustomerDomain) { $CustomerDomain } else { $TenantId })
    }
    $id = Get-AzsCspRegistrationResourceId -SubscriptionId $SubscriptionId -ResourceGroupName $ResourceGroupName -RegistrationName $RegistrationName
    $run = Invoke-AzsCspNativeStep -Cmdlet $Cmdlet -Entry $Entry -Operation 'csp.preflight' -Arguments $arguments -Activity "Checking registration '$RegistrationName'"
    if ($run.Failed) {
        return [pscustomobject]@{ Failed = $true; NativeError = $run.Error; Target = $target; ErrorRecord = (New-AzsCspErrorRecord -NativeError $run.Error -TargetObject $id -Target $target); Result = $null }
    }
    $item = @($run.Items)[0]
    $checks = foreach ($c in @(Get-AzsCspMember $item 'checks')) {
        if ($null -eq $c) { continue }
        $code = [string](Get-AzsCspMember $c 'errorCode')
        $action = [string](Get-AzsCspMember $c 'recommendedAction')
        $status = [string](Get-AzsCspMember $c 'status')
        if ([string]::IsNullOrEmpty($action) -and $code -and $status -in 'Failed', 'Warning') {
            $action = Get-AzsCspRecommendedActionForCode -Code $code -Target $target
        }
        [pscustomobject]@{
            PSTypeName        = 'AzsCsp.RegistrationCheck'
            Name              = [string](Get-AzsCspMember $c 'name')
            Status            = $status
            Message           = [string](Get-AzsCspMember $c 'message')
            ErrorCode         = $(if ($code) { $code } else { $null })
            RecommendedAction = $(if ($action) { $action } else { $null })
        }
    }
    $checks = @($checks)
    $registrationData = Get-AzsCspMember $item 'registration'
    $passed = Get-AzsCspMember $item 'passed'
    if ($null -eq $passed) {
        $passed = -not ($checks | Where-Object Status -EQ 'Failed')
    }
    $resolvedTenant = Get-AzsCspMember $item 'tenantId'
    $result = [pscustomobject]@{
        PSTypeName        = 'AzsCsp.RegistrationCheckResult'
        RegistrationName  = $RegistrationName
        ResourceGroupName = $ResourceGroupName
        SubscriptionId    = $SubscriptionId
        RegistrationId    = $id
        TenantId          = $(if ($resolvedTenant) { [string]$resolvedTenant } else { $null })
        Passed            = [bool]$passed
        Checks            = $checks
        Registration      = $(if ($registrationData) { ConvertTo-AzsCspRegistration -Data $registrationData -ContextName $Entry.Name } else { $null })
    }
    return [pscustomobject]@{ Failed = $false; NativeError = $null; Target = $target; ErrorRecord = $null; Result = $result }
}

function Resolve-AzsCspTenantDomain {
    <#
    .SYNOPSIS
    Resolves a directory domain to its tenant ID with tenants.resolve. Returns TenantId or ErrorRecord.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [object] $Entry,
        [Parameter(Mandatory)] [string] $Domain,
        [object] $TargetObject
    )

    $run = Invoke-AzsCspNativeStep -Cmdlet $Cmdlet -Entry $Entry -Operation 'tenants.resolve' -Arguments ([ordered]@{ domain = $Domain }) -Activity "Resolving '$Domain'"
    if ($run.Failed) {
        return [pscustomobject]@{ TenantId = $null; NativeError = $run.Error; ErrorRecord = (New-AzsCspErrorRecord -NativeError $run.Error -TargetObject $TargetObject -Target @{ CustomerDomain = $Domain }) }
    }
    $tenant = [string](Get-AzsCspMember @($run.Items)[0] 'tenantId')
    return [pscustomobject]@{ TenantId = $tenant; NativeError = $null; ErrorRecord = $null }
}

function Test-AzsCspCustomerPreflight {
    <#
    .SYNOPSIS
    The cheap pre-flight of New-AzsCustomerSubscription (RegistrationExists, BillingModel,
    MultiTenancyApproved), once per registration (cached in -Cache). Writes an error record for the
    row and returns $false when a check failed or could not run.
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [object] $Entry,
        [Parameter(Mandatory)] [hashtable] $Target,
        [Parameter(Mandatory)] [hashtable] $Cache,
        [string] $ApiVersion = '2017-06-01',
        [object] $TargetObject
    )

    $key = ('{0}|{1}|{2}|{3}' -f $Entry.Name, $Target.RegistrationSubscriptionId, $Target.ResourceGroupName, $Target.RegistrationName).ToLowerInvariant()
    if (-not $Cache.ContainsKey($key)) {
        $Cache[$key] = Invoke-AzsCspPreflight -Cmdlet $Cmdlet -Entry $Entry -SubscriptionId $Target.RegistrationSubscriptionId `
            -ResourceGroupName $Target.ResourceGroupName -RegistrationName $Target.RegistrationName `
            -Check @('RegistrationExists', 'BillingModel', 'MultiTenancyApproved') -ApiVersion $ApiVersion
    }
    $preflight = $Cache[$key]
    if ($preflight.Failed) {
        $Cmdlet.WriteError((New-AzsCspErrorRecord -NativeError $preflight.NativeError -TargetObject $TargetObject -Target $Target))
        return $false
    }
    $failed = @($preflight.Result.Checks | Where-Object Status -EQ 'Failed') | Select-Object -First 1
    if (-not $failed) {
        return $true
    }
    $code = if ($failed.ErrorCode) { $failed.ErrorCode } else { 'PreflightFailed' }
    $category = switch ($code) {
        'RegistrationNotFound' { [System.Management.Automation.ErrorCategory]::ObjectNotFound }
        'UnauthorizedCspRegistration' { [System.Management.Automation.ErrorCategory]::PermissionDenied }
        'AuthorizationFailed' { [System.Management.Automation.ErrorCategory]::PermissionDenied }
        default { [System.Management.Automation.ErrorCategory]::InvalidOperation }
    }
    $kind = switch ($code) {
        'RegistrationNotFound' { 'NotFound' }
        'UnauthorizedCspRegistration' { 'PermissionDenied' }
        'AuthorizationFailed' { 'PermissionDenied' }
        default { 'Service' }
    }
    $action = Get-AzsCspRecommendedAction -Code $code -Target $Target
    if (-not $action) { $action = $failed.RecommendedAction }
    $message = "Pre-flight check {0} failed for registration '{1}': {2} The mapping of customer subscription '{3}' was not sent (-SkipCheck skips the check)." -f `
        $failed.Name, $Target.RegistrationName, ([string]$failed.Message).TrimEnd(), $Target.CustomerSubscriptionId
    $record = New-AzsCspLocalErrorRecord -ErrorId "AzsCsp.$code" -Message $message -Category $category -Kind $kind `
        -TargetObject $TargetObject -RecommendedAction $action
    $Cmdlet.WriteError($record)
    return $false
}

function Resolve-AzsCspBillingSetting {
    <#
    .SYNOPSIS
    The registration settings with the AzureStack-Tools defaults: usage reporting by billing model
    (Capacity and Custom off, others on; always off for Capacity), marketplace syndication on; Capacity
    needs an agreement number, Custom an asset tag (terminating InvalidArgument errors through -Cmdlet).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [string] $BillingModel = 'Development',
        [object] $UsageReportingEnabled,
        [object] $MarketplaceSyndicationEnabled,
        [string] $AgreementNumber,
        [string] $MsAssetTag
    )

    if ([string]::IsNullOrWhiteSpace($BillingModel)) { $BillingModel = 'Development' }
    $known = @('Capacity', 'PayAsYouUse', 'Development', 'Custom', 'Ruggedized')
    $canonical = $known | Where-Object { $_ -eq $BillingModel } | Select-Object -First 1
    if ($canonical) { $BillingModel = $canonical }
    $usage = if ($null -ne $UsageReportingEnabled) { [bool]$UsageReportingEnabled } else { $BillingModel -notin 'Capacity', 'Custom' }
    if ($BillingModel -eq 'Capacity' -and $usage) {
        Write-Warning 'Usage reporting is always disabled for the Capacity billing model.'
        $usage = $false
    }
    $marketplace = if ($null -ne $MarketplaceSyndicationEnabled) { [bool]$MarketplaceSyndicationEnabled } else { $true }
    if ($BillingModel -eq 'Capacity' -and [string]::IsNullOrWhiteSpace($AgreementNumber)) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.AgreementNumberRequired' -Argument 'AgreementNumber' `
            -Message 'Agreement number is null or empty when BillingModel is set to Capacity: pass -AgreementNumber.' `
            -RecommendedAction 'Pass the EA agreement number of the capacity purchase with -AgreementNumber.'
        $Cmdlet.ThrowTerminatingError($record)
    }
    if ($BillingModel -eq 'Custom' -and [string]::IsNullOrWhiteSpace($MsAssetTag)) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.MissingMsAssetTag' -Argument 'MsAssetTag' `
            -Message 'The Custom billing model needs -MsAssetTag.' `
            -RecommendedAction 'Pass the Microsoft asset tag with -MsAssetTag.'
        $Cmdlet.ThrowTerminatingError($record)
    }
    return [pscustomobject]@{
        BillingModel                  = $BillingModel
        UsageReportingEnabled         = $usage
        MarketplaceSyndicationEnabled = $marketplace
        AgreementNumber               = $(if ($AgreementNumber) { $AgreementNumber } else { '' })
        MsAssetTag                    = $(if ($MsAssetTag) { $MsAssetTag } else { $null })
    }
}

function Get-AzsCspUserRefreshToken {
    <#
    .SYNOPSIS
    The signed-in user's refresh token (account.refreshToken): Token (a SecureString) or ErrorRecord
    (AzsCsp.UserSignInRequired when the context is not a user sign-in).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [object] $Entry
    )

    $run = Invoke-AzsCspNativeStep -Cmdlet $Cmdlet -Entry $Entry -Operation 'account.refreshToken' -Arguments ([ordered]@{}) -Activity 'Getting the refresh token'
    if ($run.Failed) {
        return [pscustomobject]@{ Token = $null; ErrorRecord = (New-AzsCspErrorRecord -NativeError $run.Error -TargetObject $Entry.Name) }
    }
    $item = @($run.Items)[0]
    $value = [string](Get-AzsCspMember $item 'refreshToken')
    if ($item -is [System.Collections.IDictionary]) { $item.Clear() }
    if ([string]::IsNullOrEmpty($value)) {
        return [pscustomobject]@{ Token = $null; ErrorRecord = (New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.UserSignInRequired' -Kind 'Authentication' `
                -Category ([System.Management.Automation.ErrorCategory]::AuthenticationError) -TargetObject $Entry.Name `
                -Message ("The context '{0}' has no user refresh token: the Azure Bridge service principal can only be created with a user sign-in." -f $Entry.Name) `
                -RecommendedAction (Get-AzsCspRecommendedAction -Code 'UserSignInRequired')) }
    }
    $secure = ConvertTo-SecureString -String $value -AsPlainText -Force
    $value = $null
    return [pscustomobject]@{ Token = $secure; ErrorRecord = $null }
}

function Find-AzsCspRegistrationByCloudId {
    <#
    .SYNOPSIS
    The registration of the subscription whose cloud ID is -CloudId; writes AzsCsp.RegistrationNotFound
    (or the listing error) through -Cmdlet and returns $null when there is none.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [object] $Entry,
        [Parameter(Mandatory)] [string] $SubscriptionId,
        [Parameter(Mandatory)] [string] $CloudId
    )

    $run = Invoke-AzsCspNativeStep -Cmdlet $Cmdlet -Entry $Entry -Operation 'registrations.list' -Arguments ([ordered]@{ subscriptionId = $SubscriptionId })
    if ($run.Failed) {
        $Cmdlet.WriteError((New-AzsCspErrorRecord -NativeError $run.Error -TargetObject $SubscriptionId -Target @{ RegistrationSubscriptionId = $SubscriptionId }))
        return $null
    }
    $candidates = @($run.Events | ForEach-Object { [AzsCsp.Registration]::FromJson($_.Data, $Entry.Name) } | Where-Object { $_.CloudId -eq $CloudId })
    if ($candidates.Count -eq 0) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.RegistrationNotFound' -Kind 'NotFound' -TargetObject $CloudId `
            -Category ([System.Management.Automation.ErrorCategory]::ObjectNotFound) `
            -Message ("No registration of subscription {0} has this stamp's cloud ID {1}: there is nothing to register again." -f $SubscriptionId, $CloudId) `
            -RecommendedAction 'Register the stamp first (Set-AzsRegistration without -Reregister), or pass the subscription that holds its registration with -SubscriptionId.'
        $Cmdlet.WriteError($record)
        return $null
    }
    return $candidates[0]
}
