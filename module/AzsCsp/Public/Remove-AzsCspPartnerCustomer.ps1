function Remove-AzsCspPartnerCustomer {
    <#
    .SYNOPSIS
    Deletes a customer from a Partner Center integration sandbox (Remove-PartnerSandboxCustomer).

    .DESCRIPTION
    Remove-AzsCspPartnerCustomer deletes a customer account (DELETE /v1/customers/{id}). Partner
    Center allows this in integration sandbox accounts only; it is meant to clean up test customers.
    ConfirmImpact is High: it asks first unless -Force or -Confirm:$false is given.

    .PARAMETER CustomerId
    The customer's ID (its tenant ID).

    .PARAMETER Force
    Does not ask for confirmation (-WhatIf is still honoured).

    .PARAMETER PartnerCenterContext
    The Partner Center context (name or object) to use; default: the most recent one.

    .PARAMETER WhatIf
    Shows what would be deleted, without sending anything.

    .PARAMETER Confirm
    Asks for confirmation first (the default).

    .EXAMPLE
    PS> Remove-AzsCspPartnerCustomer -CustomerId 3c1b5c2e-52a2-4b7e-9c4b-4d2a1f0e8a11 -Force

    Deletes a sandbox test customer without a prompt.

    .EXAMPLE
    PS> Get-AzsCspPartnerCustomer -Domain test- | Remove-AzsCspPartnerCustomer

    Deletes every sandbox customer whose domain starts with test-, asking for each.

    .INPUTS
    System.String (CustomerId by property name)

    .OUTPUTS
    None

    .LINK
    Get-AzsCspPartnerCustomer
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    [OutputType([void])]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $CustomerId,

        [switch] $Force,

        [object] $PartnerCenterContext
    )

    begin {
        $entry = $null
    }

    process {
        Assert-AzsCspPartnerGuid -Cmdlet $PSCmdlet -Value $CustomerId -Parameter 'CustomerId' -What "customer's ID (its tenant ID)"
        $id = $CustomerId.Trim()
        if (-not (Test-AzsCspShouldProcess -Cmdlet $PSCmdlet -Force $Force -Target "Partner Center customer $id" -Action 'Delete the customer (integration sandbox only)')) {
            return
        }
        if ($null -eq $entry) {
            $entry = Resolve-AzsCspPartnerCenterContext -Cmdlet $PSCmdlet -PartnerCenterContext $PartnerCenterContext
        }
        $null = @(Invoke-AzsCspPartnerOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'partnerCenter.customers.delete' -Arguments ([ordered]@{ customerId = $id }) `
                -Target (Get-AzsCspPartnerTarget -CustomerId $id) -TargetObject $id -Activity "Deleting customer $id")
    }
}
