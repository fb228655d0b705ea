function Remove-AzsCspEnvironment {
    <#
    .SYNOPSIS
    Removes a custom environment stored by Add-AzsCspEnvironment.

    .DESCRIPTION
    Remove-AzsCspEnvironment deletes a named custom environment from the per-user configuration file
    (written atomically). Built-in environments cannot be removed. Contexts already signed in to the
    environment keep working until they are disconnected.

    It asks for confirmation (ConfirmImpact High) unless -Force or -Confirm:$false is given.

    .PARAMETER Name
    The name of the custom environment. Accepts pipeline input by property name (from Get-AzsCspEnvironment).

    .PARAMETER Force
    Removes without asking for confirmation.

    .PARAMETER PassThru
    Writes the removed environment.

    .EXAMPLE
    PS> Remove-AzsCspEnvironment -Name AzureStackAdmin -Force

    Removes the custom environment 'AzureStackAdmin' without asking.

    .EXAMPLE
    PS> Get-AzsCspEnvironment -Name 'Lab*' | Where-Object Type -EQ Custom | Remove-AzsCspEnvironment -Confirm:$false

    Removes every custom environment whose name starts with 'Lab'.

    .INPUTS
    System.String (Name, by property name)

    .OUTPUTS
    None, or AzsCsp.Environment with -PassThru.

    .LINK
    Add-AzsCspEnvironment

    .LINK
    Get-AzsCspEnvironment
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    [OutputType([AzsCsp.Environment])]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $Name,

        [switch] $Force,

        [switch] $PassThru
    )

    process {
        if ($Force -and -not $PSBoundParameters.ContainsKey('Confirm')) {
            $ConfirmPreference = 'None'
        }
        $builtIn = @(Get-AzsCspBuiltInEnvironment | Where-Object { $_.Name -eq $Name })
        if ($builtIn.Count -gt 0) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.BuiltInEnvironment' -Argument 'Name' -TargetObject $Name `
                -Message ("'{0}' is a built-in environment and cannot be removed." -f $builtIn[0].Name)
            $PSCmdlet.WriteError($record)
            return
        }
        $path = Get-AzsCspEnvironmentStorePath
        $problem = $null
        $stored = @(Read-AzsCspEnvironmentStore -Path $path -Problem ([ref]$problem))
        if ($problem) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.EnvironmentStoreInvalid' -Message $problem `
                -Category ([System.Management.Automation.ErrorCategory]::ReadError) -Kind 'Internal' -TargetObject $path `
                -RecommendedAction 'Fix or delete the file, then run the command again.'
            $PSCmdlet.WriteError($record)
            return
        }
        $existing = @($stored | Where-Object { $_.Name -eq $Name })
        if ($existing.Count -eq 0) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.EnvironmentNotFound' -TargetObject $Name `
                -Category ([System.Management.Automation.ErrorCategory]::ObjectNotFound) -Kind 'NotFound' `
                -Message ("There is no custom AzsCsp environment named '{0}'." -f $Name) `
                -RecommendedAction 'List the environments with Get-AzsCspEnvironment.'
            $PSCmdlet.WriteError($record)
            return
        }
        if (-not $PSCmdlet.ShouldProcess($existing[0].Name, ('Remove the custom environment (Resource Manager endpoint {0})' -f $existing[0].ResourceManagerUrl))) {
            return
        }
        try {
            Save-AzsCspEnvironmentStore -Environment @($stored | Where-Object { $_.Name -ne $Name }) -Path $path
        }
        catch {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.EnvironmentStoreWriteFailed' -Message ("The environment file '{0}' could not be written: {1}" -f $path, $_.Exception.Message) `
                -Category ([System.Management.Automation.ErrorCategory]::WriteError) -Kind 'Internal' -TargetObject $path
            $PSCmdlet.WriteError($record)
            return
        }
        Write-Verbose ("Removed the environment '{0}' from {1}." -f $existing[0].Name, $path)
        if ($PassThru) {
            $existing[0]
        }
    }
}
