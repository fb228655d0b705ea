#Requires -Version 7.2
# New-, Get-, Remove-AzsCustomerSubscription against azscsp-emulator: happy paths, the documented
# -ResourceId form, -ApiVersion, -WhatIf/-Confirm/-Force, pipelines, and every error record.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AzsCspTestModulePath) -Force
    $emulator = Start-AzsCspTestEmulator
    $fixture = Get-AzsCspTestFixture
    $sub = $fixture.RegistrationSubscriptionId
    $reg = $fixture.RegistrationName
    $fabrikam = $fixture.Customers[0]
    $adatum = $fixture.Customers[1]
    $northwind = $fixture.Customers[2]
    $readerConnect = Get-AzsCspTestConnectParameter -Emulator $emulator -Reader -ContextName 'reader'
    $null = Connect-AzsCspAccount @readerConnect
    $ownerConnect = Get-AzsCspTestConnectParameter -Emulator $emulator -ContextName 'owner'
    $null = Connect-AzsCspAccount @ownerConnect
    $mapping = @{ RegistrationSubscriptionId = $sub; RegistrationName = $reg }

    function Get-MappedId {
        param([string] $Registration = $reg)
        @(Get-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName $Registration | ForEach-Object CustomerSubscriptionId)
    }

    function Get-ItemId([string] $CustomerSubscriptionId, [string] $Registration = $reg) {
        "subscriptions/$sub/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/$Registration/customerSubscriptions/$CustomerSubscriptionId"
    }

    function Get-CustomerRequest([string] $Method) {
        @(Get-AzsCspTestRequest -Emulator $emulator -PathContains 'customerSubscriptions' -Method $Method)
    }
}

AfterAll {
    Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
    Stop-AzsCspTestEmulator -Emulator $emulator
}

Describe 'New-AzsCustomerSubscription' {
    BeforeEach {
        Reset-AzsCspTestEmulator -Emulator $emulator
    }

    It 'maps a customer subscription by name and writes an AzsCsp.CustomerSubscription' {
        $result = New-AzsCustomerSubscription @mapping -ResourceGroupName azurestack -CustomerSubscriptionId $fabrikam.CustomerSubscriptionId -TenantId $fabrikam.TenantId
        $result | Should -BeOfType ([AzsCsp.CustomerSubscription])
        $result.CustomerSubscriptionId | Should -Be $fabrikam.CustomerSubscriptionId
        $result.TenantId | Should -Be $fabrikam.TenantId
        $result.RegistrationName | Should -Be $reg
        $result.ResourceGroupName | Should -Be 'azurestack'
        $result.RegistrationSubscriptionId | Should -Be $sub
        $result.Id | Should -Be ('/' + (Get-ItemId $fabrikam.CustomerSubscriptionId))
        $result.ResourceId | Should -Be $result.Id
        $result.Type | Should -Be 'Microsoft.AzureStack/registrations/customerSubscriptions'
        $result.ContextName | Should -Be 'owner'
        $put = Get-CustomerRequest PUT
        $put.Count | Should -Be 1
        $put[0].query | Should -Match 'api-version=2017-06-01'
        Get-MappedId | Should -Be @($fabrikam.CustomerSubscriptionId)
    }

    It 'lets the service fill in the tenant when -TenantId is omitted' {
        (New-AzsCustomerSubscription @mapping -CustomerSubscriptionId $adatum.CustomerSubscriptionId).TenantId | Should -Be $adatum.TenantId
    }

    It 'reads tenantId from -Properties as New-AzResource does' {
        $customer = [guid]::NewGuid().ToString()
        $tenant = [guid]::NewGuid().ToString()
        (New-AzsCustomerSubscription @mapping -CustomerSubscriptionId $customer -Properties @{ tenantId = $tenant }).TenantId | Should -Be $tenant
        $customer2 = [guid]::NewGuid().ToString()
        $tenant2 = [guid]::NewGuid().ToString()
        (New-AzsCustomerSubscription @mapping -CustomerSubscriptionId $customer2 -Properties ([pscustomobject]@{ properties = @{ TenantId = $tenant2 } })).TenantId | Should -Be $tenant2
    }

    It 'accepts the documented -ResourceId <Form> leading slash' -ForEach @(
        @{ Form = 'without a'; Prefix = '' }
        @{ Form = 'with a'; Prefix = '/' }
    ) {
        $id = $Prefix + (Get-ItemId $northwind.CustomerSubscriptionId)
        $result = New-AzsCustomerSubscription -ResourceId $id -ApiVersion 2017-06-01
        $result.CustomerSubscriptionId | Should -Be $northwind.CustomerSubscriptionId
        $result.TenantId | Should -Be $northwind.TenantId
        Get-MappedId | Should -Be @($northwind.CustomerSubscriptionId)
    }

    It 'sends -ApiVersion 2022-06-01' {
        $null = New-AzsCustomerSubscription @mapping -CustomerSubscriptionId $fabrikam.CustomerSubscriptionId -ApiVersion 2022-06-01
        (Get-CustomerRequest PUT)[0].query | Should -Match 'api-version=2022-06-01'
    }

    It 'changes nothing with -WhatIf' {
        $null = New-AzsCustomerSubscription @mapping -CustomerSubscriptionId $fabrikam.CustomerSubscriptionId
        Clear-AzsCspTestRequest -Emulator $emulator
        $result = @($adatum, $northwind) | New-AzsCustomerSubscription @mapping -WhatIf
        $result | Should -BeNullOrEmpty
        (Get-CustomerRequest PUT).Count | Should -Be 0
        Get-MappedId | Should -Be @($fabrikam.CustomerSubscriptionId)
        New-AzsCustomerSubscription @mapping -CustomerSubscriptionId $adatum.CustomerSubscriptionId -Force -WhatIf | Should -BeNullOrEmpty
        Get-MappedId | Should -Be @($fabrikam.CustomerSubscriptionId)
    }

    It 'rejects a malformed customer subscription ID before any request' {
        Clear-AzsCspTestRequest -Emulator $emulator
        $result = New-AzsCustomerSubscription @mapping -CustomerSubscriptionId 'not-a-guid' -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.InvalidCustomerSubscriptionId,New-AzsCustomerSubscription'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].TargetObject | Should -Be 'not-a-guid'
        $failures[0].Exception.Message | Should -Match "'not-a-guid'"
        @(Get-AzsCspTestRequest -Emulator $emulator).Count | Should -Be 0 -Because 'nothing may reach the service'
    }

    It 'rejects a malformed <What> before any request' -ForEach @(
        @{ What = 'resource ID'; Parameters = @{ ResourceId = 'subscriptions/x/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/myreg' }; ErrorId = 'AzsCsp.InvalidResourceId' }
        @{ What = 'GUID inside the resource ID'; Parameters = @{ ResourceId = 'subscriptions/414f12af-d3bb-44fd-a278-d0aff47d869b/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/myreg/customerSubscriptions/1234' }; ErrorId = 'AzsCsp.InvalidCustomerSubscriptionId' }
        @{ What = 'tenant ID'; Parameters = @{ RegistrationSubscriptionId = '414f12af-d3bb-44fd-a278-d0aff47d869b'; RegistrationName = 'myreg'; CustomerSubscriptionId = 'fd6f3b4e-ca7e-4807-8b42-cb4ec0d55f3c'; TenantId = 'not a tenant!' }; ErrorId = 'AzsCsp.InvalidTenantId' }
        @{ What = 'registration subscription ID'; Parameters = @{ RegistrationSubscriptionId = '414f12af'; RegistrationName = 'myreg'; CustomerSubscriptionId = 'fd6f3b4e-ca7e-4807-8b42-cb4ec0d55f3c' }; ErrorId = 'AzsCsp.InvalidRegistrationSubscriptionId' }
    ) {
        Clear-AzsCspTestRequest -Emulator $emulator
        New-AzsCustomerSubscription @Parameters -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-AzsCspTestRequest -Emulator $emulator).Count | Should -Be 0
    }

    It 'keeps going after a bad input and maps the good ones' {
        $rows = @(
            [pscustomobject]@{ CustomerSubscriptionId = $fabrikam.CustomerSubscriptionId; TenantId = $fabrikam.TenantId }
            [pscustomobject]@{ CustomerSubscriptionId = 'bad'; TenantId = '' }
            [pscustomobject]@{ CustomerSubscriptionId = $adatum.CustomerSubscriptionId; TenantId = '' }
        )
        $result = @($rows | New-AzsCustomerSubscription @mapping -ErrorVariable failures -ErrorAction SilentlyContinue)
        $result.Count | Should -Be 2
        $failures.Count | Should -Be 1
        $failures[0].TargetObject | Should -Be $rows[1]
        Get-MappedId | Sort-Object | Should -Be @($adatum.CustomerSubscriptionId, $fabrikam.CustomerSubscriptionId | Sort-Object)
    }

    It 'writes <Code> for <Case>' -ForEach @(
        @{ Case = 'a Capacity registration'; Registration = 'capacityreg'; Customer = 'fd6f3b4e-ca7e-4807-8b42-cb4ec0d55f3c'; Code = 'CustomerSubscriptionsNotAllowed'; Category = $null; Advice = 'PayAsYouUse' }
        @{ Case = 'a registration not approved for CSP'; Registration = 'unapprovedreg'; Customer = 'fd6f3b4e-ca7e-4807-8b42-cb4ec0d55f3c'; Code = 'UnauthorizedCspRegistration'; Category = 'PermissionDenied'; Advice = 'azstcsp@microsoft\.com.*414f12af-d3bb-44fd-a278-d0aff47d869b.*azurestack.*unapprovedreg' }
        @{ Case = "another partner's subscription"; Registration = 'myreg'; Customer = 'e92ea18c-3e63-4416-a6e6-b6abe1c075ab'; Code = 'BadCustomerSubscriptionId'; Category = $null; Advice = 'another CSP partner' }
        @{ Case = 'a subscription that is not CSP'; Registration = 'myreg'; Customer = 'c3657abc-8da1-444e-a5d3-e51f3e6d97c3'; Code = 'InvalidCSPSubscription'; Category = $null; Advice = 'not a CSP subscription' }
        @{ Case = 'a missing registration'; Registration = 'nosuchreg'; Customer = 'fd6f3b4e-ca7e-4807-8b42-cb4ec0d55f3c'; Code = 'RegistrationNotFound'; Category = 'ObjectNotFound'; Advice = 'Get-AzsRegistration' }
    ) {
        # -SkipCheck: the service's own error (the pre-flight errors are in CspPreflight.Tests.ps1).
        $result = New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName $Registration -CustomerSubscriptionId $Customer -SkipCheck -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $record = $failures[0]
        $record.FullyQualifiedErrorId | Should -Be "AzsCsp.$Code,New-AzsCustomerSubscription"
        $record.Exception | Should -BeOfType ([AzsCsp.AzsCspException])
        $record.Exception.Code | Should -Be $Code
        $record.Exception.Message | Should -Match "Code: $Code; HTTP \d{3}; RequestId: \S+"
        if ($Category) { $record.CategoryInfo.Category | Should -Be $Category }
        $record.ErrorDetails.RecommendedAction | Should -Match $Advice
        $record.TargetObject | Should -Be $Customer
    }

    It 'writes MetadataResolverBadGatewayError when the upstream keeps failing' {
        Add-AzsCspTestFault -Emulator $emulator -Fault @{ method = 'PUT'; pathContains = 'customerSubscriptions'; status = 502; count = 20 }
        New-AzsCustomerSubscription @mapping -CustomerSubscriptionId $fabrikam.CustomerSubscriptionId -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.MetadataResolverBadGatewayError,New-AzsCustomerSubscription'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'transient|later'
    }

    It 'retries throttled requests that carry Retry-After' {
        Add-AzsCspTestFault -Emulator $emulator -Fault @{ method = 'PUT'; pathContains = 'customerSubscriptions'; status = 429; count = 2; retryAfter = '1' }
        $result = New-AzsCustomerSubscription @mapping -CustomerSubscriptionId $fabrikam.CustomerSubscriptionId -ErrorVariable failures
        $failures.Count | Should -Be 0
        $result.CustomerSubscriptionId | Should -Be $fabrikam.CustomerSubscriptionId
        $put = Get-CustomerRequest PUT
        @($put | Where-Object status -EQ 429).Count | Should -Be 2
        @($put | Where-Object status -EQ 200).Count | Should -Be 1
    }

    It 'writes a PermissionDenied record (AzsCsp.AuthorizationFailed) for a Reader' {
        New-AzsCustomerSubscription @mapping -CustomerSubscriptionId $fabrikam.CustomerSubscriptionId -Context reader -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.AuthorizationFailed,New-AzsCustomerSubscription'
        $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failures[0].Exception.HttpStatus | Should -Be 403
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'Owner|Contributor'
        Get-MappedId | Should -BeNullOrEmpty
    }

    It 'stops at the first failure with -ErrorAction Stop' {
        { New-AzsCustomerSubscription -RegistrationSubscriptionId $sub -RegistrationName unapprovedreg -CustomerSubscriptionId $fabrikam.CustomerSubscriptionId -ErrorAction Stop } |
            Should -Throw -ErrorId 'AzsCsp.UnauthorizedCspRegistration,*'
    }
}

Describe 'Get-AzsCustomerSubscription' {
    BeforeAll {
        Reset-AzsCspTestEmulator -Emulator $emulator
        $null = $fixture.Customers | New-AzsCustomerSubscription @mapping
    }

    BeforeEach {
        Clear-AzsCspTestRequest -Emulator $emulator
    }

    It 'lists the mappings of a registration' {
        $all = @(Get-AzsCustomerSubscription @mapping)
        $all.Count | Should -Be 3
        $all | ForEach-Object { $_ | Should -BeOfType ([AzsCsp.CustomerSubscription]) }
        $all.CustomerSubscriptionId | Sort-Object | Should -Be @($fixture.Customers.CustomerSubscriptionId | Sort-Object)
        (Get-CustomerRequest GET)[0].query | Should -Match 'api-version=2017-06-01'
    }

    It 'gets one mapping by -CustomerSubscriptionId' {
        $one = Get-AzsCustomerSubscription @mapping -CustomerSubscriptionId $adatum.CustomerSubscriptionId
        $one.CustomerSubscriptionId | Should -Be $adatum.CustomerSubscriptionId
        $one.TenantId | Should -Be $adatum.TenantId
    }

    It 'lists with the documented collection -ResourceId <Form> leading slash' -ForEach @(
        @{ Form = 'without a'; Prefix = '' }
        @{ Form = 'with a'; Prefix = '/' }
    ) {
        $collection = $Prefix + "subscriptions/$sub/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/$reg/customerSubscriptions"
        @(Get-AzsCustomerSubscription -ResourceId $collection -ApiVersion 2017-06-01).Count | Should -Be 3
        (Get-AzsCustomerSubscription -ResourceId ($Prefix + (Get-ItemId $northwind.CustomerSubscriptionId))).TenantId | Should -Be $northwind.TenantId
    }

    It 'sends -ApiVersion 2022-06-01' {
        @(Get-AzsCustomerSubscription @mapping -ApiVersion 2022-06-01).Count | Should -Be 3
        (Get-CustomerRequest GET)[0].query | Should -Match 'api-version=2022-06-01'
    }

    It 'writes ObjectNotFound with ErrorId AzsCsp.CustomerSubscriptionNotFound for a missing mapping' {
        $missing = [guid]::NewGuid().ToString()
        $result = Get-AzsCustomerSubscription @mapping -CustomerSubscriptionId $missing -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'AzsCsp.CustomerSubscriptionNotFound,Get-AzsCustomerSubscription'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].Exception.HttpStatus | Should -Be 404
        $failures[0].Exception.Message | Should -Match 'HTTP 404'
        $failures[0].TargetObject | Should -Match $missing
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'Get-AzsCustomerSubscription'
    }

    It 'can read with a Reader' {
        @(Get-AzsCustomerSubscription @mapping -Context reader).Count | Should -Be 3
    }
}

Describe 'Get-AzsCustomerSubscription on a registration without mappings' {
    It 'writes nothing and no error' {
        Reset-AzsCspTestEmulator -Emulator $emulator
        Get-AzsCustomerSubscription @mapping -ErrorVariable failures | Should -BeNullOrEmpty
        $failures.Count | Should -Be 0
    }
}

Describe 'Remove-AzsCustomerSubscription' {
    BeforeEach {
        Reset-AzsCspTestEmulator -Emulator $emulator
        $null = $fixture.Customers | New-AzsCustomerSubscription @mapping
        Clear-AzsCspTestRequest -Emulator $emulator
    }

    It 'removes a mapping with -Force and writes nothing' {
        Remove-AzsCustomerSubscription @mapping -CustomerSubscriptionId $fabrikam.CustomerSubscriptionId -Force | Should -BeNullOrEmpty
        Get-MappedId | Should -Not -Contain $fabrikam.CustomerSubscriptionId
        @(Get-MappedId).Count | Should -Be 2
        (Get-CustomerRequest DELETE)[0].query | Should -Match 'api-version=2017-06-01'
    }

    It 'removes a mapping with -Confirm:$false and reports it with -PassThru' {
        $removed = Remove-AzsCustomerSubscription @mapping -CustomerSubscriptionId $adatum.CustomerSubscriptionId -Confirm:$false -PassThru
        $removed | Should -BeOfType ([AzsCsp.RemovedCustomerSubscription])
        $removed.CustomerSubscriptionId | Should -Be $adatum.CustomerSubscriptionId
        $removed.RegistrationName | Should -Be $reg
        $removed.Existed | Should -BeTrue
        Get-MappedId | Should -Not -Contain $adatum.CustomerSubscriptionId
    }

    It 'removes nothing with -WhatIf, even with -Force' {
        Remove-AzsCustomerSubscription @mapping -CustomerSubscriptionId $fabrikam.CustomerSubscriptionId -WhatIf
        Remove-AzsCustomerSubscription @mapping -CustomerSubscriptionId $fabrikam.CustomerSubscriptionId -Force -WhatIf
        (Get-CustomerRequest DELETE).Count | Should -Be 0
        @(Get-MappedId).Count | Should -Be 3
    }

    It 'removes with the documented -ResourceId <Form> leading slash' -ForEach @(
        @{ Form = 'without a'; Prefix = '' }
        @{ Form = 'with a'; Prefix = '/' }
    ) {
        Remove-AzsCustomerSubscription -ResourceId ($Prefix + (Get-ItemId $northwind.CustomerSubscriptionId)) -ApiVersion 2017-06-01 -Force
        Get-MappedId | Should -Not -Contain $northwind.CustomerSubscriptionId
    }

    It 'removes what Get-AzsCustomerSubscription pipes to it' {
        $removed = @(Get-AzsCustomerSubscription @mapping | Remove-AzsCustomerSubscription -Force -PassThru)
        $removed.Count | Should -Be 3
        Get-MappedId | Should -BeNullOrEmpty
    }

    It 'uses the context that read the piped mappings' {
        $removed = @(Get-AzsCustomerSubscription @mapping -Context reader | Remove-AzsCustomerSubscription -Force -ErrorVariable failures -ErrorAction SilentlyContinue)
        $removed | Should -BeNullOrEmpty
        $failures.Count | Should -Be 3
        $failures | ForEach-Object { $_.CategoryInfo.Category | Should -Be 'PermissionDenied' }
        @(Get-MappedId).Count | Should -Be 3
    }

    It 'does not fail when the mapping is already absent (204)' {
        $absent = [guid]::NewGuid().ToString()
        $removed = Remove-AzsCustomerSubscription @mapping -CustomerSubscriptionId $absent -Force -PassThru -ErrorVariable failures
        $failures.Count | Should -Be 0
        $removed.CustomerSubscriptionId | Should -Be $absent
        $removed.Existed | Should -Not -BeTrue
    }

    It 'warns instead of failing when the service answers CustomerSubscriptionNotFound' {
        $absent = [guid]::NewGuid().ToString()
        Add-AzsCspTestFault -Emulator $emulator -Fault @{
            method = 'DELETE'; pathContains = $absent; status = 404; count = 1
            body   = @{ error = @{ code = 'CustomerSubscriptionNotFound'; message = "$absent was not found under $reg." } }
        }
        $removed = Remove-AzsCustomerSubscription @mapping -CustomerSubscriptionId $absent -Force -PassThru -ErrorVariable failures -WarningVariable warnings -WarningAction SilentlyContinue
        $failures.Count | Should -Be 0
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -Match $absent
        $removed.Existed | Should -BeFalse
    }
}
