function Get-AzsCustomerSubscription {
    <#
    .SYNOPSIS
    Gets the customer subscriptions (CSP tenant mappings) of an Azure Stack Hub registration.

    .DESCRIPTION
    Get-AzsCustomerSubscription lists the customer subscriptions mapped to a registration
    (Microsoft.AzureStack/registrations/customerSubscriptions), following every page and writing each
    mapping as soon as it arrives, or gets one mapping when -CustomerSubscriptionId is given.

    It replaces the documented
    'Get-AzResource -ResourceId "subscriptions/.../customerSubscriptions" -ApiVersion 2017-06-01':
    the same -ResourceId string works (with or without the leading '/'); an ID that ends with
    '/customerSubscriptions' lists, an ID that ends with '/customerSubscriptions/{id}' gets one.

    A mapping that does not exist is reported as an ObjectNotFound error with the ErrorId
    AzsCsp.CustomerSubscriptionNotFound.

    .PARAMETER RegistrationSubscriptionId
    The Azure subscription used to register the Azure Stack Hub.

    .PARAMETER ResourceGroupName
    The resource group of the registration. Default: 'azurestack'.

    .PARAMETER RegistrationName
    The name of the registration, usually 'azurestack-<CloudID>'.

    .PARAMETER CustomerSubscriptionId
    The customer's Azure subscription ID. When given, gets that mapping only.

    .PARAMETER ResourceId
    The resource ID of the customerSubscriptions collection (lists) or of one customer subscription (gets):
    subscriptions/{registrationSubscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.AzureStack/registrations/{registrationName}/customerSubscriptions[/{customerSubscriptionId}]

    .PARAMETER ApiVersion
    The Microsoft.AzureStack API version: 2017-06-01 (default, as in the documentation), 2020-06-01-preview
    (adds systemData) or 2022-06-01.

    .PARAMETER Context
    The AzsCsp context (name or object) to use. Default: the default context (Connect-AzsCspAccount).

    .EXAMPLE
    PS> Get-AzsCustomerSubscription -ResourceId "subscriptions/414f12af-d3bb-44fd-a278-d0aff47d869b/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/myreg/customerSubscriptions" -ApiVersion 2017-06-01

    The documented Get-AzResource command with only the command name changed: lists the mappings.

    .EXAMPLE
    PS> Get-AzsCustomerSubscription -RegistrationSubscriptionId 414f12af-d3bb-44fd-a278-d0aff47d869b -RegistrationName myreg | Export-Csv mappings.csv

    Lists the mappings of registration 'myreg' (resource group 'azurestack') into a CSV file.

    .EXAMPLE
    PS> Get-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName myreg -CustomerSubscriptionId fd6f3b4e-ca7e-4807-8b42-cb4ec0d55f3c

    Gets one mapping; writes an AzsCsp.CustomerSubscriptionNotFound error when it does not exist.

    .INPUTS
    System.String (by property name: RegistrationSubscriptionId, ResourceGroupName, RegistrationName,
    CustomerSubscriptionId, ResourceId). AzsCsp.Registration and AzsCsp.CustomerSubscription objects bind by property name.

    .OUTPUTS
    AzsCsp.CustomerSubscription

    .LINK
    New-AzsCustomerSubscription

    .LINK
    Remove-AzsCustomerSubscription

    .LINK
    https://learn.microsoft.com/azure-stack/operator/azure-stack-csp-ref-operations
    #>
    [CmdletBinding(DefaultParameterSetName = 'ByName')]
    [OutputType([AzsCsp.CustomerSubscription])]
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

        [Parameter(ParameterSetName = 'ByName', ValueFromPipelineByPropertyName)]
        [Alias('CustomerSubscriptionName')]
        [string] $CustomerSubscriptionId,

        [Parameter(ParameterSetName = 'ByResourceId', Mandatory, ValueFromPipelineByPropertyName)]
        [Alias('Id')]
        [ValidateNotNullOrEmpty()]
        [string] $ResourceId,

        [ValidateSet('2017-06-01', '2020-06-01-preview', '2022-06-01',
            ErrorMessage = "The API version '{0}' is not supported. Use 2017-06-01 (the default), 2020-06-01-preview or 2022-06-01.")]
        [string] $ApiVersion = '2017-06-01',

        [Parameter(ValueFromPipelineByPropertyName)]
        [Alias('ContextName')]
        [object] $Context
    )

    process {
        $entry = Resolve-AzsCspContext -Cmdlet $PSCmdlet -Context $Context
        $inputObject = if ($null -ne $PSItem) { $PSItem } elseif ($ResourceId) { $ResourceId } else { $null }
        $target = Resolve-AzsCspCustomerTarget -Cmdlet $PSCmdlet -Mode Either -ResourceId $ResourceId `
            -RegistrationSubscriptionId $RegistrationSubscriptionId -ResourceGroupName $ResourceGroupName `
            -RegistrationName $RegistrationName -CustomerSubscriptionId $CustomerSubscriptionId -TargetObject $inputObject
        if ($null -eq $target) {
            return
        }
        if ($null -eq $inputObject) {
            $inputObject = $target.ResourceId
        }

        $arguments = [ordered]@{
            subscriptionId    = $target.RegistrationSubscriptionId
            resourceGroupName = $target.ResourceGroupName
            registrationName  = $target.RegistrationName
            apiVersion        = $ApiVersion
        }
        if ($target.CustomerSubscriptionId) {
            $arguments.customerSubscriptionId = $target.CustomerSubscriptionId
            Invoke-AzsCspOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'customerSubscriptions.get' -Arguments $arguments `
                -OutputKind 'CustomerSubscription' -TargetObject $inputObject -Target $target -Activity 'Getting the customer subscription'
        }
        else {
            Invoke-AzsCspOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'customerSubscriptions.list' -Arguments $arguments `
                -OutputKind 'CustomerSubscription' -TargetObject $inputObject -Target $target -Activity 'Listing customer subscriptions'
        }
    }
}
