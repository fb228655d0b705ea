function New-AzsActivationResource {
    <#
    .SYNOPSIS
    Activates an Azure Stack Hub with an activation key on its privileged endpoint (disconnected registration, step 4).

    .DESCRIPTION
    New-AzsActivationResource runs New-AzureStackActivation -ActivationKey <key> -TimeoutInSeconds 1800
    on the stamp's privileged endpoint (PEP), as New-AzsActivationResource of AzureStack-Tools does, with
    the same parameter names and positions. The activation key comes from Get-AzsActivationKey, run on a
    machine connected to Azure; bring it (or its file) to a machine that reaches the PEP.

    Disconnected: this command talks only to the privileged endpoint. It makes no call to Azure at all,
    needs no Connect-AzsCspAccount and no internet access (AzureStack-Tools' version tried to reach
    public Azure here and failed in disconnected datacenters).

    After activation it reads Get-AzureStackStampInformation to report the stamp's CloudId and version
    (left empty, with a warning, when that read fails; the activation itself has succeeded then).

    What needs Windows: the privileged endpoint is reached with PowerShell remoting (WinRM) to the ERCS
    VM, opened with en-US culture, which in practice means a Windows machine that can reach the ERCS VM.
    Pass -PrivilegedEndpointSession to reuse a session you opened yourself.

    -WhatIf shows what would run and does not open the privileged endpoint.

    .PARAMETER PrivilegedEndpointCredential
    The credential of the privileged endpoint (AzureStack\CloudAdmin).

    .PARAMETER PrivilegedEndpoint
    The privileged endpoint: the ERCS VM name or IP.

    .PARAMETER PrivilegedEndpointSession
    An open privileged endpoint session (a PSSession, or a Runspace stand-in) to use instead; it stays open.

    .PARAMETER ActivationKey
    The activation key from Get-AzsActivationKey (or from the file it wrote with -KeyOutputFilePath).
    Accepted from the pipeline by value and by property name.

    .PARAMETER WhatIf
    Shows what would be activated, without opening the privileged endpoint.

    .PARAMETER Confirm
    Asks for confirmation before activating.

    .EXAMPLE
    PS> $key = Get-Content -Raw C:\temp\activationkey.txt
    PS> New-AzsActivationResource -PrivilegedEndpointCredential $cloudAdmin -PrivilegedEndpoint AzS-ERCS01 -ActivationKey $key

    The documented disconnected call: the key file was written on the connected machine by
    Get-AzsActivationKey -KeyOutputFilePath.

    .EXAMPLE
    PS> New-AzsActivationResource $cloudAdmin AzS-ERCS01 $key

    The same with positions 0, 1 and 2.

    .EXAMPLE
    PS> Get-AzsActivationKey -RegistrationName azurestack-c902d338 | New-AzsActivationResource -PrivilegedEndpointSession $pep

    On a machine that reaches both Azure and the privileged endpoint: the key flows through the pipeline.

    .INPUTS
    System.String (the activation key), by value or by property name ActivationKey.

    .OUTPUTS
    AzsCsp.ActivationResource: PrivilegedEndpoint, CloudId, StampVersion, Status (Activated), ActivatedOn (UTC).

    .LINK
    Get-AzsActivationKey

    .LINK
    Remove-AzsActivationResource

    .LINK
    Register-AzsEnvironment

    .LINK
    https://learn.microsoft.com/azure-stack/operator/azure-stack-registration
    #>
    [CmdletBinding(DefaultParameterSetName = 'PrivilegedEndpoint', SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('AzsCsp.ActivationResource')]
    param(
        [Parameter(ParameterSetName = 'PrivilegedEndpoint', Mandatory, Position = 0)]
        [pscredential] $PrivilegedEndpointCredential,

        [Parameter(ParameterSetName = 'PrivilegedEndpoint', Mandatory, Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string] $PrivilegedEndpoint,

        [Parameter(ParameterSetName = 'Session', Mandatory)]
        [object] $PrivilegedEndpointSession,

        [Parameter(ParameterSetName = 'PrivilegedEndpoint', Mandatory, Position = 2, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Parameter(ParameterSetName = 'Session', Mandatory, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $ActivationKey
    )

    process {
        $key = $ActivationKey.Trim()
        if ([string]::IsNullOrEmpty($key)) {
            $PSCmdlet.WriteError((New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.ActivationKeyRequired' -Argument 'ActivationKey' `
                        -Message 'The activation key is empty.' -RecommendedAction 'Pass the key that Get-AzsActivationKey returned.'))
            return
        }
        $pepName = if ($PSCmdlet.ParameterSetName -eq 'Session') { 'the given privileged endpoint session' } else { $PrivilegedEndpoint }
        if (-not $PSCmdlet.ShouldProcess($pepName, 'Activate the Azure Stack Hub with the activation key (New-AzureStackActivation)')) {
            return
        }

        $pep = Open-AzsCspPrivilegedEndpoint -Cmdlet $PSCmdlet -ComputerName $PrivilegedEndpoint -Credential $PrivilegedEndpointCredential -Session $PrivilegedEndpointSession
        try {
            $activity = 'Activating the Azure Stack Hub'
            Write-Progress -Id 1 -Activity $activity -Status 'New-AzureStackActivation (this can take up to 30 minutes)'
            Write-Verbose 'Activating Azure Stack Hub on the privileged endpoint (New-AzureStackActivation; this can take several minutes).'
            $run = Invoke-AzsCspPrivilegedEndpointCommand -Pep $pep -Command 'New-AzureStackActivation' -Parameters ([ordered]@{ ActivationKey = $key; TimeoutInSeconds = 1800 })
            if ($run.Failed) {
                Write-Progress -Id 1 -Activity $activity -Completed
                $PSCmdlet.WriteError((New-AzsCspPrivilegedEndpointErrorRecord -Step 'Activation' -Message $run.Message -TargetObject $pepName `
                            -RecommendedAction 'Check that the key is the whole output of Get-AzsActivationKey for this stamp''s registration, then run the command again.'))
                return
            }
            $activatedOn = [DateTime]::UtcNow
            Write-Progress -Id 1 -Activity $activity -Status 'Reading the stamp information'
            $stamp = Get-AzsCspStampInformation -Pep $pep
            Write-Progress -Id 1 -Activity $activity -Completed
            if ($stamp.Failed) {
                Write-Warning ("The stamp is activated, but its information could not be read: {0}" -f $stamp.Message)
            }
            [pscustomobject]@{
                PSTypeName         = 'AzsCsp.ActivationResource'
                PrivilegedEndpoint = $pep.Name
                CloudId            = $stamp.CloudId
                StampVersion       = $(if ($stamp.StampVersion) { $stamp.StampVersion } else { $null })
                Status             = 'Activated'
                ActivatedOn        = $activatedOn
            }
        }
        finally {
            Close-AzsCspPrivilegedEndpoint -Pep $pep
        }
    }
}
