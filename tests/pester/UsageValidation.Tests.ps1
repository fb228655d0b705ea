#Requires -Version 7.2
# Usage and chargeback cmdlets: parameter validation before anything is sent (time rules of
# usage.md section 2, granularity, IDs, CSV files, -OutFile). No emulator request is made.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AzsCspTestModulePath) -Force
    $day = [datetime]::SpecifyKind([datetime]::UtcNow.Date.AddDays(-2), [System.DateTimeKind]::Utc)
    $period = @{ ReportedStartTime = $day; ReportedEndTime = $day.AddDays(1) }
    $registration = @{ RegistrationSubscriptionId = '414f12af-d3bb-44fd-a278-d0aff47d869b'; RegistrationName = 'myreg' }

    function Get-ThrownRecord([scriptblock] $Script) {
        try { & $Script; return $null } catch { return $_ }
    }
}

Describe 'Usage time rules are checked before sending' {
    It 'Daily needs UTC midnight: the error names the value and the rule' {
        $e = Get-ThrownRecord { Get-AzsSubscriberUsage -ReportedStartTime $day.AddHours(5) -ReportedEndTime $day.AddDays(1) -AggregationGranularity Daily }
        $e.FullyQualifiedErrorId | Should -BeLike 'AzsCsp.ReportedTimeNotAligned*'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception.Message | Should -BeLike ("*-ReportedStartTime {0}*midnight*" -f $day.AddHours(5).ToString('yyyy-MM-ddTHH:mm:ssZ'))
    }

    It 'Hourly needs the start of an hour' {
        $e = Get-ThrownRecord { Get-AzsTenantUsage -ReportedStartTime $day -ReportedEndTime $day.AddMinutes(90) -AggregationGranularity Hourly -SubscriptionId ([guid]::NewGuid()) }
        $e.FullyQualifiedErrorId | Should -BeLike 'AzsCsp.ReportedTimeNotAligned*'
        $e.Exception.Message | Should -BeLike '*-ReportedEndTime*hour*'
        # Hourly accepts any whole hour.
        $e = Get-ThrownRecord { Get-AzsSubscriberUsage -ReportedStartTime $day.AddHours(3) -ReportedEndTime $day.AddHours(2) -AggregationGranularity hourly }
        $e.FullyQualifiedErrorId | Should -BeLike 'AzsCsp.ReportedTimeRange*'
    }

    It 'the start must be before the end' {
        $e = Get-ThrownRecord { Get-AzsCspChargeback -ReportedStartTime $day -ReportedEndTime $day @registration }
        $e.FullyQualifiedErrorId | Should -BeLike 'AzsCsp.ReportedTimeRange*'
        $e.Exception.Message | Should -BeLike '*-ReportedEndTime*after -ReportedStartTime*'
    }

    It 'the end must not be in the future (RequestEndTimeIsInFuture)' {
        $tomorrow = [datetime]::SpecifyKind([datetime]::UtcNow.Date.AddDays(1), [System.DateTimeKind]::Utc)
        $e = Get-ThrownRecord { Get-AzsSubscriberUsage -ReportedStartTime $day -ReportedEndTime $tomorrow }
        $e.FullyQualifiedErrorId | Should -BeLike 'AzsCsp.RequestEndTimeIsInFuture*'
        $e.Exception.Message | Should -BeLike ("*{0}*future*" -f $tomorrow.ToString('yyyy-MM-ddTHH:mm:ssZ'))
    }

    It 'a local time is converted to UTC and -Verbose says so' {
        $local = $day.ToLocalTime().AddMinutes(1)   # not aligned once converted back to UTC
        $e = Get-ThrownRecord { Get-AzsSubscriberUsage -ReportedStartTime $local -ReportedEndTime $day.AddDays(1) -Verbose 4>&1 | Out-Null }
        $e.Exception.Message | Should -BeLike ("*{0}*" -f $day.AddMinutes(1).ToString('yyyy-MM-ddTHH:mm:ssZ'))
        $verbose = & { try { Get-AzsSubscriberUsage -ReportedStartTime $local -ReportedEndTime $day.AddDays(1) -Verbose } catch { } } 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String
        $verbose | Should -BeLike '*-ReportedStartTime*local time*UTC*'
    }

    It 'a string with Z binds as the same instant' {
        $e = Get-ThrownRecord { Get-AzsSubscriberUsage -ReportedStartTime ($day.ToString('yyyy-MM-ddT05:00:00Z')) -ReportedEndTime $day.AddDays(1) }
        $e.Exception.Message | Should -BeLike ("*{0}*" -f $day.AddHours(5).ToString('yyyy-MM-ddTHH:mm:ssZ'))
    }
}

Describe 'Other parameters are checked before sending' {
    It 'the granularity is Daily or Hourly' {
        { Get-AzsSubscriberUsage @period -AggregationGranularity Monthly } | Should -Throw -ExpectedMessage "*'Monthly'*Daily*Hourly*"
    }

    It '-SubscriberId must be a GUID, named in the error' {
        $e = Get-ThrownRecord { Get-AzsSubscriberUsage @period -SubscriberId 'not-a-guid' }
        $e.FullyQualifiedErrorId | Should -BeLike 'AzsCsp.InvalidSubscriberId*'
        $e.Exception.Message | Should -BeLike "*'not-a-guid'*"
    }

    It '-RegistrationSubscriptionId must be a GUID' {
        $e = Get-ThrownRecord { Get-AzsCspChargeback @period -RegistrationSubscriptionId 'nope' -RegistrationName myreg }
        $e.FullyQualifiedErrorId | Should -BeLike 'AzsCsp.InvalidSubscriptionId*'
        $e.Exception.Message | Should -BeLike "*'nope'*"
    }

    It '-OutFile must be .csv or .json' {
        $e = Get-ThrownRecord { Get-AzsCspChargeback @period @registration -OutFile (Join-Path $TestDrive 'report.xlsx') }
        $e.FullyQualifiedErrorId | Should -BeLike 'AzsCsp.InvalidOutFile*'
        $e.Exception.Message | Should -BeLike '*report.xlsx*.csv or .json*'
    }

    It 'a price sheet needs meterId and a number for unitPrice, naming the line' {
        $path = Join-Path $TestDrive 'prices.csv'
        Set-Content -LiteralPath $path -Value "meterId,unitPrice`nFAB6EB84-500B-4A09-A8CA-7358F8BBAEA5,0.5`nB5C15376-6C94-4FDD-B655-1A69D138ACA3,cheap"
        $e = Get-ThrownRecord { Get-AzsCspChargeback @period @registration -PriceSheetPath $path }
        $e.FullyQualifiedErrorId | Should -BeLike 'AzsCsp.InvalidCsvFile*'
        $e.Exception.Message | Should -BeLike "*line 3*'cheap'*"
        Set-Content -LiteralPath $path -Value "meter,price`nx,1"
        (Get-ThrownRecord { Get-AzsCspChargeback @period @registration -PriceSheetPath $path }).Exception.Message | Should -BeLike "*no 'meterId' column*"
        (Get-ThrownRecord { Get-AzsCspChargeback @period @registration -PriceSheetPath (Join-Path $TestDrive 'absent.csv') }).FullyQualifiedErrorId | Should -BeLike 'AzsCsp.FileNotFound*'
    }

    It 'a meter catalogue needs meterId,meterName,unit' {
        $path = Join-Path $TestDrive 'meters.csv'
        Set-Content -LiteralPath $path -Value "meterId,name`nx,y"
        $e = Get-ThrownRecord { Get-AzsSubscriberUsage @period -MeterCatalogPath $path }
        $e.FullyQualifiedErrorId | Should -BeLike 'AzsCsp.InvalidCsvFile*'
        $e.Exception.Message | Should -BeLike "*no 'meterName' column*"
    }

    It 'a stamp endpoint needs -DirectoryTenantName' {
        $e = Get-ThrownRecord { Get-AzsSubscriberUsage @period -AdminResourceManagerEndpoint https://adminmanagement.local.azurestack.external }
        $e.FullyQualifiedErrorId | Should -BeLike 'AzsCsp.DirectoryTenantNameRequired*'
    }

    It 'the documented parameters are named, with Daily the default' {
        $command = Get-Command Get-AzsSubscriberUsage
        foreach ($name in 'ReportedStartTime', 'ReportedEndTime', 'AggregationGranularity', 'SubscriberId', 'ContinuationToken', 'SubscriptionId') {
            $command.Parameters.Keys | Should -Contain $name
        }
        $command.Parameters['ReportedStartTime'].ParameterType | Should -Be ([datetime])
        (Get-Command Get-AzsTenantUsage).Parameters['ShowDetails'].ParameterType | Should -Be ([bool])
        foreach ($name in 'ReportedStartTime', 'ReportedEndTime', 'AggregationGranularity', 'ShowDetails', 'ContinuationToken') {
            (Get-Command Get-AzsTenantUsage).Parameters.Keys | Should -Contain $name
        }
    }
}
