#Requires -Version 7.2
# examples/Invoke-CspTenantMapping.ps1 runs end to end against azscsp-emulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $emulator = Start-AzsCspTestEmulator
    $script = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../examples/Invoke-CspTenantMapping.ps1'))
    $csv = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../examples/customers.csv'))
}

AfterAll {
    Stop-AzsCspTestEmulator -Emulator $emulator
}

Describe 'examples/Invoke-CspTenantMapping.ps1' {
    It 'walks the documented flow with the emulator defaults' {
        $pwsh = [Environment]::ProcessPath
        $prefix = @()
        if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') {
            $prefix = @([Environment]::GetCommandLineArgs()[0])
        }
        $output = & $pwsh @prefix -NoProfile -NonInteractive -File $script -EmulatorInfo (Join-Path $emulator.DataDirectory 'emulator.json') `
            -ModulePath (Get-AzsCspTestModulePath) 2>&1 | Out-String -Width 200
        $LASTEXITCODE | Should -Be 0 -Because $output
        $rows = @(Import-Csv -LiteralPath $csv).Count
        foreach ($heading in '1. Sign in', '2. The registration', '3. Map three customers', '4. Map a batch', '5. Mappings', '6. Remove one', '7. Mappings after') {
            $output | Should -Match ([regex]::Escape("== $heading"))
        }
        $output | Should -Match "$rows of $rows rows mapped"
        $output | Should -Match "$(3 + $rows) customer subscription\(s\) mapped to 'myreg'"
        $output | Should -Match "$(2 + $rows) customer subscription\(s\) mapped to 'myreg'"
        $output | Should -Match 'PayAsYouUse'
        # Partner Center: a new customer onboarded in one command, then the same command does nothing.
        foreach ($heading in '8. Sign in to Partner Center', '9. Onboard the new customer tailwindtraders', '10. The same command again') {
            $output | Should -Match ([regex]::Escape("== $heading"))
        }
        $output | Should -Match 'Onboarding: 8 steps, 0 failed; Azure subscription [0-9a-f-]{36}'
        $output | Should -Match 'Re-run: 0 step\(s\) needed work'
        $output | Should -Match "$(3 + $rows) customer subscription\(s\) mapped to 'myreg' after onboarding"
        $output | Should -Not -Match 'emulator-operator-password'
        $output | Should -Not -Match 'emulator-owner-secret'
    }
}

Describe 'examples/Connect-AzsCspContexts.ps1' {
    It 'parses and uses only parameters Connect-AzsCspAccount has' {
        $path = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../examples/Connect-AzsCspContexts.ps1'))
        $tokens = $null
        $parseErrors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($path, [ref]$tokens, [ref]$parseErrors)
        $parseErrors | Should -BeNullOrEmpty
        Import-Module (Get-AzsCspTestModulePath)
        $known = (Get-Command Connect-AzsCspAccount).Parameters.Keys
        $calls = $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] -and $n.GetCommandName() -eq 'Connect-AzsCspAccount' }, $true)
        @($calls).Count | Should -Be 3
        foreach ($call in $calls) {
            foreach ($parameter in @($call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] })) {
                $known | Should -Contain $parameter.ParameterName
            }
        }
    }
}
