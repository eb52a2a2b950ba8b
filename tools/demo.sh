#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Portolan and scans the bundled
# example. The README's first command.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup-debian.sh
cmake --preset release
cmake --build --preset release
build/release/bin/portolan scan examples/imaging-app --db build/release/demo/results.db "$@"
