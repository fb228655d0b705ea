function Get-AzsCspEnvironment {
    <#
    .SYNOPSIS
    Gets the clouds Connect-AzsCspAccount can sign in to: the built-in ones and the custom ones stored by Add-AzsCspEnvironment.

    .DESCRIPTION
    Get-AzsCspEnvironment writes the built-in environments (AzureCloud, AzureChinaCloud,
    AzureUSGovernment) and the custom environments kept in the per-user configuration file
    (Linux and macOS: $env:XDG_CONFIG_HOME/AzsCsp/environments.json or ~/.config/AzsCsp/environments.json;
    Windows: $env:APPDATA\AzsCsp\environments.json; $env:AZSCSP_CONFIG_DIR overrides the folder).

    A custom environment whose ActiveDirectoryAuthority or ActiveDirectoryResourceId is empty has them
    discovered at sign-in from {ResourceManagerUrl}/metadata/endpoints (an AD FS stamp is recognised by
    a login endpoint ending in /adfs).

    .PARAMETER Name
    The name of the environment. Wildcards are supported.

    .EXAMPLE
    PS> Get-AzsCspEnvironment

    Lists the built-in and custom environments.

    .EXAMPLE
    PS> Get-AzsCspEnvironment -Name AzureStackAdmin | Format-List *

    Shows every property of the custom environment 'AzureStackAdmin'.

    .INPUTS
    None.

    .OUTPUTS
    AzsCsp.Environment

    .LINK
    Add-AzsCspEnvironment

    .LINK
    Remove-AzsCspEnvironment

    .LINK
    Connect-AzsCspAccount
    #>
    [CmdletBinding()]
    [OutputType([AzsCsp.Environment])]
    param(
        [Parameter(Position = 0, ValueFromPipelineByPropertyName)]
        [SupportsWildcards()]
        [ValidateNotNullOrEmpty()]
        [string] $Name
    )

    process {
        $all = [System.Collections.Generic.List[object]]::new()
        foreach ($e in @(Get-AzsCspBuiltInEnvironment)) { $all.Add($e) }
        $problem = $null
        foreach ($e in @(Read-AzsCspEnvironmentStore -Problem ([ref]$problem))) { $all.Add($e) }
        if ($problem) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.EnvironmentStoreInvalid' -Message $problem `
                -Category ([System.Management.Automation.ErrorCategory]::ReadError) -Kind 'Internal' -TargetObject (Get-AzsCspEnvironmentStorePath) `
                -RecommendedAction 'Fix or delete the file; the built-in environments are still listed.'
            $PSCmdlet.WriteError($record)
        }
        if (-not $PSBoundParameters.ContainsKey('Name')) {
            return $all.ToArray()
        }
        $found = @($all | Where-Object { $_.Name -like $Name })
        if ($found.Count -eq 0 -and -not [System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($Name)) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.EnvironmentNotFound' -TargetObject $Name `
                -Category ([System.Management.Automation.ErrorCategory]::ObjectNotFound) -Kind 'NotFound' `
                -Message ("There is no AzsCsp environment named '{0}'." -f $Name) `
                -RecommendedAction 'List the environments with Get-AzsCspEnvironment, or add it with Add-AzsCspEnvironment -Name <name> -ResourceManagerEndpoint <https://management.../>.'
            $PSCmdlet.WriteError($record)
            return
        }
        $found
    }
}
