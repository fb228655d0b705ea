function Get-AzsCspPartnerCustomerSubscription {
    <#
    .SYNOPSIS
    Lists a customer's Partner Center subscriptions, or gets one (Get-PartnerCustomerSubscription).

    .DESCRIPTION
    Get-AzsCspPartnerCustomerSubscription lists the customer's subscriptions (Azure plans, legacy
    Microsoft Azure, licenses), only those of one order with -OrderId, or one with -SubscriptionId.
    IsAzurePlan marks Azure plans; the Azure subscriptions under a plan are listed by
    Get-AzsCspPartnerCustomerAzurePlanEntitlement (or Get-AzsCspPartnerAzureSubscription).

    The objects carry CustomerId and SubscriptionId, so they can be piped into
    Suspend-, Resume-, Set- and Remove-AzsCspPartnerCustomerSubscription.

    .PARAMETER CustomerId
    The customer's ID (its tenant ID).

    .PARAMETER SubscriptionId
    One subscription's Partner Center ID.

    .PARAMETER OrderId
    Only the subscriptions bought with this order.

    .PARAMETER PartnerCenterContext
    The Partner Center context (name or object) to use; default: the most recent one.

    .EXAMPLE
    PS> Get-AzsCspPartnerCustomerSubscription -CustomerId dccc98f3-4196-4752-8115-902216d99374

    Every subscription of Northwind with its offer, status and billing type.

    .EXAMPLE
    PS> Get-AzsCspPartnerCustomer | Get-AzsCspPartnerCustomerSubscription | Where-Object Status -eq suspended

    The suspended subscriptions of all customers.

    .INPUTS
    System.String (CustomerId and SubscriptionId by property name)

    .OUTPUTS
    AzsCsp.PartnerCenter.Subscription

    .LINK
    Set-AzsCspPartnerCustomerSubscription

    .LINK
    Get-AzsCspPartnerAzureSubscription
    #>
    [CmdletBinding(DefaultParameterSetName = 'List')]
    [OutputType('AzsCsp.PartnerCenter.Subscription')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $CustomerId,

        [Parameter(ParameterSetName = 'ById', Mandatory, Position = 1, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $SubscriptionId,

        [Parameter(ParameterSetName = 'ByOrder', Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string] $OrderId,

        [object] $PartnerCenterContext
    )

    begin {
        $entry = $null
    }

    process {
        Assert-AzsCspPartnerGuid -Cmdlet $PSCmdlet -Value $CustomerId -Parameter 'CustomerId' -What "customer's ID (its tenant ID)"
        $id = $CustomerId.Trim()
        if ($PSCmdlet.ParameterSetName -eq 'ById') {
            Assert-AzsCspPartnerGuid -Cmdlet $PSCmdlet -Value $SubscriptionId -Parameter 'SubscriptionId' -What 'Partner Center subscription ID'
            $subscription = $SubscriptionId.Trim()
            if ($null -eq $entry) { $entry = Resolve-AzsCspPartnerCenterContext -Cmdlet $PSCmdlet -PartnerCenterContext $PartnerCenterContext }
            Invoke-AzsCspPartnerOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'partnerCenter.subscriptions.get' -Arguments ([ordered]@{ customerId = $id; subscriptionId = $subscription }) `
                -Target (Get-AzsCspPartnerTarget -CustomerId $id -SubscriptionId $subscription) -TargetObject $subscription -Activity "Reading subscription $subscription" |
                ForEach-Object { ConvertTo-AzsCspPartnerSubscription -Data $_ -CustomerId $id -ContextName $entry.Name }
            return
        }
        $arguments = [ordered]@{ customerId = $id }
        if ($OrderId) { $arguments.orderId = $OrderId.Trim() }
        if ($null -eq $entry) { $entry = Resolve-AzsCspPartnerCenterContext -Cmdlet $PSCmdlet -PartnerCenterContext $PartnerCenterContext }
        Invoke-AzsCspPartnerOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'partnerCenter.subscriptions.list' -Arguments $arguments `
            -Target (Get-AzsCspPartnerTarget -CustomerId $id) -TargetObject $id -Activity "Listing the subscriptions of customer $id" |
            ForEach-Object { ConvertTo-AzsCspPartnerSubscription -Data $_ -CustomerId $id -ContextName $entry.Name }
    }
}
