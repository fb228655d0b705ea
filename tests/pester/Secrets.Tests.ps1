#Requires -Version 7.2
# Runs every cmdlet with -Verbose -Debug, captures all streams, and checks that no client secret and
# no access token ever appears (output objects, errors, warnings, verbose, debug, information).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AzsCspTestModulePath) -Force
    $emulator = Start-AzsCspTestEmulator
    $fixture = Get-AzsCspTestFixture
    $sub = $fixture.RegistrationSubscriptionId
    $reg = $fixture.RegistrationName
    $ProgressPreference = 'SilentlyContinue'

    function ConvertTo-SweepText {
        # Everything a user could see or log: formatted records, full error records, object properties.
        param([object[]] $Records)
        $builder = [System.Text.StringBuilder]::new()
        foreach ($record in $Records) {
            $null = $builder.AppendLine(($record | Out-String -Width 4096))
            if ($record -is [System.Management.Automation.ErrorRecord]) {
                $null = $builder.AppendLine(($record | Format-List * -Force | Out-String -Width 4096))
                $null = $builder.AppendLine(($record.Exception | Format-List * -Force | Out-String -Width 4096))
                if ($record.Exception -is [AzsCsp.AzsCspException]) {
                    $null = $builder.AppendLine($record.Exception.Error.Json)
                }
                $null = $builder.AppendLine([string]$record.ErrorDetails.RecommendedAction)
            }
            elseif ($record -is [System.Management.Automation.InformationalRecord]) {
                $null = $builder.AppendLine($record.Message)
            }
            elseif ($null -ne $record -and $record -isnot [string]) {
                $null = $builder.AppendLine(($record | Format-List * -Force | Out-String -Width 4096))
                $null = $builder.AppendLine((ConvertTo-Json -InputObject $record -Depth 5 -WarningAction SilentlyContinue))
            }
        }
        return $builder.ToString()
    }
}

AfterAll {
    Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
    Stop-AzsCspTestEmulator -Emulator $emulator
}

Describe 'Secrets and tokens never leave the native core' {
    BeforeAll {
        Reset-AzsCspTestEmulator -Emulator $emulator
        $token = Get-AzsCspTestAccessToken -Emulator $emulator -ClientId $fixture.OwnerAppId -ClientSecret $fixture.OwnerSecret -Tenant $fixture.PartnerTenantId
        $wrongSecret = 'wrong-secret-' + [guid]::NewGuid().ToString('N')
        $connect = Get-AzsCspTestConnectParameter -Emulator $emulator
        $readerConnect = Get-AzsCspTestConnectParameter -Emulator $emulator -Reader -ContextName 'reader'
        $wrongConnect = Get-AzsCspTestConnectParameter -Emulator $emulator
        $wrongConnect.Credential = New-AzsCspTestCredential -ApplicationId $fixture.OwnerAppId -Secret $wrongSecret
        $untrustedConnect = Get-AzsCspTestConnectParameter -Emulator $emulator
        $untrustedConnect.Remove('CaCertificatePath')
        $customer = $fixture.Customers[0].CustomerSubscriptionId
        $csv = New-AzsCspTestCustomerCsv -Path (Join-Path $TestDrive 'few.csv') -Count 5

        $records = @(& {
                Connect-AzsCspAccount @wrongConnect -Verbose -Debug -ErrorAction Continue
                Connect-AzsCspAccount @untrustedConnect -Verbose -Debug -ErrorAction Continue
                Connect-AzsCspAccount @readerConnect -Verbose -Debug
                Connect-AzsCspAccount @connect -Verbose -Debug
                Get-AzsCspContext -ListAvailable -Verbose -Debug
                Get-AzsRegistration -SubscriptionId $sub -Verbose -Debug
                Get-AzsRegistration -SubscriptionId $sub -Name $reg -Verbose -Debug
                Get-AzsRegistration -SubscriptionId $sub -Name 'missing' -Verbose -Debug -ErrorAction Continue
                New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName $reg -CustomerSubscriptionId $customer -Verbose -Debug
                Import-Csv -LiteralPath $csv | New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName $reg -Verbose -Debug
                New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName unapprovedreg -CustomerSubscriptionId $customer -Verbose -Debug -ErrorAction Continue
                New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName $reg -CustomerSubscriptionId $customer -Context reader -Verbose -Debug -ErrorAction Continue
                New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName $reg -CustomerSubscriptionId 'bad-guid' -Verbose -Debug -ErrorAction Continue
                Get-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName $reg -Verbose -Debug
                Get-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName $reg -CustomerSubscriptionId ([guid]::NewGuid()) -Verbose -Debug -ErrorAction Continue
                Remove-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName $reg -CustomerSubscriptionId $customer -Force -PassThru -Verbose -Debug
                Get-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName $reg | Remove-AzsCustomerSubscription -Force -Verbose -Debug
                Disconnect-AzsCspAccount -All -PassThru -Verbose -Debug
            } *>&1)
        $text = ConvertTo-SweepText -Records $records
    }

    It 'captured output from every stream' {
        @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
        @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Count | Should -BeGreaterThan 0
        @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -BeGreaterOrEqual 6
        @($records | Where-Object { $_ -is [AzsCsp.CustomerSubscription] }).Count | Should -BeGreaterOrEqual 6
        $text | Should -Match 'oauth2'   # the token requests were logged (without their bodies)
    }

    It 'never shows the client secrets' {
        $text | Should -Not -Match ([regex]::Escape($fixture.OwnerSecret))
        $text | Should -Not -Match ([regex]::Escape($fixture.ReaderSecret))
        $text | Should -Not -Match ([regex]::Escape($wrongSecret))
        $text | Should -Not -Match 'client_secret='
    }

    It 'never shows an access token' {
        $text | Should -Not -Match ([regex]::Escape($token))
        $text | Should -Not -Match ([regex]::Escape($token.Split('.')[-1]))   # the signature part
        $text | Should -Not -Match 'eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}'   # any JWT
        $text | Should -Not -Match '(?i)bearer\s+[A-Za-z0-9._~+/-]{16,}'
        $text | Should -Not -Match '(?i)"access_token"'
    }
}
