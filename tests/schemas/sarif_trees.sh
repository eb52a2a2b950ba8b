#!/bin/sh
# SARIF of every fixture tree and of the example portfolio's plan, checked
# against the SARIF 2.1.0 schema by check_sarif.py.
# Usage: sarif_trees.sh PORTOLAN WORKDIR SOURCE_DIR
set -eu
portolan=$1 work=$2 src=$3
rm -rf "$work" && mkdir -p "$work"
check="python3 $src/tests/schemas/check_sarif.py $src/tests/schemas/sarif-schema-2.1.0.json"

"$portolan" scan "$src/tests/fixtures/mini-repo" --db "$work/r.db" -j 2 --format sarif -o "$work/mini-repo.sarif"
"$portolan" scan "$src/tests/fixtures/msbuild" -p "$src/tests/fixtures/msbuild/suite.sln" \
  --db "$work/r.db" -j 2 --format sarif -o "$work/msbuild.sarif"
"$portolan" scan "$src/examples/imaging-app" --db "$work/r.db" -j 2 --format sarif -o "$work/imaging-app.sarif"
# Against a baseline: results carry their baseline state; fixed ones are absent results.
"$portolan" scan "$src/examples/imaging-app" --db "$work/r.db" -j 2 --format sarif \
  --baseline "$work/mini-repo.sarif" -o "$work/against-baseline.sarif"
# With a project configuration: suppressed results and configured levels.
cp -r "$src/examples/imaging-app" "$work/configured"
printf '[rules]\n"win32.*" = "note"\n[[suppress]]\npath = "src/levels_avx2.c"\nreason = "replaced by NEON"\n' \
  >"$work/configured/portolan.toml"
"$portolan" scan "$work/configured" --db "$work/r.db" -j 2 --format sarif -o "$work/configured.sarif"
"$portolan" plan "$src/examples/portfolio/inventory.toml" --db "$work/p.db" -j 2 --format sarif \
  -o "$work/portfolio.sarif"
$check "$work/mini-repo.sarif" "$work/msbuild.sarif" "$work/imaging-app.sarif" \
  "$work/against-baseline.sarif" "$work/configured.sarif" "$work/portfolio.sarif"
grep -q '"baselineState": "absent"' "$work/against-baseline.sarif"
grep -q '"baselineState": "new"' "$work/against-baseline.sarif"
grep -q '"justification": "replaced by NEON"' "$work/configured.sarif"
echo "SARIF of 5 trees and 5 systems valid"
