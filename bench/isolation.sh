#!/usr/bin/env bash
# What parsing in worker processes costs (issue 15's target: at most 10%
# on zstd cold): cold scans of the same trees with the default worker
# processes and with --in-process, interleaved run by run so that both
# see the same machine. See bench/README.md, section "Worker processes".
#
#   bench/isolation.sh [-n RUNS] [-j JOBS] [-o OUTDIR] [TREE...]
#
#   -n RUNS   runs of each mode per tree (default 5); medians are reported
#   -j JOBS   Portolan's -j (default 2)
#   -o OUTDIR raw.csv and table.md (default $BENCH_DATA/results/isolation-<UTC date-time>)
#   TREE      names under $BENCH_DATA/src (default: zstd)
#
# Environment: PORTOLAN (default: build/release/bin/portolan of this
# repository), BENCH_DATA (/work/bench-data; trees fetched by
# bench/fetch-corpora.sh).
#
# Each run uses a new results file; /usr/bin/time gives wall time, CPU
# (user+sys, the workers included) and the peak RSS of the largest process.
# The findings of the two modes are compared by (file, line, column, rule,
# symbol); the table says whether they are equal.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
BENCH_DATA=${BENCH_DATA:-/work/bench-data}
PORTOLAN=${PORTOLAN:-$repo/build/release/bin/portolan}
runs=5 jobs=2 out=
while getopts "n:j:o:h" opt; do
  case $opt in
    n) runs=$OPTARG ;;
    j) jobs=$OPTARG ;;
    o) out=$OPTARG ;;
    *) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 1 ;;
  esac
done
shift $((OPTIND - 1))
trees=("$@")
[[ ${#trees[@]} -gt 0 ]] || trees=(zstd)
[[ -x $PORTOLAN ]] || { echo "isolation.sh: no Portolan at $PORTOLAN" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "isolation.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
out=${out:-$BENCH_DATA/results/isolation-$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$out"

keys() {
  python3 -c 'import json,sys
for f in json.load(open(sys.argv[1]))["findings"]:
    print(f["file"], f["line"], f["column"], f["rule"], f["symbol"])' "$1" | sort
}

echo "tree,mode,run,wall_s,cpu_s,rss_mb" >"$out/raw.csv"
for t in "${trees[@]}"; do
  [[ -d $BENCH_DATA/src/$t ]] || { echo "isolation.sh: $BENCH_DATA/src/$t is missing: run bench/fetch-corpora.sh" >&2; exit 2; }
  for r in $(seq 1 "$runs"); do
    for mode in workers in-process; do
      flag=; [[ $mode == in-process ]] && flag=--in-process
      base=$out/$t-$mode-$r
      rm -f "$base.db"
      # shellcheck disable=SC2086
      /usr/bin/time -f "%e %U %S %M" -o "$base.time" "$PORTOLAN" scan "$BENCH_DATA/src/$t" \
        --db "$base.db" -j "$jobs" --format json -o "$base.json" $flag 2>"$base.log" ||
        { echo "isolation.sh: $t $mode run $r failed (see $base.log)" >&2; exit 1; }
      read -r wall user sys rss <"$base.time"
      echo "$t,$mode,$r,$wall,$(awk "BEGIN{print $user + $sys}"),$((rss / 1024))" >>"$out/raw.csv"
    done
  done
  same=no
  cmp -s <(keys "$out/$t-workers-1.json") <(keys "$out/$t-in-process-1.json") && same=yes
  echo "$t,findings-equal,$same" >>"$out/equal.csv"
done

python3 - "$out" <<'PY'
import csv, statistics, sys
out = sys.argv[1]
rows = list(csv.DictReader(open(f"{out}/raw.csv")))
equal = {l.split(",")[0]: l.strip().split(",")[2] for l in open(f"{out}/equal.csv")}
lines = ["| tree | mode | wall s | CPU s | peak RSS MB | findings equal |", "|---|---|---|---|---|---|"]
for tree in dict.fromkeys(r["tree"] for r in rows):
    med = {}
    for mode in ("workers", "in-process"):
        sel = [r for r in rows if r["tree"] == tree and r["mode"] == mode]
        med[mode] = [statistics.median(float(r[k]) for r in sel) for k in ("wall_s", "cpu_s", "rss_mb")]
        lines.append(f"| {tree} | {mode} | {med[mode][0]:.2f} | {med[mode][1]:.2f} | {med[mode][2]:.0f} | {equal[tree]} |")
    w, i = med["workers"], med["in-process"]
    lines.append(f"| {tree} | ratio workers/in-process | {w[0]/i[0]:.3f} | {w[1]/i[1]:.3f} | {w[2]/i[2]:.3f} | |")
open(f"{out}/table.md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
