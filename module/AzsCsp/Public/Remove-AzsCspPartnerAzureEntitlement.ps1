function Remove-AzsCspPartnerAzureEntitlement {
    <#
    .SYNOPSIS
    Cancels an Azure subscription under a customer's Azure plan (an Azure entitlement).

    .DESCRIPTION
    Remove-AzsCspPartnerAzureEntitlement cancels one Azure subscription of an Azure plan
    (POST .../azureEntitlements/{id}/cancel); Partner Center answers 202 and the entitlement becomes
    cancelled. An Azure plan can only be suspended once none of its Azure subscriptions is active
    (AzsCsp.900115), so cancel them with this command first. Remove the subscription's mapping on the
    Azure Stack Hub registration too (Remove-AzsCustomerSubscription).

    ConfirmImpact is High: it asks first unless -Force or -Confirm:$false is given. Partner Center may
    require the account to be a Global Administrator with the Admin Agent role.

    .PARAMETER CustomerId
    The customer's ID (its tenant ID).

    Objects of Get-AzsCspPartnerCustomerAzurePlanEntitlement and Get-AzsCspPartnerAzureSubscription
    can be piped in (CustomerId, PlanSubscriptionId, EntitlementId). A legacy Microsoft Azure
    (MS-AZR-0145P) subscription among them is not an Azure plan entitlement: that item gets a
    non-terminating error (AzsCsp.NotAzurePlanEntitlement, nothing sent for it) and the others go on.

    .PARAMETER SubscriptionId
    The Partner Center subscription ID of the Azure plan (alias PlanSubscriptionId, the property of
    the piped AzsCsp.PartnerCenter.AzureSubscription objects).

    .PARAMETER EntitlementId
    The Azure entitlement ID, which is the Azure subscription ID.

    .PARAMETER CancellationReason
    Why (default other), for example compromise.

    .PARAMETER Force
    Does not ask for confirmation (-WhatIf is still honoured).

    .PARAMETER PartnerCenterContext
    The Partner Center context (name or object) to use; default: the most recent one.

    .PARAMETER WhatIf
    Shows what would be cancelled, without sending anything.

    .PARAMETER Confirm
    Asks for confirmation first (the default).

    .EXAMPLE
    PS> Remove-AzsCspPartnerAzureEntitlement -CustomerId $customerId -SubscriptionId $planId -EntitlementId 8e06e68b-f5b3-4420-a4f1-2e6a4f5a2ce8

    Cancels one Azure subscription of the plan.

    .EXAMPLE
    PS> Get-AzsCspPartnerAzureSubscription -CustomerId $customerId | Where-Object Source -eq AzurePlan | Remove-AzsCspPartnerAzureEntitlement

    Cancels every Azure subscription of the customer's Azure plan, asking for each.

    .EXAMPLE
    PS> Get-AzsCspPartnerCustomerAzurePlanEntitlement -CustomerId $customerId -SubscriptionId $planId | Where-Object Status -eq active | Remove-AzsCspPartnerAzureEntitlement -Force
    PS> Suspend-AzsCspPartnerCustomerSubscription -CustomerId $customerId -SubscriptionId $planId

    Cancels every active Azure subscription of the plan, then suspends the plan.

    .INPUTS
    System.String (CustomerId, SubscriptionId and EntitlementId by property name)

    .OUTPUTS
    AzsCsp.PartnerCenter.AzureSubscription

    .LINK
    Get-AzsCspPartnerCustomerAzurePlanEntitlement

    .LINK
    Suspend-AzsCspPartnerCustomerSubscription
    #>
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    [OutputType('AzsCsp.PartnerCenter.AzureSubscription')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()]
        [string] $CustomerId,

        # Empty values are allowed at binding so that a piped legacy Azure subscription (no plan, no
        # entitlement) fails alone with a clear error; the process block rejects them.
        [Parameter(Mandatory, Position = 1, ValueFromPipelineByPropertyName)]
        [Alias('PlanSubscriptionId')]
        [AllowNull()] [AllowEmptyString()]
        [string] $SubscriptionId,

        [Parameter(Mandatory, Position = 2, ValueFromPipelineByPropertyName)]
        [AllowNull()] [AllowEmptyString()]
        [string] $EntitlementId,

        [ValidateNotNullOrEmpty()]
        [string] $CancellationReason = 'other',

        [switch] $Force,

        [object] $PartnerCenterContext
    )

    begin {
        $entry = $null
    }

    process {
        $piped = $_
        if ([string]::IsNullOrWhiteSpace($EntitlementId) -and $null -ne $piped -and $piped -isnot [string]) {
            # A piped object without an entitlement: a legacy Azure subscription (or anything else that is
            # not under an Azure plan). Refuse this item only; the next ones go on.
            $azureId = [string](Get-AzsCspMember $piped 'AzureSubscriptionId')
            $pcId = [string](Get-AzsCspMember $piped 'PartnerCenterSubscriptionId')
            if (-not $pcId) { $pcId = $azureId }
            $legacy = [string](Get-AzsCspMember $piped 'Source') -eq 'Legacy'
            $why = if ($legacy) {
                'is a legacy Microsoft Azure (MS-AZR-0145P) subscription: a legacy Microsoft Azure subscription is not an Azure plan entitlement'
            }
            else {
                'has no Azure plan entitlement ID (EntitlementId): it is not an Azure subscription under an Azure plan'
            }
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.NotAzurePlanEntitlement' -Argument 'EntitlementId' -TargetObject $piped `
                -Category ([System.Management.Automation.ErrorCategory]::InvalidOperation) `
                -Message ("Azure subscription {0} of customer {1} {2}, so Remove-AzsCspPartnerAzureEntitlement cannot cancel it. Nothing was sent for it; the other piped items go on." -f $azureId, $CustomerId, $why) `
                -RecommendedAction $(if ($legacy) {
                    "Pipe only Azure plan subscriptions (Where-Object Source -eq AzurePlan). A legacy subscription cannot be cancelled in Partner Center (800096); suspend it instead: Suspend-AzsCspPartnerCustomerSubscription -CustomerId {0} -SubscriptionId {1}." -f $CustomerId, $pcId
                }
                else {
                    'Pipe the Azure subscriptions of an Azure plan (Get-AzsCspPartnerCustomerAzurePlanEntitlement, or Get-AzsCspPartnerAzureSubscription | Where-Object Source -eq AzurePlan), or pass -SubscriptionId and -EntitlementId.'
                })
            $PSCmdlet.WriteError($record)
            return
        }
        Assert-AzsCspPartnerGuid -Cmdlet $PSCmdlet -Value $CustomerId -Parameter 'CustomerId' -What "customer's ID (its tenant ID)"
        Assert-AzsCspPartnerGuid -Cmdlet $PSCmdlet -Value $SubscriptionId -Parameter 'SubscriptionId' -What 'Partner Center subscription ID of the Azure plan'
        Assert-AzsCspPartnerGuid -Cmdlet $PSCmdlet -Value $EntitlementId -Parameter 'EntitlementId' -What 'Azure subscription ID (entitlement ID)'
        $id = $CustomerId.Trim()
        $plan = $SubscriptionId.Trim()
        $entitlement = $EntitlementId.Trim()
        if (-not (Test-AzsCspShouldProcess -Cmdlet $PSCmdlet -Force $Force -Target "Azure subscription $entitlement (plan $plan, customer $id)" -Action "Cancel the Azure subscription (reason: $CancellationReason)")) {
            return
        }
        if ($null -eq $entry) {
            $entry = Resolve-AzsCspPartnerCenterContext -Cmdlet $PSCmdlet -PartnerCenterContext $PartnerCenterContext
        }
        $arguments = [ordered]@{ customerId = $id; subscriptionId = $plan; entitlementId = $entitlement; cancellationReason = $CancellationReason }
        Invoke-AzsCspPartnerOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'partnerCenter.azureEntitlements.cancel' -Arguments $arguments `
            -Target (Get-AzsCspPartnerTarget -CustomerId $id -SubscriptionId $plan -EntitlementId $entitlement) -TargetObject $entitlement -Activity "Cancelling Azure subscription $entitlement" |
            ForEach-Object {
                $data = @{ id = $(if (Get-AzsCspMember $_ 'entitlementId') { Get-AzsCspMember $_ 'entitlementId' } else { $entitlement }); subscriptionId = $plan; status = Get-AzsCspMember $_ 'status' }
                ConvertTo-AzsCspPartnerAzureSubscription -Data $data -CustomerId $id -PlanSubscriptionId $plan -ContextName $entry.Name
            }
    }
}
