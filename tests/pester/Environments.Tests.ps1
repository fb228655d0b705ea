#Requires -Version 7.2
# Add-/Get-/Remove-AzsCspEnvironment and Connect-AzsCspAccount -Environment <stored name>.
# The per-user configuration folder is redirected with $env:AZSCSP_CONFIG_DIR.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AzsCspTestModulePath) -Force
    $savedConfigDir = $env:AZSCSP_CONFIG_DIR
    $configDir = Join-Path $TestDrive 'config'
    $env:AZSCSP_CONFIG_DIR = $configDir
    $storePath = Join-Path $configDir 'environments.json'
    $emulator = Start-AzsCspTestEmulator
    $fixture = Get-AzsCspTestFixture
}

AfterAll {
    Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
    Stop-AzsCspTestEmulator -Emulator $emulator
    $env:AZSCSP_CONFIG_DIR = $savedConfigDir
}

Describe 'Get-AzsCspEnvironment' {
    BeforeEach {
        Remove-Item -LiteralPath $configDir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'lists the three built-in clouds as typed objects with their endpoints' {
        $all = @(Get-AzsCspEnvironment)
        $all.Count | Should -Be 3
        $all | ForEach-Object { $_ | Should -BeOfType ([AzsCsp.Environment]) }
        $all.Name | Should -Be @('AzureCloud', 'AzureChinaCloud', 'AzureUSGovernment')
        $all.Type | Sort-Object -Unique | Should -Be 'BuiltIn'
        (Get-AzsCspEnvironment -Name AzureCloud).ResourceManagerUrl | Should -Be 'https://management.azure.com/'
        (Get-AzsCspEnvironment -Name AzureChinaCloud).ActiveDirectoryAuthority | Should -Be 'https://login.chinacloudapi.cn/'
        (Get-AzsCspEnvironment -Name AzureUSGovernment).ActiveDirectoryResourceId | Should -Be 'https://management.core.usgovcloudapi.net/'
        Test-Path -LiteralPath $configDir | Should -BeFalse -Because 'reading creates no file'
    }

    It 'supports wildcards and reports an unknown exact name' {
        @(Get-AzsCspEnvironment -Name 'Azure*').Count | Should -Be 3
        @(Get-AzsCspEnvironment -Name 'Nothing*').Count | Should -Be 0
        $result = Get-AzsCspEnvironment -Name 'Missing' -ErrorVariable problems -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AzsCsp.EnvironmentNotFound,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'has a table view' {
        Add-AzsCspEnvironment -Name Lab -ResourceManagerEndpoint https://management.lab.local/ | Out-Null
        $text = Get-AzsCspEnvironment | Format-Table | Out-String -Width 200
        $text | Should -Match 'Name\s+Type\s+ResourceManagerUrl'
        $text | Should -Match 'Lab\s+Custom\s+https://management.lab.local/\s+\(from metadata\)'
    }

    It 'reports a corrupt file and still lists the built-in clouds' {
        $null = New-Item -ItemType Directory -Path $configDir -Force
        Set-Content -LiteralPath $storePath -Value '{ not json'
        $all = @(Get-AzsCspEnvironment -ErrorVariable problems -ErrorAction SilentlyContinue)
        $all.Count | Should -Be 3
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AzsCsp.EnvironmentStoreInvalid,*'
    }

    It 'uses the per-user folder of the platform when AZSCSP_CONFIG_DIR is not set' {
        $saved = @{ AZSCSP_CONFIG_DIR = $env:AZSCSP_CONFIG_DIR; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME; APPDATA = $env:APPDATA; LOCALAPPDATA = $env:LOCALAPPDATA }
        try {
            $env:AZSCSP_CONFIG_DIR = $null
            $env:XDG_CONFIG_HOME = Join-Path $TestDrive 'xdg'
            $env:APPDATA = Join-Path $TestDrive 'roaming'
            $env:LOCALAPPDATA = Join-Path $TestDrive 'local'
            $paths = InModuleScope AzsCsp { @{ Store = Get-AzsCspEnvironmentStorePath; Cache = Get-AzsCspTokenCacheDefaultPath } }
            if ($IsWindows) {
                $paths.Store | Should -Be (Join-Path $TestDrive 'roaming/AzsCsp/environments.json')
                $paths.Cache | Should -Be (Join-Path $TestDrive 'local/AzsCsp/tokencache.json')
            }
            else {
                $paths.Store | Should -Be ([System.IO.Path]::Combine($TestDrive, 'xdg', 'AzsCsp', 'environments.json'))
                $paths.Cache | Should -Be ([System.IO.Path]::Combine($TestDrive, 'xdg', 'AzsCsp', 'tokencache.json'))
                $env:XDG_CONFIG_HOME = $null
                $home_ = [System.Environment]::GetFolderPath('UserProfile')
                (InModuleScope AzsCsp { Get-AzsCspEnvironmentStorePath }) | Should -Be ([System.IO.Path]::Combine($home_, '.config', 'AzsCsp', 'environments.json'))
            }
        }
        finally {
            foreach ($key in $saved.Keys) { [System.Environment]::SetEnvironmentVariable($key, $saved[$key]) }
        }
    }
}

Describe 'Add-AzsCspEnvironment and Remove-AzsCspEnvironment' {
    BeforeEach {
        Remove-Item -LiteralPath $configDir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'stores a custom environment in the per-user file and lists it after the built-in ones' {
        $added = Add-AzsCspEnvironment -Name AzureStackAdmin -ResourceManagerEndpoint https://adminmanagement.local.azurestack.external
        $added | Should -BeOfType ([AzsCsp.Environment])
        $added.Type | Should -Be 'Custom'
        $added.ResourceManagerUrl | Should -Be 'https://adminmanagement.local.azurestack.external/'
        $added.ActiveDirectoryAuthority | Should -BeNullOrEmpty
        $added.Path | Should -Be $storePath

        $document = Get-Content -LiteralPath $storePath -Raw | ConvertFrom-Json
        $document.environments.Count | Should -Be 1
        $document.environments[0].name | Should -Be 'AzureStackAdmin'
        $document.environments[0].resourceManagerUrl | Should -Be 'https://adminmanagement.local.azurestack.external/'

        $all = @(Get-AzsCspEnvironment)
        $all.Count | Should -Be 4
        $all[-1].Name | Should -Be 'AzureStackAdmin'
        (Get-AzsCspEnvironment -Name azurestackadmin).ResourceManagerUrl | Should -Be 'https://adminmanagement.local.azurestack.external/'
    }

    It 'keeps explicit authority and audience, and several environments' {
        Add-AzsCspEnvironment -Name AdfsStamp -ResourceManagerEndpoint https://management.region.contoso.local/ `
            -ActiveDirectoryAuthority https://adfs.region.contoso.local/adfs/ -ActiveDirectoryResourceId https://management.adfs.contoso.local/1234 | Out-Null
        Add-AzsCspEnvironment -Name Other -ResourceManagerEndpoint https://management.other.local/ | Out-Null
        $adfs = Get-AzsCspEnvironment -Name AdfsStamp
        $adfs.ActiveDirectoryAuthority | Should -Be 'https://adfs.region.contoso.local/adfs/'
        $adfs.ActiveDirectoryResourceId | Should -Be 'https://management.adfs.contoso.local/1234'
        @(Get-AzsCspEnvironment | Where-Object Type -EQ 'Custom').Name | Should -Be @('AdfsStamp', 'Other')
    }

    It 'refuses to replace an environment without -Force and replaces it with -Force' {
        Add-AzsCspEnvironment -Name Lab -ResourceManagerEndpoint https://management.one.local/ | Out-Null
        { Add-AzsCspEnvironment -Name lab -ResourceManagerEndpoint https://management.two.local/ } | Should -Throw -ErrorId 'AzsCsp.EnvironmentExists,*'
        (Get-AzsCspEnvironment -Name Lab).ResourceManagerUrl | Should -Be 'https://management.one.local/'
        Add-AzsCspEnvironment -Name Lab -ResourceManagerEndpoint https://management.two.local/ -Force | Out-Null
        @(Get-AzsCspEnvironment | Where-Object Type -EQ 'Custom').Count | Should -Be 1
        (Get-AzsCspEnvironment -Name Lab).ResourceManagerUrl | Should -Be 'https://management.two.local/'
    }

    It 'refuses built-in names, invalid names and non-https endpoints' {
        { Add-AzsCspEnvironment -Name azurecloud -ResourceManagerEndpoint https://management.lab.local/ } | Should -Throw -ErrorId 'AzsCsp.BuiltInEnvironment,*'
        { Add-AzsCspEnvironment -Name 'bad/name' -ResourceManagerEndpoint https://management.lab.local/ } | Should -Throw -ErrorId 'AzsCsp.InvalidEnvironmentName,*'
        { Add-AzsCspEnvironment -Name Lab -ResourceManagerEndpoint http://management.lab.local/ } | Should -Throw -ErrorId 'AzsCsp.InvalidEndpoint,*'
        { Add-AzsCspEnvironment -Name Lab -ResourceManagerEndpoint 'management.lab.local' } | Should -Throw -ErrorId 'AzsCsp.InvalidEndpoint,*'
        { Add-AzsCspEnvironment -Name Lab -ResourceManagerEndpoint https://management.lab.local/ -ActiveDirectoryAuthority http://adfs.lab.local/adfs } | Should -Throw -ErrorId 'AzsCsp.InvalidEndpoint,*'
        Test-Path -LiteralPath $storePath | Should -BeFalse
    }

    It 'writes nothing with -WhatIf' {
        Add-AzsCspEnvironment -Name Lab -ResourceManagerEndpoint https://management.lab.local/ -WhatIf | Should -BeNullOrEmpty
        Test-Path -LiteralPath $storePath | Should -BeFalse
        Add-AzsCspEnvironment -Name Lab -ResourceManagerEndpoint https://management.lab.local/ | Out-Null
        Remove-AzsCspEnvironment -Name Lab -WhatIf
        (Get-AzsCspEnvironment -Name Lab).Name | Should -Be 'Lab'
    }

    It 'writes the file atomically: no temporary file is left and the file is always complete JSON' {
        1..20 | ForEach-Object { Add-AzsCspEnvironment -Name "Env$_" -ResourceManagerEndpoint "https://management.env$_.local/" | Out-Null }
        @(Get-ChildItem -LiteralPath $configDir -Force).Name | Should -Be @('environments.json')
        (Get-Content -LiteralPath $storePath -Raw | ConvertFrom-Json).environments.Count | Should -Be 20
        InModuleScope AzsCsp { (Get-Command Save-AzsCspEnvironmentStore).ScriptBlock.ToString() } | Should -Match '::Move\('
    }

    It 'removes a custom environment with -Force, and with -Confirm:$false from the pipeline' {
        Add-AzsCspEnvironment -Name One -ResourceManagerEndpoint https://management.one.local/ | Out-Null
        Add-AzsCspEnvironment -Name Two -ResourceManagerEndpoint https://management.two.local/ | Out-Null
        Add-AzsCspEnvironment -Name Three -ResourceManagerEndpoint https://management.three.local/ | Out-Null
        Remove-AzsCspEnvironment -Name one -Force | Should -BeNullOrEmpty
        $removed = Get-AzsCspEnvironment -Name 'T*' | Remove-AzsCspEnvironment -Confirm:$false -PassThru
        @($removed).Name | Sort-Object | Should -Be @('Three', 'Two')
        @(Get-AzsCspEnvironment).Count | Should -Be 3
        (Get-Content -LiteralPath $storePath -Raw | ConvertFrom-Json).environments.Count | Should -Be 0
    }

    It 'has ConfirmImpact High and reports missing and built-in environments' {
        $metadata = [System.Management.Automation.CommandMetadata]::new((Get-Command Remove-AzsCspEnvironment))
        $metadata.ConfirmImpact | Should -Be 'High'
        $metadata.SupportsShouldProcess | Should -BeTrue
        ([System.Management.Automation.CommandMetadata]::new((Get-Command Add-AzsCspEnvironment))).SupportsShouldProcess | Should -BeTrue
        Remove-AzsCspEnvironment -Name Missing -Force -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AzsCsp.EnvironmentNotFound,*'
        Remove-AzsCspEnvironment -Name AzureCloud -Force -ErrorVariable problems2 -ErrorAction SilentlyContinue
        $problems2[0].FullyQualifiedErrorId | Should -BeLike 'AzsCsp.BuiltInEnvironment,*'
        @(Get-AzsCspEnvironment).Count | Should -Be 3
    }
}

Describe 'Connect-AzsCspAccount -Environment with a stored custom environment' {
    BeforeEach {
        Remove-Item -LiteralPath $configDir -Recurse -Force -ErrorAction SilentlyContinue
        Disconnect-AzsCspAccount -All
        Reset-AzsCspTestEmulator -Emulator $emulator
    }

    It 'signs in with only the stored Resource Manager endpoint (authority and audience from /metadata/endpoints)' {
        Add-AzsCspEnvironment -Name EmulatorStack -ResourceManagerEndpoint $emulator.resourceManagerUrl | Out-Null
        $credential = New-AzsCspTestCredential -ApplicationId $fixture.OwnerAppId -Secret $fixture.OwnerSecret
        $context = Connect-AzsCspAccount -Environment EmulatorStack -ServicePrincipal -Credential $credential -Tenant $fixture.PartnerTenantId -CaCertificatePath $emulator.caCertificatePath
        $context.Environment | Should -Be 'EmulatorStack'
        $context.Name | Should -Be ('{0}@{1} (EmulatorStack)' -f $fixture.OwnerAppId, $fixture.PartnerTenantId)
        $context.ResourceManagerUrl | Should -Be $emulator.resourceManagerUrl
        $context.Authority.TrimEnd('/') | Should -Be $emulator.activeDirectoryAuthority.TrimEnd('/')
        $context.Audience | Should -Be $emulator.audience
        @(Get-AzsCspTestRequest -Emulator $emulator -PathContains '/metadata/endpoints').Count | Should -BeGreaterOrEqual 1
        Get-AzsRegistration -SubscriptionId $fixture.RegistrationSubscriptionId -Name $fixture.RegistrationName | Should -Not -BeNullOrEmpty
    }

    It 'uses the stored authority and audience without asking the metadata' {
        Add-AzsCspEnvironment -Name EmulatorFull -ResourceManagerEndpoint $emulator.resourceManagerUrl `
            -ActiveDirectoryAuthority $emulator.activeDirectoryAuthority -ActiveDirectoryResourceId $emulator.audience | Out-Null
        $credential = New-AzsCspTestCredential -ApplicationId $fixture.OwnerAppId -Secret $fixture.OwnerSecret
        $context = Connect-AzsCspAccount -Environment emulatorfull -ServicePrincipal -Credential $credential -Tenant $fixture.PartnerTenantId -CaCertificatePath $emulator.caCertificatePath
        $context.Environment | Should -Be 'EmulatorFull'
        $context.Audience | Should -Be $emulator.audience
        @(Get-AzsCspTestRequest -Emulator $emulator -PathContains '/metadata/endpoints').Count | Should -Be 0
    }

    It 'explains how to add an environment it does not know' {
        $credential = New-AzsCspTestCredential -ApplicationId $fixture.OwnerAppId -Secret $fixture.OwnerSecret
        $thrown = $null
        try { Connect-AzsCspAccount -Environment NotStored -ServicePrincipal -Credential $credential -Tenant $fixture.PartnerTenantId } catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'AzsCsp.ResourceManagerEndpointRequired,*'
        $thrown.ErrorDetails.RecommendedAction | Should -Match 'Add-AzsCspEnvironment'
    }

    It 'completes stored environment names for -Environment' {
        Add-AzsCspEnvironment -Name 'EmulatorStack' -ResourceManagerEndpoint $emulator.resourceManagerUrl | Out-Null
        $line = 'Connect-AzsCspAccount -Environment Emu'
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Contain 'EmulatorStack'
    }
}
