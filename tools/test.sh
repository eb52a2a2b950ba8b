#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Portolan and runs the whole test
# suite: the release build's, the same suite again under AddressSanitizer and
# UndefinedBehaviorSanitizer (with every fuzz target over its seeds), and
# each fuzz target for a short fixed time. The README's second command; CI
# runs it through .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup-debian.sh
cmake --workflow --preset release
cmake --workflow --preset sanitize
bash tests/fuzz/run.sh -t "${PORTOLAN_FUZZ_SECONDS:-30}"
