function Remove-AzsRegistration {
    <#
    .SYNOPSIS
    Deactivates a connected Azure Stack Hub and removes its registration resource from Azure.

    .DESCRIPTION
    Remove-AzsRegistration does what Remove-AzsRegistration of AzureStack-Tools does, with the same
    parameters and positions, and checks before it changes anything:

    1. reads the stamp's cloud ID on the privileged endpoint (Get-AzureStackStampInformation);
    2. gets the registration from Azure: a missing registration is a clear AzsCsp.RegistrationNotFound
       error (the reference tool reported a misleading cloud ID mismatch);
    3. refuses (AzsCsp.CloudIdMismatch) when the registration belongs to another stamp;
    4. deactivates the stamp on the privileged endpoint (Remove-AzureStackActivation: the stamp can no
       longer syndicate marketplace items and stops reporting usage);
    5. removes the RegistrationResourceLock lock and deletes the registration;
    6. reads it again to verify that it is gone.

    Use it to move a registration to another subscription: Remove-AzsRegistration, then
    Set-AzsRegistration -SubscriptionId <new>.

    What needs Windows: the privileged endpoint steps (1, 4) use PowerShell remoting (WinRM) to the ERCS
    VM, opened with en-US culture; pass -PrivilegedEndpointSession to reuse a session you opened. The
    Azure steps run anywhere (UnRegister-AzsEnvironment removes only the Azure resource).

    ConfirmImpact is High: it asks before doing anything unless -Force or -Confirm:$false is given.
    -WhatIf connects to nothing.

    .PARAMETER PrivilegedEndpointCredential
    The credential of the privileged endpoint (AzureStack\CloudAdmin).

    .PARAMETER PrivilegedEndpoint
    The privileged endpoint: the ERCS VM name or IP.

    .PARAMETER PrivilegedEndpointSession
    An open privileged endpoint session (a PSSession, or a Runspace stand-in) to use instead; it stays open.

    .PARAMETER RegistrationName
    The name of the registration to remove.

    .PARAMETER ResourceGroupName
    The resource group of the registration. Default: 'azurestack'.

    .PARAMETER AzureContext
    The AzsCsp context (name or AzsCsp.Context object) to use. Default: the default context.

    .PARAMETER SubscriptionId
    The subscription of the registration. Default: the subscription of the context.

    .PARAMETER Force
    Does not ask for confirmation (-WhatIf is still honoured).

    .PARAMETER WhatIf
    Shows what would be removed, without connecting to the privileged endpoint or Azure.

    .PARAMETER Confirm
    Asks for confirmation (the default: ConfirmImpact High).

    .EXAMPLE
    PS> Remove-AzsRegistration -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -RegistrationName azurestack-csp

    Deactivates the stamp and removes its registration, after confirmation.

    .EXAMPLE
    PS> Remove-AzsRegistration -PrivilegedEndpointSession $pep -RegistrationName azurestack-csp -Force

    Reuses an open session; no prompt.

    .INPUTS
    None.

    .OUTPUTS
    AzsCsp.RemovedRegistration (RegistrationName, CloudId, Deactivated, LockRemoved, Removed, Steps).

    .LINK
    Set-AzsRegistration

    .LINK
    Unregister-AzsEnvironment
    #>
    [CmdletBinding(DefaultParameterSetName = 'PrivilegedEndpoint', SupportsShouldProcess, ConfirmImpact = 'High')]
    [OutputType('AzsCsp.RemovedRegistration')]
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
        [ValidateNotNullOrEmpty()]
        [string] $RegistrationName,

        [Parameter(ParameterSetName = 'PrivilegedEndpoint', Position = 3)]
        [Parameter(ParameterSetName = 'Session')]
        [string] $ResourceGroupName = 'azurestack',

        [Parameter(ParameterSetName = 'PrivilegedEndpoint', Position = 4)]
        [Parameter(ParameterSetName = 'Session')]
        [Alias('Context')]
        [object] $AzureContext,

        [string] $SubscriptionId,

        [switch] $Force
    )

    $cmdlet = $PSCmdlet
    $entry = Resolve-AzsCspContext -Cmdlet $PSCmdlet -Context $AzureContext
    $sub = Resolve-AzsCspSubscriptionId -Cmdlet $PSCmdlet -Entry $entry -SubscriptionId $SubscriptionId
    if ([string]::IsNullOrWhiteSpace($ResourceGroupName)) { $ResourceGroupName = 'azurestack' }
    Test-AzsCspRegistrationAddress -Cmdlet $PSCmdlet -ResourceGroupName $ResourceGroupName -RegistrationName $RegistrationName
    $id = Get-AzsCspRegistrationResourceId -SubscriptionId $sub -ResourceGroupName $ResourceGroupName -RegistrationName $RegistrationName
    $pepName = if ($PrivilegedEndpointSession) { 'the given privileged endpoint session' } else { $PrivilegedEndpoint }
    $action = "Deactivate the Azure Stack Hub at {0} (Remove-AzureStackActivation), remove the lock and delete registration '{1}'" -f $pepName, $RegistrationName
    if (-not (Test-AzsCspShouldProcess -Cmdlet $PSCmdlet -Force $Force -Target $id -Action $action)) {
        return
    }

    $target = @{ RegistrationSubscriptionId = $sub; ResourceGroupName = $ResourceGroupName; RegistrationName = $RegistrationName }
    $address = [ordered]@{ subscriptionId = $sub; resourceGroupName = $ResourceGroupName; registrationName = $RegistrationName }
    $activity = "Removing registration '$RegistrationName'"
    $steps = [System.Collections.Generic.List[object]]::new()
    $pep = Open-AzsCspPrivilegedEndpoint -Cmdlet $PSCmdlet -ComputerName $PrivilegedEndpoint -Credential $PrivilegedEndpointCredential -Session $PrivilegedEndpointSession
    try {
        Write-Progress -Id 1 -Activity $activity -Status 'Reading the stamp information' -PercentComplete 0
        $stamp = Get-AzsCspStampInformation -Pep $pep
        if ($stamp.Failed) {
            $PSCmdlet.WriteError((New-AzsCspPrivilegedEndpointErrorRecord -Step 'StampInformation' -Message $stamp.Message -TargetObject $pepName -RecommendedAction 'Check the privileged endpoint and run the command again; nothing was changed.'))
            return
        }
        $steps.Add((New-AzsCspStep -Name 'StampInformation' -Status 'Done' -Where 'PrivilegedEndpoint' -Detail ('Cloud ID {0}.' -f $stamp.CloudId)))

        Write-Progress -Id 1 -Activity $activity -Status 'Reading the registration' -PercentComplete 15
        $get = Invoke-AzsCspNativeStep -Cmdlet $cmdlet -Entry $entry -Operation 'registrations.get' -Arguments $address -Activity $activity
        if ($get.Failed) {
            if ($get.Error.Kind -eq 'NotFound') {
                $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.RegistrationNotFound' -Kind 'NotFound' -TargetObject $id `
                    -Category ([System.Management.Automation.ErrorCategory]::ObjectNotFound) `
                    -Message ("Registration '{0}' was not found in resource group '{1}' of subscription {2}; nothing was changed (the stamp stays activated)." -f $RegistrationName, $ResourceGroupName, $sub) `
                    -RecommendedAction (Get-AzsCspRecommendedAction -Code 'RegistrationNotFound' -Target $target)
                $PSCmdlet.WriteError($record)
            }
            else {
                $PSCmdlet.WriteError((New-AzsCspErrorRecord -NativeError $get.Error -TargetObject $id -Target $target))
            }
            return
        }
        $registration = [AzsCsp.Registration]::FromJson($get.Events[0].Data, $entry.Name)
        if ($registration.CloudId -ne $stamp.CloudId) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.CloudIdMismatch' -Kind 'Conflict' -TargetObject $id `
                -Category ([System.Management.Automation.ErrorCategory]::InvalidOperation) `
                -Message ("Registration '{0}' belongs to cloud ID {1}, but the stamp at {2} has cloud ID {3}: it is another stamp's registration; nothing was changed." -f $RegistrationName, $registration.CloudId, $pepName, $stamp.CloudId) `
                -RecommendedAction ("Pass the registration of this stamp (Get-AzsRegistration -SubscriptionId {0} | Where-Object CloudId -eq '{1}'), or connect to the privileged endpoint of the stamp that owns '{2}'." -f $sub, $stamp.CloudId, $RegistrationName)
            $PSCmdlet.WriteError($record)
            return
        }
        $steps.Add((New-AzsCspStep -Name 'Registration' -Status 'Done' -Detail ('{0} has the stamp''s cloud ID.' -f $registration.Id)))

        Write-Progress -Id 1 -Activity $activity -Status 'Deactivating the stamp' -PercentComplete 35
        $deactivation = Invoke-AzsCspPrivilegedEndpointCommand -Pep $pep -Command 'Remove-AzureStackActivation'
        if ($deactivation.Failed) {
            $PSCmdlet.WriteError((New-AzsCspPrivilegedEndpointErrorRecord -Step 'Deactivation' -Message $deactivation.Message -TargetObject $pepName -RecommendedAction 'Check the privileged endpoint and run the command again; the registration was not deleted.'))
            return
        }
        $steps.Add((New-AzsCspStep -Name 'Deactivation' -Status 'Done' -Where 'PrivilegedEndpoint' -Detail 'The stamp can no longer syndicate marketplace items and no longer reports usage.'))

        Write-Progress -Id 1 -Activity $activity -Status 'Removing the lock and deleting the registration' -PercentComplete 60
        $delete = Invoke-AzsCspNativeStep -Cmdlet $cmdlet -Entry $entry -Operation 'registrations.delete' -Arguments ([ordered]@{ subscriptionId = $sub; resourceGroupName = $ResourceGroupName; registrationName = $RegistrationName; removeLock = $true }) -Activity $activity
        if ($delete.Failed) {
            $PSCmdlet.WriteError((New-AzsCspErrorRecord -NativeError $delete.Error -TargetObject $id -Target $target))
            return
        }
        $deleted = @($delete.Items)[0]
        $lockRemoved = [bool](Get-AzsCspMember $deleted 'lockRemoved')
        $steps.Add((New-AzsCspStep -Name 'Delete' -Status 'Done' -Detail $(if ($lockRemoved) { 'Lock removed, registration deleted.' } else { 'Registration deleted (no lock).' })))

        Write-Progress -Id 1 -Activity $activity -Status 'Verifying' -PercentComplete 85
        $gone = $false
        for ($attempt = 1; $attempt -le 3 -and -not $gone; $attempt++) {
            $check = Invoke-AzsCspNativeStep -Cmdlet $cmdlet -Entry $entry -Operation 'registrations.get' -Arguments $address -Activity $activity
            $gone = $check.Failed -and $check.Error.Kind -eq 'NotFound'
            if (-not $gone -and $attempt -lt 3) { Start-Sleep -Seconds 2 }
        }
        $steps.Add((New-AzsCspStep -Name 'Verify' -Status $(if ($gone) { 'Done' } else { 'Failed' }) -Detail $(if ($gone) { 'The registration is gone.' } else { 'The registration can still be read.' })))
        [pscustomobject]@{
            PSTypeName        = 'AzsCsp.RemovedRegistration'
            RegistrationName  = $RegistrationName
            ResourceGroupName = $ResourceGroupName
            SubscriptionId    = $sub
            Id                = $id
            CloudId           = $stamp.CloudId
            Deactivated       = $true
            LockRemoved       = $lockRemoved
            Removed           = $gone
            Steps             = $steps.ToArray()
        }
        if (-not $gone) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.RegistrationStillPresent' -Kind 'Service' -TargetObject $id `
                -Category ([System.Management.Automation.ErrorCategory]::InvalidResult) `
                -Message ("Registration '{0}' was deleted but can still be read." -f $RegistrationName) `
                -RecommendedAction 'Check again in a few minutes with Get-AzsRegistration; remove it with UnRegister-AzsEnvironment if it stays.'
            $PSCmdlet.WriteError($record)
        }
    }
    finally {
        Close-AzsCspPrivilegedEndpoint -Pep $pep
        Write-Progress -Id 1 -Activity $activity -Completed
    }
}
