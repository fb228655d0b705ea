function Remove-AzsCustomerSubscription {
    <#
    .SYNOPSIS
    Removes customer subscriptions (CSP tenant mappings) from an Azure Stack Hub registration.

    .DESCRIPTION
    Remove-AzsCustomerSubscription deletes the
    Microsoft.AzureStack/registrations/{registrationName}/customerSubscriptions/{customerSubscriptionId}
    resource. Afterwards the tenant's Azure Stack Hub usage is billed to the registration's own
    subscription again.

    It replaces the documented
    'Remove-AzResource -ResourceId "subscriptions/.../customerSubscriptions/{id}" -ApiVersion 2017-06-01':
    the same -ResourceId string and -ApiVersion work. Mappings can also be piped from
    Get-AzsCustomerSubscription. A mapping that is already absent gives a warning, not an error.

    To remove more mappings than fit on one page of the list, collect them before piping (see the
    examples): skip tokens are opaque, and a service whose pages shift when entries are removed would
    skip entries of later pages while Get-AzsCustomerSubscription is still reading them.

    The command asks for confirmation (ConfirmImpact High) unless -Force or -Confirm:$false is given;
    -WhatIf shows what would be removed, even with -Force. Several inputs run in parallel
    (-ThrottleLimit); Ctrl+C cancels the requests still running.

    .PARAMETER RegistrationSubscriptionId
    The Azure subscription used to register the Azure Stack Hub.

    .PARAMETER ResourceGroupName
    The resource group of the registration. Default: 'azurestack'.

    .PARAMETER RegistrationName
    The name of the registration, usually 'azurestack-<CloudID>'.

    .PARAMETER CustomerSubscriptionId
    The customer's Azure subscription ID whose mapping is removed.

    .PARAMETER ResourceId
    The documented resource ID:
    subscriptions/{registrationSubscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.AzureStack/registrations/{registrationName}/customerSubscriptions/{customerSubscriptionId}
    with or without the leading '/'.

    .PARAMETER ApiVersion
    The Microsoft.AzureStack API version: 2017-06-01 (default, as in the documentation), 2020-06-01-preview
    or 2022-06-01.

    .PARAMETER ThrottleLimit
    How many requests run in parallel for bulk input. Default: 8.

    .PARAMETER Force
    Does not ask for confirmation (-WhatIf is still honoured).

    .PARAMETER PassThru
    Writes an AzsCsp.RemovedCustomerSubscription per input (Existed is False when it was already absent).

    .PARAMETER Context
    The AzsCsp context (name or object) to use. Default: the default context, or the context that
    read the piped objects.

    .PARAMETER WhatIf
    Shows which mappings would be removed, without sending anything.

    .PARAMETER Confirm
    Asks for confirmation before each removal (the default for this command).

    .EXAMPLE
    PS> Remove-AzsCustomerSubscription -ResourceId "subscriptions/414f12af-d3bb-44fd-a278-d0aff47d869b/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/myreg/customerSubscriptions/fd6f3b4e-ca7e-4807-8b42-cb4ec0d55f3c" -ApiVersion 2017-06-01 -Force

    The documented 'Remove-AzResource -ResourceId ... -ApiVersion 2017-06-01 -Force' command with only the
    command name changed.

    .EXAMPLE
    PS> Remove-AzsCustomerSubscription -RegistrationSubscriptionId 414f12af-d3bb-44fd-a278-d0aff47d869b -RegistrationName myreg -CustomerSubscriptionId fd6f3b4e-ca7e-4807-8b42-cb4ec0d55f3c

    Removes one mapping after asking for confirmation.

    .EXAMPLE
    PS> Get-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName myreg | Where-Object TenantId -eq $tenant | Remove-AzsCustomerSubscription -Force -PassThru

    Removes the mappings of one tenant without prompting and reports what was removed.

    .EXAMPLE
    PS> $all = Get-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName myreg
    PS> $all | Remove-AzsCustomerSubscription -Force -ThrottleLimit 16

    Removes every mapping of the registration: the list is read completely first, then the removals run
    16 at a time.

    .EXAMPLE
    PS> Import-Csv ./leavers.csv | Remove-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName myreg -WhatIf

    Shows which mappings of the CSV file (column CustomerSubscriptionId) would be removed.

    .INPUTS
    AzsCsp.CustomerSubscription; System.String by property name: RegistrationSubscriptionId,
    ResourceGroupName, RegistrationName, CustomerSubscriptionId (aliases CustomerSubscriptionName, Name),
    ResourceId (alias Id).

    .OUTPUTS
    None, or AzsCsp.RemovedCustomerSubscription with -PassThru.

    .LINK
    Get-AzsCustomerSubscription

    .LINK
    New-AzsCustomerSubscription

    .LINK
    https://learn.microsoft.com/azure-stack/operator/azure-stack-csp-ref-operations
    #>
    [CmdletBinding(DefaultParameterSetName = 'ByName', SupportsShouldProcess, ConfirmImpact = 'High')]
    [OutputType([AzsCsp.RemovedCustomerSubscription])]
    param(
        [Parameter(ParameterSetName = 'ByName', Mandatory, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $RegistrationSubscriptionId,

        [Parameter(ParameterSetName = 'ByName', ValueFromPipelineByPropertyName)]
        [Alias('ResourceGroup')]
        [string] $ResourceGroupName = 'azurestack',

        [Parameter(ParameterSetName = 'ByName', Mandatory, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $RegistrationName,

        [Parameter(ParameterSetName = 'ByName', Mandatory, ValueFromPipelineByPropertyName)]
        [Alias('CustomerSubscriptionName', 'Name')]
        [AllowEmptyString()]
        [string] $CustomerSubscriptionId,

        [Parameter(ParameterSetName = 'ByResourceId', Mandatory, ValueFromPipelineByPropertyName)]
        [Alias('Id')]
        [ValidateNotNullOrEmpty()]
        [string] $ResourceId,

        [ValidateSet('2017-06-01', '2020-06-01-preview', '2022-06-01',
            ErrorMessage = "The API version '{0}' is not supported. Use 2017-06-01 (the default), 2020-06-01-preview or 2022-06-01.")]
        [string] $ApiVersion = '2017-06-01',

        [ValidateRange(1, 64)]
        [int] $ThrottleLimit = 8,

        [switch] $Force,

        [switch] $PassThru,

        [Parameter(ValueFromPipelineByPropertyName)]
        [Alias('ContextName')]
        [object] $Context
    )

    begin {
        $state = $null
    }

    process {
        $ok = $false
        try {
            $entry = Resolve-AzsCspContext -Cmdlet $PSCmdlet -Context $Context
            $inputObject = if ($null -ne $PSItem) { $PSItem } elseif ($ResourceId) { $ResourceId } else { $CustomerSubscriptionId }
            $target = Resolve-AzsCspCustomerTarget -Cmdlet $PSCmdlet -Mode Item -ResourceId $ResourceId `
                -RegistrationSubscriptionId $RegistrationSubscriptionId -ResourceGroupName $ResourceGroupName `
                -RegistrationName $RegistrationName -CustomerSubscriptionId $CustomerSubscriptionId -TargetObject $inputObject
            if ($null -ne $target) {
                $action = "Remove the mapping of customer subscription '{0}' from registration '{1}'" -f $target.CustomerSubscriptionId, $target.RegistrationName
                if (Test-AzsCspShouldProcess -Cmdlet $PSCmdlet -Force $Force -Target $target.ResourceId -Action $action) {
                    if ($null -eq $state) {
                        $state = New-AzsCspBatchState -Cmdlet $PSCmdlet -Operation 'customerSubscriptions.delete' -Mode Delete `
                            -ThrottleLimit $ThrottleLimit -Activity 'Removing customer subscriptions' -PassThru:$PassThru
                    }
                    $arguments = [ordered]@{
                        subscriptionId         = $target.RegistrationSubscriptionId
                        resourceGroupName      = $target.ResourceGroupName
                        registrationName       = $target.RegistrationName
                        customerSubscriptionId = $target.CustomerSubscriptionId
                        apiVersion             = $ApiVersion
                    }
                    Add-AzsCspBatchItem -State $state -Entry $entry -Arguments $arguments -TargetObject $inputObject -Target $target
                }
            }
            $ok = $true
        }
        finally {
            if (-not $ok) {
                Close-AzsCspBatch -State $state
            }
        }
    }

    end {
        try {
            if ($null -ne $state) {
                Complete-AzsCspBatch -State $state
            }
        }
        finally {
            Close-AzsCspBatch -State $state
        }
    }

    #region clean (PowerShell 7.3+: also runs when the pipeline is stopped or fails downstream)
    clean {
        Close-AzsCspBatch -State $state
    }
    #endregion clean
}
