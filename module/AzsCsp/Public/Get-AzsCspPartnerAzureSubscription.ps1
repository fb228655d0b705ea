function Get-AzsCspPartnerAzureSubscription {
    <#
    .SYNOPSIS
    Lists every Azure subscription a customer has through Partner Center: those under Azure plans and legacy Microsoft Azure (MS-AZR-0145P) subscriptions.

    .DESCRIPTION
    Get-AzsCspPartnerAzureSubscription answers "which Azure subscription IDs does this customer have
    from me?", the IDs to map on the Azure Stack Hub registration: for an Azure plan, the IDs of its
    Azure entitlements; for a legacy Microsoft Azure (MS-AZR-0145P) subscription, the Partner Center
    subscription ID itself. IDs are lower case, as the registration's customerSubscriptions expects.
    Source says which (AzurePlan or Legacy). PlanSubscriptionId is the Partner Center ID of the Azure
    plan (empty for a legacy subscription; PartnerCenterSubscriptionId is the Partner Center ID in both
    cases). There is deliberately no SubscriptionId property: piped into Suspend-, Remove- or
    Set-AzsCspPartnerCustomerSubscription an Azure subscription never acts on its plan; piped into
    Remove-AzsCspPartnerAzureEntitlement it cancels that Azure subscription (a legacy one is refused).

    .PARAMETER CustomerId
    The customer's ID (its tenant ID).

    .PARAMETER PartnerCenterContext
    The Partner Center context (name or object) to use; default: the most recent one.

    .EXAMPLE
    PS> Get-AzsCspPartnerAzureSubscription -CustomerId f5a12742-f96c-4f7a-9a01-f2ad9beb4efc

    Adatum's legacy Azure subscription, Source Legacy.

    .EXAMPLE
    PS> Get-AzsCspPartnerCustomer | Get-AzsCspPartnerAzureSubscription | Where-Object Status -eq active | ForEach-Object {
    >>     New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName myreg -CustomerSubscriptionId $_.AzureSubscriptionId -TenantId $_.CustomerId }

    Maps every active Azure subscription of every customer on the registration.

    .INPUTS
    System.String (CustomerId by property name)

    .OUTPUTS
    AzsCsp.PartnerCenter.AzureSubscription

    .LINK
    Get-AzsCspPartnerCustomerAzurePlanEntitlement

    .LINK
    New-AzsCustomerSubscription
    #>
    [CmdletBinding()]
    [OutputType('AzsCsp.PartnerCenter.AzureSubscription')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $CustomerId,

        [object] $PartnerCenterContext
    )

    begin {
        $entry = $null
    }

    process {
        Assert-AzsCspPartnerGuid -Cmdlet $PSCmdlet -Value $CustomerId -Parameter 'CustomerId' -What "customer's ID (its tenant ID)"
        $id = $CustomerId.Trim()
        if ($null -eq $entry) { $entry = Resolve-AzsCspPartnerCenterContext -Cmdlet $PSCmdlet -PartnerCenterContext $PartnerCenterContext }
        Invoke-AzsCspPartnerOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'partnerCenter.azureSubscriptions.list' -Arguments ([ordered]@{ customerId = $id }) `
            -Target (Get-AzsCspPartnerTarget -CustomerId $id) -TargetObject $id -Activity "Reading the Azure subscriptions of customer $id" |
            ForEach-Object { ConvertTo-AzsCspPartnerAzureSubscription -Data $_ -CustomerId $id -ContextName $entry.Name }
    }
}
