#Requires -Version 7.2
# Get-AzsRegistration against azscsp-emulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AzsCspTestModulePath) -Force
    $emulator = Start-AzsCspTestEmulator
    $fixture = Get-AzsCspTestFixture
    $sub = $fixture.RegistrationSubscriptionId
    $connect = Get-AzsCspTestConnectParameter -Emulator $emulator
    $null = Connect-AzsCspAccount @connect
}

AfterAll {
    Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
    Stop-AzsCspTestEmulator -Emulator $emulator
}

Describe 'Get-AzsRegistration' {
    BeforeEach {
        Clear-AzsCspTestRequest -Emulator $emulator
    }

    It 'gets one registration by name (resource group azurestack by default)' {
        $registration = Get-AzsRegistration -SubscriptionId $sub -Name $fixture.RegistrationName
        $registration | Should -BeOfType ([AzsCsp.Registration])
        $registration.Name | Should -Be 'myreg'
        $registration.ResourceGroupName | Should -Be 'azurestack'
        $registration.SubscriptionId | Should -Be $sub
        $registration.BillingModel | Should -Be 'PayAsYouUse'
        $registration.CloudId | Should -Be 'c902d338-1d28-4c50-8283-1fdf0b326df6'
        $registration.Location | Should -Be 'global'
        $registration.Id | Should -Be "/subscriptions/$sub/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/myreg"
        $registration.ResourceId | Should -Be $registration.Id
        $registration.RegistrationName | Should -Be 'myreg'
        $registration.RegistrationSubscriptionId | Should -Be $sub
        $request = @(Get-AzsCspTestRequest -Emulator $emulator -PathContains '/registrations/myreg' -Method GET)
        $request.Count | Should -Be 1
        $request[0].query | Should -Match 'api-version=2017-06-01'
    }

    It 'accepts -RegistrationName and -ResourceGroupName' {
        (Get-AzsRegistration -SubscriptionId $sub -ResourceGroupName azurestack -RegistrationName capacityreg).BillingModel | Should -Be 'Capacity'
    }

    It 'lists the registrations of a subscription and of a resource group' {
        $all = @(Get-AzsRegistration -SubscriptionId $sub)
        $all.Name | Sort-Object | Should -Be @('capacityreg', 'myreg', 'unapprovedreg')
        @(Get-AzsRegistration -SubscriptionId $sub -ResourceGroupName azurestack).Count | Should -Be 3
    }

    It 'filters by a wildcard name' {
        @(Get-AzsRegistration -SubscriptionId $sub -Name '*reg' | Sort-Object Name).Name | Should -Be @('capacityreg', 'myreg', 'unapprovedreg')
        @(Get-AzsRegistration -SubscriptionId $sub -Name 'cap*').Name | Should -Be @('capacityreg')
    }

    It 'sends -ApiVersion 2022-06-01' {
        $null = Get-AzsRegistration -SubscriptionId $sub -Name myreg -ApiVersion 2022-06-01
        (Get-AzsCspTestRequest -Emulator $emulator -PathContains '/registrations/myreg' -Method GET)[0].query | Should -Match 'api-version=2022-06-01'
    }

    It 'writes an ObjectNotFound error for a missing registration' {
        $result = Get-AzsRegistration -SubscriptionId $sub -Name 'nosuchreg' -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AzsCsp.*,Get-AzsRegistration'
        $failures[0].Exception.HttpStatus | Should -Be 404
        $failures[0].Exception.RequestId | Should -Not -BeNullOrEmpty
        $failures[0].Exception.Message | Should -Match 'HTTP 404'
    }

    It 'rejects a malformed subscription ID without a request' {
        Get-AzsRegistration -SubscriptionId 'not-a-guid' -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AzsCsp.InvalidSubscriptionId,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-AzsCspTestRequest -Emulator $emulator -PathContains 'registrations').Count | Should -Be 0
    }

    It 'needs a subscription when the context has none' {
        { Get-AzsRegistration } | Should -Throw -ErrorId 'AzsCsp.SubscriptionIdRequired,*'
    }

    It 'pipes a registration into Get-AzsCustomerSubscription' {
        $customer = $fixture.Customers[0]
        $null = New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName myreg -CustomerSubscriptionId $customer.CustomerSubscriptionId
        $mappings = @(Get-AzsRegistration -SubscriptionId $sub -Name myreg | Get-AzsCustomerSubscription)
        $mappings.CustomerSubscriptionId | Should -Contain $customer.CustomerSubscriptionId
    }
}
