# Partner Center (issue 7): the context of the Partner Center commands, running their native
# operations (partnerCenter.*), and the onboarding helpers of Register-AzsCspCustomer. The objects
# they write are built in PartnerCenterObjects.ps1, the recommended actions of their errors in
# PartnerCenterErrors.ps1.

function Resolve-AzsCspPartnerCenterContext {
    <#
    .SYNOPSIS
    The Partner Center context for -PartnerCenterContext (a name or an AzsCsp.Context), else the most
    recent Partner Center context; a terminating error through -Cmdlet when there is none.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [object] $PartnerCenterContext
    )

    if ($null -ne $PartnerCenterContext -and -not [string]::IsNullOrWhiteSpace([string]$PartnerCenterContext)) {
        $entry = Resolve-AzsCspContext -Cmdlet $Cmdlet -Context $PartnerCenterContext
        if ($entry.Context.Kind -ne 'PartnerCenter') {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.NotPartnerCenterContext' -Argument 'PartnerCenterContext' -TargetObject $entry.Name `
                -Message ("The context '{0}' is an Azure sign-in (Connect-AzsCspAccount), not a Partner Center sign-in." -f $entry.Name) `
                -RecommendedAction 'Sign in to Partner Center with Connect-AzsCspPartnerCenter and pass that context (default name PartnerCenter), or omit -PartnerCenterContext.'
            $Cmdlet.ThrowTerminatingError($record)
        }
        return $entry
    }
    $entry = $null
    if ($script:PartnerCenterContextName -and $script:Contexts.Contains($script:PartnerCenterContextName)) {
        $entry = $script:Contexts[$script:PartnerCenterContextName]
    }
    if ($null -eq $entry -or $entry.Client.IsClosed) {
        $entry = @(Get-AzsCspContextEntry | Where-Object { $_.Context -and $_.Context.Kind -eq 'PartnerCenter' -and -not $_.Client.IsClosed }) | Select-Object -First 1
    }
    if ($null -eq $entry) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.PartnerCenterNotConnected' `
            -Message 'No Partner Center context is signed in. Run Connect-AzsCspPartnerCenter first.' `
            -Category ([System.Management.Automation.ErrorCategory]::AuthenticationError) -Kind 'Authentication' `
            -RecommendedAction 'Run Connect-AzsCspPartnerCenter -UseDeviceAuthentication -Tenant <partner directory> (app+user), or -ServicePrincipal -Credential <app id + secret> -Tenant <partner directory> (app-only), then run this command again.'
        $Cmdlet.ThrowTerminatingError($record)
    }
    return $entry
}

function Assert-AzsCspPartnerGuid {
    <#
    .SYNOPSIS
    Terminating InvalidArgument error (nothing sent) when -Value is not a GUID.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [AllowNull()] [AllowEmptyString()] [string] $Value,
        [Parameter(Mandatory)] [string] $Parameter,
        [string] $What = 'ID'
    )

    if ([string]::IsNullOrWhiteSpace($Value) -or -not (Test-AzsCspGuid $Value.Trim())) {
        $record = New-AzsCspLocalErrorRecord -ErrorId ('AzsCsp.Invalid' + $Parameter) -Argument $Parameter -TargetObject $Value `
            -Message ("-{0} '{1}' is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx): it must be the {2}; nothing was sent." -f $Parameter, $Value, $What)
        $Cmdlet.ThrowTerminatingError($record)
    }
}

function Get-AzsCspPartnerDomainName {
    <#
    .SYNOPSIS
    The full domain of a customer domain or prefix, as the core completes it: a name without a dot
    gets .partner.onmschina.cn in AzureChinaCloud (or with a Partner Center URL under
    microsoftonline.cn) and .onmicrosoft.com elsewhere. The cloud is the one of -PartnerCenterContext
    (name or object) or of the most recent Partner Center context, when known; never fails.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([string] $Domain, [object] $PartnerCenterContext)

    $text = ([string]$Domain).Trim()
    if ($text -match '\.') { return $text }
    $context = $null
    if ($PartnerCenterContext -is [AzsCsp.Context]) {
        $context = $PartnerCenterContext
    }
    else {
        $name = if ($null -ne $PartnerCenterContext -and -not [string]::IsNullOrWhiteSpace([string]$PartnerCenterContext)) { [string]$PartnerCenterContext } else { $script:PartnerCenterContextName }
        if ($name -and $script:Contexts -and $script:Contexts.Contains($name)) { $context = $script:Contexts[$name].Context }
    }
    $china = $false
    if ($null -ne $context) {
        $china = [string]$context.Environment -eq 'AzureChinaCloud'
        $url = [string]$context.PartnerCenterUrl
        if (-not $china -and $url -and [uri]::IsWellFormedUriString($url, [UriKind]::Absolute)) {
            $china = ([uri]$url).Host -like '*microsoftonline.cn'
        }
    }
    return $text + $(if ($china) { '.partner.onmschina.cn' } else { '.onmicrosoft.com' })
}

function Get-AzsCspPartnerTarget {
    <#
    .SYNOPSIS
    The Target hashtable of a Partner Center command's error records (recommended actions).
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param([string] $CustomerId, [string] $SubscriptionId, [string] $Domain, [string] $EntitlementId, [string] $Operation)

    $target = @{ PartnerCenter = $true }
    if ($CustomerId) { $target.PartnerCustomerId = $CustomerId }
    if ($SubscriptionId) { $target.PartnerSubscriptionId = $SubscriptionId }
    if ($Domain) { $target.PartnerDomain = $Domain }
    if ($EntitlementId) { $target.PartnerEntitlementId = $EntitlementId }
    if ($Operation) { $target.PartnerOperation = $Operation }
    return $target
}

function Invoke-AzsCspPartnerOperation {
    <#
    .SYNOPSIS
    Runs a partnerCenter.* operation and streams the data of its items (Hashtable) as they arrive
    (every page of a list); a failure becomes an error record of -Cmdlet with the recommended action
    (terminating with -Terminating). $State.Failed tells the caller.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [object] $Entry,
        [Parameter(Mandatory)] [string] $Operation,
        [Parameter(Mandatory)] [System.Collections.IDictionary] $Arguments,
        [hashtable] $Target,
        [object] $TargetObject,
        [string] $Activity = 'Partner Center',
        [hashtable] $State,
        [switch] $Terminating,
        [switch] $NoErrorRecord,
        [System.Collections.Generic.List[string]] $InfoLog,
        [scriptblock] $OnInfo
    )

    if ($null -eq $State) { $State = @{} }
    $State.Failed = $false
    $State.Error = $null
    $credentialType = if ($null -ne $Entry.Context) { $Entry.Context.CredentialType } else { $null }
    Invoke-AzsCspOperation -Cmdlet $Cmdlet -Entry $Entry -Operation $Operation -Arguments $Arguments -OutputKind 'Event' `
        -State $State -NoErrorRecord -Activity $Activity -ProgressFromInfo -InfoLog $InfoLog -OnInfo $OnInfo |
        ForEach-Object { if ($_ -is [AzsCsp.NativeEvent]) { $_.DataAsObject() } else { $_ } }
    if ($State.Failed) {
        $nativeError = $State.Error
        if ($null -eq $nativeError) { $nativeError = [AzsCsp.NativeError]::Parse($null, 21, $Operation) }
        if ($NoErrorRecord) { return }
        $record = New-AzsCspErrorRecord -NativeError $nativeError -TargetObject $TargetObject -Target $Target -CredentialType $credentialType
        if ($Terminating) { $Cmdlet.ThrowTerminatingError($record) }
        $Cmdlet.WriteError($record)
    }
}

function New-AzsCspOnboardingStep {
    <#
    .SYNOPSIS
    One AzsCsp.CustomerOnboardingStep of Register-AzsCspCustomer.
    #>
    [CmdletBinding()]
    param(
        [string] $Customer,
        [string] $CustomerId,
        [Parameter(Mandatory)] [string] $Step,
        [Parameter(Mandatory)] [string] $Status,
        [string] $Detail,
        [string] $AzureSubscriptionId
    )

    return [pscustomobject]@{
        PSTypeName          = 'AzsCsp.CustomerOnboardingStep'
        Customer            = $Customer
        Step                = $Step
        Status              = $Status
        Detail              = $Detail
        AzureSubscriptionId = $AzureSubscriptionId
        CustomerId          = $CustomerId
    }
}

function New-AzsCspPartnerCustomerDefinition {
    <#
    .SYNOPSIS
    The 'create' argument of partnerCenter.customers.create / onboardCustomer from the parameters of
    New-AzsCspPartnerCustomer (and Register-AzsCspCustomer).
    #>
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param(
        [string] $Name,
        [string] $Domain,
        [string] $Language,
        [string] $Culture,
        [string] $BillingAddressLine1,
        [string] $BillingAddressLine2,
        [string] $BillingAddressCity,
        [string] $BillingAddressState,
        [string] $BillingAddressPostalCode,
        [string] $BillingAddressCountry,
        [string] $BillingAddressRegion,
        [string] $ContactEmail,
        [string] $ContactFirstName,
        [string] $ContactLastName,
        [string] $ContactPhoneNumber,
        [string] $OrganizationRegistrationNumber
    )

    $address = [ordered]@{
        addressLine1 = $BillingAddressLine1
        city         = $BillingAddressCity
        state        = $BillingAddressState
        postalCode   = $BillingAddressPostalCode
        country      = $(if ($BillingAddressCountry) { $BillingAddressCountry.Trim().ToUpperInvariant() } else { $null })
        firstName    = $ContactFirstName
        lastName     = $ContactLastName
    }
    if ($BillingAddressLine2) { $address.addressLine2 = $BillingAddressLine2 }
    if ($BillingAddressRegion) { $address.region = $BillingAddressRegion }
    if ($ContactPhoneNumber) { $address.phoneNumber = $ContactPhoneNumber }
    $definition = [ordered]@{
        companyName = $Name
        email       = $ContactEmail
        culture     = $(if ($Culture) { $Culture } else { 'en-US' })
        language    = $(if ($Language) { $Language } else { 'en' })
        address     = $address
    }
    if ($Domain) { $definition.domain = $Domain.Trim() }
    if ($OrganizationRegistrationNumber) { $definition.organizationRegistrationNumber = $OrganizationRegistrationNumber }
    return $definition
}

function Set-AzsCspPartnerSubscriptionStatus {
    <#
    .SYNOPSIS
    The body of Set-/Suspend-/Resume-/Remove-AzsCspPartnerCustomerSubscription: validates, asks
    (ShouldProcess, -Force), runs partnerCenter.subscriptions.setStatus and writes the subscription.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [hashtable] $State,
        [string] $CustomerId,
        [string] $SubscriptionId,
        [Parameter(Mandatory)] [ValidateSet('Active', 'Suspended', 'Deleted')] [string] $Status,
        [object] $PartnerCenterContext,
        [bool] $Force,
        # Set-AzsCspPartnerCustomerSubscription -Status Deleted: its ConfirmImpact is Medium, but a cancel
        # asks like Remove-AzsCspPartnerCustomerSubscription (ConfirmImpact High) does.
        [switch] $AskAsHighImpact
    )

    Assert-AzsCspPartnerGuid -Cmdlet $Cmdlet -Value $CustomerId -Parameter 'CustomerId' -What "customer's ID (its tenant ID)"
    Assert-AzsCspPartnerGuid -Cmdlet $Cmdlet -Value $SubscriptionId -Parameter 'SubscriptionId' -What 'Partner Center subscription ID'
    $id = $CustomerId.Trim()
    $subscription = $SubscriptionId.Trim()
    $action = switch ($Status) {
        'Active' { 'Reactivate the subscription (status active)' }
        'Suspended' { 'Suspend the subscription (status suspended)' }
        'Deleted' { 'Cancel the subscription (status deleted; it cannot be undone)' }
    }
    if (-not (Test-AzsCspShouldProcess -Cmdlet $Cmdlet -Force $Force -Target "Partner Center subscription $subscription of customer $id" -Action $action)) {
        return
    }
    # ShouldProcess asked already when $ConfirmPreference (the caller's: -Confirm sets Low, -Confirm:$false
    # None) is Medium or lower; at the default High a Medium-impact command does not ask, so a cancel asks
    # here (once per item; Yes to All / No to All stick for the rest of the pipeline). -Force skips it.
    if ($AskAsHighImpact -and -not $Force -and -not $WhatIfPreference -and [string]$ConfirmPreference -eq 'High') {
        $yesToAll = [bool]$State.YesToAll
        $noToAll = [bool]$State.NoToAll
        $query = "Cancel Partner Center subscription $subscription of customer $id (status deleted)? A cancelled subscription cannot be reactivated."
        $go = $Cmdlet.ShouldContinue($query, 'Cancel the subscription', [ref]$yesToAll, [ref]$noToAll)
        $State.YesToAll = $yesToAll
        $State.NoToAll = $noToAll
        if (-not $go) { return }
    }
    if ($null -eq $State.Entry) {
        $State.Entry = Resolve-AzsCspPartnerCenterContext -Cmdlet $Cmdlet -PartnerCenterContext $PartnerCenterContext
    }
    $entry = $State.Entry
    $arguments = [ordered]@{ customerId = $id; subscriptionId = $subscription; status = $Status.ToLowerInvariant() }
    Invoke-AzsCspPartnerOperation -Cmdlet $Cmdlet -Entry $entry -Operation 'partnerCenter.subscriptions.setStatus' -Arguments $arguments `
        -Target (Get-AzsCspPartnerTarget -CustomerId $id -SubscriptionId $subscription) -TargetObject $subscription -Activity "Setting subscription $subscription to $($Status.ToLowerInvariant())" |
        ForEach-Object {
            $result = ConvertTo-AzsCspPartnerSubscription -Data $_ -CustomerId $id -ContextName $entry.Name
            if ($result.Changed -eq $false) {
                Write-Verbose ('Subscription {0} is already {1}: nothing was changed.' -f $subscription, $result.Status)
            }
            $result
        }
}

# The Partner Center steps of onboardCustomer, in order, and which step an error code belongs to
# (a run cut by an error reports the steps it finished and the one that failed).
$script:PartnerOnboardingSteps = @('Customer', 'Agreement', 'AzurePlan', 'AzureSubscription')

function Get-AzsCspOnboardingFailedStep {
    <#
    .SYNOPSIS
    The Partner Center onboarding step that failed: the one after the last finished step (from the
    operation's 'info' log lines), else the step the error code belongs to.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([string[]] $Finished, [AzsCsp.NativeError] $NativeError)

    $code = if ($NativeError) { [string]$NativeError.Code } else { '' }
    $byCode = switch -Regex ($code) {
        '^(CustomerNotFound|DomainNotAvailable|AddressNotValid|60003|20002|3000|6000(02|49|50|51))$' { 'Customer'; break }
        '^(AgreementContactRequired|PartnerCenterAppUserRequired|2032|6000\d\d)$' { 'Agreement'; break }
        '^(13605|8000\d\d|OrderNotCompleted|9001\d\d|AzurePlanSuspended)$' { 'AzurePlan'; break }
        '^(AzureSubscriptionNotFound|InvalidBillingScope|SubscriptionAliasFailed|SubscriptionAliasNotReady|SubscriptionAliasExhausted)$' { 'AzureSubscription'; break }
        default { $null }
    }
    if ($byCode -and $Finished -notcontains $byCode) { return $byCode }
    foreach ($step in $script:PartnerOnboardingSteps) {
        if ($Finished -notcontains $step) { return $step }
    }
    return 'AzureSubscription'
}

function ConvertFrom-AzsCspOnboardingLog {
    <#
    .SYNOPSIS
    The finished steps named in onboardCustomer's 'info' log lines ('Step: <Name>: <Status>: <detail>',
    as core/src/partnercenter/customer_onboarding.cpp writes them): [pscustomobject]@{ Step; Status;
    Detail } in order, one per step.
    #>
    [CmdletBinding()]
    param([string[]] $Lines)

    $seen = @{}
    $statuses = 'Found|Created|WouldCreate|AlreadyDone|Done|Skipped|WouldRun'
    foreach ($line in @($Lines)) {
        if ($line -match "^Step: (?<step>Customer|Agreement|AzurePlan|AzureSubscription): (?<status>$statuses): (?<detail>.*)$") {
            $step = $Matches.step
            $status = $Matches.status
            $detail = $Matches.detail
        }
        elseif ($line -match '^(?:Step:\s*)?(?<step>Customer|Agreement|AzurePlan|AzureSubscription)\b\s*[:-]?\s*(?<rest>.*)$') {
            $step = $Matches.step
            $detail = $Matches.rest.Trim()
            $status = if ($detail -match "\b(?<status>$statuses)\b") { $Matches.status } else { $null }
            if (-not $status) { continue }
        }
        else {
            continue
        }
        if ($seen.ContainsKey($step)) { continue }
        $seen[$step] = $true
        [pscustomobject]@{ Step = $step; Status = $status; Detail = $detail }
    }
}

function Invoke-AzsCspIsolated {
    <#
    .SYNOPSIS
    Runs -ScriptBlock with this function's own PSCmdlet as its argument, so that the terminating
    errors of helpers given that -Cmdlet can be caught by the caller (a customer of
    Register-AzsCspCustomer fails alone; the next ones go on).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)

    & $ScriptBlock $PSCmdlet
}

function Invoke-AzsCspOnboardingCall {
    <#
    .SYNOPSIS
    Runs one step helper of Register-AzsCspCustomer (a script block given the PSCmdlet to report
    through); returns Value (its output) and Error (its first error record, terminating or not,
    with a plain ErrorId), writing nothing.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)

    $errors = $null
    $value = $null
    $failure = $null
    try {
        $value = @(Invoke-AzsCspIsolated -ScriptBlock $ScriptBlock -ErrorAction SilentlyContinue -ErrorVariable errors)
    }
    catch {
        $failure = $_
    }
    if (-not $failure) {
        $failure = @($errors | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) | Select-Object -First 1
    }
    if ($failure) {
        $id = ([string]$failure.FullyQualifiedErrorId -replace ',.*$', '')
        $record = [System.Management.Automation.ErrorRecord]::new($failure.Exception, $id, $failure.CategoryInfo.Category, $failure.TargetObject)
        $record.ErrorDetails = $failure.ErrorDetails
        $failure = $record
    }
    return [pscustomobject]@{ Value = $value; Error = $failure }
}
