function Get-AzsCspPartnerAzurePlanOffer {
    <#
    .SYNOPSIS
    Finds the Azure plan in the Partner Center catalog: its catalog item ID and availability in a market or for a customer.

    .DESCRIPTION
    Get-AzsCspPartnerAzurePlanOffer looks up the Azure plan (product DZH318Z0BPS6, SKU 0001) and its
    availability, in the market -CountryCode (default US) or, with -CustomerId, for that customer's
    market. CatalogItemId is what a cart line needs; New-AzsCspPartnerAzurePlan looks it up itself.

    .PARAMETER CustomerId
    The customer's ID: the availability for that customer.

    .PARAMETER CountryCode
    The two-letter market code (default US); ignored with -CustomerId.

    .PARAMETER PartnerCenterContext
    The Partner Center context (name or object) to use; default: the most recent one.

    .EXAMPLE
    PS> Get-AzsCspPartnerAzurePlanOffer

    The Azure plan in the US market: CatalogItemId DZH318Z0BPS6:0001:<availability>.

    .EXAMPLE
    PS> Get-AzsCspPartnerAzurePlanOffer -CustomerId e40189a3-e640-46a3-b8ff-16b642010b0d | Select-Object CatalogItemId, IsPurchasable

    Whether the customer can buy an Azure plan.

    .INPUTS
    System.String (CustomerId by property name)

    .OUTPUTS
    AzsCsp.PartnerCenter.AzurePlanOffer

    .LINK
    New-AzsCspPartnerAzurePlan
    #>
    [CmdletBinding()]
    [OutputType('AzsCsp.PartnerCenter.AzurePlanOffer')]
    param(
        [Parameter(Position = 0, ValueFromPipelineByPropertyName)]
        [string] $CustomerId,

        [ValidatePattern('^[A-Za-z]{2}$', ErrorMessage = "'{0}' is not a two-letter country code (for example US).")]
        [string] $CountryCode = 'US',

        [object] $PartnerCenterContext
    )

    begin {
        $entry = $null
    }

    process {
        $arguments = [ordered]@{ country = $CountryCode.ToUpperInvariant() }
        $id = $null
        if (-not [string]::IsNullOrWhiteSpace($CustomerId)) {
            Assert-AzsCspPartnerGuid -Cmdlet $PSCmdlet -Value $CustomerId -Parameter 'CustomerId' -What "customer's ID (its tenant ID)"
            $id = $CustomerId.Trim()
            $arguments.customerId = $id
        }
        if ($null -eq $entry) { $entry = Resolve-AzsCspPartnerCenterContext -Cmdlet $PSCmdlet -PartnerCenterContext $PartnerCenterContext }
        Invoke-AzsCspPartnerOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'partnerCenter.catalog.azurePlan' -Arguments $arguments `
            -Target (Get-AzsCspPartnerTarget -CustomerId $id) -TargetObject $(if ($id) { $id } else { $arguments.country }) -Activity 'Finding the Azure plan offer' |
            ForEach-Object { ConvertTo-AzsCspPartnerOffer -Data $_ -CustomerId $id -ContextName $entry.Name }
    }
}
