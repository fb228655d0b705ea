function ConvertFrom-AzsRegistrationToken {
    <#
    .SYNOPSIS
    Decodes a registration token: the cloud ID, billing model and the usage-reporting and syndication flags it carries.

    .DESCRIPTION
    ConvertFrom-AzsRegistrationToken decodes a registration token made by Get-AzsRegistrationToken
    (New-RegistrationToken on the privileged endpoint) and returns what it says: CloudId, BillingModel,
    UsageReportingEnabled, MarketplaceSyndicationEnabled, AgreementNumber, MsAssetTag, IssueDate,
    TokenVersion and StampVersion. It runs locally on any platform: nothing is sent anywhere, and no
    Connect-AzsCspAccount is needed. The native core decodes it, as Register-AzsEnvironment does.

    Why this matters: the registration resource in Azure does not carry the usage-reporting and
    marketplace-syndication flags (Microsoft.AzureStack/registrations has only cloudId, objectId and
    billingModel), so Get-AzsRegistration cannot show them. The token that was registered (and the
    stamp's activation, New-AzsActivationResource) is where they are set and seen. Keep the token file.

    A flag the token does not state is $null. A string that is not a registration token is an
    InvalidArgument error (AzsCsp.InvalidRegistrationToken) that names the problem; with several
    tokens from the pipeline, each bad one is its own error and the others are still decoded.

    .PARAMETER RegistrationToken
    The registration token (base64), as returned by Get-AzsRegistrationToken. Accepted from the pipeline
    by value and by property name.

    .PARAMETER Path
    A file holding a registration token, such as the one written by Get-AzsRegistrationToken
    -TokenOutputFilePath. Accepted from the pipeline by property name (FullName, PSPath), so
    Get-ChildItem *.txt | ConvertFrom-AzsRegistrationToken works.

    .EXAMPLE
    PS> Get-AzsRegistrationToken -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -BillingModel Capacity -AgreementNumber '<EA agreement number>' | ConvertFrom-AzsRegistrationToken

    Shows what the new token says before it is taken to the connected machine.

    .EXAMPLE
    PS> ConvertFrom-AzsRegistrationToken -Path C:\temp\registrationtoken.txt | Format-List

    Decodes the token file written with -TokenOutputFilePath (all fields).

    .EXAMPLE
    PS> (ConvertFrom-AzsRegistrationToken $token).UsageReportingEnabled

    Whether the registered stamp reports usage (the registration resource does not say).

    .INPUTS
    System.String (the token), by value or by property name RegistrationToken; by property name Path (FullName, PSPath).

    .OUTPUTS
    AzsCsp.RegistrationToken: CloudId, BillingModel, UsageReportingEnabled, MarketplaceSyndicationEnabled,
    AgreementNumber, MsAssetTag, IssueDate (UTC DateTime), TokenVersion, StampVersion.

    .LINK
    Get-AzsRegistrationToken

    .LINK
    Register-AzsEnvironment

    .LINK
    Get-AzsRegistration
    #>
    [CmdletBinding(DefaultParameterSetName = 'Token')]
    [OutputType('AzsCsp.RegistrationToken')]
    param(
        [Parameter(ParameterSetName = 'Token', Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [AllowEmptyString()]
        [string] $RegistrationToken,

        [Parameter(ParameterSetName = 'Path', Mandatory, ValueFromPipelineByPropertyName)]
        [Alias('FullName', 'PSPath', 'TokenOutputFilePath')]
        [ValidateNotNullOrEmpty()]
        [string] $Path
    )

    process {
        $source = 'RegistrationToken'
        if ($PSCmdlet.ParameterSetName -eq 'Path') {
            $source = 'Path'
            $file = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path)
            if (-not (Test-Path -LiteralPath $file -PathType Leaf)) {
                $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.RegistrationTokenFileNotFound' -Argument 'Path' -TargetObject $file `
                    -Category ([System.Management.Automation.ErrorCategory]::ObjectNotFound) `
                    -Message ("The registration token file '{0}' does not exist." -f $file) `
                    -RecommendedAction 'Pass the file written by Get-AzsRegistrationToken -TokenOutputFilePath.'
                $PSCmdlet.WriteError($record)
                return
            }
            $RegistrationToken = [System.IO.File]::ReadAllText($file)
        }

        $problem = $null
        $info = ConvertFrom-AzsCspRegistrationToken -Cmdlet $PSCmdlet -Token $RegistrationToken -Problem ([ref]$problem)
        if ($null -eq $info) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidRegistrationToken' -Argument $source `
                -TargetObject $(if ($source -eq 'Path') { $file } else { $null }) `
                -Message (Format-AzsCspTokenProblem -Problem $problem) `
                -RecommendedAction 'Pass the whole token that Get-AzsRegistrationToken (New-RegistrationToken on the privileged endpoint) returned, for example from the file written with -TokenOutputFilePath.'
            $PSCmdlet.WriteError($record)
            return
        }
        $info
    }
}
