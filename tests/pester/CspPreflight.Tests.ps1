#Requires -Version 7.2
# Test-AzsCspRegistration and the pre-flight / -CustomerDomain of New-AzsCustomerSubscription against azscsp-emulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AzsCspTestModulePath) -Force
    $emulator = Start-AzsCspTestEmulator
    $fixture = Get-AzsCspTestFixture
    $sub = $fixture.RegistrationSubscriptionId
    $fabrikam = $fixture.Customers[0]
    $adatum = $fixture.Customers[1]
    $connect = Get-AzsCspTestConnectParameter -Emulator $emulator
    $null = Connect-AzsCspAccount @connect

    function Get-Put {
        @(Get-AzsCspTestRequest -Emulator $emulator -PathContains 'customerSubscriptions' -Method PUT)
    }
}

AfterAll {
    Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
    Stop-AzsCspTestEmulator -Emulator $emulator
}

Describe 'Test-AzsCspRegistration' {
    BeforeAll {
        Reset-AzsCspTestEmulator -Emulator $emulator
    }

    It 'passes every check for a PayAsYouUse registration approved for CSP' {
        $result = Test-AzsCspRegistration -RegistrationName $fixture.RegistrationName -SubscriptionId $sub
        $result.PSObject.TypeNames | Should -Contain 'AzsCsp.RegistrationCheckResult'
        $result.Passed | Should -BeTrue
        $result.Checks.Name | Should -Contain 'RegistrationExists'
        $result.Checks.Name | Should -Contain 'BillingModel'
        $result.Checks.Name | Should -Contain 'MultiTenancyApproved'
        $result.Checks[0].PSObject.TypeNames | Should -Contain 'AzsCsp.RegistrationCheck'
        ($result.Checks | Where-Object Name -EQ 'CustomerTenant').Status | Should -Be 'Skipped'
        @($result.Checks | Where-Object Status -EQ 'Failed').Count | Should -Be 0
        $result.Registration.CloudId | Should -Be $fixture.RegistrationCloudId
        $text = $result | Out-String -Width 200
        $text | Should -Match 'Passed: True'
        $text | Should -Match 'MultiTenancyApproved'
    }

    It 'fails BillingModel on capacityreg with CustomerSubscriptionsNotAllowed and the PayAsYouUse advice' {
        $result = Test-AzsCspRegistration -RegistrationName $fixture.CapacityRegistrationName -SubscriptionId $sub
        $result.Passed | Should -BeFalse
        $check = $result.Checks | Where-Object Name -EQ 'BillingModel'
        $check.Status | Should -Be 'Failed'
        $check.ErrorCode | Should -Be 'CustomerSubscriptionsNotAllowed'
        $check.RecommendedAction | Should -Match 'PayAsYouUse'
    }

    It 'fails MultiTenancyApproved on unapprovedreg with UnauthorizedCspRegistration and the email advice' {
        $result = Test-AzsCspRegistration -RegistrationName $fixture.UnapprovedRegistrationName -SubscriptionId $sub
        $result.Passed | Should -BeFalse
        $check = $result.Checks | Where-Object Name -EQ 'MultiTenancyApproved'
        $check.Status | Should -Be 'Failed'
        $check.ErrorCode | Should -Be 'UnauthorizedCspRegistration'
        $check.RecommendedAction | Should -Match 'azstcsp@microsoft\.com'
    }

    It 'fails RegistrationExists for a missing registration and skips the checks that depend on it' {
        $result = Test-AzsCspRegistration -RegistrationName 'nosuchreg' -SubscriptionId $sub
        $result.Passed | Should -BeFalse
        ($result.Checks | Where-Object Name -EQ 'RegistrationExists').Status | Should -Be 'Failed'
        ($result.Checks | Where-Object Name -EQ 'BillingModel').Status | Should -Be 'Skipped'
    }

    It 'resolves -CustomerDomain <Domain> to its tenant ID' -ForEach @(
        @{ Domain = 'contosocsp.onmicrosoft.com'; Tenant = '530c1840-90ce-4fab-b0f9-3be7428f67ec' }
        @{ Domain = 'fabrikam.onmicrosoft.com'; Tenant = 'e40189a3-e640-46a3-b8ff-16b642010b0d' }
    ) {
        $result = Test-AzsCspRegistration -RegistrationName $fixture.RegistrationName -SubscriptionId $sub -CustomerDomain $Domain
        $result.TenantId | Should -Be $Tenant
        ($result.Checks | Where-Object Name -EQ 'CustomerTenant').Status | Should -Be 'Passed'
    }

    It 'fails CustomerTenant with TenantNotFound for an unknown domain' {
        $result = Test-AzsCspRegistration -RegistrationName $fixture.RegistrationName -SubscriptionId $sub -CustomerDomain 'nosuchtenant.onmicrosoft.com'
        $result.Passed | Should -BeFalse
        $check = $result.Checks | Where-Object Name -EQ 'CustomerTenant'
        $check.Status | Should -Be 'Failed'
        $check.ErrorCode | Should -Be 'TenantNotFound'
        $check.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'warns when the tenant is already mapped under another subscription (the PUT would replace it)' {
        $null = New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName myreg -CustomerSubscriptionId $fabrikam.CustomerSubscriptionId -TenantId $fabrikam.TenantId
        $result = Test-AzsCspRegistration -RegistrationName myreg -SubscriptionId $sub -CustomerSubscriptionId $adatum.CustomerSubscriptionId -TenantId $fabrikam.TenantId
        $check = $result.Checks | Where-Object Name -EQ 'CustomerSubscriptionId'
        $check.Status | Should -Be 'Warning'
        $check.Message | Should -Match 'replace'
        $result.Passed | Should -BeTrue -Because 'a warning does not fail the pre-flight'
        $null = Remove-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName myreg -CustomerSubscriptionId $fabrikam.CustomerSubscriptionId -Force
    }

    It 'returns only $true or $false with -Quiet' {
        Test-AzsCspRegistration -RegistrationName $fixture.RegistrationName -SubscriptionId $sub -Quiet | Should -BeTrue
        Test-AzsCspRegistration -RegistrationName $fixture.CapacityRegistrationName -SubscriptionId $sub -Quiet | Should -BeFalse
    }

    It 'takes -ResourceId and registrations from the pipeline' {
        $id = "/subscriptions/$sub/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/myreg"
        (Test-AzsCspRegistration -ResourceId $id).Passed | Should -BeTrue
        $results = @(Get-AzsRegistration -SubscriptionId $sub | Sort-Object Name | Test-AzsCspRegistration)
        $results.RegistrationName | Should -Be @('capacityreg', 'myreg', 'unapprovedreg')
        $results.Passed | Should -Be @($false, $true, $false)
    }

    It 'runs only the checks named with -Check' {
        $result = Test-AzsCspRegistration -RegistrationName $fixture.CapacityRegistrationName -SubscriptionId $sub -Check RegistrationExists
        @($result.Checks | Where-Object Status -NE 'Skipped').Name | Should -Be @('RegistrationExists')
        $result.Passed | Should -BeTrue
    }
}

Describe 'New-AzsCustomerSubscription pre-flight' {
    BeforeEach {
        Reset-AzsCspTestEmulator -Emulator $emulator
    }

    It 'refuses a Capacity registration before the PUT, with the service code and advice, and continues with other rows' {
        $rows = @(
            [pscustomobject]@{ RegistrationSubscriptionId = $sub; RegistrationName = 'capacityreg'; CustomerSubscriptionId = $fabrikam.CustomerSubscriptionId }
            [pscustomobject]@{ RegistrationSubscriptionId = $sub; RegistrationName = 'myreg'; CustomerSubscriptionId = $fabrikam.CustomerSubscriptionId }
            [pscustomobject]@{ RegistrationSubscriptionId = $sub; RegistrationName = 'capacityreg'; CustomerSubscriptionId = $adatum.CustomerSubscriptionId }
        )
        $result = @($rows | New-AzsCustomerSubscription -ErrorVariable failures -ErrorAction SilentlyContinue)
        $result.Count | Should -Be 1
        $result[0].RegistrationName | Should -Be 'myreg'
        $failures.Count | Should -Be 2
        foreach ($record in $failures) {
            $record.FullyQualifiedErrorId | Should -Be 'AzsCsp.CustomerSubscriptionsNotAllowed,New-AzsCustomerSubscription'
            $record.ErrorDetails.RecommendedAction | Should -Match 'PayAsYouUse'
            $record.Exception.Message | Should -Match 'BillingModel'
        }
        $failures[0].TargetObject | Should -Be $rows[0]
        @(Get-Put | Where-Object path -Like '*capacityreg*').Count | Should -Be 0 -Because 'no PUT is sent for a failed pre-flight'
        @(Get-AzsCspTestRequest -Emulator $emulator -PathContains '/registrations/capacityreg' -Method GET | Where-Object path -Match '/registrations/capacityreg$').Count |
            Should -Be 1 -Because 'the pre-flight runs once per registration per pipeline'
    }

    It 'refuses an unapproved registration with UnauthorizedCspRegistration and the email advice' {
        $result = New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName unapprovedreg -CustomerSubscriptionId $fabrikam.CustomerSubscriptionId -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.UnauthorizedCspRegistration,New-AzsCustomerSubscription'
        $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'azstcsp@microsoft\.com.*414f12af-d3bb-44fd-a278-d0aff47d869b.*azurestack.*unapprovedreg'
        @(Get-Put).Count | Should -Be 0
    }

    It 'sends the PUT with -SkipCheck (the service answers)' {
        $null = New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName capacityreg -CustomerSubscriptionId $fabrikam.CustomerSubscriptionId -SkipCheck -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.CustomerSubscriptionsNotAllowed,New-AzsCustomerSubscription'
        $failures[0].Exception.HttpStatus | Should -BeGreaterThan 399
        @(Get-Put).Count | Should -Be 1
    }

    It 'resolves -CustomerDomain to the tenant ID' {
        $result = New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName myreg -CustomerSubscriptionId $fabrikam.CustomerSubscriptionId -CustomerDomain $fixture.FabrikamDomain
        $result.TenantId | Should -Be $fabrikam.TenantId
        (Get-Put)[0].path | Should -Match $fabrikam.CustomerSubscriptionId
    }

    It 'resolves a domain name in the CSV tenantId column, once per domain' {
        $csv = Join-Path $TestDrive 'domains.csv'
        @(
            'CustomerSubscriptionId,tenantId'
            "$($fabrikam.CustomerSubscriptionId),fabrikam.onmicrosoft.com"
            "$($adatum.CustomerSubscriptionId),$($adatum.TenantId)"
        ) | Set-Content -LiteralPath $csv
        $result = @(Import-Csv $csv | New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName myreg)
        $result.Count | Should -Be 2
        ($result | Where-Object CustomerSubscriptionId -EQ $fabrikam.CustomerSubscriptionId).TenantId | Should -Be $fabrikam.TenantId
        ($result | Where-Object CustomerSubscriptionId -EQ $adatum.CustomerSubscriptionId).TenantId | Should -Be $adatum.TenantId
    }

    It 'accepts the Domain column by property name' {
        $row = [pscustomobject]@{ CustomerSubscriptionId = $fabrikam.CustomerSubscriptionId; Domain = 'fabrikam.onmicrosoft.com' }
        ($row | New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName myreg).TenantId | Should -Be $fabrikam.TenantId
    }

    It 'writes TenantNotFound for an unknown domain without sending the PUT' {
        $null = New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName myreg -CustomerSubscriptionId $fabrikam.CustomerSubscriptionId -CustomerDomain 'nosuchtenant.onmicrosoft.com' -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.TenantNotFound,New-AzsCustomerSubscription'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'nosuchtenant\.onmicrosoft\.com'
        @(Get-Put).Count | Should -Be 0
    }

    It 'refuses a domain that names another tenant than -TenantId' {
        $null = New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName myreg -CustomerSubscriptionId $fabrikam.CustomerSubscriptionId -TenantId $adatum.TenantId -CustomerDomain 'fabrikam.onmicrosoft.com' -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.TenantMismatch,New-AzsCustomerSubscription'
        @(Get-Put).Count | Should -Be 0
    }

    It 'sends nothing at all with -WhatIf (no pre-flight, no resolution)' {
        Clear-AzsCspTestRequest -Emulator $emulator
        New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName capacityreg -CustomerSubscriptionId $fabrikam.CustomerSubscriptionId -CustomerDomain 'fabrikam.onmicrosoft.com' -WhatIf | Should -BeNullOrEmpty
        @(Get-AzsCspTestRequest -Emulator $emulator | Where-Object { $_.path -notlike '/_emulator*' }).Count | Should -Be 0
    }
}
