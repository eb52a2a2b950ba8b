#!/usr/bin/env bash
# Installs everything Portolan needs to build and test on Debian 12 (bookworm).
# Idempotent: packages already present are left alone, and apt-get update runs
# only when something is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  llvm-19-dev libclang-19-dev libclang-cpp19-dev clang-19 lld-19 libclang-rt-19-dev clang-tools-19
  libc++-19-dev libc++abi-19-dev
  libboost-dev libboost-filesystem-dev
  libsqlite3-dev sqlite3
  libtomlplusplus-dev libpugixml-dev
  googletest libgtest-dev libgmock-dev
  mingw-w64-x86-64-dev g++-mingw-w64-x86-64-posix
  libc6-dev-arm64-cross libstdc++-12-dev-arm64-cross
  python3 python3-jsonschema python3-yaml chromium
  zlib1g-dev libzstd-dev libedit-dev libxml2-dev libffi-dev libcurl4-openssl-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
