#!/usr/bin/env bash
# Installs the Debian 12 packages Kedai needs, and only those that are missing.
#
#   scripts/install-deps.sh [--build] [--run] [--test] [--package] [--check] [--list]
#
# Groups (several may be given; none means all):
#   --build    compilers, CMake/Ninja, Qt 6 and library headers, clang-format
#   --run      what `make run` needs: the same as --build (the app is built first)
#   --test     PostgreSQL 15, Redis, Xvfb and the tools the test scripts call
#   --package  what `make package` needs (dpkg-shlibdeps, file)
# Modes:
#   --check    only report what is missing (exit 1 if anything is)
#   --list     print the package names of the selected groups and exit
#
# Idempotent: it asks dpkg first and touches apt only when something is missing, so it is a
# fast no-op on a prepared machine. Installing needs root; otherwise it uses `sudo -n` when that
# works without a password, or prints the exact command to run and exits 2.
set -euo pipefail

# libqt6svg6-dev is not listed: on Debian 12 it is a virtual package provided by qt6-svg-dev,
# which dpkg never reports as installed (the check would never be a no-op).
BUILD_PKGS=(
  cmake ninja-build g++ pkg-config make git clang-format
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql
  qt6-httpserver-dev qt6-websockets-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-charts-dev qt6-svg-dev libgl-dev libxkbcommon-dev
  libhiredis-dev libspdlog-dev libfmt-dev libqrencode-dev libzxing-dev libsodium-dev
)
# procps: pgrep/ps in the scripts; util-linux: runuser; redis-tools: redis-cli.
TEST_PKGS=(
  xvfb xauth redis-server redis-tools postgresql-15 postgresql-client-15
  procps util-linux curl file
)
PACKAGE_PKGS=(dpkg-dev file)

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; }

groups=()
mode=install
for arg in "$@"; do
  case "$arg" in
    --build | --run | --test | --package) groups+=("${arg#--}") ;;
    --all) groups+=(build test package) ;;
    --check) mode=check ;;
    --list) mode=list ;;
    -h | --help) usage; exit 0 ;;
    *) echo "install-deps: unknown argument '$arg' (try --help)" >&2; exit 64 ;;
  esac
done
[[ ${#groups[@]} -eq 0 ]] && groups=(build test package)

wanted=()
for g in "${groups[@]}"; do
  case "$g" in
    build | run) wanted+=("${BUILD_PKGS[@]}") ;;
    test) wanted+=("${TEST_PKGS[@]}") ;;
    package) wanted+=("${PACKAGE_PKGS[@]}") ;;
  esac
done
# De-duplicate, keeping the order.
mapfile -t wanted < <(printf '%s\n' "${wanted[@]}" | awk '!seen[$0]++')
group_names=$(printf '%s\n' "${groups[@]}" | awk '!seen[$0]++' | paste -sd, -)

if [[ $mode == list ]]; then
  printf '%s\n' "${wanted[@]}"
  exit 0
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "install-deps: dpkg-query not found: this script supports Debian 12 (bookworm) only." >&2
  echo "install-deps: install these packages by other means: ${wanted[*]}" >&2
  exit 2
fi

# One dpkg-query call for all packages; unknown names are simply absent from its output.
missing_packages() {
  local installed
  installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${wanted[@]}" 2>/dev/null \
    | awk '$2 == "installed" { print $1 }' || true)
  local p
  for p in "${wanted[@]}"; do
    grep -qxF -- "$p" <<<"$installed" || echo "$p"
  done
}

mapfile -t missing < <(missing_packages)

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#wanted[@]} packages for ${group_names} are installed; nothing to do."
  exit 0
fi

echo "install-deps: missing for ${group_names}: ${missing[*]}"
if [[ $mode == check ]]; then
  exit 1
fi

apt_opts=(-y -o DPkg::Lock::Timeout=300 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)

as_root=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "install-deps: installing packages needs root. Run (as root, or with sudo):" >&2
    echo "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}" >&2
    echo "install-deps: or rerun this script as root: sudo $0 $*" >&2
    exit 2
  fi
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-deps: apt-get update"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -o DPkg::Lock::Timeout=300 -qq
echo "install-deps: apt-get install ${missing[*]}"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install "${apt_opts[@]}" -q "${missing[@]}"

mapfile -t still_missing < <(missing_packages)
if [[ ${#still_missing[@]} -gt 0 ]]; then
  echo "install-deps: still missing after apt-get install: ${still_missing[*]}" >&2
  exit 1
fi
echo "install-deps: installed ${#missing[@]} package(s); all ${#wanted[@]} packages for ${group_names} are present."
