function Get-AzsDirectoryTenantIdentifier {
    <#
    .SYNOPSIS
    Gets the tenant ID (GUID) of a directory from its authority URL.

    .DESCRIPTION
    Get-AzsDirectoryTenantIdentifier reads {authority base}/{directory}/.well-known/openid-configuration
    (no sign-in) and returns the directory's tenant ID as a string, as the original command does.
    For an AD FS authority (one ending in /adfs) it returns 'adfs' without a request.

    The original module exports it spelled Get-AzsDirectoryTenantidentifier; PowerShell command names
    are case-insensitive, so that spelling runs this command.

    .PARAMETER Authority
    The directory's authority: the login endpoint followed by the directory's domain or ID, for example
    https://login.microsoftonline.com/fabrikam.onmicrosoft.com or https://adfs.local.azurestack.external/adfs.

    .PARAMETER CaCertificatePath
    A PEM file with the certificate authorities to trust for the authority (private CA). By default, the
    CA of a context with the same login endpoint, if any.

    .EXAMPLE
    PS> Get-AzsDirectoryTenantidentifier -Authority https://login.windows.net/microsoft.onmicrosoft.com
    72f988bf-86f1-41af-91ab-2d7cd011db47

    The documented call (original spelling).

    .EXAMPLE
    PS> Get-AzsDirectoryTenantIdentifier https://adfs.local.azurestack.external/adfs
    adfs

    An AD FS stamp.

    .INPUTS
    System.Object (the authority), from the pipeline.

    .OUTPUTS
    System.String

    .LINK
    Register-AzsGuestDirectoryTenant
    #>
    [CmdletBinding(PositionalBinding = $false)]
    [OutputType([string])]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline)]
        [ValidateNotNull()]
        [object] $Authority,

        [ValidateNotNullOrEmpty()]
        [string] $CaCertificatePath
    )

    process {
        $text = ([string]$Authority).Trim()
        $uri = $null
        if (-not [uri]::TryCreate($text, [System.UriKind]::Absolute, [ref]$uri) -or $uri.Scheme -ne 'https') {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidAuthority' -Argument 'Authority' -TargetObject $Authority `
                -Message ("The authority '{0}' is not an absolute https URL (for example https://login.microsoftonline.com/fabrikam.onmicrosoft.com)." -f $text)
            $PSCmdlet.WriteError($record)
            return
        }
        $segments = @($uri.AbsolutePath.Split('/', [System.StringSplitOptions]::RemoveEmptyEntries))
        if ($segments.Count -eq 0) {
            $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.InvalidAuthority' -Argument 'Authority' -TargetObject $Authority `
                -Message ("The authority '{0}' names no directory: append the directory's domain or ID (for example {1}/fabrikam.onmicrosoft.com)." -f $text, $text.TrimEnd('/'))
            $PSCmdlet.WriteError($record)
            return
        }
        $directory = $segments[-1]
        if ($directory -eq 'adfs') {
            # AD FS: the issuer is {login endpoint}/adfs, whose last segment the original returns.
            return 'adfs'
        }
        $base = '{0}://{1}/{2}' -f $uri.Scheme, $uri.Authority, ((@($segments | Select-Object -First ($segments.Count - 1)) | ForEach-Object { $_ + '/' }) -join '')

        if (-not $CaCertificatePath) {
            $CaCertificatePath = @(Get-AzsCspContextEntry | Where-Object {
                    $_.Context -and $_.Context.CaCertificatePath -and $_.Context.Authority -and ([uri]$_.Context.Authority).Authority -eq $uri.Authority
                } | ForEach-Object { $_.Context.CaCertificatePath }) | Select-Object -First 1
        }
        $null = Initialize-AzsCspNative -Cmdlet $PSCmdlet
        # A client that only reads the authority's OpenID configuration (tenants.resolve with an explicit
        # authority): its access token is a placeholder that is never sent, no metadata is read (authority
        # and audience are given), and it carries the TLS trust (-CaCertificatePath) for that host.
        $tls = [ordered]@{ verify = $true }
        if ($CaCertificatePath) { $tls.caBundlePath = $PSCmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($CaCertificatePath) }
        $options = [ordered]@{
            environment = [ordered]@{ name = 'AzsCspAuthority'; resourceManagerUrl = $base; activeDirectoryAuthority = $base; activeDirectoryResourceId = 'https://management.core.windows.net/' }
            credential  = [ordered]@{ type = 'accessToken'; accessToken = 'azscsp-authority-no-requests' }
            tls         = $tls
            logLevel    = (Get-AzsCspLogLevel)
        }
        $err = $null
        $client = [AzsCsp.NativeClient]::OpenWithSecrets((ConvertTo-Json -InputObject $options -Compress -Depth 5), @{}, [ref]$err)
        if ($null -eq $client) {
            $PSCmdlet.WriteError((New-AzsCspErrorRecord -NativeError $err -TargetObject $Authority))
            return
        }
        try {
            $entry = [pscustomobject]@{ Name = $null; Client = $client; Context = $null }
            $target = @{ DirectoryTenantName = $directory }
            $item = @(Invoke-AzsCspStampOperation -Cmdlet $PSCmdlet -Entry $entry -Operation 'tenants.resolve' -Arguments ([ordered]@{ domain = $directory; authority = $base }) `
                    -Target $target -TargetObject $Authority -Activity 'Reading the OpenID configuration') | Select-Object -First 1
            if ($null -ne $item) {
                [string](Get-AzsCspMember $item 'tenantId')
            }
        }
        finally {
            $client.Dispose()
        }
    }
}
