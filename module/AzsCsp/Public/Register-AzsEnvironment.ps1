function Register-AzsEnvironment {
    <#
    .SYNOPSIS
    Registers an Azure Stack Hub with Azure from a registration token (disconnected registration, step 2).

    .DESCRIPTION
    Register-AzsEnvironment creates the Microsoft.AzureStack/registrations resource from the token that
    Get-AzsRegistrationToken produced on the stamp. It mirrors Register-AzsEnvironment of
    AzureStack-Tools (RegisterWithAzure.psm1): same parameter names and positions. Everything runs over
    REST, on any platform; no privileged endpoint is needed.

    Steps (each reported in the Steps property of the output, with progress and verbose messages):
    ValidateToken, ProviderRegistration (registers Microsoft.AzureStack and waits until it is
    Registered), ResourceGroupLocation, ResourceGroup (created when missing), RemoveLock (the
    RegistrationResourceLock, so that a re-registration can update the resource), Registration (PUT) and
    Lock (a CanNotDelete lock named RegistrationResourceLock). Running it again with the same token is
    safe: the steps that have nothing to do report AlreadyDone.

    It does not create the Azure Bridge service principal, assign roles or activate the stamp: it
    "registers your environment with Azure but does not enable syndication or usage reporting". Get the
    activation key next with Get-AzsActivationKey.

    The token is decoded (by the native core, as ConvertFrom-AzsRegistrationToken does) before anything
    is sent: a malformed token is an InvalidArgument error (AzsCsp.InvalidRegistrationToken) naming the
    problem. When several Azure Stack Hubs use one subscription, give each a
    unique -RegistrationName (one registration holds one cloud ID: AzsCsp.CloudIdUpdateNotAllowed).

    .PARAMETER RegistrationToken
    The registration token (base64) from Get-AzsRegistrationToken.

    .PARAMETER RegistrationName
    The name of the registration resource, usually 'azurestack-<CloudID>'.

    .PARAMETER AzureContext
    The AzsCsp context (name or AzsCsp.Context object from Get-AzsCspContext; from the pipeline, a
    ContextName property) to use. Default: the default context (Connect-AzsCspAccount). Az contexts are
    not used: AzsCsp signs in on its own.

    .PARAMETER ResourceGroupName
    The resource group of the registration. Default: 'azurestack' (created when missing).

    .PARAMETER ResourceGroupLocation
    The location of the resource group when it is created. Default by cloud: AzureCloud westcentralus,
    AzureChinaCloud ChinaEast, AzureUSGovernment usgovvirginia, others westcentralus.

    .PARAMETER SubscriptionId
    The Azure subscription to register with. Default: the subscription of the context
    (Connect-AzsCspAccount -Subscription).

    .PARAMETER NoLock
    Does not place the CanNotDelete lock on the registration.

    .PARAMETER ApiVersion
    The Microsoft.AzureStack API version: 2017-06-01 (default), 2020-06-01-preview or 2022-06-01.

    .PARAMETER WhatIf
    Shows what would be registered, without sending anything.

    .PARAMETER Confirm
    Asks for confirmation before registering.

    .EXAMPLE
    PS> $token = Get-Content ./registrationtoken.txt
    PS> Register-AzsEnvironment -RegistrationToken $token -RegistrationName azurestack-c902d338 -SubscriptionId 414f12af-d3bb-44fd-a278-d0aff47d869b

    Registers the stamp whose token was saved by Get-AzsRegistrationToken -TokenOutputFilePath.

    .EXAMPLE
    PS> Register-AzsEnvironment $token 'azurestack-c902d338' -ResourceGroupName azurestack -ResourceGroupLocation westeurope | Select-Object -ExpandProperty Steps

    Positional token and name (as with AzureStack-Tools), then the steps and what each did.

    .INPUTS
    System.String, by property name: RegistrationToken, RegistrationName, ResourceGroupName, SubscriptionId.

    .OUTPUTS
    AzsCsp.Registration, with a Steps property (AzsCsp.RegistrationStep objects: Name, Status, Detail)
    and a Token property (AzsCsp.RegistrationToken, as ConvertFrom-AzsRegistrationToken returns it).
    UsageReportingEnabled and MarketplaceSyndicationEnabled come from the token: the registration
    resource does not carry the usage-reporting and syndication flags (its spec has only cloudId,
    objectId and billingModel), so Get-AzsRegistration shows them only when the service does.

    .LINK
    Get-AzsActivationKey

    .LINK
    Unregister-AzsEnvironment

    .LINK
    Get-AzsRegistrationToken

    .LINK
    ConvertFrom-AzsRegistrationToken

    .LINK
    https://learn.microsoft.com/azure-stack/operator/azure-stack-registration
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('AzsCsp.Registration')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $RegistrationToken,

        [Parameter(Mandatory, Position = 1, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $RegistrationName,

        [Parameter(Position = 2, ValueFromPipelineByPropertyName)]
        [Alias('Context', 'ContextName')]
        [object] $AzureContext,

        [Parameter(Position = 3, ValueFromPipelineByPropertyName)]
        [Alias('ResourceGroup')]
        [string] $ResourceGroupName = 'azurestack',

        [Parameter(Position = 4)]
        [string] $ResourceGroupLocation,

        [Parameter(ValueFromPipelineByPropertyName)]
        [Alias('RegistrationSubscriptionId')]
        [string] $SubscriptionId,

        [switch] $NoLock,

        [ValidateSet('2017-06-01', '2020-06-01-preview', '2022-06-01',
            ErrorMessage = "The API version '{0}' is not supported. Use 2017-06-01 (the default), 2020-06-01-preview or 2022-06-01.")]
        [string] $ApiVersion = '2017-06-01'
    )

    process {
        $entry = Resolve-AzsCspContext -Cmdlet $PSCmdlet -Context $AzureContext
        $sub = Resolve-AzsCspSubscriptionId -Cmdlet $PSCmdlet -Entry $entry -SubscriptionId $SubscriptionId
        if ([string]::IsNullOrWhiteSpace($ResourceGroupName)) { $ResourceGroupName = 'azurestack' }
        Test-AzsCspRegistrationAddress -Cmdlet $PSCmdlet -ResourceGroupName $ResourceGroupName -RegistrationName $RegistrationName
        $token = Assert-AzsCspRegistrationToken -Cmdlet $PSCmdlet -Entry $entry -Token $RegistrationToken

        $id = Get-AzsCspRegistrationResourceId -SubscriptionId $sub -ResourceGroupName $ResourceGroupName -RegistrationName $RegistrationName
        $action = "Register the Azure Stack Hub with cloud ID {0} (billing model {1}) as '{2}'" -f $token.CloudId, $token.BillingModel, $RegistrationName
        if (-not $PSCmdlet.ShouldProcess($id, $action)) {
            return
        }
        $arguments = [ordered]@{
            subscriptionId        = $sub
            resourceGroupName     = $ResourceGroupName
            registrationName      = $RegistrationName
            registrationToken     = $RegistrationToken.Trim()
            resourceGroupLocation = $(if ($ResourceGroupLocation) { $ResourceGroupLocation } else { $null })
            lock                  = (-not $NoLock)
            apiVersion            = $ApiVersion
        }
        $target = @{ RegistrationSubscriptionId = $sub; ResourceGroupName = $ResourceGroupName; RegistrationName = $RegistrationName; ResourceGroupLocation = $ResourceGroupLocation; CloudId = $token.CloudId }
        $result = Invoke-AzsCspNativeStep -Cmdlet $PSCmdlet -Entry $entry -Operation 'registrations.register' -Arguments $arguments -Activity "Registering '$RegistrationName'"
        if ($result.Failed) {
            $PSCmdlet.WriteError((New-AzsCspErrorRecord -NativeError $result.Error -TargetObject $id -Target $target))
            return
        }
        foreach ($item in $result.Items) {
            $registration = ConvertTo-AzsCspRegistration -Data (Get-AzsCspMember $item 'registration') -ContextName $entry.Name
            if ($null -eq $registration) { continue }
            # The registration resource does not report the token's flags: take them from the token the
            # shim decoded (registrations.register returns it next to the registration).
            $tokenInfo = ConvertTo-AzsCspRegistrationTokenInfo -Data (Get-AzsCspMember $item 'token')
            if ($null -eq $tokenInfo) { $tokenInfo = $token }
            if ($null -eq $registration.UsageReportingEnabled -and $null -ne $tokenInfo.UsageReportingEnabled) { $registration.UsageReportingEnabled = [bool]$tokenInfo.UsageReportingEnabled }
            if ($null -eq $registration.MarketplaceSyndicationEnabled -and $null -ne $tokenInfo.MarketplaceSyndicationEnabled) { $registration.MarketplaceSyndicationEnabled = [bool]$tokenInfo.MarketplaceSyndicationEnabled }
            $registration | Add-Member -NotePropertyName Token -NotePropertyValue $tokenInfo -Force
            $steps = @(ConvertTo-AzsCspStepList -Steps @(Get-AzsCspMember $item 'steps'))
            $registration | Add-Member -NotePropertyName Steps -NotePropertyValue $steps -Force
            $registration
        }
    }
}
