function Remove-AzsActivationResource {
    <#
    .SYNOPSIS
    Removes the activation of an Azure Stack Hub on its privileged endpoint (undoes New-AzsActivationResource).

    .DESCRIPTION
    Remove-AzsActivationResource runs Remove-AzureStackActivation on the stamp's privileged endpoint
    (PEP), as Remove-AzsActivationResource of AzureStack-Tools does, with the same parameter names and
    positions. Afterwards the stamp can no longer syndicate marketplace items and no longer reports
    usage. Run it before Unregister-AzsEnvironment when you take a disconnected stamp off its registration.

    Disconnected: this command talks only to the privileged endpoint and makes no call to Azure.

    ConfirmImpact is High: it asks before doing anything unless -Force or -Confirm:$false is given.
    -WhatIf shows what would run and does not open the privileged endpoint.

    What needs Windows: the privileged endpoint is reached with PowerShell remoting (WinRM) to the ERCS
    VM, opened with en-US culture, which in practice means a Windows machine that can reach the ERCS VM.
    Pass -PrivilegedEndpointSession to reuse a session you opened yourself.

    .PARAMETER PrivilegedEndpointCredential
    The credential of the privileged endpoint (AzureStack\CloudAdmin).

    .PARAMETER PrivilegedEndpoint
    The privileged endpoint: the ERCS VM name or IP.

    .PARAMETER PrivilegedEndpointSession
    An open privileged endpoint session (a PSSession, or a Runspace stand-in) to use instead; it stays open.

    .PARAMETER Force
    Does not ask for confirmation.

    .PARAMETER WhatIf
    Shows what would be removed, without opening the privileged endpoint.

    .PARAMETER Confirm
    Asks for confirmation before removing the activation (the default).

    .EXAMPLE
    PS> Remove-AzsActivationResource -PrivilegedEndpointCredential $cloudAdmin -PrivilegedEndpoint AzS-ERCS01

    Asks, then deactivates the stamp.

    .EXAMPLE
    PS> Remove-AzsActivationResource -PrivilegedEndpointSession $pep -Force
    PS> Unregister-AzsEnvironment -RegistrationToken $token -Force

    Deactivates the stamp without asking, then (on the connected machine) removes its registration.

    .INPUTS
    None.

    .OUTPUTS
    AzsCsp.RemovedActivationResource: PrivilegedEndpoint, CloudId, Status (Removed), RemovedOn (UTC).

    .LINK
    New-AzsActivationResource

    .LINK
    Unregister-AzsEnvironment

    .LINK
    https://learn.microsoft.com/azure-stack/operator/azure-stack-registration
    #>
    [CmdletBinding(DefaultParameterSetName = 'PrivilegedEndpoint', SupportsShouldProcess, ConfirmImpact = 'High')]
    [OutputType('AzsCsp.RemovedActivationResource')]
    param(
        [Parameter(ParameterSetName = 'PrivilegedEndpoint', Mandatory, Position = 0)]
        [pscredential] $PrivilegedEndpointCredential,

        [Parameter(ParameterSetName = 'PrivilegedEndpoint', Mandatory, Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string] $PrivilegedEndpoint,

        [Parameter(ParameterSetName = 'Session', Mandatory)]
        [object] $PrivilegedEndpointSession,

        [switch] $Force
    )

    $pepName = if ($PSCmdlet.ParameterSetName -eq 'Session') { 'the given privileged endpoint session' } else { $PrivilegedEndpoint }
    $action = 'Remove the activation of the Azure Stack Hub (Remove-AzureStackActivation): it stops syndicating marketplace items and reporting usage'
    if (-not (Test-AzsCspShouldProcess -Cmdlet $PSCmdlet -Force $Force -Target $pepName -Action $action)) {
        return
    }

    $pep = Open-AzsCspPrivilegedEndpoint -Cmdlet $PSCmdlet -ComputerName $PrivilegedEndpoint -Credential $PrivilegedEndpointCredential -Session $PrivilegedEndpointSession
    try {
        Write-Verbose 'Removing the activation on the privileged endpoint (Remove-AzureStackActivation).'
        $stamp = Get-AzsCspStampInformation -Pep $pep
        $run = Invoke-AzsCspPrivilegedEndpointCommand -Pep $pep -Command 'Remove-AzureStackActivation'
        if ($run.Failed) {
            $PSCmdlet.WriteError((New-AzsCspPrivilegedEndpointErrorRecord -Step 'Deactivation' -Message $run.Message -TargetObject $pepName `
                        -RecommendedAction 'Check the privileged endpoint and run the command again.'))
            return
        }
        [pscustomobject]@{
            PSTypeName         = 'AzsCsp.RemovedActivationResource'
            PrivilegedEndpoint = $pep.Name
            CloudId            = $stamp.CloudId
            Status             = 'Removed'
            RemovedOn          = [DateTime]::UtcNow
        }
    }
    finally {
        Close-AzsCspPrivilegedEndpoint -Pep $pep
    }
}
