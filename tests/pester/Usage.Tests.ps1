#Requires -Version 7.2
# Usage and chargeback against azscsp-emulator's deterministic usage generator: totals per customer
# and meter equal an independent computation of the generator's formula (emulator/README.md
# "Usage"), hourly rows keep their hours, the deleted subscription is counted, unmapped usage is
# flagged, an interrupted run resumed with the reported continuation token gives the same totals,
# -OutFile CSV and JSON.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AzsCspTestModulePath) -Force
    $emulator = Start-AzsCspTestEmulator
    $fixture = Get-AzsCspTestFixture
    $stamp = Get-AzsCspTestStampFixture
    $global:PSDefaultParameterValues['*-Azs*:CaCertificatePath'] = $emulator.caCertificatePath

    # The generator's formula, written from the README (independent of the emulator's and the core's code):
    # quantity(seed, sub, meter, hour) = (splitmix64(fnv1a64("{seed}|{lower sub}|{lower meter}|{hour}")) % 102400) / 1024.
    if (-not ('AzsCspTest.UsageFormula' -as [type])) {
        Add-Type -TypeDefinition @'
namespace AzsCspTest {
    public static class UsageFormula {
        public static ulong Hash(ulong seed, string sub, string meter, long hour) {
            string text = seed.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + sub.ToLowerInvariant() + "|" + meter.ToLowerInvariant() + "|" + hour.ToString(System.Globalization.CultureInfo.InvariantCulture);
            ulong h = 0xcbf29ce484222325UL;
            foreach (byte c in System.Text.Encoding.UTF8.GetBytes(text)) { unchecked { h ^= c; h *= 0x100000001b3UL; } }
            unchecked {
                ulong z = h + 0x9e3779b97f4a7c15UL;
                z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
                z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
                return z ^ (z >> 31);
            }
        }
        public static double Quantity(ulong seed, string sub, string meter, long hour) {
            return (double)(Hash(seed, sub, meter, hour) % 102400UL) / 1024.0;
        }
    }
}
'@
    }
    $usageInfo = Invoke-AzsCspEmulatorControl -Emulator $emulator -Path '/_emulator/usage'
    $seed = [uint64]$usageInfo.seed
    $meters = @($usageInfo.meters)

    $adminArm = $emulator.adminResourceManagerUrl
    $tenantArm = $emulator.tenantResourceManagerUrl
    $homeDirectory = $fixture.PartnerTenantDomain
    $operator = New-AzsCspTestCredential -ApplicationId $fixture.OperatorUserName -Secret $fixture.OperatorPassword
    $fabrikamAdmin = New-AzsCspTestCredential -ApplicationId $stamp.FabrikamAdminUserName -Secret $stamp.FabrikamAdminPassword
    $stampSignIn = @{ AdminResourceManagerEndpoint = $adminArm; DirectoryTenantName = $homeDirectory; AutomationCredential = $operator }
    $northwindSubscriptionId = '8e3f2d1a-2c6b-4fa0-9c73-2b6b4d9f5e33'   # state Deleted in the fixtures
    $subscriptionTenant = @{
        $stamp.FabrikamSubscriptionId = $stamp.FabrikamTenantId
        $stamp.AdatumSubscriptionId   = $stamp.AdatumTenantId
        $northwindSubscriptionId      = 'dccc98f3-4196-4752-8115-902216d99374'
    }

    # A closed window: three whole days ending at the start of yesterday (UTC).
    $end = [datetime]::SpecifyKind([datetime]::UtcNow.Date.AddDays(-1), [System.DateTimeKind]::Utc)
    $start = $end.AddDays(-3)
    $period = @{ ReportedStartTime = $start; ReportedEndTime = $end }

    function Get-ExpectedTotal {
        # Expected quantity per "subscription|meter" over [From, To) (reported hours).
        param([datetime] $From, [datetime] $To, [string[]] $Subscriptions)
        $totals = @{}
        $h0 = [long](([DateTimeOffset]$From).ToUnixTimeSeconds() / 3600)
        $h1 = [long](([DateTimeOffset]$To).ToUnixTimeSeconds() / 3600)
        foreach ($sub in $Subscriptions) {
            foreach ($meter in $meters) {
                $sum = 0.0
                for ($h = $h0; $h -lt $h1; $h++) { $sum += [AzsCspTest.UsageFormula]::Quantity($seed, $sub, $meter, $h) }
                $totals["$($sub.ToLowerInvariant())|$(($meter -replace '-', '').ToLowerInvariant())"] = $sum
            }
        }
        return $totals
    }

    function Get-ActualTotal {
        param([object[]] $Rows)
        $totals = @{}
        foreach ($row in $Rows) {
            $key = "$($row.SubscriptionId.ToLowerInvariant())|$(($row.MeterId -replace '-', '').ToLowerInvariant())"
            $totals[$key] = [double]$totals[$key] + $row.Quantity
        }
        return $totals
    }

    function Reset-Usage {
        Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
        Reset-AzsCspTestEmulator -Emulator $emulator
    }
}

AfterAll {
    $global:PSDefaultParameterValues.Remove('*-Azs*:CaCertificatePath')
    Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
    Stop-AzsCspTestEmulator -Emulator $emulator
}

Describe 'Get-AzsSubscriberUsage' {
    BeforeAll {
        Reset-Usage
        $allSubscriptions = @($stamp.FabrikamSubscriptionId, $stamp.AdatumSubscriptionId, $northwindSubscriptionId)
        $expected = Get-ExpectedTotal -From $start -To $end -Subscriptions $allSubscriptions
    }

    It 'Daily: totals per subscription and meter equal the formula, deleted subscription included' {
        $rows = @(Get-AzsSubscriberUsage @period @stampSignIn)
        $rows.Count | Should -Be (3 * $meters.Count * 3)
        $rows[0].PSObject.TypeNames | Should -Contain 'AzsCsp.UsageRecord'
        $actual = Get-ActualTotal $rows
        $actual.Count | Should -Be $expected.Count
        foreach ($key in $expected.Keys) { $actual[$key] | Should -Be $expected[$key] -Because $key }
        $rows.SubscriptionId | Should -Contain $northwindSubscriptionId
        $rows | ForEach-Object { $_.UsageStartTime.TimeOfDay | Should -Be ([timespan]::Zero) }
    }

    It 'Hourly keeps the hours and pages (1,000 rows a page) with the same totals' {
        Clear-AzsCspTestRequest -Emulator $emulator
        $rows = @(Get-AzsSubscriberUsage @period -AggregationGranularity Hourly @stampSignIn)
        $rows.Count | Should -Be (3 * $meters.Count * 72)
        @($rows.UsageStartTime | ForEach-Object { $_.Hour } | Sort-Object -Unique).Count | Should -Be 24
        ($rows | Where-Object { ($_.UsageEndTime - $_.UsageStartTime) -ne [timespan]::FromHours(1) }) | Should -BeNullOrEmpty
        # The recorded quirk: some usage windows start before the reported window.
        @($rows | Where-Object { $_.UsageStartTime -lt $start }).Count | Should -BeGreaterThan 0
        $actual = Get-ActualTotal $rows
        foreach ($key in $expected.Keys) { $actual[$key] | Should -Be $expected[$key] -Because $key }
        @(Get-AzsCspTestRequest -Emulator $emulator -PathContains 'subscriberUsageAggregates').Count | Should -Be ([math]::Ceiling($rows.Count / 1000))
    }

    It 'parses instanceData and names the meter' {
        $row = Get-AzsSubscriberUsage @period @stampSignIn -SubscriberId $stamp.FabrikamSubscriptionId | Where-Object MeterId -EQ 'FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5' | Select-Object -First 1
        $row.MeterName | Should -Be 'Base VM Size Hours'
        $row.Unit | Should -Not -BeNullOrEmpty
        $row.ResourceUri | Should -BeLike "/subscriptions/$($stamp.FabrikamSubscriptionId)/resourcegroups/*"
        $row.ResourceType | Should -Be 'Microsoft.Compute/virtualMachines'
        $row.ResourceGroup | Should -Not -BeNullOrEmpty
        $row.ResourceName | Should -Not -BeNullOrEmpty
        $row.Location | Should -Be $stamp.Region
        $row.InstanceData | Should -BeOfType [string]
    }

    It '-MeterCatalogPath overrides a meter name and unit' {
        $path = Join-Path $TestDrive 'meters.csv'
        Set-Content -LiteralPath $path -Value "meterId,meterName,unit`nfab6eb84500b4a09a8ca7358f8bbaea5,Our vCore hours,vCore h"
        $row = Get-AzsSubscriberUsage @period @stampSignIn -SubscriberId $stamp.FabrikamSubscriptionId -MeterCatalogPath $path | Where-Object MeterId -EQ 'FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5' | Select-Object -First 1
        $row.MeterName | Should -Be 'Our vCore hours'
        $row.Unit | Should -Be 'vCore h'
    }

    It 'interrupted after a page and resumed with the reported continuation token gives the same totals' {
        # Every retry of the second page fails: the core gives up and reports where to resume.
        Add-AzsCspTestFault -Emulator $emulator -Fault @{ method = 'GET'; pathContains = 'subscriberUsageAggregates'; status = 503; skip = 1; count = 20 }
        $failed = $null
        $first = @(Get-AzsSubscriberUsage @period -AggregationGranularity Hourly @stampSignIn -ErrorVariable failed -ErrorAction SilentlyContinue)
        $null = Invoke-AzsCspEmulatorControl -Emulator $emulator -Method DELETE -Path '/_emulator/faults'
        $failed | Should -Not -BeNullOrEmpty
        $first.Count | Should -Be 1000
        $token = $failed[0].TargetObject
        $token | Should -BeOfType [string]
        $token | Should -Not -BeNullOrEmpty
        $failed[0].ErrorDetails.Message | Should -BeLike "*-ContinuationToken '$token'*"
        $rest = @(Get-AzsSubscriberUsage @period -AggregationGranularity Hourly @stampSignIn -ContinuationToken $token)
        ($first.Count + $rest.Count) | Should -Be (3 * $meters.Count * 72)
        $actual = Get-ActualTotal ($first + $rest)
        foreach ($key in $expected.Keys) { $actual[$key] | Should -Be $expected[$key] -Because $key }
    }

    It 'a subscriber that is not a direct tenant is the service error SubscriberIdIsNotDirectTenant' {
        $e = $null
        $null = Get-AzsSubscriberUsage @period @stampSignIn -SubscriberId ([guid]::NewGuid()) -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'AzsCsp.SubscriberIdIsNotDirectTenant*'
    }
}

Describe 'Get-AzsTenantUsage' {
    BeforeAll {
        Reset-Usage
        $null = Register-AzsGuestDirectoryTenant -AdminResourceManagerEndpoint $adminArm -DirectoryTenantName $homeDirectory -GuestDirectoryTenantName $stamp.FabrikamDomain `
            -Location local -ResourceGroupName system.local -AutomationCredential $operator
        $null = Register-AzsWithMyDirectoryTenant -TenantResourceManagerEndpoint $tenantArm -DirectoryTenantName $stamp.FabrikamDomain -AutomationCredential $fabrikamAdmin
    }

    It 'a tenant sees its own usage only, every page, equal to the formula' {
        $rows = @(Get-AzsTenantUsage @period -AggregationGranularity Hourly -TenantResourceManagerEndpoint $tenantArm -DirectoryTenantName $stamp.FabrikamDomain `
                -AutomationCredential $fabrikamAdmin -SubscriptionId $stamp.FabrikamSubscriptionId)
        $rows.Count | Should -Be ($meters.Count * 72)
        ($rows.SubscriptionId | Sort-Object -Unique) | Should -Be $stamp.FabrikamSubscriptionId
        $expectedTenant = Get-ExpectedTotal -From $start -To $end -Subscriptions $stamp.FabrikamSubscriptionId
        $actual = Get-ActualTotal $rows
        foreach ($key in $expectedTenant.Keys) { $actual[$key] | Should -Be $expectedTenant[$key] -Because $key }
    }
}

Describe 'Get-AzsCspChargeback' {
    BeforeAll {
        Reset-Usage
        $connect = Get-AzsCspTestConnectParameter -Emulator $emulator -ContextName 'azure'
        $null = Connect-AzsCspAccount @connect
        $registration = @{ RegistrationSubscriptionId = $fixture.RegistrationSubscriptionId; RegistrationName = $fixture.RegistrationName }
        $fabrikam = $fixture.Customers | Where-Object Name -EQ 'Fabrikam'
        $northwind = $fixture.Customers | Where-Object Name -EQ 'Northwind'
        foreach ($c in $fabrikam, $northwind) {
            $null = New-AzsCustomerSubscription @registration -CustomerSubscriptionId $c.CustomerSubscriptionId -TenantId $c.TenantId -Context azure
        }
        $prices = Join-Path $TestDrive 'prices.csv'
        Set-Content -LiteralPath $prices -Value ("meterId,unitPrice,currency`n" + (($meters | ForEach-Object -Begin { $i = 0 } -Process { $i++; '{0},{1},EUR' -f $_, (0.25 * $i) }) -join "`n"))
        $unitPrice = @{}
        $i = 0
        foreach ($m in $meters) { $i++; $unitPrice[($m -replace '-', '').ToLowerInvariant()] = 0.25 * $i }
        $expected = Get-ExpectedTotal -From $start -To $end -Subscriptions @($stamp.FabrikamSubscriptionId, $stamp.AdatumSubscriptionId, $northwindSubscriptionId)
        $chargeback = @{ AzureContext = 'azure' } + $registration + $period + $stampSignIn
    }

    It 'totals per customer tenant and meter equal the formula; mapped, unmapped and deleted as expected' {
        $lines = @(Get-AzsCspChargeback @chargeback -PriceSheetPath $prices)
        $lines.Count | Should -Be (3 * $meters.Count)
        $lines[0].PSObject.TypeNames | Should -Contain 'AzsCsp.ChargebackLine'
        foreach ($line in $lines) {
            $sub = $subscriptionTenant.Keys | Where-Object { $subscriptionTenant[$_] -eq $line.TenantId }
            $sub | Should -Not -BeNullOrEmpty -Because "tenant $($line.TenantId) owns a stamp subscription"
            $key = "$($sub.ToLowerInvariant())|$(($line.MeterId -replace '-', '').ToLowerInvariant())"
            $line.Quantity | Should -Be $expected[$key] -Because $key
            $price = $unitPrice[($line.MeterId -replace '-', '').ToLowerInvariant()]
            $line.UnitPrice | Should -Be $price
            [math]::Abs($line.Amount - $expected[$key] * $price) | Should -BeLessThan 1e-6
            $line.Currency | Should -Be 'EUR'
            $line.MeterName | Should -Not -BeNullOrEmpty
        }
        $fabrikamLines = @($lines | Where-Object TenantId -EQ $stamp.FabrikamTenantId)
        $fabrikamLines.Mapped | Sort-Object -Unique | Should -Be $true
        $fabrikamLines.BilledSubscriptionId | Sort-Object -Unique | Should -Be $fabrikam.CustomerSubscriptionId
        $adatumLines = @($lines | Where-Object TenantId -EQ $stamp.AdatumTenantId)
        $adatumLines.Mapped | Sort-Object -Unique | Should -Be $false
        $adatumLines.CustomerSubscriptionId | Where-Object { $_ } | Should -BeNullOrEmpty
        $adatumLines.BilledSubscriptionId | Sort-Object -Unique | Should -Be $fixture.RegistrationSubscriptionId
        $adatumLines.MappingStatus | Sort-Object -Unique | Should -BeLike 'Unmapped*'
        $northwindLines = @($lines | Where-Object TenantId -EQ $northwind.TenantId)
        $northwindLines.Count | Should -Be $meters.Count
        $northwindLines.IncludesDeletedSubscription | Sort-Object -Unique | Should -Be $true
        $northwindLines.Mapped | Sort-Object -Unique | Should -Be $true
        $northwindLines.SubscriptionIds | Sort-Object -Unique | Should -Be $northwindSubscriptionId
    }

    It 'reports the run on the information stream and takes -MeterCatalogPath' {
        $meterFile = Join-Path $TestDrive 'meters.csv'
        Set-Content -LiteralPath $meterFile -Value "meterId,meterName,unit`nfab6eb84-500b-4a09-a8ca-7358f8bbaea5,Our vCore hours,vCore h"
        $info = $null
        $lines = @(Get-AzsCspChargeback @chargeback -MeterCatalogPath $meterFile -InformationVariable info)
        ($lines | Where-Object MeterId -EQ 'FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5' | Select-Object -First 1).MeterName | Should -Be 'Our vCore hours'
        $summary = @($info | Where-Object { $_.Tags -contains 'AzsCsp.ChargebackSummary' })[0].MessageData
        $summary.Rows | Should -Be (3 * $meters.Count * 3)
        $summary.Pages | Should -Be 1
        # Only Adatum's usage is unmapped.
        $adatumTotal = ($lines | Where-Object TenantId -EQ $stamp.AdatumTenantId | Measure-Object Quantity -Sum).Sum
        $unmapped = 0.0
        foreach ($value in @($summary.UnmappedQuantityByMeter.Values)) { $unmapped += $value }
        $unmapped | Should -Be $adatumTotal
    }

    It 'Hourly gives the same totals' {
        $daily = @(Get-AzsCspChargeback @chargeback)
        $hourly = @(Get-AzsCspChargeback @chargeback -AggregationGranularity Hourly)
        foreach ($line in $daily) {
            ($hourly | Where-Object { $_.TenantId -eq $line.TenantId -and $_.MeterId -eq $line.MeterId }).Quantity | Should -Be $line.Quantity
        }
    }

    It '-OutFile CSV has the pipeline lines; JSON too' {
        $csv = Join-Path $TestDrive 'chargeback.csv'
        $lines = @(Get-AzsCspChargeback @chargeback -PriceSheetPath $prices -OutFile $csv)
        $fromFile = @(Import-Csv -LiteralPath $csv)
        $fromFile.Count | Should -Be $lines.Count
        foreach ($line in $lines) {
            $row = $fromFile | Where-Object { $_.TenantId -eq $line.TenantId -and $_.MeterId -eq $line.MeterId }
            [double]::Parse($row.Quantity, [cultureinfo]::InvariantCulture) | Should -Be $line.Quantity
            $row.Mapped | Should -Be ([string]$line.Mapped)
            $row.BilledSubscriptionId | Should -Be $line.BilledSubscriptionId
        }
        $json = Join-Path $TestDrive 'chargeback.json'
        $null = Get-AzsCspChargeback @chargeback -OutFile $json
        $parsed = @(Get-Content -LiteralPath $json -Raw | ConvertFrom-Json)
        $parsed.Count | Should -Be $lines.Count
        ($parsed | Measure-Object Quantity -Sum).Sum | Should -Be ($lines | Measure-Object Quantity -Sum).Sum
        @(Get-ChildItem -LiteralPath $TestDrive -Filter '*.tmp' -Force).Count | Should -Be 0
    }

    It 'a failed run leaves no -OutFile and reports the continuation token' {
        $path = Join-Path $TestDrive 'failed.csv'
        Add-AzsCspTestFault -Emulator $emulator -Fault @{ method = 'GET'; pathContains = 'subscriberUsageAggregates'; status = 503; skip = 1; count = 20 }
        $e = $null
        $null = Get-AzsCspChargeback @chargeback -AggregationGranularity Hourly -OutFile $path -ErrorVariable e -ErrorAction SilentlyContinue
        $null = Invoke-AzsCspEmulatorControl -Emulator $emulator -Method DELETE -Path '/_emulator/faults'
        $e | Should -Not -BeNullOrEmpty
        Test-Path -LiteralPath $path | Should -BeFalse
        @(Get-ChildItem -LiteralPath $TestDrive -Filter '.failed.csv*' -Force).Count | Should -Be 0
        $e[0].ErrorDetails.Message | Should -BeLike '*-ContinuationToken*'
    }
}
