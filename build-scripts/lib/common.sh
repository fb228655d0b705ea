# Shared by build-scripts/*: paths, logging and the set-up steps. Each step checks first and does
# nothing when its part is already there, so every entry point can call them all.
set -euo pipefail

AZSCSP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
AZSCSP_BUILD_DIR="${AZSCSP_BUILD_DIR:-$AZSCSP_ROOT/build}"
AZSCSP_BUILD_TYPE="${AZSCSP_BUILD_TYPE:-RelWithDebInfo}"
POWERSHELL_VERSION="7.6.9"
PESTER_VERSION="5.7.1"
DOTNET_TOOLS="${DOTNET_TOOLS:-$HOME/.dotnet/tools}"
PWSH="$DOTNET_TOOLS/pwsh"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root (or sudo) to run: $*"; fi
}

# Debian packages: compilers, CMake/Ninja, OpenSSL and Boost 1.81 (not the 1.74 default).
APT_PACKAGES=(build-essential cmake ninja-build pkg-config ca-certificates libssl-dev
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-test1.81-dev
  libboost-program-options1.81-dev)

install_system_packages() {
  local missing=()
  for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install ${missing[*]} by hand"
  say "Installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

require_dotnet() {
  command -v dotnet >/dev/null 2>&1 && return 0
  [ -x "$HOME/.dotnet/dotnet" ] && export PATH="$HOME/.dotnet:$PATH" && return 0
  die "the .NET SDK (8 or later) is needed to install PowerShell $POWERSHELL_VERSION as a .NET global tool; install it, then run this again"
}

# PowerShell 7.6.9 as the .NET global tool "PowerShell" from NuGet.
install_powershell() {
  if [ -x "$PWSH" ] && "$PWSH" -NoProfile -NoLogo -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null | grep -qx "$POWERSHELL_VERSION"; then
    return 0
  fi
  require_dotnet
  say "Installing PowerShell $POWERSHELL_VERSION (dotnet global tool)"
  if dotnet tool list --global | grep -qi '^powershell '; then
    dotnet tool update --global PowerShell --version "$POWERSHELL_VERSION" >/dev/null
  else
    dotnet tool install --global PowerShell --version "$POWERSHELL_VERSION" >/dev/null
  fi
}

# Pester from NuGet (not the PowerShell Gallery): restore the package and copy its module folder.
install_pester() {
  local modules="$HOME/.local/share/powershell/Modules/Pester/$PESTER_VERSION"
  [ -f "$modules/Pester.psd1" ] && return 0
  require_dotnet
  say "Installing Pester $PESTER_VERSION from NuGet"
  local scratch
  scratch="$(mktemp -d)"
  cat >"$scratch/pester-download.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Pester" Version="[$PESTER_VERSION]" /></ItemGroup>
</Project>
XML
  dotnet restore "$scratch/pester-download.csproj" --packages "$scratch/packages" >/dev/null
  mkdir -p "$modules"
  cp -R "$scratch/packages/pester/$PESTER_VERSION/tools/." "$modules/"
  rm -rf "$scratch"
  [ -f "$modules/Pester.psd1" ] || die "Pester $PESTER_VERSION did not install"
}

# Node.js and Azure's OpenAPI validator (oav, pinned by tests/conformance/oav/package-lock.json) for
# the conformance test that checks the recorded emulator traffic against the official specs.
install_oav() {
  local tools="$AZSCSP_ROOT/tests/conformance/oav"
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    say "Installing Node.js and npm (Debian packages)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  fi
  [ -f "$tools/node_modules/oav/dist/cli.js" ] && return 0
  say "Installing oav (npm ci in tests/conformance/oav)"
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  [ -f "$tools/node_modules/oav/dist/cli.js" ] || die "oav did not install"
}

configure_and_build() {
  say "Building AzsCsp ($AZSCSP_BUILD_TYPE) in $AZSCSP_BUILD_DIR"
  local jobs
  jobs="$(nproc 2>/dev/null || echo 2)"
  cmake -S "$AZSCSP_ROOT" -B "$AZSCSP_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$AZSCSP_BUILD_TYPE" >/dev/null
  cmake --build "$AZSCSP_BUILD_DIR" -j "$jobs"
}

setup_all() {
  install_system_packages
  install_powershell
  install_pester
  install_oav
  configure_and_build
}
