function Get-AzsCspPartnerCustomerAzurePlanEntitlement {
    <#
    .SYNOPSIS
    Lists the Azure subscriptions (Azure entitlements) under a customer's Azure plan (Get-PartnerCustomerAzurePlanEntitlement).

    .DESCRIPTION
    An Azure plan is one Partner Center subscription; the Azure subscriptions under it are its Azure
    entitlements, whose IDs are the Azure subscription IDs (the ones to map on the Azure Stack Hub
    registration). Get-AzsCspPartnerCustomerSubscription shows the plan only; this command shows what
    is under it. Get-AzsCspPartnerAzureSubscription lists them for all plans and legacy subscriptions.

    .PARAMETER CustomerId
    The customer's ID (its tenant ID).

    .PARAMETER SubscriptionId
    The Partner Center subscription ID of the Azure plan.

    .PARAMETER PartnerCenterContext
    The Partner Center context (name or object) to use; default: the most recent one.

    .EXAMPLE
    PS> Get-AzsCspPartnerCustomerAzurePlanEntitlement -CustomerId $customerId -SubscriptionId $planId

    The Azure subscriptions of the plan, with their status.

    .EXAMPLE
    PS> Get-AzsCspPartnerCustomerSubscription -CustomerId $customerId | Where-Object IsAzurePlan | Get-AzsCspPartnerCustomerAzurePlanEntitlement

    The same, finding the plan first.

    .INPUTS
    System.String (CustomerId and SubscriptionId by property name)

    .OUTPUTS
    AzsCsp.PartnerCenter.AzureSubscription

    .LINK
    Remove-AzsCspPartnerAzureEntitlement

    .LINK
    Get-AzsCspPartnerAzureSubscription
    #>
    [CmdletBinding()]
    [OutputType('AzsCsp.PartnerCenter.AzureSubscription')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $CustomerId,

        [Parameter(Mandatory, Position = 1, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $SubscriptionId,

        [object] $PartnerCenterContext
    )

    begin {
        $entry = $null
    }

    process {
        Assert-AzsCspPartnerGuid -Cmdlet $PSCmdlet -Value $CustomerId -Parameter 'CustomerId' -What "customer's ID (its tenant ID)"
        Assert-AzsCspPartnerGuid -Cmdlet $PSCmdlet -Value $SubscriptionId -Parameter 'SubscriptionId' -What 'Partner Center subscription ID of the Azure plan'
        $id = $CustomerId.Trim()
        $plan = $SubscriptionId.Trim()
        if ($null -eq $entry) { $entry = Resolve-AzsCspPartnerCenterContext -Cmdlet $PSCmdlet -PartnerCenterContext $PartnerCenterContext }
        Invoke-AzsCspPartnerOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'partnerCenter.azureEntitlements.list' -Arguments ([ordered]@{ customerId = $id; subscriptionId = $plan }) `
            -Target (Get-AzsCspPartnerTarget -CustomerId $id -SubscriptionId $plan) -TargetObject $plan -Activity "Reading the Azure entitlements of plan $plan" |
            ForEach-Object { ConvertTo-AzsCspPartnerAzureSubscription -Data $_ -CustomerId $id -PlanSubscriptionId $plan -ContextName $entry.Name }
    }
}
