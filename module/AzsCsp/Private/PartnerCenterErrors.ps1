# Partner Center (issue 7): what to do next for a Partner Center error (the RecommendedAction of
# the commands' error records).

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
