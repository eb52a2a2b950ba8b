#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Portolan and runs the whole test
# suite. The README's second command; CI runs it through .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup-debian.sh
cmake --workflow --preset release
