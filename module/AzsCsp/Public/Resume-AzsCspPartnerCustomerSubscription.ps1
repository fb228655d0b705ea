function Resume-AzsCspPartnerCustomerSubscription {
    <#
    .SYNOPSIS
    Reactivates a suspended customer subscription in Partner Center (status active).

    .DESCRIPTION
    Resume-AzsCspPartnerCustomerSubscription sets the subscription's status back to active, as
    Set-AzsCspPartnerCustomerSubscription -Status Active does; an active subscription is left alone
    (Changed False). A deleted (cancelled) subscription cannot be reactivated (AzsCsp.2011).

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
    PS> Resume-AzsCspPartnerCustomerSubscription -CustomerId $customerId -SubscriptionId $subscriptionId

    Reactivates the subscription.

    .EXAMPLE
    PS> Get-AzsCspPartnerCustomer | Get-AzsCspPartnerCustomerSubscription | Where-Object Status -eq suspended | Resume-AzsCspPartnerCustomerSubscription

    Reactivates every suspended subscription of every customer.

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
            -Status 'Active' -PartnerCenterContext $PartnerCenterContext -Force $Force
    }
}
