function Suspend-AzsCspPartnerCustomerSubscription {
    <#
    .SYNOPSIS
    Suspends a customer subscription in Partner Center (status suspended).

    .DESCRIPTION
    Suspend-AzsCspPartnerCustomerSubscription sets the subscription's status to suspended, as
    Set-AzsCspPartnerCustomerSubscription -Status Suspended does; a subscription already suspended is
    left alone (Changed False). An Azure plan can be suspended only when none of its Azure
    subscriptions is active (AzsCsp.900115): cancel them first with Remove-AzsCspPartnerAzureEntitlement.
    Resume-AzsCspPartnerCustomerSubscription reactivates it.

    .PARAMETER CustomerId
    The customer's ID (its tenant ID).

    .PARAMETER SubscriptionId
    The subscription's Partner Center ID.

    .PARAMETER Force
    Does not ask for confirmation (-WhatIf is still honoured).

    .PARAMETER PartnerCenterContext
    The Partner Center context (name or object) to use; default: the most recent one.

    .PARAMETER WhatIf
    Shows what would change, without sending anything.

    .PARAMETER Confirm
    Asks for confirmation first.

    .EXAMPLE
    PS> Suspend-AzsCspPartnerCustomerSubscription -CustomerId $customerId -SubscriptionId $subscriptionId

    Suspends the subscription.

    .EXAMPLE
    PS> Get-AzsCspPartnerCustomerSubscription -CustomerId $customerId | Where-Object OfferName -like '*Business Basic*' | Suspend-AzsCspPartnerCustomerSubscription -WhatIf

    Shows which subscriptions would be suspended.

    .INPUTS
    System.String (CustomerId and SubscriptionId by property name)

    .OUTPUTS
    AzsCsp.PartnerCenter.Subscription

    .LINK
    Get-AzsCspPartnerCustomerSubscription

    .LINK
    Remove-AzsCspPartnerAzureEntitlement
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('AzsCsp.PartnerCenter.Subscription')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $CustomerId,

        [Parameter(Mandatory, Position = 1, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $SubscriptionId,

        [switch] $Force,

        [object] $PartnerCenterContext
    )

    begin {
        $state = @{ Entry = $null }
    }

    process {
        Set-AzsCspPartnerSubscriptionStatus -Cmdlet $PSCmdlet -State $state -CustomerId $CustomerId -SubscriptionId $SubscriptionId `
            -Status 'Suspended' -PartnerCenterContext $PartnerCenterContext -Force $Force
    }
}
