#Requires -Version 7.2
# Set-AzsRegistration, Remove-AzsRegistration and Get-AzsRegistrationToken against azscsp-emulator, with
# a local stand-in for the privileged endpoint (PepStandIn/PepStandIn.psm1 in a Runspace, passed as
# -PrivilegedEndpointSession). The PowerShell remoting path (New-PSSession to an ERCS VM) is not tested here.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AzsCspTestModulePath) -Force
    $savedConfigDir = $env:AZSCSP_CONFIG_DIR
    $env:AZSCSP_CONFIG_DIR = Join-Path $TestDrive 'config'
    $emulator = Start-AzsCspTestEmulator
    $fixture = Get-AzsCspTestFixture
    $sub = $fixture.RegistrationSubscriptionId

    # A service principal context ('sp') and a user context ('user', the default: connected last).
    $spConnect = Get-AzsCspTestConnectParameter -Emulator $emulator -ContextName 'sp'
    $null = Connect-AzsCspAccount @spConnect -Subscription $sub
    $userConnect = @{
        Environment               = 'AzsCspEmulator'
        ResourceManagerEndpoint   = $emulator.resourceManagerUrl
        ActiveDirectoryAuthority  = $emulator.activeDirectoryAuthority
        ActiveDirectoryResourceId = $emulator.audience
        CaCertificatePath         = $emulator.caCertificatePath
        AutomationCredential      = [pscredential]::new($fixture.OperatorUserName, (ConvertTo-SecureString -String $fixture.OperatorPassword -AsPlainText -Force))
        Tenant                    = $fixture.PartnerTenantId
        Subscription              = $sub
        ContextName               = 'user'
        Force                     = $true
    }
    $null = Connect-AzsCspAccount @userConnect

    function Get-StandInCall([object] $StandIn, [string] $Command) {
        @(Invoke-AzsCspTestPepStandIn -StandIn $StandIn -Command 'Get-PepStandInCall' -Parameters @{ Command = $Command })
    }
    function Get-ArmRequest([string] $PathContains, [string] $Method) {
        @(Get-AzsCspTestRequest -Emulator $emulator -PathContains $PathContains -Method $Method | Where-Object { $_.path -like '/subscriptions/*' })
    }
    $standIns = [System.Collections.Generic.List[object]]::new()
    function New-StandIn([string] $CloudId = ([guid]::NewGuid().ToString())) {
        $s = New-AzsCspTestPepStandIn -Emulator $emulator -CloudId $CloudId
        $standIns.Add($s)
        return $s
    }
}

AfterAll {
    foreach ($s in $standIns) { Remove-AzsCspTestPepStandIn -StandIn $s }
    Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
    Stop-AzsCspTestEmulator -Emulator $emulator
    $env:AZSCSP_CONFIG_DIR = $savedConfigDir
}

Describe 'Get-AzsRegistrationToken' {
    It 'returns the token string of the stamp and writes -TokenOutputFilePath' {
        $cloud = [guid]::NewGuid().ToString()
        $pep = New-StandIn -CloudId $cloud
        $path = Join-Path $TestDrive 'tokens/new/registrationtoken.txt'
        $token = Get-AzsRegistrationToken -PrivilegedEndpointSession $pep -BillingModel Capacity -AgreementNumber '1234567' -UsageReportingEnabled:$false -TokenOutputFilePath $path
        $token | Should -BeOfType ([string])
        $decoded = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($token)) | ConvertFrom-Json
        $decoded.CloudId | Should -Be $cloud
        $decoded.BillingModel | Should -Be 'Capacity'
        $decoded.AgreementNumber | Should -Be '1234567'
        $decoded.UsageReportingEnabled | Should -BeFalse
        (Get-Content -LiteralPath $path -Raw) | Should -Be $token
        @(Get-StandInCall $pep 'New-RegistrationToken').Count | Should -Be 1
    }

    It 'needs -AgreementNumber for Capacity, before calling the privileged endpoint' {
        $pep = New-StandIn
        $err = { Get-AzsRegistrationToken -PrivilegedEndpointSession $pep -BillingModel Capacity } | Should -Throw -ErrorId 'AzsCsp.AgreementNumberRequired,*' -PassThru
        $err.Exception.Message | Should -Match 'Agreement number is null or empty when BillingModel is set to Capacity'
        @(Get-StandInCall $pep).Count | Should -Be 0
    }

    It 'does not write the file with -WhatIf' {
        $pep = New-StandIn
        $path = Join-Path $TestDrive 'tokens/whatif.txt'
        $null = Get-AzsRegistrationToken -PrivilegedEndpointSession $pep -BillingModel Development -TokenOutputFilePath $path -WhatIf
        Test-Path -LiteralPath $path | Should -BeFalse
    }

    It 'reports a privileged endpoint failure as AzsCsp.PrivilegedEndpointCommandFailed' {
        $pep = New-StandIn
        Invoke-AzsCspTestPepStandIn -StandIn $pep -Command 'Set-PepStandInFault' -Parameters @{ Command = 'New-RegistrationToken' }
        $null = Get-AzsRegistrationToken -PrivilegedEndpointSession $pep -BillingModel Development -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.PrivilegedEndpointCommandFailed,Get-AzsRegistrationToken'
        $failures[0].Exception.Message | Should -Match 'Execution timeout'
    }

    It 'feeds Register-AzsEnvironment (the disconnected path works with a service principal)' {
        $cloud = [guid]::NewGuid().ToString()
        $pep = New-StandIn -CloudId $cloud
        $token = Get-AzsRegistrationToken -PrivilegedEndpointSession $pep -BillingModel Development
        (Register-AzsEnvironment -RegistrationToken $token -RegistrationName 'disconnected-stamp' -AzureContext sp).CloudId | Should -Be $cloud
    }
}

Describe 'Privileged endpoint connection (PowerShell remoting, mocked)' {
    It 'opens the session with ConfigurationName PrivilegedEndpoint and en-US culture, 3 tries, then a clear error' {
        Mock -ModuleName AzsCsp New-PSSession { throw 'WinRM cannot complete the operation.' }
        Mock -ModuleName AzsCsp Start-Sleep { }
        $credential = [pscredential]::new('AzureStack\CloudAdmin', (ConvertTo-SecureString -String 'not-used' -AsPlainText -Force))
        $err = { Get-AzsRegistrationToken -PrivilegedEndpointCredential $credential -PrivilegedEndpoint 'AzS-ERCS01' -BillingModel Development } |
            Should -Throw -ErrorId 'AzsCsp.PrivilegedEndpointUnreachable,*' -PassThru
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.Exception.Message | Should -Match 'AzS-ERCS01'
        $err.ErrorDetails.RecommendedAction | Should -Match 'WinRM'
        $err.ErrorDetails.RecommendedAction | Should -Match 'PrivilegedEndpointSession'
        Should -Invoke -ModuleName AzsCsp New-PSSession -Times 3 -Exactly -ParameterFilter {
            $ComputerName -eq 'AzS-ERCS01' -and $ConfigurationName -eq 'PrivilegedEndpoint' -and $Credential.UserName -eq 'AzureStack\CloudAdmin' -and
            $SessionOption.Culture.Name -eq 'en-US' -and $SessionOption.UICulture.Name -eq 'en-US'
        }
    }

    It 'refuses a -PrivilegedEndpointSession that is neither a PSSession nor a Runspace' {
        { Get-AzsRegistrationToken -PrivilegedEndpointSession ([pscustomobject]@{ Name = 'x' }) -BillingModel Development } | Should -Throw -ErrorId 'AzsCsp.InvalidPrivilegedEndpointSession,*'
    }
}

Describe 'Set-AzsRegistration' {
    It 'connects to nothing with -WhatIf' {
        $pep = New-StandIn
        Clear-AzsCspTestRequest -Emulator $emulator
        Set-AzsRegistration -PrivilegedEndpointSession $pep -RegistrationName 'whatif-stamp' -BillingModel PayAsYouUse -WhatIf | Should -BeNullOrEmpty
        @(Get-StandInCall $pep).Count | Should -Be 0
        @(Get-ArmRequest -PathContains '/').Count | Should -Be 0
    }

    It 'registers and activates a stamp, step by step' {
        $cloud = [guid]::NewGuid().ToString()
        $pep = New-StandIn -CloudId $cloud
        Clear-AzsCspTestRequest -Emulator $emulator
        $result = Set-AzsRegistration -PrivilegedEndpointSession $pep -RegistrationName 'connected-stamp' -BillingModel PayAsYouUse
        $result.PSObject.TypeNames | Should -Contain 'AzsCsp.RegistrationOperation'
        $result.Completed | Should -BeTrue
        $result.CloudId | Should -Be $cloud
        $result.Steps.Name | Should -Be @('StampInformation', 'RegistrationKeyPair', 'BridgeServicePrincipal', 'RegistrationToken', 'Registration', 'RoleAssignment', 'ActivationKey', 'Activation')
        @($result.Steps | Where-Object Status -NotIn 'Done', 'AlreadyDone').Name | Should -BeNullOrEmpty
        $result.Registration.CloudId | Should -Be $cloud
        $result.Registration.BillingModel | Should -Be 'PayAsYouUse'
        ((Invoke-AzsCspEmulatorControl -Emulator $emulator -Path '/_emulator/state').registrations | Where-Object name -EQ 'connected-stamp').usageReportingEnabled | Should -BeTrue
        $result.Registration.UsageReportingEnabled | Should -BeTrue
        $result.Registration.MarketplaceSyndicationEnabled | Should -BeTrue

        # The bridge service principal got Azure Stack Registration Owner on the registration.
        $assignment = @(Get-ArmRequest -PathContains 'registrations/connected-stamp/providers/Microsoft.Authorization/roleAssignments/' -Method PUT)
        $assignment.Count | Should -BeGreaterOrEqual 1
        # The user's refresh token went to the privileged endpoint (as the stamp's command takes it: a string).
        $bridge = @(Get-StandInCall $pep 'New-AzureBridgeServicePrincipal')
        $bridge.Count | Should -Be 1
        $bridge[0].ParameterTypes['RefreshToken'] | Should -Be 'System.String'
        $bridge[0].Parameters | Should -Contain 'TenantId'
        @(Get-StandInCall $pep 'New-AzureStackActivation' | Where-Object Succeeded).Count | Should -Be 1
        (Invoke-AzsCspTestPepStandIn -StandIn $pep -Command 'Get-PepStandInActivation').ActivationKey.Split('.').Count | Should -Be 3

        # Checkpoint: non-secret outputs only, mode 0600.
        Test-Path -LiteralPath $result.CheckpointPath | Should -BeTrue
        $result.CheckpointPath | Should -BeLike (Join-Path $env:AZSCSP_CONFIG_DIR '*')
        $text = Get-Content -LiteralPath $result.CheckpointPath -Raw
        $text | Should -Match $cloud
        $text | Should -Not -Match 'refresh'
        $text | Should -Not -Match ([regex]::Escape($fixture.OperatorPassword))
        if (-not $IsWindows) {
            (Get-Item -LiteralPath $result.CheckpointPath).UnixMode | Should -Be '-rw-------'
        }
    }

    It 'never shows the refresh token: not in any stream with -Verbose -Debug, not in the checkpoint' {
        $pep = New-StandIn
        $all = Set-AzsRegistration -PrivilegedEndpointSession $pep -RegistrationName 'secret-stamp' -BillingModel PayAsYouUse -Verbose -Debug *>&1 | Out-String -Width 500
        $refresh = Invoke-AzsCspTestPepStandIn -StandIn $pep -Command 'Get-PepStandInLastRefreshToken'
        $refresh | Should -Not -BeNullOrEmpty
        $all | Should -Match 'BridgeServicePrincipal'
        $all.Contains($refresh) | Should -BeFalse
        $path = Get-ChildItem -LiteralPath (Join-Path $env:AZSCSP_CONFIG_DIR 'registrations') -Filter '*secret-stamp.json'
        (Get-Content -LiteralPath $path.FullName -Raw).Contains($refresh) | Should -BeFalse
    }

    It 'reports every step AlreadyDone when run again after completing' {
        $cloud = [guid]::NewGuid().ToString()
        $pep = New-StandIn -CloudId $cloud
        $null = Set-AzsRegistration -PrivilegedEndpointSession $pep -RegistrationName 'rerun-stamp' -BillingModel PayAsYouUse
        $again = Set-AzsRegistration -PrivilegedEndpointSession $pep -RegistrationName 'rerun-stamp' -BillingModel PayAsYouUse
        $again.Completed | Should -BeTrue
        @($again.Steps | Select-Object -Skip 1).Status | Sort-Object -Unique | Should -Be @('AlreadyDone')
        @(Get-StandInCall $pep 'New-AzureBridgeServicePrincipal').Count | Should -Be 1
    }

    It 'resumes after a privileged endpoint failure without repeating the completed steps' {
        $cloud = [guid]::NewGuid().ToString()
        $pep = New-StandIn -CloudId $cloud
        Invoke-AzsCspTestPepStandIn -StandIn $pep -Command 'Set-PepStandInFault' -Parameters @{ Command = 'New-AzureStackActivation' }
        Clear-AzsCspTestRequest -Emulator $emulator
        $first = Set-AzsRegistration -PrivilegedEndpointSession $pep -RegistrationName 'resume-stamp' -BillingModel PayAsYouUse -ErrorVariable failures -ErrorAction SilentlyContinue
        $first.Completed | Should -BeFalse
        ($first.Steps | Where-Object Name -EQ 'Activation').Status | Should -Be 'Failed'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.PrivilegedEndpointCommandFailed,Set-AzsRegistration'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'resumes at step Activation'

        $second = Set-AzsRegistration -PrivilegedEndpointSession $pep -RegistrationName 'resume-stamp' -BillingModel PayAsYouUse
        $second.Completed | Should -BeTrue
        foreach ($name in 'RegistrationKeyPair', 'BridgeServicePrincipal', 'RegistrationToken', 'Registration', 'RoleAssignment', 'ActivationKey') {
            ($second.Steps | Where-Object Name -EQ $name).Status | Should -Be 'AlreadyDone' -Because "$name was done in the first run"
        }
        ($second.Steps | Where-Object Name -EQ 'Activation').Status | Should -Be 'Done'
        @(Get-StandInCall $pep 'New-AzureBridgeServicePrincipal').Count | Should -Be 1
        @(Get-StandInCall $pep 'New-RegistrationToken').Count | Should -Be 1
        @(Get-StandInCall $pep 'New-AzureStackActivation').Count | Should -Be 2
        @(Get-ArmRequest -PathContains '/registrations/resume-stamp' -Method PUT | Where-Object path -Match '/registrations/resume-stamp$').Count | Should -Be 1
    }

    It 'stops at the bridge service principal with AzsCsp.UserSignInRequired for a service principal sign-in' {
        $pep = New-StandIn
        $result = Set-AzsRegistration -PrivilegedEndpointSession $pep -RegistrationName 'sp-stamp' -BillingModel PayAsYouUse -AzureContext sp -ErrorVariable failures -ErrorAction SilentlyContinue
        $result.Completed | Should -BeFalse
        ($result.Steps | Where-Object Name -EQ 'BridgeServicePrincipal').Status | Should -Be 'Failed'
        ($result.Steps | Where-Object Name -EQ 'Registration').Status | Should -Be 'NotRun'
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.UserSignInRequired,Set-AzsRegistration'
        $failures[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'UseDeviceAuthentication'
        @(Get-StandInCall $pep 'New-AzureBridgeServicePrincipal').Count | Should -Be 0
    }

    It 're-registers with -Reregister using the settings of the registration' {
        $cloud = [guid]::NewGuid().ToString()
        $pep = New-StandIn -CloudId $cloud
        $null = Set-AzsRegistration -PrivilegedEndpointSession $pep -RegistrationName 'rereg-stamp' -BillingModel PayAsYouUse
        $again = Set-AzsRegistration -PrivilegedEndpointSession $pep -Reregister
        $again.Completed | Should -BeTrue
        $again.RegistrationName | Should -Be 'rereg-stamp'
        $again.BillingModel | Should -Be 'PayAsYouUse'
        ($again.Steps | Where-Object Name -EQ 'RegistrationToken').Status | Should -Be 'Done'
        @(Get-StandInCall $pep 'New-RegistrationToken').Count | Should -Be 2
    }

    It 'writes RegistrationNotFound for -Reregister when the stamp has no registration' {
        $pep = New-StandIn
        $null = Set-AzsRegistration -PrivilegedEndpointSession $pep -Reregister -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.RegistrationNotFound,Set-AzsRegistration'
    }

    It 'requires -PrivilegedEndpoint and its credential, or a session' {
        { Set-AzsRegistration -RegistrationName 'x' } | Should -Throw
        { Set-AzsRegistration -PrivilegedEndpointSession 'not a session' -RegistrationName 'x' } | Should -Throw -ErrorId 'AzsCsp.InvalidPrivilegedEndpointSession,*'
    }
}

Describe 'Set-AzsRegistration while the new service principal replicates' {
    BeforeAll {
        $slow = Start-AzsCspTestEmulator -ArgumentList '--principal-replication-delay-ms', '3000'
        $slowUser = $userConnect.Clone()
        $slowUser.ResourceManagerEndpoint = $slow.resourceManagerUrl
        $slowUser.ActiveDirectoryAuthority = $slow.activeDirectoryAuthority
        $slowUser.ActiveDirectoryResourceId = $slow.audience
        $slowUser.CaCertificatePath = $slow.caCertificatePath
        $slowUser.ContextName = 'slowuser'
        $slowUser.Environment = 'AzsCspSlowEmulator'
        $null = Connect-AzsCspAccount @slowUser
    }

    AfterAll {
        Disconnect-AzsCspAccount -ContextName 'slowuser' -ErrorAction SilentlyContinue
        Stop-AzsCspTestEmulator -Emulator $slow
        $null = Connect-AzsCspAccount @userConnect
    }

    It 'retries the role assignment (PrincipalNotFound) until the principal is known' {
        $pep = New-AzsCspTestPepStandIn -Emulator $slow
        $standIns.Add($pep)
        $result = Set-AzsRegistration -PrivilegedEndpointSession $pep -RegistrationName 'replicating-stamp' -BillingModel PayAsYouUse -AzureContext slowuser
        $result.Completed | Should -BeTrue
        ($result.Steps | Where-Object Name -EQ 'RoleAssignment').Status | Should -Be 'Done'
        $puts = @(Get-AzsCspTestRequest -Emulator $slow -PathContains '/roleAssignments/' -Method PUT)
        @($puts | Where-Object status -EQ 400).Count | Should -BeGreaterOrEqual 1 -Because 'the first PUT comes before the principal replicated'
        @($puts | Where-Object status -EQ 201).Count | Should -Be 1
    }

    It 'carries the context of piped registrations (ContextName) to the next command' {
        $null = Connect-AzsCspAccount @userConnect   # the default context is the other emulator again
        Clear-AzsCspTestRequest -Emulator $slow
        $key = Get-AzsRegistration -Context slowuser -SubscriptionId $sub -Name 'replicating-stamp' | Get-AzsActivationKey
        $key.Split('.').Count | Should -Be 3
        $check = Get-AzsRegistration -Context slowuser -SubscriptionId $sub -Name 'replicating-stamp' | Test-AzsCspRegistration
        $check.RegistrationName | Should -Be 'replicating-stamp'
        @(Get-AzsCspTestRequest -Emulator $slow -PathContains '/registrations/replicating-stamp/getactivationkey' -Method POST).Count | Should -Be 1
    }
}

Describe 'Remove-AzsRegistration' {
    It 'connects to nothing with -WhatIf' {
        $pep = New-StandIn -CloudId $fixture.RegistrationCloudId
        Clear-AzsCspTestRequest -Emulator $emulator
        Remove-AzsRegistration -PrivilegedEndpointSession $pep -RegistrationName $fixture.RegistrationName -WhatIf | Should -BeNullOrEmpty
        @(Get-StandInCall $pep).Count | Should -Be 0
        @(Get-ArmRequest -PathContains '/').Count | Should -Be 0
    }

    It 'refuses a registration of another stamp (cloud ID mismatch) and changes nothing' {
        $pep = New-StandIn
        $null = Remove-AzsRegistration -PrivilegedEndpointSession $pep -RegistrationName $fixture.RegistrationName -Force -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.CloudIdMismatch,Remove-AzsRegistration'
        $failures[0].Exception.Message | Should -Match $fixture.RegistrationCloudId
        @(Get-StandInCall $pep 'Remove-AzureStackActivation').Count | Should -Be 0
        (Get-AzsRegistration -SubscriptionId $sub -Name $fixture.RegistrationName).Name | Should -Be 'myreg'
    }

    It 'says plainly that a missing registration is missing' {
        $pep = New-StandIn
        $null = Remove-AzsRegistration -PrivilegedEndpointSession $pep -RegistrationName 'nosuchreg' -Force -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.RegistrationNotFound,Remove-AzsRegistration'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].Exception.Message | Should -Match "'nosuchreg' was not found"
        $failures[0].Exception.Message | Should -Not -Match 'correlate'
        @(Get-StandInCall $pep 'Remove-AzureStackActivation').Count | Should -Be 0
    }

    It 'deactivates the stamp, removes the lock and the registration, and verifies' {
        $cloud = [guid]::NewGuid().ToString()
        $pep = New-StandIn -CloudId $cloud
        $null = Register-AzsEnvironment -RegistrationToken (New-AzsCspTestRegistrationToken -CloudId $cloud) -RegistrationName 'remove-stamp'
        $result = Remove-AzsRegistration -PrivilegedEndpointSession $pep -RegistrationName 'remove-stamp' -Force
        $result.PSObject.TypeNames | Should -Contain 'AzsCsp.RemovedRegistration'
        $result.Removed | Should -BeTrue
        $result.Deactivated | Should -BeTrue
        $result.LockRemoved | Should -BeTrue
        $result.CloudId | Should -Be $cloud
        @(Get-StandInCall $pep 'Remove-AzureStackActivation').Count | Should -Be 1
        Get-AzsRegistration -SubscriptionId $sub -Name 'remove-stamp' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'ConvertFrom-AzsRegistrationToken' {
    BeforeAll {
        function Get-AzureRequest {
            # Every request the module sent to the emulator (ARM and sign-in), not the test's own control calls.
            @(Get-AzsCspTestRequest -Emulator $emulator | Where-Object { $_.path -notlike '/_emulator/*' })
        }
    }

    It 'decodes a token from Get-AzsRegistrationToken (pipeline) into an AzsCsp.RegistrationToken, sending nothing' {
        $cloud = [guid]::NewGuid().ToString()
        $pep = New-StandIn -CloudId $cloud
        $token = Get-AzsRegistrationToken -PrivilegedEndpointSession $pep -BillingModel Development -MarketplaceSyndicationEnabled -UsageReportingEnabled
        Clear-AzsCspTestRequest -Emulator $emulator
        $info = $token | ConvertFrom-AzsRegistrationToken
        $info.PSObject.TypeNames | Should -Contain 'AzsCsp.RegistrationToken'
        $info.CloudId | Should -Be $cloud
        $info.BillingModel | Should -Be 'Development'
        $info.UsageReportingEnabled | Should -BeTrue
        $info.MarketplaceSyndicationEnabled | Should -BeTrue
        $info.StampVersion | Should -Be '1.2311.0.25'
        $info.TokenVersion | Should -Not -BeNullOrEmpty
        $info.IssueDate | Should -BeOfType ([datetime])
        ([datetime]::UtcNow - $info.IssueDate).TotalMinutes | Should -BeLessThan 10
        @(Get-AzureRequest).Count | Should -Be 0
        ($info | Format-Table | Out-String) | Should -Match $cloud
        ($info | Format-List | Out-String) | Should -Match 'MarketplaceSyndicationEnabled\s*:\s*True'
    }

    It 'reads the file written by Get-AzsRegistrationToken -TokenOutputFilePath (-Path, and Get-Item through the pipeline)' {
        $cloud = [guid]::NewGuid().ToString()
        $pep = New-StandIn -CloudId $cloud
        $path = Join-Path $TestDrive 'convert/registrationtoken.txt'
        $null = Get-AzsRegistrationToken -PrivilegedEndpointSession $pep -BillingModel Capacity -AgreementNumber '7654321' -TokenOutputFilePath $path
        $info = ConvertFrom-AzsRegistrationToken -Path $path
        $info.CloudId | Should -Be $cloud
        $info.BillingModel | Should -Be 'Capacity'
        $info.AgreementNumber | Should -Be '7654321'
        $info.UsageReportingEnabled | Should -BeFalse
        (Get-Item -LiteralPath $path | ConvertFrom-AzsRegistrationToken).CloudId | Should -Be $cloud
    }

    It 'binds RegistrationToken by property name' {
        $cloud = [guid]::NewGuid().ToString()
        ([pscustomobject]@{ RegistrationToken = (New-AzsCspTestRegistrationToken -CloudId $cloud) } | ConvertFrom-AzsRegistrationToken).CloudId | Should -Be $cloud
    }

    It 'reports a bad token as InvalidArgument naming the problem, and goes on with the next token' -ForEach @(
        @{ Bad = 'not-a-token!'; Problem = 'base64' }
        @{ Bad = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('{"BillingModel":"Capacity"}')); Problem = 'CloudId' }
    ) {
        $good = New-AzsCspTestRegistrationToken -CloudId $fixture.RegistrationCloudId
        $results = @($Bad, $good | ConvertFrom-AzsRegistrationToken -ErrorVariable failures -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 1
        $results[0].CloudId | Should -Be $fixture.RegistrationCloudId
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.InvalidRegistrationToken,ConvertFrom-AzsRegistrationToken'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].Exception.Message | Should -Match $Problem
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'Get-AzsRegistrationToken'
    }

    It 'does not write the token to the debug stream' {
        $token = New-AzsCspTestRegistrationToken -CloudId $fixture.RegistrationCloudId
        $streams = ConvertFrom-AzsRegistrationToken -RegistrationToken $token -Debug -Verbose 5>&1 4>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] -or $_ -is [System.Management.Automation.VerboseRecord] } | Out-String
        $streams | Should -Match 'registrationToken.decode'
        $streams | Should -Not -Match ([regex]::Escape($token))
    }

    It 'reports a missing token file as ObjectNotFound' {
        $missing = Join-Path $TestDrive 'no/such/token.txt'
        $null = ConvertFrom-AzsRegistrationToken -Path $missing -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.RegistrationTokenFileNotFound,ConvertFrom-AzsRegistrationToken'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'reports an empty token file as a bad token' {
        $empty = Join-Path $TestDrive 'empty-token.txt'
        Set-Content -LiteralPath $empty -Value '' -NoNewline
        $null = ConvertFrom-AzsRegistrationToken -Path $empty -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.InvalidRegistrationToken,ConvertFrom-AzsRegistrationToken'
        $failures[0].Exception.Message | Should -Match 'empty'
    }

    It 'works in a new session without any sign-in' {
        $token = New-AzsCspTestRegistrationToken -CloudId $fixture.RegistrationCloudId
        $script = "`$env:AZSCSP_NATIVE_LIBRARY = '$env:AZSCSP_NATIVE_LIBRARY'; Import-Module '$(Get-AzsCspTestModulePath)'; (ConvertFrom-AzsRegistrationToken '$token').CloudId"
        $pwsh = [Environment]::ProcessPath
        $prefix = @()
        if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $prefix = @([Environment]::GetCommandLineArgs()[0]) }
        $output = & $pwsh @prefix -NoProfile -NonInteractive -Command $script 2>&1 | Out-String
        $output.Trim() | Should -Be $fixture.RegistrationCloudId
    }
}

Describe 'Register-AzsEnvironment shows the token''s flags' {
    It 'takes UsageReportingEnabled and MarketplaceSyndicationEnabled from the token the native core decoded' {
        $cloud = [guid]::NewGuid().ToString()
        $pep = New-StandIn -CloudId $cloud
        $token = Get-AzsRegistrationToken -PrivilegedEndpointSession $pep -BillingModel Development -UsageReportingEnabled -MarketplaceSyndicationEnabled
        $registration = Register-AzsEnvironment -RegistrationToken $token -RegistrationName 'flags-stamp' -SubscriptionId $sub
        $registration.UsageReportingEnabled | Should -BeTrue
        $registration.MarketplaceSyndicationEnabled | Should -BeTrue
        $registration.Token.PSObject.TypeNames | Should -Contain 'AzsCsp.RegistrationToken'
        $registration.Token.CloudId | Should -Be $cloud
        $null = Unregister-AzsEnvironment -RegistrationName 'flags-stamp' -SubscriptionId $sub -Force
    }
}

Describe 'New-AzsActivationResource and Remove-AzsActivationResource' {
    BeforeAll {
        function Get-AzureRequest {
            @(Get-AzsCspTestRequest -Emulator $emulator | Where-Object { $_.path -notlike '/_emulator/*' })
        }
        function New-TestActivationKey { 'eyJhbGciOiJub25lIn0.{0}.c2ln' -f [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes([guid]::NewGuid().ToString())).TrimEnd('=') }
    }

    It 'runs New-AzureStackActivation -ActivationKey -TimeoutInSeconds 1800 on the privileged endpoint only (no Azure call)' {
        $cloud = [guid]::NewGuid().ToString()
        $pep = New-StandIn -CloudId $cloud
        $key = New-TestActivationKey
        Clear-AzsCspTestRequest -Emulator $emulator
        $result = New-AzsActivationResource -PrivilegedEndpointSession $pep -ActivationKey $key
        $result.PSObject.TypeNames | Should -Contain 'AzsCsp.ActivationResource'
        $result.Status | Should -Be 'Activated'
        $result.CloudId | Should -Be $cloud
        $result.StampVersion | Should -Be '1.2311.0.25'
        $result.ActivatedOn | Should -BeOfType ([datetime])
        $calls = @(Get-StandInCall $pep 'New-AzureStackActivation')
        $calls.Count | Should -Be 1
        $calls[0].Parameters | Sort-Object | Should -Be @('ActivationKey', 'TimeoutInSeconds')
        (Invoke-AzsCspTestPepStandIn -StandIn $pep -Command 'Get-PepStandInActivation').ActivationKey | Should -Be $key
        @(Get-AzureRequest).Count | Should -Be 0
        ($result | Format-Table | Out-String) | Should -Match 'Activated'
    }

    It 'takes the key from the pipeline, by value (Get-AzsActivationKey writes a string) and by property name, trimmed' {
        $pep = New-StandIn
        $key = New-TestActivationKey
        ("$key`n" | New-AzsActivationResource -PrivilegedEndpointSession $pep).Status | Should -Be 'Activated'
        (Invoke-AzsCspTestPepStandIn -StandIn $pep -Command 'Get-PepStandInActivation').ActivationKey | Should -Be $key
        $other = New-TestActivationKey
        ([pscustomobject]@{ ActivationKey = $other } | New-AzsActivationResource -PrivilegedEndpointSession $pep).Status | Should -Be 'Activated'
        (Invoke-AzsCspTestPepStandIn -StandIn $pep -Command 'Get-PepStandInActivation').ActivationKey | Should -Be $other
    }

    It 'sends nothing to the privileged endpoint with -WhatIf' {
        $pep = New-StandIn
        New-AzsActivationResource -PrivilegedEndpointSession $pep -ActivationKey (New-TestActivationKey) -WhatIf | Should -BeNullOrEmpty
        Remove-AzsActivationResource -PrivilegedEndpointSession $pep -WhatIf | Should -BeNullOrEmpty
        Remove-AzsActivationResource -PrivilegedEndpointSession $pep -Force -WhatIf | Should -BeNullOrEmpty
        @(Get-StandInCall $pep).Count | Should -Be 0
    }

    It 'does not open a remoting session with -WhatIf' {
        Mock -ModuleName AzsCsp New-PSSession { throw 'must not connect' }
        $cred = [pscredential]::new('AzureStack\CloudAdmin', (ConvertTo-SecureString -String 'x' -AsPlainText -Force))
        New-AzsActivationResource $cred 'azs-ercs01' (New-TestActivationKey) -WhatIf | Should -BeNullOrEmpty
        Remove-AzsActivationResource $cred 'azs-ercs01' -WhatIf | Should -BeNullOrEmpty
        Should -Invoke -ModuleName AzsCsp New-PSSession -Times 0 -Exactly
    }

    It 'surfaces a failed activation on the stamp as AzsCsp.PrivilegedEndpointCommandFailed' {
        $pep = New-StandIn
        Invoke-AzsCspTestPepStandIn -StandIn $pep -Command 'Set-PepStandInFault' -Parameters @{ Command = 'New-AzureStackActivation' }
        $result = New-AzsActivationResource -PrivilegedEndpointSession $pep -ActivationKey (New-TestActivationKey) -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.PrivilegedEndpointCommandFailed,New-AzsActivationResource'
        $failures[0].Exception.Message | Should -Match 'Step Activation failed on the privileged endpoint: New-AzureStackActivation failed: Action plan execution failed'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'Get-AzsActivationKey'
        Invoke-AzsCspTestPepStandIn -StandIn $pep -Command 'Get-PepStandInActivation' | Should -BeNullOrEmpty
    }

    It 'surfaces a key the stamp rejects as an error, not as output' {
        $pep = New-StandIn
        $null = New-AzsActivationResource -PrivilegedEndpointSession $pep -ActivationKey 'not-a-key' -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.PrivilegedEndpointCommandFailed,New-AzsActivationResource'
        $failures[0].Exception.Message | Should -Match 'activation key is malformed'
    }

    It 'rejects an empty key before contacting the privileged endpoint' {
        $pep = New-StandIn
        { New-AzsActivationResource -PrivilegedEndpointSession $pep -ActivationKey '' } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        $null = New-AzsActivationResource -PrivilegedEndpointSession $pep -ActivationKey '   ' -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.ActivationKeyRequired,New-AzsActivationResource'
        @(Get-StandInCall $pep).Count | Should -Be 0
    }

    It 'removes the activation with -Force (Remove-AzureStackActivation, no Azure call)' {
        $cloud = [guid]::NewGuid().ToString()
        $pep = New-StandIn -CloudId $cloud
        $null = New-AzsActivationResource -PrivilegedEndpointSession $pep -ActivationKey (New-TestActivationKey)
        Clear-AzsCspTestRequest -Emulator $emulator
        $result = Remove-AzsActivationResource -PrivilegedEndpointSession $pep -Force
        $result.PSObject.TypeNames | Should -Contain 'AzsCsp.RemovedActivationResource'
        $result.Status | Should -Be 'Removed'
        $result.CloudId | Should -Be $cloud
        @(Get-StandInCall $pep 'Remove-AzureStackActivation').Count | Should -Be 1
        Invoke-AzsCspTestPepStandIn -StandIn $pep -Command 'Get-PepStandInActivation' | Should -BeNullOrEmpty
        @(Get-AzureRequest).Count | Should -Be 0
    }

    It 'surfaces a failed deactivation as AzsCsp.PrivilegedEndpointCommandFailed' {
        $pep = New-StandIn
        Invoke-AzsCspTestPepStandIn -StandIn $pep -Command 'Set-PepStandInFault' -Parameters @{ Command = 'Remove-AzureStackActivation' }
        $result = Remove-AzsActivationResource -PrivilegedEndpointSession $pep -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.PrivilegedEndpointCommandFailed,Remove-AzsActivationResource'
        $failures[0].Exception.Message | Should -Match 'Step Deactivation failed on the privileged endpoint: Remove-AzureStackActivation failed'
    }

    It 'reports an unreachable privileged endpoint as AzsCsp.PrivilegedEndpointUnreachable' {
        Mock -ModuleName AzsCsp New-PSSession { throw 'WinRM cannot complete the operation.' }
        Mock -ModuleName AzsCsp Start-Sleep { }
        $cred = [pscredential]::new('AzureStack\CloudAdmin', (ConvertTo-SecureString -String 'x' -AsPlainText -Force))
        { New-AzsActivationResource $cred 'azs-ercs01' (New-TestActivationKey) -Confirm:$false } | Should -Throw -ErrorId 'AzsCsp.PrivilegedEndpointUnreachable,*'
        { Remove-AzsActivationResource $cred 'azs-ercs01' -Force } | Should -Throw -ErrorId 'AzsCsp.PrivilegedEndpointUnreachable,*'
    }
}

Describe 'Disconnected registration end to end' {
    It 'Get-AzsRegistrationToken -> Register-AzsEnvironment -> Get-AzsActivationKey -> New-AzsActivationResource, then Remove-AzsActivationResource and Unregister-AzsEnvironment' {
        $cloud = [guid]::NewGuid().ToString()
        $pep = New-StandIn -CloudId $cloud
        $name = 'azurestack-' + $cloud
        $tokenPath = Join-Path $TestDrive 'disconnected/registrationtoken.txt'
        $keyPath = Join-Path $TestDrive 'disconnected/activationkey.txt'

        # 1. On the stamp (privileged endpoint only).
        Clear-AzsCspTestRequest -Emulator $emulator
        $null = Get-AzsRegistrationToken -PrivilegedEndpointSession $pep -BillingModel Capacity -AgreementNumber '1234567' -TokenOutputFilePath $tokenPath
        @(Get-AzsCspTestRequest -Emulator $emulator | Where-Object { $_.path -notlike '/_emulator/*' }).Count | Should -Be 0
        (ConvertFrom-AzsRegistrationToken -Path $tokenPath).CloudId | Should -Be $cloud

        # 2. and 3. On the connected machine (Azure only).
        $token = Get-Content -LiteralPath $tokenPath -Raw
        $registration = Register-AzsEnvironment -RegistrationToken $token -RegistrationName $name -SubscriptionId $sub
        $registration.CloudId | Should -Be $cloud
        $registration.BillingModel | Should -Be 'Capacity'
        $registration.UsageReportingEnabled | Should -BeFalse
        $key = Get-AzsActivationKey -RegistrationName $name -SubscriptionId $sub -KeyOutputFilePath $keyPath
        $key | Should -BeOfType ([string])
        @(Get-AzsCspTestRequest -Emulator $emulator | Where-Object { $_.path -like '*/registrations/*' }).Count | Should -BeGreaterThan 0 -Because 'the request log sees the connected steps'

        # 4. On the stamp again (privileged endpoint only).
        Clear-AzsCspTestRequest -Emulator $emulator
        $activation = New-AzsActivationResource -PrivilegedEndpointSession $pep -ActivationKey (Get-Content -LiteralPath $keyPath -Raw)
        $activation.Status | Should -Be 'Activated'
        $activation.CloudId | Should -Be $cloud
        (Invoke-AzsCspTestPepStandIn -StandIn $pep -Command 'Get-PepStandInActivation').ActivationKey | Should -Be $key
        @(Get-AzsCspTestRequest -Emulator $emulator | Where-Object { $_.path -notlike '/_emulator/*' }).Count | Should -Be 0

        # Undo: deactivate on the stamp, then remove the registration from Azure (found by the token's cloud ID).
        (Remove-AzsActivationResource -PrivilegedEndpointSession $pep -Force).Status | Should -Be 'Removed'
        Invoke-AzsCspTestPepStandIn -StandIn $pep -Command 'Get-PepStandInActivation' | Should -BeNullOrEmpty
        $removed = Unregister-AzsEnvironment -RegistrationToken $token -SubscriptionId $sub -Force
        $removed.RegistrationName | Should -Be $name
        Get-AzsRegistration -SubscriptionId $sub -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @(Get-StandInCall $pep).Command | Should -Be @('New-RegistrationToken', 'New-AzureStackActivation', 'Get-AzureStackStampInformation', 'Get-AzureStackStampInformation', 'Remove-AzureStackActivation')
    }
}
