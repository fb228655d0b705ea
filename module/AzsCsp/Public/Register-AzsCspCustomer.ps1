function Register-AzsCspCustomer {
    <#
    .SYNOPSIS
    Onboards a CSP customer end to end in one command: customer, Microsoft Customer Agreement, Azure plan, Azure subscription, its mapping on the Azure Stack Hub registration, and optionally the guest directory and the CSP's guest Owner access.

    .DESCRIPTION
    Register-AzsCspCustomer runs, for each customer (one, or many from the pipeline, for example a
    CSV), the steps below in order and writes one AzsCsp.CustomerOnboardingStep per step as it ends
    (Customer, Step, Status, Detail, AzureSubscriptionId):

    1. Customer: finds the customer in Partner Center by -Domain or -CustomerId (Found); when there is
       none and the creation parameters are given (-Name, the billing address, the contact), creates it
       as New-AzsCspPartnerCustomer does (Created; the Customer step then carries AdminCredential, the
       new administrator's user name and password as a PSCredential, also when a later step fails:
       Partner Center shows the password only once). Without them: AzsCsp.CustomerNotFound.
    2. Agreement: confirms the Microsoft Customer Agreement unless it is already confirmed
       (AlreadyDone). The contact is -ContactEmail/-ContactFirstName/-ContactLastName, by default the
       customer's billing contact when Partner Center has one; none: AzsCsp.AgreementContactRequired.
       A customer with a legacy Microsoft Azure (MS-AZR-0145P) subscription keeps it (Skipped).
       Needs an app+user Partner Center sign-in.
    3. AzurePlan: buys the Azure plan through a cart unless the customer has one (AlreadyDone), and
       waits for it. A suspended plan stops the customer before anything is written
       (AzsCsp.AzurePlanSuspended: resume it with Resume-AzsCspPartnerCustomerSubscription).
    4. AzureSubscription: picks the Azure subscription: -AzureSubscriptionId when given (it must be an
       active Azure subscription the customer has now: AzsCsp.AzureSubscriptionNotFound lists the
       customer's otherwise, before anything is written, also for a customer without a plan yet), else
       the only active one, or the oldest of several. With -BillingAccountName, a plan
       without an active Azure subscription gets a new one (an ARM subscription alias).
    5. CustomerSubscriptionMapping: maps that Azure subscription with the customer's tenant ID on the
       Azure Stack Hub registration (-RegistrationName [-ResourceGroupName] [-RegistrationSubscriptionId],
       or -ResourceId; Azure context -Context or the default one). It reads the mapping first:
       AlreadyDone when it is there for the same tenant. Skipped without the registration parameters.
    6. GuestDirectory: onboards the customer's directory as a guest directory of the stamp, as
       Register-AzsGuestDirectoryTenant does (-AdminResourceManagerEndpoint -DirectoryTenantName
       [-Location] [-AutomationCredential]); Skipped without them.
    7. DirectoryConfiguration and GuestOwner: in the customer's directory, installs the stamp's
       applications as Register-AzsWithMyDirectoryTenant does, then makes the CSP's account
       (-InvitedUserEmailAddress) a guest Owner of the customer's stamp subscription (-StampSubscriptionId)
       as Grant-AzsCspGuestOwner does (-TenantResourceManagerEndpoint -CustomerAdminCredential; for a
       customer created by this run, its new administrator is used when -CustomerAdminCredential is
       not given). Skipped without them.

    Status is Found, Created, Done, AlreadyDone, Skipped, Failed, or with -WhatIf WouldCreate and
    WouldRun. Re-running finishes what a failed run left and does nothing twice: every step looks
    before it writes. -WhatIf reads only (Partner Center and the registration) and reports the plan
    (WouldCreate, WouldRun, AlreadyDone); nothing is written and the stamp is not signed in to. A failing step is reported as Failed with an error record that
    says what to do, and stops that customer; the next customers of the pipeline go on.

    What can be checked is checked before the first write: a taken domain (AzsCsp.DomainNotAvailable)
    and an address Partner Center cannot verify (AzsCsp.AddressNotValid), also under -WhatIf (they are
    read-only); a suspended Azure plan; an -AzureSubscriptionId the customer does not have; and an
    app-only Partner Center sign-in for a customer to create (AzsCsp.PartnerCenterAppUserRequired:
    the agreement needs app+user), so such a run creates nothing.

    .PARAMETER Domain
    The customer's domain (for example fabrikam.onmicrosoft.com, or the prefix fabrikam to create one).

    .PARAMETER CustomerId
    The customer's ID (its tenant ID), instead of -Domain.

    .PARAMETER Name
    Creation: the company name (the customer is created only when it does not exist).

    .PARAMETER Language
    Creation: the billing language (default en).

    .PARAMETER Culture
    Creation: the billing culture (default en-US).

    .PARAMETER BillingAddressLine1
    Creation: the first line of the billing address.

    .PARAMETER BillingAddressLine2
    Creation: the second line of the billing address.

    .PARAMETER BillingAddressCity
    Creation: the city of the billing address.

    .PARAMETER BillingAddressState
    Creation: the state of the billing address.

    .PARAMETER BillingAddressPostalCode
    Creation: the postal code of the billing address.

    .PARAMETER BillingAddressCountry
    Creation: the two-letter country code of the billing address.

    .PARAMETER BillingAddressRegion
    Creation: the region of the billing address.

    .PARAMETER OrganizationRegistrationNumber
    Creation: the organization registration number (required in some countries).

    .PARAMETER DisableValidation
    Creation: skips the domain and address checks.

    .PARAMETER ContactEmail
    The customer's contact: the billing contact of a new customer and the person who accepted the
    Microsoft Customer Agreement (default: the billing contact of an existing customer).

    .PARAMETER ContactFirstName
    The first name of the contact.

    .PARAMETER ContactLastName
    The last name of the contact.

    .PARAMETER ContactPhoneNumber
    The phone number of the contact.

    .PARAMETER AzureSubscriptionId
    The Azure subscription to map (one of the customer's, active). Default: the only or oldest active one.

    .PARAMETER BillingAccountName
    The partner's billing account: allows creating an Azure subscription under the plan when it has no
    active one.

    .PARAMETER FriendlyName
    The name of a new Azure plan (default 'Azure plan').

    .PARAMETER RegistrationName
    The Azure Stack Hub registration to map the Azure subscription on.

    .PARAMETER ResourceGroupName
    The registration's resource group (default azurestack).

    .PARAMETER RegistrationSubscriptionId
    The registration's Azure subscription (default: the Azure context's subscription).

    .PARAMETER ResourceId
    The registration's resource ID instead of -RegistrationName, -ResourceGroupName and -RegistrationSubscriptionId.

    .PARAMETER Context
    The Azure context (name or object) of the registration; default: the default context.

    .PARAMETER AdminResourceManagerEndpoint
    The stamp's admin Resource Manager endpoint (guest directory step).

    .PARAMETER DirectoryTenantName
    The stamp's home directory, where the operator signs in (guest directory step).

    .PARAMETER Location
    The stamp's region (default local); the directory tenant goes to resource group system.<Location>.

    .PARAMETER AutomationCredential
    The operator's user name and password for the guest directory step (else an existing context or a
    device code).

    .PARAMETER TenantResourceManagerEndpoint
    The stamp's user Resource Manager endpoint (directory configuration and guest Owner steps).

    .PARAMETER CustomerAdminCredential
    An administrator of the customer's directory (directory configuration and guest Owner steps).

    .PARAMETER StampSubscriptionId
    The customer's Azure Stack Hub subscription on which the CSP becomes guest Owner.

    .PARAMETER InvitedUserEmailAddress
    The CSP's account to invite as guest Owner (for example admin@contosocsp.onmicrosoft.com).

    .PARAMETER CaCertificatePath
    A PEM file with the certificate authorities to trust for the stamp's endpoints.

    .PARAMETER PartnerCenterContext
    The Partner Center context (name or object) to use; default: the most recent one.

    .PARAMETER WhatIf
    Reads only and reports the plan (WouldRun steps); nothing is written.

    .PARAMETER Confirm
    Asks for confirmation for each customer first.

    .EXAMPLE
    PS> Connect-AzsCspPartnerCenter -UseDeviceAuthentication -Tenant contosocsp.onmicrosoft.com
    PS> Connect-AzsCspAccount -UseDeviceAuthentication -Tenant contosocsp.onmicrosoft.com -Subscription $registrationSubscription
    PS> Register-AzsCspCustomer -Domain fabrikam.onmicrosoft.com -RegistrationName myreg -ContactEmail dana@fabrikam.com -ContactFirstName Dana -ContactLastName Smith

    An existing Partner Center customer: agreement, Azure plan, Azure subscription, mapping on myreg.

    .EXAMPLE
    PS> Register-AzsCspCustomer -Domain fabrikamretail -Name 'Fabrikam Retail' -BillingAddressLine1 '1 Microsoft Way' -BillingAddressCity Redmond -BillingAddressState WA -BillingAddressPostalCode 98052 -BillingAddressCountry US -ContactEmail it@fabrikamretail.com -ContactFirstName Dana -ContactLastName Smith -RegistrationName myreg -WhatIf

    Shows the plan for a new customer (WouldCreate, WouldRun) without writing anything.

    .EXAMPLE
    PS> Import-Csv customers.csv | Register-AzsCspCustomer -RegistrationName myreg -AdminResourceManagerEndpoint https://adminmanagement.local.azurestack.external -DirectoryTenantName contosocsp.onmicrosoft.com -AutomationCredential $operator | Where-Object Status -eq Failed

    Onboards every customer of a CSV (columns Domain, Name, BillingAddress..., Contact...) including the
    guest directory, and shows only the failed steps; run it again after fixing them.

    .INPUTS
    System.Management.Automation.PSObject (properties named like the parameters)

    .OUTPUTS
    AzsCsp.CustomerOnboardingStep

    .LINK
    New-AzsCspPartnerCustomer

    .LINK
    New-AzsCspPartnerAzurePlan

    .LINK
    New-AzsCustomerSubscription

    .LINK
    Register-AzsGuestDirectoryTenant

    .LINK
    Grant-AzsCspGuestOwner
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium', PositionalBinding = $false)]
    [OutputType('AzsCsp.CustomerOnboardingStep')]
    param(
        [Parameter(Position = 0, ValueFromPipelineByPropertyName)]
        [string] $Domain,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $CustomerId,

        [Parameter(ValueFromPipelineByPropertyName)]
        [Alias('CompanyName')]
        [string] $Name,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $Language,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $Culture,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $BillingAddressLine1,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $BillingAddressLine2,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $BillingAddressCity,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $BillingAddressState,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $BillingAddressPostalCode,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $BillingAddressCountry,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $BillingAddressRegion,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $OrganizationRegistrationNumber,

        [switch] $DisableValidation,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $ContactEmail,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $ContactFirstName,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $ContactLastName,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $ContactPhoneNumber,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $AzureSubscriptionId,

        [string] $BillingAccountName,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $FriendlyName,

        [string] $RegistrationName,

        [string] $ResourceGroupName = 'azurestack',

        [string] $RegistrationSubscriptionId,

        [string] $ResourceId,

        [object] $Context,

        [ValidateScript({ $_.IsAbsoluteUri -and $_.Scheme -eq 'https' }, ErrorMessage = "The endpoint '{0}' is not an absolute https URL (for example https://adminmanagement.local.azurestack.external/).")]
        [uri] $AdminResourceManagerEndpoint,

        [string] $DirectoryTenantName,

        [ValidateNotNullOrEmpty()]
        [string] $Location = 'local',

        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $AutomationCredential,

        [ValidateScript({ $_.IsAbsoluteUri -and $_.Scheme -eq 'https' }, ErrorMessage = "The endpoint '{0}' is not an absolute https URL (for example https://management.local.azurestack.external/).")]
        [uri] $TenantResourceManagerEndpoint,

        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $CustomerAdminCredential,

        [Parameter(ValueFromPipelineByPropertyName)]
        [string] $StampSubscriptionId,

        [ValidatePattern('^[^@\s]+@[^@\s]+\.[^@\s]+$', ErrorMessage = "'{0}' is not an e-mail address.")]
        [string] $InvitedUserEmailAddress,

        [ValidateNotNullOrEmpty()]
        [string] $CaCertificatePath,

        [object] $PartnerCenterContext
    )

    begin {
        $pcEntry = $null
        $customerCount = 0
        $failedCount = 0
    }

    process {
        $customerCount++
        $label = if (-not [string]::IsNullOrWhiteSpace($Domain)) { $Domain.Trim() } elseif (-not [string]::IsNullOrWhiteSpace($CustomerId)) { $CustomerId.Trim() } else { $null }
        $customerName = $label
        $customerTenant = $null
        $azureSubscription = $null

        # A step object; a failure also writes the error record and stops this customer.
        $emit = {
            param([string] $Step, [string] $Status, [string] $Detail)
            New-AzsCspOnboardingStep -Customer $customerName -CustomerId $customerTenant -Step $Step -Status $Status -Detail $Detail -AzureSubscriptionId $azureSubscription
        }
        $fail = {
            param([string] $Step, [System.Management.Automation.ErrorRecord] $Record, [string] $Detail)
            if (-not $Detail -and $Record) { $Detail = $Record.Exception.Message }
            & $emit $Step 'Failed' $Detail
            if ($Record) { $PSCmdlet.WriteError($Record) }
        }

        if (-not $label) {
            $failedCount++
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.CustomerRequired' -Argument 'Domain' `
                -Message 'Pass -Domain or -CustomerId: which customer to onboard.' `
                -RecommendedAction 'Pass the domain (for example fabrikam.onmicrosoft.com) or the customer ID; in a CSV, name the column Domain or CustomerId.'
            & $fail 'Customer' $record
            return
        }
        foreach ($check in @(@('CustomerId', $CustomerId, "customer's ID (its tenant ID)"), @('AzureSubscriptionId', $AzureSubscriptionId, 'Azure subscription ID'),
                @('RegistrationSubscriptionId', $RegistrationSubscriptionId, 'registration subscription ID'), @('StampSubscriptionId', $StampSubscriptionId, "customer's Azure Stack Hub subscription ID"))) {
            if (-not [string]::IsNullOrWhiteSpace($check[1]) -and -not (Test-AzsCspGuid $check[1].Trim())) {
                $failedCount++
                $record = New-AzsCspLocalErrorRecord -ErrorId ('AzsCsp.Invalid' + $check[0]) -Argument $check[0] -TargetObject $check[1] `
                    -Message ("-{0} '{1}' is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx): it must be the {2}; nothing was sent." -f $check[0], $check[1], $check[2])
                & $fail 'Customer' $record
                return
            }
        }

        # --- Plan or run ---------------------------------------------------------------------------
        $mapText = if ($RegistrationName -or $ResourceId) { ', map it on registration ' + $(if ($RegistrationName) { $RegistrationName } else { $ResourceId }) } else { '' }
        $guestText = if ($AdminResourceManagerEndpoint -and $DirectoryTenantName) { ', onboard its guest directory' } else { '' }
        $ownerText = if ($TenantResourceManagerEndpoint) { ', configure its directory and the CSP guest Owner' } else { '' }
        $action = "Onboard the CSP customer: find or create it, confirm the Microsoft Customer Agreement, buy an Azure plan, pick or create the Azure subscription$mapText$guestText$ownerText"
        $planOnly = $false
        if (-not $PSCmdlet.ShouldProcess("Customer '$label'", $action)) {
            if (-not $WhatIfPreference) { return }
            $planOnly = $true
        }

        if ($null -eq $pcEntry) {
            $call = Invoke-AzsCspOnboardingCall -ScriptBlock { param($c) Resolve-AzsCspPartnerCenterContext -Cmdlet $c -PartnerCenterContext $PartnerCenterContext }
            if ($call.Error) {
                $failedCount++
                & $fail 'Customer' $call.Error
                return
            }
            $pcEntry = $call.Value[0]
        }

        # --- Partner Center half: one native operation (customer, agreement, plan, Azure subscription) ---
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
            $known = @(Invoke-AzsCspPartnerOperation -Cmdlet $PSCmdlet -Entry $pcEntry -Operation 'partnerCenter.customers.get' -Arguments $lookup -NoErrorRecord -Activity "Reading customer $label") |
                Select-Object -First 1
            if ($known -and -not (Get-AzsCspMember $known 'billingProfile') -and (Get-AzsCspMember $known 'id')) {
                # Found by domain (the list item has no billing profile): read the whole customer.
                $known = @(Invoke-AzsCspPartnerOperation -Cmdlet $PSCmdlet -Entry $pcEntry -Operation 'partnerCenter.customers.get' -NoErrorRecord -Activity "Reading customer $label" `
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
        Invoke-AzsCspPartnerOperation -Cmdlet $PSCmdlet -Entry $pcEntry -Operation 'partnerCenter.onboardCustomer' -Arguments $arguments `
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
        $customerName = $live.Customer
        $customerTenant = $live.CustomerId
        $azureSubscription = $live.Azure
        if ($state.Failed -or $null -eq $result) {
            $failedCount++
            $failedStep = Get-AzsCspOnboardingFailedStep -Finished @($live.Steps.Keys) -NativeError $state.Error
            $nativeError = if ($state.Error) { $state.Error } else { [AzsCsp.NativeError]::Parse($null, 21, 'partnerCenter.onboardCustomer') }
            $record = New-AzsCspErrorRecord -NativeError $nativeError -TargetObject $label -Target $target -CredentialType $pcEntry.Context.CredentialType
            & $fail $failedStep $record
            return
        }

        $customerTenant = [string](Get-AzsCspMember $result 'customerId')
        $tenantId = [string](Get-AzsCspMember $result 'tenantId')
        if (-not $tenantId) { $tenantId = $customerTenant }
        $resultDomain = [string](Get-AzsCspMember $result 'domain')
        if ($resultDomain) { $customerName = $resultDomain }
        $source = [string](Get-AzsCspMember $result 'source')
        $picked = [string](Get-AzsCspMember $result 'azureSubscriptionId')
        $newAdmin = $live.Admin
        foreach ($s in @(Get-AzsCspMember $result 'steps')) {
            if ($null -eq $s) { continue }
            $stepName = [string](Get-AzsCspMember $s 'name')
            if ($stepName -eq 'AzureSubscription' -and $picked) { $azureSubscription = $picked.ToLowerInvariant() }
            if ($live.Steps.Contains($stepName)) {
                $stepObject = $live.Steps[$stepName]
                if ($stepName -eq 'AzureSubscription' -and $azureSubscription) { $stepObject.AzureSubscriptionId = $azureSubscription }
                if (-not $stepObject.CustomerId) { $stepObject.CustomerId = $customerTenant }
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
        if ($picked) { $azureSubscription = $picked.ToLowerInvariant() }
        $directory = if ($customerName -and $customerName -match '\.') { $customerName } else { $tenantId }

        # --- Mapping on the Azure Stack Hub registration --------------------------------------------
        if (-not $RegistrationName -and -not $ResourceId) {
            & $emit 'CustomerSubscriptionMapping' 'Skipped' 'No -RegistrationName or -ResourceId: the Azure subscription is not mapped on an Azure Stack Hub registration.'
        }
        elseif (-not $azureSubscription) {
            if ($planOnly) {
                & $emit 'CustomerSubscriptionMapping' 'WouldRun' ("Map the Azure subscription of the Azure plan (tenant {0}) on registration {1}." -f $(if ($tenantId) { $tenantId } else { 'of the new customer' }), $(if ($RegistrationName) { $RegistrationName } else { $ResourceId }))
            }
            else {
                $failedCount++
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
                $failedCount++
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
            $existing = @(Invoke-AzsCspOperation -Cmdlet $PSCmdlet -Entry $azureEntry -Operation 'customerSubscriptions.get' -Arguments $mapArguments `
                    -OutputKind 'CustomerSubscription' -State $readState -NoErrorRecord -Activity 'Reading the mapping') | Select-Object -First 1
            $where = "registration {0} (resource group {1}, subscription {2})" -f $mapTarget.RegistrationName, $mapTarget.ResourceGroupName, $mapTarget.RegistrationSubscriptionId
            if (-not $readState.Failed -and $existing) {
                if (-not $existing.TenantId -or $existing.TenantId -eq $tenantId) {
                    & $emit 'CustomerSubscriptionMapping' 'AlreadyDone' ("Azure subscription {0} is mapped with tenant {1} on {2}." -f $azureSubscription, $tenantId, $where)
                }
                else {
                    $failedCount++
                    $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.CustomerSubscriptionTenantMismatch' -Category ([System.Management.Automation.ErrorCategory]::ResourceExists) -Kind 'Conflict' -TargetObject $azureSubscription `
                        -Message ("Azure subscription {0} is already mapped on {1} with another tenant ({2}), not the customer's {3}." -f $azureSubscription, $where, $existing.TenantId, $tenantId) `
                        -RecommendedAction ('Check which customer owns the subscription; remove the wrong mapping with Remove-AzsCustomerSubscription -RegistrationSubscriptionId {0} -ResourceGroupName {1} -RegistrationName {2} -CustomerSubscriptionId {3}, then run the command again.' -f $mapTarget.RegistrationSubscriptionId, $mapTarget.ResourceGroupName, $mapTarget.RegistrationName, $azureSubscription)
                    & $fail 'CustomerSubscriptionMapping' $record
                    return
                }
            }
            elseif ($readState.Failed -and $readState.Error -and $readState.Error.Code -ne 'CustomerSubscriptionNotFound') {
                $failedCount++
                & $fail 'CustomerSubscriptionMapping' (New-AzsCspErrorRecord -NativeError $readState.Error -TargetObject $azureSubscription -Target $mapTarget -CredentialType $azureEntry.Context.CredentialType)
                return
            }
            elseif ($planOnly) {
                & $emit 'CustomerSubscriptionMapping' 'WouldRun' ("Map Azure subscription {0} with tenant {1} on {2}." -f $azureSubscription, $tenantId, $where)
            }
            else {
                $mapArguments.tenantId = $tenantId
                $putState = @{ Failed = $false; Error = $null }
                $null = @(Invoke-AzsCspOperation -Cmdlet $PSCmdlet -Entry $azureEntry -Operation 'customerSubscriptions.put' -Arguments $mapArguments `
                        -OutputKind 'CustomerSubscription' -State $putState -NoErrorRecord -Activity 'Mapping the Azure subscription')
                if ($putState.Failed) {
                    $failedCount++
                    & $fail 'CustomerSubscriptionMapping' (New-AzsCspErrorRecord -NativeError $putState.Error -TargetObject $azureSubscription -Target $mapTarget -CredentialType $azureEntry.Context.CredentialType)
                    return
                }
                & $emit 'CustomerSubscriptionMapping' 'Done' ("Mapped Azure subscription {0} with tenant {1} on {2}." -f $azureSubscription, $tenantId, $where)
            }
        }

        # --- Guest directory (operator, home directory) ---------------------------------------------
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
                $failedCount++
                & $fail 'GuestDirectory' $call.Error
                return
            }
            $guestItems = $call.Value
            $guest = $guestItems[0]
            & $emit 'GuestDirectory' ([string](Get-AzsCspMember $guest 'status')) ("Directory {0} (tenant {1}) is a guest directory of {2}." -f $directory, (Get-AzsCspMember $guest 'tenantId'), $AdminResourceManagerEndpoint.AbsoluteUri)
        }

        # --- The stamp in the customer's directory, and the CSP's guest Owner (customer admin) -------
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
            $failedCount++
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
            $failedCount++
            & $fail 'GuestOwner' $call.Error
            return
        }
        $grant = $call.Value[0]
        & $emit 'GuestOwner' ([string](Get-AzsCspMember $grant 'status')) ("{0} is Owner of stamp subscription {1} (invitation {2})." -f $InvitedUserEmailAddress, $StampSubscriptionId, (Get-AzsCspMember $grant 'invitationStatus'))
    }

    end {
        Write-Verbose ('Onboarded {0} customer(s); {1} stopped at a failed step.' -f ($customerCount - $failedCount), $failedCount)
    }
}
