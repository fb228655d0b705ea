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
        # This customer's onboarding: what the steps found so far (see Private/CustomerOnboarding.ps1).
        $onboarding = @{
            Cmdlet             = $PSCmdlet
            Label              = $label
            PlanOnly           = $false
            PartnerCenterEntry = $null
            CustomerName       = $label
            CustomerTenant     = $null
            AzureSubscription  = $null
            TenantId           = $null
            Source             = $null
            NewAdmin           = $null
            Directory          = $null
            Failed             = $false
        }

        # A step object; a failure also writes the error record and stops this customer.
        $emit = {
            param([string] $Step, [string] $Status, [string] $Detail)
            New-AzsCspOnboardingStep -Customer $onboarding.CustomerName -CustomerId $onboarding.CustomerTenant -Step $Step -Status $Status -Detail $Detail -AzureSubscriptionId $onboarding.AzureSubscription
        }
        $fail = {
            param([string] $Step, [System.Management.Automation.ErrorRecord] $Record, [string] $Detail)
            if (-not $Detail -and $Record) { $Detail = $Record.Exception.Message }
            & $emit $Step 'Failed' $Detail
            if ($Record) { $onboarding.Cmdlet.WriteError($Record) }
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
        if (-not $PSCmdlet.ShouldProcess("Customer '$label'", $action)) {
            if (-not $WhatIfPreference) { return }
            $onboarding.PlanOnly = $true
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
        $onboarding.PartnerCenterEntry = $pcEntry

        # --- Partner Center half: one native operation (customer, agreement, plan, Azure subscription) ---
        Invoke-AzsCspOnboardingPartnerCenter -Onboarding $onboarding -Emit $emit -Fail $fail -Domain $Domain -CustomerId $CustomerId `
            -Name $Name -Language $Language -Culture $Culture -BillingAddressLine1 $BillingAddressLine1 -BillingAddressLine2 $BillingAddressLine2 `
            -BillingAddressCity $BillingAddressCity -BillingAddressState $BillingAddressState -BillingAddressPostalCode $BillingAddressPostalCode `
            -BillingAddressCountry $BillingAddressCountry -BillingAddressRegion $BillingAddressRegion -OrganizationRegistrationNumber $OrganizationRegistrationNumber `
            -DisableValidation:$DisableValidation -ContactEmail $ContactEmail -ContactFirstName $ContactFirstName -ContactLastName $ContactLastName `
            -ContactPhoneNumber $ContactPhoneNumber -AzureSubscriptionId $AzureSubscriptionId -FriendlyName $FriendlyName -BillingAccountName $BillingAccountName
        if ($onboarding.Failed) { $failedCount++; return }

        # --- Mapping on the Azure Stack Hub registration --------------------------------------------
        Invoke-AzsCspOnboardingMapping -Onboarding $onboarding -Emit $emit -Fail $fail -RegistrationName $RegistrationName -ResourceGroupName $ResourceGroupName `
            -RegistrationSubscriptionId $RegistrationSubscriptionId -ResourceId $ResourceId -Context $Context
        if ($onboarding.Failed) { $failedCount++; return }

        # --- Guest directory (operator, home directory) ---------------------------------------------
        Invoke-AzsCspOnboardingGuestDirectory -Onboarding $onboarding -Emit $emit -Fail $fail -AdminResourceManagerEndpoint $AdminResourceManagerEndpoint `
            -DirectoryTenantName $DirectoryTenantName -Location $Location -AutomationCredential $AutomationCredential -CaCertificatePath $CaCertificatePath
        if ($onboarding.Failed) { $failedCount++; return }

        # --- The stamp in the customer's directory, and the CSP's guest Owner (customer admin) -------
        Invoke-AzsCspOnboardingGuestOwner -Onboarding $onboarding -Emit $emit -Fail $fail -TenantResourceManagerEndpoint $TenantResourceManagerEndpoint `
            -CustomerAdminCredential $CustomerAdminCredential -StampSubscriptionId $StampSubscriptionId -InvitedUserEmailAddress $InvitedUserEmailAddress `
            -CaCertificatePath $CaCertificatePath
        if ($onboarding.Failed) { $failedCount++ }
    }

    end {
        Write-Verbose ('Onboarded {0} customer(s); {1} stopped at a failed step.' -f ($customerCount - $failedCount), $failedCount)
    }
}
