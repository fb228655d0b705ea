function Get-AzsDirectoryTenant {
    <#
    .SYNOPSIS
    Lists the guest directories onboarded on an Azure Stack Hub, or gets one by name (operator).

    .DESCRIPTION
    Get-AzsDirectoryTenant reads Microsoft.Subscriptions.Admin/directoryTenants (api-version 2015-11-01)
    in the admin subscription, all pages. It takes the syntax of both builds of the Azs.Subscriptions.Admin
    command: -ResourceGroupName and -SubscriptionId (Az; several subscriptions allowed), -Name, and the
    AzureRM build's -ResourceId, -Top and -Skip, and -DefaultProfile as an alias of -Context.

    Context: -Context, else (with -AdminResourceManagerEndpoint and -DirectoryTenantName) a context of
    that endpoint and directory, found or signed in as Register-AzsGuestDirectoryTenant does, else the
    default context (connected to the stamp's admin endpoint). Without -SubscriptionId: the context's
    subscription, else the 'Default Provider Subscription'. Without -ResourceGroupName (AzureRM
    syntax): system.<region>, the region taken from an endpoint named adminmanagement.<region>.<fqdn>.

    .PARAMETER Name
    The name of the directory tenant (usually the guest directory's domain).

    .PARAMETER ResourceGroupName
    The resource group of the directory tenants: system.<region> (ASDK: system.local).

    .PARAMETER SubscriptionId
    The admin subscription(s). Default: the context's subscription, else the 'Default Provider Subscription'.

    .PARAMETER ResourceId
    The resource ID of a directory tenant (AzureRM syntax):
    /subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.Subscriptions.Admin/directoryTenants/{name}.

    .PARAMETER Top
    Returns only the first N directory tenants (AzureRM syntax).

    .PARAMETER Skip
    Skips the first N directory tenants (AzureRM syntax).

    .PARAMETER AdminResourceManagerEndpoint
    The stamp's admin Resource Manager endpoint, to find or make the context (with -DirectoryTenantName). Must be https.

    .PARAMETER DirectoryTenantName
    The home directory of the stamp, with -AdminResourceManagerEndpoint.

    .PARAMETER AutomationCredential
    With -AdminResourceManagerEndpoint: signs in non-interactively with this user name and password.

    .PARAMETER CaCertificatePath
    A PEM file with the certificate authorities to trust for the stamp's endpoints, used when the
    command signs in itself.

    .PARAMETER Context
    The AzsCsp context (name or object) to use. Alias DefaultProfile.

    .EXAMPLE
    PS> Get-AzsDirectoryTenant -ResourceGroupName system.local

    Lists the guest directories (the documented example), with the default context.

    .EXAMPLE
    PS> Get-AzsDirectoryTenant -Name fabrikam.onmicrosoft.com -ResourceGroupName system.local -AdminResourceManagerEndpoint $adminArm -DirectoryTenantName contoso.onmicrosoft.com

    Gets one guest directory, signing in to the admin endpoint when needed.

    .EXAMPLE
    PS> Get-AzsDirectoryTenant -ResourceGroupName system.local | Where-Object TenantId -eq $customerTenantId

    Finds the directory tenant of a customer's tenant ID.

    .INPUTS
    System.String, by property name: Name, ResourceGroupName, SubscriptionId, ContextName.

    .OUTPUTS
    AzsCsp.DirectoryTenant

    .LINK
    Register-AzsGuestDirectoryTenant

    .LINK
    Unregister-AzsGuestDirectoryTenant
    #>
    [CmdletBinding(DefaultParameterSetName = 'List')]
    [OutputType('AzsCsp.DirectoryTenant')]
    param(
        [Parameter(ParameterSetName = 'Get', Mandatory, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $Name,

        [Parameter(ParameterSetName = 'List', ValueFromPipelineByPropertyName)]
        [Parameter(ParameterSetName = 'Get', ValueFromPipelineByPropertyName)]
        [string] $ResourceGroupName,

        [Parameter(ParameterSetName = 'List', ValueFromPipelineByPropertyName)]
        [Parameter(ParameterSetName = 'Get', ValueFromPipelineByPropertyName)]
        [string[]] $SubscriptionId,

        [Parameter(ParameterSetName = 'ResourceId', Mandatory)]
        [Alias('Id')]
        [ValidateNotNullOrEmpty()]
        [string] $ResourceId,

        [Parameter(ParameterSetName = 'List')]
        [ValidateRange(0, [int]::MaxValue)]
        [int] $Top,

        [Parameter(ParameterSetName = 'List')]
        [ValidateRange(0, [int]::MaxValue)]
        [int] $Skip,

        [ValidateScript({ $_.IsAbsoluteUri -and $_.Scheme -eq 'https' }, ErrorMessage = "The endpoint '{0}' is not an absolute https URL (for example https://adminmanagement.local.azurestack.external/).")]
        [uri] $AdminResourceManagerEndpoint,

        [string] $DirectoryTenantName,

        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $AutomationCredential,

        [ValidateNotNullOrEmpty()]
        [string] $CaCertificatePath,

        [Parameter(ValueFromPipelineByPropertyName)]
        [Alias('DefaultProfile', 'ContextName')]
        [object] $Context
    )

    process {
        if ($AdminResourceManagerEndpoint) {
            if ([string]::IsNullOrWhiteSpace($DirectoryTenantName)) {
                $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.DirectoryTenantNameRequired' -Argument 'DirectoryTenantName' `
                    -Message '-AdminResourceManagerEndpoint needs -DirectoryTenantName (the home directory to sign in to).'
                $PSCmdlet.ThrowTerminatingError($record)
            }
            Assert-AzsCspDirectoryName -Cmdlet $PSCmdlet -Name $DirectoryTenantName
            $entry = Resolve-AzsCspStampContext -Cmdlet $PSCmdlet -Endpoint $AdminResourceManagerEndpoint -DirectoryTenantName $DirectoryTenantName `
                -AutomationCredential $AutomationCredential -Context $Context -CaCertificatePath $CaCertificatePath -EnvironmentName AzureStackAdmin
        }
        else {
            $entry = Resolve-AzsCspContext -Cmdlet $PSCmdlet -Context $Context
        }
        $endpoint = $entry.Context.ResourceManagerUrl
        $target = Get-AzsCspStampTarget -Endpoint $(if ($endpoint) { [uri]$endpoint } else { $null }) -DirectoryTenantName $entry.Context.Tenant -Stamp Admin

        $names = @()
        if ($PSCmdlet.ParameterSetName -eq 'ResourceId') {
            $m = [regex]::Match($ResourceId.Trim(), '^/?subscriptions/(?<sub>[^/]+)/resourceGroups/(?<rg>[^/]+)/providers/Microsoft\.Subscriptions\.Admin/directoryTenants/(?<name>[^/]+)/?$', 'IgnoreCase')
            if (-not $m.Success) {
                $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidResourceId' -Argument 'ResourceId' -TargetObject $ResourceId `
                    -Message ("'{0}' is not a directory tenant resource ID. Expected '/subscriptions/{{subscriptionId}}/resourceGroups/{{resourceGroup}}/providers/Microsoft.Subscriptions.Admin/directoryTenants/{{name}}'." -f $ResourceId)
                $PSCmdlet.ThrowTerminatingError($record)
            }
            $subscriptions = @($m.Groups['sub'].Value)
            $group = $m.Groups['rg'].Value
            $names = @($m.Groups['name'].Value)
        }
        else {
            $subscriptions = @($SubscriptionId | Where-Object { -not [string]::IsNullOrWhiteSpace($_) } | ForEach-Object { $_.Trim() })
            foreach ($s in $subscriptions) {
                Assert-AzsCspSubscriptionChoice -Cmdlet $PSCmdlet -SubscriptionId $s
            }
            if ($subscriptions.Count -eq 0) {
                $subscriptions = @(if ($entry.Context.SubscriptionId) { $entry.Context.SubscriptionId } else { Resolve-AzsCspAdminSubscription -Cmdlet $PSCmdlet -Entry $entry -Target $target })
            }
            $group = $ResourceGroupName
            if ([string]::IsNullOrWhiteSpace($group)) {
                # AzureRM syntax: system.<region>, from https://adminmanagement.<region>.<fqdn>/.
                $hostName = if ($endpoint) { ([uri]$endpoint).Host } else { '' }
                if ($hostName -match '^adminmanagement\.(?<region>[^.]+)\.') {
                    $group = 'system.' + $Matches.region
                    Write-Verbose "Resource group: $group (from the endpoint $endpoint)."
                }
                else {
                    $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.ResourceGroupNameRequired' -Argument 'ResourceGroupName' -TargetObject $endpoint `
                        -Message ("Pass -ResourceGroupName: the region of the stamp cannot be told from its endpoint '{0}'." -f $endpoint) `
                        -RecommendedAction "Pass the stamp's system resource group: -ResourceGroupName system.<region> (system.local on an ASDK)."
                    $PSCmdlet.ThrowTerminatingError($record)
                }
            }
            if ($PSCmdlet.ParameterSetName -eq 'Get') { $names = @($Name.Trim()) }
        }
        Assert-AzsCspResourceGroupName -Cmdlet $PSCmdlet -ResourceGroupName $group

        $results = foreach ($subscription in $subscriptions) {
            $t = $target.Clone()
            $t.SubscriptionId = $subscription
            if ($names.Count -gt 0) {
                foreach ($n in $names) {
                    $t.GuestDirectoryTenantName = $n
                    $arguments = [ordered]@{ subscriptionId = $subscription; resourceGroupName = $group; name = $n }
                    Invoke-AzsCspStampOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'directoryTenants.get' -Arguments $arguments -Target $t -TargetObject $n |
                        ForEach-Object { ConvertTo-AzsCspDirectoryTenant -Data $_ -ContextName $entry.Name }
                }
            }
            else {
                $arguments = [ordered]@{ subscriptionId = $subscription; resourceGroupName = $group }
                Invoke-AzsCspStampOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'directoryTenants.list' -Arguments $arguments -Target $t -TargetObject $group |
                    ForEach-Object { ConvertTo-AzsCspDirectoryTenant -Data $_ -ContextName $entry.Name }
            }
        }
        $results = @($results | Where-Object { $null -ne $_ })
        if ($PSBoundParameters.ContainsKey('Skip')) { $results = @($results | Select-Object -Skip $Skip) }
        if ($PSBoundParameters.ContainsKey('Top')) { $results = @($results | Select-Object -First $Top) }
        $results
    }
}
