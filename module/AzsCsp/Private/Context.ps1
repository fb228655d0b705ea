function Get-AzsCspLogLevel {
    <#
    .SYNOPSIS
    The native log level that matches the caller's preferences: debug, verbose or warning.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [System.Management.Automation.ActionPreference] $VerboseLevel = $VerbosePreference,
        [System.Management.Automation.ActionPreference] $DebugLevel = $DebugPreference
    )

    $quiet = @([System.Management.Automation.ActionPreference]::SilentlyContinue, [System.Management.Automation.ActionPreference]::Ignore)
    if ($DebugLevel -notin $quiet) { return 'debug' }
    if ($VerboseLevel -notin $quiet) { return 'verbose' }
    return 'warning'
}

function Update-AzsCspDefaultFlag {
    <#
    .SYNOPSIS
    Sets IsDefault on every stored context.
    #>
    [CmdletBinding()]
    param()

    foreach ($entry in $script:Contexts.Values) {
        $entry.Context.IsDefault = ($entry.Name -eq $script:DefaultContextName)
    }
}

function Get-AzsCspContextEntry {
    <#
    .SYNOPSIS
    The stored contexts, default first, then most recently connected first.
    #>
    [CmdletBinding()]
    param()

    $entries = @($script:Contexts.Values)
    [array]::Reverse($entries)
    $default = @($entries | Where-Object { $_.Name -eq $script:DefaultContextName })
    $others = @($entries | Where-Object { $_.Name -ne $script:DefaultContextName })
    return @($default + $others)
}

function Resolve-AzsCspContext {
    <#
    .SYNOPSIS
    Finds the context for -Context (a name or an AzsCsp.Context) or the default one; throws a
    terminating error through -Cmdlet when there is none.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [object] $Context
    )

    if ($Context -is [System.Management.Automation.PSObject]) {
        $Context = $Context.BaseObject
    }
    $name = $null
    if ($Context -is [AzsCsp.Context]) {
        $name = $Context.Name
    }
    elseif ($null -ne $Context -and -not [string]::IsNullOrWhiteSpace([string]$Context)) {
        $name = [string]$Context
    }

    if ($null -eq $name) {
        if ($script:DefaultContextName -and $script:Contexts.Contains($script:DefaultContextName)) {
            return $script:Contexts[$script:DefaultContextName]
        }
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.NotConnected' `
            -Message 'No AzsCsp context is signed in. Run Connect-AzsCspAccount first.' `
            -Category ([System.Management.Automation.ErrorCategory]::AuthenticationError) -Kind 'Authentication' `
            -RecommendedAction 'Run Connect-AzsCspAccount -ServicePrincipal -Credential <app id + secret> -Tenant <tenant> [-Environment <name>], then run this command again.'
        $Cmdlet.ThrowTerminatingError($record)
    }

    if ($script:Contexts.Contains($name)) {
        $entry = $script:Contexts[$name]
        if ($entry.Client.IsClosed) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.ContextDisconnected' `
                -Message "The AzsCsp context '$name' was disconnected. Run Connect-AzsCspAccount first." `
                -Category ([System.Management.Automation.ErrorCategory]::AuthenticationError) -Kind 'Authentication' -TargetObject $name
            $Cmdlet.ThrowTerminatingError($record)
        }
        return $entry
    }

    $known = @($script:Contexts.Keys)
    $knownText = if ($known.Count -gt 0) { " Known contexts: '" + ($known -join "', '") + "'." } else { ' No context is signed in: run Connect-AzsCspAccount first.' }
    $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.ContextNotFound' `
        -Message "There is no AzsCsp context named '$name'.$knownText" `
        -Category ([System.Management.Automation.ErrorCategory]::ObjectNotFound) -Kind 'NotFound' -TargetObject $name `
        -RecommendedAction 'List the contexts with Get-AzsCspContext -ListAvailable, or run Connect-AzsCspAccount -ContextName <name>.'
    $Cmdlet.ThrowTerminatingError($record)
}
