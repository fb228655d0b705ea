# Built-in and stored (custom) environments, and the per-user configuration folder.

$script:BuiltInEnvironments = [ordered]@{
    AzureCloud        = @{ ResourceManagerUrl = 'https://management.azure.com/'; ActiveDirectoryAuthority = 'https://login.microsoftonline.com/'; ActiveDirectoryResourceId = 'https://management.core.windows.net/'; PartnerCenterUrl = 'https://api.partnercenter.microsoft.com/' }
    AzureChinaCloud   = @{ ResourceManagerUrl = 'https://management.chinacloudapi.cn/'; ActiveDirectoryAuthority = 'https://login.chinacloudapi.cn/'; ActiveDirectoryResourceId = 'https://management.core.chinacloudapi.cn/'; PartnerCenterUrl = 'https://partner.partnercenterapi.microsoftonline.cn/' }
    AzureUSGovernment = @{ ResourceManagerUrl = 'https://management.usgovcloudapi.net/'; ActiveDirectoryAuthority = 'https://login.microsoftonline.us/'; ActiveDirectoryResourceId = 'https://management.core.usgovcloudapi.net/'; PartnerCenterUrl = 'https://api.partnercenter.microsoft.com/' }
}

function Get-AzsCspConfigDirectory {
    <#
    .SYNOPSIS
    The per-user AzsCsp folder. $env:AZSCSP_CONFIG_DIR wins; else Windows: $env:APPDATA\AzsCsp
    (-Local: $env:LOCALAPPDATA\AzsCsp); elsewhere $env:XDG_CONFIG_HOME/AzsCsp or ~/.config/AzsCsp.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([switch] $Local)

    if (-not [string]::IsNullOrWhiteSpace($env:AZSCSP_CONFIG_DIR)) {
        return [System.IO.Path]::GetFullPath($env:AZSCSP_CONFIG_DIR)
    }
    if ($IsWindows) {
        $base = if ($Local) { $env:LOCALAPPDATA } else { $env:APPDATA }
        if ([string]::IsNullOrWhiteSpace($base)) {
            $folder = if ($Local) { [System.Environment+SpecialFolder]::LocalApplicationData } else { [System.Environment+SpecialFolder]::ApplicationData }
            $base = [System.Environment]::GetFolderPath($folder)
        }
        return (Join-Path $base 'AzsCsp')
    }
    $base = $env:XDG_CONFIG_HOME
    if ([string]::IsNullOrWhiteSpace($base)) {
        $base = Join-Path ([System.Environment]::GetFolderPath([System.Environment+SpecialFolder]::UserProfile)) '.config'
    }
    return (Join-Path $base 'AzsCsp')
}

function New-AzsCspConfigDirectory {
    <#
    .SYNOPSIS
    Creates a per-user folder (mode 0700 on Linux and macOS) and returns its path.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [string] $Path)

    if (-not [System.IO.Directory]::Exists($Path)) {
        if ($IsWindows) {
            $null = [System.IO.Directory]::CreateDirectory($Path)
        }
        elseif ('System.IO.UnixFileMode' -as [type]) {
            # .NET 7+ (PowerShell 7.3+): created with mode 0700 from the start.
            $mode = [System.Enum]::Parse(('System.IO.UnixFileMode' -as [type]), 'UserRead, UserWrite, UserExecute')
            $null = [System.IO.Directory]::CreateDirectory($Path, $mode)
        }
        else {
            $null = [System.IO.Directory]::CreateDirectory($Path)
            & chmod 700 -- $Path 2>$null
        }
    }
    return $Path
}

function Get-AzsCspEnvironmentStorePath {
    [CmdletBinding()]
    [OutputType([string])]
    param()

    return (Join-Path (Get-AzsCspConfigDirectory) 'environments.json')
}

function Get-AzsCspTokenCacheDefaultPath {
    [CmdletBinding()]
    [OutputType([string])]
    param()

    return (Join-Path (Get-AzsCspConfigDirectory -Local) 'tokencache.json')
}

function Get-AzsCspBuiltInEnvironment {
    [CmdletBinding()]
    [OutputType([AzsCsp.Environment])]
    param()

    foreach ($name in $script:BuiltInEnvironments.Keys) {
        $e = $script:BuiltInEnvironments[$name]
        [AzsCsp.Environment]@{
            Name                      = $name
            Type                      = 'BuiltIn'
            ResourceManagerUrl        = $e.ResourceManagerUrl
            ActiveDirectoryAuthority  = $e.ActiveDirectoryAuthority
            ActiveDirectoryResourceId = $e.ActiveDirectoryResourceId
            PartnerCenterUrl          = $e.PartnerCenterUrl
        }
    }
}

function Read-AzsCspEnvironmentStore {
    <#
    .SYNOPSIS
    The custom environments of the per-user store (an empty list when the file does not exist).
    When the file is not valid JSON, nothing is returned and -Problem receives the reason.
    #>
    [CmdletBinding()]
    [OutputType([AzsCsp.Environment])]
    param(
        [string] $Path = (Get-AzsCspEnvironmentStorePath),
        [ref] $Problem
    )

    if (-not [System.IO.File]::Exists($Path)) {
        return
    }
    $text = [System.IO.File]::ReadAllText($Path)
    if ([string]::IsNullOrWhiteSpace($text)) {
        return
    }
    # Parsed in the interop (never throws): a parse failure must not land in the caller's -ErrorVariable.
    $document = $null
    $reason = $null
    if (-not [AzsCsp.JsonValue]::TryParse($text, [ref]$document, [ref]$reason)) {
        if ($Problem) { $Problem.Value = ("The AzsCsp environment file '{0}' is not valid JSON: {1}" -f $Path, $reason) }
        return
    }
    $items = if ($document -is [System.Collections.IDictionary] -and $document.ContainsKey('environments')) { @($document['environments']) } else { @() }
    foreach ($item in $items) {
        if ($item -isnot [System.Collections.IDictionary] -or [string]::IsNullOrWhiteSpace([string]$item['name'])) {
            continue
        }
        [AzsCsp.Environment]@{
            Name                      = [string]$item['name']
            Type                      = 'Custom'
            ResourceManagerUrl        = [string]$item['resourceManagerUrl']
            ActiveDirectoryAuthority  = $(if ($item['activeDirectoryAuthority']) { [string]$item['activeDirectoryAuthority'] } else { $null })
            ActiveDirectoryResourceId = $(if ($item['activeDirectoryResourceId']) { [string]$item['activeDirectoryResourceId'] } else { $null })
            PartnerCenterUrl          = $(if ($item['partnerCenterUrl']) { [string]$item['partnerCenterUrl'] } else { $null })
            Path                      = $Path
        }
    }
}

function Save-AzsCspEnvironmentStore {
    <#
    .SYNOPSIS
    Writes the custom environments atomically: a temporary file in the same folder, then a rename
    over the old file (readers see the old or the new file, never half of one).
    #>
    [CmdletBinding()]
    param(
        [AzsCsp.Environment[]] $Environment = @(),
        [string] $Path = (Get-AzsCspEnvironmentStorePath)
    )

    $directory = Split-Path -Parent $Path
    $null = New-AzsCspConfigDirectory -Path $directory
    $list = [System.Collections.Generic.List[object]]::new()
    foreach ($e in @($Environment | Sort-Object Name)) {
        $item = [ordered]@{ name = $e.Name; resourceManagerUrl = $e.ResourceManagerUrl }
        if ($e.ActiveDirectoryAuthority) { $item.activeDirectoryAuthority = $e.ActiveDirectoryAuthority }
        if ($e.ActiveDirectoryResourceId) { $item.activeDirectoryResourceId = $e.ActiveDirectoryResourceId }
        if ($e.PartnerCenterUrl) { $item.partnerCenterUrl = $e.PartnerCenterUrl }
        $list.Add($item)
    }
    $json = ConvertTo-Json -InputObject ([ordered]@{ version = 1; environments = $list.ToArray() }) -Depth 5
    $temporary = Join-Path $directory ('.environments.{0}.tmp' -f [guid]::NewGuid().ToString('N'))
    try {
        [System.IO.File]::WriteAllText($temporary, $json + [System.Environment]::NewLine, [System.Text.UTF8Encoding]::new($false))
        $attempt = 0
        while ($true) {
            try {
                [System.IO.File]::Move($temporary, $Path, $true)
                break
            }
            catch [System.IO.IOException] {
                # Windows: a reader may hold the file for a moment.
                if (++$attempt -ge 5) { throw }
                Start-Sleep -Milliseconds 50
            }
        }
    }
    finally {
        if ([System.IO.File]::Exists($temporary)) {
            [System.IO.File]::Delete($temporary)
        }
    }
}

function Find-AzsCspEnvironment {
    <#
    .SYNOPSIS
    A built-in or stored environment by exact (case-insensitive) name, or nothing.
    #>
    [CmdletBinding()]
    [OutputType([AzsCsp.Environment])]
    param([Parameter(Mandatory)] [string] $Name)

    $builtIn = @(Get-AzsCspBuiltInEnvironment | Where-Object { $_.Name -eq $Name })
    if ($builtIn.Count -gt 0) {
        return $builtIn[0]
    }
    return (Read-AzsCspEnvironmentStore | Where-Object { $_.Name -eq $Name } | Select-Object -First 1)
}
