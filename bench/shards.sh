#!/usr/bin/env bash
# Sharded scans against one process, and the merge's cost (bench/README.md,
# "Shards and merge").
#
#   bench/shards.sh [-o OUTDIR] [TREE...]      (default trees: zstd curl)
#
# TREE is a folder name under $BENCH_DATA/src (fetch-corpora.sh). For each
# tree, all cold (a results file of its own each time):
#   - one process, -j 2;
#   - N = 2 and 4 shard processes side by side on this machine, the 2
#     cores shared (-j 1 each), then merged;
#   - the same N shards one after another, -j 2 each: the slowest one is
#     what N nodes of this machine's size would take, their sum the work
#     the split costs in all;
# and checks that the merged run's report is the single process's
# (tests/shards/same_report.py), its findings byte for byte. Prints a Markdown table; OUTDIR keeps the
# results files, reports and /usr/bin/time logs.
#
# Environment: PORTOLAN_BUILD (default: build/release next to this script),
# BENCH_DATA (/work/bench-data).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
BENCH_DATA=${BENCH_DATA:-/work/bench-data}
P=${PORTOLAN_BUILD:-$repo/build/release}/bin/portolan
out=$BENCH_DATA/results/shards-$(date -u +%Y%m%dT%H%M%SZ)
if [ "${1:-}" = -o ]; then out=$2; shift 2; fi
trees=("$@")
[ ${#trees[@]} -gt 0 ] || trees=(zstd curl)
mkdir -p "$out"
same=$repo/tests/shards/same_report.py

# timed LOG CMD...: runs CMD under /usr/bin/time into LOG ("seconds KB").
timed() { local log=$1; shift; /usr/bin/time -f "%e %M" -o "$log" "$@" >/dev/null 2>>"$out/stderr.txt"; }
secs() { cut -d' ' -f1 "$1"; }
# equal A B: "yes" when the reports are the same (same_report.py) and their
# findings arrays byte for byte.
equal() {
  python3 "$same" --findings "$1" "$2" >/dev/null && cmp -s "$1.findings" "$2.findings" &&
    echo yes || echo NO
}
rss_mb() { awk '{printf "%d", $2 / 1024}' "$1"; }

echo "| tree | mode | wall s | slowest shard s (N nodes) | sum of shards s | merge s | peak RSS MB (a process) | merged = single |"
echo "|---|---|---:|---:|---:|---:|---:|---|"
for t in "${trees[@]}"; do
  src=$BENCH_DATA/src/$t
  d=$out/$t && rm -rf "$d" && mkdir -p "$d"
  timed "$d/single.time" "$P" scan "$src" --db "$d/single.db" -j 2 --format json -o "$d/single.json"
  echo "| $t | 1 process, -j 2 | $(secs "$d/single.time") | | | | $(rss_mb "$d/single.time") | |"
  for n in 2 4; do
    # Side by side on this machine.
    start=$(date +%s.%N)
    for ((i = 0; i < n; i++)); do
      timed "$d/side$n-$i.time" "$P" scan "$src" --shard $i/$n --db "$d/side$n-$i.db" -j 1 -o /dev/null &
    done
    wait
    wall=$(echo "$(date +%s.%N) - $start" | bc)
    timed "$d/merge$n.time" "$P" merge "$d"/side$n-*.db --db "$d/side$n-all.db"
    "$P" report "$src" --db "$d/side$n-all.db" --format json -o "$d/side$n.json"
    eq=$(equal "$d/single.json" "$d/side$n.json")
    rss=$(for ((i = 0; i < n; i++)); do rss_mb "$d/side$n-$i.time"; echo; done | sort -n | tail -1)
    printf '| %s | %d shards side by side, -j 1 each | %.2f | | | %s | %s | %s |\n' \
      "$t" "$n" "$wall" "$(secs "$d/merge$n.time")" "$rss" "$eq"
    # One after another, as N nodes would run them.
    for ((i = 0; i < n; i++)); do
      timed "$d/node$n-$i.time" "$P" scan "$src" --shard $i/$n --db "$d/node$n-$i.db" -j 2 -o /dev/null
    done
    slowest=$(for ((i = 0; i < n; i++)); do secs "$d/node$n-$i.time"; done | sort -g | tail -1)
    sum=$(for ((i = 0; i < n; i++)); do secs "$d/node$n-$i.time"; done | paste -sd+ | bc)
    timed "$d/nodemerge$n.time" "$P" merge "$d"/node$n-*.db --db "$d/node$n-all.db"
    "$P" report "$src" --db "$d/node$n-all.db" --format json -o "$d/node$n.json"
    eq=$(equal "$d/single.json" "$d/node$n.json")
    rss=$(for ((i = 0; i < n; i++)); do rss_mb "$d/node$n-$i.time"; echo; done | sort -n | tail -1)
    echo "| $t | $n shards, one per node, -j 2 each | | $slowest | $sum | $(secs "$d/nodemerge$n.time") | $rss | $eq |"
  done
done
