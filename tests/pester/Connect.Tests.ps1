#Requires -Version 7.2
# Connect-AzsCspAccount, Get-AzsCspContext, Disconnect-AzsCspAccount against azscsp-emulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AzsCspTestModulePath) -Force
    $emulator = Start-AzsCspTestEmulator
    $fixture = Get-AzsCspTestFixture
    $sub = $fixture.RegistrationSubscriptionId
}

AfterAll {
    Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
    Stop-AzsCspTestEmulator -Emulator $emulator
}

Describe 'Connect-AzsCspAccount' {
    BeforeEach {
        Disconnect-AzsCspAccount -All
        Reset-AzsCspTestEmulator -Emulator $emulator
    }

    It 'signs in with a service principal to a custom environment given by its endpoints' {
        $parameters = Get-AzsCspTestConnectParameter -Emulator $emulator
        $context = Connect-AzsCspAccount @parameters
        $context | Should -BeOfType ([AzsCsp.Context])
        $context.Environment | Should -Be 'AzsCspEmulator'
        $context.ClientId | Should -Be $fixture.OwnerAppId
        $context.Account | Should -Be $fixture.OwnerAppId
        $context.TenantId | Should -Be $fixture.PartnerTenantId
        $context.AccountType | Should -Be 'ServicePrincipal'
        $context.ResourceManagerUrl | Should -Be $emulator.resourceManagerUrl
        $context.Authority | Should -Not -BeNullOrEmpty
        $context.IsDefault | Should -BeTrue
        $context.Name | Should -Be ('{0}@{1} (AzsCspEmulator)' -f $fixture.OwnerAppId, $fixture.PartnerTenantId)
        $context.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::Now)
        @(Get-AzsCspTestRequest -Emulator $emulator -PathContains '/oauth2/' -Method POST | Where-Object status -EQ 200).Count | Should -BeGreaterOrEqual 1
    }

    It 'discovers the authority and audience from the Resource Manager metadata when only -ResourceManagerEndpoint is given' {
        $parameters = Get-AzsCspTestConnectParameter -Emulator $emulator
        $parameters.Remove('ActiveDirectoryAuthority')
        $parameters.Remove('ActiveDirectoryResourceId')
        $context = Connect-AzsCspAccount @parameters
        $context.Authority.TrimEnd('/') | Should -Be $emulator.activeDirectoryAuthority.TrimEnd('/')
        $context.Audience | Should -Be $emulator.audience
        @(Get-AzsCspTestRequest -Emulator $emulator -PathContains '/metadata/endpoints').Count | Should -BeGreaterOrEqual 1
        Get-AzsRegistration -SubscriptionId $sub -Name $fixture.RegistrationName | Should -Not -BeNullOrEmpty
    }

    It 'accepts the tenant as a domain name and the v1 token endpoint' {
        $parameters = Get-AzsCspTestConnectParameter -Emulator $emulator
        $parameters.Tenant = $fixture.PartnerTenantDomain
        $parameters.TokenVersion = 'v1'
        $context = Connect-AzsCspAccount @parameters
        $context.Tenant | Should -Be $fixture.PartnerTenantDomain
        @(Get-AzsCspTestRequest -Emulator $emulator -PathContains "/$($fixture.PartnerTenantDomain)/oauth2/token" -Method POST).Count | Should -Be 1
        Get-AzsRegistration -SubscriptionId $sub -Name $fixture.RegistrationName | Should -Not -BeNullOrEmpty
    }

    It 'stores -Subscription as the default subscription of Get-AzsRegistration' {
        $parameters = Get-AzsCspTestConnectParameter -Emulator $emulator
        $context = Connect-AzsCspAccount @parameters -Subscription $sub
        $context.SubscriptionId | Should -Be $sub
        @(Get-AzsRegistration).Name | Should -Contain $fixture.RegistrationName
    }

    It 'requires -ResourceManagerEndpoint for a custom environment name' {
        $parameters = Get-AzsCspTestConnectParameter -Emulator $emulator
        $parameters.Remove('ResourceManagerEndpoint')
        $parameters.Environment = 'MyStack'
        { Connect-AzsCspAccount @parameters } | Should -Throw -ErrorId 'AzsCsp.ResourceManagerEndpointRequired,*'
    }

    It 'refuses custom endpoints with a built-in environment name' {
        $parameters = Get-AzsCspTestConnectParameter -Emulator $emulator
        $parameters.Environment = 'AzureCloud'
        { Connect-AzsCspAccount @parameters } | Should -Throw -ErrorId 'AzsCsp.BuiltInEnvironmentEndpoints,*'
    }

    It 'names the environment Custom when only -ResourceManagerEndpoint is given' {
        $parameters = Get-AzsCspTestConnectParameter -Emulator $emulator
        $parameters.Remove('Environment')
        (Connect-AzsCspAccount @parameters).Environment | Should -Be 'Custom'
    }

    It 'reports a wrong client secret as an AuthenticationError record and stores no context' {
        $parameters = Get-AzsCspTestConnectParameter -Emulator $emulator
        $wrong = 'not-the-secret-' + [guid]::NewGuid()
        $parameters.Credential = New-AzsCspTestCredential -ApplicationId $fixture.OwnerAppId -Secret $wrong
        $result = Connect-AzsCspAccount @parameters -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AzsCsp.*,Connect-AzsCspAccount'
        $failures[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        ($failures[0] | Out-String) + $failures[0].Exception.Error.Json | Should -Not -Match ([regex]::Escape($wrong))
        Get-AzsCspContext -ListAvailable | Should -BeNullOrEmpty
    }

    It 'reports an untrusted certificate as a ConnectionError that mentions the certificate' {
        $parameters = Get-AzsCspTestConnectParameter -Emulator $emulator
        $parameters.Remove('CaCertificatePath')
        $result = Connect-AzsCspAccount @parameters -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $failures[0].Exception.Message | Should -Match 'certificate'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'CaCertificatePath'
        Get-AzsCspContext | Should -BeNullOrEmpty
    }

    It 'fails with an error naming the path when -CaCertificatePath does not exist' {
        $parameters = Get-AzsCspTestConnectParameter -Emulator $emulator
        $missing = Join-Path $TestDrive 'no-such-ca.pem'
        $parameters.CaCertificatePath = $missing
        $err = { Connect-AzsCspAccount @parameters } | Should -Throw -ErrorId 'AzsCsp.CaCertificateNotFound,*' -PassThru
        $err.Exception.Message | Should -Match ([regex]::Escape($missing))
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'connects with -SkipCertificateCheck and warns about it' {
        $parameters = Get-AzsCspTestConnectParameter -Emulator $emulator
        $parameters.Remove('CaCertificatePath')
        $context = Connect-AzsCspAccount @parameters -SkipCertificateCheck -WarningVariable warnings -WarningAction SilentlyContinue
        $context.SkipCertificateCheck | Should -BeTrue
        ($warnings -join "`n") | Should -Match 'SkipCertificateCheck'
        Get-AzsRegistration -SubscriptionId $sub -Name $fixture.RegistrationName | Should -Not -BeNullOrEmpty
    }

    It 'refuses to replace an explicitly named context without -Force' {
        $parameters = Get-AzsCspTestConnectParameter -Emulator $emulator
        $null = Connect-AzsCspAccount @parameters -ContextName 'owner'
        { Connect-AzsCspAccount @parameters -ContextName 'owner' } | Should -Throw -ErrorId 'AzsCsp.ContextExists,*'
        $replaced = Connect-AzsCspAccount @parameters -ContextName 'owner' -Force
        $replaced.Name | Should -Be 'owner'
        @(Get-AzsCspContext -ListAvailable).Count | Should -Be 1
    }

    It 'replaces a context with the derived name on a new sign-in of the same principal' {
        $parameters = Get-AzsCspTestConnectParameter -Emulator $emulator
        $first = Connect-AzsCspAccount @parameters
        $second = Connect-AzsCspAccount @parameters
        $second.Name | Should -Be $first.Name
        @(Get-AzsCspContext -ListAvailable).Count | Should -Be 1
        Get-AzsRegistration -SubscriptionId $sub -Name $fixture.RegistrationName | Should -Not -BeNullOrEmpty
    }
}

Describe 'Contexts' {
    BeforeAll {
        Disconnect-AzsCspAccount -All
        Reset-AzsCspTestEmulator -Emulator $emulator
        $readerParameters = Get-AzsCspTestConnectParameter -Emulator $emulator -Reader -ContextName 'reader'
        $ownerParameters = Get-AzsCspTestConnectParameter -Emulator $emulator -ContextName 'owner'
        $reader = Connect-AzsCspAccount @readerParameters
        $owner = Connect-AzsCspAccount @ownerParameters
    }

    It 'makes the latest sign-in the default context' {
        (Get-AzsCspContext).Name | Should -Be 'owner'
        (Get-AzsCspContext).IsDefault | Should -BeTrue
    }

    It 'lists every context, the default first' {
        $all = @(Get-AzsCspContext -ListAvailable)
        $all.Name | Should -Be @('owner', 'reader')
        $all[0].IsDefault | Should -BeTrue
        $all[1].IsDefault | Should -BeFalse
    }

    It 'gets contexts by name with wildcards and reports an unknown name' {
        (Get-AzsCspContext -ContextName 'read*').Name | Should -Be 'reader'
        (Get-AzsCspContext 'owner').Name | Should -Be 'owner'
        Get-AzsCspContext -ContextName 'nobody' -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AzsCsp.ContextNotFound,*'
    }

    It 'uses -Context by name or object instead of the default context' {
        Get-AzsRegistration -SubscriptionId $sub -Name $fixture.RegistrationName -Context 'reader' | Should -Not -BeNullOrEmpty
        $null = New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName $fixture.RegistrationName `
            -CustomerSubscriptionId $fixture.Customers[0].CustomerSubscriptionId -Context $reader -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $mapped = New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName $fixture.RegistrationName `
            -CustomerSubscriptionId $fixture.Customers[0].CustomerSubscriptionId -Context $owner
        $mapped.ContextName | Should -Be 'owner'
    }

    It 'disconnects one context and promotes the remaining one to default' {
        Disconnect-AzsCspAccount -ContextName 'owner'
        (Get-AzsCspContext).Name | Should -Be 'reader'
        { Get-AzsRegistration -SubscriptionId $sub -Context 'owner' } | Should -Throw -ErrorId 'AzsCsp.ContextNotFound,*'
        Disconnect-AzsCspAccount -ContextName 'nobody' -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AzsCsp.ContextNotFound,*'
    }

    It 'disconnects contexts from the pipeline and with -All' {
        $null = Connect-AzsCspAccount @ownerParameters
        Get-AzsCspContext -ContextName 'reader' | Disconnect-AzsCspAccount
        @(Get-AzsCspContext -ListAvailable).Name | Should -Be @('owner')
        Disconnect-AzsCspAccount -All
        Get-AzsCspContext -ListAvailable | Should -BeNullOrEmpty
        { Get-AzsRegistration -SubscriptionId $sub } | Should -Throw -ErrorId 'AzsCsp.NotConnected,*'
    }
}
