# Running native operations: one-shot operations (Invoke-AzsCspOperation) and batches
# (New-AzsCspBatchState / Add-AzsCspBatchItem / Receive-AzsCspBatchResult / Complete-AzsCspBatch /
# Close-AzsCspBatch). Every event is handled on the pipeline thread: items become output objects,
# log lines go to the warning/verbose/debug streams, errors become non-terminating error records.

# Poll timeout while waiting: short, so that Ctrl+C (which stops the pipeline between two script
# statements) is noticed quickly and the operation is closed (cancelled) in 'finally'/'clean'.
$script:PollTimeoutMs = 100

function ConvertTo-AzsCspArgumentJson {
    <#
    .SYNOPSIS
    Operation arguments as compact JSON (camelCase keys as given), with the current log level.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [System.Collections.IDictionary] $Arguments)

    $copy = [ordered]@{}
    foreach ($key in $Arguments.Keys) {
        if ($null -ne $Arguments[$key]) {
            $copy[$key] = $Arguments[$key]
        }
    }
    if (-not $copy.Contains('logLevel')) {
        # Per-operation log level (the client's level is fixed when it is opened).
        $copy['logLevel'] = Get-AzsCspLogLevel
    }
    return (ConvertTo-Json -InputObject $copy -Compress -Depth 10)
}

function ConvertTo-AzsCspOutput {
    <#
    .SYNOPSIS
    Converts an event's data into the typed output object.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $OutputKind,
        [Parameter(Mandatory)] [AzsCsp.NativeEvent] $NativeEvent,
        [string] $ContextName
    )

    if (-not $NativeEvent.HasData) {
        return
    }
    switch ($OutputKind) {
        'CustomerSubscription' { return [AzsCsp.CustomerSubscription]::FromJson($NativeEvent.Data, $ContextName) }
        'RemovedCustomerSubscription' { return [AzsCsp.RemovedCustomerSubscription]::FromJson($NativeEvent.Data, $ContextName) }
        'Registration' { return [AzsCsp.Registration]::FromJson($NativeEvent.Data, $ContextName) }
        'Context' { return [AzsCsp.Context]::FromJson($NativeEvent.Data) }
        # The caller converts: multi-step cmdlets read the raw event data.
        'Event' { return $NativeEvent }
        default { return $NativeEvent.DataAsObject() }
    }
}

function Write-AzsCspNativeLog {
    <#
    .SYNOPSIS
    Writes a native 'log' event to the matching PowerShell stream of the calling cmdlet.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [AzsCsp.NativeEvent] $NativeEvent
    )

    $message = [string]$NativeEvent.Message
    switch ($NativeEvent.Level) {
        'warning' { $Cmdlet.WriteWarning($message) }
        'error' { $Cmdlet.WriteWarning($message) }
        'verbose' { $Cmdlet.WriteVerbose($message) }
        'info' { $Cmdlet.WriteVerbose($message) }
        default { $Cmdlet.WriteDebug($message) }
    }
}

function Invoke-AzsCspOperation {
    <#
    .SYNOPSIS
    Starts one native operation and streams its events until it ends. Items are written to the
    output as they arrive; a failure becomes a non-terminating error record of -Cmdlet.
    Returns nothing else; sets $State.Failed when -State is given.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [object] $Entry,
        [Parameter(Mandatory)] [string] $Operation,
        [Parameter(Mandatory)] [System.Collections.IDictionary] $Arguments,
        [Parameter(Mandatory)] [string] $OutputKind,
        [object] $TargetObject,
        [hashtable] $Target,
        [string] $Activity = 'AzsCsp',
        [hashtable] $State,
        [switch] $NoErrorRecord,
        [string] $CredentialType,
        # Every 'info' log line updates the progress bar (long waits of Partner Center orders).
        [switch] $ProgressFromInfo,
        # Receives the message of every 'info' log line (multi-step operations report their steps so).
        [System.Collections.Generic.List[string]] $InfoLog,
        # Called with the message of every 'info' log line; what it returns is written to the output
        # as it comes (Register-AzsCspCustomer writes each onboarding step as it ends).
        [scriptblock] $OnInfo
    )

    $json = ConvertTo-AzsCspArgumentJson -Arguments $Arguments
    # Tokens, keys and secrets in the arguments are not shown (as the core's own log lines hide them).
    Write-Debug ("AzsCsp: starting {0} {1}" -f $Operation, ($json -replace '"(registrationToken|activationKey|refreshToken|accessToken|clientSecret|password|secret)"\s*:\s*"[^"]*"', '"$1":"<redacted>"'))
    $op = $null
    $progressShown = $false
    try {
        $err = $null
        $op = [AzsCsp.NativeOperation]::Start($Entry.Client, $Operation, $json, [ref]$err)
        if ($null -eq $op) {
            if ($State) { $State.Failed = $true; $State.Error = $err }
            if (-not $NoErrorRecord) {
                $Cmdlet.WriteError((New-AzsCspErrorRecord -NativeError $err -TargetObject $TargetObject -Target $Target -CredentialType $CredentialType))
            }
            return
        }

        while ($true) {
            $ev = $null
            $err = $null
            $status = $op.Poll($script:PollTimeoutMs, [ref]$ev, [ref]$err)
            if ($status -eq [AzsCsp.NativeStatus]::Pending) {
                continue
            }
            if ($status -eq [AzsCsp.NativeStatus]::Done) {
                break
            }
            if ($status -ne [AzsCsp.NativeStatus]::Ok) {
                if ($State) { $State.Failed = $true; $State.Error = $err }
                if (-not $NoErrorRecord) {
                    $Cmdlet.WriteError((New-AzsCspErrorRecord -NativeError $err -TargetObject $TargetObject -Target $Target -CredentialType $CredentialType))
                }
                break
            }
            switch ($ev.Kind) {
                'item' {
                    ConvertTo-AzsCspOutput -OutputKind $OutputKind -NativeEvent $ev -ContextName $Entry.Name
                }
                'log' {
                    Write-AzsCspNativeLog -Cmdlet $Cmdlet -NativeEvent $ev
                    if ($null -ne $InfoLog -and $ev.Level -eq 'info') { $InfoLog.Add([string]$ev.Message) }
                    if ($null -ne $OnInfo -and $ev.Level -eq 'info') { & $OnInfo ([string]$ev.Message) }
                    # Multi-step operations (registrations.register) log 'Step: <name>: <what>'.
                    if ([string]$ev.Message -match '^Step: (?<step>[^:]+): (?<what>.*)$') {
                        Write-Progress -Id 1 -Activity $Activity -Status ('{0}: {1}' -f $Matches.step, $Matches.what)
                        $progressShown = $true
                    }
                    elseif ($ProgressFromInfo -and $ev.Level -eq 'info' -and $ev.Message) {
                        Write-Progress -Id 1 -Activity $Activity -Status ([string]$ev.Message)
                        $progressShown = $true
                    }
                }
                'prompt' {
                    # Something the user must act on now (device code instructions): the information
                    # stream (tag AzsCsp.DeviceCode), shown even when $InformationPreference is
                    # SilentlyContinue. Not Write-Host: scripts can capture it with -InformationVariable or 6>.
                    Write-Information -MessageData ([string]$ev.Message) -Tags 'AzsCsp.DeviceCode', 'AzsCsp.Prompt' -InformationAction Continue
                }
                'progress' {
                    $progress = @{ Id = 1; Activity = $(if ($ev.Activity) { $ev.Activity } else { $Activity }) }
                    if ($null -ne $ev.Total -and $ev.Total -gt 0) {
                        $progress.PercentComplete = [int][math]::Min(100, 100 * $ev.Completed / $ev.Total)
                        $progress.Status = '{0} of {1}' -f $ev.Completed, $ev.Total
                    }
                    else {
                        $progress.Status = '{0} done' -f $ev.Completed
                    }
                    Write-Progress @progress
                    $progressShown = $true
                }
                default {
                    Write-Debug ("AzsCsp: ignoring a '{0}' event of {1}." -f $ev.Kind, $Operation)
                }
            }
        }
    }
    finally {
        if ($null -ne $op) {
            $op.Dispose()
        }
        if ($progressShown) {
            Write-Progress -Id 1 -Activity $Activity -Completed
        }
    }
}

function New-AzsCspBatchState {
    <#
    .SYNOPSIS
    State of a bulk cmdlet: one native batch per context, the pending inputs by tag, counters.
    .PARAMETER Mode
    Put (results are CustomerSubscription objects), Delete (RemovedCustomerSubscription, only with -PassThru)
    or Item (each result's event and pending entry go to -Convert, which writes the output).
    .PARAMETER Convert
    Item mode: { param($NativeEvent, $Pending) ... } for each successful result; $Pending has
    TargetObject, Target and ContextName.
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [string] $Operation,
        [Parameter(Mandatory)] [ValidateSet('Put', 'Delete', 'Item')] [string] $Mode,
        [scriptblock] $Convert,
        [int] $ThrottleLimit = 8,
        [string] $Activity = 'AzsCsp',
        [switch] $PassThru
    )

    return @{
        Cmdlet        = $Cmdlet
        Operation     = $Operation
        Mode          = $Mode
        Convert       = $Convert
        ThrottleLimit = $ThrottleLimit
        Activity      = $Activity
        PassThru      = [bool]$PassThru
        Batches       = [ordered]@{}
        Pending       = @{}
        NextTag       = 0
        Pushed        = 0
        Completed     = 0
        Failed        = 0
        ProgressClock = [System.Diagnostics.Stopwatch]::StartNew()
        ProgressShown = $false
    }
}

function Add-AzsCspBatchItem {
    <#
    .SYNOPSIS
    Pushes one input into the batch of its context (starting the batch on first use), then writes
    the results that are already available, without waiting.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [hashtable] $State,
        [Parameter(Mandatory)] [object] $Entry,
        [Parameter(Mandatory)] [System.Collections.IDictionary] $Arguments,
        [object] $TargetObject,
        [hashtable] $Target
    )

    $cmdlet = $State.Cmdlet
    $batch = $State.Batches[$Entry.Name]
    if ($null -eq $batch) {
        $err = $null
        $op = [AzsCsp.NativeOperation]::StartBatch($Entry.Client, $State.Operation, $State.ThrottleLimit, [ref]$err)
        if ($null -eq $op) {
            $State.Failed++
            $cmdlet.WriteError((New-AzsCspErrorRecord -NativeError $err -TargetObject $TargetObject -Target $Target))
            return
        }
        Write-Debug ("AzsCsp: started batch {0} with up to {1} requests in parallel." -f $State.Operation, $State.ThrottleLimit)
        $batch = @{ Entry = $Entry; Operation = $op; Done = $false; Ended = $false }
        $State.Batches[$Entry.Name] = $batch
    }
    if ($batch.Done) {
        $State.Failed++
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.BatchEnded' -Message 'The batch already ended; the item was not sent.' `
            -Category ([System.Management.Automation.ErrorCategory]::OperationStopped) -Kind 'Cancelled' -TargetObject $TargetObject
        $cmdlet.WriteError($record)
        return
    }

    $tag = [string]$State.NextTag
    $State.NextTag++
    $json = ConvertTo-AzsCspArgumentJson -Arguments $Arguments
    $err = $null
    if (-not $batch.Operation.Push($tag, $json, [ref]$err)) {
        $State.Failed++
        $cmdlet.WriteError((New-AzsCspErrorRecord -NativeError $err -TargetObject $TargetObject -Target $Target))
        return
    }
    $State.Pending[$tag] = @{ TargetObject = $TargetObject; Target = $Target; ContextName = $Entry.Name }
    $State.Pushed++

    Receive-AzsCspBatchResult -State $State
}

function Write-AzsCspBatchProgress {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [hashtable] $State,
        [switch] $Force
    )

    if (-not $Force -and $State.ProgressClock.ElapsedMilliseconds -lt 250) {
        return
    }
    $State.ProgressClock.Restart()
    if ($State.Pushed -le 0) {
        return
    }
    $State.ProgressShown = $true
    $done = $State.Completed
    $percent = [int][math]::Min(100, 100 * $done / $State.Pushed)
    Write-Progress -Id 1 -Activity $State.Activity -Status ('{0} of {1} done' -f $done, $State.Pushed) -PercentComplete $percent
}

function Write-AzsCspBatchResult {
    <#
    .SYNOPSIS
    Writes one 'result' event: the output object, a warning, or an error record.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [hashtable] $State,
        [Parameter(Mandatory)] [AzsCsp.NativeEvent] $NativeEvent
    )

    $cmdlet = $State.Cmdlet
    $pending = $State.Pending[$NativeEvent.Tag]
    if ($null -eq $pending) {
        Write-Debug ("AzsCsp: result for unknown tag '{0}' ignored." -f $NativeEvent.Tag)
        return
    }
    $State.Pending.Remove($NativeEvent.Tag)
    $State.Completed++

    if (-not $NativeEvent.Ok) {
        $nativeError = $NativeEvent.Error
        if ($null -eq $nativeError) {
            $nativeError = [AzsCsp.NativeError]::Parse($null, 21, $State.Operation)
        }
        if ($State.Mode -eq 'Delete' -and $nativeError.Code -eq 'CustomerSubscriptionNotFound') {
            # api.md section 11 row 2: removing an absent mapping is not an error.
            $t = $pending.Target
            $cmdlet.WriteWarning(("Customer subscription '{0}' is not mapped to registration '{1}' (already absent); nothing to remove." -f $t.CustomerSubscriptionId, $t.RegistrationName))
            if ($State.PassThru) {
                [AzsCsp.RemovedCustomerSubscription]@{
                    Id                         = $t.ResourceId
                    RegistrationSubscriptionId = $t.RegistrationSubscriptionId
                    ResourceGroupName          = $t.ResourceGroupName
                    RegistrationName           = $t.RegistrationName
                    CustomerSubscriptionId     = $t.CustomerSubscriptionId
                    Existed                    = $false
                    ContextName                = $pending.ContextName
                }
            }
            return
        }
        $State.Failed++
        $cmdlet.WriteError((New-AzsCspErrorRecord -NativeError $nativeError -TargetObject $pending.TargetObject -Target $pending.Target))
        return
    }

    if ($State.Mode -eq 'Item') {
        & $State.Convert $NativeEvent $pending
        return
    }

    if ($State.Mode -eq 'Put') {
        ConvertTo-AzsCspOutput -OutputKind 'CustomerSubscription' -NativeEvent $NativeEvent -ContextName $pending.ContextName
        return
    }

    # Delete
    $removed = ConvertTo-AzsCspOutput -OutputKind 'RemovedCustomerSubscription' -NativeEvent $NativeEvent -ContextName $pending.ContextName
    $t = $pending.Target
    if ($null -eq $removed) {
        $removed = [AzsCsp.RemovedCustomerSubscription]::new()
    }
    if ([string]::IsNullOrEmpty($removed.Id)) { $removed.Id = $t.ResourceId }
    if ([string]::IsNullOrEmpty($removed.CustomerSubscriptionId)) { $removed.CustomerSubscriptionId = $t.CustomerSubscriptionId }
    if ([string]::IsNullOrEmpty($removed.RegistrationSubscriptionId)) { $removed.RegistrationSubscriptionId = $t.RegistrationSubscriptionId }
    if ([string]::IsNullOrEmpty($removed.ResourceGroupName)) { $removed.ResourceGroupName = $t.ResourceGroupName }
    if ([string]::IsNullOrEmpty($removed.RegistrationName)) { $removed.RegistrationName = $t.RegistrationName }
    if ([string]::IsNullOrEmpty($removed.ContextName)) { $removed.ContextName = $pending.ContextName }
    # Existed = False: the native core already wrote the 'already absent' warning as a log event.
    if ($State.PassThru) {
        $removed
    }
}

function Receive-AzsCspBatchResult {
    <#
    .SYNOPSIS
    Handles the events of every open batch: without -Wait only those already available, with -Wait
    until each batch is done.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [hashtable] $State,
        [switch] $Wait
    )

    $cmdlet = $State.Cmdlet
    foreach ($batch in @($State.Batches.Values)) {
        if ($batch.Done) {
            continue
        }
        $timeout = if ($Wait) { $script:PollTimeoutMs } else { 0 }
        while ($true) {
            $ev = $null
            $err = $null
            $status = $batch.Operation.Poll($timeout, [ref]$ev, [ref]$err)
            if ($status -eq [AzsCsp.NativeStatus]::Pending) {
                if ($Wait) {
                    Write-AzsCspBatchProgress -State $State
                    continue
                }
                break
            }
            if ($status -eq [AzsCsp.NativeStatus]::Done) {
                $batch.Done = $true
                break
            }
            if ($status -ne [AzsCsp.NativeStatus]::Ok) {
                # The whole batch ended: every input still pending gets this error.
                $batch.Done = $true
                $contextName = $batch.Entry.Name
                foreach ($tag in @($State.Pending.Keys)) {
                    $pending = $State.Pending[$tag]
                    if ($pending.ContextName -ne $contextName) {
                        continue
                    }
                    $State.Pending.Remove($tag)
                    $State.Completed++
                    $State.Failed++
                    $cmdlet.WriteError((New-AzsCspErrorRecord -NativeError $err -TargetObject $pending.TargetObject -Target $pending.Target))
                }
                break
            }
            switch ($ev.Kind) {
                'result' {
                    Write-AzsCspBatchResult -State $State -NativeEvent $ev
                    Write-AzsCspBatchProgress -State $State
                }
                'log' {
                    Write-AzsCspNativeLog -Cmdlet $cmdlet -NativeEvent $ev
                }
                'item' {
                    Write-Debug 'AzsCsp: ignoring an item event of a batch.'
                }
                default {
                    Write-Debug ("AzsCsp: ignoring a '{0}' event of {1}." -f $ev.Kind, $State.Operation)
                }
            }
        }
    }
}

function Complete-AzsCspBatch {
    <#
    .SYNOPSIS
    No more input: ends the input of every batch and writes the remaining results as they come.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [hashtable] $State)

    foreach ($batch in @($State.Batches.Values)) {
        if ($batch.Ended -or $batch.Done) {
            continue
        }
        $err = $null
        if (-not $batch.Operation.EndInput([ref]$err)) {
            $State.Cmdlet.WriteError((New-AzsCspErrorRecord -NativeError $err))
            $batch.Done = $true
        }
        $batch.Ended = $true
    }
    Receive-AzsCspBatchResult -State $State -Wait
    Write-AzsCspBatchProgress -State $State -Force
}

function Close-AzsCspBatch {
    <#
    .SYNOPSIS
    Closes every batch (cancelling those still running). Safe to call more than once.
    #>
    [CmdletBinding()]
    param([hashtable] $State)

    if ($null -eq $State) {
        return
    }
    foreach ($batch in @($State.Batches.Values)) {
        try { $batch.Operation.Dispose() } catch { Write-Debug "AzsCsp: closing a batch failed: $_" }
        $batch.Done = $true
    }
    if ($State.ProgressShown) {
        Write-Progress -Id 1 -Activity $State.Activity -Completed
        $State.ProgressShown = $false
    }
}

function Invoke-AzsCspNativeStep {
    <#
    .SYNOPSIS
    Runs one native operation for a multi-step cmdlet: returns Items (the data of each item event as
    Hashtable / object[] / primitives), Events (the raw events), Failed and Error (an AzsCsp.NativeError),
    and writes no error record (the caller decides).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [object] $Entry,
        [Parameter(Mandatory)] [string] $Operation,
        [Parameter(Mandatory)] [System.Collections.IDictionary] $Arguments,
        [string] $Activity = 'AzsCsp'
    )

    $state = @{ Failed = $false; Error = $null }
    $events = @(Invoke-AzsCspOperation -Cmdlet $Cmdlet -Entry $Entry -Operation $Operation -Arguments $Arguments `
            -OutputKind 'Event' -State $state -NoErrorRecord -Activity $Activity)
    return [pscustomobject]@{
        Events = $events
        Items  = @($events | ForEach-Object { $_.DataAsObject() })
        Failed = [bool]$state.Failed
        Error  = $state.Error
    }
}
