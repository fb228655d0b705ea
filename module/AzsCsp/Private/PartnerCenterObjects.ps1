# Partner Center (issue 7): the typed objects the Partner Center commands write, built from the
# items of their native operations (partnerCenter.*).

function ConvertTo-AzsCspPartnerDate {
    <#
    .SYNOPSIS
    A Partner Center date (a string, DateTime or DateTimeOffset) as a DateTimeOffset (UTC when it has
    no offset); $null when empty or not a date.
    #>
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
    <#
    .SYNOPSIS
    AzsCsp.PartnerCenter.Subscription from a Partner Center subscription (partnerCenter.subscriptions.*).
    #>
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
    <#
    .SYNOPSIS
    AzsCsp.PartnerCenter.Agreement from a Partner Center customer agreement.
    #>
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
    <#
    .SYNOPSIS
    AzsCsp.PartnerCenter.AzurePlanPurchase from the result of an Azure plan purchase (its order,
    subscription and Azure subscription IDs).
    #>
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
    <#
    .SYNOPSIS
    AzsCsp.PartnerCenter.AzurePlanOffer from a catalog availability of the Azure plan.
    #>
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
