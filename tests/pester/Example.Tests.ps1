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
        $output | Should -Not -Match 'emulator-owner-secret'
    }
}
