function Test-AzsCspPartnerDomainAvailability {
    <#
    .SYNOPSIS
    Tells whether an onmicrosoft.com domain is still free for a new Partner Center customer (Test-PartnerDomainAvailability).

    .DESCRIPTION
    Test-AzsCspPartnerDomainAvailability asks Partner Center (HEAD /v1/domains/{domain}) whether the
    domain can be used for a new customer: $true when it is available, $false when a directory already
    uses it. A name without a dot is taken as a prefix: 'fabrikam' means fabrikam.onmicrosoft.com
    (fabrikam.partner.onmschina.cn with a Partner Center context of AzureChinaCloud).
    Several domains can be piped in.

    .PARAMETER Domain
    The domain or its prefix (for example fabrikam or fabrikam.onmicrosoft.com).

    .PARAMETER PartnerCenterContext
    The Partner Center context (name or object) to use; default: the most recent one of
    Connect-AzsCspPartnerCenter.

    .EXAMPLE
    PS> Test-AzsCspPartnerDomainAvailability -Domain fabrikamretail

    True: fabrikamretail.onmicrosoft.com can be used with New-AzsCspPartnerCustomer.

    .EXAMPLE
    PS> 'contoso1', 'contoso2' | Where-Object { Test-AzsCspPartnerDomainAvailability -Domain $_ } | Select-Object -First 1

    The first free domain of a list.

    .INPUTS
    System.String

    .OUTPUTS
    System.Boolean

    .LINK
    New-AzsCspPartnerCustomer

    .LINK
    Connect-AzsCspPartnerCenter
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $Domain,

        [object] $PartnerCenterContext
    )

    begin {
        $entry = $null
    }

    process {
        $name = $Domain.Trim()
        $target = Get-AzsCspPartnerTarget -Domain $name
        if ($null -eq $entry) { $entry = Resolve-AzsCspPartnerCenterContext -Cmdlet $PSCmdlet -PartnerCenterContext $PartnerCenterContext }
        Invoke-AzsCspPartnerOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'partnerCenter.domains.check' -Arguments ([ordered]@{ domain = $name }) `
            -Target $target -TargetObject $name -Activity "Checking domain $name" | ForEach-Object {
            $full = [string](Get-AzsCspMember $_ 'domain')
            $available = [bool](Get-AzsCspMember $_ 'available')
            Write-Verbose ('{0} is {1}.' -f $(if ($full) { $full } else { $name }), $(if ($available) { 'available' } else { 'taken' }))
            $available
        }
    }
}
