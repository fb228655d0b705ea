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
        $Session = $Session.BaseObject
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
    $option = New-PSSessionOption -Culture 'en-US' -UICulture 'en-US' -IdleTimeout 3600000
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
    Runs one PEP command by name with named parameters and returns its output; throws the PEP's error
    (an exception whose message names the command) when it fails.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object] $Pep,
        [Parameter(Mandatory)] [ValidatePattern('^[A-Za-z][\w-]*$')] [string] $Command,
        [System.Collections.IDictionary] $Parameters = @{}
    )

    foreach ($key in $Parameters.Keys) {
        if ([string]$key -notmatch '^[A-Za-z]\w*$') {
            throw [System.ArgumentException]::new("Invalid privileged endpoint parameter name '$key'.")
        }
    }
    Write-Verbose ("Privileged endpoint {0}: {1} {2}" -f $Pep.Name, $Command, (($Parameters.Keys | ForEach-Object { "-$_" }) -join ' '))

    if ($Pep.Kind -eq 'Runspace') {
        $ps = [powershell]::Create()
        try {
            $ps.Runspace = $Pep.Session
            $null = $ps.AddCommand($Command)
            foreach ($key in $Parameters.Keys) {
                $null = $ps.AddParameter([string]$key, $Parameters[$key])
            }
            $output = $ps.Invoke()
            if ($ps.Streams.Error.Count -gt 0) {
                $first = $ps.Streams.Error[0]
                throw [System.InvalidOperationException]::new(("{0} failed: {1}" -f $Command, $first.Exception.Message), $first.Exception)
            }
            return @($output)
        }
        catch [System.Management.Automation.MethodInvocationException] {
            $inner = $_.Exception.InnerException
            if ($inner -is [System.Management.Automation.RuntimeException] -and $inner.ErrorRecord) {
                throw [System.InvalidOperationException]::new(("{0} failed: {1}" -f $Command, $inner.Message), $inner)
            }
            throw
        }
        finally {
            $ps.Dispose()
        }
    }

    # PSSession: a command line with $using: values (allowed in the NoLanguage JEA endpoint).
    $parts = [System.Collections.Generic.List[string]]::new()
    $parts.Add($Command)
    foreach ($key in $Parameters.Keys) {
        Set-Variable -Name ('pepArgument_' + $key) -Value $Parameters[$key] -Scope Local
        $parts.Add(('-{0}:$using:pepArgument_{0}' -f $key))
    }
    $scriptBlock = [scriptblock]::Create(($parts -join ' '))
    try {
        return @(Invoke-Command -Session $Pep.Session -ScriptBlock $scriptBlock -ErrorAction Stop)
    }
    catch {
        throw [System.InvalidOperationException]::new(("{0} failed: {1}" -f $Command, $_.Exception.Message), $_.Exception)
    }
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
    Get-AzureStackStampInformation on the PEP, as CloudId / StampVersion / AadTenantId (plus Raw).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [object] $Pep)

    $info = @(Invoke-AzsCspPrivilegedEndpointCommand -Pep $Pep -Command 'Get-AzureStackStampInformation') | Select-Object -First 1
    if ($null -eq $info) {
        throw [System.InvalidOperationException]::new('Get-AzureStackStampInformation returned nothing.')
    }
    $cloud = [string](Get-AzsCspMember $info 'CloudID')
    if (-not (Test-AzsCspGuid $cloud)) {
        throw [System.InvalidOperationException]::new("Get-AzureStackStampInformation returned no CloudID GUID ('$cloud').")
    }
    return [pscustomobject]@{
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
        [Parameter(Mandatory)] [System.Management.Automation.ErrorRecord] $ErrorRecord,
        [object] $TargetObject,
        [string] $RecommendedAction
    )

    $exception = $ErrorRecord.Exception
    while ($exception -is [System.Management.Automation.MethodInvocationException] -and $exception.InnerException) {
        $exception = $exception.InnerException
    }
    $message = "Step {0} failed on the privileged endpoint: {1}" -f $Step, $exception.Message
    $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.PrivilegedEndpointCommandFailed' -Message $message -Kind 'Service' `
        -Category ([System.Management.Automation.ErrorCategory]::InvalidOperation) -TargetObject $TargetObject -RecommendedAction $RecommendedAction
    return $record
}
