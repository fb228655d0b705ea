function Disconnect-AzsCspAccount {
    <#
    .SYNOPSIS
    Signs out of one or all AzsCsp contexts.

    .DESCRIPTION
    Disconnect-AzsCspAccount closes the native client of a context: requests still running on it are
    cancelled and its tokens are discarded. Without -ContextName it disconnects the default context.
    When the default context is disconnected, the most recently connected remaining context becomes
    the default.

    .PARAMETER ContextName
    The name(s) of the context(s) to disconnect. Accepts AzsCsp.Context objects from the pipeline
    (Get-AzsCspContext -ListAvailable | Disconnect-AzsCspAccount).

    .PARAMETER All
    Disconnects every context.

    .PARAMETER PassThru
    Writes the disconnected AzsCsp.Context objects.

    .EXAMPLE
    PS> Disconnect-AzsCspAccount

    Disconnects the default context.

    .EXAMPLE
    PS> Disconnect-AzsCspAccount -ContextName china

    Disconnects the context named 'china'.

    .EXAMPLE
    PS> Disconnect-AzsCspAccount -All

    Disconnects every context of the session.

    .INPUTS
    System.String, AzsCsp.Context

    .OUTPUTS
    None, or AzsCsp.Context with -PassThru.

    .LINK
    Connect-AzsCspAccount

    .LINK
    Get-AzsCspContext
    #>
    [CmdletBinding(DefaultParameterSetName = 'ByName')]
    [OutputType([AzsCsp.Context])]
    param(
        [Parameter(ParameterSetName = 'ByName', Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('Name')]
        [ValidateNotNullOrEmpty()]
        [string[]] $ContextName,

        [Parameter(ParameterSetName = 'All', Mandatory)]
        [switch] $All,

        [switch] $PassThru
    )

    process {
        $names = @()
        if ($All) {
            $names = @($script:Contexts.Keys)
        }
        elseif ($ContextName) {
            $names = $ContextName
        }
        elseif ($script:DefaultContextName) {
            $names = @($script:DefaultContextName)
        }
        else {
            Write-Verbose 'No AzsCsp context is signed in; nothing to disconnect.'
            return
        }

        foreach ($name in $names) {
            if (-not $script:Contexts.Contains($name)) {
                $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.ContextNotFound' -TargetObject $name `
                    -Category ([System.Management.Automation.ErrorCategory]::ObjectNotFound) -Kind 'NotFound' `
                    -Message ("There is no AzsCsp context named '{0}'." -f $name) `
                    -RecommendedAction 'List the contexts with Get-AzsCspContext -ListAvailable.'
                $PSCmdlet.WriteError($record)
                continue
            }
            $entry = $script:Contexts[$name]
            $script:Contexts.Remove($name)
            try {
                $entry.Client.Dispose()
            }
            catch {
                Write-Debug "AzsCsp: closing the client of '$name' failed: $_"
            }
            Write-Verbose ("Disconnected the context '{0}'." -f $entry.Name)
            if ($script:PartnerCenterContextName -eq $entry.Name) {
                $script:PartnerCenterContextName = $null
            }
            if ($script:DefaultContextName -eq $entry.Name) {
                # A Partner Center context never becomes the default of the Azure commands.
                $remaining = @($script:Contexts.Values | Where-Object { $null -eq $_.Context -or $_.Context.Kind -ne 'PartnerCenter' } | ForEach-Object { $_.Name })
                $script:DefaultContextName = if ($remaining.Count -gt 0) { $remaining[-1] } else { $null }
                if ($script:DefaultContextName) {
                    Write-Verbose ("The default context is now '{0}'." -f $script:DefaultContextName)
                }
            }
            $entry.Context.IsDefault = $false
            Update-AzsCspDefaultFlag
            if ($PassThru) {
                $entry.Context
            }
        }
    }
}
