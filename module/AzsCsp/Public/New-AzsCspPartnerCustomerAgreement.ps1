function New-AzsCspPartnerCustomerAgreement {
    <#
    .SYNOPSIS
    Confirms that a customer accepted the Microsoft Customer Agreement (New-PartnerCustomerAgreement); does nothing when it is already confirmed.

    .DESCRIPTION
    New-AzsCspPartnerCustomerAgreement records the partner's confirmation that the customer's contact
    accepted the Microsoft Customer Agreement (POST /v1/customers/{id}/agreements), the prerequisite of
    an Azure plan (without it the purchase fails with AzsCsp.13605). The current agreement template is
    looked up when -TemplateId is not given. When the customer already has a confirmation the command
    sends nothing more and reports Status AlreadyDone; otherwise Done.

    Partner Center accepts this from app+user sign-ins only (AzsCsp.PartnerCenterAppUserRequired with
    an app-only context).

    .PARAMETER CustomerId
    The customer's ID (its tenant ID).

    .PARAMETER AgreementType
    The agreement (MicrosoftCustomerAgreement, the default and only value).

    .PARAMETER TemplateId
    The agreement template ID; default: the current Microsoft Customer Agreement template.

    .PARAMETER ContactEmail
    The e-mail address of the customer's person who accepted the agreement.

    .PARAMETER ContactFirstName
    The first name of that person.

    .PARAMETER ContactLastName
    The last name of that person.

    .PARAMETER ContactPhoneNumber
    The phone number of that person.

    .PARAMETER DateAgreed
    When the customer accepted (default: now).

    .PARAMETER PartnerCenterContext
    The Partner Center context (name or object) to use; default: the most recent one.

    .PARAMETER WhatIf
    Shows what would be confirmed, without sending anything.

    .PARAMETER Confirm
    Asks for confirmation first.

    .EXAMPLE
    PS> New-AzsCspPartnerCustomerAgreement -CustomerId e40189a3-e640-46a3-b8ff-16b642010b0d -ContactEmail dana@fabrikam.com -ContactFirstName Dana -ContactLastName Smith

    Confirms Fabrikam's acceptance; Status Done, or AlreadyDone when it was confirmed before.

    .EXAMPLE
    PS> Import-Csv mca.csv | New-AzsCspPartnerCustomerAgreement

    Confirms many customers from a CSV with columns CustomerId, ContactEmail, ContactFirstName, ContactLastName.

    .INPUTS
    System.Management.Automation.PSObject (properties named like the parameters)

    .OUTPUTS
    AzsCsp.PartnerCenter.Agreement

    .LINK
    Get-AzsCspPartnerCustomerAgreement

    .LINK
    New-AzsCspPartnerAzurePlan
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('AzsCsp.PartnerCenter.Agreement')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $CustomerId,

        [ValidateSet('MicrosoftCustomerAgreement')]
        [string] $AgreementType = 'MicrosoftCustomerAgreement',

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $TemplateId,

        [Parameter(Mandatory, ValueFromPipelineByPropertyName)]
        [ValidatePattern('^[^@\s]+@[^@\s]+\.[^@\s]+$', ErrorMessage = "'{0}' is not an e-mail address.")]
        [string] $ContactEmail,

        [Parameter(Mandatory, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $ContactFirstName,

        [Parameter(Mandatory, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $ContactLastName,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $ContactPhoneNumber,

        [Parameter(ValueFromPipelineByPropertyName)]
        [Nullable[datetime]] $DateAgreed,

        [object] $PartnerCenterContext
    )

    begin {
        $entry = $null
    }

    process {
        Assert-AzsCspPartnerGuid -Cmdlet $PSCmdlet -Value $CustomerId -Parameter 'CustomerId' -What "customer's ID (its tenant ID)"
        $id = $CustomerId.Trim()
        if ($TemplateId) { Assert-AzsCspPartnerGuid -Cmdlet $PSCmdlet -Value $TemplateId -Parameter 'TemplateId' -What 'agreement template ID' }
        if (-not $PSCmdlet.ShouldProcess("Customer $id", "Confirm the customer's acceptance of the Microsoft Customer Agreement by $ContactFirstName $ContactLastName <$ContactEmail>")) {
            return
        }
        if ($null -eq $entry) {
            $entry = Resolve-AzsCspPartnerCenterContext -Cmdlet $PSCmdlet -PartnerCenterContext $PartnerCenterContext
        }
        $contact = [ordered]@{ firstName = $ContactFirstName; lastName = $ContactLastName; email = $ContactEmail.Trim() }
        if ($ContactPhoneNumber) { $contact.phoneNumber = $ContactPhoneNumber }
        $arguments = [ordered]@{ customerId = $id; contact = $contact }
        if ($TemplateId) { $arguments.templateId = $TemplateId.Trim() }
        if ($DateAgreed) { $arguments.dateAgreed = $DateAgreed.Value.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ', [System.Globalization.CultureInfo]::InvariantCulture) }
        Invoke-AzsCspPartnerOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'partnerCenter.agreements.ensure' -Arguments $arguments `
            -Target (Get-AzsCspPartnerTarget -CustomerId $id) -TargetObject $id -Activity "Confirming the customer agreement of $id" |
            ForEach-Object { ConvertTo-AzsCspPartnerAgreement -Data $_ -CustomerId $id -ContextName $entry.Name }
    }
}
