function Get-AzsRegistrationToken {
    <#
    .SYNOPSIS
    Gets a registration token from the stamp's privileged endpoint (disconnected registration, step 1).

    .DESCRIPTION
    Get-AzsRegistrationToken runs New-RegistrationToken on the privileged endpoint and returns the token
    string (base64 of JSON with the stamp's CloudId and the billing settings), as Get-AzsRegistrationToken
    of AzureStack-Tools does, with the same parameters and positions. Take the token to a machine
    connected to Azure and run Register-AzsEnvironment with it.

    With -TokenOutputFilePath the token is also written to that file (the folder is created; the file is
    replaced atomically). -WhatIf still gets the token (nothing changes on the stamp) but does not write
    the file.

    What needs Windows: the privileged endpoint is reached with PowerShell remoting (WinRM) to the ERCS
    VM, opened with en-US culture. Pass -PrivilegedEndpointSession to reuse a session you opened.

    .PARAMETER PrivilegedEndpointCredential
    The credential of the privileged endpoint (AzureStack\CloudAdmin).

    .PARAMETER PrivilegedEndpoint
    The privileged endpoint: the ERCS VM name or IP.

    .PARAMETER PrivilegedEndpointSession
    An open privileged endpoint session (a PSSession, or a Runspace stand-in) to use instead; it stays open.

    .PARAMETER BillingModel
    Capacity, Development or Custom (disconnected billing models).

    .PARAMETER TokenOutputFilePath
    A file to write the token to (replaced when it exists).

    .PARAMETER UsageReportingEnabled
    Enables usage reporting (default: off; always off for Capacity).

    .PARAMETER MarketplaceSyndicationEnabled
    Enables marketplace syndication (default: off).

    .PARAMETER AgreementNumber
    The EA agreement number; required for Capacity.

    .PARAMETER MsAssetTag
    The Microsoft asset tag; required for Custom.

    .PARAMETER WhatIf
    Shows which file would be written, without writing it.

    .PARAMETER Confirm
    Asks for confirmation before writing the file.

    .EXAMPLE
    PS> $token = Get-AzsRegistrationToken -PrivilegedEndpointCredential $cred -UsageReportingEnabled:$false -PrivilegedEndpoint AzS-ERCS01 -BillingModel Capacity -AgreementNumber '<EA agreement number>' -TokenOutputFilePath C:\temp\registrationtoken.txt

    The documented call: the token in $token and in the file.

    .EXAMPLE
    PS> Get-AzsRegistrationToken -PrivilegedEndpointSession $pep -BillingModel Development | Register-AzsEnvironment -RegistrationName azurestack-dev

    Makes a token with an open session and registers with it (on a machine that reaches both).

    .INPUTS
    None.

    .OUTPUTS
    System.String (the registration token).

    .LINK
    Register-AzsEnvironment

    .LINK
    https://learn.microsoft.com/azure-stack/operator/azure-stack-registration
    #>
    [CmdletBinding(DefaultParameterSetName = 'PrivilegedEndpoint', SupportsShouldProcess, ConfirmImpact = 'Low')]
    [OutputType([string])]
    param(
        [Parameter(ParameterSetName = 'PrivilegedEndpoint', Mandatory, Position = 0)]
        [pscredential] $PrivilegedEndpointCredential,

        [Parameter(ParameterSetName = 'PrivilegedEndpoint', Mandatory, Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string] $PrivilegedEndpoint,

        [Parameter(ParameterSetName = 'Session', Mandatory)]
        [object] $PrivilegedEndpointSession,

        [Parameter(ParameterSetName = 'PrivilegedEndpoint', Mandatory, Position = 2)]
        [Parameter(ParameterSetName = 'Session', Mandatory)]
        [ValidateSet('Capacity', 'Development', 'Custom')]
        [string] $BillingModel,

        [Parameter(ParameterSetName = 'PrivilegedEndpoint', Position = 3)]
        [Parameter(ParameterSetName = 'Session')]
        [string] $TokenOutputFilePath,

        [switch] $UsageReportingEnabled,

        [switch] $MarketplaceSyndicationEnabled,

        [Parameter(ParameterSetName = 'PrivilegedEndpoint', Position = 4)]
        [Parameter(ParameterSetName = 'Session')]
        [string] $AgreementNumber,

        [Parameter(ParameterSetName = 'PrivilegedEndpoint', Position = 5)]
        [Parameter(ParameterSetName = 'Session')]
        [string] $MsAssetTag
    )

    $settings = Resolve-AzsCspBillingSetting -Cmdlet $PSCmdlet -BillingModel $BillingModel -UsageReportingEnabled ([bool]$UsageReportingEnabled) `
        -MarketplaceSyndicationEnabled ([bool]$MarketplaceSyndicationEnabled) -AgreementNumber $AgreementNumber -MsAssetTag $MsAssetTag
    $pep = Open-AzsCspPrivilegedEndpoint -Cmdlet $PSCmdlet -ComputerName $PrivilegedEndpoint -Credential $PrivilegedEndpointCredential -Session $PrivilegedEndpointSession
    try {
        $parameters = [ordered]@{
            BillingModel                  = $settings.BillingModel
            MarketplaceSyndicationEnabled = $settings.MarketplaceSyndicationEnabled
            UsageReportingEnabled         = $settings.UsageReportingEnabled
            AgreementNumber               = [string]$settings.AgreementNumber
        }
        if ($settings.MsAssetTag) { $parameters.MsAssetTag = $settings.MsAssetTag }
        $run = Invoke-AzsCspPrivilegedEndpointCommand -Pep $pep -Command 'New-RegistrationToken' -Parameters $parameters
        if ($run.Failed) {
            $PSCmdlet.WriteError((New-AzsCspPrivilegedEndpointErrorRecord -Step 'RegistrationToken' -Message $run.Message -TargetObject $PrivilegedEndpoint -RecommendedAction 'Check the privileged endpoint and the billing parameters, then run the command again.'))
            return
        }
        $token = [string](@($run.Output) | Select-Object -Last 1)
        $token = $token.Trim()
        if ($null -eq (ConvertFrom-AzsCspRegistrationToken -Cmdlet $PSCmdlet -Token $token)) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidRegistrationToken' -Kind 'Service' -TargetObject $PrivilegedEndpoint `
                -Category ([System.Management.Automation.ErrorCategory]::InvalidResult) `
                -Message 'New-RegistrationToken returned something that is not a registration token.'
            $PSCmdlet.WriteError($record)
            return
        }
        if ($TokenOutputFilePath) {
            $path = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($TokenOutputFilePath)
            if ($PSCmdlet.ShouldProcess($path, 'Write the registration token')) {
                $null = Write-AzsCspFileAtomic -Path $path -Text $token -Private
                Write-Verbose "Wrote the registration token to $path."
            }
        }
        $token
    }
    finally {
        Close-AzsCspPrivilegedEndpoint -Pep $pep
    }
}
