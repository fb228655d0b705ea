function New-AzsCspPartnerAzurePlan {
    <#
    .SYNOPSIS
    Buys an Azure plan for a customer through a cart and checkout, and waits until its Azure subscription is active.

    .DESCRIPTION
    New-AzsCspPartnerAzurePlan does what the PartnerCenter module needs several cart cmdlets for: it
    looks up the Azure plan's catalog item for the customer, creates a cart with one line (quantity 1,
    billing cycle one_time), checks it out, then waits until the order is completed and the plan's
    first Azure subscription (Azure entitlement) is active, with a progress bar while it waits (Ctrl+C
    stops waiting; the order itself goes on in Partner Center).

    A customer that already has an Azure plan (not deleted) gets nothing new: Status AlreadyDone with
    that plan. AzureSubscriptionIds are the Azure subscription IDs to map on the Azure Stack Hub
    registration (New-AzsCustomerSubscription).

    Errors: no Microsoft Customer Agreement confirmation (AzsCsp.13605: run
    New-AzsCspPartnerCustomerAgreement first); a legacy Microsoft Azure (MS-AZR-0145P) subscription
    (AzsCsp.800009); an order that does not complete within -TimeoutSeconds (AzsCsp.OrderNotCompleted:
    run the command again later, it does not buy twice).

    .PARAMETER CustomerId
    The customer's ID (its tenant ID).

    .PARAMETER FriendlyName
    The name of the plan subscription (default 'Azure plan').

    .PARAMETER TimeoutSeconds
    How long to wait for the order and the Azure subscription (default 900).

    .PARAMETER PartnerCenterContext
    The Partner Center context (name or object) to use; default: the most recent one.

    .PARAMETER WhatIf
    Shows what would be bought, without sending anything.

    .PARAMETER Confirm
    Asks for confirmation first.

    .EXAMPLE
    PS> $plan = New-AzsCspPartnerAzurePlan -CustomerId e40189a3-e640-46a3-b8ff-16b642010b0d
    PS> $plan.AzureSubscriptionIds

    Buys Fabrikam's Azure plan and shows the Azure subscription created with it.

    .EXAMPLE
    PS> Get-AzsCspPartnerCustomer -Domain fabrikam | New-AzsCspPartnerAzurePlan -FriendlyName 'Fabrikam Azure plan' -WhatIf

    Shows the purchase without making it.

    .INPUTS
    System.String (CustomerId by property name)

    .OUTPUTS
    AzsCsp.PartnerCenter.AzurePlanPurchase

    .LINK
    New-AzsCspPartnerCustomerAgreement

    .LINK
    Get-AzsCspPartnerCustomerAzurePlanEntitlement

    .LINK
    Register-AzsCspCustomer
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('AzsCsp.PartnerCenter.AzurePlanPurchase')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $CustomerId,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $FriendlyName,

        [ValidateRange(1, 86400)]
        [int] $TimeoutSeconds = 900,

        [object] $PartnerCenterContext
    )

    begin {
        $entry = $null
    }

    process {
        Assert-AzsCspPartnerGuid -Cmdlet $PSCmdlet -Value $CustomerId -Parameter 'CustomerId' -What "customer's ID (its tenant ID)"
        $id = $CustomerId.Trim()
        if (-not $PSCmdlet.ShouldProcess("Customer $id", 'Buy an Azure plan (cart and checkout) unless the customer has one')) {
            return
        }
        if ($null -eq $entry) {
            $entry = Resolve-AzsCspPartnerCenterContext -Cmdlet $PSCmdlet -PartnerCenterContext $PartnerCenterContext
        }
        $arguments = [ordered]@{ customerId = $id; timeoutSeconds = $TimeoutSeconds }
        if ($FriendlyName) { $arguments.friendlyName = $FriendlyName }
        Invoke-AzsCspPartnerOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'partnerCenter.azurePlan.purchase' -Arguments $arguments `
            -Target (Get-AzsCspPartnerTarget -CustomerId $id) -TargetObject $id -Activity "Buying an Azure plan for customer $id" |
            ForEach-Object { ConvertTo-AzsCspPartnerAzurePlanPurchase -Data $_ -CustomerId $id -ContextName $entry.Name }
    }
}
