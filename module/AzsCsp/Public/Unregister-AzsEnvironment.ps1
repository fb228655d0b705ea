function Unregister-AzsEnvironment {
    <#
    .SYNOPSIS
    Removes an Azure Stack Hub registration resource from Azure, found by name, registration token or cloud ID.

    .DESCRIPTION
    Unregister-AzsEnvironment (also spelled UnRegister-AzsEnvironment, as in AzureStack-Tools and the
    documentation: PowerShell command names are case-insensitive) deletes the
    Microsoft.AzureStack/registrations resource. It first removes the RegistrationResourceLock
    (CanNotDelete) lock that Register-AzsEnvironment placed, so the delete is not refused with ScopeLocked.

    Name the registration one of three ways: -RegistrationName (with -ResourceGroupName), the
    -RegistrationToken that created it, or its -CloudId. By token or cloud ID the registrations of the
    resource group are listed and the one whose cloud ID matches is removed (the AzureStack-Tools version
    never matched, because it compared against an unset variable). With none of the three the command
    stops with the documented message.

    It runs over REST on any platform and does not touch the stamp: to deactivate the stamp as well use
    Remove-AzsRegistration (privileged endpoint). ConfirmImpact is High: it asks before deleting unless
    -Force or -Confirm:$false is given.

    .PARAMETER AzureContext
    The AzsCsp context (name or AzsCsp.Context object; from the pipeline, the ContextName of a registration) to use. Default: the default context.

    .PARAMETER RegistrationToken
    The registration token of the stamp (its CloudId selects the registration).

    .PARAMETER RegistrationName
    The name of the registration.

    .PARAMETER ResourceGroupName
    The resource group of the registration. Default: 'azurestack'.

    .PARAMETER CloudId
    The cloud ID of the stamp (Get-AzureStackStampInformation on the privileged endpoint).

    .PARAMETER SubscriptionId
    The subscription of the registration. Default: the subscription of the context.

    .PARAMETER ApiVersion
    The Microsoft.AzureStack API version: 2017-06-01 (default), 2020-06-01-preview or 2022-06-01.

    .PARAMETER Force
    Does not ask for confirmation (-WhatIf is still honoured).

    .PARAMETER WhatIf
    Shows which registration would be removed, without sending anything.

    .PARAMETER Confirm
    Asks for confirmation before removing (the default: ConfirmImpact High).

    .EXAMPLE
    PS> Unregister-AzsEnvironment -RegistrationToken $token -Force

    Removes the registration made with $token (its cloud ID is read from the token).

    .EXAMPLE
    PS> UnRegister-AzsEnvironment -RegistrationName azurestack-c902d338 -ResourceGroupName azurestack

    The documented spelling; asks for confirmation, removes the lock, then the registration.

    .EXAMPLE
    PS> Unregister-AzsEnvironment -CloudId c902d338-1d28-4c50-8283-1fdf0b326df6 -SubscriptionId 414f12af-d3bb-44fd-a278-d0aff47d869b -WhatIf

    Shows what would be removed.

    .INPUTS
    System.String, by property name: RegistrationName (alias Name), ResourceGroupName, SubscriptionId.

    .OUTPUTS
    AzsCsp.UnregisteredRegistration (Id, RegistrationName, CloudId, LockRemoved, Existed).

    .LINK
    Register-AzsEnvironment

    .LINK
    Remove-AzsRegistration
    #>
    [CmdletBinding(DefaultParameterSetName = 'ByName', SupportsShouldProcess, ConfirmImpact = 'High')]
    [OutputType('AzsCsp.UnregisteredRegistration')]
    param(
        [Parameter(Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('Context', 'ContextName')]
        [object] $AzureContext,

        [Parameter(ParameterSetName = 'ByToken', Position = 1)]
        [string] $RegistrationToken,

        [Parameter(ParameterSetName = 'ByName', Position = 2, ValueFromPipelineByPropertyName)]
        [Alias('Name')]
        [string] $RegistrationName,

        [Parameter(Position = 3, ValueFromPipelineByPropertyName)]
        [Alias('ResourceGroup')]
        [string] $ResourceGroupName = 'azurestack',

        [Parameter(ParameterSetName = 'ByCloudId', Position = 4)]
        [string] $CloudId,

        [Parameter(ValueFromPipelineByPropertyName)]
        [Alias('RegistrationSubscriptionId')]
        [string] $SubscriptionId,

        [ValidateSet('2017-06-01', '2020-06-01-preview', '2022-06-01',
            ErrorMessage = "The API version '{0}' is not supported. Use 2017-06-01 (the default), 2020-06-01-preview or 2022-06-01.")]
        [string] $ApiVersion = '2017-06-01',

        [switch] $Force
    )

    process {
        if ([string]::IsNullOrWhiteSpace($RegistrationName) -and [string]::IsNullOrWhiteSpace($RegistrationToken) -and [string]::IsNullOrWhiteSpace($CloudId)) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.RegistrationIdentifierRequired' `
                -Message 'Unable to find registration resource with the given parameters. Please provide one of the following: RegistrationName, RegistrationToken, or CloudId' `
                -RecommendedAction 'Pass -RegistrationName (with -ResourceGroupName), -RegistrationToken or -CloudId.'
            $PSCmdlet.ThrowTerminatingError($record)
        }
        $entry = Resolve-AzsCspContext -Cmdlet $PSCmdlet -Context $AzureContext
        $sub = Resolve-AzsCspSubscriptionId -Cmdlet $PSCmdlet -Entry $entry -SubscriptionId $SubscriptionId
        if ([string]::IsNullOrWhiteSpace($ResourceGroupName)) { $ResourceGroupName = 'azurestack' }
        Test-AzsCspRegistrationAddress -Cmdlet $PSCmdlet -ResourceGroupName $ResourceGroupName -RegistrationName $RegistrationName -NameOptional

        $arguments = [ordered]@{ subscriptionId = $sub; resourceGroupName = $ResourceGroupName; apiVersion = $ApiVersion }
        $target = @{ RegistrationSubscriptionId = $sub; ResourceGroupName = $ResourceGroupName; RegistrationName = $RegistrationName }
        switch ($PSCmdlet.ParameterSetName) {
            'ByToken' {
                $token = Assert-AzsCspRegistrationToken -Cmdlet $PSCmdlet -Entry $entry -Token $RegistrationToken
                $arguments.registrationToken = $RegistrationToken.Trim()
                $target.CloudId = $token.CloudId
                $what = "the registration with cloud ID {0} (from the token) in resource group '{1}'" -f $token.CloudId, $ResourceGroupName
                $targetObject = $token.CloudId
            }
            'ByCloudId' {
                $CloudId = $CloudId.Trim()
                if (-not (Test-AzsCspGuid $CloudId)) {
                    $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidCloudId' -Argument 'CloudId' -TargetObject $CloudId `
                        -Message ("The cloud ID '{0}' is not a GUID." -f $CloudId) `
                        -RecommendedAction 'Pass the CloudID of the stamp (Get-AzureStackStampInformation on the privileged endpoint).'
                    $PSCmdlet.ThrowTerminatingError($record)
                }
                $arguments.cloudId = $CloudId
                $target.CloudId = $CloudId
                $what = "the registration with cloud ID {0} in resource group '{1}'" -f $CloudId, $ResourceGroupName
                $targetObject = $CloudId
            }
            default {
                $arguments.registrationName = $RegistrationName
                $what = "registration '{0}' (its RegistrationResourceLock lock first)" -f $RegistrationName
                $targetObject = Get-AzsCspRegistrationResourceId -SubscriptionId $sub -ResourceGroupName $ResourceGroupName -RegistrationName $RegistrationName
            }
        }
        $scope = '/subscriptions/{0}/resourceGroups/{1}' -f $sub, $ResourceGroupName
        if (-not (Test-AzsCspShouldProcess -Cmdlet $PSCmdlet -Force $Force -Target $scope -Action "Remove $what")) {
            return
        }
        $result = Invoke-AzsCspNativeStep -Cmdlet $PSCmdlet -Entry $entry -Operation 'registrations.unregister' -Arguments $arguments -Activity 'Removing the registration'
        if ($result.Failed) {
            $PSCmdlet.WriteError((New-AzsCspErrorRecord -NativeError $result.Error -TargetObject $targetObject -Target $target))
            return
        }
        foreach ($item in $result.Items) {
            $itemId = [string](Get-AzsCspMember $item 'id')
            $existed = Get-AzsCspMember $item 'existed'
            [pscustomobject]@{
                PSTypeName        = 'AzsCsp.UnregisteredRegistration'
                Id                = $itemId
                RegistrationName  = $(if (Get-AzsCspMember $item 'registrationName') { [string](Get-AzsCspMember $item 'registrationName') } else { [string]($itemId -split '/')[-1] })
                CloudId           = [string](Get-AzsCspMember $item 'cloudId')
                LockRemoved       = [bool](Get-AzsCspMember $item 'lockRemoved')
                Existed           = $(if ($null -eq $existed) { $null } else { [bool]$existed })
                SubscriptionId    = $sub
                ResourceGroupName = $ResourceGroupName
                ContextName       = $entry.Name
            }
        }
    }
}
