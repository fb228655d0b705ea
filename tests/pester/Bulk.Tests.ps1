#Requires -Version 7.2
# Bulk mapping through one native batch: CSV import of 1,000 rows, bulk removal, cancellation.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AzsCspTestModulePath) -Force
    $emulator = Start-AzsCspTestEmulator
    $fixture = Get-AzsCspTestFixture
    $sub = $fixture.RegistrationSubscriptionId
    $reg = $fixture.RegistrationName
    $connect = Get-AzsCspTestConnectParameter -Emulator $emulator
    $null = Connect-AzsCspAccount @connect
    $ProgressPreference = 'SilentlyContinue'
}

AfterAll {
    Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
    Stop-AzsCspTestEmulator -Emulator $emulator
}

Describe 'Import-Csv | New-AzsCustomerSubscription' {
    BeforeAll {
        Reset-AzsCspTestEmulator -Emulator $emulator
        $csv = New-AzsCspTestCustomerCsv -Path (Join-Path $TestDrive 'customers.csv') -Count 1000
        $rows = @(Import-Csv -LiteralPath $csv)
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $mapped = @(Import-Csv -LiteralPath $csv | New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName $reg -ErrorVariable bulkErrors)
        $clock.Stop()
        Write-Host ('Mapped {0} rows in {1:n1} s' -f $mapped.Count, $clock.Elapsed.TotalSeconds)
    }

    It 'maps exactly 1,000 rows with no error' {
        $bulkErrors.Count | Should -Be 0
        $mapped.Count | Should -Be 1000
        $mapped | Select-Object -First 1 | Should -BeOfType ([AzsCsp.CustomerSubscription])
    }

    It 'maps every CSV row once, with its tenant' {
        $byId = @{}
        foreach ($item in $mapped) { $byId[$item.CustomerSubscriptionId] = $item }
        $byId.Count | Should -Be 1000
        foreach ($row in $rows) {
            $byId.ContainsKey($row.CustomerSubscriptionId) | Should -BeTrue
            $byId[$row.CustomerSubscriptionId].TenantId | Should -Be $row.TenantId
        }
    }

    It 'lists all of them (across pages)' {
        $listed = @(Get-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName $reg)
        $listed.Count | Should -BeGreaterOrEqual 1000
        $listedIds = [System.Collections.Generic.HashSet[string]]::new([string[]]$listed.CustomerSubscriptionId, [System.StringComparer]::OrdinalIgnoreCase)
        @($rows | Where-Object { -not $listedIds.Contains($_.CustomerSubscriptionId) }).Count | Should -Be 0
    }

    It 'removes all of them in one batch' {
        # Collect first: the emulator pages by key, but a real service's skip token may not survive deletions.
        $all = @(Get-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName $reg)
        $removed = @($all | Remove-AzsCustomerSubscription -Force -PassThru -ThrottleLimit 16 -ErrorVariable removeErrors)
        $removeErrors.Count | Should -Be 0
        $removed.Count | Should -Be 1000
        Get-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName $reg | Should -BeNullOrEmpty
    }
}

Describe 'Bulk input with problems' {
    BeforeEach {
        Reset-AzsCspTestEmulator -Emulator $emulator
    }

    It 'reports bad rows with the row as TargetObject and maps the others' {
        $good = 1..5 | ForEach-Object { [pscustomobject]@{ CustomerSubscriptionId = [guid]::NewGuid().ToString(); TenantId = '' } }
        $bad = @(
            [pscustomobject]@{ CustomerSubscriptionId = 'not-a-guid'; TenantId = '' }
            [pscustomobject]@{ CustomerSubscriptionId = ''; TenantId = '' }
            # A domain name in the TenantId column is resolved; an unknown one fails that row (TenantNotFound).
            [pscustomobject]@{ CustomerSubscriptionId = [guid]::NewGuid().ToString(); TenantId = 'nosuchtenant.onmicrosoft.com' }
            [pscustomobject]@{ CustomerSubscriptionId = $fixture.OtherPartnerSubscriptionId; TenantId = '' }
        )
        $rows = @($good[0], $bad[0], $good[1], $bad[1], $good[2], $bad[2], $good[3], $bad[3], $good[4])
        $result = @($rows | New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName $reg -ErrorVariable failures -ErrorAction SilentlyContinue)
        $result.Count | Should -Be 5
        $failures.Count | Should -Be 4
        foreach ($row in $bad) {
            @($failures | Where-Object { [object]::ReferenceEquals($_.TargetObject, $row) }).Count | Should -Be 1
        }
        ($failures | Where-Object { [object]::ReferenceEquals($_.TargetObject, $bad[2]) }).FullyQualifiedErrorId | Should -BeLike 'AzsCsp.TenantNotFound,*'
        ($failures | Where-Object { [object]::ReferenceEquals($_.TargetObject, $bad[3]) }).FullyQualifiedErrorId | Should -BeLike 'AzsCsp.BadCustomerSubscriptionId,*'
        @(Get-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName $reg).Count | Should -Be 5
    }

    It 'retries throttled bulk requests and maps every row' {
        Add-AzsCspTestFault -Emulator $emulator -Fault @{ method = 'PUT'; pathContains = 'customerSubscriptions'; status = 429; count = 5; retryAfter = '1' }
        $rows = 1..20 | ForEach-Object { [pscustomobject]@{ CustomerSubscriptionId = [guid]::NewGuid().ToString() } }
        $result = @($rows | New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName $reg -ErrorVariable failures -WarningAction SilentlyContinue)
        $failures.Count | Should -Be 0
        $result.Count | Should -Be 20
    }

    It 'cancels the requests still running when the pipeline stops' {
        # The first PUT answers at once, every later one only after 30 s.
        Add-AzsCspTestFault -Emulator $emulator -Fault @{ method = 'PUT'; pathContains = 'customerSubscriptions'; delayMs = 30000; skip = 1; count = -1 }
        $rows = 1..10 | ForEach-Object { [pscustomobject]@{ CustomerSubscriptionId = [guid]::NewGuid().ToString() } }
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $first = @($rows | New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName $reg | Select-Object -First 1)
        $clock.Stop()
        $first.Count | Should -Be 1
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 15 -Because 'closing the batch cancels the delayed requests instead of waiting for them'
    }
}
