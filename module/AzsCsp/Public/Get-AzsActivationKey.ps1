function Get-AzsActivationKey {
    <#
    .SYNOPSIS
    Gets the activation key of an Azure Stack Hub registration (disconnected registration, step 3).

    .DESCRIPTION
    Get-AzsActivationKey calls the getactivationkey action of the registration
    (POST .../registrations/{name}/getactivationkey) and returns the activation key as a string, as
    Get-AzsActivationKey of AzureStack-Tools does (scripts pass it to New-AzsActivationResource on the
    privileged endpoint). With -KeyOutputFilePath the key is also written to that file: the folder is
    created when missing and the file is replaced atomically (readers never see half a key).

    It runs over REST on any platform. -WhatIf still gets and returns the key (reading it changes
    nothing) but does not write the file.

    .PARAMETER RegistrationName
    The name of the registration, usually 'azurestack-<CloudID>'.

    .PARAMETER AzureContext
    The AzsCsp context (name or AzsCsp.Context object; from the pipeline, the ContextName of a registration) to use. Default: the default context.

    .PARAMETER ResourceGroupName
    The resource group of the registration. Default: 'azurestack'.

    .PARAMETER KeyOutputFilePath
    A file to write the activation key to (replaced when it exists).

    .PARAMETER SubscriptionId
    The subscription of the registration. Default: the subscription of the context.

    .PARAMETER ApiVersion
    The Microsoft.AzureStack API version: 2017-06-01 (default), 2020-06-01-preview or 2022-06-01.

    .PARAMETER WhatIf
    Shows which file would be written, without writing it.

    .PARAMETER Confirm
    Asks for confirmation before writing the file.

    .EXAMPLE
    PS> $key = Get-AzsActivationKey -RegistrationName azurestack-c902d338 -KeyOutputFilePath ./activationkey.txt

    Gets the key into $key and saves it to activationkey.txt for the stamp operator.

    .EXAMPLE
    PS> Get-AzsRegistration -Name myreg | Get-AzsActivationKey

    Gets the key of a registration from the pipeline.

    .INPUTS
    System.String, by property name: RegistrationName (alias Name), ResourceGroupName, SubscriptionId.

    .OUTPUTS
    System.String (the activation key).

    .LINK
    Register-AzsEnvironment

    .LINK
    https://learn.microsoft.com/azure-stack/operator/azure-stack-registration
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Low')]
    [OutputType([string])]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $RegistrationName,

        [Parameter(Position = 1, ValueFromPipelineByPropertyName)]
        [Alias('Context', 'ContextName')]
        [object] $AzureContext,

        [Parameter(Position = 2, ValueFromPipelineByPropertyName)]
        [Alias('ResourceGroup')]
        [string] $ResourceGroupName = 'azurestack',

        [Parameter(Position = 3)]
        [string] $KeyOutputFilePath,

        [Parameter(ValueFromPipelineByPropertyName)]
        [Alias('RegistrationSubscriptionId')]
        [string] $SubscriptionId,

        [ValidateSet('2017-06-01', '2020-06-01-preview', '2022-06-01',
            ErrorMessage = "The API version '{0}' is not supported. Use 2017-06-01 (the default), 2020-06-01-preview or 2022-06-01.")]
        [string] $ApiVersion = '2017-06-01'
    )

    process {
        $entry = Resolve-AzsCspContext -Cmdlet $PSCmdlet -Context $AzureContext
        $sub = Resolve-AzsCspSubscriptionId -Cmdlet $PSCmdlet -Entry $entry -SubscriptionId $SubscriptionId
        if ([string]::IsNullOrWhiteSpace($ResourceGroupName)) { $ResourceGroupName = 'azurestack' }
        Test-AzsCspRegistrationAddress -Cmdlet $PSCmdlet -ResourceGroupName $ResourceGroupName -RegistrationName $RegistrationName

        $id = Get-AzsCspRegistrationResourceId -SubscriptionId $sub -ResourceGroupName $ResourceGroupName -RegistrationName $RegistrationName
        $target = @{ RegistrationSubscriptionId = $sub; ResourceGroupName = $ResourceGroupName; RegistrationName = $RegistrationName }
        $arguments = [ordered]@{ subscriptionId = $sub; resourceGroupName = $ResourceGroupName; registrationName = $RegistrationName; apiVersion = $ApiVersion }
        $result = Invoke-AzsCspNativeStep -Cmdlet $PSCmdlet -Entry $entry -Operation 'registrations.activationKey' -Arguments $arguments -Activity 'Getting the activation key'
        if ($result.Failed) {
            $PSCmdlet.WriteError((New-AzsCspErrorRecord -NativeError $result.Error -TargetObject $id -Target $target))
            return
        }
        $key = $null
        foreach ($item in $result.Items) {
            $value = Get-AzsCspMember $item 'activationKey'
            if (-not [string]::IsNullOrEmpty([string]$value)) { $key = [string]$value }
        }
        if ([string]::IsNullOrEmpty($key)) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.NoActivationKey' -Kind 'Service' -TargetObject $id `
                -Category ([System.Management.Automation.ErrorCategory]::InvalidResult) `
                -Message ("The service returned no activation key for registration '{0}'." -f $RegistrationName)
            $PSCmdlet.WriteError($record)
            return
        }
        if ($KeyOutputFilePath) {
            $path = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($KeyOutputFilePath)
            if ($PSCmdlet.ShouldProcess($path, 'Write the activation key')) {
                $null = Write-AzsCspFileAtomic -Path $path -Text $key -Private
                Write-Verbose "Wrote the activation key to $path."
            }
        }
        $key
    }
}
