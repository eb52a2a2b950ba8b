#!/usr/bin/env bash
# Notepad++ cold scans side by side: as a new user ran it before Visual
# Studio projects were read (`portolan scan .`, commands inferred, every
# unit's system headers parsed in full), through its Visual Studio solution
# the same way (the default), and through the solution with shared
# precompiled prefixes (--shared-prefix). See bench/README.md, section
# "Notepad++ through its solution".
#
#   bench/notepadpp.sh [-n RUNS] [-j JOBS] [-o OUTDIR]
#
#   -n RUNS   runs of each configuration (default 1); medians are reported
#   -j JOBS   Portolan's -j (default 2)
#   -o OUTDIR logs, reports and table.md (default $BENCH_DATA/results/npp-<UTC date-time>)
#
# Environment: PORTOLAN (default: build/release/bin/portolan of this
# repository), BENCH_DATA (/work/bench-data; the tree is
# $BENCH_DATA/src/notepadpp, fetched by bench/fetch-corpora.sh), NICE (10).
#
# Each run uses a new results file; /usr/bin/time gives wall time, CPU
# (user+sys) and peak RSS. The findings of the two solution scans are
# compared by (file, line, column, rule, symbol); the table says whether
# they are equal.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
BENCH_DATA=${BENCH_DATA:-/work/bench-data}
PORTOLAN=${PORTOLAN:-$repo/build/release/bin/portolan}
NICE=${NICE:-10}
runs=1 jobs=2 out=
while getopts "n:j:o:h" opt; do
  case $opt in
    n) runs=$OPTARG ;;
    j) jobs=$OPTARG ;;
    o) out=$OPTARG ;;
    *) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 1 ;;
  esac
done
tree=$BENCH_DATA/src/notepadpp
[[ -d $tree/PowerEditor ]] || { echo "notepadpp.sh: $tree is missing: run bench/fetch-corpora.sh" >&2; exit 2; }
[[ -x $PORTOLAN ]] || { echo "notepadpp.sh: no Portolan at $PORTOLAN" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "notepadpp.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
out=${out:-$BENCH_DATA/results/npp-$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$out"

sln=PowerEditor/visual.net/notepadPlus.sln
declare -A ARGS=(
  [inferred]=""
  [solution-full]="-p $sln"
  [solution-shared]="-p $sln --shared-prefix"
)
configs=(inferred solution-full solution-shared)

echo "config,run,wall_s,cpu_s,rss_mb,units,units_with_errors,findings" >"$out/raw.csv"
for c in "${configs[@]}"; do
  for r in $(seq 1 "$runs"); do
    db=$out/$c-$r.db
    rm -f "$db"
    # shellcheck disable=SC2086
    (cd "$tree" && nice -n "$NICE" /usr/bin/time -f "%e %U %S %M" -o "$out/$c-$r.time" \
      "$PORTOLAN" scan . ${ARGS[$c]} -j "$jobs" --db "$db" --format json -o "$out/$c-$r.json" \
      2>"$out/$c-$r.log")
    read -r wall user sys rss <"$out/$c-$r.time"
    summary=$(python3 -c '
import json,sys
s=json.load(open(sys.argv[1]))["summary"]
print(s["units"], s["units_with_errors"], s["findings"])' "$out/$c-$r.json")
    read -r units errors findings <<<"$summary"
    cpu=$(python3 -c "print(round($user+$sys,1))")
    echo "$c,$r,$wall,$cpu,$((rss / 1024)),$units,$errors,$findings" | tee -a "$out/raw.csv"
  done
done

python3 - "$out" "$runs" <<'EOF' | tee "$out/table.md"
import csv, json, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
rows = list(csv.DictReader(open(f"{out}/raw.csv")))
def med(c, k):
    return statistics.median(float(r[k]) for r in rows if r["config"] == c)
def keys(path):
    return {(f["file"], f["line"], f["column"], f["rule"], f["symbol"])
            for f in json.load(open(path))["findings"]}
full, shared = keys(f"{out}/solution-full-1.json"), keys(f"{out}/solution-shared-1.json")
base = med("inferred", "wall_s")
print(f"Medians of {runs} run(s). ÷ inferred: wall time over the inferred scan's.\n")
print("| configuration | wall s | CPU s | peak RSS MB | units | with errors | findings | ÷ inferred |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for c in ("inferred", "solution-full", "solution-shared"):
    print(f"| {c} | {med(c,'wall_s'):.1f} | {med(c,'cpu_s'):.1f} | {med(c,'rss_mb'):.0f} | "
          f"{med(c,'units'):.0f} | {med(c,'units_with_errors'):.0f} | {med(c,'findings'):.0f} | "
          f"{med(c,'wall_s')/base:.2f} |")
print(f"\nsolution-shared ÷ solution-full: wall {med('solution-shared','wall_s')/med('solution-full','wall_s'):.2f}, "
      f"CPU {med('solution-shared','cpu_s')/med('solution-full','cpu_s'):.2f}")
print(f"findings of the two solution scans: {len(full)} and {len(shared)}, "
      f"{'equal' if full == shared else f'{len(shared - full)} only shared, {len(full - shared)} only full'}")
EOF
