function Add-AzsCspEnvironment {
    <#
    .SYNOPSIS
    Stores a custom cloud (for example an Azure Stack Hub admin or user Resource Manager endpoint) under a name for Connect-AzsCspAccount -Environment.

    .DESCRIPTION
    Add-AzsCspEnvironment keeps a named custom environment in the per-user configuration file
    (Linux and macOS: $env:XDG_CONFIG_HOME/AzsCsp/environments.json or ~/.config/AzsCsp/environments.json;
    Windows: $env:APPDATA\AzsCsp\environments.json; $env:AZSCSP_CONFIG_DIR overrides the folder). The
    file is written atomically (a temporary file renamed over the old one) and holds no secret.

    The Resource Manager endpoint alone is enough for an Azure Stack Hub stamp: at sign-in the native
    core reads the login endpoint and the token audience from {endpoint}/metadata/endpoints. A stamp
    whose login endpoint ends in /adfs is an AD FS stamp (its tenant is 'adfs').
    -ActiveDirectoryAuthority and -ActiveDirectoryResourceId override the discovered values.

    Nothing is contacted when the environment is added.

    .PARAMETER Name
    The name of the environment (not a built-in name: AzureCloud, AzureChinaCloud, AzureUSGovernment).

    .PARAMETER ResourceManagerEndpoint
    The Azure Resource Manager endpoint, for example https://adminmanagement.local.azurestack.external/
    (operator) or https://management.local.azurestack.external/ (user). Must be an absolute https URL.

    .PARAMETER ActiveDirectoryAuthority
    Optional: the sign-in authority, for example https://login.microsoftonline.com/ or
    https://adfs.local.azurestack.external/adfs/. Discovered from the metadata when omitted.

    .PARAMETER ActiveDirectoryResourceId
    Optional: the token audience of the Resource Manager endpoint. Discovered from the metadata when omitted.

    .PARAMETER PartnerCenterEndpoint
    Optional: the Partner Center API base URL of this cloud, for Connect-AzsCspPartnerCenter -Environment
    (for example the emulator's partnerCenterUrl). The built-in clouds have their own
    (https://api.partnercenter.microsoft.com/; China https://partner.partnercenterapi.microsoftonline.cn/).
    Tokens are always asked for the Partner Center audience https://api.partnercenter.microsoft.com.

    .PARAMETER Force
    Replaces an existing custom environment with the same name.

    .EXAMPLE
    PS> Add-AzsCspEnvironment -Name AzureStackAdmin -ResourceManagerEndpoint https://adminmanagement.local.azurestack.external/
    PS> Connect-AzsCspAccount -Environment AzureStackAdmin -UseDeviceAuthentication -Tenant contoso.onmicrosoft.com

    Stores the admin Resource Manager endpoint of a stamp and signs in to it with a device code; the
    authority and audience are discovered from the stamp's metadata.

    .EXAMPLE
    PS> Add-AzsCspEnvironment -Name AdfsStamp -ResourceManagerEndpoint https://management.region.contoso.local/ -ActiveDirectoryAuthority https://adfs.region.contoso.local/adfs/ -Force

    Stores (or replaces) an AD FS stamp with an explicit authority.

    .EXAMPLE
    PS> Add-AzsCspEnvironment -Name Lab -ResourceManagerEndpoint https://management.lab.local/ -WhatIf

    Shows what would be stored without writing the file.

    .INPUTS
    None.

    .OUTPUTS
    AzsCsp.Environment

    .LINK
    Get-AzsCspEnvironment

    .LINK
    Remove-AzsCspEnvironment

    .LINK
    Connect-AzsCspAccount

    .LINK
    Connect-AzsCspPartnerCenter
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([AzsCsp.Environment])]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string] $Name,

        [Parameter(Mandatory, Position = 1)]
        [Alias('ArmEndpoint', 'ResourceManagerUrl')]
        [uri] $ResourceManagerEndpoint,

        [Alias('ActiveDirectoryEndpoint')]
        [uri] $ActiveDirectoryAuthority,

        [Alias('ActiveDirectoryServiceEndpointResourceId', 'Audience')]
        [ValidateNotNullOrEmpty()]
        [string] $ActiveDirectoryResourceId,

        [uri] $PartnerCenterEndpoint,

        [switch] $Force
    )

    $Name = $Name.Trim()
    if ($Name -notmatch '^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$') {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidEnvironmentName' -Argument 'Name' -TargetObject $Name `
            -Message ("'{0}' is not a valid environment name: use up to 64 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit." -f $Name)
        $PSCmdlet.ThrowTerminatingError($record)
    }
    $builtIn = @(Get-AzsCspBuiltInEnvironment | Where-Object { $_.Name -eq $Name })
    if ($builtIn.Count -gt 0) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.BuiltInEnvironment' -Argument 'Name' -TargetObject $Name `
            -Message ("'{0}' is a built-in environment; a custom environment needs another name." -f $builtIn[0].Name) `
            -RecommendedAction 'Choose another -Name, for example AzureStackAdmin or AzureStackUser.'
        $PSCmdlet.ThrowTerminatingError($record)
    }
    foreach ($endpoint in @(@('ResourceManagerEndpoint', $ResourceManagerEndpoint), @('ActiveDirectoryAuthority', $ActiveDirectoryAuthority), @('PartnerCenterEndpoint', $PartnerCenterEndpoint))) {
        if ($endpoint[1] -and (-not $endpoint[1].IsAbsoluteUri -or $endpoint[1].Scheme -ne 'https' -or $endpoint[1].Query -or $endpoint[1].Fragment)) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidEndpoint' -Argument $endpoint[0] -TargetObject ([string]$endpoint[1]) `
                -Message ("-{0} '{1}' is not an absolute https URL without query or fragment." -f $endpoint[0], $endpoint[1])
            $PSCmdlet.ThrowTerminatingError($record)
        }
    }

    $path = Get-AzsCspEnvironmentStorePath
    $problem = $null
    $stored = @(Read-AzsCspEnvironmentStore -Path $path -Problem ([ref]$problem))
    if ($problem) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.EnvironmentStoreInvalid' -Message $problem `
            -Category ([System.Management.Automation.ErrorCategory]::ReadError) -Kind 'Internal' -TargetObject $path `
            -RecommendedAction 'Fix or delete the file, then run the command again.'
        $PSCmdlet.ThrowTerminatingError($record)
    }
    $existing = @($stored | Where-Object { $_.Name -eq $Name })
    if ($existing.Count -gt 0 -and -not $Force) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.EnvironmentExists' -Argument 'Name' -TargetObject $Name `
            -Category ([System.Management.Automation.ErrorCategory]::ResourceExists) -Kind 'Conflict' `
            -Message ("A custom environment named '{0}' already exists (Resource Manager endpoint {1})." -f $existing[0].Name, $existing[0].ResourceManagerUrl) `
            -RecommendedAction 'Pass -Force to replace it, or choose another -Name.'
        $PSCmdlet.ThrowTerminatingError($record)
    }

    $environment = [AzsCsp.Environment]@{
        Name                      = $Name
        Type                      = 'Custom'
        ResourceManagerUrl        = $ResourceManagerEndpoint.AbsoluteUri
        ActiveDirectoryAuthority  = $(if ($ActiveDirectoryAuthority) { $ActiveDirectoryAuthority.AbsoluteUri } else { $null })
        ActiveDirectoryResourceId = $(if ($ActiveDirectoryResourceId) { $ActiveDirectoryResourceId } else { $null })
        PartnerCenterUrl          = $(if ($PartnerCenterEndpoint) { $PartnerCenterEndpoint.AbsoluteUri } else { $null })
        Path                      = $path
    }
    $action = if ($existing.Count -gt 0) { 'Replace the custom environment (Resource Manager endpoint {0})' -f $environment.ResourceManagerUrl } else { 'Add the custom environment (Resource Manager endpoint {0})' -f $environment.ResourceManagerUrl }
    if (-not $PSCmdlet.ShouldProcess($Name, $action)) {
        return
    }
    $others = @($stored | Where-Object { $_.Name -ne $Name })
    try {
        Save-AzsCspEnvironmentStore -Environment @($others + $environment) -Path $path
    }
    catch {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.EnvironmentStoreWriteFailed' -Message ("The environment file '{0}' could not be written: {1}" -f $path, $_.Exception.Message) `
            -Category ([System.Management.Automation.ErrorCategory]::WriteError) -Kind 'Internal' -TargetObject $path
        $PSCmdlet.ThrowTerminatingError($record)
    }
    Write-Verbose ("Stored the environment '{0}' in {1}." -f $Name, $path)
    $environment
}
