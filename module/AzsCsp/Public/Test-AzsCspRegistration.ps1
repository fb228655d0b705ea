function Test-AzsCspRegistration {
    <#
    .SYNOPSIS
    Checks that a registration can map CSP customer subscriptions (pre-flight), before anything is changed.

    .DESCRIPTION
    Test-AzsCspRegistration runs the pre-flight checks of CSP tenant mapping against Azure, read-only,
    and says for each what is wrong and what to do:

    RegistrationExists    the registration is there (subscription, resource group, name).
    BillingModel          it uses PayAsYouUse (Capacity registrations cannot map customers).
    CanWrite              the signed-in principal may write customerSubscriptions on it.
    MultiTenancyApproved  Microsoft has approved it for multi-tenant billing (azstcsp@microsoft.com).
    CustomerTenant        -CustomerDomain / -TenantId resolves to a directory (skipped without them).
    CustomerSubscriptionId  -CustomerSubscriptionId is a GUID; warns when it or the tenant is already
                          mapped differently (the PUT would replace that mapping).

    A check that depends on a failed one is Skipped. The output is one AzsCsp.RegistrationCheckResult
    (Passed, Checks, TenantId); each check is an AzsCsp.RegistrationCheck with Name, Status (Passed,
    Failed, Warning, Skipped), Message, ErrorCode (the service's error code, e.g.
    CustomerSubscriptionsNotAllowed) and RecommendedAction. With -Quiet it returns only $true or $false.

    New-AzsCustomerSubscription runs the cheap checks itself (unless -SkipCheck).

    .PARAMETER RegistrationName
    The name of the registration.

    .PARAMETER ResourceGroupName
    The resource group of the registration. Default: 'azurestack'.

    .PARAMETER SubscriptionId
    The subscription of the registration. Default: the subscription of the context.

    .PARAMETER ResourceId
    The registration resource ID (/subscriptions/.../providers/Microsoft.AzureStack/registrations/{name}),
    or a customerSubscriptions resource ID under it.

    .PARAMETER CustomerSubscriptionId
    A customer subscription to check (GUID shape, existing mappings).

    .PARAMETER CustomerDomain
    A customer directory domain (for example fabrikam.onmicrosoft.com) to resolve to its tenant ID.

    .PARAMETER TenantId
    A customer tenant ID (or domain) to check.

    .PARAMETER Check
    Runs only these checks (names as listed above). Default: all.

    .PARAMETER Quiet
    Returns $true when every check passed (warnings allowed), else $false.

    .PARAMETER ApiVersion
    The Microsoft.AzureStack API version: 2017-06-01 (default), 2020-06-01-preview or 2022-06-01.

    .PARAMETER Context
    The AzsCsp context (name or object) to use; from the pipeline, the ContextName of a registration.
    Default: the default context.

    .EXAMPLE
    PS> Test-AzsCspRegistration -RegistrationName myreg -SubscriptionId 414f12af-d3bb-44fd-a278-d0aff47d869b

    Shows every check of registration 'myreg' as a table.

    .EXAMPLE
    PS> if (-not (Test-AzsCspRegistration -RegistrationName myreg -CustomerDomain fabrikam.onmicrosoft.com -Quiet)) { throw 'not ready' }

    Uses the result in a script.

    .EXAMPLE
    PS> (Test-AzsCspRegistration -RegistrationName capacityreg).Checks | Where-Object Status -eq Failed | Format-List Name, Message, RecommendedAction

    Lists what to fix.

    .INPUTS
    System.String, by property name: RegistrationName, ResourceGroupName, SubscriptionId, CustomerSubscriptionId, CustomerDomain, TenantId.

    .OUTPUTS
    AzsCsp.RegistrationCheckResult, or System.Boolean with -Quiet.

    .LINK
    New-AzsCustomerSubscription

    .LINK
    Get-AzsRegistration
    #>
    [CmdletBinding(DefaultParameterSetName = 'ByName')]
    [OutputType('AzsCsp.RegistrationCheckResult', [bool])]
    param(
        [Parameter(ParameterSetName = 'ByName', Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $RegistrationName,

        [Parameter(ParameterSetName = 'ByName', Position = 1, ValueFromPipelineByPropertyName)]
        [Alias('ResourceGroup')]
        [string] $ResourceGroupName = 'azurestack',

        [Parameter(ParameterSetName = 'ByName', ValueFromPipelineByPropertyName)]
        [Alias('RegistrationSubscriptionId')]
        [string] $SubscriptionId,

        [Parameter(ParameterSetName = 'ByResourceId', Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string] $ResourceId,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $CustomerSubscriptionId,

        [Parameter(ValueFromPipelineByPropertyName)]
        [Alias('Domain')]
        [string] $CustomerDomain,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $TenantId,

        [ValidateSet('RegistrationExists', 'BillingModel', 'CanWrite', 'MultiTenancyApproved', 'CustomerTenant', 'CustomerSubscriptionId')]
        [string[]] $Check,

        [switch] $Quiet,

        [ValidateSet('2017-06-01', '2020-06-01-preview', '2022-06-01',
            ErrorMessage = "The API version '{0}' is not supported. Use 2017-06-01 (the default), 2020-06-01-preview or 2022-06-01.")]
        [string] $ApiVersion = '2017-06-01',

        [Parameter(ValueFromPipelineByPropertyName)]
        [Alias('ContextName')]
        [object] $Context
    )

    process {
        $entry = Resolve-AzsCspContext -Cmdlet $PSCmdlet -Context $Context
        if ($PSCmdlet.ParameterSetName -eq 'ByResourceId') {
            $m = [regex]::Match($ResourceId.Trim(), '^/?subscriptions/(?<sub>[^/]+)/resourceGroups/(?<rg>[^/]+)/providers/Microsoft\.AzureStack/registrations/(?<reg>[^/]+)', 'IgnoreCase')
            if (-not $m.Success) {
                $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidResourceId' -Argument 'ResourceId' -TargetObject $ResourceId `
                    -Message ("'{0}' is not a registration resource ID. Expected 'subscriptions/{{subscriptionId}}/resourceGroups/{{resourceGroup}}/providers/Microsoft.AzureStack/registrations/{{registrationName}}'." -f $ResourceId)
                $PSCmdlet.ThrowTerminatingError($record)
            }
            $SubscriptionId = $m.Groups['sub'].Value
            $ResourceGroupName = $m.Groups['rg'].Value
            $RegistrationName = $m.Groups['reg'].Value
        }
        $sub = Resolve-AzsCspSubscriptionId -Cmdlet $PSCmdlet -Entry $entry -SubscriptionId $SubscriptionId
        if ([string]::IsNullOrWhiteSpace($ResourceGroupName)) { $ResourceGroupName = 'azurestack' }
        Test-AzsCspRegistrationAddress -Cmdlet $PSCmdlet -ResourceGroupName $ResourceGroupName -RegistrationName $RegistrationName

        $result = Invoke-AzsCspPreflight -Cmdlet $PSCmdlet -Entry $entry -SubscriptionId $sub -ResourceGroupName $ResourceGroupName `
            -RegistrationName $RegistrationName -CustomerSubscriptionId $CustomerSubscriptionId -CustomerDomain $CustomerDomain `
            -TenantId $TenantId -Check $Check -ApiVersion $ApiVersion
        if ($result.Failed) {
            $PSCmdlet.WriteError($result.ErrorRecord)
            if ($Quiet) { return $false }
            return
        }
        if ($Quiet) {
            return $result.Result.Passed
        }
        $result.Result
    }
}
