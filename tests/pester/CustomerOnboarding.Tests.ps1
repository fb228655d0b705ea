#Requires -Version 7.2
# Register-AzsCspCustomer (issue 7): the whole onboarding of a CSP customer across Partner Center,
# Azure (the registration's customerSubscriptions) and the stamp (guest directory, the stamp's
# applications in the customer directory, the CSP's guest Owner), against the emulator: an existing
# Partner Center customer (Fabrikam) and a new one, a re-run that writes nothing, a run cut after each
# step and resumed, -WhatIf, the errors, and a pipeline where one customer fails and the next goes on.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AzsCspTestModulePath) -Force
    $emulator = Start-AzsCspTestEmulator
    $fixture = Get-AzsCspTestFixture
    $stamp = Get-AzsCspTestStampFixture
    $global:PSDefaultParameterValues['*-Azs*:CaCertificatePath'] = $emulator.caCertificatePath

    $fabrikamId = 'e40189a3-e640-46a3-b8ff-16b642010b0d'
    $adatumId = 'f5a12742-f96c-4f7a-9a01-f2ad9beb4efc'
    $northwindId = 'dccc98f3-4196-4752-8115-902216d99374'
    $operator = New-AzsCspTestCredential -ApplicationId $fixture.OperatorUserName -Secret $fixture.OperatorPassword
    $fabrikamAdmin = New-AzsCspTestCredential -ApplicationId $stamp.FabrikamAdminUserName -Secret $stamp.FabrikamAdminPassword
    $registration = @{ RegistrationName = $fixture.RegistrationName; ResourceGroupName = $fixture.ResourceGroupName; RegistrationSubscriptionId = $fixture.RegistrationSubscriptionId }
    $stampSteps = @{
        AdminResourceManagerEndpoint = $emulator.adminResourceManagerUrl
        DirectoryTenantName          = $fixture.PartnerTenantDomain
        Location                     = 'local'
        AutomationCredential         = $operator
    }
    $newCustomer = @{
        Domain                   = 'tailwindtraders'
        Name                     = 'Tailwind Traders'
        BillingAddressLine1      = '1 Microsoft Way'
        BillingAddressCity       = 'Redmond'
        BillingAddressState      = 'WA'
        BillingAddressPostalCode = '98052'
        BillingAddressCountry    = 'US'
        ContactEmail             = 'it@tailwindtraders.com'
        ContactFirstName         = 'Tia'
        ContactLastName          = 'Wind'
    }

    function Connect-TestAll {
        Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
        $azure = Get-AzsCspTestConnectParameter -Emulator $emulator -ContextName 'azure'
        $null = Connect-AzsCspAccount @azure
        $null = Connect-AzsCspPartnerCenter -Environment AzsCspEmulator -ResourceManagerEndpoint $emulator.resourceManagerUrl `
            -ActiveDirectoryAuthority $emulator.activeDirectoryAuthority -ActiveDirectoryResourceId $emulator.audience `
            -PartnerCenterEndpoint $emulator.partnerCenterUrl -Credential $operator -Tenant $fixture.PartnerTenantId
    }

    function Reset-World {
        Reset-AzsCspTestEmulator -Emulator $emulator
        Connect-TestAll
        Clear-AzsCspTestRequest -Emulator $emulator
    }

    # Requests that change something (token requests excluded).
    # Requests that change something. POST validations/address only reads (it runs under -WhatIf too).
    function Get-TestWrite {
        @(Get-AzsCspTestRequest -Emulator $emulator | Where-Object { $_.method -in 'POST', 'PUT', 'PATCH', 'DELETE' -and $_.path -notmatch 'oauth2|/token|/validations/address' })
    }

    # -ErrorVariable also collects the errors of the helpers a step runs; the command's own record
    # (one per failed customer) is the one written by Register-AzsCspCustomer.
    function Get-CommandError([object[]] $Errors) {
        @($Errors | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -and $_.FullyQualifiedErrorId -like '*,Register-AzsCspCustomer' })
    }

    function Get-StepStatus([object[]] $Steps) {
        $table = [ordered]@{}
        foreach ($s in $Steps) { $table[$s.Step] = $s.Status }
        return $table
    }

    function Get-FabrikamState {
        $subscriptions = @(Get-AzsCspPartnerCustomerSubscription -CustomerId $fabrikamId)
        $plans = @($subscriptions | Where-Object IsAzurePlan)
        [pscustomobject]@{
            Plans       = $plans.Count
            Agreements  = @(Get-AzsCspPartnerCustomerAgreement -CustomerId $fabrikamId).Count
            Azure       = @(Get-AzsCspPartnerAzureSubscription -CustomerId $fabrikamId | Where-Object Status -EQ 'active').AzureSubscriptionId
            Mappings    = @(Get-AzsCustomerSubscription -Context azure @registration | Where-Object TenantId -EQ $fabrikamId).CustomerSubscriptionId
            Directories = @(Get-AzsDirectoryTenant -ResourceGroupName system.local -AdminResourceManagerEndpoint $emulator.adminResourceManagerUrl -DirectoryTenantName $fixture.PartnerTenantDomain -AutomationCredential $operator |
                    Where-Object Name -EQ 'fabrikam.onmicrosoft.com').Count
        }
    }
}

AfterAll {
    $global:PSDefaultParameterValues.Remove('*-Azs*:CaCertificatePath')
    Disconnect-AzsCspAccount -All -ErrorAction SilentlyContinue
    Stop-AzsCspTestEmulator -Emulator $emulator
}

Describe 'Register-AzsCspCustomer: an existing Partner Center customer, end to end' {
    BeforeAll {
        Reset-World
        $fabrikamFull = @{
            Domain                        = 'fabrikam.onmicrosoft.com'
            TenantResourceManagerEndpoint = $emulator.tenantResourceManagerUrl
            CustomerAdminCredential       = $fabrikamAdmin
            StampSubscriptionId           = $stamp.FabrikamSubscriptionId
            InvitedUserEmailAddress       = $fixture.OperatorUserName
        }
    }

    It 'runs every step: customer found, agreement, plan, Azure subscription, mapping, guest directory, directory configuration, guest Owner' {
        $steps = @(Register-AzsCspCustomer @fabrikamFull @registration @stampSteps)
        $steps | ForEach-Object { $_.PSObject.TypeNames | Should -Contain 'AzsCsp.CustomerOnboardingStep' }
        $status = Get-StepStatus $steps
        @($status.Keys) | Should -Be @('Customer', 'Agreement', 'AzurePlan', 'AzureSubscription', 'CustomerSubscriptionMapping', 'GuestDirectory', 'DirectoryConfiguration', 'GuestOwner')
        $status.Customer | Should -Be 'Found'
        $status.Agreement | Should -Be 'Done'
        $status.AzurePlan | Should -Be 'Done'
        $status.AzureSubscription | Should -BeIn 'AlreadyDone', 'Done'
        $status.CustomerSubscriptionMapping | Should -Be 'Done'
        $status.GuestDirectory | Should -Be 'Done'
        $status.DirectoryConfiguration | Should -BeIn 'Done', 'AlreadyDone'
        $status.GuestOwner | Should -Be 'Done'
        $azureId = ($steps | Where-Object Step -EQ 'AzureSubscription').AzureSubscriptionId
        $azureId | Should -Match '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        ($steps | Select-Object -Last 1).AzureSubscriptionId | Should -Be $azureId
        $steps.Customer | Select-Object -Unique | Should -Be 'fabrikam.onmicrosoft.com'
        ($steps | Format-Table | Out-String -Width 250) | Should -Match 'CustomerSubscriptionMapping'

        # The Azure Stack Hub registration bills that Azure subscription to Fabrikam's tenant.
        $mapping = Get-AzsCustomerSubscription -Context azure @registration -CustomerSubscriptionId $azureId
        $mapping.TenantId | Should -Be $fabrikamId
        # The agreement contact defaulted to Fabrikam's billing contact.
        (Get-AzsCspPartnerCustomerAgreement -CustomerId $fabrikamId).ContactEmail | Should -Be 'billing@fabrikam.com'
        $script:fabrikamAzureId = $azureId
    }

    It 're-runs without changing anything: every step AlreadyDone or Found, and no POST, PUT or PATCH' {
        Clear-AzsCspTestRequest -Emulator $emulator
        $steps = @(Register-AzsCspCustomer @fabrikamFull @registration @stampSteps)
        $status = Get-StepStatus $steps
        $status.Customer | Should -Be 'Found'
        foreach ($name in @($status.Keys) | Where-Object { $_ -ne 'Customer' }) {
            $status[$name] | Should -Be 'AlreadyDone' -Because "$name was done by the first run"
        }
        ($steps | Where-Object Step -EQ 'AzureSubscription').AzureSubscriptionId | Should -Be $script:fabrikamAzureId
        $writes = Get-TestWrite
        $writes | Should -BeNullOrEmpty -Because (($writes | ForEach-Object { "$($_.method) $($_.host) $($_.path)" }) -join '; ')
        $state = Get-FabrikamState
        $state.Plans | Should -Be 1
        $state.Agreements | Should -Be 1
        @($state.Mappings) | Should -Be @($script:fabrikamAzureId)
        $state.Directories | Should -Be 1
    }
}

Describe 'Register-AzsCspCustomer: a new customer' {
    BeforeAll {
        Reset-World
    }

    It 'shows the plan with -WhatIf and writes nothing' {
        $steps = @(Register-AzsCspCustomer @newCustomer @registration @stampSteps -TenantResourceManagerEndpoint $emulator.tenantResourceManagerUrl -WhatIf)
        $status = Get-StepStatus $steps
        $status.Customer | Should -Be 'WouldCreate'
        $status.Agreement | Should -Be 'WouldRun'
        $status.AzurePlan | Should -Be 'WouldRun'
        $status.AzureSubscription | Should -Be 'WouldRun'
        $status.CustomerSubscriptionMapping | Should -Be 'WouldRun'
        $status.GuestDirectory | Should -Be 'WouldRun'
        Get-TestWrite | Should -BeNullOrEmpty
        Test-AzsCspPartnerDomainAvailability -Domain tailwindtraders | Should -BeTrue
    }

    It 'creates the customer, confirms the agreement, buys the plan, maps its Azure subscription and onboards its directory' {
        $steps = @(Register-AzsCspCustomer @newCustomer @registration @stampSteps -TenantResourceManagerEndpoint $emulator.tenantResourceManagerUrl)
        $status = Get-StepStatus $steps
        $status.Customer | Should -Be 'Created'
        $status.Agreement | Should -Be 'Done'
        $status.AzurePlan | Should -Be 'Done'
        $status.CustomerSubscriptionMapping | Should -Be 'Done'
        $status.GuestDirectory | Should -Be 'Done'
        # The new administrator (returned once by Partner Center) configures the new directory.
        $status.DirectoryConfiguration | Should -Be 'Done'
        $status.GuestOwner | Should -Be 'Skipped'
        $customerStep = $steps | Where-Object Step -EQ 'Customer'
        $customerStep.AdminCredential | Should -BeOfType ([pscredential])
        $customerStep.AdminCredential.UserName | Should -Be 'admin@tailwindtraders.onmicrosoft.com'
        $customer = Get-AzsCspPartnerCustomer -Domain tailwindtraders.onmicrosoft.com
        $customer.CustomerId | Should -Be $customerStep.CustomerId
        $azureId = ($steps | Where-Object Step -EQ 'AzureSubscription').AzureSubscriptionId
        (Get-AzsCustomerSubscription -Context azure @registration -CustomerSubscriptionId $azureId).TenantId | Should -Be $customer.CustomerId
        $script:tailwindId = $customer.CustomerId
    }

    It 're-runs on the existing customer without creating anything' {
        Clear-AzsCspTestRequest -Emulator $emulator
        $steps = @(Register-AzsCspCustomer @newCustomer @registration @stampSteps)
        $status = Get-StepStatus $steps
        $status.Customer | Should -Be 'Found'
        $status.Agreement | Should -Be 'AlreadyDone'
        $status.AzurePlan | Should -Be 'AlreadyDone'
        $status.CustomerSubscriptionMapping | Should -Be 'AlreadyDone'
        $status.GuestDirectory | Should -Be 'AlreadyDone'
        Get-TestWrite | Should -BeNullOrEmpty
        @(Get-AzsCspPartnerCustomer -Domain tailwindtraders).Count | Should -Be 1
    }
}

Describe 'Register-AzsCspCustomer: a run cut after each step, then resumed' {
    It 'cut before <Next> (fault on <Method> <Path>): reports Failed, and a second run finishes with nothing twice' -ForEach @(
        @{ Next = 'Agreement'; Method = 'POST'; Path = '/agreements'; Body = @{ code = 1001; description = 'Injected failure.'; data = @(); source = 'PartnerFD' } }
        @{ Next = 'AzurePlan'; Method = 'POST'; Path = '/carts'; Body = @{ code = 1001; description = 'Injected failure.'; data = @(); source = 'PartnerFD' } }
        @{ Next = 'CustomerSubscriptionMapping'; Method = 'PUT'; Path = 'customerSubscriptions'; Body = $null }
        @{ Next = 'GuestDirectory'; Method = 'PUT'; Path = 'directoryTenants'; Body = $null }
        @{ Next = 'DirectoryConfiguration'; Method = 'POST'; Path = 'servicePrincipals'; Body = $null }
        @{ Next = 'GuestOwner'; Method = 'POST'; Path = 'invitations'; Body = $null }
    ) {
        Reset-World
        $full = @{
            Domain                        = 'fabrikam.onmicrosoft.com'
            TenantResourceManagerEndpoint = $emulator.tenantResourceManagerUrl
            CustomerAdminCredential       = $fabrikamAdmin
            StampSubscriptionId           = $stamp.FabrikamSubscriptionId
            InvitedUserEmailAddress       = $fixture.OperatorUserName
        }
        $fault = @{ method = $Method; pathContains = $Path; status = 400; count = 1 }
        if ($Body) { $fault.body = $Body }
        Add-AzsCspTestFault -Emulator $emulator -Fault $fault
        $cut = @(Register-AzsCspCustomer @full @registration @stampSteps -ErrorVariable cutErrors -ErrorAction SilentlyContinue)
        $failed = @($cut | Where-Object Status -EQ 'Failed')
        $failed.Count | Should -Be 1
        $failed[0].Step | Should -Be $Next
        ($cut | Select-Object -Last 1).Step | Should -Be $Next -Because 'the customer stops at the failed step'
        @(Get-CommandError $cutErrors).Count | Should -Be 1
        (Get-CommandError $cutErrors)[0].ErrorDetails | Should -Not -BeNullOrEmpty

        Invoke-AzsCspEmulatorControl -Emulator $emulator -Method DELETE -Path '/_emulator/faults'
        $resumed = @(Register-AzsCspCustomer @full @registration @stampSteps)
        @($resumed | Where-Object Status -EQ 'Failed') | Should -BeNullOrEmpty
        $status = Get-StepStatus $resumed
        $status.GuestOwner | Should -BeIn 'Done', 'AlreadyDone'
        $state = Get-FabrikamState
        $state.Plans | Should -Be 1
        $state.Agreements | Should -Be 1
        @($state.Azure).Count | Should -Be 1
        @($state.Mappings) | Should -Be @($state.Azure)
        $state.Directories | Should -Be 1
        (Get-AzsCspGuestOwner -TenantResourceManagerEndpoint $emulator.tenantResourceManagerUrl -DirectoryTenantName fabrikam.onmicrosoft.com -InvitedUserEmailAddress $fixture.OperatorUserName -AutomationCredential $fabrikamAdmin |
            Where-Object SubscriptionId -EQ $stamp.FabrikamSubscriptionId) | Should -Not -BeNullOrEmpty
    }
}

Describe 'Register-AzsCspCustomer: more cuts and a new Azure subscription under a plan' {
    It 'cut before AzureSubscription (the plan bought, reading its Azure subscriptions fails): the re-run buys nothing more' {
        Reset-World
        Add-AzsCspTestFault -Emulator $emulator -Fault @{ method = 'GET'; pathContains = 'azureEntitlements'; status = 400; skip = 1; count = 1; body = @{ code = 1001; description = 'Injected failure.'; data = @(); source = 'PartnerFD' } }
        $cut = @(Register-AzsCspCustomer -Domain fabrikam.onmicrosoft.com @registration -ErrorVariable bad -ErrorAction SilentlyContinue)
        ($cut | Where-Object Status -EQ 'Failed').Step | Should -BeIn 'AzurePlan', 'AzureSubscription'
        Invoke-AzsCspEmulatorControl -Emulator $emulator -Method DELETE -Path '/_emulator/faults'
        $resumed = Get-StepStatus @(Register-AzsCspCustomer -Domain fabrikam.onmicrosoft.com @registration)
        $resumed.AzurePlan | Should -Be 'AlreadyDone'
        $resumed.CustomerSubscriptionMapping | Should -Be 'Done'
        $state = Get-FabrikamState
        $state.Plans | Should -Be 1
        @($state.Mappings) | Should -Be @($state.Azure)
    }

    It 'cut right after creating a new customer: the failed run hands over the new administrator (password in no stream); the re-run finds it (no second customer) and finishes' {
        Reset-World
        Add-AzsCspTestFault -Emulator $emulator -Fault @{ method = 'POST'; pathContains = '/agreements'; status = 400; count = 1; body = @{ code = 1001; description = 'Injected failure.'; data = @(); source = 'PartnerFD' } }
        $Error.Clear()
        # Every stream, with -Verbose and -Debug (the native log too), merged into one list.
        $all = @(Register-AzsCspCustomer @newCustomer @registration -ErrorAction SilentlyContinue -ErrorVariable cutErrors -Verbose -Debug *>&1)
        $cut = @($all | Where-Object { $_.PSObject.TypeNames -contains 'AzsCsp.CustomerOnboardingStep' })
        (Get-StepStatus $cut).Customer | Should -Be 'Created'
        ($cut | Where-Object Status -EQ 'Failed').Step | Should -Be 'Agreement'
        @(Get-CommandError $cutErrors).Count | Should -Be 1
        # Partner Center shows the password once, at creation: the failed run still carries it.
        $customerStep = $cut | Where-Object Step -EQ 'Customer'
        $customerStep.AdminCredential | Should -BeOfType ([pscredential])
        $customerStep.AdminCredential.UserName | Should -Be 'admin@tailwindtraders.onmicrosoft.com'
        $customerStep.AdminCredential.Password | Should -BeOfType ([securestring])
        $customerStep.AdminCredential.Password.Length | Should -BeGreaterThan 0
        $password = $customerStep.AdminCredential.GetNetworkCredential().Password
        $password | Should -Not -BeNullOrEmpty
        # ... and nowhere in clear: no record of any stream, no error (message, details, action).
        $seen = [System.Text.StringBuilder]::new()
        foreach ($record in @($all) + @($Error)) {
            $null = $seen.AppendLine(($record | Out-String -Width 500))
            if ($record -is [System.Management.Automation.ErrorRecord]) {
                $null = $seen.AppendLine($record.Exception.Message).AppendLine([string]$record.ErrorDetails.Message).AppendLine([string]$record.ErrorDetails.RecommendedAction)
            }
            elseif ($record -is [System.Management.Automation.InformationalRecord] -or $record -is [System.Management.Automation.InformationRecord]) {
                $null = $seen.AppendLine([string]$record.Message).AppendLine([string]$record.MessageData)
            }
        }
        @($all | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Count | Should -BeGreaterThan 0 -Because 'the debug stream was captured'
        $seen.ToString().Contains($password) | Should -BeFalse
        Invoke-AzsCspEmulatorControl -Emulator $emulator -Method DELETE -Path '/_emulator/faults'
        $resumed = Get-StepStatus @(Register-AzsCspCustomer @newCustomer @registration)
        $resumed.Customer | Should -Be 'Found'
        $resumed.Agreement | Should -Be 'Done'
        $resumed.CustomerSubscriptionMapping | Should -Be 'Done'
        @(Get-AzsCspPartnerCustomer -Domain tailwindtraders).Count | Should -Be 1
    }

    It 'creates an Azure subscription under a plan without an active one with -BillingAccountName (ARM alias), once' {
        Reset-World
        $plan = @(Get-AzsCspPartnerCustomerSubscription -CustomerId $northwindId | Where-Object IsAzurePlan)[0]
        $null = Get-AzsCspPartnerCustomerAzurePlanEntitlement -CustomerId $northwindId -SubscriptionId $plan.SubscriptionId | Remove-AzsCspPartnerAzureEntitlement -Force
        $steps = @(Register-AzsCspCustomer -CustomerId $northwindId @registration -BillingAccountName 'contoso-csp-billing')
        $status = Get-StepStatus $steps
        $status.AzureSubscription | Should -Be 'Done'
        $status.CustomerSubscriptionMapping | Should -Be 'Done'
        $created = ($steps | Where-Object Step -EQ 'AzureSubscription').AzureSubscriptionId
        $created | Should -Not -Be '8e06e68b-f5b3-4420-a4f1-2e6a4f5a2ce8'
        (Get-AzsCustomerSubscription -Context azure @registration -CustomerSubscriptionId $created).TenantId | Should -Be $northwindId
        Clear-AzsCspTestRequest -Emulator $emulator
        $again = Get-StepStatus @(Register-AzsCspCustomer -CustomerId $northwindId @registration -BillingAccountName 'contoso-csp-billing')
        $again.AzureSubscription | Should -Be 'AlreadyDone'
        Get-TestWrite | Should -BeNullOrEmpty
        @(Get-AzsCspPartnerAzureSubscription -CustomerId $northwindId | Where-Object Status -EQ 'active').Count | Should -Be 1
    }
}

Describe 'Register-AzsCspCustomer: each step written as it ends' {
    It 'writes the Customer and Agreement steps while the Azure plan order is still being processed' {
        $slow = Start-AzsCspTestEmulator -ArgumentList '--partner-center-order-delay-ms', '3000'
        try {
            $null = Connect-AzsCspPartnerCenter -Environment AzsCspSlow -ResourceManagerEndpoint $slow.resourceManagerUrl -ActiveDirectoryAuthority $slow.activeDirectoryAuthority `
                -ActiveDirectoryResourceId $slow.audience -PartnerCenterEndpoint $slow.partnerCenterUrl -CaCertificatePath $slow.caCertificatePath `
                -Credential $operator -Tenant $fixture.PartnerTenantId -ContextName 'pc-slow' -Force
            $arrivals = [ordered]@{}
            $steps = @(Register-AzsCspCustomer -Domain fabrikam.onmicrosoft.com -PartnerCenterContext 'pc-slow' | ForEach-Object {
                    $arrivals[$_.Step] = [DateTime]::UtcNow
                    $_
                })
            $end = [DateTime]::UtcNow
            (Get-StepStatus $steps).AzurePlan | Should -Be 'Done'
            ($end - $arrivals['Agreement']).TotalSeconds | Should -BeGreaterThan 2 -Because 'the agreement step is written before the plan order completes'
            ($arrivals['AzureSubscription'] - $arrivals['Agreement']).TotalSeconds | Should -BeGreaterThan 2
        }
        finally {
            Disconnect-AzsCspAccount -ContextName 'pc-slow' -ErrorAction SilentlyContinue
            Stop-AzsCspTestEmulator -Emulator $slow
        }
    }
}

Describe 'Register-AzsCspCustomer: the registration by resource ID, and -WhatIf on an existing customer' {
    BeforeAll {
        Reset-World
        $registrationId = 'subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.AzureStack/registrations/{2}' -f $fixture.RegistrationSubscriptionId, $fixture.ResourceGroupName, $fixture.RegistrationName
    }

    It 'plans Fabrikam with -WhatIf: found, then what would run, and writes nothing' {
        $steps = @(Register-AzsCspCustomer -Domain fabrikam.onmicrosoft.com -ResourceId $registrationId -WhatIf)
        $status = Get-StepStatus $steps
        $status.Customer | Should -Be 'Found'
        $status.Agreement | Should -Be 'WouldRun'
        $status.AzurePlan | Should -Be 'WouldRun'
        $status.CustomerSubscriptionMapping | Should -Be 'WouldRun'
        $status.GuestDirectory | Should -Be 'Skipped'
        Get-TestWrite | Should -BeNullOrEmpty
    }

    It 'maps on the registration named by -ResourceId (the legacy subscription of Adatum)' {
        $steps = @(Register-AzsCspCustomer -Domain adatum.onmicrosoft.com -ResourceId "/$registrationId")
        (Get-StepStatus $steps).CustomerSubscriptionMapping | Should -Be 'Done'
        (Get-AzsCustomerSubscription -Context azure @registration -CustomerSubscriptionId '7d7b7c70-8909-4c01-a082-0e2106b4a48b').TenantId | Should -Be $adatumId
        $err = @(Register-AzsCspCustomer -Domain adatum.onmicrosoft.com -ResourceId 'subscriptions/x/resourceGroups/y' -ErrorVariable bad -ErrorAction SilentlyContinue)
        ($err | Where-Object Status -EQ 'Failed').Step | Should -Be 'CustomerSubscriptionMapping'
        (Get-CommandError $bad)[0].FullyQualifiedErrorId | Should -Match '^AzsCsp\.InvalidResourceId'
    }
}

Describe 'Register-AzsCspCustomer: errors' {
    BeforeAll {
        Reset-World
    }

    It 'reports an unknown customer without creation parameters (CustomerNotFound) and goes on with the next customer of the pipeline' {
        $rows = @(
            [pscustomobject]@{ Domain = 'nobody-here.onmicrosoft.com' }
            [pscustomobject]@{ Domain = 'adatum.onmicrosoft.com' }
        )
        $steps = @($rows | Register-AzsCspCustomer @registration -ErrorVariable bad -ErrorAction SilentlyContinue)
        $first = @($steps | Where-Object Customer -EQ 'nobody-here.onmicrosoft.com')
        $first.Count | Should -Be 1
        $first[0].Step | Should -Be 'Customer'
        $first[0].Status | Should -Be 'Failed'
        @(Get-CommandError $bad).Count | Should -Be 1
        (Get-CommandError $bad)[0].FullyQualifiedErrorId | Should -Match '^AzsCsp\.CustomerNotFound'
        (Get-CommandError $bad)[0].ErrorDetails.RecommendedAction | Should -Match 'creation parameters'
        # Adatum: legacy Microsoft Azure subscription, no plan; it is mapped.
        $adatum = Get-StepStatus @($steps | Where-Object Customer -EQ 'adatum.onmicrosoft.com')
        $adatum.Customer | Should -Be 'Found'
        $adatum.AzurePlan | Should -Be 'Skipped'
        $adatum.CustomerSubscriptionMapping | Should -BeIn 'Done', 'AlreadyDone'
        ($steps | Where-Object { $_.Customer -eq 'adatum.onmicrosoft.com' -and $_.Step -eq 'AzureSubscription' }).AzureSubscriptionId | Should -Be '7d7b7c70-8909-4c01-a082-0e2106b4a48b'
    }

    It 'names the customer''s Azure subscriptions when -AzureSubscriptionId is not one of them (AzureSubscriptionNotFound)' {
        $other = [guid]::NewGuid().ToString()
        $steps = @(Register-AzsCspCustomer -CustomerId $northwindId -AzureSubscriptionId $other @registration -ErrorVariable bad -ErrorAction SilentlyContinue)
        ($steps | Where-Object Status -EQ 'Failed').Step | Should -Be 'AzureSubscription'
        (Get-CommandError $bad)[0].FullyQualifiedErrorId | Should -Match '^AzsCsp\.AzureSubscriptionNotFound'
        (Get-CommandError $bad)[0].Exception.Message | Should -Match $other
        (Get-CommandError $bad)[0].Exception.Message | Should -Match '8e06e68b-f5b3-4420-a4f1-2e6a4f5a2ce8'
        (Get-CommandError $bad)[0].ErrorDetails.RecommendedAction | Should -Match 'Get-AzsCspPartnerAzureSubscription'
    }

    It 'asks for the agreement contact when none is given or readable (AgreementContactRequired), before buying' {
        Add-AzsCspTestFault -Emulator $emulator -Fault @{ method = 'GET'; pathContains = "customers/$fabrikamId"; status = 400; count = 1; body = @{ code = 1001; description = 'Injected failure.'; data = @(); source = 'PartnerFD' } }
        Clear-AzsCspTestRequest -Emulator $emulator
        $steps = @(Register-AzsCspCustomer -CustomerId $fabrikamId -ErrorVariable bad -ErrorAction SilentlyContinue)
        ($steps | Where-Object Status -EQ 'Failed').Step | Should -Be 'Agreement'
        (Get-CommandError $bad)[0].FullyQualifiedErrorId | Should -Match '^AzsCsp\.AgreementContactRequired'
        (Get-CommandError $bad)[0].ErrorDetails.RecommendedAction | Should -Match '-ContactEmail, -ContactFirstName and -ContactLastName'
        @(Get-TestWrite | Where-Object path -Match 'carts') | Should -BeNullOrEmpty
    }

    It 'refuses an app-only Partner Center sign-in at the agreement with the app+user message' {
        $null = Connect-AzsCspPartnerCenter -Environment AzsCspEmulator -ResourceManagerEndpoint $emulator.resourceManagerUrl -ActiveDirectoryAuthority $emulator.activeDirectoryAuthority `
            -ActiveDirectoryResourceId $emulator.audience -PartnerCenterEndpoint $emulator.partnerCenterUrl -ServicePrincipal `
            -Credential (New-AzsCspTestCredential -ApplicationId $fixture.OwnerAppId -Secret $fixture.OwnerSecret) -Tenant $fixture.PartnerTenantId -ContextName 'pc-app'
        $steps = @(Register-AzsCspCustomer -CustomerId $fabrikamId -PartnerCenterContext 'pc-app' -ErrorVariable bad -ErrorAction SilentlyContinue)
        ($steps | Where-Object Status -EQ 'Failed').Step | Should -Be 'Agreement'
        (Get-CommandError $bad)[0].FullyQualifiedErrorId | Should -Match '^AzsCsp\.PartnerCenterAppUserRequired'
        (Get-CommandError $bad)[0].ErrorDetails.RecommendedAction | Should -Match 'Connect-AzsCspPartnerCenter -UseDeviceAuthentication'
    }

    It 'stops at the mapping when the Azure subscription is mapped with another tenant, naming both, and changes nothing' {
        $null = New-AzsCustomerSubscription -Context azure @registration -CustomerSubscriptionId '7d7b7c70-8909-4c01-a082-0e2106b4a48b' -TenantId $northwindId -SkipCheck
        Clear-AzsCspTestRequest -Emulator $emulator
        $steps = @(Register-AzsCspCustomer -Domain adatum.onmicrosoft.com @registration -PartnerCenterContext PartnerCenter -ErrorVariable bad -ErrorAction SilentlyContinue)
        ($steps | Where-Object Status -EQ 'Failed').Step | Should -Be 'CustomerSubscriptionMapping'
        $record = (Get-CommandError $bad)[0]
        $record.FullyQualifiedErrorId | Should -Match '^AzsCsp\.CustomerSubscriptionTenantMismatch'
        $record.Exception.Message | Should -Match $northwindId
        $record.Exception.Message | Should -Match $adatumId
        $record.ErrorDetails.RecommendedAction | Should -Match 'Remove-AzsCustomerSubscription'
        Get-TestWrite | Should -BeNullOrEmpty
        (Get-AzsCustomerSubscription -Context azure @registration -CustomerSubscriptionId '7d7b7c70-8909-4c01-a082-0e2106b4a48b').TenantId | Should -Be $northwindId
    }

    It 'onboards the rows of a CSV: an existing customer and a new one with its creation columns' {
        Reset-World
        $csv = Join-Path $TestDrive 'onboard.csv'
        @(
            [pscustomobject]@{ Domain = 'northwind.onmicrosoft.com'; Name = ''; BillingAddressLine1 = ''; BillingAddressCity = ''; BillingAddressState = ''; BillingAddressPostalCode = ''; BillingAddressCountry = ''; ContactEmail = ''; ContactFirstName = ''; ContactLastName = '' }
            [pscustomobject]@{ Domain = 'wideworldimporters'; Name = 'Wide World Importers'; BillingAddressLine1 = '1 Microsoft Way'; BillingAddressCity = 'Redmond'; BillingAddressState = 'WA'; BillingAddressPostalCode = '98052'; BillingAddressCountry = 'US'; ContactEmail = 'it@wwi.com'; ContactFirstName = 'Wen'; ContactLastName = 'Wu' }
        ) | Export-Csv -LiteralPath $csv -NoTypeInformation
        $steps = @(Import-Csv -LiteralPath $csv | Register-AzsCspCustomer @registration)
        @($steps | Where-Object Status -EQ 'Failed') | Should -BeNullOrEmpty
        $northwind = Get-StepStatus @($steps | Where-Object Customer -EQ 'northwind.onmicrosoft.com')
        $northwind.Customer | Should -Be 'Found'
        $northwind.AzurePlan | Should -Be 'AlreadyDone'
        ($steps | Where-Object { $_.Customer -eq 'northwind.onmicrosoft.com' -and $_.Step -eq 'AzureSubscription' }).AzureSubscriptionId | Should -Be '8e06e68b-f5b3-4420-a4f1-2e6a4f5a2ce8'
        $wwi = Get-StepStatus @($steps | Where-Object Customer -EQ 'wideworldimporters.onmicrosoft.com')
        $wwi.Customer | Should -Be 'Created'
        $wwi.CustomerSubscriptionMapping | Should -Be 'Done'
    }

    It 'rejects a customer ID that is not a GUID as a Failed step, nothing sent' {
        Clear-AzsCspTestRequest -Emulator $emulator
        $steps = @(Register-AzsCspCustomer -CustomerId 'fabrikam' -ErrorVariable bad -ErrorAction SilentlyContinue)
        $steps.Status | Should -Be 'Failed'
        (Get-CommandError $bad)[0].FullyQualifiedErrorId | Should -Match '^AzsCsp\.InvalidCustomerId'
        @(Get-AzsCspTestRequest -Emulator $emulator | Where-Object host -EQ 'partnerCenter') | Should -BeNullOrEmpty
    }
}

Describe 'Register-AzsCspCustomer: refused before anything is written' {
    BeforeEach {
        Reset-World
    }

    It 'stops at a suspended Azure plan (AzurePlanSuspended) naming the plan and the Resume- command' {
        $plan = @(Get-AzsCspPartnerCustomerSubscription -CustomerId $northwindId | Where-Object IsAzurePlan)[0]
        $null = Get-AzsCspPartnerCustomerAzurePlanEntitlement -CustomerId $northwindId -SubscriptionId $plan.SubscriptionId | Remove-AzsCspPartnerAzureEntitlement -Force
        $null = Suspend-AzsCspPartnerCustomerSubscription -CustomerId $northwindId -SubscriptionId $plan.SubscriptionId
        Clear-AzsCspTestRequest -Emulator $emulator
        $steps = @(Register-AzsCspCustomer -CustomerId $northwindId @registration -BillingAccountName 'contoso-csp-billing' -ErrorVariable bad -ErrorAction SilentlyContinue)
        ($steps | Where-Object Status -EQ 'Failed').Step | Should -Be 'AzurePlan'
        $record = (Get-CommandError $bad)[0]
        $record.FullyQualifiedErrorId | Should -Match '^AzsCsp\.AzurePlanSuspended'
        $record.Exception.Message | Should -Match $plan.SubscriptionId
        $record.ErrorDetails.RecommendedAction | Should -Match ("Resume-AzsCspPartnerCustomerSubscription -CustomerId {0} -SubscriptionId {1}" -f $northwindId, $plan.SubscriptionId)
        Get-TestWrite | Should -BeNullOrEmpty
        # As the action says: resumed, the same command goes on (a new Azure subscription under the plan).
        $null = Resume-AzsCspPartnerCustomerSubscription -CustomerId $northwindId -SubscriptionId $plan.SubscriptionId
        $status = Get-StepStatus @(Register-AzsCspCustomer -CustomerId $northwindId @registration -BillingAccountName 'contoso-csp-billing')
        $status.AzurePlan | Should -Be 'AlreadyDone'
        $status.CustomerSubscriptionMapping | Should -Be 'Done'
    }

    It 'refuses a taken domain with -WhatIf and in a real run (DomainNotAvailable), creating nothing' {
        # Taken by a directory that is not a customer of this partner (the partner's own).
        $taken = $newCustomer.Clone()
        $taken.Domain = 'contosocsp'
        $planned = @(Register-AzsCspCustomer @taken @registration -WhatIf -ErrorVariable bad -ErrorAction SilentlyContinue)
        ($planned | Where-Object Status -EQ 'Failed').Step | Should -Be 'Customer'
        @($planned | Where-Object Status -EQ 'WouldCreate') | Should -BeNullOrEmpty
        (Get-CommandError $bad)[0].FullyQualifiedErrorId | Should -Match '^AzsCsp\.DomainNotAvailable'
        $steps = @(Register-AzsCspCustomer @taken @registration -ErrorVariable bad -ErrorAction SilentlyContinue)
        ($steps | Where-Object Status -EQ 'Failed').Step | Should -Be 'Customer'
        (Get-CommandError $bad)[0].FullyQualifiedErrorId | Should -Match '^AzsCsp\.DomainNotAvailable'
        (Get-CommandError $bad)[0].ErrorDetails.RecommendedAction | Should -Match 'Test-AzsCspPartnerDomainAvailability'
        Get-TestWrite | Should -BeNullOrEmpty
    }

    It 'refuses -AzureSubscriptionId for a customer to create (AzureSubscriptionNotFound) before creating it' {
        $steps = @(Register-AzsCspCustomer @newCustomer @registration -AzureSubscriptionId ([guid]::NewGuid().ToString()) -ErrorVariable bad -ErrorAction SilentlyContinue)
        ($steps | Where-Object Status -EQ 'Failed').Step | Should -Be 'AzureSubscription'
        (Get-CommandError $bad)[0].FullyQualifiedErrorId | Should -Match '^AzsCsp\.AzureSubscriptionNotFound'
        (Get-CommandError $bad)[0].ErrorDetails.RecommendedAction | Should -Match 'nothing was written'
        Get-TestWrite | Should -BeNullOrEmpty
        Test-AzsCspPartnerDomainAvailability -Domain tailwindtraders | Should -BeTrue
    }

    It 'refuses an app-only sign-in for a customer to create (PartnerCenterAppUserRequired) before creating it' {
        $null = Connect-AzsCspPartnerCenter -Environment AzsCspEmulator -ResourceManagerEndpoint $emulator.resourceManagerUrl -ActiveDirectoryAuthority $emulator.activeDirectoryAuthority `
            -ActiveDirectoryResourceId $emulator.audience -PartnerCenterEndpoint $emulator.partnerCenterUrl -ServicePrincipal `
            -Credential (New-AzsCspTestCredential -ApplicationId $fixture.OwnerAppId -Secret $fixture.OwnerSecret) -Tenant $fixture.PartnerTenantId -ContextName 'pc-app'
        Clear-AzsCspTestRequest -Emulator $emulator
        $steps = @(Register-AzsCspCustomer @newCustomer -PartnerCenterContext 'pc-app' -ErrorVariable bad -ErrorAction SilentlyContinue)
        ($steps | Where-Object Status -EQ 'Failed').Step | Should -Be 'Agreement'
        @($steps | Where-Object Status -EQ 'Created') | Should -BeNullOrEmpty
        (Get-CommandError $bad)[0].FullyQualifiedErrorId | Should -Match '^AzsCsp\.PartnerCenterAppUserRequired'
        Get-TestWrite | Should -BeNullOrEmpty
        Test-AzsCspPartnerDomainAvailability -Domain tailwindtraders | Should -BeTrue
    }
}
