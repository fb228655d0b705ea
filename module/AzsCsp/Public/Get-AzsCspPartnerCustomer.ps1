function Get-AzsCspPartnerCustomer {
    <#
    .SYNOPSIS
    Lists the partner's Partner Center customers (every page), or gets one by ID or domain (Get-PartnerCustomer).

    .DESCRIPTION
    Without parameters, Get-AzsCspPartnerCustomer lists every customer of the signed-in partner,
    following Partner Center's continuation tokens page after page; customers are written as each page
    arrives. -CustomerId gets one customer with its billing profile; -Domain lists the customers whose
    domain starts with the value (case ignored), as Get-PartnerCustomer -Domain does.

    A customer of another partner is AzsCsp.20002; an unknown customer ID is AzsCsp.60003.

    The output objects carry CustomerId, so they can be piped into the other Partner Center commands
    (Get-AzsCspPartnerCustomerSubscription, Register-AzsCspCustomer, ...).

    .PARAMETER CustomerId
    The customer's ID (its Microsoft Entra tenant ID).

    .PARAMETER Domain
    The domain, or the start of it (for example fabrikam or fabrikam.onmicrosoft.com).

    .PARAMETER PartnerCenterContext
    The Partner Center context (name or object) to use; default: the most recent one.

    .EXAMPLE
    PS> Get-AzsCspPartnerCustomer | Sort-Object Name | Format-Table Name, Domain, CustomerId

    Every customer of the partner.

    .EXAMPLE
    PS> Get-AzsCspPartnerCustomer -Domain fabrikam.onmicrosoft.com | Get-AzsCspPartnerCustomerSubscription

    Finds a customer by domain and lists its subscriptions.

    .INPUTS
    System.String (CustomerId by property name)

    .OUTPUTS
    AzsCsp.PartnerCenter.Customer

    .LINK
    New-AzsCspPartnerCustomer

    .LINK
    Register-AzsCspCustomer
    #>
    [CmdletBinding(DefaultParameterSetName = 'List')]
    [OutputType('AzsCsp.PartnerCenter.Customer')]
    param(
        [Parameter(ParameterSetName = 'ById', Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $CustomerId,

        [Parameter(ParameterSetName = 'ByDomain', Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string] $Domain,

        [object] $PartnerCenterContext
    )

    begin {
        $entry = $null
    }

    process {
        switch ($PSCmdlet.ParameterSetName) {
            'ById' {
                Assert-AzsCspPartnerGuid -Cmdlet $PSCmdlet -Value $CustomerId -Parameter 'CustomerId' -What "customer's ID (its tenant ID)"
                $id = $CustomerId.Trim()
                if ($null -eq $entry) { $entry = Resolve-AzsCspPartnerCenterContext -Cmdlet $PSCmdlet -PartnerCenterContext $PartnerCenterContext }
                Invoke-AzsCspPartnerOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'partnerCenter.customers.get' -Arguments ([ordered]@{ customerId = $id }) `
                    -Target (Get-AzsCspPartnerTarget -CustomerId $id) -TargetObject $id -Activity "Reading customer $id" |
                    ForEach-Object { ConvertTo-AzsCspPartnerCustomer -Data $_ -ContextName $entry.Name }
            }
            'ByDomain' {
                $name = $Domain.Trim()
                if ($null -eq $entry) { $entry = Resolve-AzsCspPartnerCenterContext -Cmdlet $PSCmdlet -PartnerCenterContext $PartnerCenterContext }
                Invoke-AzsCspPartnerOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'partnerCenter.customers.list' -Arguments ([ordered]@{ domain = $name }) `
                    -Target (Get-AzsCspPartnerTarget -Domain $name) -TargetObject $name -Activity "Finding customers of domain $name" |
                    ForEach-Object { ConvertTo-AzsCspPartnerCustomer -Data $_ -ContextName $entry.Name }
            }
            default {
                if ($null -eq $entry) { $entry = Resolve-AzsCspPartnerCenterContext -Cmdlet $PSCmdlet -PartnerCenterContext $PartnerCenterContext }
                Invoke-AzsCspPartnerOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'partnerCenter.customers.list' -Arguments ([ordered]@{}) `
                    -Target (Get-AzsCspPartnerTarget) -Activity 'Listing customers' |
                    ForEach-Object { ConvertTo-AzsCspPartnerCustomer -Data $_ -ContextName $entry.Name }
            }
        }
    }
}
