#Requires -Version 7.2
# Register-AzsEnvironment, Get-AzsActivationKey, UnRegister-AzsEnvironment and Get-AzsRegistration's
# token fields against azscsp-emulator (REST only, no privileged endpoint).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AzsCspTestModulePath) -Force
    $emulator = Start-AzsCspTestEmulator
    $fixture = Get-AzsCspTestFixture
    $sub = $fixture.RegistrationSubscriptionId
    $connect = Get-AzsCspTestConnectParameter -Emulator $emulator
    $null = Connect-AzsCspAccount @connect

    function Get-ArmRequest([string] $PathContains, [string] $Method) {
        # ARM requests only (not the token endpoint, not /_emulator).
        @(Get-AzsCspTestRequest -Emulator $emulator -PathContains $PathContains -Method $Method | Where-Object { $_.path -like '/subscriptions/*' })
    }
}

AfterAll {
    Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
    Stop-AzsCspTestEmulator -Emulator $emulator
}

Describe 'Register-AzsEnvironment' {
    BeforeEach {
        Reset-AzsCspTestEmulator -Emulator $emulator
    }

    It 'registers a stamp from its token and reports the steps' {
        $cloud = [guid]::NewGuid().ToString()
        $token = New-AzsCspTestRegistrationToken -CloudId $cloud -BillingModel PayAsYouUse -UsageReportingEnabled $true -MarketplaceSyndicationEnabled $false
        $result = Register-AzsEnvironment -RegistrationToken $token -RegistrationName 'azurestack-new' -SubscriptionId $sub
        $result | Should -BeOfType ([AzsCsp.Registration])
        $result.Name | Should -Be 'azurestack-new'
        $result.ResourceGroupName | Should -Be 'azurestack'
        $result.CloudId | Should -Be $cloud
        $result.BillingModel | Should -Be 'PayAsYouUse'
        # The emulator keeps the token's flags in its state (the spec's Registration has no such
        # properties, so they are not returned) ...
        $stored = (Invoke-AzsCspEmulatorControl -Emulator $emulator -Path '/_emulator/state').registrations | Where-Object name -EQ 'azurestack-new'
        $stored.usageReportingEnabled | Should -BeTrue
        $stored.marketplaceSyndicationEnabled | Should -BeFalse
        # ... so Register-AzsEnvironment takes them from the token.
        $result.UsageReportingEnabled | Should -BeTrue
        $result.MarketplaceSyndicationEnabled | Should -BeFalse
        $result.Steps.Name | Should -Be @('ValidateToken', 'ProviderRegistration', 'ResourceGroupLocation', 'ResourceGroup', 'RemoveLock', 'Registration', 'Lock')
        ($result.Steps | Where-Object Name -EQ 'Registration').Status | Should -Be 'Done'
        $result.Steps[0].PSObject.TypeNames | Should -Contain 'AzsCsp.RegistrationStep'
        @(Get-ArmRequest -PathContains 'registrations/azurestack-new/providers/Microsoft.Authorization/locks/RegistrationResourceLock' -Method PUT).Count | Should -Be 1
        (Get-AzsRegistration -SubscriptionId $sub -Name 'azurestack-new').CloudId | Should -Be $cloud
    }

    It 'is safe to run again: the registration step reports AlreadyDone' {
        $token = New-AzsCspTestRegistrationToken
        $null = Register-AzsEnvironment $token 'azurestack-again' -SubscriptionId $sub
        $second = Register-AzsEnvironment $token 'azurestack-again' -SubscriptionId $sub
        ($second.Steps | Where-Object Name -EQ 'Registration').Status | Should -Be 'AlreadyDone'
        ($second.Steps | Where-Object Name -EQ 'ResourceGroup').Status | Should -Be 'AlreadyDone'
    }

    It 'takes the subscription from the context when it has one' {
        $named = Get-AzsCspTestConnectParameter -Emulator $emulator -ContextName 'withsub'
        $null = Connect-AzsCspAccount @named -Subscription $sub
        try {
            $result = Register-AzsEnvironment -RegistrationToken (New-AzsCspTestRegistrationToken) -RegistrationName 'azurestack-ctx' -AzureContext 'withsub'
            $result.SubscriptionId | Should -Be $sub
        }
        finally {
            Disconnect-AzsCspAccount -ContextName 'withsub' -ErrorAction SilentlyContinue
            $null = Connect-AzsCspAccount @connect
        }
    }

    It 'needs -SubscriptionId when the context has none' {
        { Register-AzsEnvironment -RegistrationToken (New-AzsCspTestRegistrationToken) -RegistrationName 'x' } | Should -Throw -ErrorId 'AzsCsp.SubscriptionIdRequired,*'
    }

    It 'sends nothing with -WhatIf' {
        Clear-AzsCspTestRequest -Emulator $emulator
        Register-AzsEnvironment -RegistrationToken (New-AzsCspTestRegistrationToken) -RegistrationName 'azurestack-whatif' -SubscriptionId $sub -WhatIf | Should -BeNullOrEmpty
        @(Get-ArmRequest -PathContains '/').Count | Should -Be 0
    }

    It 'rejects a malformed token before any request' {
        Clear-AzsCspTestRequest -Emulator $emulator
        $err = { Register-AzsEnvironment -RegistrationToken 'not-a-token' -RegistrationName 'x' -SubscriptionId $sub } | Should -Throw -ErrorId 'AzsCsp.InvalidRegistrationToken,*' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.ErrorDetails.RecommendedAction | Should -Match 'Get-AzsRegistrationToken'
        @(Get-ArmRequest -PathContains '/').Count | Should -Be 0
    }

    It 'requires the token and the name' {
        { Register-AzsEnvironment -RegistrationName 'x' -SubscriptionId $sub } | Should -Throw -ErrorId 'MissingMandatoryParameter*'
        { Register-AzsEnvironment -RegistrationToken (New-AzsCspTestRegistrationToken) -SubscriptionId $sub } | Should -Throw -ErrorId 'MissingMandatoryParameter*'
    }

    It 'writes CloudIdUpdateNotAllowed with a recommended action when the name holds another stamp' {
        $token = New-AzsCspTestRegistrationToken -CloudId ([guid]::NewGuid().ToString())
        $result = Register-AzsEnvironment -RegistrationToken $token -RegistrationName $fixture.RegistrationName -SubscriptionId $sub -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.CloudIdUpdateNotAllowed,Register-AzsEnvironment'
        $failures[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'unique -RegistrationName'
    }

    It 'writes UnknownResourceGroupLocation for a location the subscription does not have' {
        $null = Register-AzsEnvironment -RegistrationToken (New-AzsCspTestRegistrationToken) -RegistrationName 'x' -ResourceGroupName 'newrg' -ResourceGroupLocation 'nowhere' -SubscriptionId $sub -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.UnknownResourceGroupLocation,Register-AzsEnvironment'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'ResourceGroupLocation'
    }
}

Describe 'Get-AzsRegistration token fields' {
    It 'shows BillingModel, CloudId, ObjectId, UsageReportingEnabled and MarketplaceSyndicationEnabled' {
        Reset-AzsCspTestEmulator -Emulator $emulator
        $cloud = [guid]::NewGuid().ToString()
        $null = Register-AzsEnvironment -RegistrationToken (New-AzsCspTestRegistrationToken -CloudId $cloud -BillingModel Development -UsageReportingEnabled $false -MarketplaceSyndicationEnabled $true) -RegistrationName 'azurestack-fields' -SubscriptionId $sub
        $registration = Get-AzsRegistration -SubscriptionId $sub -Name 'azurestack-fields'
        $registration.BillingModel | Should -Be 'Development'
        $registration.CloudId | Should -Be $cloud
        $registration.ObjectId | Should -Not -BeNullOrEmpty
        # Absent from the service's answer: unknown ($null), not $false.
        $registration.UsageReportingEnabled | Should -BeNullOrEmpty
        $registration.MarketplaceSyndicationEnabled | Should -BeNullOrEmpty
        $table = $registration | Format-Table | Out-String -Width 200
        $table | Should -Match $cloud
        $table | Should -Match 'Syndication'
        $list = $registration | Format-List | Out-String -Width 200
        $list | Should -Match 'ObjectId'
        $list | Should -Match 'UsageReportingEnabled'
    }

    It 'reads the flags when the service returns them (booleans or "true"/"True" strings)' {
        $json = '{"id":"/subscriptions/414f12af-d3bb-44fd-a278-d0aff47d869b/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/r1","properties":{"cloudId":"c902d338-1d28-4c50-8283-1fdf0b326df6","objectId":"o","billingModel":"PayAsYouUse","usageReportingEnabled":"True","marketplaceSyndicationEnabled":false}}'
        $document = [System.Text.Json.JsonDocument]::Parse($json)
        $registration = [AzsCsp.Registration]::FromJson($document.RootElement, 'ctx')
        $registration.UsageReportingEnabled | Should -BeTrue
        $registration.MarketplaceSyndicationEnabled | Should -BeFalse
        $registration.BillingModel | Should -Be 'PayAsYouUse'
        ($registration | Format-Table | Out-String -Width 200) | Should -Match 'True\s+False'
    }
}

Describe 'Get-AzsActivationKey' {
    BeforeAll {
        Reset-AzsCspTestEmulator -Emulator $emulator
    }

    It 'returns the activation key string' {
        $key = Get-AzsActivationKey -RegistrationName $fixture.RegistrationName -SubscriptionId $sub
        $key | Should -BeOfType ([string])
        $key.Split('.').Count | Should -Be 3
    }

    It 'writes the key to -KeyOutputFilePath, creating the folder' {
        $path = Join-Path $TestDrive 'keys/nested/activationkey.txt'
        $key = Get-AzsActivationKey $fixture.RegistrationName $null 'azurestack' $path -SubscriptionId $sub
        Get-Content -LiteralPath $path -Raw | Should -Be $key
        @(Get-ChildItem -LiteralPath (Split-Path $path) -Force).Count | Should -Be 1 -Because 'no temporary file is left behind'
    }

    It 'does not write the file with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif/activationkey.txt'
        $null = Get-AzsActivationKey -RegistrationName $fixture.RegistrationName -SubscriptionId $sub -KeyOutputFilePath $path -WhatIf
        Test-Path -LiteralPath $path | Should -BeFalse
    }

    It 'pipes from Get-AzsRegistration' {
        (Get-AzsRegistration -SubscriptionId $sub -Name $fixture.RegistrationName | Get-AzsActivationKey).Split('.').Count | Should -Be 3
    }

    It 'writes ObjectNotFound for a missing registration' {
        $null = Get-AzsActivationKey -RegistrationName 'nosuchreg' -SubscriptionId $sub -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AzsCsp.*,Get-AzsActivationKey'
    }
}

Describe 'UnRegister-AzsEnvironment' {
    BeforeEach {
        Reset-AzsCspTestEmulator -Emulator $emulator
    }

    It 'stops with the documented message when no registration is named (<Spelling>)' -ForEach @(
        @{ Spelling = 'UnRegister-AzsEnvironment' }
        @{ Spelling = 'Unregister-AzsEnvironment' }
    ) {
        $err = { & $Spelling -SubscriptionId $sub -Force } | Should -Throw -ErrorId 'AzsCsp.RegistrationIdentifierRequired,*' -PassThru
        $err.Exception.Message | Should -Be 'Unable to find registration resource with the given parameters. Please provide one of the following: RegistrationName, RegistrationToken, or CloudId'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'finds the right registration by token among several' {
        $tokenA = New-AzsCspTestRegistrationToken
        $tokenB = New-AzsCspTestRegistrationToken
        $null = Register-AzsEnvironment $tokenA 'stamp-a' -SubscriptionId $sub
        $b = Register-AzsEnvironment $tokenB 'stamp-b' -SubscriptionId $sub
        $result = UnRegister-AzsEnvironment -RegistrationToken $tokenB -SubscriptionId $sub -Force
        $result.PSObject.TypeNames | Should -Contain 'AzsCsp.UnregisteredRegistration'
        $result.RegistrationName | Should -Be 'stamp-b'
        $result.CloudId | Should -Be $b.CloudId
        $result.LockRemoved | Should -BeTrue
        @(Get-AzsRegistration -SubscriptionId $sub -ResourceGroupName azurestack).Name | Sort-Object | Should -Be @('capacityreg', 'myreg', 'stamp-a', 'unapprovedreg')
    }

    It 'removes by cloud ID and by name (both spellings)' {
        $token = New-AzsCspTestRegistrationToken
        $registered = Register-AzsEnvironment $token 'stamp-c' -SubscriptionId $sub
        (Unregister-AzsEnvironment -CloudId $registered.CloudId -SubscriptionId $sub -Confirm:$false).RegistrationName | Should -Be 'stamp-c'
        $null = Register-AzsEnvironment (New-AzsCspTestRegistrationToken) 'stamp-d' -SubscriptionId $sub
        (UnRegister-AzsEnvironment -RegistrationName 'stamp-d' -ResourceGroupName azurestack -SubscriptionId $sub -Force).Id | Should -Match '/registrations/stamp-d$'
        Get-AzsRegistration -SubscriptionId $sub -Name 'stamp-d' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'takes registrations from the pipeline' {
        $null = Register-AzsEnvironment (New-AzsCspTestRegistrationToken) 'stamp-p' -SubscriptionId $sub
        (Get-AzsRegistration -SubscriptionId $sub -Name 'stamp-p' | Unregister-AzsEnvironment -Force).RegistrationName | Should -Be 'stamp-p'
    }

    It 'sends nothing with -WhatIf' {
        Clear-AzsCspTestRequest -Emulator $emulator
        UnRegister-AzsEnvironment -RegistrationName $fixture.RegistrationName -SubscriptionId $sub -WhatIf | Should -BeNullOrEmpty
        Unregister-AzsEnvironment -CloudId $fixture.RegistrationCloudId -SubscriptionId $sub -WhatIf | Should -BeNullOrEmpty
        @(Get-ArmRequest -PathContains '/').Count | Should -Be 0
        (Get-AzsRegistration -SubscriptionId $sub -Name $fixture.RegistrationName).Name | Should -Be 'myreg'
    }

    It 'writes RegistrationNotFound naming the cloud ID when no registration has it' {
        $cloud = [guid]::NewGuid().ToString()
        $null = Unregister-AzsEnvironment -CloudId $cloud -SubscriptionId $sub -Force -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.RegistrationNotFound,Unregister-AzsEnvironment'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].Exception.Message | Should -Match $cloud
    }

    It 'rejects a cloud ID that is not a GUID' {
        { Unregister-AzsEnvironment -CloudId 'nope' -SubscriptionId $sub -Force } | Should -Throw -ErrorId 'AzsCsp.InvalidCloudId,*'
    }

    It 'writes ScopeLocked with a recommended action when the delete is refused by a lock' {
        $null = Register-AzsEnvironment (New-AzsCspTestRegistrationToken) 'stamp-locked' -SubscriptionId $sub
        Add-AzsCspTestFault -Emulator $emulator -Fault @{
            method = 'DELETE'; pathContains = 'registrations/stamp-locked'; status = 409; count = 5
            body = @{ error = @{ code = 'ScopeLocked'; message = "The scope cannot perform delete operation because following scope(s) are locked: 'stamp-locked'." } }
        }
        $null = Unregister-AzsEnvironment -RegistrationName 'stamp-locked' -SubscriptionId $sub -Force -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.ScopeLocked,Unregister-AzsEnvironment'
        $failures[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'RegistrationResourceLock'
    }
}
