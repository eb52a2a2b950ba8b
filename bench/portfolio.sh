#!/usr/bin/env bash
# `portolan plan` of a generated portfolio of 250, 500 and 1,000 systems
# over a handful of real trees (bench/README.md, "A portfolio of 1,000
# systems").
#
#   bench/portfolio.sh [-o OUTDIR] [TREE...]   (default: zstd libuv putty base64 libwebp)
#
# TREE is a folder under $BENCH_DATA/src (fetch-corpora.sh). First the
# trees are scanned once into a results file (a plan of one system per
# tree); then, for each size, timed by /usr/bin/time:
#   - `plan` with that results file (each tree's stored scan reused, its
#     copies planned from it);
#   - `plan --from` the results file (no scanning at all);
# and the two plans must be the same but for their date. Prints a Markdown
# table; OUTDIR keeps the inventories, plans and the results file.
#
# Environment: PORTOLAN_BUILD (default: build/release next to this script),
# BENCH_DATA (/work/bench-data).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
BENCH_DATA=${BENCH_DATA:-/work/bench-data}
P=${PORTOLAN_BUILD:-$repo/build/release}/bin/portolan
out=$BENCH_DATA/results/portfolio-$(date -u +%Y%m%dT%H%M%SZ)
if [ "${1:-}" = -o ]; then out=$2; shift 2; fi
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(zstd libuv putty base64 libwebp)
trees=()
for t in "${names[@]}"; do trees+=("$BENCH_DATA/src/$t"); done
mkdir -p "$out" && cd "$out"
rm -f results.db*

python3 "$here/portfolio.py" "${#trees[@]}" trees.toml "${trees[@]}"
/usr/bin/time -f "%e %M" -o prime.time "$P" plan trees.toml --db results.db -j 2 -o /dev/null 2>>stderr.txt
read -r s kb <prime.time
echo "| systems | command | wall s | peak RSS MB | plans equal |"
echo "|---:|---|---:|---:|---|"
echo "| ${#trees[@]} | plan (the trees scanned cold, -j 2) | $s | $((kb / 1024)) | |"
for n in 250 500 1000; do
  python3 "$here/portfolio.py" $n inv$n.toml "${trees[@]}"
  /usr/bin/time -f "%e %M" -o plan$n.time "$P" plan inv$n.toml --db results.db -j 2 --format json -o plan$n.json 2>>stderr.txt
  /usr/bin/time -f "%e %M" -o from$n.time "$P" plan inv$n.toml --from results.db --format json -o from$n.json 2>>stderr.txt
  same=$(diff <(grep -v '"generated_at"' plan$n.json) <(grep -v '"generated_at"' from$n.json) >/dev/null && echo yes || echo NO)
  read -r s kb <plan$n.time
  echo "| $n | plan (stored scans reused) | $s | $((kb / 1024)) | |"
  read -r s kb <from$n.time
  echo "| $n | plan --from (no scan) | $s | $((kb / 1024)) | $same |"
done
