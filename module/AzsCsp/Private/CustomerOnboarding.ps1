# Register-AzsCspCustomer, one function per part of a customer's onboarding. Each gets the
# customer's onboarding state (a hashtable made by Register-AzsCspCustomer: Cmdlet, Label, PlanOnly,
# PartnerCenterEntry, and what the steps found so far: CustomerName, CustomerTenant, AzureSubscription,
# TenantId, Source, NewAdmin, Directory), the -Emit and -Fail script blocks that write a step (they
# read the state's CustomerName, CustomerTenant and AzureSubscription) and the parameters it uses; it
# writes its steps and, when one fails, sets the state's Failed (the customer stops there).

function Invoke-AzsCspOnboardingPartnerCenter {
    <#
    .SYNOPSIS
    The Partner Center half of Register-AzsCspCustomer in one native operation (partnerCenter.onboardCustomer):
    customer, agreement, Azure plan and Azure subscription, each step written as it ends; sets the
    state's CustomerName, CustomerTenant, AzureSubscription, TenantId, Source, NewAdmin and Directory.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [hashtable] $Onboarding,
        [Parameter(Mandatory)] [scriptblock] $Emit,
        [Parameter(Mandatory)] [scriptblock] $Fail,
        [string] $Domain,
        [string] $CustomerId,
        [string] $Name,
        [string] $Language,
        [string] $Culture,
        [string] $BillingAddressLine1,
        [string] $BillingAddressLine2,
        [string] $BillingAddressCity,
        [string] $BillingAddressState,
        [string] $BillingAddressPostalCode,
        [string] $BillingAddressCountry,
        [string] $BillingAddressRegion,
        [string] $OrganizationRegistrationNumber,
        [switch] $DisableValidation,
        [string] $ContactEmail,
        [string] $ContactFirstName,
        [string] $ContactLastName,
        [string] $ContactPhoneNumber,
        [string] $AzureSubscriptionId,
        [string] $FriendlyName,
        [string] $BillingAccountName
    )

    $cmdlet = $Onboarding.Cmdlet
    $label = $Onboarding.Label
    $planOnly = $Onboarding.PlanOnly
    $pcEntry = $Onboarding.PartnerCenterEntry

    $id = if (-not [string]::IsNullOrWhiteSpace($CustomerId)) { $CustomerId.Trim() } else { $null }
    $domainName = if (-not [string]::IsNullOrWhiteSpace($Domain)) { $Domain.Trim() } else { $null }
    $target = Get-AzsCspPartnerTarget -CustomerId $id -Domain $domainName
    $contact = $null
    if ($ContactEmail -and $ContactFirstName -and $ContactLastName) {
        $contact = [ordered]@{ firstName = $ContactFirstName; lastName = $ContactLastName; email = $ContactEmail.Trim() }
        if ($ContactPhoneNumber) { $contact.phoneNumber = $ContactPhoneNumber }
    }
    elseif (-not $Name) {
        # The agreement's default contact: the existing customer's billing contact, when readable.
        $lookup = if ($id) { [ordered]@{ customerId = $id } } else { [ordered]@{ domain = $domainName } }
        $known = @(Invoke-AzsCspPartnerOperation -Cmdlet $cmdlet -Entry $pcEntry -Operation 'partnerCenter.customers.get' -Arguments $lookup -NoErrorRecord -Activity "Reading customer $label") |
            Select-Object -First 1
        if ($known -and -not (Get-AzsCspMember $known 'billingProfile') -and (Get-AzsCspMember $known 'id')) {
            # Found by domain (the list item has no billing profile): read the whole customer.
            $known = @(Invoke-AzsCspPartnerOperation -Cmdlet $cmdlet -Entry $pcEntry -Operation 'partnerCenter.customers.get' -NoErrorRecord -Activity "Reading customer $label" `
                    -Arguments ([ordered]@{ customerId = [string](Get-AzsCspMember $known 'id') })) | Select-Object -First 1
        }
        if ($known) {
            $billing = Get-AzsCspMember $known 'billingProfile'
            $address = Get-AzsCspMember $billing 'defaultAddress'
            $first = if ($ContactFirstName) { $ContactFirstName } else { [string](Get-AzsCspMember $address 'firstName') }
            $last = if ($ContactLastName) { $ContactLastName } else { [string](Get-AzsCspMember $address 'lastName') }
            $mail = if ($ContactEmail) { $ContactEmail } else { [string](Get-AzsCspMember $billing 'email') }
            if ($first -and $last -and $mail) {
                $contact = [ordered]@{ firstName = $first; lastName = $last; email = $mail.Trim() }
                $phone = if ($ContactPhoneNumber) { $ContactPhoneNumber } else { [string](Get-AzsCspMember $address 'phoneNumber') }
                if ($phone) { $contact.phoneNumber = $phone }
                Write-Verbose ("Customer {0}: the agreement contact is the billing contact {1} {2} <{3}>." -f $label, $first, $last, $mail)
            }
        }
    }
    $arguments = [ordered]@{}
    if ($id) { $arguments.customerId = $id } else { $arguments.domain = $domainName }
    if ($Name) {
        $create = New-AzsCspPartnerCustomerDefinition -Name $Name -Language $Language -Culture $Culture `
            -BillingAddressLine1 $BillingAddressLine1 -BillingAddressLine2 $BillingAddressLine2 -BillingAddressCity $BillingAddressCity `
            -BillingAddressState $BillingAddressState -BillingAddressPostalCode $BillingAddressPostalCode -BillingAddressCountry $BillingAddressCountry `
            -BillingAddressRegion $BillingAddressRegion -ContactEmail $ContactEmail -ContactFirstName $ContactFirstName -ContactLastName $ContactLastName `
            -ContactPhoneNumber $ContactPhoneNumber -OrganizationRegistrationNumber $OrganizationRegistrationNumber
        if ($DisableValidation) { $create.skipValidation = $true }
        $arguments.create = $create
    }
    if ($contact) { $arguments.contact = $contact }
    if ($AzureSubscriptionId) { $arguments.azureSubscriptionId = $AzureSubscriptionId.Trim() }
    if ($FriendlyName) { $arguments.friendlyName = $FriendlyName }
    if ($BillingAccountName) { $arguments.billingAccountName = $BillingAccountName }
    $arguments.whatIf = $planOnly

    # Each Partner Center step is written as it ends (the operation's 'Step: <name>: <status>:
    # <detail>' log lines); the final item completes what the log lines did not say.
    $guid = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'
    $live = @{ Steps = [ordered]@{}; Customer = $label; CustomerId = $id; Azure = $null; Admin = $null }
    $onInfo = {
        param([string] $Message)
        foreach ($ended in @(ConvertFrom-AzsCspOnboardingLog -Lines @($Message))) {
            if ($live.Steps.Contains($ended.Step)) { continue }
            if ($ended.Step -eq 'Customer') {
                if ($ended.Detail -match '\((?<domain>[^()\s]+\.[^()\s]+)\)') { $live.Customer = $Matches.domain }
                if (-not $live.CustomerId -and $ended.Detail -match $guid) { $live.CustomerId = $Matches[0].ToLowerInvariant() }
            }
            if ($ended.Step -eq 'AzureSubscription' -and $ended.Status -ne 'Skipped' -and $ended.Detail -match $guid) { $live.Azure = $Matches[0].ToLowerInvariant() }
            $object = New-AzsCspOnboardingStep -Customer $live.Customer -CustomerId $live.CustomerId -Step $ended.Step -Status $ended.Status -Detail $ended.Detail -AzureSubscriptionId $live.Azure
            if ($ended.Step -eq 'Customer' -and $live.Admin) {
                # The new administrator's credential (the customerCredentials item came just before).
                $object | Add-Member -NotePropertyName AdminCredential -NotePropertyValue $live.Admin -Force
            }
            $live.Steps[$ended.Step] = $object
            $object
        }
    }
    $state = @{}
    $result = $null
    Invoke-AzsCspPartnerOperation -Cmdlet $cmdlet -Entry $pcEntry -Operation 'partnerCenter.onboardCustomer' -Arguments $arguments `
        -Target $target -TargetObject $label -Activity "Onboarding customer $label" -State $state -NoErrorRecord -OnInfo $onInfo | ForEach-Object {
        if ($_ -is [System.Management.Automation.PSCustomObject] -and $_.PSObject.TypeNames -contains 'AzsCsp.CustomerOnboardingStep') { $_ }
        elseif ([string](Get-AzsCspMember $_ 'type') -eq 'customerCredentials') {
            # Right after the customer was created, before any later step can fail: the new
            # administrator's credential goes on the Customer step at once (SecureString only), so a
            # run that fails later still hands it over.
            $live.Admin = ConvertTo-AzsCspPartnerAdminCredential -Credentials (Get-AzsCspMember $_ 'userCredentials')
            $_.Remove('userCredentials')
            $createdId = [string](Get-AzsCspMember $_ 'customerId')
            if (-not $live.CustomerId -and $createdId) { $live.CustomerId = $createdId }
            if ($live.Admin -and $live.Steps.Contains('Customer')) {
                $live.Steps['Customer'] | Add-Member -NotePropertyName AdminCredential -NotePropertyValue $live.Admin -Force
            }
        }
        elseif ($null -eq $result) { $result = $_ }
    }
    $Onboarding.CustomerName = $live.Customer
    $Onboarding.CustomerTenant = $live.CustomerId
    $Onboarding.AzureSubscription = $live.Azure
    if ($state.Failed -or $null -eq $result) {
        $Onboarding.Failed = $true
        $failedStep = Get-AzsCspOnboardingFailedStep -Finished @($live.Steps.Keys) -NativeError $state.Error
        $nativeError = if ($state.Error) { $state.Error } else { [AzsCsp.NativeError]::Parse($null, 21, 'partnerCenter.onboardCustomer') }
        $record = New-AzsCspErrorRecord -NativeError $nativeError -TargetObject $label -Target $target -CredentialType $pcEntry.Context.CredentialType
        & $fail $failedStep $record
        return
    }

    $Onboarding.CustomerTenant = [string](Get-AzsCspMember $result 'customerId')
    $tenantId = [string](Get-AzsCspMember $result 'tenantId')
    if (-not $tenantId) { $tenantId = $Onboarding.CustomerTenant }
    $resultDomain = [string](Get-AzsCspMember $result 'domain')
    if ($resultDomain) { $Onboarding.CustomerName = $resultDomain }
    $source = [string](Get-AzsCspMember $result 'source')
    $picked = [string](Get-AzsCspMember $result 'azureSubscriptionId')
    $newAdmin = $live.Admin
    foreach ($s in @(Get-AzsCspMember $result 'steps')) {
        if ($null -eq $s) { continue }
        $stepName = [string](Get-AzsCspMember $s 'name')
        if ($stepName -eq 'AzureSubscription' -and $picked) { $Onboarding.AzureSubscription = $picked.ToLowerInvariant() }
        if ($live.Steps.Contains($stepName)) {
            $stepObject = $live.Steps[$stepName]
            if ($stepName -eq 'AzureSubscription' -and $Onboarding.AzureSubscription) { $stepObject.AzureSubscriptionId = $Onboarding.AzureSubscription }
            if (-not $stepObject.CustomerId) { $stepObject.CustomerId = $Onboarding.CustomerTenant }
        }
        else {
            # Not announced by a log line: written now.
            $stepObject = & $emit $stepName ([string](Get-AzsCspMember $s 'status')) ([string](Get-AzsCspMember $s 'detail'))
            $stepObject
        }
        if ($stepName -eq 'Customer' -and $newAdmin) {
            # The new administrator's credential, on the Customer step (the password only as a SecureString).
            $stepObject | Add-Member -NotePropertyName AdminCredential -NotePropertyValue $newAdmin -Force
        }
    }
    if ($picked) { $Onboarding.AzureSubscription = $picked.ToLowerInvariant() }
    $Onboarding.TenantId = $tenantId
    $Onboarding.Source = $source
    $Onboarding.NewAdmin = $newAdmin
    $Onboarding.Directory = if ($Onboarding.CustomerName -and $Onboarding.CustomerName -match '\.') { $Onboarding.CustomerName } else { $tenantId }
}

function Invoke-AzsCspOnboardingMapping {
    <#
    .SYNOPSIS
    The CustomerSubscriptionMapping step of Register-AzsCspCustomer: maps the customer's Azure
    subscription with its tenant ID on the Azure Stack Hub registration (reads the mapping first).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [hashtable] $Onboarding,
        [Parameter(Mandatory)] [scriptblock] $Emit,
        [Parameter(Mandatory)] [scriptblock] $Fail,
        [string] $RegistrationName,
        [string] $ResourceGroupName,
        [string] $RegistrationSubscriptionId,
        [string] $ResourceId,
        [object] $Context
    )

    $cmdlet = $Onboarding.Cmdlet
    $label = $Onboarding.Label
    $planOnly = $Onboarding.PlanOnly
    $azureSubscription = $Onboarding.AzureSubscription
    $tenantId = $Onboarding.TenantId
    $source = $Onboarding.Source

    if (-not $RegistrationName -and -not $ResourceId) {
        & $emit 'CustomerSubscriptionMapping' 'Skipped' 'No -RegistrationName or -ResourceId: the Azure subscription is not mapped on an Azure Stack Hub registration.'
    }
    elseif (-not $azureSubscription) {
        if ($planOnly) {
            & $emit 'CustomerSubscriptionMapping' 'WouldRun' ("Map the Azure subscription of the Azure plan (tenant {0}) on registration {1}." -f $(if ($tenantId) { $tenantId } else { 'of the new customer' }), $(if ($RegistrationName) { $RegistrationName } else { $ResourceId }))
        }
        else {
            $Onboarding.Failed = $true
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.AzureSubscriptionNotFound' -Category ([System.Management.Automation.ErrorCategory]::ObjectNotFound) -Kind 'NotFound' -TargetObject $label `
                -Message ("Customer {0} has no Azure subscription to map (source: {1})." -f $label, $(if ($source) { $source } else { 'none' })) `
                -RecommendedAction 'Pass -BillingAccountName to create one under the Azure plan, or -AzureSubscriptionId to pick one, then run the command again.'
            & $fail 'CustomerSubscriptionMapping' $record
            return
        }
    }
    else {
        $call = Invoke-AzsCspOnboardingCall -ScriptBlock {
            param($c)
            $azureEntry = Resolve-AzsCspContext -Cmdlet $c -Context $Context
            $registrationSubscription = $RegistrationSubscriptionId
            $registration = $RegistrationName
            $group = $ResourceGroupName
            if ($ResourceId) {
                if ($ResourceId -notmatch '^/?subscriptions/(?<sub>[^/]+)/resourceGroups/(?<rg>[^/]+)/providers/Microsoft\.AzureStack/registrations/(?<name>[^/]+)(/customerSubscriptions(/.*)?)?/?$') {
                    $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidResourceId' -Argument 'ResourceId' -TargetObject $ResourceId `
                        -Message ("'{0}' is not a registration resource ID (subscriptions/{{subscription}}/resourceGroups/{{group}}/providers/Microsoft.AzureStack/registrations/{{name}})." -f $ResourceId)
                    $c.ThrowTerminatingError($record)
                }
                $registrationSubscription = $Matches.sub
                $group = $Matches.rg
                $registration = $Matches.name
            }
            if ([string]::IsNullOrWhiteSpace($registrationSubscription)) {
                $registrationSubscription = Resolve-AzsCspSubscriptionId -Cmdlet $c -Entry $azureEntry
            }
            $mapTarget = Resolve-AzsCspCustomerTarget -Cmdlet $c -Mode Item -RegistrationSubscriptionId $registrationSubscription -ResourceGroupName $group `
                -RegistrationName $registration -CustomerSubscriptionId $azureSubscription -TenantId $tenantId -TargetObject $label
            if ($null -ne $mapTarget) { [pscustomobject]@{ Entry = $azureEntry; Target = $mapTarget } }
        }
        if ($call.Error -or $call.Value.Count -eq 0) {
            $Onboarding.Failed = $true
            & $fail 'CustomerSubscriptionMapping' $call.Error
            return
        }
        $azureEntry = $call.Value[0].Entry
        $mapTarget = $call.Value[0].Target
        $mapArguments = [ordered]@{
            subscriptionId         = $mapTarget.RegistrationSubscriptionId
            resourceGroupName      = $mapTarget.ResourceGroupName
            registrationName       = $mapTarget.RegistrationName
            customerSubscriptionId = $mapTarget.CustomerSubscriptionId
        }
        $readState = @{ Failed = $false; Error = $null }
        $existing = @(Invoke-AzsCspOperation -Cmdlet $cmdlet -Entry $azureEntry -Operation 'customerSubscriptions.get' -Arguments $mapArguments `
                -OutputKind 'CustomerSubscription' -State $readState -NoErrorRecord -Activity 'Reading the mapping') | Select-Object -First 1
        $where = "registration {0} (resource group {1}, subscription {2})" -f $mapTarget.RegistrationName, $mapTarget.ResourceGroupName, $mapTarget.RegistrationSubscriptionId
        if (-not $readState.Failed -and $existing) {
            if (-not $existing.TenantId -or $existing.TenantId -eq $tenantId) {
                & $emit 'CustomerSubscriptionMapping' 'AlreadyDone' ("Azure subscription {0} is mapped with tenant {1} on {2}." -f $azureSubscription, $tenantId, $where)
            }
            else {
                $Onboarding.Failed = $true
                $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.CustomerSubscriptionTenantMismatch' -Category ([System.Management.Automation.ErrorCategory]::ResourceExists) -Kind 'Conflict' -TargetObject $azureSubscription `
                    -Message ("Azure subscription {0} is already mapped on {1} with another tenant ({2}), not the customer's {3}." -f $azureSubscription, $where, $existing.TenantId, $tenantId) `
                    -RecommendedAction ('Check which customer owns the subscription; remove the wrong mapping with Remove-AzsCustomerSubscription -RegistrationSubscriptionId {0} -ResourceGroupName {1} -RegistrationName {2} -CustomerSubscriptionId {3}, then run the command again.' -f $mapTarget.RegistrationSubscriptionId, $mapTarget.ResourceGroupName, $mapTarget.RegistrationName, $azureSubscription)
                & $fail 'CustomerSubscriptionMapping' $record
                return
            }
        }
        elseif ($readState.Failed -and $readState.Error -and $readState.Error.Code -ne 'CustomerSubscriptionNotFound') {
            $Onboarding.Failed = $true
            & $fail 'CustomerSubscriptionMapping' (New-AzsCspErrorRecord -NativeError $readState.Error -TargetObject $azureSubscription -Target $mapTarget -CredentialType $azureEntry.Context.CredentialType)
            return
        }
        elseif ($planOnly) {
            & $emit 'CustomerSubscriptionMapping' 'WouldRun' ("Map Azure subscription {0} with tenant {1} on {2}." -f $azureSubscription, $tenantId, $where)
        }
        else {
            $mapArguments.tenantId = $tenantId
            $putState = @{ Failed = $false; Error = $null }
            $null = @(Invoke-AzsCspOperation -Cmdlet $cmdlet -Entry $azureEntry -Operation 'customerSubscriptions.put' -Arguments $mapArguments `
                    -OutputKind 'CustomerSubscription' -State $putState -NoErrorRecord -Activity 'Mapping the Azure subscription')
            if ($putState.Failed) {
                $Onboarding.Failed = $true
                & $fail 'CustomerSubscriptionMapping' (New-AzsCspErrorRecord -NativeError $putState.Error -TargetObject $azureSubscription -Target $mapTarget -CredentialType $azureEntry.Context.CredentialType)
                return
            }
            & $emit 'CustomerSubscriptionMapping' 'Done' ("Mapped Azure subscription {0} with tenant {1} on {2}." -f $azureSubscription, $tenantId, $where)
        }
    }
}

function Invoke-AzsCspOnboardingGuestDirectory {
    <#
    .SYNOPSIS
    The GuestDirectory step of Register-AzsCspCustomer: onboards the customer's directory as a guest
    directory of the stamp (operator, admin Resource Manager endpoint).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [hashtable] $Onboarding,
        [Parameter(Mandatory)] [scriptblock] $Emit,
        [Parameter(Mandatory)] [scriptblock] $Fail,
        [uri] $AdminResourceManagerEndpoint,
        [string] $DirectoryTenantName,
        [string] $Location,
        [System.Management.Automation.PSCredential] $AutomationCredential,
        [string] $CaCertificatePath
    )

    $label = $Onboarding.Label
    $planOnly = $Onboarding.PlanOnly
    $directory = $Onboarding.Directory

    if (-not $AdminResourceManagerEndpoint -or -not $DirectoryTenantName) {
        & $emit 'GuestDirectory' 'Skipped' 'No -AdminResourceManagerEndpoint and -DirectoryTenantName: the customer directory is not onboarded as a guest directory of the stamp.'
    }
    elseif ($planOnly) {
        & $emit 'GuestDirectory' 'WouldRun' ("Onboard directory {0} as a guest directory of {1} (resource group system.{2})." -f $(if ($directory) { $directory } else { $label }), $AdminResourceManagerEndpoint.AbsoluteUri, $Location)
    }
    else {
        $call = Invoke-AzsCspOnboardingCall -ScriptBlock {
            param($c)
            $adminEntry = Resolve-AzsCspStampContext -Cmdlet $c -Endpoint $AdminResourceManagerEndpoint -DirectoryTenantName $DirectoryTenantName `
                -AutomationCredential $AutomationCredential -CaCertificatePath $CaCertificatePath -EnvironmentName AzureStackAdmin
            $guestTarget = Get-AzsCspStampTarget -Endpoint $AdminResourceManagerEndpoint -DirectoryTenantName $DirectoryTenantName -Stamp Admin
            $guestTarget.GuestDirectoryTenantName = $directory
            $adminSubscription = Resolve-AzsCspAdminSubscription -Cmdlet $c -Entry $adminEntry -Target $guestTarget
            Invoke-AzsCspStampOperation -Cmdlet $c -Entry $adminEntry -Operation 'directoryTenants.register' -Arguments ([ordered]@{
                    subscriptionId           = $adminSubscription
                    resourceGroupName        = "system.$Location"
                    location                 = $Location
                    guestDirectoryTenantName = $directory
                }) -Target $guestTarget -TargetObject $directory -Activity "Onboarding guest directory $directory" -Terminating
        }
        if ($call.Error -or $call.Value.Count -eq 0) {
            $Onboarding.Failed = $true
            & $fail 'GuestDirectory' $call.Error
            return
        }
        $guestItems = $call.Value
        $guest = $guestItems[0]
        & $emit 'GuestDirectory' ([string](Get-AzsCspMember $guest 'status')) ("Directory {0} (tenant {1}) is a guest directory of {2}." -f $directory, (Get-AzsCspMember $guest 'tenantId'), $AdminResourceManagerEndpoint.AbsoluteUri)
    }
}

function Invoke-AzsCspOnboardingGuestOwner {
    <#
    .SYNOPSIS
    The DirectoryConfiguration and GuestOwner steps of Register-AzsCspCustomer: installs the stamp's
    applications in the customer's directory, then makes the CSP's account a guest Owner of the
    customer's stamp subscription (signed in as the customer's administrator).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [hashtable] $Onboarding,
        [Parameter(Mandatory)] [scriptblock] $Emit,
        [Parameter(Mandatory)] [scriptblock] $Fail,
        [uri] $TenantResourceManagerEndpoint,
        [System.Management.Automation.PSCredential] $CustomerAdminCredential,
        [string] $StampSubscriptionId,
        [string] $InvitedUserEmailAddress,
        [string] $CaCertificatePath
    )

    $planOnly = $Onboarding.PlanOnly
    $directory = $Onboarding.Directory
    $newAdmin = $Onboarding.NewAdmin

    $customerAdmin = if ($CustomerAdminCredential) { $CustomerAdminCredential } else { $newAdmin }
    $ownerReady = $StampSubscriptionId -and $InvitedUserEmailAddress
    if (-not $TenantResourceManagerEndpoint -or -not $customerAdmin) {
        $why = 'No -TenantResourceManagerEndpoint and -CustomerAdminCredential: the stamp applications are not installed in the customer directory.'
        & $emit 'DirectoryConfiguration' 'Skipped' $why
        & $emit 'GuestOwner' 'Skipped' 'No -TenantResourceManagerEndpoint, -CustomerAdminCredential, -StampSubscriptionId and -InvitedUserEmailAddress: the CSP is not made guest Owner.'
        return
    }
    if ($planOnly) {
        & $emit 'DirectoryConfiguration' 'WouldRun' ("Install the stamp applications of {0} in directory {1}." -f $TenantResourceManagerEndpoint.AbsoluteUri, $directory)
        if ($ownerReady) {
            & $emit 'GuestOwner' 'WouldRun' ("Make {0} a guest Owner of stamp subscription {1}." -f $InvitedUserEmailAddress, $StampSubscriptionId)
        }
        else {
            & $emit 'GuestOwner' 'Skipped' 'No -StampSubscriptionId and -InvitedUserEmailAddress: the CSP is not made guest Owner.'
        }
        return
    }
    $tenantTarget = Get-AzsCspStampTarget -Endpoint $TenantResourceManagerEndpoint -DirectoryTenantName $directory -Stamp Tenant
    $call = Invoke-AzsCspOnboardingCall -ScriptBlock {
        param($c)
        $userEntry = Resolve-AzsCspStampContext -Cmdlet $c -Endpoint $TenantResourceManagerEndpoint -DirectoryTenantName $directory `
            -AutomationCredential $customerAdmin -CaCertificatePath $CaCertificatePath -EnvironmentName AzureStackUser -Deferred
        $item = @(Invoke-AzsCspStampOperation -Cmdlet $c -Entry $userEntry -Operation 'directory.install' -Arguments ([ordered]@{ directoryTenantName = $directory }) `
                -Target $tenantTarget -TargetObject $directory -Activity "Configuring directory $directory" -Terminating) | Select-Object -First 1
        [pscustomobject]@{ Entry = $userEntry; Report = $item }
    }
    if ($call.Error -or $call.Value.Count -eq 0 -or $null -eq $call.Value[0].Report) {
        $Onboarding.Failed = $true
        & $fail 'DirectoryConfiguration' $call.Error
        return
    }
    $userEntry = $call.Value[0].Entry
    $report = $call.Value[0].Report
    $changes = [int](Get-AzsCspMember $report 'changeCount')
    & $emit 'DirectoryConfiguration' $(if ($changes -gt 0) { 'Done' } else { 'AlreadyDone' }) ("Directory {0}: {1} change(s) for the stamp applications." -f $directory, $changes)

    if (-not $ownerReady) {
        & $emit 'GuestOwner' 'Skipped' 'No -StampSubscriptionId and -InvitedUserEmailAddress: the CSP is not made guest Owner.'
        return
    }
    $ownerTarget = $tenantTarget.Clone()
    $ownerTarget.SubscriptionId = $StampSubscriptionId.Trim()
    $call = Invoke-AzsCspOnboardingCall -ScriptBlock {
        param($c)
        Invoke-AzsCspStampOperation -Cmdlet $c -Entry $userEntry -Operation 'guestOwner.grant' -Arguments ([ordered]@{
                subscriptionId          = $StampSubscriptionId.Trim()
                invitedUserEmailAddress = $InvitedUserEmailAddress.Trim()
            }) -Target $ownerTarget -TargetObject $InvitedUserEmailAddress -Activity "Making $InvitedUserEmailAddress a guest Owner" -Terminating
    }
    if ($call.Error -or $call.Value.Count -eq 0) {
        $Onboarding.Failed = $true
        & $fail 'GuestOwner' $call.Error
        return
    }
    $grant = $call.Value[0]
    & $emit 'GuestOwner' ([string](Get-AzsCspMember $grant 'status')) ("{0} is Owner of stamp subscription {1} (invitation {2})." -f $InvitedUserEmailAddress, $StampSubscriptionId, (Get-AzsCspMember $grant 'invitationStatus'))
}
