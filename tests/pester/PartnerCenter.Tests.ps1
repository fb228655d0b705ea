#Requires -Version 7.2
# Partner Center (issue 7): sign-in, customers, the customer agreement, the Azure plan, its Azure
# subscriptions, subscription status changes and every error named in the issue, with the
# recommended action of each. The parts that send nothing run first; the rest against the emulator's
# Partner Center listener.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AzsCspTestModulePath) -Force
    $fixture = Get-AzsCspTestFixture
    $savedConfigDir = $env:AZSCSP_CONFIG_DIR
    $configDir = Join-Path $TestDrive 'config'
    $env:AZSCSP_CONFIG_DIR = $configDir

    $fabrikamId = 'e40189a3-e640-46a3-b8ff-16b642010b0d'
    $adatumId = 'f5a12742-f96c-4f7a-9a01-f2ad9beb4efc'
    $northwindId = 'dccc98f3-4196-4752-8115-902216d99374'
    $woodgroveId = 'fbaa2360-49b2-464f-b59f-013a219f8966'
}

AfterAll {
    Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
    $env:AZSCSP_CONFIG_DIR = $savedConfigDir
}

Describe 'Partner Center commands before any request' {
    BeforeEach {
        Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
    }

    It '<Command> says to run Connect-AzsCspPartnerCenter when no Partner Center context is signed in' -ForEach @(
        @{ Command = 'Get-AzsCspPartnerCustomer'; Arguments = @{} }
        @{ Command = 'Test-AzsCspPartnerDomainAvailability'; Arguments = @{ Domain = 'fabrikam' } }
        @{ Command = 'Get-AzsCspPartnerCustomerSubscription'; Arguments = @{ CustomerId = 'e40189a3-e640-46a3-b8ff-16b642010b0d' } }
        @{ Command = 'Get-AzsCspPartnerAzureSubscription'; Arguments = @{ CustomerId = 'e40189a3-e640-46a3-b8ff-16b642010b0d' } }
        @{ Command = 'Suspend-AzsCspPartnerCustomerSubscription'; Arguments = @{ CustomerId = 'e40189a3-e640-46a3-b8ff-16b642010b0d'; SubscriptionId = 'e40189a3-e640-46a3-b8ff-16b642010b0d'; Force = $true } }
    ) {
        $err = { & $Command @Arguments } | Should -Throw -ErrorId 'AzsCsp.PartnerCenterNotConnected,*' -PassThru
        $err.Exception.Message | Should -Match 'Run Connect-AzsCspPartnerCenter first'
        $err.ErrorDetails.RecommendedAction | Should -Match 'Connect-AzsCspPartnerCenter -UseDeviceAuthentication'
    }

    It 'rejects a customer ID that is not a GUID, naming it, before anything is sent' {
        $err = { Get-AzsCspPartnerCustomer -CustomerId 'fabrikam' } | Should -Throw -ErrorId 'AzsCsp.InvalidCustomerId,*' -PassThru
        $err.Exception.Message | Should -Match "'fabrikam' is not a GUID"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        { Remove-AzsCspPartnerAzureEntitlement -CustomerId $fabrikamId -SubscriptionId $fabrikamId -EntitlementId 'x' -Force } | Should -Throw -ErrorId 'AzsCsp.InvalidEntitlementId,*'
    }

    It 'sends nothing and needs no context with -WhatIf' {
        $out = New-AzsCspPartnerCustomer -Name 'Lab' -Domain lab -Language en -BillingAddressLine1 '1 Main St' -BillingAddressCity Redmond -BillingAddressState WA `
            -BillingAddressPostalCode 98052 -BillingAddressCountry US -ContactEmail a@lab.com -ContactFirstName A -ContactLastName B -WhatIf
        $out | Should -BeNullOrEmpty
        Remove-AzsCspPartnerCustomer -CustomerId $fabrikamId -WhatIf
        New-AzsCspPartnerAzurePlan -CustomerId $fabrikamId -WhatIf
        New-AzsCspPartnerCustomerAgreement -CustomerId $fabrikamId -ContactEmail a@b.com -ContactFirstName A -ContactLastName B -WhatIf
        Remove-AzsCspPartnerCustomerSubscription -CustomerId $fabrikamId -SubscriptionId $fabrikamId -WhatIf
        Suspend-AzsCspPartnerCustomerSubscription -CustomerId $fabrikamId -SubscriptionId $fabrikamId -WhatIf
        Remove-AzsCspPartnerAzureEntitlement -CustomerId $fabrikamId -SubscriptionId $fabrikamId -EntitlementId $fabrikamId -WhatIf
        Get-AzsCspContext -ListAvailable | Should -BeNullOrEmpty
    }

    It 'has ConfirmImpact High on the removals and binds CustomerId and SubscriptionId by property name' {
        foreach ($name in 'Remove-AzsCspPartnerCustomer', 'Remove-AzsCspPartnerAzureEntitlement', 'Remove-AzsCspPartnerCustomerSubscription') {
            $attribute = (Get-Command $name).ScriptBlock.Attributes | Where-Object { $_ -is [System.Management.Automation.CmdletBindingAttribute] }
            $attribute.ConfirmImpact | Should -Be 'High' -Because $name
        }
        foreach ($name in 'Get-AzsCspPartnerCustomerSubscription', 'Set-AzsCspPartnerCustomerSubscription', 'Suspend-AzsCspPartnerCustomerSubscription',
            'Resume-AzsCspPartnerCustomerSubscription', 'Remove-AzsCspPartnerCustomerSubscription', 'Get-AzsCspPartnerCustomerAzurePlanEntitlement') {
            $command = Get-Command $name
            $command.Parameters['CustomerId'].ParameterSets.Values.ValueFromPipelineByPropertyName | Should -Contain $true
            $command.Parameters['SubscriptionId'].ParameterSets.Values.ValueFromPipelineByPropertyName | Should -Contain $true
        }
        (Get-Command Register-AzsCspCustomer).Parameters['Domain'].ParameterSets.Values.ValueFromPipelineByPropertyName | Should -Contain $true
    }

    It 'takes the parameter names of the PartnerCenter module' {
        (Get-Command New-AzsCspPartnerCustomer).Parameters.Keys | Should -Contain 'BillingAddressLine1'
        (Get-Command New-AzsCspPartnerCustomer).Parameters.Keys | Should -Contain 'DisableValidation'
        (Get-Command Test-AzsCspPartnerAddress).Parameters.Keys | Should -Contain 'PostalCode'
        (Get-Command New-AzsCspPartnerCustomerAgreement).Parameters.Keys | Should -Contain 'TemplateId'
        (Get-Command Connect-AzsCspPartnerCenter).Parameters.Keys | Should -Contain 'UseDeviceAuthentication'
        (Get-Command Connect-AzsCspPartnerCenter).Parameters.Keys | Should -Contain 'RefreshToken'
        (Get-Command Connect-AzsCspPartnerCenter).DefaultParameterSet | Should -Be 'DeviceCode'
    }

    It 'knows the Partner Center endpoint of the built-in clouds and stores one for a custom environment' {
        (Get-AzsCspEnvironment -Name AzureCloud).PartnerCenterUrl | Should -Be 'https://api.partnercenter.microsoft.com/'
        (Get-AzsCspEnvironment -Name AzureChinaCloud).PartnerCenterUrl | Should -Be 'https://partner.partnercenterapi.microsoftonline.cn/'
        $stored = Add-AzsCspEnvironment -Name PcLab -ResourceManagerEndpoint https://management.lab.local/ -PartnerCenterEndpoint https://pc.lab.local/ -Force
        $stored.PartnerCenterUrl | Should -Be 'https://pc.lab.local/'
        (Get-AzsCspEnvironment -Name PcLab).PartnerCenterUrl | Should -Be 'https://pc.lab.local/'
        { Add-AzsCspEnvironment -Name PcBad -ResourceManagerEndpoint https://management.lab.local/ -PartnerCenterEndpoint http://pc.lab.local/ } | Should -Throw -ErrorId 'AzsCsp.InvalidEndpoint,*'
        Remove-AzsCspEnvironment -Name PcLab -Force
    }

    It 'refuses a custom environment without a Partner Center endpoint, before signing in' {
        $credential = New-AzsCspTestCredential -ApplicationId $fixture.OperatorUserName -Secret $fixture.OperatorPassword
        $err = { Connect-AzsCspPartnerCenter -Environment Lab -ResourceManagerEndpoint https://management.lab.local/ -Credential $credential -Tenant $fixture.PartnerTenantId } |
            Should -Throw -ErrorId 'AzsCsp.PartnerCenterUnknown,*' -PassThru
        $err.ErrorDetails.RecommendedAction | Should -Match '-PartnerCenterEndpoint'
        Get-AzsCspContext -ListAvailable | Should -BeNullOrEmpty
    }

    It 'maps the Partner Center error <Code> to <Category> with a recommended action naming <Match>' -ForEach @(
        @{ Code = '13605'; Kind = 'PermissionDenied'; Category = 'PermissionDenied'; Match = 'New-AzsCspPartnerCustomerAgreement .*Register-AzsCspCustomer.*buy the Azure plan again' }
        @{ Code = '900115'; Kind = 'PermissionDenied'; Category = 'InvalidOperation'; Match = 'Cancel them first.*Remove-AzsCspPartnerAzureEntitlement.*suspend' }
        @{ Code = '900117'; Kind = 'InvalidArgument'; Category = 'InvalidOperation'; Match = '7-day cancellation window.*Suspend-AzsCspPartnerCustomerSubscription.*support' }
        @{ Code = '2011'; Kind = 'InvalidArgument'; Category = 'InvalidArgument'; Match = 'deleted' }
        @{ Code = '2055'; Kind = 'InvalidArgument'; Category = 'InvalidArgument'; Match = 'Read it again.*run the command again' }
        @{ Code = '20002'; Kind = 'PermissionDenied'; Category = 'PermissionDenied'; Match = 'another partner' }
        @{ Code = '60003'; Kind = 'NotFound'; Category = 'ObjectNotFound'; Match = 'Get-AzsCspPartnerCustomer -Domain' }
        @{ Code = '800065'; Kind = 'InvalidArgument'; Category = 'InvalidArgument'; Match = 'already checked out' }
        @{ Code = '800009'; Kind = 'InvalidArgument'; Category = 'InvalidArgument'; Match = 'MS-AZR-0145P' }
        @{ Code = '800004'; Kind = 'InvalidArgument'; Category = 'InvalidArgument'; Match = 'Get-AzsCspPartnerAzurePlanOffer' }
        @{ Code = 'PartnerCenterAppUserRequired'; Kind = 'Authentication'; Category = 'AuthenticationError'; Match = 'sign in with Connect-AzsCspPartnerCenter -UseDeviceAuthentication or -ApplicationId <app> -RefreshToken' }
        @{ Code = 'PartnerCenterUnknown'; Kind = 'InvalidArgument'; Category = 'InvalidArgument'; Match = '-PartnerCenterEndpoint' }
        @{ Code = 'DomainNotAvailable'; Kind = 'InvalidArgument'; Category = 'ResourceExists'; Match = 'Test-AzsCspPartnerDomainAvailability' }
        @{ Code = 'AddressNotValid'; Kind = 'InvalidArgument'; Category = 'InvalidData'; Match = 'Test-AzsCspPartnerAddress.*-DisableValidation' }
        @{ Code = 'CustomerNotFound'; Kind = 'NotFound'; Category = 'ObjectNotFound'; Match = 'creation parameters' }
        @{ Code = 'AgreementContactRequired'; Kind = 'InvalidArgument'; Category = 'InvalidArgument'; Match = '-ContactEmail, -ContactFirstName and -ContactLastName' }
        @{ Code = 'OrderNotCompleted'; Kind = 'Timeout'; Category = 'OperationTimeout'; Match = 'does not buy twice' }
        @{ Code = 'AzureSubscriptionNotFound'; Kind = 'NotFound'; Category = 'ObjectNotFound'; Match = 'Get-AzsCspPartnerAzureSubscription' }
        @{ Code = '429'; Kind = 'Throttled'; Category = 'LimitsExceeded'; Match = 'throttling.*Wait' }
    ) {
        $record = & (Get-Module AzsCsp) {
            param($Code, $Kind)
            $nativeError = [AzsCsp.NativeError]@{ Status = 16; Kind = $Kind; Code = $Code; Message = "$Code happened." }
            New-AzsCspErrorRecord -NativeError $nativeError -Target (Get-AzsCspPartnerTarget -CustomerId 'e40189a3-e640-46a3-b8ff-16b642010b0d' -SubscriptionId '1b5a2c3d-0000-4000-8000-000000000001')
        } $Code $Kind
        $record.FullyQualifiedErrorId | Should -Be "AzsCsp.$Code"
        $record.CategoryInfo.Category | Should -Be $Category
        $record.ErrorDetails.RecommendedAction | Should -Match $Match
    }

    It 'leaves the recommended actions of Azure errors with numeric codes alone' {
        $record = & (Get-Module AzsCsp) {
            $nativeError = [AzsCsp.NativeError]@{ Status = 15; Kind = 'Throttled'; Code = '429'; Message = 'Too many requests.' }
            New-AzsCspErrorRecord -NativeError $nativeError
        }
        $record.ErrorDetails.RecommendedAction | Should -Match 'Azure Resource Manager is throttling'
    }
}
