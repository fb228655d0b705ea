function Get-AzsCspContext {
    <#
    .SYNOPSIS
    Gets the signed-in AzsCsp contexts.

    .DESCRIPTION
    Without parameters, Get-AzsCspContext writes the default context (the one the other AzsCsp
    commands use when -Context is omitted), or nothing when no context is signed in. -ListAvailable
    writes every context of the session, the default first. -ContextName writes the named context(s);
    wildcards are supported.

    Partner Center sign-ins (Connect-AzsCspPartnerCenter) are contexts too, with Kind PartnerCenter and
    AppOnly; they are listed by -ListAvailable but never become the default context of the Azure
    commands (the Partner Center commands use the most recent one, or -PartnerCenterContext).

    .PARAMETER ContextName
    The name of the context to get. Wildcards are supported.

    .PARAMETER ListAvailable
    Writes every context, the default first, then the most recently connected.

    .EXAMPLE
    PS> Get-AzsCspContext

    Shows the default context.

    .EXAMPLE
    PS> Get-AzsCspContext -ListAvailable | Format-Table Name, Environment, TenantId, IsDefault

    Lists every context of the session.

    .EXAMPLE
    PS> Get-AzsCspContext -ContextName 'china*'

    Gets the contexts whose name starts with 'china'.

    .INPUTS
    None.

    .OUTPUTS
    AzsCsp.Context

    .LINK
    Connect-AzsCspAccount

    .LINK
    Disconnect-AzsCspAccount
    #>
    [CmdletBinding(DefaultParameterSetName = 'Default')]
    [OutputType([AzsCsp.Context])]
    param(
        [Parameter(ParameterSetName = 'ByName', Mandatory, Position = 0)]
        [Alias('Name')]
        [SupportsWildcards()]
        [ValidateNotNullOrEmpty()]
        [string] $ContextName,

        [Parameter(ParameterSetName = 'ListAvailable', Mandatory)]
        [switch] $ListAvailable
    )

    Update-AzsCspDefaultFlag
    $entries = Get-AzsCspContextEntry
    switch ($PSCmdlet.ParameterSetName) {
        'ListAvailable' {
            $entries | ForEach-Object { $_.Context }
        }
        'ByName' {
            $found = @($entries | Where-Object { $_.Name -like $ContextName })
            if ($found.Count -eq 0 -and -not [System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($ContextName)) {
                $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.ContextNotFound' -TargetObject $ContextName `
                    -Category ([System.Management.Automation.ErrorCategory]::ObjectNotFound) -Kind 'NotFound' `
                    -Message ("There is no AzsCsp context named '{0}'." -f $ContextName) `
                    -RecommendedAction 'List the contexts with Get-AzsCspContext -ListAvailable.'
                $PSCmdlet.WriteError($record)
                return
            }
            $found | ForEach-Object { $_.Context }
        }
        default {
            if ($script:DefaultContextName -and $script:Contexts.Contains($script:DefaultContextName)) {
                $script:Contexts[$script:DefaultContextName].Context
            }
        }
    }
}
