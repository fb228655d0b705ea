function Set-AzsRegistration {
    <#
    .SYNOPSIS
    Registers (or re-registers) a connected Azure Stack Hub with Azure and activates it, resumably.

    .DESCRIPTION
    Set-AzsRegistration does what Set-AzsRegistration of AzureStack-Tools (RegisterWithAzure.psm1) does,
    with the same parameter names and positions, in resumable steps:

    Step                   Where                  What
    StampInformation       privileged endpoint    Get-AzureStackStampInformation (cloud ID, stamp version)
    RegistrationKeyPair    privileged endpoint    Set-RegistrationKeyPair (stamps newer than 1.2209.0.23)
    BridgeServicePrincipal privileged endpoint    New-AzureBridgeServicePrincipal with the signed-in user's refresh token
    RegistrationToken      privileged endpoint    New-RegistrationToken (billing model, usage reporting, syndication)
    Registration           Azure (REST)           register Microsoft.AzureStack, resource group, remove lock, PUT registration, lock
    RoleAssignment         Azure (REST)           Azure Stack Registration Owner for the bridge service principal on the registration
    ActivationKey          Azure (REST)           POST getactivationkey
    Activation             privileged endpoint    New-AzureStackActivation

    Each completed step is recorded in a checkpoint file per registration
    (<config dir>/registrations/<subscription>.<resource group>.<name>.json; the config dir is
    $env:AZSCSP_CONFIG_DIR, else ~/.config/AzsCsp or %APPDATA%\AzsCsp; mode 0600). It holds the cloud ID,
    the bridge service principal's object ID, the registration ID, the registration token and the
    activation key (none of them a secret) and never the refresh token. When a step fails, fix the cause and
    run the same command again: the completed steps are reported as AlreadyDone and not repeated
    (StampInformation is always read again, to make sure it is the same stamp). Changing the billing
    settings makes the token and the later steps run again.

    What needs Windows: the privileged endpoint steps use PowerShell remoting (WinRM) to the ERCS VM
    (New-PSSession -ComputerName <PrivilegedEndpoint> -ConfigurationName PrivilegedEndpoint, opened with
    en-US culture, which avoids the documented failure of non-en-US clients). Run the command on a Windows
    machine that can reach the ERCS VM, or open the session yourself and pass -PrivilegedEndpointSession.
    The Azure steps run anywhere (they are also available alone: Register-AzsEnvironment,
    Get-AzsActivationKey).

    The bridge service principal is created with the signed-in user's refresh token: sign in as a user
    (Connect-AzsCspAccount -UseDeviceAuthentication) who is Owner or Contributor of the subscription and
    may register applications in the directory. A service principal sign-in fails with
    AzsCsp.UserSignInRequired at that step. The module keeps the refresh token as a SecureString and
    unwraps it only for the New-AzureBridgeServicePrincipal call (the stamp's command takes a string, over
    the encrypted remoting session); it is never shown, logged or written to the checkpoint.

    -Reregister finds the registration of this stamp (by cloud ID) in the subscription and registers again
    with its name, resource group and billing model (use it after renewing or changing the license). The
    reference tool read the current settings from the stamp's admin ARM with -AzureStackAdminCredential;
    this command reads them from Azure, so -AzureStackAdminCredential is accepted but not used.

    .PARAMETER PrivilegedEndpointCredential
    The credential of the privileged endpoint (AzureStack\CloudAdmin).

    .PARAMETER PrivilegedEndpoint
    The privileged endpoint: the ERCS VM name or IP, for example AzS-ERCS01.

    .PARAMETER PrivilegedEndpointSession
    An open session to the privileged endpoint to use instead of -PrivilegedEndpoint and
    -PrivilegedEndpointCredential (a PSSession, or a Runspace in which the privileged endpoint commands
    are defined). It stays open.

    .PARAMETER RegistrationName
    The name of the registration resource, usually 'azurestack-<CloudID>'; unique per stamp.

    .PARAMETER AzureContext
    The AzsCsp context (name or AzsCsp.Context object) to use. Default: the default context.

    .PARAMETER ResourceGroupName
    The resource group of the registration. Default: 'azurestack'.

    .PARAMETER ResourceGroupLocation
    The location of the resource group when it is created. Default by cloud (AzureCloud westcentralus).

    .PARAMETER BillingModel
    Capacity, PayAsYouUse, Development (default), Custom or Ruggedized. CSP multi-tenant billing needs PayAsYouUse.

    .PARAMETER MarketplaceSyndicationEnabled
    Enables marketplace syndication (default: enabled; -MarketplaceSyndicationEnabled:$false disables it).

    .PARAMETER UsageReportingEnabled
    Enables usage reporting. Default by billing model: Capacity and Custom off, the others on. Always off
    for Capacity (with a warning).

    .PARAMETER AgreementNumber
    The EA agreement number; required for Capacity.

    .PARAMETER MsAssetTag
    The Microsoft asset tag; required for Custom.

    .PARAMETER AzureStackAdminCredential
    Accepted for compatibility with -Reregister; not used (the settings are read from Azure).

    .PARAMETER Reregister
    Registers again with the settings of the existing registration of this stamp.

    .PARAMETER SubscriptionId
    The Azure subscription to register with. Default: the subscription of the context.

    .PARAMETER WhatIf
    Shows what would be registered, without connecting to the privileged endpoint or Azure.

    .PARAMETER Confirm
    Asks for confirmation before starting.

    .EXAMPLE
    PS> $cred = Get-Credential AzureStack\CloudAdmin
    PS> Connect-AzsCspAccount -UseDeviceAuthentication -Tenant contosocsp.onmicrosoft.com -Subscription 414f12af-d3bb-44fd-a278-d0aff47d869b
    PS> Set-AzsRegistration -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -RegistrationName azurestack-csp -BillingModel PayAsYouUse

    Registers and activates the stamp for pay-as-you-use (CSP) billing. If a step fails, run the same
    command again to resume.

    .EXAMPLE
    PS> $pep = New-PSSession -ComputerName AzS-ERCS01 -ConfigurationName PrivilegedEndpoint -Credential $cred -SessionOption (New-PSSessionOption -Culture en-US -UICulture en-US)
    PS> Set-AzsRegistration -PrivilegedEndpointSession $pep -RegistrationName azurestack-csp -BillingModel PayAsYouUse | Select-Object -ExpandProperty Steps

    Reuses an open privileged endpoint session and shows each step with its status.

    .EXAMPLE
    PS> Set-AzsRegistration -PrivilegedEndpointCredential $cred -PrivilegedEndpoint AzS-ERCS01 -Reregister

    Registers again with the existing registration's settings.

    .INPUTS
    None.

    .OUTPUTS
    AzsCsp.RegistrationOperation (RegistrationName, CloudId, BillingModel, Completed, Steps, Registration, CheckpointPath).

    .LINK
    Remove-AzsRegistration

    .LINK
    Register-AzsEnvironment

    .LINK
    https://learn.microsoft.com/azure-stack/operator/azure-stack-registration
    #>
    [CmdletBinding(DefaultParameterSetName = 'Register', SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('AzsCsp.RegistrationOperation')]
    param(
        [Parameter(ParameterSetName = 'Register', Mandatory, Position = 0)]
        [Parameter(ParameterSetName = 'Reregister', Mandatory)]
        [pscredential] $PrivilegedEndpointCredential,

        [Parameter(ParameterSetName = 'Register', Mandatory, Position = 1)]
        [Parameter(ParameterSetName = 'Reregister', Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string] $PrivilegedEndpoint,

        [Parameter(ParameterSetName = 'RegisterSession', Mandatory)]
        [Parameter(ParameterSetName = 'ReregisterSession', Mandatory)]
        [object] $PrivilegedEndpointSession,

        [Parameter(ParameterSetName = 'Register', Mandatory, Position = 2)]
        [Parameter(ParameterSetName = 'RegisterSession', Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string] $RegistrationName,

        [Parameter(ParameterSetName = 'Register', Position = 3)]
        [Parameter(ParameterSetName = 'RegisterSession')]
        [Parameter(ParameterSetName = 'Reregister')]
        [Parameter(ParameterSetName = 'ReregisterSession')]
        [Alias('Context')]
        [object] $AzureContext,

        [Parameter(ParameterSetName = 'Register', Position = 4)]
        [Parameter(ParameterSetName = 'RegisterSession')]
        [string] $ResourceGroupName = 'azurestack',

        [Parameter(ParameterSetName = 'Register', Position = 5)]
        [Parameter(ParameterSetName = 'RegisterSession')]
        [string] $ResourceGroupLocation,

        [Parameter(ParameterSetName = 'Register', Position = 6)]
        [Parameter(ParameterSetName = 'RegisterSession')]
        [ValidateSet('Capacity', 'PayAsYouUse', 'Development', 'Custom', 'Ruggedized')]
        [string] $BillingModel = 'Development',

        [Parameter(ParameterSetName = 'Register')]
        [Parameter(ParameterSetName = 'RegisterSession')]
        [switch] $MarketplaceSyndicationEnabled,

        [Parameter(ParameterSetName = 'Register')]
        [Parameter(ParameterSetName = 'RegisterSession')]
        [switch] $UsageReportingEnabled,

        [Parameter(ParameterSetName = 'Register', Position = 7)]
        [Parameter(ParameterSetName = 'RegisterSession')]
        [Parameter(ParameterSetName = 'Reregister')]
        [Parameter(ParameterSetName = 'ReregisterSession')]
        [string] $AgreementNumber,

        [Parameter(ParameterSetName = 'Register', Position = 8)]
        [Parameter(ParameterSetName = 'RegisterSession')]
        [Parameter(ParameterSetName = 'Reregister')]
        [Parameter(ParameterSetName = 'ReregisterSession')]
        [string] $MsAssetTag,

        [Parameter(ParameterSetName = 'Reregister')]
        [Parameter(ParameterSetName = 'ReregisterSession')]
        [pscredential] $AzureStackAdminCredential,

        [Parameter(ParameterSetName = 'Reregister', Mandatory)]
        [Parameter(ParameterSetName = 'ReregisterSession', Mandatory)]
        [switch] $Reregister,

        [string] $SubscriptionId
    )

    $cmdlet = $PSCmdlet
    $entry = Resolve-AzsCspContext -Cmdlet $PSCmdlet -Context $AzureContext
    $sub = Resolve-AzsCspSubscriptionId -Cmdlet $PSCmdlet -Entry $entry -SubscriptionId $SubscriptionId
    $isReregister = $PSCmdlet.ParameterSetName -like 'Reregister*'
    $pepName = if ($PrivilegedEndpointSession) { 'the given privileged endpoint session' } else { $PrivilegedEndpoint }
    $usageBound = $PSBoundParameters.ContainsKey('UsageReportingEnabled')
    $marketplaceBound = $PSBoundParameters.ContainsKey('MarketplaceSyndicationEnabled')
    if ($AzureStackAdminCredential) {
        Write-Warning '-AzureStackAdminCredential is not used: the current settings are read from the registration in Azure.'
    }
    if (-not $isReregister) {
        if ([string]::IsNullOrWhiteSpace($ResourceGroupName)) { $ResourceGroupName = 'azurestack' }
        Test-AzsCspRegistrationAddress -Cmdlet $PSCmdlet -ResourceGroupName $ResourceGroupName -RegistrationName $RegistrationName
        $settings = Resolve-AzsCspBillingSetting -Cmdlet $PSCmdlet -BillingModel $BillingModel `
            -UsageReportingEnabled $(if ($usageBound) { [bool]$UsageReportingEnabled } else { $null }) `
            -MarketplaceSyndicationEnabled $(if ($marketplaceBound) { [bool]$MarketplaceSyndicationEnabled } else { $null }) `
            -AgreementNumber $AgreementNumber -MsAssetTag $MsAssetTag
        $id = Get-AzsCspRegistrationResourceId -SubscriptionId $sub -ResourceGroupName $ResourceGroupName -RegistrationName $RegistrationName
        $action = "Register the Azure Stack Hub at {0} as '{1}' (billing model {2}, usage reporting {3}, marketplace syndication {4}) and activate it" -f `
            $pepName, $RegistrationName, $settings.BillingModel, $settings.UsageReportingEnabled, $settings.MarketplaceSyndicationEnabled
    }
    else {
        $id = "/subscriptions/$sub/providers/Microsoft.AzureStack/registrations"
        $action = "Register the Azure Stack Hub at {0} again with the settings of its registration in subscription {1}, and activate it" -f $pepName, $sub
    }
    if (-not $PSCmdlet.ShouldProcess($id, $action)) {
        return
    }

    $activity = 'Registering the Azure Stack Hub with Azure'
    $pep = Open-AzsCspPrivilegedEndpoint -Cmdlet $PSCmdlet -ComputerName $PrivilegedEndpoint -Credential $PrivilegedEndpointCredential -Session $PrivilegedEndpointSession
    try {
        # StampInformation: always read, to check the checkpoint belongs to this stamp.
        Write-Progress -Id 1 -Activity $activity -Status 'Step 1 of 8: StampInformation' -PercentComplete 0
        $stamp = Get-AzsCspStampInformation -Pep $pep
        if ($stamp.Failed) {
            $PSCmdlet.WriteError((New-AzsCspPrivilegedEndpointErrorRecord -Step 'StampInformation' -Message $stamp.Message -TargetObject $pepName `
                        -RecommendedAction 'Check the privileged endpoint and run the command again.'))
            return
        }

        if ($isReregister) {
            $found = Find-AzsCspRegistrationByCloudId -Cmdlet $PSCmdlet -Entry $entry -SubscriptionId $sub -CloudId $stamp.CloudId
            if ($null -eq $found) {
                return
            }
            $RegistrationName = $found.Name
            $ResourceGroupName = $found.ResourceGroupName
            $id = $found.Id
            $settings = Resolve-AzsCspBillingSetting -Cmdlet $PSCmdlet -BillingModel $found.BillingModel `
                -UsageReportingEnabled $found.UsageReportingEnabled -MarketplaceSyndicationEnabled $found.MarketplaceSyndicationEnabled `
                -AgreementNumber $AgreementNumber -MsAssetTag $MsAssetTag
            Write-Verbose ("Re-registering '{0}' (resource group {1}, billing model {2})." -f $RegistrationName, $ResourceGroupName, $settings.BillingModel)
        }

        $checkpointPath = Get-AzsCspCheckpointPath -SubscriptionId $sub -ResourceGroupName $ResourceGroupName -RegistrationName $RegistrationName
        $checkpoint = Read-AzsCspCheckpoint -Path $checkpointPath
        if ($checkpoint['cloudId'] -and $checkpoint['cloudId'] -ne $stamp.CloudId) {
            Write-Warning ("The checkpoint {0} belongs to cloud ID {1}, not to this stamp ({2}); starting from the first step." -f $checkpointPath, $checkpoint['cloudId'], $stamp.CloudId)
            $checkpoint = @{ version = 1; settings = @{}; steps = @{} }
        }
        $settingsKey = '{0}|{1}|{2}|{3}|{4}' -f $settings.BillingModel, $settings.UsageReportingEnabled, $settings.MarketplaceSyndicationEnabled, $settings.AgreementNumber, $settings.MsAssetTag
        $redo = @('RegistrationToken', 'Registration', 'RoleAssignment', 'ActivationKey', 'Activation')
        if (($checkpoint['settingsKey'] -and $checkpoint['settingsKey'] -ne $settingsKey) -or ($isReregister -and $checkpoint['completed'])) {
            Write-Verbose 'The billing settings changed (or -Reregister after a completed registration): the token and the later steps run again.'
            foreach ($name in $redo) { $checkpoint.steps.Remove($name) }
        }
        $checkpoint.cloudId = $stamp.CloudId
        $checkpoint.subscriptionId = $sub
        $checkpoint.resourceGroupName = $ResourceGroupName
        $checkpoint.registrationName = $RegistrationName
        $checkpoint.settingsKey = $settingsKey
        $checkpoint.completed = $false
        Save-AzsCspCheckpoint -Path $checkpointPath -Checkpoint $checkpoint

        $target = @{ RegistrationSubscriptionId = $sub; ResourceGroupName = $ResourceGroupName; RegistrationName = $RegistrationName; ResourceGroupLocation = $ResourceGroupLocation; CloudId = $stamp.CloudId }
        $state = @{
            Checkpoint   = $checkpoint
            Path         = $checkpointPath
            Steps        = [System.Collections.Generic.List[object]]::new()
            Index        = 1
            Total        = 8
            Activity     = $activity
            Failed       = $false
            ErrorRecord  = $null
            TargetObject = $id
        }
        $state.Steps.Add((New-AzsCspStep -Name 'StampInformation' -Status 'Done' -Where 'PrivilegedEndpoint' -Detail ('Cloud ID {0}, stamp version {1}.' -f $stamp.CloudId, $stamp.StampVersion)))
        $checkpoint.steps['StampInformation'] = @{ status = 'Done'; completedOn = [DateTime]::UtcNow.ToString('o'); outputs = @{ cloudId = $stamp.CloudId; stampVersion = $stamp.StampVersion } }

        $null = Invoke-AzsCspCheckpointStep -State $state -StepName 'RegistrationKeyPair' -Where 'PrivilegedEndpoint' -Action {
            if (-not (Test-AzsCspStampVersion -Version $stamp.StampVersion -Than '1.2209.0.23')) {
                return @{ Status = 'Skipped'; Detail = ('Stamp version {0} does not use a registration key pair.' -f $stamp.StampVersion) }
            }
            $pepRun = Invoke-AzsCspPrivilegedEndpointCommand -Pep $pep -Command 'Set-RegistrationKeyPair'
            if ($pepRun.Failed) { return @{ PepError = $pepRun.Message } }
            return @{ Detail = 'Registration key pair set.' }
        }

        $bridge = Invoke-AzsCspCheckpointStep -State $state -StepName 'BridgeServicePrincipal' -Where 'PrivilegedEndpoint' -Action {
            $refresh = Get-AzsCspUserRefreshToken -Cmdlet $cmdlet -Entry $entry
            if ($refresh.ErrorRecord) { return @{ Error = $refresh.ErrorRecord } }
            # The stamp's New-AzureBridgeServicePrincipal takes the refresh token as a string (as
            # AzureStack-Tools passes it): it is unwrapped only for this call, never logged or stored.
            $bridgeParameters = [ordered]@{
                RefreshToken     = [System.Net.NetworkCredential]::new('', $refresh.Token).Password
                AzureEnvironment = $entry.Context.Environment
                TenantId         = $entry.Context.TenantId
                TimeoutInSeconds = 1800
            }
            $pepRun = Invoke-AzsCspPrivilegedEndpointCommand -Pep $pep -Command 'New-AzureBridgeServicePrincipal' -Parameters $bridgeParameters
            $bridgeParameters.Clear()
            $refresh.Token.Dispose()
            $refresh = $null
            if ($pepRun.Failed) { return @{ PepError = $pepRun.Message } }
            $created = @($pepRun.Output) | Select-Object -Last 1
            $objectId = [string](Get-AzsCspMember $created 'ObjectId')
            if (-not (Test-AzsCspGuid $objectId)) {
                return @{ PepError = "New-AzureBridgeServicePrincipal returned no ObjectId GUID ('$objectId')." }
            }
            $applicationId = [string](Get-AzsCspMember $created 'ApplicationId')
            return @{ Outputs = @{ objectId = $objectId; applicationId = $applicationId }; Detail = ('Service principal {0} (application {1}).' -f $objectId, $applicationId) }
        }

        $tokenStep = Invoke-AzsCspCheckpointStep -State $state -StepName 'RegistrationToken' -Where 'PrivilegedEndpoint' -Action {
            $tokenParameters = [ordered]@{
                BillingModel                  = $settings.BillingModel
                MarketplaceSyndicationEnabled = $settings.MarketplaceSyndicationEnabled
                UsageReportingEnabled         = $settings.UsageReportingEnabled
                AgreementNumber               = [string]$settings.AgreementNumber
            }
            if ($settings.MsAssetTag) { $tokenParameters.MsAssetTag = $settings.MsAssetTag }
            $pepRun = Invoke-AzsCspPrivilegedEndpointCommand -Pep $pep -Command 'New-RegistrationToken' -Parameters $tokenParameters
            if ($pepRun.Failed) { return @{ PepError = $pepRun.Message } }
            $newToken = [string](@($pepRun.Output) | Select-Object -Last 1)
            $decoded = ConvertFrom-AzsCspRegistrationToken -Cmdlet $cmdlet -Entry $entry -Token $newToken
            if ($null -eq $decoded) {
                return @{ PepError = 'New-RegistrationToken returned something that is not a registration token.' }
            }
            if ($decoded.CloudId -ne $stamp.CloudId) {
                return @{ PepError = ("New-RegistrationToken returned a token for cloud ID {0}, not {1}." -f $decoded.CloudId, $stamp.CloudId) }
            }
            return @{ Outputs = @{ registrationToken = $newToken.Trim() }; Detail = ('Token for cloud ID {0}, billing model {1}.' -f $decoded.CloudId, $decoded.BillingModel) }
        }

        $registrationStep = Invoke-AzsCspCheckpointStep -State $state -StepName 'Registration' -Where 'Azure' -Action {
            $arguments = [ordered]@{
                subscriptionId        = $sub
                resourceGroupName     = $ResourceGroupName
                registrationName      = $RegistrationName
                registrationToken     = $tokenStep.registrationToken
                resourceGroupLocation = $(if ($ResourceGroupLocation) { $ResourceGroupLocation } else { $null })
            }
            $run = Invoke-AzsCspNativeStep -Cmdlet $cmdlet -Entry $entry -Operation 'registrations.register' -Arguments $arguments -Activity $activity
            if ($run.Failed) { return @{ Error = (New-AzsCspErrorRecord -NativeError $run.Error -TargetObject $id -Target $target) } }
            $item = @($run.Items)[0]
            $registered = ConvertTo-AzsCspRegistration -Data (Get-AzsCspMember $item 'registration') -ContextName $entry.Name
            $subSteps = @(ConvertTo-AzsCspStepList -Steps @(Get-AzsCspMember $item 'steps')) | ForEach-Object { '{0} {1}' -f $_.Name, $_.Status }
            return @{ Outputs = @{ registrationId = $registered.Id; objectId = $registered.ObjectId }; Detail = ('{0}: {1}.' -f $registered.Id, ($subSteps -join ', ')) }
        }

        $null = Invoke-AzsCspCheckpointStep -State $state -StepName 'RoleAssignment' -Where 'Azure' -Action {
            $arguments = [ordered]@{
                scope            = $registrationStep.registrationId
                principalId      = $bridge.objectId
                roleDefinitionId = $script:RegistrationOwnerRoleId
                principalType    = 'ServicePrincipal'
            }
            $run = Invoke-AzsCspNativeStep -Cmdlet $cmdlet -Entry $entry -Operation 'roleAssignments.ensure' -Arguments $arguments -Activity $activity
            if ($run.Failed) { return @{ Error = (New-AzsCspErrorRecord -NativeError $run.Error -TargetObject $registrationStep.registrationId -Target ($target + @{ PrincipalId = $bridge.objectId })) } }
            $item = @($run.Items)[0]
            $assignmentStatus = [string](Get-AzsCspMember $item 'status')
            return @{
                Status  = $(if ($assignmentStatus -eq 'AlreadyDone') { 'AlreadyDone' } else { 'Done' })
                Outputs = @{ roleAssignmentId = [string](Get-AzsCspMember $item 'id') }
                Detail  = ('Azure Stack Registration Owner for {0}.' -f $bridge.objectId)
            }
        }

        $keyStep = Invoke-AzsCspCheckpointStep -State $state -StepName 'ActivationKey' -Where 'Azure' -Action {
            $arguments = [ordered]@{ subscriptionId = $sub; resourceGroupName = $ResourceGroupName; registrationName = $RegistrationName }
            $run = Invoke-AzsCspNativeStep -Cmdlet $cmdlet -Entry $entry -Operation 'registrations.activationKey' -Arguments $arguments -Activity $activity
            if ($run.Failed) { return @{ Error = (New-AzsCspErrorRecord -NativeError $run.Error -TargetObject $id -Target $target) } }
            $key = [string](Get-AzsCspMember @($run.Items)[0] 'activationKey')
            if ([string]::IsNullOrEmpty($key)) {
                return @{ Error = (New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.NoActivationKey' -Kind 'Service' -TargetObject $id -Category ([System.Management.Automation.ErrorCategory]::InvalidResult) -Message 'The service returned no activation key.') }
            }
            return @{ Outputs = @{ activationKey = $key }; Detail = 'Activation key received.' }
        }

        $null = Invoke-AzsCspCheckpointStep -State $state -StepName 'Activation' -Where 'PrivilegedEndpoint' -Action {
            $pepRun = Invoke-AzsCspPrivilegedEndpointCommand -Pep $pep -Command 'New-AzureStackActivation' -Parameters ([ordered]@{ ActivationKey = $keyStep.activationKey; TimeoutInSeconds = 1800 })
            if ($pepRun.Failed) { return @{ PepError = $pepRun.Message } }
            return @{ Detail = 'The stamp is activated.' }
        }

        $completed = -not $state.Failed
        if ($completed) {
            $checkpoint.completed = $true
            Save-AzsCspCheckpoint -Path $checkpointPath -Checkpoint $checkpoint
            Write-Verbose 'Your environment is now registered and activated using the provided parameters.'
        }
        $registration = $null
        if ($registrationStep -and $registrationStep['registrationId']) {
            $get = Invoke-AzsCspNativeStep -Cmdlet $cmdlet -Entry $entry -Operation 'registrations.get' -Arguments ([ordered]@{ subscriptionId = $sub; resourceGroupName = $ResourceGroupName; registrationName = $RegistrationName })
            if (-not $get.Failed -and $get.Events.Count -gt 0) {
                $registration = [AzsCsp.Registration]::FromJson($get.Events[0].Data, $entry.Name)
                # The registration resource does not report the token's flags: take them from the settings.
                if ($null -eq $registration.UsageReportingEnabled) { $registration.UsageReportingEnabled = [bool]$settings.UsageReportingEnabled }
                if ($null -eq $registration.MarketplaceSyndicationEnabled) { $registration.MarketplaceSyndicationEnabled = [bool]$settings.MarketplaceSyndicationEnabled }
            }
        }
        [pscustomobject]@{
            PSTypeName        = 'AzsCsp.RegistrationOperation'
            RegistrationName  = $RegistrationName
            ResourceGroupName = $ResourceGroupName
            SubscriptionId    = $sub
            CloudId           = $stamp.CloudId
            BillingModel      = $settings.BillingModel
            Completed         = $completed
            Steps             = $state.Steps.ToArray()
            Registration      = $registration
            CheckpointPath    = $checkpointPath
        }
        if ($state.Failed) {
            $PSCmdlet.WriteError($state.ErrorRecord)
        }
    }
    finally {
        Close-AzsCspPrivilegedEndpoint -Pep $pep
        Write-Progress -Id 1 -Activity $activity -Completed
    }
}
