#Requires -Version 7.2
# The documented service behaviour (api.md section 11 rows 1-2): PUT answers 201 with no body and DELETE
# always 204. azscsp-emulator --docs-mode answers that way; the cmdlets still write full objects.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AzsCspTestModulePath) -Force
    $emulator = Start-AzsCspTestEmulator -ArgumentList '--docs-mode'
    $fixture = Get-AzsCspTestFixture
    $mapping = @{ RegistrationSubscriptionId = $fixture.RegistrationSubscriptionId; RegistrationName = $fixture.RegistrationName }
    $connect = Get-AzsCspTestConnectParameter -Emulator $emulator
    $null = Connect-AzsCspAccount @connect
}

AfterAll {
    Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
    Stop-AzsCspTestEmulator -Emulator $emulator
}

Describe 'Customer subscriptions against the documented 201/204 answers' {
    It 'writes the mapping read back after a 201 with no body' {
        $customer = $fixture.Customers[1]
        $result = New-AzsCustomerSubscription @mapping -CustomerSubscriptionId $customer.CustomerSubscriptionId
        $result | Should -BeOfType ([AzsCsp.CustomerSubscription])
        $result.CustomerSubscriptionId | Should -Be $customer.CustomerSubscriptionId
        $result.TenantId | Should -Be $customer.TenantId
        $result.Id | Should -Match "/customerSubscriptions/$($customer.CustomerSubscriptionId)$"
        @(Get-AzsCspTestRequest -Emulator $emulator -PathContains 'customerSubscriptions' -Method PUT | Where-Object status -EQ 201).Count | Should -Be 1
    }

    It 'removes with a 204 and reports it without an error' {
        $customer = $fixture.Customers[1]
        $removed = Remove-AzsCustomerSubscription @mapping -CustomerSubscriptionId $customer.CustomerSubscriptionId -Force -PassThru -ErrorVariable failures
        $failures.Count | Should -Be 0
        $removed.CustomerSubscriptionId | Should -Be $customer.CustomerSubscriptionId
        Get-AzsCustomerSubscription @mapping | Should -BeNullOrEmpty
    }
}
