function Test-AzsCspPartnerAddress {
    <#
    .SYNOPSIS
    Validates a customer address with Partner Center (Test-PartnerAddress) and returns its verdict and suggestions.

    .DESCRIPTION
    Test-AzsCspPartnerAddress sends the address to Partner Center (POST /v1/validations/address), the
    check New-AzsCspPartnerCustomer makes before creating a customer. The result says the status
    (VerifiedShippable, Verified, InteractionRequired, None, ...), Valid ($true for VerifiedShippable
    and Verified), the address as sent and the suggested corrections. A missing required field is an
    error naming the field.

    .PARAMETER AddressLine1
    The first address line (street and number).

    .PARAMETER AddressLine2
    The second address line.

    .PARAMETER City
    The city.

    .PARAMETER Country
    The two-letter ISO country code (for example US).

    .PARAMETER PostalCode
    The postal code (US: 5 digits, or 5-4).

    .PARAMETER Region
    The region, where the country uses one.

    .PARAMETER State
    The state or province (US: the two-letter state code).

    .PARAMETER PartnerCenterContext
    The Partner Center context (name or object) to use; default: the most recent one.

    .EXAMPLE
    PS> Test-AzsCspPartnerAddress -AddressLine1 '1 Microsoft Way' -City Redmond -State WA -PostalCode 98052 -Country US

    Status VerifiedShippable, Valid True.

    .EXAMPLE
    PS> $check = Test-AzsCspPartnerAddress -AddressLine1 '1 Main St' -City Springfield -State ZZ -PostalCode 1234 -Country US
    PS> if (-not $check.Valid) { $check.SuggestedAddresses }

    Shows what Partner Center suggests instead of an address it cannot verify.

    .INPUTS
    System.Management.Automation.PSObject (properties named like the parameters)

    .OUTPUTS
    AzsCsp.PartnerCenter.AddressValidation

    .LINK
    New-AzsCspPartnerCustomer
    #>
    [CmdletBinding()]
    [OutputType('AzsCsp.PartnerCenter.AddressValidation')]
    param(
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $AddressLine1,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $AddressLine2,

        [Parameter(Mandatory, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $City,

        [Parameter(Mandatory, ValueFromPipelineByPropertyName)]
        [ValidatePattern('^[A-Za-z]{2}$', ErrorMessage = "'{0}' is not a two-letter ISO country code (for example US).")]
        [string] $Country,

        [Parameter(Mandatory, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $PostalCode,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $Region,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $State,

        [object] $PartnerCenterContext
    )

    begin {
        $entry = $null
    }

    process {
        $address = [ordered]@{ addressLine1 = $AddressLine1; city = $City; postalCode = $PostalCode; country = $Country.ToUpperInvariant() }
        if ($AddressLine2) { $address.addressLine2 = $AddressLine2 }
        if ($State) { $address.state = $State }
        if ($Region) { $address.region = $Region }
        $text = '{0}, {1} {2} {3}' -f $AddressLine1, $PostalCode, $City, $address.country
        if ($null -eq $entry) { $entry = Resolve-AzsCspPartnerCenterContext -Cmdlet $PSCmdlet -PartnerCenterContext $PartnerCenterContext }
        Invoke-AzsCspPartnerOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'partnerCenter.addresses.validate' -Arguments ([ordered]@{ address = $address }) `
            -Target (Get-AzsCspPartnerTarget) -TargetObject $text -Activity 'Validating the address' | ForEach-Object {
            [pscustomobject]@{
                PSTypeName         = 'AzsCsp.PartnerCenter.AddressValidation'
                Status             = [string](Get-AzsCspMember $_ 'status')
                Valid              = [bool](Get-AzsCspMember $_ 'valid')
                OriginalAddress    = Get-AzsCspMember $_ 'originalAddress'
                SuggestedAddresses = @(Get-AzsCspMember $_ 'suggestedAddresses' | Where-Object { $null -ne $_ })
            }
        }
    }
}
