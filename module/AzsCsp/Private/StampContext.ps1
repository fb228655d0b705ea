# Sign-in of the multi-tenancy commands. Like the Azure Stack Hub tools, each of them takes a stamp
# endpoint and a directory and signs in by itself when needed: one helper finds or makes that context.

function ConvertTo-AzsCspEndpointKey {
    <#
    .SYNOPSIS
    An endpoint URL in the form used to compare two of them: no trailing '/', lower case.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([AllowNull()] [AllowEmptyString()] [string] $Url)

    if ([string]::IsNullOrWhiteSpace($Url)) { return '' }
    return $Url.Trim().TrimEnd('/').ToLowerInvariant()
}

function Get-AzsCspStampContextName {
    <#
    .SYNOPSIS
    The name of a context made by a multi-tenancy command: '<directory> (<endpoint>)'.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [uri] $Endpoint, [Parameter(Mandatory)] [string] $DirectoryTenantName)

    return '{0} ({1})' -f $DirectoryTenantName, $Endpoint.AbsoluteUri.TrimEnd('/')
}

function Test-AzsCspContextTenant {
    <#
    .SYNOPSIS
    Whether a stored context is signed in to the directory named by domain or GUID.
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param([Parameter(Mandatory)] [object] $Entry, [Parameter(Mandatory)] [string] $DirectoryTenantName)

    $c = $Entry.Context
    return ($c.Tenant -and $c.Tenant -eq $DirectoryTenantName) -or ($c.TenantId -and $c.TenantId -eq $DirectoryTenantName)
}

function Resolve-AzsCspStampContext {
    <#
    .SYNOPSIS
    The context a multi-tenancy command uses for -Endpoint (a stamp's admin or user Resource Manager)
    in the directory -DirectoryTenantName.
    .DESCRIPTION
    1. -Context given: that context (its endpoint must be -Endpoint).
    2. A stored context whose ResourceManagerUrl is -Endpoint and whose tenant is the directory (by
       domain or GUID; a domain is resolved once when only GUIDs match) and, with -AutomationCredential,
       whose account is that user.
    3. Else a new sign-in with Connect-AzsCspAccount: -AutomationCredential (user name and password,
       non-interactive), otherwise a device code (interactive, as the original commands are). The
       context is named '<directory> (<endpoint>)'; the default context stays what it was.
    Throws a terminating error through -Cmdlet when no context can be had.
    .PARAMETER Deferred
    Sign in at the first request instead of now (the guest directory has no token for the stamp's
    user endpoint until Register-AzsWithMyDirectoryTenant installed the stamp there: AADSTS500011).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [uri] $Endpoint,
        [Parameter(Mandatory)] [string] $DirectoryTenantName,
        [System.Management.Automation.PSCredential] $AutomationCredential,
        [object] $Context,
        [string] $CaCertificatePath,
        [uri] $MicrosoftGraphEndpoint,
        [ValidateSet('AzureStackAdmin', 'AzureStackUser')] [string] $EnvironmentName = 'AzureStackAdmin',
        [switch] $Deferred
    )

    $DirectoryTenantName = $DirectoryTenantName.Trim()
    $key = ConvertTo-AzsCspEndpointKey $Endpoint.AbsoluteUri

    if ($null -ne $Context -and -not [string]::IsNullOrWhiteSpace([string]$Context)) {
        $entry = Resolve-AzsCspContext -Cmdlet $Cmdlet -Context $Context
        $url = $entry.Context.ResourceManagerUrl
        if ($url -and (ConvertTo-AzsCspEndpointKey $url) -ne $key) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.ContextEndpointMismatch' -Argument 'Context' -TargetObject $entry.Name `
                -Message ("The context '{0}' is signed in to {1}, not to {2}." -f $entry.Name, $url, $Endpoint.AbsoluteUri) `
                -RecommendedAction 'Pass a context of this endpoint, or omit -Context to let the command find or make one.'
            $Cmdlet.ThrowTerminatingError($record)
        }
        return $entry
    }

    $account = if ($AutomationCredential) { ([string]$AutomationCredential.UserName).Trim() } else { $null }
    $candidates = @(Get-AzsCspContextEntry | Where-Object {
            $null -ne $_.Context -and $_.Context.Kind -ne 'PartnerCenter' -and -not $_.Client.IsClosed -and (ConvertTo-AzsCspEndpointKey $_.Context.ResourceManagerUrl) -eq $key
        })
    if ($account) {
        $candidates = @($candidates | Where-Object { $_.Context.Account -eq $account })
    }
    $match = $candidates | Where-Object { Test-AzsCspContextTenant -Entry $_ -DirectoryTenantName $DirectoryTenantName } | Select-Object -First 1
    if (-not $match -and $candidates.Count -gt 0 -and -not (Test-AzsCspGuid $DirectoryTenantName)) {
        # Contexts signed in by GUID: resolve the domain once (no token needed) and compare.
        $run = Invoke-AzsCspNativeStep -Cmdlet $Cmdlet -Entry $candidates[0] -Operation 'tenants.resolve' -Arguments ([ordered]@{ domain = $DirectoryTenantName })
        $resolved = @($run.Items) | Select-Object -First 1
        $tenantId = if ($resolved) { [string](Get-AzsCspMember $resolved 'tenantId') } else { $null }
        if ($tenantId) {
            $match = $candidates | Where-Object { Test-AzsCspContextTenant -Entry $_ -DirectoryTenantName $tenantId } | Select-Object -First 1
        }
    }
    if ($match) {
        Write-Verbose ("Using the context '{0}' (directory {1} on {2})." -f $match.Name, $DirectoryTenantName, $Endpoint.AbsoluteUri)
        return $match
    }

    # --- New sign-in -----------------------------------------------------------------------------
    $name = Get-AzsCspStampContextName -Endpoint $Endpoint -DirectoryTenantName $DirectoryTenantName
    $connect = @{
        Environment             = $EnvironmentName
        ResourceManagerEndpoint = $Endpoint
        Tenant                  = $DirectoryTenantName
        ContextName             = $name
        Force                   = $true
    }
    if ($AutomationCredential) {
        $connect.AutomationCredential = $AutomationCredential
    }
    else {
        $connect.UseDeviceAuthentication = $true
    }
    if (-not $CaCertificatePath) {
        # A private CA already trusted for this stamp by another context (same host).
        $CaCertificatePath = @(Get-AzsCspContextEntry | Where-Object {
                $_.Context -and $_.Context.CaCertificatePath -and $_.Context.ResourceManagerUrl -and
                ([uri]$_.Context.ResourceManagerUrl).Host -eq $Endpoint.Host
            } | ForEach-Object { $_.Context.CaCertificatePath }) | Select-Object -First 1
    }
    if ($CaCertificatePath) { $connect.CaCertificatePath = $CaCertificatePath }
    if ($MicrosoftGraphEndpoint) { $connect.MicrosoftGraphEndpoint = $MicrosoftGraphEndpoint }
    if ($Deferred) { $connect.Deferred = $true }

    $how = if ($AutomationCredential) { "as $account" } else { 'with a device code' }
    Write-Verbose ("Signing in to {0} in directory {1} {2} (context '{3}')." -f $Endpoint.AbsoluteUri, $DirectoryTenantName, $how, $name)
    $previousDefault = $script:DefaultContextName
    $connectErrors = $null
    $connected = @(Connect-AzsCspAccount @connect -ErrorAction SilentlyContinue -ErrorVariable connectErrors)
    if ($previousDefault -and $script:Contexts.Contains($previousDefault)) {
        # A command's own sign-in does not change the default context of later commands.
        $script:DefaultContextName = $previousDefault
        Update-AzsCspDefaultFlag
    }
    if ($connected.Count -eq 0 -or -not $script:Contexts.Contains($name)) {
        $record = @($connectErrors) | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | Select-Object -First 1
        if (-not $record) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.SignInFailed' -TargetObject $name `
                -Category ([System.Management.Automation.ErrorCategory]::AuthenticationError) -Kind 'Authentication' `
                -Message ("Signing in to {0} in directory {1} failed." -f $Endpoint.AbsoluteUri, $DirectoryTenantName)
        }
        $Cmdlet.ThrowTerminatingError($record)
    }
    return $script:Contexts[$name]
}

function Get-AzsCspStampTarget {
    <#
    .SYNOPSIS
    The Target hashtable of the error records of a multi-tenancy command (recommended actions).
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [uri] $Endpoint,
        [string] $DirectoryTenantName,
        [string] $GuestDirectoryTenantName,
        [ValidateSet('Admin', 'Tenant')] [string] $Stamp,
        [string] $SubscriptionId
    )

    $target = @{ Stamp = $Stamp }
    if ($Endpoint) { $target.Endpoint = $Endpoint.AbsoluteUri }
    if ($DirectoryTenantName) { $target.DirectoryTenantName = $DirectoryTenantName }
    if ($GuestDirectoryTenantName) { $target.GuestDirectoryTenantName = $GuestDirectoryTenantName }
    if ($SubscriptionId) { $target.SubscriptionId = $SubscriptionId }
    return $target
}

function Invoke-AzsCspStampOperation {
    <#
    .SYNOPSIS
    Runs one native operation of a multi-tenancy command and returns the data of its items; a failure
    becomes a terminating (-Terminating) or non-terminating error record of -Cmdlet with the
    recommended action for -Target, and returns nothing.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [object] $Entry,
        [Parameter(Mandatory)] [string] $Operation,
        [Parameter(Mandatory)] [System.Collections.IDictionary] $Arguments,
        [hashtable] $Target,
        [object] $TargetObject,
        [string] $Activity = 'AzsCsp',
        [switch] $Terminating
    )

    $run = Invoke-AzsCspNativeStep -Cmdlet $Cmdlet -Entry $Entry -Operation $Operation -Arguments $Arguments -Activity $Activity
    if ($run.Failed) {
        $nativeError = $run.Error
        if ($null -eq $nativeError) {
            $nativeError = [AzsCsp.NativeError]::Parse($null, 21, $Operation)
        }
        $credentialType = if ($null -ne $Entry.Context) { $Entry.Context.CredentialType } else { $null }
        $record = New-AzsCspErrorRecord -NativeError $nativeError -TargetObject $TargetObject -Target $Target -CredentialType $credentialType
        if ($Terminating) {
            $Cmdlet.ThrowTerminatingError($record)
        }
        $Cmdlet.WriteError($record)
        return
    }
    return $run.Items
}

function Resolve-AzsCspAdminSubscription {
    <#
    .SYNOPSIS
    The admin subscription of an operator command: -SubscriptionId as given, else the subscription
    named -SubscriptionName (default 'Default Provider Subscription') on the stamp's admin endpoint.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [object] $Entry,
        [string] $SubscriptionId,
        [string] $SubscriptionName,
        [hashtable] $Target
    )

    if (-not [string]::IsNullOrWhiteSpace($SubscriptionId)) {
        return $SubscriptionId.Trim()
    }
    $arguments = [ordered]@{}
    if (-not [string]::IsNullOrWhiteSpace($SubscriptionName)) { $arguments.subscriptionName = $SubscriptionName.Trim() }
    $item = @(Invoke-AzsCspStampOperation -Cmdlet $Cmdlet -Entry $Entry -Operation 'adminSubscriptions.defaultProvider' -Arguments $arguments `
            -Target $Target -Terminating -Activity 'Finding the Default Provider Subscription') | Select-Object -First 1
    $id = [string](Get-AzsCspMember $item 'subscriptionId')
    Write-Verbose ("Admin subscription: {0} ({1})." -f $id, (Get-AzsCspMember $item 'displayName'))
    return $id
}

function Assert-AzsCspSubscriptionChoice {
    <#
    .SYNOPSIS
    -SubscriptionId and -SubscriptionName exclude each other; -SubscriptionId must be a GUID.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [string] $SubscriptionId,
        [string] $SubscriptionName
    )

    if (-not [string]::IsNullOrWhiteSpace($SubscriptionId) -and -not [string]::IsNullOrWhiteSpace($SubscriptionName)) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.SubscriptionChoiceAmbiguous' -Argument 'SubscriptionName' -TargetObject $SubscriptionName `
            -Message 'Pass either -SubscriptionId or -SubscriptionName, not both.' `
            -RecommendedAction "Omit both to use the 'Default Provider Subscription'."
        $Cmdlet.ThrowTerminatingError($record)
    }
    if (-not [string]::IsNullOrWhiteSpace($SubscriptionId) -and -not (Test-AzsCspGuid $SubscriptionId.Trim())) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidSubscriptionId' -Argument 'SubscriptionId' -TargetObject $SubscriptionId `
            -Message ("The subscription ID '{0}' is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)." -f $SubscriptionId)
        $Cmdlet.ThrowTerminatingError($record)
    }
}
