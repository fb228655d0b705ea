function Get-AzsRegistration {
    <#
    .SYNOPSIS
    Gets Azure Stack Hub registrations (Microsoft.AzureStack/registrations) from Azure.

    .DESCRIPTION
    Get-AzsRegistration reads the registration resources that connect Azure Stack Hub stamps to Azure
    billing. With -Name it gets one registration (in resource group 'azurestack' unless
    -ResourceGroupName is given); without -Name it lists the registrations of the resource group, or of
    the whole subscription when -ResourceGroupName is omitted.

    Use it to check a registration before mapping customer subscriptions: the BillingModel must be
    PayAsYouUse, and the registration subscription ID, resource group and name are the values that
    New-AzsCustomerSubscription needs. Registrations can be piped to Get-AzsCustomerSubscription and
    New-AzsCustomerSubscription.

    The registration resource does not carry the usage-reporting and marketplace-syndication flags: the
    official spec's Registration has only cloudId, objectId and billingModel, so UsageReportingEnabled and
    MarketplaceSyndicationEnabled are $null here unless the service happens to report them. They are set
    in the registration token and applied by the stamp's activation: see them with
    ConvertFrom-AzsRegistrationToken (the token file from Get-AzsRegistrationToken) or in the output of
    Register-AzsEnvironment.

    .PARAMETER SubscriptionId
    The Azure subscription used to register the Azure Stack Hub. Defaults to the -Subscription given to
    Connect-AzsCspAccount.

    .PARAMETER ResourceGroupName
    The resource group of the registration. With -Name the default is 'azurestack'; without -Name, omit it
    to list the whole subscription.

    .PARAMETER Name
    The registration name, usually 'azurestack-<CloudID>'. Wildcards are supported (the registrations are
    listed and filtered).

    .PARAMETER ApiVersion
    The Microsoft.AzureStack API version: 2017-06-01 (default), 2020-06-01-preview or 2022-06-01.

    .PARAMETER Context
    The AzsCsp context (name or object) to use. Default: the default context (Connect-AzsCspAccount).

    .EXAMPLE
    PS> Get-AzsRegistration -SubscriptionId 414f12af-d3bb-44fd-a278-d0aff47d869b -ResourceGroupName azurestack -Name myreg

    Gets the registration 'myreg' and shows its billing model and cloud ID.

    .EXAMPLE
    PS> Get-AzsRegistration -SubscriptionId 414f12af-d3bb-44fd-a278-d0aff47d869b | Where-Object BillingModel -eq 'PayAsYouUse'

    Lists every registration of the subscription that can map CSP customer subscriptions.

    .EXAMPLE
    PS> Get-AzsRegistration -SubscriptionId $sub -Name myreg | Get-AzsCustomerSubscription

    Lists the customer subscriptions mapped to the registration.

    .INPUTS
    None.

    .OUTPUTS
    AzsCsp.Registration: Name, Id, SubscriptionId, ResourceGroupName, Location, BillingModel, CloudId,
    ObjectId, UsageReportingEnabled and MarketplaceSyndicationEnabled ($null when the service does not
    report them: the registration resource of the public API has no such properties; the token has them,
    see ConvertFrom-AzsRegistrationToken), Tags, Properties. The table shows Name, BillingModel, CloudId and the
    two flags; Format-List shows every field.

    .LINK
    ConvertFrom-AzsRegistrationToken

    .LINK
    Get-AzsCustomerSubscription

    .LINK
    New-AzsCustomerSubscription

    .LINK
    https://learn.microsoft.com/rest/api/azurestack/registrations
    #>
    [CmdletBinding()]
    [OutputType([AzsCsp.Registration])]
    param(
        [Alias('RegistrationSubscriptionId')]
        [string] $SubscriptionId,

        [Alias('ResourceGroup')]
        [string] $ResourceGroupName,

        [Alias('RegistrationName')]
        [SupportsWildcards()]
        [string] $Name,

        [ValidateSet('2017-06-01', '2020-06-01-preview', '2022-06-01',
            ErrorMessage = "The API version '{0}' is not supported. Use 2017-06-01 (the default), 2020-06-01-preview or 2022-06-01.")]
        [string] $ApiVersion = '2017-06-01',

        [object] $Context
    )

    $entry = Resolve-AzsCspContext -Cmdlet $PSCmdlet -Context $Context
    if ([string]::IsNullOrWhiteSpace($SubscriptionId)) {
        $SubscriptionId = $entry.Context.SubscriptionId
    }
    if ([string]::IsNullOrWhiteSpace($SubscriptionId)) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.SubscriptionIdRequired' -Argument 'SubscriptionId' `
            -Message 'Pass -SubscriptionId: the Azure subscription used to register the Azure Stack Hub.' `
            -RecommendedAction 'Pass -SubscriptionId, or connect with Connect-AzsCspAccount -Subscription <id> to set a default.'
        $PSCmdlet.ThrowTerminatingError($record)
    }
    $SubscriptionId = $SubscriptionId.Trim()
    if (-not (Test-AzsCspGuid $SubscriptionId)) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidSubscriptionId' -Argument 'SubscriptionId' -TargetObject $SubscriptionId `
            -Message ("The subscription ID '{0}' is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)." -f $SubscriptionId)
        $PSCmdlet.WriteError($record)
        return
    }
    if ($ResourceGroupName -and $ResourceGroupName -notmatch $script:ResourceGroupPattern) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidResourceGroupName' -Argument 'ResourceGroupName' -TargetObject $ResourceGroupName `
            -Message ("The resource group name '{0}' is not valid." -f $ResourceGroupName)
        $PSCmdlet.WriteError($record)
        return
    }

    $target = @{ RegistrationSubscriptionId = $SubscriptionId; ResourceGroupName = $ResourceGroupName; RegistrationName = $Name }
    $hasWildcard = $Name -and [System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($Name)
    if ($Name -and -not $hasWildcard) {
        if (-not $ResourceGroupName) {
            $ResourceGroupName = 'azurestack'
            $target.ResourceGroupName = $ResourceGroupName
        }
        $arguments = [ordered]@{
            subscriptionId    = $SubscriptionId
            resourceGroupName = $ResourceGroupName
            registrationName  = $Name
            apiVersion        = $ApiVersion
        }
        $targetObject = '/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.AzureStack/registrations/{2}' -f $SubscriptionId, $ResourceGroupName, $Name
        Invoke-AzsCspOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'registrations.get' -Arguments $arguments `
            -OutputKind 'Registration' -TargetObject $targetObject -Target $target -Activity 'Getting the registration'
        return
    }

    $arguments = [ordered]@{ subscriptionId = $SubscriptionId; apiVersion = $ApiVersion }
    $targetObject = '/subscriptions/{0}' -f $SubscriptionId
    if ($ResourceGroupName) {
        $arguments.resourceGroupName = $ResourceGroupName
        $targetObject += '/resourceGroups/{0}' -f $ResourceGroupName
    }
    $targetObject += '/providers/Microsoft.AzureStack/registrations'
    Invoke-AzsCspOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'registrations.list' -Arguments $arguments `
        -OutputKind 'Registration' -TargetObject $targetObject -Target $target -Activity 'Listing registrations' |
        Where-Object { -not $hasWildcard -or $_.Name -like $Name }
}
