function Set-AzsCspPartnerCustomerSubscription {
    <#
    .SYNOPSIS
    Changes the status of a customer subscription in Partner Center: Active, Suspended or Deleted (Set-PartnerCustomerSubscription -Status).

    .DESCRIPTION
    Set-AzsCspPartnerCustomerSubscription reads the subscription and, unless it already has the status,
    sends it back with the new status and its etag (PATCH /v1/customers/{id}/subscriptions/{id}).
    Changed and PreviousStatus in the output say what happened; a subscription already in that status
    is left alone. Suspend-, Resume- and Remove-AzsCspPartnerCustomerSubscription are the same with a
    fixed status.

    What Partner Center refuses, with what to do next in the error record:
    * suspending an Azure plan whose Azure subscriptions are active (AzsCsp.900115): cancel them first
      with Remove-AzsCspPartnerAzureEntitlement;
    * cancelling (Deleted) a license subscription after its 7-day window (AzsCsp.900117): suspend it;
    * cancelling an Azure plan or a legacy Microsoft Azure subscription (AzsCsp.800096);
    * changing a deleted subscription (AzsCsp.2011); a subscription changed meanwhile (AzsCsp.2055: run
      the command again).

    -Status Deleted cancels the subscription for good, so it asks first, as
    Remove-AzsCspPartnerCustomerSubscription does, unless -Force or -Confirm:$false is given (Active and
    Suspended ask only with -Confirm).

    .PARAMETER CustomerId
    The customer's ID (its tenant ID).

    .PARAMETER SubscriptionId
    The subscription's Partner Center ID.

    .PARAMETER Status
    Active (reactivate), Suspended or Deleted (cancel; asks first unless -Force or -Confirm:$false).

    .PARAMETER Force
    Does not ask for confirmation, also for -Status Deleted (-WhatIf is still honoured).

    .PARAMETER PartnerCenterContext
    The Partner Center context (name or object) to use; default: the most recent one.

    .PARAMETER WhatIf
    Shows what would change, without sending anything.

    .PARAMETER Confirm
    Asks for confirmation first.

    .EXAMPLE
    PS> Set-AzsCspPartnerCustomerSubscription -CustomerId $customerId -SubscriptionId $subscriptionId -Status Suspended

    Suspends the subscription.

    .EXAMPLE
    PS> Get-AzsCspPartnerCustomerSubscription -CustomerId $customerId | Where-Object Status -eq suspended | Set-AzsCspPartnerCustomerSubscription -Status Active

    Reactivates every suspended subscription of the customer.

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

        [Parameter(Mandatory, Position = 2)]
        [ValidateSet('Active', 'Suspended', 'Deleted')]
        [string] $Status,

        [switch] $Force,

        [object] $PartnerCenterContext
    )

    begin {
        $state = @{ Entry = $null }
    }

    process {
        Set-AzsCspPartnerSubscriptionStatus -Cmdlet $PSCmdlet -State $state -CustomerId $CustomerId -SubscriptionId $SubscriptionId `
            -Status $Status -PartnerCenterContext $PartnerCenterContext -Force $Force -AskAsHighImpact:($Status -eq 'Deleted')
    }
}
