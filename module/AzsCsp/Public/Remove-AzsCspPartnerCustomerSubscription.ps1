function Remove-AzsCspPartnerCustomerSubscription {
    <#
    .SYNOPSIS
    Cancels a customer subscription in Partner Center (status deleted).

    .DESCRIPTION
    Remove-AzsCspPartnerCustomerSubscription cancels the subscription (status deleted), as
    Set-AzsCspPartnerCustomerSubscription -Status Deleted does. Partner Center allows it for
    new-commerce license subscriptions within 7 days of the purchase (later: AzsCsp.900117, suspend
    instead); an Azure plan or a legacy Microsoft Azure subscription cannot be cancelled this way
    (AzsCsp.800096: cancel the plan's Azure subscriptions with Remove-AzsCspPartnerAzureEntitlement
    and suspend the plan). ConfirmImpact is High: it asks first unless -Force or -Confirm:$false.

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
    PS> Remove-AzsCspPartnerCustomerSubscription -CustomerId $customerId -SubscriptionId $subscriptionId

    Cancels the subscription after asking.

    .EXAMPLE
    PS> Get-AzsCspPartnerCustomerSubscription -CustomerId $customerId -OrderId $orderId | Remove-AzsCspPartnerCustomerSubscription -Force

    Cancels what an order bought by mistake, without prompts.

    .INPUTS
    System.String (CustomerId and SubscriptionId by property name)

    .OUTPUTS
    AzsCsp.PartnerCenter.Subscription

    .LINK
    Get-AzsCspPartnerCustomerSubscription

    .LINK
    Remove-AzsCspPartnerAzureEntitlement
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
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
            -Status 'Deleted' -PartnerCenterContext $PartnerCenterContext -Force $Force
    }
}
