#Requires -Version 7.2
# The module's shape: manifest, exported commands, help, parameter metadata, native library loading.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $manifestPath = Get-AzsCspTestModulePath
    $commandNames = @((Import-PowerShellDataFile -LiteralPath $manifestPath).FunctionsToExport)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $manifestPath = Get-AzsCspTestModulePath
    $moduleRoot = Split-Path -Parent $manifestPath
    Import-Module $manifestPath -Force
    $expectedCommands = @(
        'Connect-AzsCspAccount', 'Disconnect-AzsCspAccount', 'Get-AzsCspContext',
        'Add-AzsCspEnvironment', 'Get-AzsCspEnvironment', 'Remove-AzsCspEnvironment', 'Get-AzsRegistration',
        'New-AzsCustomerSubscription', 'Get-AzsCustomerSubscription', 'Remove-AzsCustomerSubscription',
        'Test-AzsCspRegistration', 'Register-AzsEnvironment', 'Unregister-AzsEnvironment', 'Get-AzsActivationKey',
        'Get-AzsRegistrationToken', 'Set-AzsRegistration', 'Remove-AzsRegistration',
        'ConvertFrom-AzsRegistrationToken', 'New-AzsActivationResource', 'Remove-AzsActivationResource',
        'Register-AzsGuestDirectoryTenant', 'Unregister-AzsGuestDirectoryTenant', 'Get-AzsDirectoryTenant',
        'Register-AzsWithMyDirectoryTenant', 'Unregister-AzsWithMyDirectoryTenant', 'Update-AzsHomeDirectoryTenant',
        'Get-AzsHealthReport', 'Get-AzsDirectoryTenantIdentifier', 'Grant-AzsCspGuestOwner', 'Get-AzsCspGuestOwner',
        'Get-AzsSubscriberUsage', 'Get-AzsTenantUsage', 'Get-AzsCspChargeback',
        'Connect-AzsCspPartnerCenter', 'Test-AzsCspPartnerDomainAvailability', 'Test-AzsCspPartnerAddress', 'Get-AzsCspPartnerCustomer',
        'New-AzsCspPartnerCustomer', 'Remove-AzsCspPartnerCustomer', 'Get-AzsCspPartnerCustomerAgreement', 'New-AzsCspPartnerCustomerAgreement',
        'Get-AzsCspPartnerAzurePlanOffer', 'New-AzsCspPartnerAzurePlan', 'Get-AzsCspPartnerCustomerAzurePlanEntitlement',
        'Remove-AzsCspPartnerAzureEntitlement', 'Get-AzsCspPartnerAzureSubscription', 'Get-AzsCspPartnerCustomerSubscription',
        'Set-AzsCspPartnerCustomerSubscription', 'Suspend-AzsCspPartnerCustomerSubscription', 'Resume-AzsCspPartnerCustomerSubscription',
        'Remove-AzsCspPartnerCustomerSubscription', 'Register-AzsCspCustomer')

    function Invoke-ChildPwsh {
        # Runs a script in a new pwsh process (the native library is loaded once per process).
        param([string] $Script, [hashtable] $Environment = @{})
        # pwsh may run as 'dotnet pwsh.dll' (a .NET global tool): start it the same way.
        $pwsh = [Environment]::ProcessPath
        $prefix = @()
        if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') {
            $prefix = @([Environment]::GetCommandLineArgs()[0])
        }
        $saved = @{}
        foreach ($key in $Environment.Keys) {
            $saved[$key] = [Environment]::GetEnvironmentVariable($key)
            [Environment]::SetEnvironmentVariable($key, $Environment[$key])
        }
        try {
            $output = & $pwsh @prefix -NoProfile -NonInteractive -Command $Script 2>&1 | Out-String
        }
        finally {
            foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) }
        }
        return $output
    }
}

Describe 'AzsCsp manifest' {
    BeforeAll {
        $data = Import-PowerShellDataFile -LiteralPath $manifestPath
    }

    It 'is a valid module manifest' {
        { Test-ModuleManifest -Path $manifestPath -ErrorAction Stop } | Should -Not -Throw
    }

    It 'exports the commands explicitly, without wildcards' {
        $data.FunctionsToExport | Should -Be $expectedCommands
        $data.FunctionsToExport | Should -Not -Contain '*'
        @($data.CmdletsToExport).Count | Should -Be 0
        @($data.AliasesToExport).Count | Should -Be 0
        @($data.VariablesToExport).Count | Should -Be 0
    }

    It 'targets PowerShell 7.2+ Core with format views and no Az dependency' {
        $data.CompatiblePSEditions | Should -Be @('Core')
        $data.PowerShellVersion | Should -Be '7.2'
        $data.FormatsToProcess | Should -Contain 'AzsCsp.Format.ps1xml'
        $data.ContainsKey('RequiredModules') | Should -BeFalse
        Get-Content -LiteralPath (Join-Path $moduleRoot 'AzsCsp.psm1') -Raw | Should -Not -Match 'Az\.Accounts|Az\.Resources|AzureRM'
    }

    It 'exports exactly the manifest commands' {
        $exported = @((Get-Module AzsCsp).ExportedCommands.Keys | Sort-Object)
        $exported | Should -Be @($expectedCommands | Sort-Object)
    }

    It 'loads the format views for every output type' {
        foreach ($type in 'AzsCsp.CustomerSubscription', 'AzsCsp.Registration', 'AzsCsp.Context', 'AzsCsp.RemovedCustomerSubscription', 'AzsCsp.Environment',
            'AzsCsp.RegistrationStep', 'AzsCsp.RegistrationCheck', 'AzsCsp.RegistrationCheckResult', 'AzsCsp.UnregisteredRegistration',
            'AzsCsp.RemovedRegistration', 'AzsCsp.RegistrationOperation', 'AzsCsp.RegistrationToken', 'AzsCsp.ActivationResource',
            'AzsCsp.RemovedActivationResource', 'AzsCsp.DirectoryTenant', 'AzsCsp.DirectoryTenantRegistration', 'AzsCsp.RemovedDirectoryTenant',
            'AzsCsp.DirectoryConfigurationReport', 'AzsCsp.DirectoryApplication', 'AzsCsp.DirectoryRemovalReport', 'AzsCsp.DirectoryApplicationRemoval',
            'AzsCsp.IdentityHealthReport', 'AzsCsp.DirectoryTenantHealth', 'AzsCsp.ApplicationHealth', 'AzsCsp.GuestOwner', 'AzsCsp.GuestOwnerAssignment',
            'AzsCsp.UsageRecord', 'AzsCsp.ChargebackLine', 'AzsCsp.PartnerCenter.Customer', 'AzsCsp.PartnerCenter.Subscription',
            'AzsCsp.PartnerCenter.AzureSubscription', 'AzsCsp.PartnerCenter.Agreement', 'AzsCsp.PartnerCenter.AzurePlanPurchase',
            'AzsCsp.PartnerCenter.AzurePlanOffer', 'AzsCsp.PartnerCenter.AddressValidation', 'AzsCsp.CustomerOnboardingStep') {
            $view = Get-FormatData -TypeName $type
            $view | Should -Not -BeNullOrEmpty -Because "$type needs a table view"
        }
    }
}

Describe 'Help of <_>' -ForEach $commandNames {
    BeforeAll {
        $name = $_
        $help = Get-Help -Name $name -Full
        $command = Get-Command -Name $name
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
    }

    It 'has a synopsis and a description' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match "^$name\s"   # not the generated syntax line
        ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'documents every parameter' {
        $parameters = $command.Parameters.Values | Where-Object { $_.Name -notin $common -and -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }) }
        foreach ($parameter in $parameters) {
            $doc = $help.parameters.parameter | Where-Object Name -EQ $parameter.Name
            ($doc.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "parameter -$($parameter.Name) of $name needs help"
        }
    }

    It 'has at least two examples, outputs and links' {
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        ($help.returnValues | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.relatedLinks.navigationLink).Count | Should -BeGreaterOrEqual 1
    }
}

Describe 'Documented command swaps in help' {
    It 'New-AzsCustomerSubscription shows the New-AzResource swap and a CSV bulk import' {
        $examples = (Get-Help New-AzsCustomerSubscription -Examples | Out-String)
        $examples | Should -Match 'New-AzsCustomerSubscription -ResourceId "subscriptions/[^"]+/customerSubscriptions/[^"]+" -ApiVersion 2017-06-01'
        $examples | Should -Match 'Import-Csv .+ \| New-AzsCustomerSubscription'
    }

    It 'Get- and Remove-AzsCustomerSubscription show the Get-AzResource / Remove-AzResource swaps' {
        (Get-Help Get-AzsCustomerSubscription -Examples | Out-String) | Should -Match 'Get-AzsCustomerSubscription -ResourceId "subscriptions/[^"]+/customerSubscriptions" -ApiVersion 2017-06-01'
        (Get-Help Remove-AzsCustomerSubscription -Examples | Out-String) | Should -Match 'Remove-AzsCustomerSubscription -ResourceId "subscriptions/[^"]+" -ApiVersion 2017-06-01'
    }
}

Describe 'Command metadata' {
    It 'New-AzsCustomerSubscription supports ShouldProcess with ConfirmImpact Medium' {
        $binding = (Get-Command New-AzsCustomerSubscription).ScriptBlock.Attributes | Where-Object { $_ -is [System.Management.Automation.CmdletBindingAttribute] }
        $binding.SupportsShouldProcess | Should -BeTrue
        $binding.ConfirmImpact | Should -Be 'Medium'
        $binding.DefaultParameterSetName | Should -Be 'ByName'
    }

    It 'Remove-AzsCustomerSubscription supports ShouldProcess with ConfirmImpact High' {
        $binding = (Get-Command Remove-AzsCustomerSubscription).ScriptBlock.Attributes | Where-Object { $_ -is [System.Management.Automation.CmdletBindingAttribute] }
        $binding.SupportsShouldProcess | Should -BeTrue
        $binding.ConfirmImpact | Should -Be 'High'
    }

    It 'has the ByName and ByResourceId parameter sets on the customer subscription commands' {
        foreach ($name in 'New-AzsCustomerSubscription', 'Get-AzsCustomerSubscription', 'Remove-AzsCustomerSubscription') {
            (Get-Command $name).ParameterSets.Name | Should -Be @('ByName', 'ByResourceId')
            (Get-Command $name).Parameters['ResourceId'].Aliases | Should -Contain 'Id'
        }
    }

    It 'binds the CSV columns by property name' {
        $parameters = (Get-Command New-AzsCustomerSubscription).Parameters
        foreach ($name in 'RegistrationSubscriptionId', 'ResourceGroupName', 'RegistrationName', 'CustomerSubscriptionId', 'TenantId', 'ResourceId') {
            $parameters[$name].ParameterSets.Values.ValueFromPipelineByPropertyName | Should -Contain $true -Because "-$name binds by property name"
        }
        $parameters['CustomerSubscriptionId'].Aliases | Should -Contain 'CustomerSubscriptionName'
        $parameters['ResourceGroupName'].Aliases | Should -Contain 'ResourceGroup'
    }

    It '<Name> supports ShouldProcess with ConfirmImpact <Impact>' -ForEach @(
        @{ Name = 'Register-AzsEnvironment'; Impact = 'Medium' }
        @{ Name = 'Set-AzsRegistration'; Impact = 'Medium' }
        @{ Name = 'Unregister-AzsEnvironment'; Impact = 'High' }
        @{ Name = 'Remove-AzsRegistration'; Impact = 'High' }
        @{ Name = 'Get-AzsActivationKey'; Impact = 'Low' }
        @{ Name = 'Get-AzsRegistrationToken'; Impact = 'Low' }
        @{ Name = 'New-AzsActivationResource'; Impact = 'Medium' }
        @{ Name = 'Remove-AzsActivationResource'; Impact = 'High' }
        @{ Name = 'Register-AzsGuestDirectoryTenant'; Impact = 'Medium' }
        @{ Name = 'Unregister-AzsGuestDirectoryTenant'; Impact = 'High' }
        @{ Name = 'Register-AzsWithMyDirectoryTenant'; Impact = 'Medium' }
        @{ Name = 'Unregister-AzsWithMyDirectoryTenant'; Impact = 'High' }
        @{ Name = 'Update-AzsHomeDirectoryTenant'; Impact = 'Medium' }
        @{ Name = 'Grant-AzsCspGuestOwner'; Impact = 'Medium' }
    ) {
        $binding = (Get-Command $Name).ScriptBlock.Attributes | Where-Object { $_ -is [System.Management.Automation.CmdletBindingAttribute] }
        $binding.SupportsShouldProcess | Should -BeTrue
        $binding.ConfirmImpact | Should -Be $Impact
    }

    It 'has -Force on the removals' {
        foreach ($name in 'Unregister-AzsEnvironment', 'Remove-AzsRegistration', 'Remove-AzsActivationResource', 'Unregister-AzsGuestDirectoryTenant', 'Unregister-AzsWithMyDirectoryTenant') {
            (Get-Command $name).Parameters.Keys | Should -Contain 'Force'
        }
    }

    It 'resolves both spellings UnRegister-AzsEnvironment and Unregister-AzsEnvironment to one command' {
        (Get-Command UnRegister-AzsEnvironment).Name | Should -Be 'Unregister-AzsEnvironment'
        (Get-Command unregister-azsenvironment).Module.Name | Should -Be 'AzsCsp'
    }

    It 'keeps the documented positions of <Name>' -ForEach @(
        @{ Name = 'Register-AzsEnvironment'; Set = '__AllParameterSets'; Positions = [ordered]@{ RegistrationToken = 0; RegistrationName = 1; AzureContext = 2; ResourceGroupName = 3; ResourceGroupLocation = 4 } }
        @{ Name = 'Get-AzsActivationKey'; Set = '__AllParameterSets'; Positions = [ordered]@{ RegistrationName = 0; AzureContext = 1; ResourceGroupName = 2; KeyOutputFilePath = 3 } }
        @{ Name = 'Unregister-AzsEnvironment'; Set = 'ByName'; Positions = [ordered]@{ AzureContext = 0; RegistrationName = 2; ResourceGroupName = 3 } }
        @{ Name = 'Unregister-AzsEnvironment'; Set = 'ByToken'; Positions = [ordered]@{ AzureContext = 0; RegistrationToken = 1; ResourceGroupName = 3 } }
        @{ Name = 'Unregister-AzsEnvironment'; Set = 'ByCloudId'; Positions = [ordered]@{ AzureContext = 0; ResourceGroupName = 3; CloudId = 4 } }
        @{ Name = 'Set-AzsRegistration'; Set = 'Register'; Positions = [ordered]@{ PrivilegedEndpointCredential = 0; PrivilegedEndpoint = 1; RegistrationName = 2; AzureContext = 3; ResourceGroupName = 4; ResourceGroupLocation = 5; BillingModel = 6; AgreementNumber = 7; MsAssetTag = 8 } }
        @{ Name = 'Remove-AzsRegistration'; Set = 'PrivilegedEndpoint'; Positions = [ordered]@{ PrivilegedEndpointCredential = 0; PrivilegedEndpoint = 1; RegistrationName = 2; ResourceGroupName = 3; AzureContext = 4 } }
        @{ Name = 'Get-AzsRegistrationToken'; Set = 'PrivilegedEndpoint'; Positions = [ordered]@{ PrivilegedEndpointCredential = 0; PrivilegedEndpoint = 1; BillingModel = 2; TokenOutputFilePath = 3; AgreementNumber = 4; MsAssetTag = 5 } }
        @{ Name = 'New-AzsActivationResource'; Set = 'PrivilegedEndpoint'; Positions = [ordered]@{ PrivilegedEndpointCredential = 0; PrivilegedEndpoint = 1; ActivationKey = 2 } }
        @{ Name = 'Remove-AzsActivationResource'; Set = 'PrivilegedEndpoint'; Positions = [ordered]@{ PrivilegedEndpointCredential = 0; PrivilegedEndpoint = 1 } }
        @{ Name = 'ConvertFrom-AzsRegistrationToken'; Set = 'Token'; Positions = [ordered]@{ RegistrationToken = 0 } }
        @{ Name = 'Register-AzsGuestDirectoryTenant'; Set = '__AllParameterSets'; Positions = [ordered]@{ AdminResourceManagerEndpoint = 0; DirectoryTenantName = 1; GuestDirectoryTenantName = 2; Location = 3; SubscriptionId = 4; SubscriptionName = 5; ResourceGroupName = 6; AutomationCredential = 7 } }
        @{ Name = 'Unregister-AzsGuestDirectoryTenant'; Set = '__AllParameterSets'; Positions = [ordered]@{ AdminResourceManagerEndpoint = 0; DirectoryTenantName = 1; GuestDirectoryTenantName = 2; ResourceGroupName = 3; SubscriptionId = 4; SubscriptionName = 5; AutomationCredential = 6 } }
        @{ Name = 'Register-AzsWithMyDirectoryTenant'; Set = '__AllParameterSets'; Positions = [ordered]@{ TenantResourceManagerEndpoint = 0; DirectoryTenantName = 1; AutomationCredential = 2; CustomCloudAzureResourceManagerEndpoint = 3 } }
        @{ Name = 'Unregister-AzsWithMyDirectoryTenant'; Set = '__AllParameterSets'; Positions = [ordered]@{ TenantResourceManagerEndpoint = 0; DirectoryTenantName = 1; AutomationCredential = 2; CustomCloudAzureResourceManagerEndpoint = 3 } }
        @{ Name = 'Update-AzsHomeDirectoryTenant'; Set = '__AllParameterSets'; Positions = [ordered]@{ AdminResourceManagerEndpoint = 0; DirectoryTenantName = 1; AutomationCredential = 2 } }
        @{ Name = 'Get-AzsHealthReport'; Set = '__AllParameterSets'; Positions = [ordered]@{ AdminResourceManagerEndpoint = 0; DirectoryTenantName = 1; AutomationCredential = 2 } }
        @{ Name = 'Get-AzsDirectoryTenantIdentifier'; Set = '__AllParameterSets'; Positions = [ordered]@{ Authority = 0 } }
    ) {
        $command = Get-Command $Name
        foreach ($parameter in $Positions.Keys) {
            $attribute = $command.Parameters[$parameter].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ParameterSetName -in $Set, '__AllParameterSets' }
            $attribute.Position | Should -Be $Positions[$parameter] -Because "-$parameter of $Name ($Set)"
        }
    }

    It 'has the documented defaults and mandatory parameters of the registration commands' {
        $set = Get-Command Set-AzsRegistration
        ($set.ScriptBlock.Ast.Body.ParamBlock.Parameters | Where-Object { $_.Name.VariablePath.UserPath -eq 'BillingModel' }).DefaultValue.Value | Should -Be 'Development'
        ($set.Parameters['BillingModel'].Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }).ValidValues |
            Should -Be @('Capacity', 'PayAsYouUse', 'Development', 'Custom', 'Ruggedized')
        (Get-Command Get-AzsRegistrationToken).Parameters['BillingModel'].Attributes.Where({ $_ -is [System.Management.Automation.ValidateSetAttribute] }).ValidValues |
            Should -Be @('Capacity', 'Development', 'Custom')
        foreach ($name in 'Register-AzsEnvironment', 'Get-AzsActivationKey', 'Unregister-AzsEnvironment', 'Remove-AzsRegistration') {
            $rg = (Get-Command $name).ScriptBlock.Ast.Body.ParamBlock.Parameters | Where-Object { $_.Name.VariablePath.UserPath -eq 'ResourceGroupName' }
            $rg.DefaultValue.Value | Should -Be 'azurestack' -Because "$name defaults to the azurestack resource group"
        }
    }

    It 'binds the context of piped registrations (ContextName) on the registration commands' {
        foreach ($pair in @(@('Register-AzsEnvironment', 'AzureContext'), @('Get-AzsActivationKey', 'AzureContext'), @('Unregister-AzsEnvironment', 'AzureContext'), @('Test-AzsCspRegistration', 'Context'))) {
            $parameter = (Get-Command $pair[0]).Parameters[$pair[1]]
            $parameter.Aliases | Should -Contain 'ContextName'
            $parameter.ParameterSets.Values.ValueFromPipelineByPropertyName | Should -Contain $true -Because "$($pair[0]) -$($pair[1]) binds ContextName"
        }
    }

    It 'has the mandatory parameters and pipeline binding of the activation and token commands' {
        $new = Get-Command New-AzsActivationResource
        $new.ParameterSets.Name | Sort-Object | Should -Be @('PrivilegedEndpoint', 'Session')
        foreach ($name in 'PrivilegedEndpointCredential', 'PrivilegedEndpoint', 'ActivationKey') {
            $new.Parameters[$name].ParameterSets['PrivilegedEndpoint'].IsMandatory | Should -BeTrue -Because "-$name is mandatory"
        }
        $new.Parameters['PrivilegedEndpointSession'].ParameterSets['Session'].IsMandatory | Should -BeTrue
        $new.Parameters['ActivationKey'].ParameterSets.Values.ValueFromPipeline | Should -Not -Contain $false
        $new.Parameters['ActivationKey'].ParameterSets.Values.ValueFromPipelineByPropertyName | Should -Not -Contain $false
        $remove = Get-Command Remove-AzsActivationResource
        $remove.Parameters['PrivilegedEndpointCredential'].ParameterSets['PrivilegedEndpoint'].IsMandatory | Should -BeTrue
        $remove.Parameters['PrivilegedEndpoint'].ParameterSets['PrivilegedEndpoint'].IsMandatory | Should -BeTrue
        $remove.Parameters.Keys | Should -Contain 'PrivilegedEndpointSession'
        $convert = Get-Command ConvertFrom-AzsRegistrationToken
        $convert.Parameters['RegistrationToken'].ParameterSets['Token'].ValueFromPipeline | Should -BeTrue
        $convert.Parameters['RegistrationToken'].ParameterSets['Token'].ValueFromPipelineByPropertyName | Should -BeTrue
        $convert.Parameters['Path'].ParameterSets['Path'].IsMandatory | Should -BeTrue
    }

    It 'says in the help of the privileged endpoint activation commands that they need remoting to the ERCS VM and make no Azure call' {
        foreach ($name in 'New-AzsActivationResource', 'Remove-AzsActivationResource') {
            $text = (Get-Help $name -Full | Out-String) -replace '\s+', ' '
            $text | Should -Match 'PowerShell remoting \(WinRM\) to the ERCS VM' -Because $name
            $text | Should -Match 'no call to Azure' -Because $name
        }
    }

    It 'says in the help of Get-AzsRegistration and ConvertFrom-AzsRegistrationToken where the usage-reporting and syndication flags are seen' {
        foreach ($name in 'Get-AzsRegistration', 'ConvertFrom-AzsRegistrationToken') {
            $text = (Get-Help $name -Full | Out-String) -replace '\s+', ' '
            $text | Should -Match 'does not carry the usage-reporting' -Because $name
            $text | Should -Match 'token' -Because $name
        }
    }

    It 'gives the multi-tenancy commands only the documented positions (the others are named)' {
        foreach ($name in 'Register-AzsGuestDirectoryTenant', 'Unregister-AzsGuestDirectoryTenant', 'Register-AzsWithMyDirectoryTenant', 'Unregister-AzsWithMyDirectoryTenant',
            'Update-AzsHomeDirectoryTenant', 'Get-AzsHealthReport', 'Grant-AzsCspGuestOwner', 'Get-AzsCspGuestOwner') {
            $command = Get-Command $name
            foreach ($parameter in 'Context', 'CaCertificatePath', 'MicrosoftGraphEndpoint', 'Force', 'PassThru', 'ThrottleLimit') {
                if (-not $command.Parameters.ContainsKey($parameter)) { continue }
                $position = ($command.Parameters[$parameter].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }).Position
                $position | Should -BeLessThan 0 -Because "-$parameter of $name is not positional"
            }
            $command.Parameters.Keys | Should -Contain 'Context' -Because "$name takes -Context"
        }
        (Get-Command Register-AzsGuestDirectoryTenant).Parameters['GuestDirectoryTenantName'].ParameterType | Should -Be ([string[]])
        (Get-Command Unregister-AzsGuestDirectoryTenant).Parameters['GuestDirectoryTenantName'].ParameterType | Should -Be ([string])
        $get = Get-Command Get-AzsDirectoryTenant
        $get.ParameterSets.Name | Sort-Object | Should -Be @('Get', 'List', 'ResourceId')
        $get.Parameters['Context'].Aliases | Should -Contain 'DefaultProfile'
        $get.Parameters['SubscriptionId'].ParameterType | Should -Be ([string[]])
        $get.Parameters['ResourceGroupName'].ParameterSets['List'].IsMandatory | Should -BeFalse
        $get.Parameters['Name'].ParameterSets['Get'].IsMandatory | Should -BeTrue
        foreach ($name in 'Top', 'Skip', 'ResourceId') { $get.Parameters.Keys | Should -Contain $name }
    }

    It 'resolves the documented spelling Get-AzsDirectoryTenantidentifier to Get-AzsDirectoryTenantIdentifier' {
        (Get-Command Get-AzsDirectoryTenantidentifier).Name | Should -Be 'Get-AzsDirectoryTenantIdentifier'
        (Get-Command Get-AzsDirectoryTenantidentifier).Module.Name | Should -Be 'AzsCsp'
        Get-AzsDirectoryTenantidentifier -Authority https://adfs.local.azurestack.external/adfs | Should -Be 'adfs'
        Get-AzsDirectoryTenantIdentifier -Authority https://adfs.local.azurestack.external/adfs/ | Should -Be 'adfs'
    }

    It 'writes nothing to the console host and no file into the module folder' {
        foreach ($file in Get-ChildItem -Path $moduleRoot -Recurse -Filter '*.ps*1') {
            $text = Get-Content -LiteralPath $file.FullName -Raw
            $text | Should -Not -Match '(?im)^\s*[^#\r\n]*\bWrite-Host\b' -Because "$($file.Name) must not use Write-Host"
            $text | Should -Not -Match '(?i)(Out-File|Set-Content|Add-Content|Start-Transcript)[^\r\n]*\$PSScriptRoot' -Because "$($file.Name) must not write into the module folder"
        }
    }

    It 'New-AzsCustomerSubscription takes -CustomerDomain (alias Domain) by property name and -SkipCheck' {
        $new = Get-Command New-AzsCustomerSubscription
        $new.Parameters['CustomerDomain'].Aliases | Should -Contain 'Domain'
        $new.Parameters['CustomerDomain'].ParameterSets.Values.ValueFromPipelineByPropertyName | Should -Contain $true
        $new.Parameters.Keys | Should -Contain 'SkipCheck'
    }

    It 'names the Connect-AzsCspAccount parameter set ServicePrincipalSecret and hides -TokenVersion' {
        $command = Get-Command Connect-AzsCspAccount
        $command.DefaultParameterSet | Should -Be 'ServicePrincipalSecret'
        ($command.Parameters['TokenVersion'].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }).DontShow | Should -Contain $true
    }
}

Describe 'Parameter validation before any request' {
    It 'rejects an unsupported -ApiVersion with the supported list' -ForEach @(
        @{ Command = 'New-AzsCustomerSubscription' }
        @{ Command = 'Get-AzsCustomerSubscription' }
        @{ Command = 'Remove-AzsCustomerSubscription' }
    ) {
        $id = 'subscriptions/414f12af-d3bb-44fd-a278-d0aff47d869b/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/myreg/customerSubscriptions/fd6f3b4e-ca7e-4807-8b42-cb4ec0d55f3c'
        $err = { & $Command -ResourceId $id -ApiVersion '2016-01-01' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -PassThru
        $err.Exception.Message | Should -Match '2017-06-01'
        $err.Exception.Message | Should -Match '2022-06-01'
    }

    It 'says "Run Connect-AzsCspAccount first" with a stable ErrorId when no context is signed in' {
        Disconnect-AzsCspAccount -All
        $err = { Get-AzsCustomerSubscription -RegistrationSubscriptionId 414f12af-d3bb-44fd-a278-d0aff47d869b -RegistrationName myreg } |
            Should -Throw -ErrorId 'AzsCsp.NotConnected,*' -PassThru
        $err.Exception.Message | Should -Match 'Run Connect-AzsCspAccount first'
        { Get-AzsRegistration -SubscriptionId 414f12af-d3bb-44fd-a278-d0aff47d869b } | Should -Throw -ErrorId 'AzsCsp.NotConnected,*'
        { New-AzsCustomerSubscription -RegistrationSubscriptionId 414f12af-d3bb-44fd-a278-d0aff47d869b -RegistrationName myreg -CustomerSubscriptionId fd6f3b4e-ca7e-4807-8b42-cb4ec0d55f3c } | Should -Throw -ErrorId 'AzsCsp.NotConnected,*'
        { Remove-AzsCustomerSubscription -RegistrationSubscriptionId 414f12af-d3bb-44fd-a278-d0aff47d869b -RegistrationName myreg -CustomerSubscriptionId fd6f3b4e-ca7e-4807-8b42-cb4ec0d55f3c -Force } | Should -Throw -ErrorId 'AzsCsp.NotConnected,*'
    }

    It 'rejects a non-https endpoint of <Command> with a message naming the value' -ForEach @(
        @{ Command = 'Register-AzsGuestDirectoryTenant'; Arguments = @{ AdminResourceManagerEndpoint = 'http://adminmanagement.local.azurestack.external'; DirectoryTenantName = 'contoso.onmicrosoft.com'; GuestDirectoryTenantName = 'fabrikam.onmicrosoft.com'; Location = 'local'; ResourceGroupName = 'system.local' } }
        @{ Command = 'Unregister-AzsGuestDirectoryTenant'; Arguments = @{ AdminResourceManagerEndpoint = 'http://adminmanagement.local.azurestack.external'; DirectoryTenantName = 'contoso.onmicrosoft.com'; GuestDirectoryTenantName = 'fabrikam.onmicrosoft.com'; ResourceGroupName = 'system.local'; Force = $true } }
        @{ Command = 'Register-AzsWithMyDirectoryTenant'; Arguments = @{ TenantResourceManagerEndpoint = 'http://adminmanagement.local.azurestack.external'; DirectoryTenantName = 'fabrikam.onmicrosoft.com' } }
        @{ Command = 'Unregister-AzsWithMyDirectoryTenant'; Arguments = @{ TenantResourceManagerEndpoint = 'http://adminmanagement.local.azurestack.external'; DirectoryTenantName = 'fabrikam.onmicrosoft.com'; Force = $true } }
        @{ Command = 'Update-AzsHomeDirectoryTenant'; Arguments = @{ AdminResourceManagerEndpoint = 'http://adminmanagement.local.azurestack.external'; DirectoryTenantName = 'contoso.onmicrosoft.com' } }
        @{ Command = 'Get-AzsHealthReport'; Arguments = @{ AdminResourceManagerEndpoint = 'http://adminmanagement.local.azurestack.external'; DirectoryTenantName = 'contoso.onmicrosoft.com' } }
        @{ Command = 'Grant-AzsCspGuestOwner'; Arguments = @{ TenantResourceManagerEndpoint = 'http://adminmanagement.local.azurestack.external'; DirectoryTenantName = 'fabrikam.onmicrosoft.com'; SubscriptionId = '6c1f0b9e-0a4f-4d8e-9a51-0f4f2b7d3c11'; InvitedUserEmailAddress = 'admin@contosocsp.onmicrosoft.com' } }
    ) {
        $err = { & $Command @Arguments } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -PassThru
        $err.Exception.Message | Should -Match 'http://adminmanagement\.local\.azurestack\.external/?'' is not an absolute https URL'
    }

    It 'signs in to nothing and sends nothing with -WhatIf (no context needed)' {
        Disconnect-AzsCspAccount -All
        $arm = 'https://adminmanagement.local.azurestack.external'
        $whatIf = Register-AzsGuestDirectoryTenant $arm contoso.onmicrosoft.com fabrikam.onmicrosoft.com, adatum.onmicrosoft.com local -ResourceGroupName system.local -WhatIf 6>&1 | Out-String
        Unregister-AzsGuestDirectoryTenant $arm contoso.onmicrosoft.com fabrikam.onmicrosoft.com system.local -WhatIf
        Register-AzsWithMyDirectoryTenant https://management.local.azurestack.external fabrikam.onmicrosoft.com -WhatIf
        Unregister-AzsWithMyDirectoryTenant https://management.local.azurestack.external fabrikam.onmicrosoft.com -WhatIf
        Get-AzsCspContext -ListAvailable | Should -BeNullOrEmpty
    }

    It 'names the guest directory (not the home directory) in the Unregister-AzsGuestDirectoryTenant prompt' {
        $script = @"
Import-Module '$manifestPath'
Unregister-AzsGuestDirectoryTenant https://adminmanagement.local.azurestack.external contoso.onmicrosoft.com fabrikam.onmicrosoft.com system.local -WhatIf
"@
        $output = Invoke-ChildPwsh -Script $script
        $output | Should -Match "on target .Guest directory 'fabrikam\.onmicrosoft\.com' on https://adminmanagement\.local\.azurestack\.external/"
        $output | Should -Not -Match 'contoso\.onmicrosoft\.com'
    }

    It 'rejects a guest directory that is neither a domain nor a GUID, and runs the others' {
        Disconnect-AzsCspAccount -All
        $out = Register-AzsGuestDirectoryTenant https://adminmanagement.local.azurestack.external contoso.onmicrosoft.com 'not a domain', fabrikam.onmicrosoft.com local -ResourceGroupName system.local -WhatIf -ErrorVariable bad -ErrorAction SilentlyContinue
        @($bad).Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -Match '^AzsCsp.InvalidDirectoryTenantName'
        $bad[0].TargetObject | Should -Be 'not a domain'
    }

    It 'maps the multi-tenancy error <Code> to <Category> with a recommended action naming <Match>' -ForEach @(
        @{ Code = 'Authorization_RequestDenied'; Kind = 'PermissionDenied'; Category = 'PermissionDenied'; Match = 'Global Administrator or Application Administrator'; Target = @{ DirectoryTenantName = 'fabrikam.onmicrosoft.com'; Stamp = 'Tenant' } }
        @{ Code = 'Request_ResourceNotFound'; Kind = 'NotFound'; Category = 'ObjectNotFound'; Match = 'run the command again'; Target = @{ DirectoryTenantName = 'fabrikam.onmicrosoft.com'; Stamp = 'Tenant' } }
        @{ Code = 'TenantNotFound'; Kind = 'NotFound'; Category = 'ObjectNotFound'; Match = 'nosuch\.onmicrosoft\.com'; Target = @{ GuestDirectoryTenantName = 'nosuch.onmicrosoft.com'; DirectoryTenantName = 'contoso.onmicrosoft.com'; Stamp = 'Admin' } }
        @{ Code = 'DefaultProviderSubscriptionNotFound'; Kind = 'NotFound'; Category = 'ObjectNotFound'; Match = '-SubscriptionId'; Target = @{ Endpoint = 'https://adminmanagement.local.azurestack.external/'; Stamp = 'Admin' } }
        @{ Code = 'MicrosoftGraphUnknown'; Kind = 'InvalidArgument'; Category = 'NotSpecified'; Match = '-MicrosoftGraphEndpoint'; Target = @{ Stamp = 'Tenant' } }
        @{ Code = 'InvalidAuthenticationTokenTenant'; Kind = 'Authentication'; Category = 'AuthenticationError'; Match = 'Register-AzsGuestDirectoryTenant -GuestDirectoryTenantName adatum'; Target = @{ DirectoryTenantName = 'adatum.onmicrosoft.com'; Stamp = 'Tenant' } }
        @{ Code = 'invalid_resource'; Kind = 'Authentication'; Category = 'AuthenticationError'; Match = 'Register-AzsWithMyDirectoryTenant'; Message = 'AADSTS500011: The resource principal named https://management.contoso/x was not found in the tenant named adatum.'; Target = @{} }
    ) {
        $message = if ($Message) { $Message } else { "$Code happened." }
        $record = & (Get-Module AzsCsp) {
            param($Code, $Kind, $Message, $Target)
            $nativeError = [AzsCsp.NativeError]@{ Status = 12; Kind = $Kind; Code = $Code; Message = $Message }
            New-AzsCspErrorRecord -NativeError $nativeError -Target $Target -CredentialType 'UsernamePassword'
        } $Code $Kind $message $Target
        $record.FullyQualifiedErrorId | Should -Be "AzsCsp.$Code"
        $record.CategoryInfo.Category | Should -Be $Category
        $record.ErrorDetails.RecommendedAction | Should -Match $Match
    }

    It 'reports an unknown -Context by name' {
        { Get-AzsRegistration -SubscriptionId 414f12af-d3bb-44fd-a278-d0aff47d869b -Context 'no-such-context' } | Should -Throw -ErrorId 'AzsCsp.ContextNotFound,*'
    }

    It 'returns nothing from Get-AzsCspContext when nobody is signed in' {
        Get-AzsCspContext | Should -BeNullOrEmpty
        Get-AzsCspContext -ListAvailable | Should -BeNullOrEmpty
    }
}

Describe 'Native library loading' {
    It 'loaded a library with ABI version 1' {
        [AzsCsp.Native]::IsLoaded | Should -BeTrue
        [AzsCsp.Native]::LoadedAbiVersion | Should -Be 1
        [AzsCsp.Native]::Version | Should -Match '^\d+\.\d+'
    }

    It 'imports without the library and fails Connect-AzsCspAccount with AzsCsp.NativeLibraryNotFound' {
        $missing = Join-Path $TestDrive 'nowhere/libazscsp.so'
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$manifestPath'
`$null = Get-Help New-AzsCustomerSubscription
`$credential = [pscredential]::new('app', (ConvertTo-SecureString 'not-used' -AsPlainText -Force))
try { Connect-AzsCspAccount -ServicePrincipal -Credential `$credential -Tenant t; 'NO ERROR' }
catch { 'ERRORID=' + `$_.FullyQualifiedErrorId; 'MESSAGE=' + `$_.Exception.Message }
"@
        $output = Invoke-ChildPwsh -Script $script -Environment @{ AZSCSP_NATIVE_LIBRARY = $missing }
        $output | Should -Match 'ERRORID=AzsCsp\.NativeLibraryNotFound,Connect-AzsCspAccount'
        $output | Should -Match ([regex]::Escape($missing))
    }

    It 'loads the library from the module bin folder when AZSCSP_NATIVE_LIBRARY is not set' {
        $bin = Join-Path (Join-Path $moduleRoot 'bin') ([AzsCsp.Native]::DefaultLibraryFileName)
        if (-not (Test-Path -LiteralPath $bin)) {
            Set-ItResult -Skipped -Because "$bin was not built"
            return
        }
        $script = "Import-Module '$manifestPath'; [AzsCsp.Native]::IsLoaded; [AzsCsp.Native]::LoadedPath"
        $output = Invoke-ChildPwsh -Script $script -Environment @{ AZSCSP_NATIVE_LIBRARY = $null }
        $output | Should -Match 'True'
        $output | Should -Match ([regex]::Escape($bin))
    }

    It 'refuses a library with another ABI version' {
        $cc = Get-Command cc, gcc, clang -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($IsWindows -or -not $cc) {
            Set-ItResult -Skipped -Because 'no C compiler to build a fake library'
            return
        }
        $source = Join-Path $TestDrive 'fake.c'
        $library = Join-Path $TestDrive 'libfake.so'
        Set-Content -LiteralPath $source -Value 'int azscsp_abi_version(void) { return 99; }'
        & $cc.Source -shared -fPIC -o $library $source
        $script = @"
Import-Module '$manifestPath'
`$credential = [pscredential]::new('app', (ConvertTo-SecureString 'not-used' -AsPlainText -Force))
try { Connect-AzsCspAccount -ServicePrincipal -Credential `$credential -Tenant t -ErrorAction Stop; 'NO ERROR' }
catch { 'ERRORID=' + `$_.FullyQualifiedErrorId; 'MESSAGE=' + `$_.Exception.Message }
"@
        $output = Invoke-ChildPwsh -Script $script -Environment @{ AZSCSP_NATIVE_LIBRARY = $library }
        $output | Should -Match 'ERRORID=AzsCsp\.NativeLibraryAbiMismatch'
        $output | Should -Match 'ABI version 99'
    }
}

Describe 'PowerShell 7.2 loading path' {
    It 'strips the clean block to a script that still parses' {
        $psm1 = Get-Content -LiteralPath (Join-Path $moduleRoot 'AzsCsp.psm1') -Raw
        $pattern = [regex]::Match($psm1, "Replace\(\`$text, '([^']+)'").Groups[1].Value
        $pattern | Should -Not -BeNullOrEmpty
        foreach ($file in Get-ChildItem -Path (Join-Path $moduleRoot 'Public') -Filter '*.ps1') {
            $text = [regex]::Replace((Get-Content -LiteralPath $file.FullName -Raw), $pattern, '')
            $tokens = $null
            $errors = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($text, [ref]$tokens, [ref]$errors)
            $errors | Should -BeNullOrEmpty
            $function = $ast.Find({ param($node) $node -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $false)
            $function.Body.CleanBlock | Should -BeNullOrEmpty -Because "$($file.Name) must not keep a clean block for 7.2"
            ($function.Body.EndBlock -or $function.Body.ProcessBlock) | Should -BeTrue
        }
    }
}
