#Requires -Version 7.2
# The documented multi-tenancy sequence (azure-stack/operator/enable-multitenancy.md) run as written,
# against azscsp-emulator's stamp admin ARM, tenant ARM and Microsoft Graph listeners: the operator
# onboards guest directories, each guest administrator installs the stamp's applications, the health
# report, a stamp update, offboarding in the documented order; failures; the CSP guest Owner.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AzsCspTestModulePath) -Force
    $emulator = Start-AzsCspTestEmulator
    $fixture = Get-AzsCspTestFixture
    $stamp = Get-AzsCspTestStampFixture

    # The emulator's private CA, for the commands' own sign-in (the documented command lines stay as written).
    $global:PSDefaultParameterValues['*-Azs*:CaCertificatePath'] = $emulator.caCertificatePath

    $adminArm = $emulator.adminResourceManagerUrl
    $tenantArm = $emulator.tenantResourceManagerUrl
    $homeDirectory = $fixture.PartnerTenantDomain
    $operator = New-AzsCspTestCredential -ApplicationId $fixture.OperatorUserName -Secret $fixture.OperatorPassword
    $fabrikamAdmin = New-AzsCspTestCredential -ApplicationId $stamp.FabrikamAdminUserName -Secret $stamp.FabrikamAdminPassword
    $adatumAdmin = New-AzsCspTestCredential -ApplicationId $stamp.AdatumAdminUserName -Secret $stamp.AdatumAdminPassword
    $fabrikamReader = New-AzsCspTestCredential -ApplicationId $stamp.FabrikamReaderUserName -Secret $stamp.FabrikamReaderPassword
    $fabrikam = $stamp.FabrikamDomain
    $adatum = $stamp.AdatumDomain

    function Reset-Stamp {
        Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
        Reset-AzsCspTestEmulator -Emulator $emulator
    }
}

AfterAll {
    $global:PSDefaultParameterValues.Remove('*-Azs*:CaCertificatePath')
    Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
    Stop-AzsCspTestEmulator -Emulator $emulator
}

Describe 'The documented multi-tenancy sequence' {
    BeforeAll {
        Reset-Stamp
    }

    It 'step 1: the operator onboards two guest directories in one call, one result each' {
        $results = @(Register-AzsGuestDirectoryTenant -AdminResourceManagerEndpoint $adminArm -DirectoryTenantName $homeDirectory `
                -GuestDirectoryTenantName $fabrikam, $adatum -Location local -SubscriptionName 'Default Provider Subscription' `
                -ResourceGroupName system.local -AutomationCredential $operator)
        $results.Count | Should -Be 2
        $results | ForEach-Object { $_.PSObject.TypeNames | Should -Contain 'AzsCsp.DirectoryTenantRegistration' }
        ($results | Where-Object GuestDirectoryTenantName -EQ $fabrikam).TenantId | Should -Be $stamp.FabrikamTenantId
        ($results | Where-Object GuestDirectoryTenantName -EQ $adatum).TenantId | Should -Be $stamp.AdatumTenantId
        $results.Status | Should -Be @('Done', 'Done')
        $results.SubscriptionId | Select-Object -Unique | Should -Be $stamp.AdminSubscriptionId

        $tenants = @(Get-AzsDirectoryTenant -ResourceGroupName system.local -AdminResourceManagerEndpoint $adminArm -DirectoryTenantName $homeDirectory)
        $tenants.Name | Sort-Object | Should -Be @($adatum, $fabrikam)
        ($tenants | Where-Object Name -EQ $fabrikam).TenantId | Should -Be $stamp.FabrikamTenantId
        (Get-AzsDirectoryTenant -Name $fabrikam -ResourceGroupName system.local -AdminResourceManagerEndpoint $adminArm -DirectoryTenantName $homeDirectory).TenantId |
            Should -Be $stamp.FabrikamTenantId
        # AzureRM syntax: -ResourceId, -Top, -Skip (with the default context the operator's sign-in made).
        $one = $tenants | Where-Object Name -EQ $fabrikam
        (Get-AzsDirectoryTenant -ResourceId $one.Id -AdminResourceManagerEndpoint $adminArm -DirectoryTenantName $homeDirectory).TenantId | Should -Be $stamp.FabrikamTenantId
        @(Get-AzsDirectoryTenant -ResourceGroupName system.local -Top 1).Count | Should -Be 1
        @(Get-AzsDirectoryTenant -ResourceGroupName system.local -Skip 1).Count | Should -Be 1
    }

    It 'step 2: each guest administrator installs the stamp applications (Register-AzsWithMyDirectoryTenant)' {
        foreach ($guest in @(@($fabrikam, $fabrikamAdmin), @($adatum, $adatumAdmin))) {
            $report = Register-AzsWithMyDirectoryTenant -TenantResourceManagerEndpoint $tenantArm -DirectoryTenantName $guest[0] -AutomationCredential $guest[1]
            $report.PSObject.TypeNames | Should -Contain 'AzsCsp.DirectoryConfigurationReport'
            $report.DirectoryTenantName | Should -Be $guest[0]
            foreach ($app in $stamp.ApplicationIds) {
                ($report.Applications | Where-Object AppId -EQ $app).Status | Should -Be 'Configured' -Because "$app is installed in $($guest[0])"
            }
            $report.ChangeCount | Should -BeGreaterThan 0
            @($report.Applications | Where-Object Status -EQ 'Configured' | Where-Object { $_.Changes.Count -eq 0 }).Count | Should -Be 0
        }
    }

    It 'the health report shows both guest directories healthy (the documented script)' {
        $healthReport = Get-AzsHealthReport -AdminResourceManagerEndpoint $adminArm -DirectoryTenantName $homeDirectory -AutomationCredential $operator
        $healthReport.PSObject.TypeNames | Should -Contain 'AzsCsp.IdentityHealthReport'
        @($healthReport.directoryTenants | Where-Object status -ne 'Healthy') | Should -BeNullOrEmpty
        $healthReport.directoryTenants.tenantId | Should -Contain $stamp.FabrikamTenantId
        $healthReport.directoryTenants.tenantId | Should -Contain $stamp.AdatumTenantId
        ($healthReport.directoryTenants | Where-Object tenantId -EQ $stamp.FabrikamTenantId).tenantName | Should -Not -BeNullOrEmpty
        $healthReport.Status | Should -Be 'Healthy'
    }

    It 'a re-run changes nothing: every application AlreadyConfigured' {
        $report = Register-AzsWithMyDirectoryTenant $tenantArm $fabrikam -AutomationCredential $fabrikamAdmin
        $report.ChangeCount | Should -Be 0
        $report.Configured | Should -Be 0
        @($report.Applications | Where-Object Status -NE 'AlreadyConfigured') | Should -BeNullOrEmpty
    }

    It 'after a stamp update the re-run adds exactly the new application' {
        $newApp = New-AzsCspTestStampApplication
        $null = Invoke-AzsCspEmulatorControl -Emulator $emulator -Method POST -Path '/_emulator/stamp/applications' -Body $newApp
        $before = Get-AzsHealthReport $adminArm $homeDirectory -AutomationCredential $operator
        ($before.directoryTenants | Where-Object tenantId -EQ $stamp.FabrikamTenantId).status | Should -Not -Be 'Healthy'

        Clear-AzsCspTestRequest -Emulator $emulator
        $report = Register-AzsWithMyDirectoryTenant $tenantArm $fabrikam -AutomationCredential $fabrikamAdmin
        $report.Configured | Should -Be 1
        ($report.Applications | Where-Object Status -EQ 'Configured').AppId | Should -Be $newApp.appId
        @($report.Applications | Where-Object Status -EQ 'AlreadyConfigured').Count | Should -Be ($report.Applications.Count - 1)
        $created = @(Get-AzsCspTestRequest -Emulator $emulator -PathContains '/v1.0/servicePrincipals' -Method POST | Where-Object { $_.path -match '/v1\.0/servicePrincipals/?$' })
        $created.Count | Should -Be 1 -Because 'only the new application needs a service principal'

        $null = Register-AzsWithMyDirectoryTenant $tenantArm $adatum -AutomationCredential $adatumAdmin
        $homeReport = Update-AzsHomeDirectoryTenant -AdminResourceManagerEndpoint $adminArm -DirectoryTenantName $homeDirectory -AutomationCredential $operator
        ($homeReport.Applications | Where-Object Status -EQ 'Configured').AppId | Should -Be $newApp.appId
        $after = Get-AzsHealthReport $adminArm $homeDirectory -AutomationCredential $operator
        @($after.directoryTenants | Where-Object status -ne 'Healthy') | Should -BeNullOrEmpty
    }

    It 'the customer administrator makes the CSP account a guest Owner of the stamp subscription' {
        $grant = Grant-AzsCspGuestOwner -TenantResourceManagerEndpoint $tenantArm -DirectoryTenantName $fabrikam -SubscriptionId $stamp.FabrikamSubscriptionId `
            -InvitedUserEmailAddress $fixture.OperatorUserName -InvitedUserDisplayName 'Contoso CSP' -AutomationCredential $fabrikamAdmin
        $grant.PSObject.TypeNames | Should -Contain 'AzsCsp.GuestOwner'
        $grant.Status | Should -Be 'Done'
        $grant.InvitationStatus | Should -Be 'PendingAcceptance'
        $grant.InviteRedeemUrl | Should -Not -BeNullOrEmpty
        $grant.UserId | Should -Not -BeNullOrEmpty
        $grant.RoleAssignmentId | Should -Match '/subscriptions/6c1f0b9e-0a4f-4d8e-9a51-0f4f2b7d3c11/providers/Microsoft.Authorization/roleAssignments/'

        $again = Grant-AzsCspGuestOwner -TenantResourceManagerEndpoint $tenantArm -DirectoryTenantName $fabrikam -SubscriptionId $stamp.FabrikamSubscriptionId `
            -InvitedUserEmailAddress $fixture.OperatorUserName -AutomationCredential $fabrikamAdmin
        $again.Status | Should -Be 'AlreadyDone'
        $again.UserId | Should -Be $grant.UserId

        $owners = @(Get-AzsCspGuestOwner -TenantResourceManagerEndpoint $tenantArm -DirectoryTenantName $fabrikam -AutomationCredential $fabrikamAdmin)
        $owners.Count | Should -Be 1
        $owners[0].PSObject.TypeNames | Should -Contain 'AzsCsp.GuestOwnerAssignment'
        $owners[0].SubscriptionId | Should -Be $stamp.FabrikamSubscriptionId
        $owners[0].UserId | Should -Be $grant.UserId
        @(Get-AzsCspGuestOwner -TenantResourceManagerEndpoint $tenantArm -DirectoryTenantName $fabrikam -InvitedUserEmailAddress 'nobody@example.com' -AutomationCredential $fabrikamAdmin) | Should -BeNullOrEmpty
    }

    It 'offboarding in the documented order removes everything' {
        foreach ($guest in @(@($fabrikam, $fabrikamAdmin), @($adatum, $adatumAdmin))) {
            $removal = Unregister-AzsWithMyDirectoryTenant -TenantResourceManagerEndpoint $tenantArm -DirectoryTenantName $guest[0] -AutomationCredential $guest[1]
            $removal.PSObject.TypeNames | Should -Contain 'AzsCsp.DirectoryRemovalReport'
            foreach ($app in $stamp.ApplicationIds) {
                ($removal.Applications | Where-Object AppId -EQ $app).Removed | Should -BeTrue -Because "$app is removed from $($guest[0])"
            }
        }
        foreach ($guest in $fabrikam, $adatum) {
            $removed = Unregister-AzsGuestDirectoryTenant -AdminResourceManagerEndpoint $adminArm -DirectoryTenantName $homeDirectory -GuestDirectoryTenantName $guest `
                -ResourceGroupName system.local -AutomationCredential $operator -PassThru
            $removed.Existed | Should -Not -BeFalse
        }
        @(Get-AzsDirectoryTenant -ResourceGroupName system.local -AdminResourceManagerEndpoint $adminArm -DirectoryTenantName $homeDirectory) | Should -BeNullOrEmpty
        $healthReport = Get-AzsHealthReport $adminArm $homeDirectory -AutomationCredential $operator
        $healthReport.directoryTenants.tenantId | Should -Not -Contain $stamp.FabrikamTenantId
        $healthReport.directoryTenants.tenantId | Should -Not -Contain $stamp.AdatumTenantId
    }
}

Describe 'Multi-tenancy failures' {
    BeforeEach {
        Reset-Stamp
    }

    It 'a guest domain that does not resolve fails alone; the other guests are onboarded' {
        $results = @(Register-AzsGuestDirectoryTenant $adminArm $homeDirectory 'nosuchdirectory.onmicrosoft.com', $fabrikam local -ResourceGroupName system.local `
                -AutomationCredential $operator -ErrorVariable failed -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 1
        $results[0].GuestDirectoryTenantName | Should -Be $fabrikam
        @($failed).Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -Match '^AzsCsp\.TenantNotFound'
        $failed[0].TargetObject | Should -Be 'nosuchdirectory.onmicrosoft.com'
        $failed[0].ErrorDetails.RecommendedAction | Should -Match 'nosuchdirectory\.onmicrosoft\.com'
        (Get-AzsDirectoryTenant -ResourceGroupName system.local -AdminResourceManagerEndpoint $adminArm -DirectoryTenantName $homeDirectory).Name | Should -Be $fabrikam
    }

    It 'a directory that is already onboarded is AlreadyDone' {
        $first = Register-AzsGuestDirectoryTenant $adminArm $homeDirectory $fabrikam local -ResourceGroupName system.local -AutomationCredential $operator
        $first.Status | Should -Be 'Done'
        $second = Register-AzsGuestDirectoryTenant $adminArm $homeDirectory $fabrikam local -ResourceGroupName system.local -AutomationCredential $operator
        $second.Status | Should -Be 'AlreadyDone'
        $second.TenantId | Should -Be $stamp.FabrikamTenantId
    }

    It 'a reader without directory permissions gets AzsCsp.Authorization_RequestDenied with the recommended action' {
        $null = Register-AzsGuestDirectoryTenant $adminArm $homeDirectory $fabrikam local -ResourceGroupName system.local -AutomationCredential $operator
        $err = { Register-AzsWithMyDirectoryTenant $tenantArm $fabrikam -AutomationCredential $fabrikamReader -ErrorAction Stop } |
            Should -Throw -ErrorId 'AzsCsp.Authorization_RequestDenied,*' -PassThru
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err.ErrorDetails.RecommendedAction | Should -Match 'Global Administrator'
        $err.ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape($fabrikam))
    }

    It 'a directory the operator has not onboarded is told to ask the operator' {
        $err = { Register-AzsWithMyDirectoryTenant $tenantArm $adatum -AutomationCredential $adatumAdmin -ErrorAction Stop } | Should -Throw -PassThru
        $err.ErrorDetails.RecommendedAction | Should -Match 'Register-AzsGuestDirectoryTenant'
        $err.ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape($adatum))
    }

    It 'a directory without the stamp applications is told to run Register-AzsWithMyDirectoryTenant (AADSTS500011)' {
        $null = Register-AzsGuestDirectoryTenant $adminArm $homeDirectory $adatum local -ResourceGroupName system.local -AutomationCredential $operator
        $err = { Get-AzsCspGuestOwner -TenantResourceManagerEndpoint $tenantArm -DirectoryTenantName $adatum -AutomationCredential $adatumAdmin } | Should -Throw -PassThru
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -Match 'AADSTS500011'
        $err.ErrorDetails.RecommendedAction | Should -Match 'Register-AzsWithMyDirectoryTenant'
    }

    It 'sends nothing with -WhatIf' {
        Clear-AzsCspTestRequest -Emulator $emulator
        Register-AzsGuestDirectoryTenant $adminArm $homeDirectory $fabrikam, $adatum local -ResourceGroupName system.local -AutomationCredential $operator -WhatIf
        Unregister-AzsGuestDirectoryTenant $adminArm $homeDirectory $fabrikam system.local -AutomationCredential $operator -WhatIf
        Register-AzsWithMyDirectoryTenant $tenantArm $fabrikam -AutomationCredential $fabrikamAdmin -WhatIf
        Unregister-AzsWithMyDirectoryTenant $tenantArm $fabrikam -AutomationCredential $fabrikamAdmin -WhatIf
        Update-AzsHomeDirectoryTenant $adminArm $homeDirectory -AutomationCredential $operator -WhatIf
        Grant-AzsCspGuestOwner -TenantResourceManagerEndpoint $tenantArm -DirectoryTenantName $fabrikam -SubscriptionId $stamp.FabrikamSubscriptionId -InvitedUserEmailAddress $fixture.OperatorUserName -AutomationCredential $fabrikamAdmin -WhatIf
        @(Get-AzsCspTestRequest -Emulator $emulator) | Should -BeNullOrEmpty
        Get-AzsCspContext -ListAvailable | Should -BeNullOrEmpty
    }

    It 'reuses the context it signed in, and leaves the default context alone' {
        $azure = Get-AzsCspTestConnectParameter -Emulator $emulator -ContextName 'azure'
        $null = Connect-AzsCspAccount @azure
        $null = Get-AzsHealthReport $adminArm $homeDirectory -AutomationCredential $operator
        # Without a context this would wait for a device code sign-in: stop here instead.
        @(Get-AzsCspContext -ListAvailable | Where-Object Name -Like "$homeDirectory (*").Count | Should -Be 1
        Clear-AzsCspTestRequest -Emulator $emulator
        $null = Get-AzsHealthReport $adminArm $homeDirectory
        (Get-AzsCspContext).Name | Should -Be 'azure'
        @(Get-AzsCspContext -ListAvailable | Where-Object Name -Like "$homeDirectory (*").Count | Should -Be 1
        @(Get-AzsCspTestRequest -Emulator $emulator -PathContains '/oauth2/') | Should -BeNullOrEmpty -Because 'the second call reuses the signed-in context'
        @(Get-AzsCspTestRequest -Emulator $emulator -PathContains 'checkIdentityHealth').Count | Should -Be 1
        # The same directory named by its tenant ID is the same context.
        $null = Get-AzsHealthReport $adminArm $fixture.PartnerTenantId
        @(Get-AzsCspTestRequest -Emulator $emulator -PathContains '/oauth2/') | Should -BeNullOrEmpty
        @(Get-AzsCspContext -ListAvailable | Where-Object Name -Like "* ($($adminArm.TrimEnd('/')))").Count | Should -Be 1
    }

    It 'Get-AzsDirectoryTenantIdentifier returns the tenant ID of an authority (documented spelling)' {
        $authority = $emulator.activeDirectoryAuthority.TrimEnd('/') + '/' + $fabrikam
        Get-AzsDirectoryTenantidentifier -Authority $authority | Should -Be $stamp.FabrikamTenantId
        $unknown = Get-AzsDirectoryTenantIdentifier -Authority ($emulator.activeDirectoryAuthority.TrimEnd('/') + '/nosuchdirectory.onmicrosoft.com') -ErrorVariable failed -ErrorAction SilentlyContinue
        $unknown | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -Match '^AzsCsp\.TenantNotFound'
        $failed[0].ErrorDetails.RecommendedAction | Should -Match 'nosuchdirectory\.onmicrosoft\.com'
    }
}

Describe 'Get-AzsHealthReport on a stamp that answers in the documentation''s shape (directoryTenants as a plain array)' {
    BeforeAll {
        $arrayEmulator = Start-AzsCspTestEmulator -ArgumentList '--health-report-array'
    }

    AfterAll {
        Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
        Stop-AzsCspTestEmulator -Emulator $arrayEmulator
    }

    It 'gives the same typed report' {
        $report = Get-AzsHealthReport $arrayEmulator.adminResourceManagerUrl $homeDirectory -AutomationCredential $operator -CaCertificatePath $arrayEmulator.caCertificatePath
        $report.PSObject.TypeNames | Should -Contain 'AzsCsp.IdentityHealthReport'
        @($report.directoryTenants).Count | Should -BeGreaterOrEqual 1
        $report.directoryTenants[0].PSObject.TypeNames | Should -Contain 'AzsCsp.DirectoryTenantHealth'
        ($report.directoryTenants | Where-Object tenantId -EQ $fixture.PartnerTenantId).status | Should -Be 'Healthy'
        @($report.directoryTenants | Where-Object status -ne 'Healthy') | Should -BeNullOrEmpty
    }
}
