# Resumable multi-step registration (Set-AzsRegistration): one checkpoint file per registration under
# <config dir>/registrations, holding the completed steps and their non-secret outputs (cloud ID, bridge
# service principal object ID, registration ID, registration token, activation key). Never the refresh
# token. Written atomically, mode 0600 on Linux and macOS.

function Get-AzsCspCheckpointPath {
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [string] $SubscriptionId,
        [Parameter(Mandatory)] [string] $ResourceGroupName,
        [Parameter(Mandatory)] [string] $RegistrationName
    )

    $name = ('{0}.{1}.{2}' -f $SubscriptionId, $ResourceGroupName, $RegistrationName).ToLowerInvariant()
    $name = [regex]::Replace($name, '[^a-z0-9._()-]', '_')
    return (Join-Path (Join-Path (Get-AzsCspConfigDirectory) 'registrations') ($name + '.json'))
}

function Read-AzsCspCheckpoint {
    <#
    .SYNOPSIS
    The checkpoint (hashtable: version, settings, steps = name -> @{ status; completedOn; outputs }), or a new one.
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param([Parameter(Mandatory)] [string] $Path)

    if (Test-Path -LiteralPath $Path -PathType Leaf) {
        try {
            $data = Get-Content -LiteralPath $Path -Raw -ErrorAction Stop | ConvertFrom-Json -AsHashtable -ErrorAction Stop
            if ($data -is [hashtable] -and $data['version'] -eq 1 -and $data['steps'] -is [hashtable]) {
                return $data
            }
            Write-Warning "The checkpoint file $Path has an unknown format; starting from the first step."
        }
        catch {
            Write-Warning "The checkpoint file $Path could not be read ($($_.Exception.Message)); starting from the first step."
        }
    }
    return @{ version = 1; settings = @{}; steps = @{} }
}

function Save-AzsCspCheckpoint {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [hashtable] $Checkpoint
    )

    $Checkpoint.updatedOn = [DateTime]::UtcNow.ToString('o')
    $directory = Split-Path -Parent $Path
    $null = New-AzsCspConfigDirectory -Path (Split-Path -Parent $directory)
    $null = New-AzsCspConfigDirectory -Path $directory
    $json = ConvertTo-Json -InputObject $Checkpoint -Depth 10
    $null = Write-AzsCspFileAtomic -Path $Path -Text ($json + [System.Environment]::NewLine) -Private
}

function Set-AzsCspCheckpointStep {
    <#
    .SYNOPSIS
    Marks a step done with its (non-secret) outputs and saves the checkpoint at once.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [hashtable] $Checkpoint,
        [Parameter(Mandatory)] [string] $Step,
        [hashtable] $Outputs = @{}
    )

    $Checkpoint.steps[$Step] = @{ status = 'Done'; completedOn = [DateTime]::UtcNow.ToString('o'); outputs = $Outputs }
    Save-AzsCspCheckpoint -Path $Path -Checkpoint $Checkpoint
}

function Get-AzsCspCheckpointOutput {
    [CmdletBinding()]
    param([hashtable] $Checkpoint, [string] $Step, [string] $Name)

    $s = $Checkpoint['steps'][$Step]
    if ($s -isnot [System.Collections.IDictionary] -or $null -eq $s['outputs']) { return $null }
    return $s['outputs'][$Name]
}

function Invoke-AzsCspCheckpointStep {
    <#
    .SYNOPSIS
    Runs one step of a resumable cmdlet. Skips it (AlreadyDone) when the checkpoint says it is done;
    otherwise runs -Action, which returns @{ Outputs = @{...}; Detail = '...'; Status = 'Done'|'AlreadyDone'|'Skipped' },
    or @{ Error = <ErrorRecord> } / @{ PepError = '<message>' } when it failed (no exceptions: a caught
    exception would also land in the caller's -ErrorVariable).
    Returns the step's outputs, or $null after a failure (then every later step is NotRun).
    .NOTES
    -Action runs in a child scope of this function, which is itself called from the cmdlet: it sees the
    cmdlet's variables (dynamic scope). Do not use $PSCmdlet, $State, $StepName, $Where, $Action or $Always in it.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [hashtable] $State,
        [Parameter(Mandatory)] [string] $StepName,
        [Parameter(Mandatory)] [ValidateSet('Azure', 'PrivilegedEndpoint')] [string] $Where,
        [Parameter(Mandatory)] [scriptblock] $Action,
        [switch] $Always
    )

    if ($State.Failed) {
        $State.Steps.Add((New-AzsCspStep -Name $StepName -Status 'NotRun' -Where $Where -Detail 'Not run: an earlier step failed.'))
        return $null
    }
    $State.Index++
    Write-Progress -Id 1 -Activity $State.Activity -Status ('Step {0} of {1}: {2}' -f $State.Index, $State.Total, $StepName) `
        -PercentComplete ([int](100 * ($State.Index - 1) / [math]::Max(1, $State.Total)))
    $done = $State.Checkpoint.steps[$StepName]
    if (-not $Always -and $done -is [System.Collections.IDictionary] -and $done['status'] -eq 'Done') {
        Write-Verbose ("Step {0}: already done on {1} (checkpoint {2})." -f $StepName, $done['completedOn'], $State.Path)
        $State.Steps.Add((New-AzsCspStep -Name $StepName -Status 'AlreadyDone' -Where $Where -Detail ('Done on {0} (checkpoint).' -f $done['completedOn'])))
        return $(if ($done['outputs']) { $done['outputs'] } else { @{} })
    }
    $result = & $Action
    if ($result -isnot [System.Collections.IDictionary]) { $result = @{} }
    if ($result['Error'] -or $result['PepError']) {
        $State.Failed = $true
        $record = if ($result['Error']) {
            $result['Error']
        }
        else {
            New-AzsCspPrivilegedEndpointErrorRecord -Step $StepName -Message $result['PepError'] -TargetObject $State.TargetObject
        }
        $resume = 'Fix the cause and run the same command again: it resumes at step {0} and skips the completed steps (checkpoint {1}).' -f $StepName, $State.Path
        if ($null -eq $record.ErrorDetails) {
            $record.ErrorDetails = [System.Management.Automation.ErrorDetails]::new($record.Exception.Message)
        }
        $record.ErrorDetails.RecommendedAction = $(if ($record.ErrorDetails.RecommendedAction) { $record.ErrorDetails.RecommendedAction + ' ' + $resume } else { $resume })
        $State.ErrorRecord = $record
        $State.Steps.Add((New-AzsCspStep -Name $StepName -Status 'Failed' -Where $Where -Detail $record.Exception.Message))
        return $null
    }
    $outputs = $(if ($result['Outputs']) { $result['Outputs'] } else { @{} })
    $status = $(if ($result['Status']) { $result['Status'] } else { 'Done' })
    Set-AzsCspCheckpointStep -Path $State.Path -Checkpoint $State.Checkpoint -Step $StepName -Outputs $outputs
    Write-Verbose ("Step {0}: {1}. {2}" -f $StepName, $status, $result['Detail'])
    $State.Steps.Add((New-AzsCspStep -Name $StepName -Status $status -Where $Where -Detail $result['Detail']))
    return $outputs
}
