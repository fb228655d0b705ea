# Partner Center (issue 7): the context of the Partner Center commands, running their native
# operations (partnerCenter.*), and the typed objects they write.

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

function ConvertTo-AzsCspPartnerDate {
    [CmdletBinding()]
    param([AllowNull()] [object] $Value)

    if ($null -eq $Value -or [string]::IsNullOrWhiteSpace([string]$Value)) { return $null }
    if ($Value -is [DateTimeOffset]) { return $Value }
    if ($Value -is [DateTime]) { return [DateTimeOffset]$Value }
    $parsed = [DateTimeOffset]::MinValue
    if ([DateTimeOffset]::TryParse([string]$Value, [System.Globalization.CultureInfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::AssumeUniversal, [ref]$parsed)) {
        return $parsed
    }
    return $null
}

function ConvertTo-AzsCspPartnerCustomer {
    <#
    .SYNOPSIS
    AzsCsp.PartnerCenter.Customer from a customer item; the admin password of a new customer becomes a
    SecureString (AdminPassword) and the plain value is not kept.
    #>
    [CmdletBinding()]
    param([AllowNull()] [object] $Data, [string] $ContextName)

    if ($null -eq $Data) { return $null }
    $companyProfile = Get-AzsCspMember $Data 'companyProfile'
    $billing = Get-AzsCspMember $Data 'billingProfile'
    $credentials = Get-AzsCspMember $Data 'userCredentials'
    $id = [string](Get-AzsCspMember $Data 'id')
    $tenantId = [string](Get-AzsCspMember $companyProfile 'tenantId')
    $password = $null
    $userName = $null
    if ($credentials) {
        $userName = [string](Get-AzsCspMember $credentials 'userName')
        $plain = [string](Get-AzsCspMember $credentials 'password')
        if ($plain) {
            $password = [System.Security.SecureString]::new()
            foreach ($character in $plain.ToCharArray()) { $password.AppendChar($character) }
            $password.MakeReadOnly()
            $plain = $null
        }
        if ($credentials -is [System.Collections.IDictionary]) {
            foreach ($key in @($credentials.Keys)) { if ([string]$key -eq 'password') { $credentials[$key] = $null } }
        }
    }
    $address = Get-AzsCspMember $billing 'defaultAddress'
    return [pscustomobject]@{
        PSTypeName            = 'AzsCsp.PartnerCenter.Customer'
        CustomerId            = $(if ($id) { $id } else { $tenantId })
        Domain                = [string](Get-AzsCspMember $companyProfile 'domain')
        Name                  = [string](Get-AzsCspMember $companyProfile 'companyName')
        TenantId              = $(if ($tenantId) { $tenantId } else { $id })
        CommerceId            = [string](Get-AzsCspMember $Data 'commerceId')
        RelationshipToPartner = [string](Get-AzsCspMember $Data 'relationshipToPartner')
        AllowDelegatedAccess  = Get-AzsCspMember $Data 'allowDelegatedAccess'
        Email                 = [string](Get-AzsCspMember $billing 'email')
        Culture               = [string](Get-AzsCspMember $billing 'culture')
        Language              = [string](Get-AzsCspMember $billing 'language')
        ContactFirstName      = [string](Get-AzsCspMember $address 'firstName')
        ContactLastName       = [string](Get-AzsCspMember $address 'lastName')
        ContactPhoneNumber    = [string](Get-AzsCspMember $address 'phoneNumber')
        Country               = [string](Get-AzsCspMember $address 'country')
        BillingProfile        = $billing
        AdminUserName         = $userName
        AdminPassword         = $password
        ContextName           = $ContextName
    }
}

function ConvertTo-AzsCspPartnerSubscription {
    [CmdletBinding()]
    param([AllowNull()] [object] $Data, [string] $CustomerId, [string] $ContextName)

    if ($null -eq $Data) { return $null }
    $offerId = [string](Get-AzsCspMember $Data 'offerId')
    $attributes = Get-AzsCspMember $Data 'attributes'
    return [pscustomobject]@{
        PSTypeName     = 'AzsCsp.PartnerCenter.Subscription'
        CustomerId     = $CustomerId
        SubscriptionId = [string](Get-AzsCspMember $Data 'id')
        FriendlyName   = [string](Get-AzsCspMember $Data 'friendlyName')
        OfferId        = $offerId
        OfferName      = [string](Get-AzsCspMember $Data 'offerName')
        Status         = [string](Get-AzsCspMember $Data 'status')
        Quantity       = Get-AzsCspMember $Data 'quantity'
        UnitType       = [string](Get-AzsCspMember $Data 'unitType')
        BillingType    = [string](Get-AzsCspMember $Data 'billingType')
        BillingCycle   = [string](Get-AzsCspMember $Data 'billingCycle')
        OrderId        = [string](Get-AzsCspMember $Data 'orderId')
        EntitlementId  = [string](Get-AzsCspMember $Data 'entitlementId')
        CreationDate   = ConvertTo-AzsCspPartnerDate (Get-AzsCspMember $Data 'creationDate')
        IsAzurePlan    = $offerId -like 'DZH318Z0BPS6*'
        PreviousStatus = [string](Get-AzsCspMember $Data 'previousStatus')
        Changed        = Get-AzsCspMember $Data 'changed'
        Etag           = [string](Get-AzsCspMember $attributes 'etag')
        ContextName    = $ContextName
    }
}

function ConvertTo-AzsCspPartnerAzureSubscription {
    <#
    .SYNOPSIS
    AzsCsp.PartnerCenter.AzureSubscription from a partnerCenter.azureSubscriptions.list item or, with
    -PlanSubscriptionId, from an Azure entitlement of a plan (its id is the Azure subscription id).
    #>
    [CmdletBinding()]
    param([AllowNull()] [object] $Data, [string] $CustomerId, [string] $PlanSubscriptionId, [string] $ContextName)

    if ($null -eq $Data) { return $null }
    if ($PlanSubscriptionId) {
        $azureId = [string](Get-AzsCspMember $Data 'id')
        $source = 'AzurePlan'
        $pcId = [string](Get-AzsCspMember $Data 'subscriptionId')
        if (-not $pcId) { $pcId = $PlanSubscriptionId }
        $offerId = $null
    }
    else {
        $azureId = [string](Get-AzsCspMember $Data 'azureSubscriptionId')
        $source = [string](Get-AzsCspMember $Data 'source')
        $pcId = [string](Get-AzsCspMember $Data 'partnerCenterSubscriptionId')
        $offerId = [string](Get-AzsCspMember $Data 'offerId')
        $fromData = [string](Get-AzsCspMember $Data 'customerId')
        if ($fromData) { $CustomerId = $fromData }
    }
    return [pscustomobject]@{
        PSTypeName                  = 'AzsCsp.PartnerCenter.AzureSubscription'
        CustomerId                  = $CustomerId
        AzureSubscriptionId         = $(if ($azureId) { $azureId.ToLowerInvariant() } else { $null })
        Source                      = $source
        Status                      = [string](Get-AzsCspMember $Data 'status')
        FriendlyName                = [string](Get-AzsCspMember $Data 'friendlyName')
        PartnerCenterSubscriptionId = $pcId
        # For Remove-AzsCspPartnerAzureEntitlement from the pipeline: the plan (its -SubscriptionId has the
        # alias PlanSubscriptionId) and the entitlement. Deliberately no SubscriptionId property: piped into
        # Suspend-/Remove-/Set-AzsCspPartnerCustomerSubscription this object must not bind to (act on) the plan.
        PlanSubscriptionId          = $(if ($source -eq 'AzurePlan') { $pcId } else { $null })
        EntitlementId               = $(if ($source -eq 'AzurePlan' -and $azureId) { $azureId.ToLowerInvariant() } else { $null })
        OfferId                     = $offerId
        ContextName                 = $ContextName
    }
}

function ConvertTo-AzsCspPartnerAgreement {
    [CmdletBinding()]
    param([AllowNull()] [object] $Data, [string] $CustomerId, [string] $ContextName)

    if ($null -eq $Data) { return $null }
    $contact = Get-AzsCspMember $Data 'primaryContact'
    $fromData = [string](Get-AzsCspMember $Data 'customerId')
    return [pscustomobject]@{
        PSTypeName       = 'AzsCsp.PartnerCenter.Agreement'
        CustomerId       = $(if ($fromData) { $fromData } else { $CustomerId })
        AgreementType    = $(if (Get-AzsCspMember $Data 'type') { [string](Get-AzsCspMember $Data 'type') } else { [string](Get-AzsCspMember $Data 'agreementType') })
        TemplateId       = [string](Get-AzsCspMember $Data 'templateId')
        DateAgreed       = ConvertTo-AzsCspPartnerDate (Get-AzsCspMember $Data 'dateAgreed')
        ContactFirstName = [string](Get-AzsCspMember $contact 'firstName')
        ContactLastName  = [string](Get-AzsCspMember $contact 'lastName')
        ContactEmail     = [string](Get-AzsCspMember $contact 'email')
        ContactPhoneNumber = [string](Get-AzsCspMember $contact 'phoneNumber')
        UserId           = [string](Get-AzsCspMember $Data 'userId')
        Status           = [string](Get-AzsCspMember $Data 'status')
        ContextName      = $ContextName
    }
}

function ConvertTo-AzsCspPartnerAzurePlanPurchase {
    [CmdletBinding()]
    param([AllowNull()] [object] $Data, [string] $CustomerId, [string] $ContextName)

    if ($null -eq $Data) { return $null }
    $subscription = ConvertTo-AzsCspPartnerSubscription -Data (Get-AzsCspMember $Data 'subscription') -CustomerId $CustomerId -ContextName $ContextName
    $ids = @(@(Get-AzsCspMember $Data 'azureSubscriptionIds') | Where-Object { $_ } | ForEach-Object { ([string]$_).ToLowerInvariant() })
    return [pscustomobject]@{
        PSTypeName           = 'AzsCsp.PartnerCenter.AzurePlanPurchase'
        CustomerId           = $(if (Get-AzsCspMember $Data 'customerId') { [string](Get-AzsCspMember $Data 'customerId') } else { $CustomerId })
        Status               = [string](Get-AzsCspMember $Data 'status')
        OrderId              = [string](Get-AzsCspMember $Data 'orderId')
        SubscriptionId       = $(if ($subscription) { $subscription.SubscriptionId } else { $null })
        FriendlyName         = $(if ($subscription) { $subscription.FriendlyName } else { $null })
        AzureSubscriptionIds = [string[]]$ids
        Subscription         = $subscription
        ContextName          = $ContextName
    }
}

function ConvertTo-AzsCspPartnerOffer {
    [CmdletBinding()]
    param([AllowNull()] [object] $Data, [string] $CustomerId, [string] $ContextName)

    if ($null -eq $Data) { return $null }
    return [pscustomobject]@{
        PSTypeName     = 'AzsCsp.PartnerCenter.AzurePlanOffer'
        CatalogItemId  = [string](Get-AzsCspMember $Data 'catalogItemId')
        ProductId      = [string](Get-AzsCspMember $Data 'productId')
        SkuId          = [string](Get-AzsCspMember $Data 'skuId')
        AvailabilityId = [string](Get-AzsCspMember $Data 'id')
        Country        = [string](Get-AzsCspMember $Data 'country')
        Currency       = [string](Get-AzsCspMember $Data 'defaultCurrency')
        Segment        = [string](Get-AzsCspMember $Data 'segment')
        IsPurchasable  = Get-AzsCspMember $Data 'isPurchasable'
        CustomerId     = $CustomerId
        ContextName    = $ContextName
    }
}

function ConvertTo-AzsCspPartnerAdminCredential {
    <#
    .SYNOPSIS
    A PSCredential (password as a read-only SecureString) from the userCredentials {userName, password}
    of a new customer; $null when either is missing. The plain password is not kept.
    #>
    [CmdletBinding()]
    [OutputType([pscredential])]
    param([AllowNull()] [object] $Credentials)

    if ($null -eq $Credentials) { return $null }
    $userName = [string](Get-AzsCspMember $Credentials 'userName')
    $plain = [string](Get-AzsCspMember $Credentials 'password')
    try {
        if (-not $userName -or -not $plain) { return $null }
        $secure = [System.Security.SecureString]::new()
        foreach ($character in $plain.ToCharArray()) { $secure.AppendChar($character) }
        $secure.MakeReadOnly()
        return [pscredential]::new($userName, $secure)
    }
    finally {
        $plain = $null
        if ($Credentials -is [System.Collections.IDictionary] -and $Credentials.Contains('password')) { $Credentials['password'] = $null }
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

function Get-AzsCspPartnerRecommendedAction {
    <#
    .SYNOPSIS
    What to do next for a Partner Center error code; $null when nothing specific applies.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([string] $Code, [string] $Kind, [hashtable] $Target, [string] $Message)

    $customer = if ($Target -and $Target['PartnerCustomerId']) { [string]$Target['PartnerCustomerId'] } else { '<customer ID>' }
    $subscription = if ($Target -and $Target['PartnerSubscriptionId']) { [string]$Target['PartnerSubscriptionId'] } else { '<subscription ID>' }
    $domain = if ($Target -and $Target['PartnerDomain']) { [string]$Target['PartnerDomain'] } else { '<domain>' }
    switch ($Code) {
        '13605' {
            return ("The customer has not accepted the Microsoft Customer Agreement, which an Azure plan needs. Confirm the customer's acceptance with " +
                'New-AzsCspPartnerCustomerAgreement -CustomerId {0} -ContactEmail <email> -ContactFirstName <first name> -ContactLastName <last name> ' +
                '(app+user sign-in), or let Register-AzsCspCustomer do it, then buy the Azure plan again.') -f $customer
        }
        '900115' {
            return ('The Azure plan {0} still has active Azure subscriptions, so it cannot be suspended. Cancel them first: ' +
                'Get-AzsCspPartnerCustomerAzurePlanEntitlement -CustomerId {1} -SubscriptionId {0} | Remove-AzsCspPartnerAzureEntitlement, then suspend the plan again.') -f $subscription, $customer
        }
        '900117' {
            return ("Subscription {0} is past its 7-day cancellation window, so it cannot be cancelled any more. Suspend it instead " +
                '(Suspend-AzsCspPartnerCustomerSubscription -CustomerId {1} -SubscriptionId {0}), or contact Partner Center support.') -f $subscription, $customer
        }
        '2011' { return "Subscription $subscription is deleted (cancelled); a deleted subscription cannot be changed. Buy a new one if the customer needs it." }
        '2055' { return "Subscription $subscription changed since it was read (its etag is stale). Read it again (Get-AzsCspPartnerCustomerSubscription -CustomerId $customer -SubscriptionId $subscription) and run the command again." }
        '20002' { return "Customer $customer belongs to another partner (no reseller relationship with your partner account). Check the customer ID, or list your customers with Get-AzsCspPartnerCustomer." }
        '60003' { return "There is no customer (tenant) $customer in Partner Center. Check the customer ID, or find it with Get-AzsCspPartnerCustomer -Domain <domain>." }
        '20003' { return "Customer $customer has no subscription $subscription. List its subscriptions with Get-AzsCspPartnerCustomerSubscription -CustomerId $customer." }
        '800065' { return 'This cart was already checked out; nothing was bought twice. Look at the customer''s subscriptions (Get-AzsCspPartnerCustomerSubscription) and, if something is missing, buy again (a new cart).' }
        '800009' {
            return ("Partner Center refused the order line: the message says which rule (an Azure plan is bought once per customer, with quantity 1 and billing cycle one_time; a customer with a legacy " +
                'Microsoft Azure (MS-AZR-0145P) subscription cannot get an Azure plan). Check the customer''s subscriptions with Get-AzsCspPartnerCustomerSubscription -CustomerId {0}.') -f $customer
        }
        '800004' { return 'The offer (catalog item) is not known in this market. Look up the Azure plan offer with Get-AzsCspPartnerAzurePlanOffer -CountryCode <country> and use its CatalogItemId.' }
        '800096' { return 'Partner Center does not allow this status change for this kind of subscription (an Azure plan or a legacy Microsoft Azure subscription cannot be cancelled this way): suspend it instead, or cancel its Azure subscriptions with Remove-AzsCspPartnerAzureEntitlement.' }
        '800091' { return "Subscription $subscription is suspended: reactivate it first (Resume-AzsCspPartnerCustomerSubscription -CustomerId $customer -SubscriptionId $subscription), then make the change." }
        '600061' { return 'The customer''s Microsoft Customer Agreement is already confirmed; nothing more to do.' }
        'PartnerCenterAppUserRequired' {
            return ('This Partner Center operation needs an app+user sign-in; an app-only (service principal) token is not accepted. ' +
                'Sign in with Connect-AzsCspPartnerCenter -UseDeviceAuthentication or -ApplicationId <app> -RefreshToken <token>, then run the command again.')
        }
        '2032' {
            return ('Partner Center refused the token. If this operation needs app+user, sign in with Connect-AzsCspPartnerCenter -UseDeviceAuthentication or -RefreshToken; ' +
                'otherwise check that the account has an Admin Agent (or Sales Agent) role in Partner Center.')
        }
        'PartnerCenterUnknown' {
            return 'AzsCsp does not know the Partner Center endpoint of this cloud. Pass -PartnerCenterEndpoint to Connect-AzsCspPartnerCenter, or store it with Add-AzsCspEnvironment -PartnerCenterEndpoint <url> -Force.'
        }
        'PartnerCenterNotConnected' { return 'Run Connect-AzsCspPartnerCenter first.' }
        'DomainNotAvailable' {
            return ("The domain {0} is already taken by another directory. Choose another -Domain prefix (check it with Test-AzsCspPartnerDomainAvailability -Domain <prefix>), " +
                'or, if the customer already exists in your Partner Center, pass its -Domain or -CustomerId to Register-AzsCspCustomer without the creation parameters.') -f $domain
        }
        'AddressNotValid' {
            return 'Partner Center could not verify the billing address. Correct it (the error lists the suggested addresses; check it with Test-AzsCspPartnerAddress), or pass -DisableValidation to create the customer anyway.'
        }
        'CustomerNotFound' {
            return ("No customer with domain or ID '{0}' exists in your Partner Center. To create it, pass the creation parameters (-Name, -Email or -ContactEmail, " +
                '-BillingAddressLine1, -BillingAddressCity, -BillingAddressState, -BillingAddressPostalCode, -BillingAddressCountry, -ContactFirstName, -ContactLastName); to find an existing one, check the domain with Get-AzsCspPartnerCustomer.') -f $(if ($Target -and $Target['PartnerDomain']) { $domain } else { $customer })
        }
        'AgreementContactRequired' {
            return 'The customer must accept the Microsoft Customer Agreement before an Azure plan can be bought, and AzsCsp needs the person who accepted it: pass -ContactEmail, -ContactFirstName and -ContactLastName.'
        }
        'OrderNotCompleted' {
            return 'The Azure plan order is still being processed (it can take up to 15 minutes). Run the command again later: it finds the order and does not buy twice.'
        }
        'AzureSubscriptionNotFound' {
            return ("The Azure subscription is not an active Azure subscription of customer {0} in Partner Center (nothing was written: no plan is bought for an ID the customer cannot have). " +
                'Pick one the error lists (Get-AzsCspPartnerAzureSubscription -CustomerId {0}), or omit -AzureSubscriptionId to let the command pick (or, with -BillingAccountName, create) one; ' +
                'a new customer or a customer without an Azure plan has no Azure subscription yet.') -f $customer
        }
        'AzurePlanSuspended' {
            # The core's message names the plan: 'The Azure plan <id> of the customer <id> is suspended ...'.
            $plan = if ($Message -match 'Azure plan (?<plan>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})') { $Matches.plan }
            elseif ($Target -and $Target['PartnerSubscriptionId']) { $subscription }
            else { '<Azure plan subscription ID>' }
            if ($Message -match 'of the customer (?<customer>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})') { $customer = $Matches.customer }
            return ("The customer's Azure plan {0} is suspended, so it has no usable Azure subscription and a second plan cannot be bought; nothing was written. " +
                'Resume it with Resume-AzsCspPartnerCustomerSubscription -CustomerId {1} -SubscriptionId {0}, then run the command again.') -f $plan, $customer
        }
        'PagingLoop' {
            return 'Partner Center kept answering with a next page that brings nothing new (or more than 10,000 pages), so the listing was stopped. Run the command again later; if it persists, contact Partner Center support with the request ID.'
        }
        'SubscriptionAliasNotReady' {
            return 'Azure is still creating the Azure subscription under the Azure plan. Run the command again later: it asks for the same subscription alias and creates nothing twice.'
        }
        'SubscriptionAliasExhausted' {
            return ('Every subscription alias this command uses for customer {0} (azscsp-{0}, then -2 to -10) points to an Azure subscription that is no longer active, so no new one can be created this way. ' +
                'Create the Azure subscription in the Azure portal under the customer''s Azure plan and pass it with -AzureSubscriptionId.') -f $customer
        }
        'SubscriptionAliasFailed' {
            return ('Azure could not create the Azure subscription under the Azure plan (the message names the alias and its provisioning state). Check -BillingAccountName and that the ' +
                'customer''s Azure plan is active (Get-AzsCspPartnerCustomerSubscription -CustomerId {0}), then run the command again.') -f $customer
        }
    }
    if (-not ($Target -and $Target['PartnerCenter'])) {
        return $null
    }
    if ($Kind -eq 'Throttled' -or $Code -eq '429') {
        return 'Partner Center is throttling requests from your partner account (the message says how long to wait). Wait that long, lower the number of parallel commands, and run the command again: it resumes where it stopped.'
    }
    if ($Kind -eq 'Authentication') {
        return 'The Partner Center sign-in is no longer valid or was refused. Run Connect-AzsCspPartnerCenter again (check -Tenant: the partner''s directory).'
    }
    if ($Kind -eq 'PermissionDenied') {
        return 'Partner Center refused this operation for the signed-in account. Check its Partner Center roles (Admin Agent for customers and orders) and that the customer is yours.'
    }
    return $null
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
