# Helpers of Connect-AzsCspAccount's credential parameter sets.

function New-AzsCspRandomSecureString {
    <#
    .SYNOPSIS
    A random password (32 random bytes, base64url) built straight into a SecureString.
    #>
    [CmdletBinding()]
    [OutputType([System.Security.SecureString])]
    param()

    $bytes = [byte[]]::new(32)
    [System.Security.Cryptography.RandomNumberGenerator]::Fill($bytes)
    $alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    $secure = [System.Security.SecureString]::new()
    foreach ($b in $bytes) {
        $secure.AppendChar($alphabet[$b % 64])
    }
    [array]::Clear($bytes, 0, $bytes.Length)
    $secure.MakeReadOnly()
    return $secure
}

function Export-AzsCspStoreCertificate {
    <#
    .SYNOPSIS
    Windows: exports the certificate with the given thumbprint from Cert:\CurrentUser\My (with its
    private key) to a temporary PFX protected by a random password. Returns @{ Path; Password }.
    The caller deletes the file (Remove-AzsCspTemporaryFile) right after the sign-in.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Cmdlet,
        [Parameter(Mandatory)] [string] $Thumbprint
    )

    if (-not $IsWindows) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.CertificateStoreNotSupported' -Argument 'CertificateThumbprint' -TargetObject $Thumbprint `
            -Category ([System.Management.Automation.ErrorCategory]::NotImplemented) -Kind 'InvalidArgument' `
            -Message '-CertificateThumbprint reads the Windows certificate store (Cert:\CurrentUser\My) and works on Windows only.' `
            -RecommendedAction 'Pass the certificate as a file: -CertificatePath <PEM with certificate and key, or PFX> [-CertificatePassword <SecureString>].'
        $Cmdlet.ThrowTerminatingError($record)
    }
    $clean = ($Thumbprint -replace '[^0-9A-Fa-f]', '').ToUpperInvariant()
    $store = [System.Security.Cryptography.X509Certificates.X509Store]::new('My', 'CurrentUser')
    $certificate = $null
    try {
        $store.Open('ReadOnly, OpenExistingOnly')
        $found = $store.Certificates.Find('FindByThumbprint', $clean, $false)
        if ($found.Count -gt 0) { $certificate = $found[0] }
    }
    finally {
        $store.Dispose()
    }
    if (-not $certificate) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.CertificateNotFound' -Argument 'CertificateThumbprint' -TargetObject $Thumbprint `
            -Category ([System.Management.Automation.ErrorCategory]::ObjectNotFound) -Kind 'NotFound' `
            -Message ("No certificate with the thumbprint '{0}' is in Cert:\CurrentUser\My." -f $clean) `
            -RecommendedAction 'Check the thumbprint with Get-ChildItem Cert:\CurrentUser\My, or pass the certificate file with -CertificatePath.'
        $Cmdlet.ThrowTerminatingError($record)
    }
    if (-not $certificate.HasPrivateKey) {
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.CertificateWithoutPrivateKey' -Argument 'CertificateThumbprint' -TargetObject $Thumbprint `
            -Message ("The certificate '{0}' in Cert:\CurrentUser\My has no private key." -f $clean) `
            -RecommendedAction 'Import the certificate with its private key (a PFX), or pass the certificate file with -CertificatePath.'
        $Cmdlet.ThrowTerminatingError($record)
    }

    $password = New-AzsCspRandomSecureString
    $path = Join-Path ([System.IO.Path]::GetTempPath()) ('azscsp-' + [guid]::NewGuid().ToString('N') + '.pfx')
    try {
        $bytes = $certificate.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Pfx, $password)
        try {
            [System.IO.File]::WriteAllBytes($path, $bytes)
        }
        finally {
            [array]::Clear($bytes, 0, $bytes.Length)
        }
    }
    catch {
        $password.Dispose()
        Remove-AzsCspTemporaryFile -Path $path
        $record = New-AzsCspLocalErrorRecord -ErrorId 'AzsCsp.CertificateNotExportable' -Argument 'CertificateThumbprint' -TargetObject $Thumbprint `
            -Category ([System.Management.Automation.ErrorCategory]::SecurityError) -Kind 'InvalidArgument' `
            -Message ("The private key of the certificate '{0}' cannot be exported: {1}" -f $clean, $_.Exception.Message) `
            -RecommendedAction 'Import the certificate with an exportable private key, or pass the certificate file with -CertificatePath.'
        $Cmdlet.ThrowTerminatingError($record)
    }
    finally {
        $certificate.Dispose()
    }
    return @{ Path = $path; Password = $password }
}

function Remove-AzsCspTemporaryFile {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Path)

    try {
        if ([System.IO.File]::Exists($Path)) {
            [System.IO.File]::Delete($Path)
        }
    }
    catch {
        Write-Warning ("AzsCsp could not delete the temporary file '{0}': {1}. Delete it by hand." -f $Path, $_.Exception.Message)
    }
}
