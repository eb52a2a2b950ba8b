#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Portolan and plans the migration
# of the bundled example portfolio (examples/portfolio): each system is
# scanned, costed on every target CPU, put in its tier and packed into
# waves. The README's first command. The plan is printed, and written as
# JSON, Markdown, CSV and HTML to build/release/demo/plan/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup-debian.sh
cmake --preset release
cmake --build --preset release
build/release/bin/portolan plan examples/portfolio/inventory.toml \
  --db build/release/demo/results.db --out-dir build/release/demo/plan "$@"
