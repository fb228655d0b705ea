function New-AzsCspPartnerCustomer {
    <#
    .SYNOPSIS
    Creates a Partner Center customer (New-PartnerCustomer): checks the domain and the address first, then creates the customer and its directory.

    .DESCRIPTION
    New-AzsCspPartnerCustomer creates a customer of the signed-in partner: a new Microsoft Entra
    directory <Domain>.onmicrosoft.com (<Domain>.partner.onmschina.cn in AzureChinaCloud) with an
    administrator account, and the customer record with its billing profile. Unless -DisableValidation is given, it first checks that the domain is free
    (AzsCsp.DomainNotAvailable naming it otherwise) and that Partner Center can verify the billing
    address (AzsCsp.AddressNotValid with the status and suggestions otherwise); nothing is created when
    a check fails.

    Some countries need more: Armenia, Azerbaijan, Belarus, Hungary, Kazakhstan, Kyrgyzstan, Moldova,
    Russia, Tajikistan, Uzbekistan and Ukraine need -OrganizationRegistrationNumber (AzsCsp.600049)
    and -ContactPhoneNumber (AzsCsp.600051).

    The output carries the new administrator's user name (AdminUserName) and password (AdminPassword,
    a SecureString: it is never written to any stream in clear). Hand it to the customer once; Partner
    Center does not return it again.

    .PARAMETER Name
    The company name.

    .PARAMETER Domain
    The domain prefix (fabrikam) or full domain (fabrikam.onmicrosoft.com) of the new directory. A
    prefix gets the suffix of the Partner Center context's cloud: .partner.onmschina.cn in
    AzureChinaCloud, .onmicrosoft.com elsewhere.

    .PARAMETER Language
    The billing language (for example en).

    .PARAMETER Culture
    The billing culture (default en-US).

    .PARAMETER BillingAddressLine1
    The first line of the billing address.

    .PARAMETER BillingAddressLine2
    The second line of the billing address.

    .PARAMETER BillingAddressCity
    The city of the billing address.

    .PARAMETER BillingAddressState
    The state of the billing address (US: the two-letter code).

    .PARAMETER BillingAddressPostalCode
    The postal code of the billing address.

    .PARAMETER BillingAddressCountry
    The two-letter ISO country code of the billing address.

    .PARAMETER BillingAddressRegion
    The region of the billing address, where the country uses one.

    .PARAMETER ContactEmail
    The e-mail address of the billing contact.

    .PARAMETER ContactFirstName
    The first name of the billing contact.

    .PARAMETER ContactLastName
    The last name of the billing contact.

    .PARAMETER ContactPhoneNumber
    The phone number of the billing contact.

    .PARAMETER OrganizationRegistrationNumber
    The organization registration number (required in some countries, see the description).

    .PARAMETER DisableValidation
    Skips the domain and address checks.

    .PARAMETER PartnerCenterContext
    The Partner Center context (name or object) to use; default: the most recent one.

    .PARAMETER WhatIf
    Shows what would be created, without sending anything.

    .PARAMETER Confirm
    Asks for confirmation first.

    .EXAMPLE
    PS> $customer = New-AzsCspPartnerCustomer -Name 'Fabrikam Retail' -Domain fabrikamretail -Language en -BillingAddressLine1 '1 Microsoft Way' -BillingAddressCity Redmond -BillingAddressState WA -BillingAddressPostalCode 98052 -BillingAddressCountry US -ContactEmail it@fabrikamretail.com -ContactFirstName Dana -ContactLastName Smith
    PS> $customer.AdminUserName

    Creates the customer; the administrator's password is in $customer.AdminPassword (SecureString).

    .EXAMPLE
    PS> Import-Csv new-customers.csv | New-AzsCspPartnerCustomer -WhatIf

    Shows which customers a CSV (columns named like the parameters) would create.

    .INPUTS
    System.Management.Automation.PSObject (properties named like the parameters)

    .OUTPUTS
    AzsCsp.PartnerCenter.Customer

    .LINK
    Test-AzsCspPartnerDomainAvailability

    .LINK
    Test-AzsCspPartnerAddress

    .LINK
    Register-AzsCspCustomer
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('AzsCsp.PartnerCenter.Customer')]
    param(
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)]
        [Alias('CompanyName')]
        [ValidateNotNullOrEmpty()]
        [string] $Name,

        [Parameter(Mandatory, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $Domain,

        [Parameter(Mandatory, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $Language,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $Culture = 'en-US',

        [Parameter(Mandatory, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $BillingAddressLine1,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $BillingAddressLine2,

        [Parameter(Mandatory, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $BillingAddressCity,

        [Parameter(Mandatory, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $BillingAddressState,

        [Parameter(Mandatory, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $BillingAddressPostalCode,

        [Parameter(Mandatory, ValueFromPipelineByPropertyName)]
        [ValidatePattern('^[A-Za-z]{2}$', ErrorMessage = "'{0}' is not a two-letter ISO country code (for example US).")]
        [string] $BillingAddressCountry,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $BillingAddressRegion,

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
        [string] $OrganizationRegistrationNumber,

        [switch] $DisableValidation,

        [object] $PartnerCenterContext
    )

    begin {
        $entry = $null
    }

    process {
        $domainText = Get-AzsCspPartnerDomainName -Domain $Domain -PartnerCenterContext $PartnerCenterContext
        if (-not $PSCmdlet.ShouldProcess("Customer '$Name' ($domainText)", 'Create the Partner Center customer and its directory')) {
            return
        }
        if ($null -eq $entry) {
            $entry = Resolve-AzsCspPartnerCenterContext -Cmdlet $PSCmdlet -PartnerCenterContext $PartnerCenterContext
        }
        $arguments = New-AzsCspPartnerCustomerDefinition -Name $Name -Domain $Domain -Language $Language -Culture $Culture `
            -BillingAddressLine1 $BillingAddressLine1 -BillingAddressLine2 $BillingAddressLine2 -BillingAddressCity $BillingAddressCity `
            -BillingAddressState $BillingAddressState -BillingAddressPostalCode $BillingAddressPostalCode -BillingAddressCountry $BillingAddressCountry `
            -BillingAddressRegion $BillingAddressRegion -ContactEmail $ContactEmail -ContactFirstName $ContactFirstName -ContactLastName $ContactLastName `
            -ContactPhoneNumber $ContactPhoneNumber -OrganizationRegistrationNumber $OrganizationRegistrationNumber
        if ($DisableValidation) { $arguments.skipValidation = $true }
        Invoke-AzsCspPartnerOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'partnerCenter.customers.create' -Arguments $arguments `
            -Target (Get-AzsCspPartnerTarget -Domain $domainText) -TargetObject $domainText -Activity "Creating customer $Name" |
            ForEach-Object { ConvertTo-AzsCspPartnerCustomer -Data $_ -ContextName $entry.Name }
    }
}
