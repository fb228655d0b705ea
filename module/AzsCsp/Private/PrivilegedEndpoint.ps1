# Access to the stamp's privileged endpoint (PEP): one abstraction (Open / Invoke / Close) over
#  - a PowerShell remoting session to the ERCS VM (JEA endpoint 'PrivilegedEndpoint'; WinRM, Windows), or
#  - a local stand-in: a Runspace in which the same commands are defined (tests, offline tools).
# The PEP runs in NoLanguage mode: commands are invoked by name with named parameters only
# ($using: values), never with script logic.

function Open-AzsCspPrivilegedEndpoint {
    <#
    .SYNOPSIS
    Opens the PEP: wraps -Session (a PSSession or a Runspace stand-in, not closed afterwards), or opens a
    new PSSession to -ComputerName with en-US culture (3 tries). Throws a terminating error through -Cmdlet.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [string] $ComputerName,
        [pscredential] $Credential,
        [object] $Session
    )

    if ($Session -is [System.Management.Automation.PSObject]) {
        $Session = $Session.psobject.BaseObject
    }
    if ($null -ne $Session) {
        if ($Session -is [System.Management.Automation.Runspaces.PSSession]) {
            if ($Session.State -ne 'Opened') {
                $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.PrivilegedEndpointSessionClosed' -Argument 'PrivilegedEndpointSession' -TargetObject $Session.ComputerName `
                    -Message ("The privileged endpoint session to '{0}' is {1}, not Opened." -f $Session.ComputerName, $Session.State) `
                    -RecommendedAction 'Open a new session: New-PSSession -ComputerName <ERCS VM> -ConfigurationName PrivilegedEndpoint -Credential <CloudAdmin> -SessionOption (New-PSSessionOption -Culture en-US -UICulture en-US).'
                $Cmdlet.ThrowTerminatingError($record)
            }
            return [pscustomobject]@{ Kind = 'PSSession'; Session = $Session; Owned = $false; Name = $Session.ComputerName }
        }
        if ($Session -is [System.Management.Automation.Runspaces.Runspace]) {
            if ($Session.RunspaceStateInfo.State -ne 'Opened') {
                $Session.Open()
            }
            return [pscustomobject]@{ Kind = 'Runspace'; Session = $Session; Owned = $false; Name = ('local stand-in ({0})' -f $Session.Name) }
        }
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidPrivilegedEndpointSession' -Argument 'PrivilegedEndpointSession' `
            -Message ("-PrivilegedEndpointSession must be a PSSession (New-PSSession ... -ConfigurationName PrivilegedEndpoint) or a Runspace that defines the privileged endpoint commands, not a {0}." -f $Session.GetType().FullName)
        $Cmdlet.ThrowTerminatingError($record)
    }

    if ([string]::IsNullOrWhiteSpace($ComputerName) -or $null -eq $Credential) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.PrivilegedEndpointRequired' -Argument 'PrivilegedEndpoint' `
            -Message 'Pass -PrivilegedEndpoint and -PrivilegedEndpointCredential, or an open -PrivilegedEndpointSession.' `
            -RecommendedAction 'Pass -PrivilegedEndpoint <ERCS VM name or IP> -PrivilegedEndpointCredential <AzureStack\CloudAdmin credential>.'
        $Cmdlet.ThrowTerminatingError($record)
    }
    # en-US culture: the PEP tools fail with other client cultures (azure-stack-docs #483).
    # (The object, not New-PSSessionOption: on Linux and macOS that cmdlet has no -Culture parameter.)
    $option = [System.Management.Automation.Remoting.PSSessionOption]::new()
    $option.Culture = [System.Globalization.CultureInfo]::GetCultureInfo('en-US')
    $option.UICulture = [System.Globalization.CultureInfo]::GetCultureInfo('en-US')
    $option.IdleTimeout = [TimeSpan]::FromHours(1)
    $lastError = $null
    for ($attempt = 1; $attempt -le 3; $attempt++) {
        try {
            Write-Verbose ("Connecting to the privileged endpoint {0} (attempt {1} of 3)." -f $ComputerName, $attempt)
            $newSession = New-PSSession -ComputerName $ComputerName -ConfigurationName 'PrivilegedEndpoint' -Credential $Credential -SessionOption $option -ErrorAction Stop
            return [pscustomobject]@{ Kind = 'PSSession'; Session = $newSession; Owned = $true; Name = $ComputerName }
        }
        catch {
            $lastError = $_
            if ($attempt -lt 3) { Start-Sleep -Seconds 10 }
        }
    }
    $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.PrivilegedEndpointUnreachable' -Kind 'Transport' -TargetObject $ComputerName `
        -Category ([System.Management.Automation.ErrorCategory]::ConnectionError) `
        -Message ("Could not open a PowerShell session to the privileged endpoint '{0}': {1}" -f $ComputerName, $lastError.Exception.Message) `
        -RecommendedAction ('The privileged endpoint is reached over PowerShell remoting (WinRM, port 5985/5986) from a Windows machine that can reach the ERCS VM: ' +
            "check the ERCS VM name or IP, the CloudAdmin credential, and WinRM TrustedHosts (Set-Item WSMan:\localhost\Client\TrustedHosts -Value <ERCS IP> -Concatenate). " +
            'Or open the session yourself and pass it with -PrivilegedEndpointSession.')
    $Cmdlet.ThrowTerminatingError($record)
}

function Invoke-AzsCspPrivilegedEndpointCommand {
    <#
    .SYNOPSIS
    Runs one PEP command by name with named parameters. Returns Output, Failed and Message (the
    command's error, prefixed with its name). Does not throw for a failure of the command: an
    exception caught inside an advanced function would also land in the caller's -ErrorVariable.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object] $Pep,
        [Parameter(Mandatory)] [ValidatePattern('^[A-Za-z][\w-]*$')] [string] $Command,
        [System.Collections.IDictionary] $Parameters = @{}
    )

    foreach ($key in $Parameters.Keys) {
        if ([string]$key -notmatch '^[A-Za-z]\w*$') {
            return [pscustomobject]@{ Output = @(); Failed = $true; Message = "Invalid privileged endpoint parameter name '$key'." }
        }
    }
    Write-Verbose ("Privileged endpoint {0}: {1} {2}" -f $Pep.Name, $Command, (($Parameters.Keys | ForEach-Object { "-$_" }) -join ' '))

    $output = [System.Collections.Generic.List[object]]::new()
    $errors = [System.Collections.Generic.List[object]]::new()
    if ($Pep.Kind -eq 'Runspace') {
        # A local stand-in: the command runs inside a try/catch in the stand-in's runspace, so that its
        # failure comes back as an error record, not as an exception here.
        $ps = [powershell]::Create()
        try {
            $ps.Runspace = $Pep.Session
            $null = $ps.AddScript('param($CommandName, $CommandParameters) try { & $CommandName @CommandParameters } catch { Write-Error -ErrorRecord $_ }')
            $table = @{}
            foreach ($key in $Parameters.Keys) { $table[[string]$key] = $Parameters[$key] }
            $null = $ps.AddArgument($Command).AddArgument($table)
            foreach ($item in $ps.Invoke()) { $output.Add($item) }
            foreach ($record in $ps.Streams.Error) { $errors.Add($record) }
        }
        finally {
            $ps.Dispose()
        }
    }
    else {
        # PSSession: a command line with $using: values (allowed in the NoLanguage JEA endpoint);
        # errors come back in the output (2>&1) instead of the error stream.
        $parts = [System.Collections.Generic.List[string]]::new()
        $parts.Add($Command)
        foreach ($key in $Parameters.Keys) {
            Set-Variable -Name ('pepArgument_' + $key) -Value $Parameters[$key] -Scope Local
            $parts.Add(('-{0}:$using:pepArgument_{0}' -f $key))
        }
        $scriptBlock = [scriptblock]::Create(($parts -join ' '))
        foreach ($item in @(Invoke-Command -Session $Pep.Session -ScriptBlock $scriptBlock -ErrorAction Continue 2>&1)) {
            if ($item -is [System.Management.Automation.ErrorRecord]) { $errors.Add($item) } else { $output.Add($item) }
        }
    }
    if ($errors.Count -gt 0) {
        $first = $errors[0]
        $text = if ($first.Exception) { $first.Exception.Message } else { [string]$first }
        return [pscustomobject]@{ Output = $output.ToArray(); Failed = $true; Message = ('{0} failed: {1}' -f $Command, $text) }
    }
    return [pscustomobject]@{ Output = $output.ToArray(); Failed = $false; Message = $null }
}

function Close-AzsCspPrivilegedEndpoint {
    <#
    .SYNOPSIS
    Closes a PEP session this module opened (a session or stand-in passed by the caller stays open).
    #>
    [CmdletBinding()]
    param([object] $Pep)

    if ($null -eq $Pep -or -not $Pep.Owned) {
        return
    }
    try {
        Remove-PSSession -Session $Pep.Session -ErrorAction Stop
    }
    catch {
        Write-Debug "AzsCsp: closing the privileged endpoint session failed: $_"
    }
}

function Get-AzsCspStampInformation {
    <#
    .SYNOPSIS
    Get-AzureStackStampInformation on the PEP: CloudId / StampVersion / AadTenantId (plus Raw), or
    Failed and Message.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [object] $Pep)

    $run = Invoke-AzsCspPrivilegedEndpointCommand -Pep $Pep -Command 'Get-AzureStackStampInformation'
    if ($run.Failed) {
        return [pscustomobject]@{ Failed = $true; Message = $run.Message; CloudId = $null; StampVersion = $null; AadTenantId = $null; Raw = $null }
    }
    $info = @($run.Output) | Select-Object -First 1
    $cloud = [string](Get-AzsCspMember $info 'CloudID')
    if (-not (Test-AzsCspGuid $cloud)) {
        return [pscustomobject]@{ Failed = $true; Message = "Get-AzureStackStampInformation returned no CloudID GUID ('$cloud')."; CloudId = $null; StampVersion = $null; AadTenantId = $null; Raw = $info }
    }
    return [pscustomobject]@{
        Failed       = $false
        Message      = $null
        CloudId      = $cloud
        StampVersion = [string](Get-AzsCspMember $info 'StampVersion')
        AadTenantId  = [string](Get-AzsCspMember $info 'AADTenantID')
        Raw          = $info
    }
}

function Test-AzsCspStampVersion {
    <#
    .SYNOPSIS
    $true when the stamp version is greater than (or, with -OrEqual, equal to) -Than; $false when unknown.
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param([string] $Version, [Parameter(Mandatory)] [string] $Than, [switch] $OrEqual)

    $v = $null
    if (-not [version]::TryParse([string]$Version, [ref]$v)) {
        return $false
    }
    if ($OrEqual) { return $v -ge [version]$Than }
    return $v -gt [version]$Than
}

function New-AzsCspPrivilegedEndpointErrorRecord {
    <#
    .SYNOPSIS
    An ErrorRecord for a failed PEP step (AzsCsp.PrivilegedEndpointCommandFailed).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Step,
        [Parameter(Mandatory)] [string] $Message,
        [object] $TargetObject,
        [string] $RecommendedAction
    )

    $text = "Step {0} failed on the privileged endpoint: {1}" -f $Step, $Message
    return (New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.PrivilegedEndpointCommandFailed' -Message $text -Kind 'Service' `
            -Category ([System.Management.Automation.ErrorCategory]::InvalidOperation) -TargetObject $TargetObject -RecommendedAction $RecommendedAction)
}
