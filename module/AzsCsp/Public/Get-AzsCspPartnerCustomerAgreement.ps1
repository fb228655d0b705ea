function Get-AzsCspPartnerCustomerAgreement {
    <#
    .SYNOPSIS
    Lists a customer's agreement confirmations, such as the Microsoft Customer Agreement (Get-PartnerCustomerAgreement).

    .DESCRIPTION
    Get-AzsCspPartnerCustomerAgreement reads the agreements the partner confirmed for the customer
    (GET /v1/customers/{id}/agreements). An Azure plan needs a Microsoft Customer Agreement
    confirmation; when there is none, New-AzsCspPartnerCustomerAgreement (or Register-AzsCspCustomer)
    adds it.

    Partner Center serves agreements to app+user sign-ins only: with an app-only context this fails
    with AzsCsp.PartnerCenterAppUserRequired before anything is sent.

    .PARAMETER CustomerId
    The customer's ID (its tenant ID).

    .PARAMETER AgreementType
    Only agreements of this type (MicrosoftCustomerAgreement).

    .PARAMETER PartnerCenterContext
    The Partner Center context (name or object) to use; default: the most recent one.

    .EXAMPLE
    PS> Get-AzsCspPartnerCustomerAgreement -CustomerId e40189a3-e640-46a3-b8ff-16b642010b0d -AgreementType MicrosoftCustomerAgreement

    Shows whether (and by whom) the customer accepted the Microsoft Customer Agreement.

    .EXAMPLE
    PS> Get-AzsCspPartnerCustomer | Where-Object { -not (Get-AzsCspPartnerCustomerAgreement -CustomerId $_.CustomerId) }

    The customers without any agreement confirmation.

    .INPUTS
    System.String (CustomerId by property name)

    .OUTPUTS
    AzsCsp.PartnerCenter.Agreement

    .LINK
    New-AzsCspPartnerCustomerAgreement
    #>
    [CmdletBinding()]
    [OutputType('AzsCsp.PartnerCenter.Agreement')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $CustomerId,

        [ValidateSet('MicrosoftCustomerAgreement')]
        [string] $AgreementType,

        [object] $PartnerCenterContext
    )

    begin {
        $entry = $null
    }

    process {
        Assert-AzsCspPartnerGuid -Cmdlet $PSCmdlet -Value $CustomerId -Parameter 'CustomerId' -What "customer's ID (its tenant ID)"
        $id = $CustomerId.Trim()
        $arguments = [ordered]@{ customerId = $id }
        if ($AgreementType) { $arguments.agreementType = $AgreementType }
        if ($null -eq $entry) { $entry = Resolve-AzsCspPartnerCenterContext -Cmdlet $PSCmdlet -PartnerCenterContext $PartnerCenterContext }
        Invoke-AzsCspPartnerOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'partnerCenter.agreements.list' -Arguments $arguments `
            -Target (Get-AzsCspPartnerTarget -CustomerId $id) -TargetObject $id -Activity "Reading the agreements of customer $id" |
            ForEach-Object { ConvertTo-AzsCspPartnerAgreement -Data $_ -CustomerId $id -ContextName $entry.Name }
    }
}
