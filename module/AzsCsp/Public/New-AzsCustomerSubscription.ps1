function New-AzsCustomerSubscription {
    <#
    .SYNOPSIS
    Maps customer subscriptions (CSP tenants) to an Azure Stack Hub registration, one or thousands at a time.

    .DESCRIPTION
    New-AzsCustomerSubscription creates (or overwrites) the
    Microsoft.AzureStack/registrations/{registrationName}/customerSubscriptions/{customerSubscriptionId}
    resource, so that the Azure Stack Hub usage of the customer's directory (tenant) is billed to the
    customer's Azure CSP subscription.

    It replaces the documented
    'New-AzResource -ResourceId "subscriptions/.../customerSubscriptions/{id}" -ApiVersion 2017-06-01':
    the same -ResourceId string and -ApiVersion work, so a script changes only the command name. It also
    takes the parts as separate parameters, by property name from the pipeline, so a CSV file with the
    columns CustomerSubscriptionId and TenantId can be mapped in one command.

    Every input is validated before anything is sent (a malformed subscription ID is reported as an
    InvalidArgument error, ErrorId AzsCsp.InvalidCustomerSubscriptionId). Accepted inputs go into one
    batch that runs up to -ThrottleLimit requests in parallel (throttling and transient errors are
    retried by the native core); each mapping is written as soon as its request completes, and each
    failure is a non-terminating error whose ErrorId names the service's error code (for example
    AzsCsp.UnauthorizedCspRegistration) with the next step in ErrorDetails.RecommendedAction.
    Pressing Ctrl+C cancels the requests still running.

    Prerequisites (service rules): the registration uses the PayAsYouUse billing model, Microsoft has
    enabled multi-tenant billing for it (email azstcsp@microsoft.com), and each customer subscription is
    a CSP subscription of the same partner. A tenant has one mapped subscription: mapping a second
    subscription of the same tenant replaces the first. Map the subscription on every registration
    (stamp) the tenant uses.

    .PARAMETER RegistrationSubscriptionId
    The Azure subscription used to register the Azure Stack Hub.

    .PARAMETER ResourceGroupName
    The resource group of the registration. Default: 'azurestack'.

    .PARAMETER RegistrationName
    The name of the registration, usually 'azurestack-<CloudID>'.

    .PARAMETER CustomerSubscriptionId
    The customer's Azure (not Azure Stack Hub) subscription ID, created in the CSP offer through
    Partner Center. Sent exactly as given (the documentation calls it case-sensitive).

    .PARAMETER TenantId
    The customer's directory (tenant) ID. Optional: the service derives it from the subscription.

    .PARAMETER CustomerDomain
    The customer's directory domain (for example fabrikam.onmicrosoft.com), resolved to its tenant ID
    through the directory's OpenID configuration (once per domain per pipeline). A TenantId column that
    holds a domain name instead of a GUID is resolved the same way.

    .PARAMETER ResourceId
    The documented resource ID:
    subscriptions/{registrationSubscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.AzureStack/registrations/{registrationName}/customerSubscriptions/{customerSubscriptionId}
    with or without the leading '/'.

    .PARAMETER Properties
    The resource properties, as with New-AzResource -Properties (for example @{ tenantId = '...' }).
    Only tenantId is used; -TenantId takes precedence.

    .PARAMETER Etag
    The etag to send with the resource.

    .PARAMETER ApiVersion
    The Microsoft.AzureStack API version: 2017-06-01 (default, as in the documentation), 2020-06-01-preview
    or 2022-06-01.

    .PARAMETER ThrottleLimit
    How many requests run in parallel for bulk input. Default: 8.

    .PARAMETER Force
    Does not ask for confirmation (-WhatIf is still honoured).

    .PARAMETER SkipCheck
    Skips the pre-flight checks. By default, before the first mapping of each registration, the
    registration is checked once (Test-AzsCspRegistration -Check RegistrationExists, BillingModel,
    MultiTenancyApproved): when a check fails, each row of that registration gets an error record with the
    service's error code (for example AzsCsp.CustomerSubscriptionsNotAllowed) and the recommended action,
    and no PUT is sent for it; rows of other registrations continue.

    .PARAMETER Context
    The AzsCsp context (name or object) to use. Default: the default context (Connect-AzsCspAccount).

    .PARAMETER WhatIf
    Shows which mappings would be created, without sending anything (no pre-flight, no domain resolution).

    .PARAMETER Confirm
    Asks for confirmation before each mapping.

    .EXAMPLE
    PS> New-AzsCustomerSubscription -ResourceId "subscriptions/414f12af-d3bb-44fd-a278-d0aff47d869b/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/myreg/customerSubscriptions/fd6f3b4e-ca7e-4807-8b42-cb4ec0d55f3c" -ApiVersion 2017-06-01

    The documented 'New-AzResource -ResourceId ... -ApiVersion 2017-06-01' command with only the command
    name changed.

    .EXAMPLE
    PS> New-AzsCustomerSubscription -RegistrationSubscriptionId 414f12af-d3bb-44fd-a278-d0aff47d869b -ResourceGroupName azurestack -RegistrationName myreg -CustomerSubscriptionId fd6f3b4e-ca7e-4807-8b42-cb4ec0d55f3c -TenantId e40189a3-e640-46a3-b8ff-16b642010b0d

    Maps Fabrikam's CSP subscription to the registration 'myreg'.

    .EXAMPLE
    PS> Import-Csv ./customers.csv | New-AzsCustomerSubscription -RegistrationSubscriptionId 414f12af-d3bb-44fd-a278-d0aff47d869b -RegistrationName myreg -ErrorVariable failed

    Bulk import: customers.csv has the columns CustomerSubscriptionId and TenantId. The mappings are made
    8 at a time (-ThrottleLimit) with a progress bar; each failure is also collected in $failed, with
    the CSV row as its TargetObject.

    .EXAMPLE
    PS> Import-Csv ./customers.csv | New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName myreg -WhatIf

    Shows what would be mapped, without sending anything.

    .EXAMPLE
    PS> New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName myreg -CustomerSubscriptionId fd6f3b4e-ca7e-4807-8b42-cb4ec0d55f3c -CustomerDomain fabrikam.onmicrosoft.com

    Maps the subscription to the tenant that owns the domain fabrikam.onmicrosoft.com.

    .INPUTS
    System.String, by property name: RegistrationSubscriptionId, ResourceGroupName, RegistrationName,
    CustomerSubscriptionId (aliases CustomerSubscriptionName, Name), TenantId, CustomerDomain (alias
    Domain), ResourceId (alias Id).

    .OUTPUTS
    AzsCsp.CustomerSubscription

    .LINK
    Get-AzsCustomerSubscription

    .LINK
    Remove-AzsCustomerSubscription

    .LINK
    https://learn.microsoft.com/azure-stack/operator/azure-stack-csp-howto-register-tenants
    #>
    [CmdletBinding(DefaultParameterSetName = 'ByName', SupportsShouldProcess, ConfirmImpact = 'Medium')]
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

        [Parameter(ParameterSetName = 'ByName', Mandatory, ValueFromPipelineByPropertyName)]
        [Alias('CustomerSubscriptionName', 'Name')]
        [AllowEmptyString()]
        [string] $CustomerSubscriptionId,

        [Parameter(ParameterSetName = 'ByName', ValueFromPipelineByPropertyName)]
        [AllowEmptyString()]
        [AllowNull()]
        [string] $TenantId,

        [Parameter(ValueFromPipelineByPropertyName)]
        [Alias('Domain')]
        [AllowEmptyString()]
        [AllowNull()]
        [string] $CustomerDomain,

        [Parameter(ParameterSetName = 'ByResourceId', Mandatory, ValueFromPipelineByPropertyName)]
        [Alias('Id')]
        [ValidateNotNullOrEmpty()]
        [string] $ResourceId,

        [Alias('PropertyObject')]
        [object] $Properties,

        [string] $Etag,

        [ValidateSet('2017-06-01', '2020-06-01-preview', '2022-06-01',
            ErrorMessage = "The API version '{0}' is not supported. Use 2017-06-01 (the default), 2020-06-01-preview or 2022-06-01.")]
        [string] $ApiVersion = '2017-06-01',

        [ValidateRange(1, 64)]
        [int] $ThrottleLimit = 8,

        [switch] $Force,

        [switch] $SkipCheck,

        [object] $Context
    )

    begin {
        $state = $null
        $propertiesTenantId = Get-AzsCspTenantIdFromProperties -Properties $Properties
        # Per pipeline: one pre-flight per registration, one resolution per domain.
        $preflightCache = @{}
        $domainCache = @{}
    }

    process {
        $ok = $false
        try {
            $entry = Resolve-AzsCspContext -Cmdlet $PSCmdlet -Context $Context
            $inputObject = if ($null -ne $PSItem) { $PSItem } elseif ($ResourceId) { $ResourceId } else { $CustomerSubscriptionId }
            $tenant = $TenantId
            if ([string]::IsNullOrWhiteSpace($tenant)) {
                $tenant = $propertiesTenantId
            }
            $domain = $(if ([string]::IsNullOrWhiteSpace($CustomerDomain)) { $null } else { $CustomerDomain.Trim() })
            if ($tenant -and -not (Test-AzsCspGuid $tenant.Trim()) -and $tenant.Trim() -match $script:DomainNamePattern) {
                # A domain name in the tenant column (CSV 'tenantId'): resolve it like -CustomerDomain.
                if (-not $domain) { $domain = $tenant.Trim() }
                elseif ($domain -ne $tenant.Trim()) {
                    $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.TenantMismatch' -Argument 'TenantId' -TargetObject $inputObject `
                        -Message ("-TenantId '{0}' and -CustomerDomain '{1}' name different directories; nothing was sent." -f $tenant, $domain) `
                        -RecommendedAction 'Pass either the tenant ID or the domain of the customer directory, not both.'
                    $PSCmdlet.WriteError($record)
                    $ok = $true
                    return
                }
                $tenant = $null
            }
            $target = Resolve-AzsCspCustomerTarget -Cmdlet $PSCmdlet -Mode Item -ResourceId $ResourceId `
                -RegistrationSubscriptionId $RegistrationSubscriptionId -ResourceGroupName $ResourceGroupName `
                -RegistrationName $RegistrationName -CustomerSubscriptionId $CustomerSubscriptionId -TenantId $tenant `
                -TargetObject $inputObject
            if ($null -ne $target -and $domain -and -not (Test-AzsCspGuid $domain) -and $domain -notmatch $script:DomainNamePattern) {
                $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidCustomerDomain' -Argument 'CustomerDomain' -TargetObject $inputObject `
                    -Message ("The customer domain '{0}' is not a domain name (for example fabrikam.onmicrosoft.com); nothing was sent." -f $domain) `
                    -RecommendedAction "Pass the customer's directory domain, or its tenant ID with -TenantId."
                $PSCmdlet.WriteError($record)
                $target = $null
            }
            if ($null -ne $target -and -not $WhatIfPreference) {
                $target.CustomerDomain = $domain
                if (-not $SkipCheck -and -not (Test-AzsCspCustomerPreflight -Cmdlet $PSCmdlet -Entry $entry -Target $target -Cache $preflightCache -ApiVersion $ApiVersion -TargetObject $inputObject)) {
                    $target = $null
                }
            }
            if ($null -ne $target -and $domain -and -not $WhatIfPreference) {
                $key = '{0}|{1}' -f $entry.Name, $domain.ToLowerInvariant()
                if (-not $domainCache.ContainsKey($key)) {
                    $domainCache[$key] = Resolve-AzsCspTenantDomain -Cmdlet $PSCmdlet -Entry $entry -Domain $domain -TargetObject $inputObject
                }
                $resolved = $domainCache[$key]
                if ($resolved.NativeError) {
                    $PSCmdlet.WriteError((New-AzsCspErrorRecord -NativeError $resolved.NativeError -TargetObject $inputObject -Target $target))
                    $target = $null
                }
                elseif ($target.TenantId -and $target.TenantId -ne $resolved.TenantId) {
                    $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.TenantMismatch' -Argument 'CustomerDomain' -TargetObject $inputObject `
                        -Message ("The domain '{0}' belongs to tenant {1}, not to -TenantId {2}; nothing was sent." -f $domain, $resolved.TenantId, $target.TenantId) `
                        -RecommendedAction 'Check the customer tenant ID and domain; pass only one of them.'
                    $PSCmdlet.WriteError($record)
                    $target = $null
                }
                else {
                    Write-Verbose ("Domain '{0}' is tenant {1}." -f $domain, $resolved.TenantId)
                    $target.TenantId = $resolved.TenantId
                }
            }
            elseif ($null -ne $target -and $domain -and -not $target.TenantId) {
                $target.TenantId = $domain
            }
            if ($null -ne $target) {
                $action = if ($target.TenantId) {
                    "Map customer subscription '{0}' (tenant {1}) to registration '{2}'" -f $target.CustomerSubscriptionId, $target.TenantId, $target.RegistrationName
                }
                else {
                    "Map customer subscription '{0}' to registration '{1}'" -f $target.CustomerSubscriptionId, $target.RegistrationName
                }
                if (Test-AzsCspShouldProcess -Cmdlet $PSCmdlet -Force $Force -Target $target.ResourceId -Action $action) {
                    if ($null -eq $state) {
                        $state = New-AzsCspBatchState -Cmdlet $PSCmdlet -Operation 'customerSubscriptions.put' -Mode Put `
                            -ThrottleLimit $ThrottleLimit -Activity 'Mapping customer subscriptions'
                    }
                    $arguments = [ordered]@{
                        subscriptionId         = $target.RegistrationSubscriptionId
                        resourceGroupName      = $target.ResourceGroupName
                        registrationName       = $target.RegistrationName
                        customerSubscriptionId = $target.CustomerSubscriptionId
                        tenantId               = $target.TenantId
                        etag                   = $(if ($Etag) { $Etag } else { $null })
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
                Write-Verbose ('Mapped {0} of {1} customer subscription(s).' -f ($state.Completed - $state.Failed), $state.Pushed)
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
