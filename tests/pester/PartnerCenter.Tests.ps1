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

    It 'asks before Set-AzsCspPartnerCustomerSubscription -Status Deleted as Remove- does, unless -Force or -Confirm:$false; -WhatIf sends nothing' {
        # A runspace without a user interface: a prompt fails there, so whether the command asked shows.
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($ModulePath, $Id)
                    Import-Module $ModulePath
                    $calls = [ordered]@{
                        Deleted      = { Set-AzsCspPartnerCustomerSubscription -CustomerId $Id -SubscriptionId $Id -Status Deleted -ErrorAction Stop }
                        DeletedPiped = { [pscustomobject]@{ CustomerId = $Id; SubscriptionId = $Id } | Set-AzsCspPartnerCustomerSubscription -Status Deleted -ErrorAction Stop }
                        Remove       = { Remove-AzsCspPartnerCustomerSubscription -CustomerId $Id -SubscriptionId $Id -ErrorAction Stop }
                        Force        = { Set-AzsCspPartnerCustomerSubscription -CustomerId $Id -SubscriptionId $Id -Status Deleted -Force -ErrorAction Stop }
                        NoConfirm    = { Set-AzsCspPartnerCustomerSubscription -CustomerId $Id -SubscriptionId $Id -Status Deleted -Confirm:$false -ErrorAction Stop }
                        Suspended    = { Set-AzsCspPartnerCustomerSubscription -CustomerId $Id -SubscriptionId $Id -Status Suspended -ErrorAction Stop }
                        WhatIf       = { Set-AzsCspPartnerCustomerSubscription -CustomerId $Id -SubscriptionId $Id -Status Deleted -WhatIf -ErrorAction Stop; 'sent nothing' }
                    }
                    $result = @{}
                    foreach ($name in $calls.Keys) {
                        $result[$name] = try { & $calls[$name] } catch { if ($_.FullyQualifiedErrorId -like 'AzsCsp.*') { ($_.FullyQualifiedErrorId -split ',')[0] } else { 'prompted: ' + $_.Exception.Message } }
                    }
                    $result
                }).AddArgument((Get-AzsCspTestModulePath)).AddArgument($fabrikamId)
            $result = $ps.Invoke()[0]
        }
        finally {
            $ps.Dispose()
        }
        # Asked (and, without a user interface, stopped before anything else): Remove- and Set- -Status Deleted alike.
        $result.Deleted | Should -BeLike 'prompted: *'
        $result.DeletedPiped | Should -BeLike 'prompted: *'
        $result.Remove | Should -BeLike 'prompted: *'
        # Not asked: went on to look for the Partner Center context.
        $result.Force | Should -Be 'AzsCsp.PartnerCenterNotConnected'
        $result.NoConfirm | Should -Be 'AzsCsp.PartnerCenterNotConnected'
        $result.Suspended | Should -Be 'AzsCsp.PartnerCenterNotConnected'
        $result.WhatIf | Should -Be 'sent nothing'
    }

    It 'completes a domain prefix with the suffix of the Partner Center context''s cloud' {
        & (Get-Module AzsCsp) {
            Get-AzsCspPartnerDomainName -Domain ' fabrikam ' | Should -Be 'fabrikam.onmicrosoft.com'
            Get-AzsCspPartnerDomainName -Domain 'fabrikam.onmicrosoft.com' | Should -Be 'fabrikam.onmicrosoft.com'
            $china = [AzsCsp.Context]@{ Name = 'pc-cn'; Environment = 'AzureChinaCloud'; Kind = 'PartnerCenter' }
            Get-AzsCspPartnerDomainName -Domain 'fabrikam' -PartnerCenterContext $china | Should -Be 'fabrikam.partner.onmschina.cn'
            $byUrl = [AzsCsp.Context]@{ Name = 'pc-cn2'; Environment = 'Custom'; Kind = 'PartnerCenter'; PartnerCenterUrl = 'https://partner.partnercenterapi.microsoftonline.cn/' }
            Get-AzsCspPartnerDomainName -Domain 'fabrikam' -PartnerCenterContext $byUrl | Should -Be 'fabrikam.partner.onmschina.cn'
            Get-AzsCspPartnerDomainName -Domain 'fabrikam.partner.onmschina.cn' -PartnerCenterContext $china | Should -Be 'fabrikam.partner.onmschina.cn'
            $global = [AzsCsp.Context]@{ Name = 'pc'; Environment = 'AzureCloud'; Kind = 'PartnerCenter'; PartnerCenterUrl = 'https://api.partnercenter.microsoft.com/' }
            Get-AzsCspPartnerDomainName -Domain 'fabrikam' -PartnerCenterContext $global | Should -Be 'fabrikam.onmicrosoft.com'
        }
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
        @{ Code = 'AzurePlanSuspended'; Kind = 'Conflict'; Category = 'InvalidOperation'; Match = 'nothing was written.*Resume-AzsCspPartnerCustomerSubscription -CustomerId e40189a3-e640-46a3-b8ff-16b642010b0d -SubscriptionId 1b5a2c3d-0000-4000-8000-000000000001' }
        @{ Code = 'SubscriptionAliasFailed'; Kind = 'Service'; Category = 'InvalidResult'; Match = '-BillingAccountName' }
        @{ Code = 'SubscriptionAliasNotReady'; Kind = 'Timeout'; Category = 'OperationTimeout'; Match = 'same subscription alias' }
        @{ Code = 'PagingLoop'; Kind = 'Service'; Category = 'InvalidOperation'; Match = 'next page.*Run the command again later' }
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

Describe 'Partner Center against the emulator' {
    BeforeAll {
        # --partner-center-page-size 5: the 12 customers come in 3 pages.
        $emulator = Start-AzsCspTestEmulator -ArgumentList '--partner-center-page-size', '5'
        $operator = New-AzsCspTestCredential -ApplicationId $fixture.OperatorUserName -Secret $fixture.OperatorPassword
        $ownerApp = New-AzsCspTestCredential -ApplicationId $fixture.OwnerAppId -Secret $fixture.OwnerSecret

        function Connect-TestPartnerCenter {
            param([switch] $AppOnly, [string] $ContextName = 'PartnerCenter')
            $parameters = @{
                Environment               = 'AzsCspEmulator'
                ResourceManagerEndpoint   = $emulator.resourceManagerUrl
                ActiveDirectoryAuthority  = $emulator.activeDirectoryAuthority
                ActiveDirectoryResourceId = $emulator.audience
                PartnerCenterEndpoint     = $emulator.partnerCenterUrl
                CaCertificatePath         = $emulator.caCertificatePath
                Tenant                    = $fixture.PartnerTenantId
                ContextName               = $ContextName
                Force                     = $true
            }
            if ($AppOnly) {
                $parameters.ServicePrincipal = $true
                $parameters.Credential = $ownerApp
            }
            else {
                $parameters.Credential = $operator
            }
            Connect-AzsCspPartnerCenter @parameters
        }

        function Start-DeviceCodeApproval([int] $TimeoutSeconds = 30) {
            # A runspace of its own approves the first pending device code (as SignIn.Tests.ps1 does).
            $ps = [powershell]::Create()
            $null = $ps.AddScript({
                    param($BaseUrl, $Ca, $Upn, $TimeoutSeconds)
                    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
                    while ([DateTime]::UtcNow -lt $deadline) {
                        $list = [AzsCspTest.Http]::Send('GET', "$BaseUrl/_emulator/devicecodes", '', 'application/json', $Ca)
                        $pending = @((ConvertFrom-Json -InputObject $list.Body).value | Where-Object { $_.status -eq 'pending' })
                        if ($pending.Count -gt 0) {
                            $body = ConvertTo-Json -Compress -InputObject @{ userCode = $pending[-1].userCode; userPrincipalName = $Upn }
                            return [AzsCspTest.Http]::Send('POST', "$BaseUrl/_emulator/devicecodes/approve", $body, 'application/json', $Ca).Status
                        }
                        Start-Sleep -Milliseconds 100
                    }
                    return 'timeout'
                }).AddArgument($emulator.baseUrl.TrimEnd('/')).AddArgument($emulator.caCertificatePath).AddArgument($fixture.OperatorUserName).AddArgument($TimeoutSeconds)
            return [pscustomobject]@{ PowerShell = $ps; Handle = $ps.BeginInvoke() }
        }

        function Get-PartnerCenterWrite {
            @(Get-AzsCspTestRequest -Emulator $emulator | Where-Object { $_.host -eq 'partnerCenter' -and $_.method -in 'POST', 'PUT', 'PATCH', 'DELETE' })
        }

        function Reset-PartnerCenter {
            Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
            Reset-AzsCspTestEmulator -Emulator $emulator
            $null = Connect-TestPartnerCenter
            Clear-AzsCspTestRequest -Emulator $emulator
        }
    }

    AfterAll {
        Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
        Stop-AzsCspTestEmulator -Emulator $emulator
    }

    Context 'Sign-in' {
        BeforeAll {
            Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
            Reset-AzsCspTestEmulator -Emulator $emulator
        }

        It 'signs in app+user as a Partner Center context without changing the default Azure context' {
            $azureParameters = Get-AzsCspTestConnectParameter -Emulator $emulator -ContextName 'azure'
            $azure = Connect-AzsCspAccount @azureParameters
            $pc = Connect-TestPartnerCenter
            $pc | Should -BeOfType ([AzsCsp.Context])
            $pc.Name | Should -Be 'PartnerCenter'
            $pc.Kind | Should -Be 'PartnerCenter'
            $pc.AppOnly | Should -BeFalse
            $pc.PartnerCenterUrl | Should -Be $emulator.partnerCenterUrl
            $pc.Account | Should -Be $fixture.OperatorUserName
            (Get-AzsCspContext).Name | Should -Be 'azure'
            $pc.IsDefault | Should -BeFalse
            ($pc | Format-Table | Out-String -Width 250) | Should -Match 'PartnerCenter'
            # Disconnecting the Azure default does not make the Partner Center context the default.
            Disconnect-AzsCspAccount -ContextName 'azure'
            Get-AzsCspContext | Should -BeNullOrEmpty
            { Get-AzsRegistration -SubscriptionId $fixture.RegistrationSubscriptionId } | Should -Throw -ErrorId 'AzsCsp.NotConnected,*'
            (Get-AzsCspContext -ListAvailable).Name | Should -Be 'PartnerCenter'
        }

        It 'signs in app-only and refuses the agreement before sending, with the app+user message' {
            $pc = Connect-TestPartnerCenter -AppOnly -ContextName 'pc-app'
            $pc.AppOnly | Should -BeTrue
            Clear-AzsCspTestRequest -Emulator $emulator
            $err = { Get-AzsCspPartnerCustomerAgreement -CustomerId $fabrikamId -PartnerCenterContext 'pc-app' -ErrorAction Stop } |
                Should -Throw -ErrorId 'AzsCsp.PartnerCenterAppUserRequired,*' -PassThru
            $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $err.Exception.Message | Should -Match 'user'
            $err.ErrorDetails.RecommendedAction | Should -Match 'Connect-AzsCspPartnerCenter -UseDeviceAuthentication or -ApplicationId <app> -RefreshToken'
            @(Get-AzsCspTestRequest -Emulator $emulator | Where-Object { $_.host -eq 'partnerCenter' -and $_.path -match 'agreements' }).Count | Should -Be 0
            # What app-only may do works.
            (Get-AzsCspPartnerCustomer -CustomerId $fabrikamId -PartnerCenterContext 'pc-app').Domain | Should -Be 'fabrikam.onmicrosoft.com'
        }

        It 'signs in app+user with a device code (the default parameter set) or a refresh token, and app-only with an access token' {
            $endpoints = @{
                Environment               = 'AzsCspEmulator'
                ResourceManagerEndpoint   = $emulator.resourceManagerUrl
                ActiveDirectoryAuthority  = $emulator.activeDirectoryAuthority
                ActiveDirectoryResourceId = $emulator.audience
                PartnerCenterEndpoint     = $emulator.partnerCenterUrl
                CaCertificatePath         = $emulator.caCertificatePath
            }
            $approval = Start-DeviceCodeApproval
            try {
                $pc = Connect-AzsCspPartnerCenter @endpoints -Tenant $fixture.PartnerTenantId -ContextName 'pc-device' -InformationVariable shown
            }
            finally {
                $status = @($approval.PowerShell.EndInvoke($approval.Handle))[0]
                $approval.PowerShell.Dispose()
            }
            $status | Should -Be 200
            $pc.CredentialType | Should -Be 'DeviceCode'
            $pc.AppOnly | Should -BeFalse
            @($shown | Where-Object { $_.Tags -contains 'AzsCsp.DeviceCode' }).Count | Should -BeGreaterOrEqual 1
            @(Get-AzsCspPartnerCustomerAgreement -CustomerId $adatumId -PartnerCenterContext 'pc-device').Count | Should -Be 1

            $form = 'grant_type=client_credentials&client_id={0}&client_secret={1}&scope={2}' -f $fixture.OwnerAppId, [uri]::EscapeDataString($fixture.OwnerSecret),
                [uri]::EscapeDataString('https://api.partnercenter.microsoft.com/.default')
            $answer = Invoke-AzsCspTestHttp -Emulator $emulator -Method POST -Url ('{0}/{1}/oauth2/v2.0/token' -f $emulator.activeDirectoryAuthority.TrimEnd('/'), $fixture.PartnerTenantId) `
                -Body $form -ContentType 'application/x-www-form-urlencoded'
            $answer.Status | Should -Be 200
            $token = ConvertTo-SecureString -String (ConvertFrom-Json $answer.Body).access_token -AsPlainText -Force
            $byToken = Connect-AzsCspPartnerCenter @endpoints -AccessToken $token -ContextName 'pc-token'
            $byToken.AppOnly | Should -BeTrue
            (Get-AzsCspPartnerCustomer -CustomerId $adatumId -PartnerCenterContext 'pc-token').Domain | Should -Be 'adatum.onmicrosoft.com'
            { Get-AzsCspPartnerCustomerAgreement -CustomerId $adatumId -PartnerCenterContext 'pc-token' -ErrorAction Stop } | Should -Throw -ErrorId 'AzsCsp.PartnerCenterAppUserRequired,*'
            # The most recent Partner Center context is the default of -PartnerCenterContext.
            (Get-AzsCspPartnerCustomer -CustomerId $adatumId).ContextName | Should -Be 'pc-token'

            # App+user with a refresh token (as New-PartnerAccessToken hands one to Connect-PartnerCenter).
            $publicClient = '1950a258-227b-4e31-a9cf-717495945fc2'
            $form = 'grant_type=password&client_id={0}&username={1}&password={2}&scope={3}' -f $publicClient, [uri]::EscapeDataString($fixture.OperatorUserName),
                [uri]::EscapeDataString($fixture.OperatorPassword), [uri]::EscapeDataString('https://api.partnercenter.microsoft.com/.default offline_access')
            $answer = Invoke-AzsCspTestHttp -Emulator $emulator -Method POST -Url ('{0}/{1}/oauth2/v2.0/token' -f $emulator.activeDirectoryAuthority.TrimEnd('/'), $fixture.PartnerTenantId) `
                -Body $form -ContentType 'application/x-www-form-urlencoded'
            $answer.Status | Should -Be 200
            $refresh = ConvertTo-SecureString -String (ConvertFrom-Json $answer.Body).refresh_token -AsPlainText -Force
            $byRefresh = Connect-AzsCspPartnerCenter @endpoints -ApplicationId $publicClient -RefreshToken $refresh -Tenant $fixture.PartnerTenantId -ContextName 'pc-refresh'
            $byRefresh.CredentialType | Should -Be 'RefreshToken'
            $byRefresh.AppOnly | Should -BeFalse
            @(Get-AzsCspPartnerCustomerAgreement -CustomerId $adatumId -PartnerCenterContext 'pc-refresh').Count | Should -Be 1

            # A confidential application: -Credential (application ID, client secret) with the refresh
            # token, as Connect-PartnerCenter takes it. (The emulator's refresh grant does not check a
            # secret; that the core sends it as client_secret is a unit test of the core.) The sign-in
            # works and the secret shows in no stream.
            $secret = 'pc-app-secret-' + [guid]::NewGuid().ToString('N')
            $app = [pscredential]::new($publicClient, (ConvertTo-SecureString -String $secret -AsPlainText -Force))
            $all = @(Connect-AzsCspPartnerCenter @endpoints -ApplicationId $publicClient -RefreshToken $refresh -Credential $app -Tenant $fixture.PartnerTenantId `
                    -ContextName 'pc-refresh-secret' -Verbose -Debug *>&1)
            $byConfidential = @($all | Where-Object { $_ -is [AzsCsp.Context] })
            $byConfidential.Count | Should -Be 1
            $byConfidential[0].CredentialType | Should -Be 'RefreshToken'
            $byConfidential[0].AppOnly | Should -BeFalse
            @(Get-AzsCspPartnerCustomerAgreement -CustomerId $adatumId -PartnerCenterContext 'pc-refresh-secret').Count | Should -Be 1
            ($all | Out-String -Width 500).Contains($secret) | Should -BeFalse
        }

        It 'passes the -Credential secret of a refresh-token sign-in to the core as the client secret (and none without -Credential)' {
            $publicClient = '1950a258-227b-4e31-a9cf-717495945fc2'
            $refresh = ConvertTo-SecureString -String 'not-a-real-refresh-token' -AsPlainText -Force
            $app = [pscredential]::new($publicClient, (ConvertTo-SecureString -String 'the-client-secret' -AsPlainText -Force))
            Mock -ModuleName AzsCsp Invoke-AzsCspSignIn { }
            Connect-AzsCspPartnerCenter -ApplicationId $publicClient -RefreshToken $refresh -Credential $app -Tenant $fixture.PartnerTenantId
            Should -Invoke -ModuleName AzsCsp Invoke-AzsCspSignIn -Times 1 -Exactly -ParameterFilter {
                $ParameterSetName -eq 'RefreshToken' -and $null -ne $RefreshClientSecret -and [System.Net.NetworkCredential]::new('', $RefreshClientSecret).Password -eq 'the-client-secret'
            }
            Connect-AzsCspPartnerCenter -ApplicationId $publicClient -RefreshToken $refresh -Tenant $fixture.PartnerTenantId
            Should -Invoke -ModuleName AzsCsp Invoke-AzsCspSignIn -Times 1 -Exactly -ParameterFilter { $ParameterSetName -eq 'RefreshToken' -and $null -eq $RefreshClientSecret }
            $other = [pscredential]::new('00000000-0000-0000-0000-000000000001', $app.Password)
            { Connect-AzsCspPartnerCenter -ApplicationId $publicClient -RefreshToken $refresh -Credential $other -Tenant $fixture.PartnerTenantId } | Should -Throw -ErrorId 'AzsCsp.InvalidCredential,*'
        }

        It 'signs in app-only with a certificate (PFX) through the same code as Connect-AzsCspAccount' {
            $certs = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../emulator/fixtures/certs'))
            $pfxPassword = ConvertTo-SecureString -String 'emulator-pfx-password' -AsPlainText -Force
            $pc = Connect-AzsCspPartnerCenter -Environment AzsCspEmulator -ResourceManagerEndpoint $emulator.resourceManagerUrl -ActiveDirectoryAuthority $emulator.activeDirectoryAuthority `
                -ActiveDirectoryResourceId $emulator.audience -PartnerCenterEndpoint $emulator.partnerCenterUrl -CaCertificatePath $emulator.caCertificatePath `
                -ServicePrincipal -ApplicationId '555f8509-e75d-4158-a4a0-7893fb35c3ea' -CertificatePath (Join-Path $certs 'automation-cert.pfx') -CertificatePassword $pfxPassword `
                -Tenant $fixture.PartnerTenantId -ContextName 'pc-cert'
            $pc.CredentialType | Should -Be 'ClientCertificate'
            $pc.AppOnly | Should -BeTrue
            @(Get-AzsCspPartnerCustomer -PartnerCenterContext 'pc-cert').Count | Should -Be 12
        }

        It 'uses a stored environment with its Partner Center endpoint' {
            $null = Add-AzsCspEnvironment -Name PcEmulator -ResourceManagerEndpoint $emulator.resourceManagerUrl -ActiveDirectoryAuthority $emulator.activeDirectoryAuthority `
                -ActiveDirectoryResourceId $emulator.audience -PartnerCenterEndpoint $emulator.partnerCenterUrl -Force
            $pc = Connect-AzsCspPartnerCenter -Environment PcEmulator -Credential $operator -Tenant $fixture.PartnerTenantId -CaCertificatePath $emulator.caCertificatePath -ContextName 'pc-stored'
            $pc.PartnerCenterUrl | Should -Be $emulator.partnerCenterUrl
            @(Get-AzsCspPartnerCustomer -PartnerCenterContext 'pc-stored').Count | Should -Be 12
            Remove-AzsCspEnvironment -Name PcEmulator -Force
        }
    }

    Context 'Customers' {
        BeforeAll {
            Reset-PartnerCenter
        }

        It 'lists every customer across three pages of five, following the continuation token' {
            Clear-AzsCspTestRequest -Emulator $emulator
            $customers = @(Get-AzsCspPartnerCustomer)
            $customers.Count | Should -Be 12
            $customers | ForEach-Object { $_.PSObject.TypeNames | Should -Contain 'AzsCsp.PartnerCenter.Customer' }
            @($customers.CustomerId | Select-Object -Unique).Count | Should -Be 12
            $customers.Domain | Should -Contain 'fabrikam.onmicrosoft.com'
            $customers.Domain | Should -Contain 'vanarsdel.onmicrosoft.com'
            $customers.Domain | Should -Not -Contain 'woodgrove.onmicrosoft.com'
            $pages = @(Get-AzsCspTestRequest -Emulator $emulator | Where-Object { $_.host -eq 'partnerCenter' -and $_.method -eq 'GET' -and $_.path -match '/v1/customers$' })
            $pages.Count | Should -Be 3
            @($pages | Where-Object { $_.headers.'ms-continuationtoken' }).Count | Should -Be 2
            ($customers | Format-Table | Out-String -Width 250) | Should -Match 'Fabrikam'
        }

        It 'gets one customer by ID with its billing contact, and by domain' {
            $one = Get-AzsCspPartnerCustomer -CustomerId $fabrikamId
            $one.Domain | Should -Be 'fabrikam.onmicrosoft.com'
            $one.TenantId | Should -Be $fabrikamId
            $one.ContactFirstName | Should -Be 'Fiona'
            $one.Email | Should -Be 'billing@fabrikam.com'
            $one.AdminPassword | Should -BeNullOrEmpty
            (Get-AzsCspPartnerCustomer -Domain FABRIKAM.onmicrosoft.com).CustomerId | Should -Be $fabrikamId
            $fabrikamId | Get-AzsCspPartnerCustomer | ForEach-Object Name | Should -Be 'Fabrikam'
        }

        It 'explains a customer of another partner (20002) and an unknown customer (60003)' {
            $err = { Get-AzsCspPartnerCustomer -CustomerId $woodgroveId -ErrorAction Stop } | Should -Throw -ErrorId 'AzsCsp.20002,*' -PassThru
            $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
            $err.Exception.Message | Should -Match 'HTTP 403'
            $err.ErrorDetails.RecommendedAction | Should -Match 'another partner'
            $unknown = [guid]::NewGuid().ToString()
            $err = { Get-AzsCspPartnerCustomer -CustomerId $unknown -ErrorAction Stop } | Should -Throw -ErrorId 'AzsCsp.60003,*' -PassThru
            $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err.ErrorDetails.RecommendedAction | Should -Match $unknown
        }

        It 'tests domain availability and addresses' {
            Test-AzsCspPartnerDomainAvailability -Domain fabrikam | Should -BeFalse
            Test-AzsCspPartnerDomainAvailability -Domain 'brand-new-customer-1' | Should -BeTrue
            @('fabrikam', 'contosocsp.onmicrosoft.com', 'nobody-has-this') | Test-AzsCspPartnerDomainAvailability | Should -Be @($false, $false, $true)
            $good = Test-AzsCspPartnerAddress -AddressLine1 '1 Microsoft Way' -City Redmond -State WA -PostalCode 98052 -Country US
            $good.PSObject.TypeNames | Should -Contain 'AzsCsp.PartnerCenter.AddressValidation'
            $good.Status | Should -Be 'VerifiedShippable'
            $good.Valid | Should -BeTrue
            $bad = Test-AzsCspPartnerAddress -AddressLine1 '1 Main St' -City Springfield -State ZZ -PostalCode 12 -Country US
            $bad.Valid | Should -BeFalse
            (Test-AzsCspPartnerAddress -AddressLine1 'Hauptstr. 1' -City Berlin -PostalCode 10115 -Country DE).Valid | Should -BeTrue
        }

        It 'creates a customer with a SecureString admin password that no stream shows' {
            $all = New-AzsCspPartnerCustomer -Name 'Fourth Coffee' -Domain fourthcoffee -Language en -BillingAddressLine1 '1 Microsoft Way' -BillingAddressCity Redmond `
                -BillingAddressState WA -BillingAddressPostalCode 98052 -BillingAddressCountry US -ContactEmail it@fourthcoffee.com -ContactFirstName Ann -ContactLastName Lee `
                -Verbose -Debug *>&1
            $customer = @($all | Where-Object { $_ -is [psobject] -and $_.PSObject.TypeNames -contains 'AzsCsp.PartnerCenter.Customer' })[0]
            $customer.Domain | Should -Be 'fourthcoffee.onmicrosoft.com'
            $customer.AdminUserName | Should -Be 'admin@fourthcoffee.onmicrosoft.com'
            $customer.AdminPassword | Should -BeOfType ([securestring])
            $plain = [System.Net.NetworkCredential]::new('', $customer.AdminPassword).Password
            $plain.Length | Should -BeGreaterThan 7
            ($all | Out-String) | Should -Not -Match ([regex]::Escape($plain))
            ($customer | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($plain))
            (Get-AzsCspPartnerCustomer -Domain fourthcoffee.onmicrosoft.com).CustomerId | Should -Be $customer.CustomerId
            @(Get-AzsCspPartnerCustomer).Count | Should -Be 13
            Remove-AzsCspPartnerCustomer -CustomerId $customer.CustomerId -Force
            @(Get-AzsCspPartnerCustomer).Count | Should -Be 12
        }

        It 'refuses a taken domain (DomainNotAvailable) and an address it cannot verify (AddressNotValid) without creating anything' {
            Clear-AzsCspTestRequest -Emulator $emulator
            $common = @{ Language = 'en'; BillingAddressCity = 'Redmond'; BillingAddressState = 'WA'; BillingAddressCountry = 'US'; ContactEmail = 'x@y.com'; ContactFirstName = 'X'; ContactLastName = 'Y' }
            $err = { New-AzsCspPartnerCustomer -Name 'Fabrikam again' -Domain fabrikam -BillingAddressLine1 '1 Microsoft Way' -BillingAddressPostalCode 98052 @common -ErrorAction Stop } |
                Should -Throw -ErrorId 'AzsCsp.DomainNotAvailable,*' -PassThru
            $err.Exception.Message | Should -Match 'fabrikam\.onmicrosoft\.com'
            $err.ErrorDetails.RecommendedAction | Should -Match 'Test-AzsCspPartnerDomainAvailability'
            $err = { New-AzsCspPartnerCustomer -Name 'Nowhere' -Domain nowhere-inc -BillingAddressLine1 '1 Main St' -BillingAddressPostalCode 1 @common -ErrorAction Stop } |
                Should -Throw -ErrorId 'AzsCsp.AddressNotValid,*' -PassThru
            $err.ErrorDetails.RecommendedAction | Should -Match '-DisableValidation'
            @(Get-AzsCspTestRequest -Emulator $emulator | Where-Object { $_.host -eq 'partnerCenter' -and $_.method -eq 'POST' -and $_.path -match '/v1/customers$' }).Count | Should -Be 0
        }
    }

    Context 'Agreement, Azure plan and Azure subscriptions' {
        BeforeAll {
            Reset-PartnerCenter
        }

        It 'refuses an Azure plan without the customer agreement (13605) with what to do' {
            $err = { New-AzsCspPartnerAzurePlan -CustomerId $fabrikamId -ErrorAction Stop } | Should -Throw -ErrorId 'AzsCsp.13605,*' -PassThru
            $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
            $err.ErrorDetails.RecommendedAction | Should -Match 'New-AzsCspPartnerCustomerAgreement -CustomerId e40189a3-e640-46a3-b8ff-16b642010b0d'
        }

        It 'confirms the agreement once (Done, then AlreadyDone without a second POST)' {
            @(Get-AzsCspPartnerCustomerAgreement -CustomerId $fabrikamId).Count | Should -Be 0
            $first = New-AzsCspPartnerCustomerAgreement -CustomerId $fabrikamId -ContactEmail fiona@fabrikam.com -ContactFirstName Fiona -ContactLastName Fabrikam
            $first.PSObject.TypeNames | Should -Contain 'AzsCsp.PartnerCenter.Agreement'
            $first.Status | Should -Be 'Done'
            $first.TemplateId | Should -Be '117a77b0-9360-443b-8795-c6dedc750cf9'
            Clear-AzsCspTestRequest -Emulator $emulator
            (New-AzsCspPartnerCustomerAgreement -CustomerId $fabrikamId -ContactEmail fiona@fabrikam.com -ContactFirstName Fiona -ContactLastName Fabrikam).Status | Should -Be 'AlreadyDone'
            @(Get-PartnerCenterWrite).Count | Should -Be 0
            $listed = @(Get-AzsCspPartnerCustomerAgreement -CustomerId $fabrikamId -AgreementType MicrosoftCustomerAgreement)
            $listed.Count | Should -Be 1
            $listed[0].ContactEmail | Should -Be 'fiona@fabrikam.com'
        }

        It 'finds the Azure plan offer in the catalog' {
            $offer = Get-AzsCspPartnerAzurePlanOffer
            $offer.CatalogItemId | Should -Be 'DZH318Z0BPS6:0001:DZH318Z0BML6'
            $offer.ProductId | Should -Be 'DZH318Z0BPS6'
            (Get-AzsCspPartnerAzurePlanOffer -CustomerId $fabrikamId).CatalogItemId | Should -Match '^DZH318Z0BPS6:0001:'
        }

        It 'buys the Azure plan (cart, checkout, wait), then reports AlreadyDone without buying twice' {
            $plan = New-AzsCspPartnerAzurePlan -CustomerId $fabrikamId
            $plan.PSObject.TypeNames | Should -Contain 'AzsCsp.PartnerCenter.AzurePlanPurchase'
            $plan.Status | Should -Be 'Done'
            $plan.AzureSubscriptionIds.Count | Should -Be 1
            $plan.AzureSubscriptionIds[0] | Should -Match '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
            $plan.Subscription.IsAzurePlan | Should -BeTrue
            $plan.Subscription.Status | Should -Be 'active'
            Clear-AzsCspTestRequest -Emulator $emulator
            $again = New-AzsCspPartnerAzurePlan -CustomerId $fabrikamId
            $again.Status | Should -Be 'AlreadyDone'
            $again.SubscriptionId | Should -Be $plan.SubscriptionId
            @(Get-PartnerCenterWrite).Count | Should -Be 0
            $script:fabrikamPlan = $plan
        }

        It 'lists the plan''s Azure subscriptions and every Azure subscription of a customer (plan and legacy)' {
            $entitlements = @(Get-AzsCspPartnerCustomerAzurePlanEntitlement -CustomerId $fabrikamId -SubscriptionId $script:fabrikamPlan.SubscriptionId)
            $entitlements.Count | Should -Be 1
            $entitlements[0].AzureSubscriptionId | Should -Be $script:fabrikamPlan.AzureSubscriptionIds[0]
            $entitlements[0].Status | Should -Be 'active'
            $piped = @(Get-AzsCspPartnerCustomerSubscription -CustomerId $fabrikamId | Where-Object IsAzurePlan | Get-AzsCspPartnerCustomerAzurePlanEntitlement)
            $piped.AzureSubscriptionId | Should -Be $entitlements.AzureSubscriptionId

            $adatum = @(Get-AzsCspPartnerAzureSubscription -CustomerId $adatumId)
            $adatum.Count | Should -Be 1
            $adatum[0].Source | Should -Be 'Legacy'
            $adatum[0].AzureSubscriptionId | Should -Be '7d7b7c70-8909-4c01-a082-0e2106b4a48b'
            $northwind = @(Get-AzsCspPartnerAzureSubscription -CustomerId $northwindId)
            $northwind.Source | Should -Be 'AzurePlan'
            $northwind.AzureSubscriptionId | Should -Be '8e06e68b-f5b3-4420-a4f1-2e6a4f5a2ce8'
            $table = $northwind | Format-Table | Out-String -Width 250
            $table | Should -Match 'AzurePlan'
            $table | Should -Match 'PlanSubscriptionId'
            # The plan's ID is PlanSubscriptionId, never SubscriptionId (a legacy one has no plan).
            $northwindPlanId = @(Get-AzsCspPartnerCustomerSubscription -CustomerId $northwindId | Where-Object IsAzurePlan)[0].SubscriptionId
            $northwind.PlanSubscriptionId | Should -Be $northwindPlanId
            $entitlements[0].PlanSubscriptionId | Should -Be $script:fabrikamPlan.SubscriptionId
            $adatum[0].PlanSubscriptionId | Should -BeNullOrEmpty
            foreach ($item in @($northwind[0], $adatum[0], $entitlements[0])) {
                $item.PSObject.Properties.Name | Should -Not -Contain 'SubscriptionId'
            }
        }

        It 'does not act on the plan when Azure subscriptions are piped into the subscription status commands' {
            Clear-AzsCspTestRequest -Emulator $emulator
            $azure = @(Get-AzsCspPartnerAzureSubscription -CustomerId $northwindId)
            # Binding errors of piped objects reach the error stream (2>&1), not -ErrorVariable.
            foreach ($command in 'Suspend-AzsCspPartnerCustomerSubscription', 'Remove-AzsCspPartnerCustomerSubscription') {
                $out = @($azure | & $command -Force -ErrorAction Continue 2>&1)
                $out.Count | Should -Be $azure.Count -Because "$command cannot bind SubscriptionId from an Azure subscription"
                $out | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'InputObjectMissingMandatory,*' }
            }
            $out = @($azure | Set-AzsCspPartnerCustomerSubscription -Status Suspended -Force -ErrorAction Continue 2>&1)
            $out.Count | Should -Be $azure.Count
            $out | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'InputObjectMissingMandatory,*' }
            @(Get-PartnerCenterWrite).Count | Should -Be 0
            (@(Get-AzsCspPartnerCustomerSubscription -CustomerId $northwindId | Where-Object IsAzurePlan)[0]).Status | Should -Be 'active'
        }

        It 'cancels the piped Azure plan subscriptions and refuses a legacy one for that item alone' {
            $legacy = @(Get-AzsCspPartnerAzureSubscription -CustomerId $adatumId)
            $plan = @(Get-AzsCspPartnerAzureSubscription -CustomerId $fabrikamId)
            $legacy[0].Source | Should -Be 'Legacy'
            $plan[0].Source | Should -Be 'AzurePlan'
            Clear-AzsCspTestRequest -Emulator $emulator
            $failed = $null
            $cancelled = @(@($legacy) + @($plan) | Remove-AzsCspPartnerAzureEntitlement -Force -ErrorAction SilentlyContinue -ErrorVariable failed)
            @($failed).Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'AzsCsp.NotAzurePlanEntitlement,*'
            $failed[0].Exception.Message | Should -Match 'a legacy Microsoft Azure subscription is not an Azure plan entitlement'
            $failed[0].Exception.Message | Should -Match '7d7b7c70-8909-4c01-a082-0e2106b4a48b'
            $failed[0].ErrorDetails.RecommendedAction | Should -Match "Suspend-AzsCspPartnerCustomerSubscription -CustomerId $adatumId -SubscriptionId 7D7B7C70-8909-4C01-A082-0E2106B4A48B"
            $cancelled.Count | Should -Be 1
            $cancelled[0].AzureSubscriptionId | Should -Be $plan[0].AzureSubscriptionId
            $cancelled[0].Status | Should -Be 'cancelled'
            $writes = @(Get-PartnerCenterWrite)
            $writes.Count | Should -Be 1
            $writes[0].path | Should -Match "/customers/$fabrikamId/subscriptions/$($plan[0].PlanSubscriptionId)/azureEntitlements/$($plan[0].AzureSubscriptionId)/cancel"
            (Get-AzsCspPartnerCustomerSubscription -CustomerId $adatumId -SubscriptionId '7D7B7C70-8909-4C01-A082-0E2106B4A48B').Status | Should -Be 'active'
        }

        It 'refuses an Azure plan for a customer with a legacy Microsoft Azure subscription (800009)' {
            $err = { New-AzsCspPartnerAzurePlan -CustomerId $adatumId -ErrorAction Stop } | Should -Throw -ErrorId 'AzsCsp.800009,*' -PassThru
            $err.Exception.Message | Should -Match 'MS-AZR-0145P'
            $err.ErrorDetails.RecommendedAction | Should -Match 'Get-AzsCspPartnerCustomerSubscription'
        }
    }

    Context 'Subscription status changes' {
        BeforeAll {
            Reset-PartnerCenter
            $northwindPlan = @(Get-AzsCspPartnerCustomerSubscription -CustomerId $northwindId | Where-Object IsAzurePlan)[0]
        }

        It 'refuses to suspend a plan with an active Azure subscription (900115), then suspends it once that is cancelled' {
            $err = { Suspend-AzsCspPartnerCustomerSubscription -CustomerId $northwindId -SubscriptionId $northwindPlan.SubscriptionId -ErrorAction Stop } |
                Should -Throw -ErrorId 'AzsCsp.900115,*' -PassThru
            $err.ErrorDetails.RecommendedAction | Should -Match "Get-AzsCspPartnerCustomerAzurePlanEntitlement -CustomerId $northwindId -SubscriptionId $($northwindPlan.SubscriptionId) \| Remove-AzsCspPartnerAzureEntitlement"

            Clear-AzsCspTestRequest -Emulator $emulator
            Get-AzsCspPartnerCustomerAzurePlanEntitlement -CustomerId $northwindId -SubscriptionId $northwindPlan.SubscriptionId | Remove-AzsCspPartnerAzureEntitlement -WhatIf
            @(Get-PartnerCenterWrite).Count | Should -Be 0
            $cancelled = @(Get-AzsCspPartnerCustomerAzurePlanEntitlement -CustomerId $northwindId -SubscriptionId $northwindPlan.SubscriptionId | Remove-AzsCspPartnerAzureEntitlement -Force)
            $cancelled.Count | Should -Be 1
            $cancelled[0].Status | Should -Be 'cancelled'
            $cancelled[0].AzureSubscriptionId | Should -Be '8e06e68b-f5b3-4420-a4f1-2e6a4f5a2ce8'

            $suspended = Suspend-AzsCspPartnerCustomerSubscription -CustomerId $northwindId -SubscriptionId $northwindPlan.SubscriptionId
            $suspended.Status | Should -Be 'suspended'
            $suspended.PreviousStatus | Should -Be 'active'
            $suspended.Changed | Should -BeTrue
            (Suspend-AzsCspPartnerCustomerSubscription -CustomerId $northwindId -SubscriptionId $northwindPlan.SubscriptionId).Changed | Should -BeFalse
            $resumed = $suspended | Resume-AzsCspPartnerCustomerSubscription
            $resumed.Status | Should -Be 'active'
        }

        It 'cancels a license subscription inside its 7-day window; a deleted one cannot change (2011)' {
            $license = @(Get-AzsCspPartnerCustomerSubscription -CustomerId $adatumId | Where-Object OfferId -Like 'CFQ7TTC0LH18*')[0]
            $license.BillingType | Should -Be 'license'
            $removed = Remove-AzsCspPartnerCustomerSubscription -CustomerId $adatumId -SubscriptionId $license.SubscriptionId -Confirm:$false
            $removed.Status | Should -Be 'deleted'
            $err = { Resume-AzsCspPartnerCustomerSubscription -CustomerId $adatumId -SubscriptionId $license.SubscriptionId -ErrorAction Stop } |
                Should -Throw -ErrorId 'AzsCsp.2011,*' -PassThru
            $err.ErrorDetails.RecommendedAction | Should -Match 'deleted'
        }

        It 'refuses to cancel after the 7-day window (900117) and to cancel a legacy Azure subscription (800096)' {
            $old = @(Get-AzsCspPartnerCustomerSubscription -CustomerId $northwindId | Where-Object { -not $_.IsAzurePlan })[0]
            $err = { Set-AzsCspPartnerCustomerSubscription -CustomerId $northwindId -SubscriptionId $old.SubscriptionId -Status Deleted -Force -ErrorAction Stop } |
                Should -Throw -ErrorId 'AzsCsp.900117,*' -PassThru
            $err.ErrorDetails.RecommendedAction | Should -Match 'Suspend-AzsCspPartnerCustomerSubscription'
            $err = { Remove-AzsCspPartnerCustomerSubscription -CustomerId $adatumId -SubscriptionId '7D7B7C70-8909-4C01-A082-0E2106B4A48B' -Force -ErrorAction Stop } |
                Should -Throw -ErrorId 'AzsCsp.800096,*' -PassThru
            $err.ErrorDetails.RecommendedAction | Should -Match 'suspend'
        }

        It 'explains a subscription changed meanwhile (2055) and sends nothing with -WhatIf' {
            $license = @(Get-AzsCspPartnerCustomerSubscription -CustomerId $northwindId | Where-Object { -not $_.IsAzurePlan })[0]
            Add-AzsCspTestFault -Emulator $emulator -Fault @{ method = 'PATCH'; pathContains = $license.SubscriptionId; status = 400; body = @{ code = 2055; description = 'Etag is no longer valid'; data = @(); source = 'PartnerFD' } }
            $err = { Suspend-AzsCspPartnerCustomerSubscription -CustomerId $northwindId -SubscriptionId $license.SubscriptionId -ErrorAction Stop } |
                Should -Throw -ErrorId 'AzsCsp.2055,*' -PassThru
            $err.ErrorDetails.RecommendedAction | Should -Match 'Read it again'
            Clear-AzsCspTestRequest -Emulator $emulator
            Suspend-AzsCspPartnerCustomerSubscription -CustomerId $northwindId -SubscriptionId $license.SubscriptionId -WhatIf
            Remove-AzsCspPartnerCustomerSubscription -CustomerId $northwindId -SubscriptionId $license.SubscriptionId -WhatIf
            @(Get-AzsCspTestRequest -Emulator $emulator | Where-Object host -EQ 'partnerCenter').Count | Should -Be 0
        }

        It 'explains the cart errors 800065 and 800004 and retries throttling after Retry-After' {
            $null = New-AzsCspPartnerCustomerAgreement -CustomerId $fabrikamId -ContactEmail f@fabrikam.com -ContactFirstName F -ContactLastName F
            Add-AzsCspTestFault -Emulator $emulator -Fault @{ method = 'POST'; pathContains = 'checkout'; status = 400; body = @{ code = 800065; description = 'Cannot check out an already submitted cart.'; data = @(); source = 'PartnerFD' } }
            $err = { New-AzsCspPartnerAzurePlan -CustomerId $fabrikamId -ErrorAction Stop } | Should -Throw -ErrorId 'AzsCsp.800065,*' -PassThru
            $err.ErrorDetails.RecommendedAction | Should -Match 'already checked out'
            Add-AzsCspTestFault -Emulator $emulator -Fault @{ method = 'POST'; pathContains = '/carts'; status = 400; body = @{ code = 800004; description = 'Invalid offer Id'; data = @(); source = 'PartnerFD' } }
            $err = { New-AzsCspPartnerAzurePlan -CustomerId $fabrikamId -ErrorAction Stop } | Should -Throw -ErrorId 'AzsCsp.800004,*' -PassThru
            $err.ErrorDetails.RecommendedAction | Should -Match 'Get-AzsCspPartnerAzurePlanOffer'
            Add-AzsCspTestFault -Emulator $emulator -Fault @{ method = 'GET'; pathContains = 'subscriptions'; status = 429; count = 1; retryAfter = '1'; body = @{ statusCode = 429; message = 'Rate limit is exceeded. Try again in 1 seconds.' } }
            @(Get-AzsCspPartnerCustomerSubscription -CustomerId $northwindId -WarningAction SilentlyContinue).Count | Should -BeGreaterThan 0
            Add-AzsCspTestFault -Emulator $emulator -Fault @{ method = 'GET'; pathContains = 'subscriptions'; status = 429; count = 10; retryAfter = '1'; body = @{ statusCode = 429; message = 'Rate limit is exceeded. Try again in 1 seconds.' } }
            $err = { Get-AzsCspPartnerCustomerSubscription -CustomerId $northwindId -ErrorAction Stop -WarningAction SilentlyContinue } | Should -Throw -ErrorId 'AzsCsp.429,*' -PassThru
            $err.CategoryInfo.Category | Should -Be 'LimitsExceeded'
            $err.ErrorDetails.RecommendedAction | Should -Match 'throttling'
            Invoke-AzsCspEmulatorControl -Emulator $emulator -Method DELETE -Path '/_emulator/faults'
        }
    }

    Context 'An order that takes longer than the wait' {
        BeforeAll {
            $slow = Start-AzsCspTestEmulator -ArgumentList '--partner-center-order-delay-ms', '60000'
            $slowEndpoints = @{
                Environment               = 'AzsCspSlow'
                ResourceManagerEndpoint   = $slow.resourceManagerUrl
                ActiveDirectoryAuthority  = $slow.activeDirectoryAuthority
                ActiveDirectoryResourceId = $slow.audience
                PartnerCenterEndpoint     = $slow.partnerCenterUrl
                CaCertificatePath         = $slow.caCertificatePath
            }
            $null = Connect-AzsCspPartnerCenter @slowEndpoints -Credential $operator -Tenant $fixture.PartnerTenantId -ContextName 'pc-slow' -Force
        }

        AfterAll {
            Disconnect-AzsCspAccount -ContextName 'pc-slow' -ErrorAction SilentlyContinue
            Stop-AzsCspTestEmulator -Emulator $slow
        }

        It 'stops waiting with OrderNotCompleted and, run again, waits for the same order instead of buying twice' {
            $null = New-AzsCspPartnerCustomerAgreement -CustomerId $fabrikamId -ContactEmail f@fabrikam.com -ContactFirstName F -ContactLastName F -PartnerCenterContext 'pc-slow'
            $err = { New-AzsCspPartnerAzurePlan -CustomerId $fabrikamId -TimeoutSeconds 2 -PartnerCenterContext 'pc-slow' -ErrorAction Stop } |
                Should -Throw -ErrorId 'AzsCsp.OrderNotCompleted,*' -PassThru
            $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
            $err.ErrorDetails.RecommendedAction | Should -Match 'does not buy twice'
            { New-AzsCspPartnerAzurePlan -CustomerId $fabrikamId -TimeoutSeconds 2 -PartnerCenterContext 'pc-slow' -ErrorAction Stop } | Should -Throw -ErrorId 'AzsCsp.OrderNotCompleted,*'
            @(Get-AzsCspTestRequest -Emulator $slow | Where-Object { $_.method -eq 'POST' -and $_.path -match '/carts$' }).Count | Should -Be 1
        }

        It 'stops waiting promptly when the pipeline is stopped (Ctrl+C)' {
            Clear-AzsCspTestRequest -Emulator $slow
            $ps = [powershell]::Create()
            try {
                # Tailspin Toys: no plan yet; its agreement is confirmed first.
                $tailspin = (Get-AzsCspPartnerCustomer -Domain tailspintoys.onmicrosoft.com -PartnerCenterContext 'pc-slow').CustomerId
                $null = New-AzsCspPartnerCustomerAgreement -CustomerId $tailspin -ContactEmail t@tailspin.com -ContactFirstName T -ContactLastName T -PartnerCenterContext 'pc-slow'
                $null = $ps.AddScript({
                        param($ModulePath, $Endpoints, $Credential, $Tenant, $CustomerId)
                        Import-Module $ModulePath
                        $null = Connect-AzsCspPartnerCenter @Endpoints -Credential $Credential -Tenant $Tenant
                        New-AzsCspPartnerAzurePlan -CustomerId $CustomerId -TimeoutSeconds 600
                    }).AddArgument((Get-AzsCspTestModulePath)).AddArgument($slowEndpoints).AddArgument($operator).AddArgument($fixture.PartnerTenantId).AddArgument($tailspin)
                $handle = $ps.BeginInvoke()
                $deadline = [DateTime]::UtcNow.AddSeconds(30)
                do {
                    Start-Sleep -Milliseconds 100
                    $checkout = @(Get-AzsCspTestRequest -Emulator $slow | Where-Object { $_.method -eq 'POST' -and $_.path -match 'checkout' })
                } while ($checkout.Count -eq 0 -and [DateTime]::UtcNow -lt $deadline)
                $checkout.Count | Should -Be 1
                Start-Sleep -Milliseconds 2500   # the order is being polled
                $clock = [System.Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
                $handle.IsCompleted | Should -BeTrue
                $polls = @(Get-AzsCspTestRequest -Emulator $slow | Where-Object { $_.method -eq 'GET' -and $_.path -match '/orders/' }).Count
                $polls | Should -BeGreaterThan 0
                Start-Sleep -Milliseconds 3000
                @(Get-AzsCspTestRequest -Emulator $slow | Where-Object { $_.method -eq 'GET' -and $_.path -match '/orders/' }).Count | Should -Be $polls -Because 'the core stopped polling'
            }
            finally {
                $ps.Dispose()
            }
        }
    }
}
